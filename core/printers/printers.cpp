#include "printers/printers.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "printers/tabwriter.h"
#include "util/timefmt.h"

namespace podplay {
namespace {

const json& nullJson() {
  static const json k = nullptr;
  return k;
}
const json& emptyArr() {
  static const json k = json::array();
  return k;
}

const json& at(const json& o, const char* k) {
  if (!o.is_object()) return nullJson();
  auto it = o.find(k);
  return it == o.end() ? nullJson() : *it;
}
const json& arr(const json& o, const char* k) {
  const json& v = at(o, k);
  return v.is_array() ? v : emptyArr();
}
bool jbool(const json& o, const char* k) {
  const json& v = at(o, k);
  return v.is_boolean() && v.get<bool>();
}
std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}
std::string upper(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}
std::string join(const std::vector<std::string>& v, const std::string& sep) {
  std::string r;
  for (size_t i = 0; i < v.size(); ++i) {
    if (i) r += sep;
    r += v[i];
  }
  return r;
}
std::string orNone(const std::string& s) { return s.empty() ? "<none>" : s; }

// A JSON scalar rendered like Go's %v of the unstructured value (quantities may be numbers).
std::string scalarText(const json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_number_integer()) return std::to_string(v.get<int64_t>());
  if (v.is_number_unsigned()) return std::to_string(v.get<uint64_t>());
  if (v.is_number_float()) {
    double d = v.get<double>();
    if (d == static_cast<double>(static_cast<int64_t>(d))) return std::to_string(static_cast<int64_t>(d));
    return v.dump();
  }
  if (v.is_boolean()) return v.get<bool>() ? "true" : "false";
  return "";
}

struct KindDef {
  const char* kind;
  const char* prefix;
  bool namespaced;
  std::vector<const char*> aliases;
};
const std::vector<KindDef>& kindDefs() {
  static const std::vector<KindDef> k = {
      {"Pod", "pod", true, {"pod", "pods", "po"}},
      {"Node", "node", false, {"node", "nodes", "no"}},
      {"Event", "event", true, {"event", "events", "ev"}},
      {"Namespace", "namespace", false, {"namespace", "namespaces", "ns"}},
      {"Service", "service", true, {"service", "services", "svc"}},
      {"Deployment", "deployment.apps", true, {"deployment", "deployments", "deploy"}},
      {"ReplicaSet", "replicaset.apps", true, {"replicaset", "replicasets", "rs"}},
      {"HorizontalPodAutoscaler", "horizontalpodautoscaler.autoscaling", true,
       {"horizontalpodautoscaler", "horizontalpodautoscalers", "hpa"}},
      {"Endpoints", "endpoints", true, {"endpoints", "ep"}},
  };
  return k;
}
const KindDef* findDef(const std::string& kindOrAlias) {
  std::string l = lower(kindOrAlias);
  auto dot = l.find('.');
  if (dot != std::string::npos) l = l.substr(0, dot);
  for (const auto& d : kindDefs()) {
    if (lower(d.kind) == l) return &d;
    for (const char* a : d.aliases)
      if (l == a) return &d;
  }
  return nullptr;
}

// ---- pods ----

bool isRestartableInit(const json& pod, const std::string& name) {
  for (const auto& c : arr(at(pod, "spec"), "initContainers"))
    if (jstr(c, "name") == name) return jstr(c, "restartPolicy") == "Always";
  return false;
}

bool conditionTrue(const json& status, const char* type) {
  for (const auto& c : arr(status, "conditions"))
    if (jstr(c, "type") == type) return jstr(c, "status") == "True";
  return false;
}

bool parseTs(const json& ts, Time& out) {
  if (!ts.is_string()) return false;
  const std::string& s = ts.get_ref<const std::string&>();
  if (s.empty()) return false;
  return parseRfc3339(s, out);
}

struct PodSummary {
  std::string reason;
  int ready = 0;
  int total = 0;
  int64_t restarts = 0;
  bool hasLastRestart = false;
  Time lastRestart = 0;
};

void noteTermination(const json& cs, bool& has, Time& last) {
  const json& term = at(at(cs, "lastState"), "terminated");
  if (!term.is_object()) return;
  Time t;
  if (!parseTs(at(term, "finishedAt"), t)) return;
  if (!has || t > last) {
    has = true;
    last = t;
  }
}

PodSummary summarizePod(const json& pod) {
  PodSummary s;
  const json& spec = at(pod, "spec");
  const json& status = at(pod, "status");
  s.total = static_cast<int>(arr(spec, "containers").size());
  std::string phase = jstr(status, "phase");
  s.reason = phase;
  if (!jstr(status, "reason").empty()) s.reason = jstr(status, "reason");
  for (const auto& c : arr(status, "conditions"))
    if (jstr(c, "type") == "PodScheduled" && jstr(c, "reason") == "SchedulingGated")
      s.reason = "SchedulingGated";

  const json& initSpecs = arr(spec, "initContainers");
  for (const auto& c : initSpecs)
    if (jstr(c, "restartPolicy") == "Always") ++s.total;

  int64_t sidecarRestarts = 0;
  bool hasSidecarLast = false;
  Time sidecarLast = 0;
  bool initializing = false;
  const json& initStatuses = arr(status, "initContainerStatuses");
  for (size_t i = 0; i < initStatuses.size(); ++i) {
    const json& cs = initStatuses[i];
    s.restarts += jint(cs, "restartCount");
    noteTermination(cs, s.hasLastRestart, s.lastRestart);
    bool sidecar = isRestartableInit(pod, jstr(cs, "name"));
    if (sidecar) {
      sidecarRestarts += jint(cs, "restartCount");
      noteTermination(cs, hasSidecarLast, sidecarLast);
    }
    const json& state = at(cs, "state");
    const json& term = at(state, "terminated");
    const json& waiting = at(state, "waiting");
    if (term.is_object() && jint(term, "exitCode") == 0) continue;
    if (sidecar && jbool(cs, "started")) {
      if (jbool(cs, "ready")) ++s.ready;
      continue;
    }
    if (term.is_object()) {
      std::string r = jstr(term, "reason");
      if (r.empty()) {
        if (jint(term, "signal") != 0) r = "Signal:" + std::to_string(jint(term, "signal"));
        else r = "ExitCode:" + std::to_string(jint(term, "exitCode"));
      }
      s.reason = "Init:" + r;
    } else if (waiting.is_object() && !jstr(waiting, "reason").empty() &&
               jstr(waiting, "reason") != "PodInitializing") {
      s.reason = "Init:" + jstr(waiting, "reason");
    } else {
      s.reason = "Init:" + std::to_string(i) + "/" + std::to_string(initSpecs.size());
    }
    initializing = true;
    break;
  }

  if (!initializing || conditionTrue(status, "Initialized")) {
    s.restarts = sidecarRestarts;
    s.hasLastRestart = hasSidecarLast;
    s.lastRestart = sidecarLast;
    bool hasRunning = false;
    const json& statuses = arr(status, "containerStatuses");
    for (size_t k = statuses.size(); k-- > 0;) {
      const json& cs = statuses[k];
      s.restarts += jint(cs, "restartCount");
      noteTermination(cs, s.hasLastRestart, s.lastRestart);
      const json& state = at(cs, "state");
      const json& term = at(state, "terminated");
      const json& waiting = at(state, "waiting");
      if (waiting.is_object() && !jstr(waiting, "reason").empty()) {
        s.reason = jstr(waiting, "reason");
      } else if (term.is_object() && !jstr(term, "reason").empty()) {
        s.reason = jstr(term, "reason");
      } else if (term.is_object()) {
        if (jint(term, "signal") != 0) s.reason = "Signal:" + std::to_string(jint(term, "signal"));
        else s.reason = "ExitCode:" + std::to_string(jint(term, "exitCode"));
      } else if (jbool(cs, "ready") && at(state, "running").is_object()) {
        hasRunning = true;
        ++s.ready;
      }
    }
    if (s.reason == "Completed" && hasRunning) {
      s.reason = conditionTrue(status, "Ready") ? "Running" : "NotReady";
    }
  }

  bool deleting = !at(at(pod, "metadata"), "deletionTimestamp").is_null();
  if (deleting && jstr(status, "reason") == "NodeLost") {
    s.reason = "Unknown";
  } else if (deleting && phase != "Succeeded" && phase != "Failed") {
    s.reason = "Terminating";
  }
  return s;
}

std::string restartsText(const PodSummary& s, Time now) {
  std::string r = std::to_string(s.restarts);
  if (s.restarts != 0 && s.hasLastRestart) r += " (" + humanDuration(now - s.lastRestart) + " ago)";
  return r;
}

std::string age(const json& obj, Time now) {
  return translateTimestampSince(at(at(obj, "metadata"), "creationTimestamp"), now);
}

std::vector<std::string> podCells(const json& pod, const PrintOptions& o, Time now) {
  PodSummary s = summarizePod(pod);
  std::vector<std::string> c = {jstr(at(pod, "metadata"), "name"),
                                std::to_string(s.ready) + "/" + std::to_string(s.total), s.reason,
                                restartsText(s, now), age(pod, now)};
  if (o.wide) {
    const json& status = at(pod, "status");
    std::string ip;
    const json& ips = arr(status, "podIPs");
    if (!ips.empty()) ip = jstr(ips[0], "ip");
    std::string gates = "<none>";
    const json& rg = arr(at(pod, "spec"), "readinessGates");
    if (!rg.empty()) {
      int t = 0;
      for (const auto& g : rg) {
        std::string ct = jstr(g, "conditionType");
        for (const auto& cond : arr(status, "conditions")) {
          if (jstr(cond, "type") == ct) {
            if (jstr(cond, "status") == "True") ++t;
            break;
          }
        }
      }
      gates = std::to_string(t) + "/" + std::to_string(rg.size());
    }
    c.push_back(orNone(ip));
    c.push_back(orNone(jstr(at(pod, "spec"), "nodeName")));
    c.push_back(orNone(jstr(status, "nominatedNodeName")));
    c.push_back(gates);
  }
  return c;
}

// ---- nodes ----

std::string nodeAddress(const json& node, const char* type) {
  for (const auto& a : arr(at(node, "status"), "addresses"))
    if (jstr(a, "type") == type) return jstr(a, "address");
  return "<none>";
}

std::vector<std::string> nodeCells(const json& node, const PrintOptions& o, Time now) {
  const json& info = at(at(node, "status"), "nodeInfo");
  std::vector<std::string> c = {jstr(at(node, "metadata"), "name"), nodeStatus(node), nodeRoles(node),
                                age(node, now), jstr(info, "kubeletVersion")};
  if (o.wide) {
    auto unk = [](const std::string& s) { return s.empty() ? std::string("<unknown>") : s; };
    c.push_back(nodeAddress(node, "InternalIP"));
    c.push_back(nodeAddress(node, "ExternalIP"));
    c.push_back(unk(jstr(info, "osImage")));
    c.push_back(unk(jstr(info, "kernelVersion")));
    c.push_back(unk(jstr(info, "containerRuntimeVersion")));
  }
  return c;
}

// ---- events ----

std::string microSince(const json& ts, Time now) { return translateTimestampSince(ts, now); }

std::vector<std::string> eventCells(const json& ev, const PrintOptions& o, Time now) {
  std::string first = translateTimestampSince(at(ev, "firstTimestamp"), now);
  Time tmp;
  if (!parseTs(at(ev, "firstTimestamp"), tmp)) first = microSince(at(ev, "eventTime"), now);
  std::string last = translateTimestampSince(at(ev, "lastTimestamp"), now);
  if (!parseTs(at(ev, "lastTimestamp"), tmp)) last = first;
  int64_t count = jint(ev, "count");
  const json& series = at(ev, "series");
  if (series.is_object()) {
    last = microSince(at(series, "lastObservedTime"), now);
    count = jint(series, "count");
  } else if (count == 0) {
    count = 1;
  }
  const json& inv = at(ev, "involvedObject");
  std::string target = lower(jstr(inv, "kind"));
  if (!jstr(inv, "name").empty()) target += "/" + jstr(inv, "name");
  std::string msg = jstr(ev, "message");
  {
    size_t b = msg.find_first_not_of(" \t\n\r\v\f");
    size_t e = msg.find_last_not_of(" \t\n\r\v\f");
    msg = b == std::string::npos ? "" : msg.substr(b, e - b + 1);
  }
  if (!o.wide) return {last, jstr(ev, "type"), jstr(ev, "reason"), target, msg};
  const json& src = at(ev, "source");
  std::string comp = jstr(src, "component");
  if (comp.empty()) comp = jstr(ev, "reportingController");
  std::string host = jstr(src, "host");
  if (host.empty()) host = jstr(ev, "reportingInstance");
  std::string source = host.empty() ? comp : comp + ", " + host;
  return {last, jstr(ev, "type"), jstr(ev, "reason"), target, jstr(inv, "fieldPath"), source, msg, first,
          std::to_string(count), jstr(at(ev, "metadata"), "name")};
}

// ---- namespaces ----

std::vector<std::string> namespaceCells(const json& ns, const PrintOptions&, Time now) {
  return {jstr(at(ns, "metadata"), "name"), jstr(at(ns, "status"), "phase"), age(ns, now)};
}

// ---- services ----

std::string lbIngress(const json& svc, bool wide) {
  std::set<std::string> res;
  for (const auto& i : arr(at(at(svc, "status"), "loadBalancer"), "ingress")) {
    if (!jstr(i, "ip").empty()) res.insert(jstr(i, "ip"));
    else if (!jstr(i, "hostname").empty()) res.insert(jstr(i, "hostname"));
  }
  std::string r = join(std::vector<std::string>(res.begin(), res.end()), ",");
  if (!wide && r.size() > 16) r = r.substr(0, 13) + "...";
  return r;
}

std::string serviceExternalIP(const json& svc, bool wide) {
  const json& spec = at(svc, "spec");
  std::string type = jstr(spec, "type");
  if (type.empty()) type = "ClusterIP";
  std::vector<std::string> ext;
  for (const auto& e : arr(spec, "externalIPs")) ext.push_back(scalarText(e));
  if (type == "ClusterIP" || type == "NodePort") return ext.empty() ? "<none>" : join(ext, ",");
  if (type == "LoadBalancer") {
    std::string lb = lbIngress(svc, wide);
    if (!ext.empty()) {
      std::vector<std::string> res;
      if (!lb.empty()) {
        size_t p = 0;
        while (true) {
          size_t q = lb.find(',', p);
          res.push_back(lb.substr(p, q == std::string::npos ? std::string::npos : q - p));
          if (q == std::string::npos) break;
          p = q + 1;
        }
      }
      res.insert(res.end(), ext.begin(), ext.end());
      return join(res, ",");
    }
    return lb.empty() ? "<pending>" : lb;
  }
  if (type == "ExternalName") return jstr(spec, "externalName");
  return "<unknown>";
}

std::vector<std::string> serviceCells(const json& svc, const PrintOptions& o, Time now) {
  const json& spec = at(svc, "spec");
  std::string type = jstr(spec, "type");
  if (type.empty()) type = "ClusterIP";
  std::string cip = "<none>";
  const json& cips = arr(spec, "clusterIPs");
  if (!cips.empty()) cip = scalarText(cips[0]);
  else if (!jstr(spec, "clusterIP").empty()) cip = jstr(spec, "clusterIP");
  std::vector<std::string> ports;
  for (const auto& p : arr(spec, "ports")) {
    std::string proto = jstr(p, "protocol");
    if (proto.empty()) proto = "TCP";
    int64_t np = jint(p, "nodePort");
    if (np > 0) ports.push_back(std::to_string(jint(p, "port")) + ":" + std::to_string(np) + "/" + proto);
    else ports.push_back(std::to_string(jint(p, "port")) + "/" + proto);
  }
  std::vector<std::string> c = {jstr(at(svc, "metadata"), "name"), type, cip, serviceExternalIP(svc, o.wide),
                                orNone(join(ports, ",")), age(svc, now)};
  if (o.wide) c.push_back(formatLabels(at(spec, "selector")));
  return c;
}

// ---- deployments / replicasets ----

void containerCells(const json& podSpec, std::string& names, std::string& images) {
  std::vector<std::string> n, i;
  for (const auto& c : arr(podSpec, "containers")) {
    n.push_back(jstr(c, "name"));
    i.push_back(jstr(c, "image"));
  }
  names = join(n, ",");
  images = join(i, ",");
}

std::vector<std::string> deploymentCells(const json& d, const PrintOptions& o, Time now) {
  const json& spec = at(d, "spec");
  const json& st = at(d, "status");
  std::vector<std::string> c = {jstr(at(d, "metadata"), "name"),
                                std::to_string(jint(st, "readyReplicas")) + "/" +
                                    std::to_string(jint(spec, "replicas", 1)),
                                std::to_string(jint(st, "updatedReplicas")),
                                std::to_string(jint(st, "availableReplicas")), age(d, now)};
  if (o.wide) {
    std::string n, i;
    containerCells(at(at(spec, "template"), "spec"), n, i);
    c.push_back(n);
    c.push_back(i);
    c.push_back(selectorString(at(spec, "selector")));
  }
  return c;
}

std::vector<std::string> replicaSetCells(const json& rs, const PrintOptions& o, Time now) {
  const json& spec = at(rs, "spec");
  const json& st = at(rs, "status");
  std::vector<std::string> c = {jstr(at(rs, "metadata"), "name"), std::to_string(jint(spec, "replicas", 1)),
                                std::to_string(jint(st, "replicas")), std::to_string(jint(st, "readyReplicas")),
                                age(rs, now)};
  if (o.wide) {
    std::string n, i;
    containerCells(at(at(spec, "template"), "spec"), n, i);
    c.push_back(n);
    c.push_back(i);
    c.push_back(selectorString(at(spec, "selector")));
  }
  return c;
}

// ---- hpa ----

std::string hpaMetrics(const json& hpa) {
  const json& specs = arr(at(hpa, "spec"), "metrics");
  const json& statuses = arr(at(hpa, "status"), "currentMetrics");
  if (specs.empty()) return "<none>";
  std::vector<std::string> list;
  auto st = [&](size_t i, const char* field) -> const json& {
    if (i < statuses.size()) return at(statuses[i], field);
    return nullJson();
  };
  for (size_t i = 0; i < specs.size(); ++i) {
    const json& m = specs[i];
    std::string type = jstr(m, "type");
    if (type == "External" || type == "Object") {
      const char* f = type == "External" ? "external" : "object";
      const json& target = at(at(m, f), "target");
      const json& cur = at(st(i, f), "current");
      if (!at(target, "averageValue").is_null()) {
        std::string current = "<unknown>";
        if (st(i, f).is_object() && !at(cur, "averageValue").is_null()) current = scalarText(at(cur, "averageValue"));
        list.push_back(current + "/" + scalarText(at(target, "averageValue")) + " (avg)");
      } else {
        std::string current = "<unknown>";
        if (st(i, f).is_object()) current = scalarText(at(cur, "value"));
        list.push_back(current + "/" + scalarText(at(target, "value")));
      }
    } else if (type == "Pods") {
      std::string current = "<unknown>";
      if (st(i, "pods").is_object()) current = scalarText(at(at(st(i, "pods"), "current"), "averageValue"));
      list.push_back(current + "/" + scalarText(at(at(at(m, "pods"), "target"), "averageValue")));
    } else if (type == "Resource" || type == "ContainerResource") {
      const char* f = type == "Resource" ? "resource" : "containerResource";
      const json& r = at(m, f);
      const json& target = at(r, "target");
      std::string name = jstr(r, "name");
      const json& cur = at(st(i, f), "current");
      if (!at(target, "averageValue").is_null()) {
        std::string current = "<unknown>";
        if (st(i, f).is_object()) current = scalarText(at(cur, "averageValue"));
        list.push_back(name + ": " + current + "/" + scalarText(at(target, "averageValue")));
      } else {
        std::string current = "<unknown>";
        if (st(i, f).is_object() && !at(cur, "averageUtilization").is_null())
          current = std::to_string(jint(cur, "averageUtilization")) + "%";
        std::string tgt = "<auto>";
        if (!at(target, "averageUtilization").is_null())
          tgt = std::to_string(jint(target, "averageUtilization")) + "%";
        list.push_back(name + ": " + current + "/" + tgt);
      }
    } else {
      list.push_back("<unknown type>");
    }
  }
  size_t count = list.size();
  if (count > 2) {
    list.resize(2);
    return join(list, ", ") + " + " + std::to_string(count - 2) + " more...";
  }
  return join(list, ", ");
}

std::vector<std::string> hpaCells(const json& hpa, const PrintOptions&, Time now) {
  const json& spec = at(hpa, "spec");
  const json& ref = at(spec, "scaleTargetRef");
  std::string minPods = "<unset>";
  if (!at(spec, "minReplicas").is_null()) minPods = std::to_string(jint(spec, "minReplicas"));
  return {jstr(at(hpa, "metadata"), "name"),
          jstr(ref, "kind") + "/" + jstr(ref, "name"),
          hpaMetrics(hpa),
          minPods,
          std::to_string(jint(spec, "maxReplicas")),
          std::to_string(jint(at(hpa, "status"), "currentReplicas")),
          age(hpa, now)};
}

// ---- endpoints ----

std::string joinHostPort(const std::string& host, const std::string& port) {
  if (host.find(':') != std::string::npos) return "[" + host + "]:" + port;
  return host + ":" + port;
}

std::string formatEndpoints(const json& ep) {
  const json& subsets = arr(ep, "subsets");
  if (subsets.empty()) return "<none>";
  std::vector<std::string> list;
  const size_t max = 3;
  bool more = false;
  size_t count = 0;
  for (const auto& ss : subsets) {
    const json& addrs = arr(ss, "addresses");
    const json& ports = arr(ss, "ports");
    if (ports.empty()) {
      count += addrs.size();
      for (const auto& a : addrs) {
        if (list.size() == max) {
          more = true;
          break;
        }
        list.push_back(jstr(a, "ip"));
      }
      continue;
    }
    for (const auto& p : ports) {
      count += addrs.size();
      for (const auto& a : addrs) {
        if (list.size() == max) {
          more = true;
          break;
        }
        list.push_back(joinHostPort(jstr(a, "ip"), std::to_string(jint(p, "port"))));
      }
    }
  }
  std::string r = join(list, ",");
  if (more) r += " + " + std::to_string(count - max) + " more...";
  return r;
}

std::vector<std::string> endpointsCells(const json& ep, const PrintOptions&, Time now) {
  return {jstr(at(ep, "metadata"), "name"), formatEndpoints(ep), age(ep, now)};
}

std::vector<std::string> baseHeader(const std::string& kind, bool wide) {
  if (kind == "Pod") {
    if (wide) return {"NAME", "READY", "STATUS", "RESTARTS", "AGE", "IP", "NODE", "NOMINATED NODE", "READINESS GATES"};
    return {"NAME", "READY", "STATUS", "RESTARTS", "AGE"};
  }
  if (kind == "Node") {
    if (wide)
      return {"NAME", "STATUS", "ROLES", "AGE", "VERSION", "INTERNAL-IP", "EXTERNAL-IP", "OS-IMAGE",
              "KERNEL-VERSION", "CONTAINER-RUNTIME"};
    return {"NAME", "STATUS", "ROLES", "AGE", "VERSION"};
  }
  if (kind == "Event") {
    if (wide)
      return {"LAST SEEN", "TYPE", "REASON", "OBJECT", "SUBOBJECT", "SOURCE", "MESSAGE", "FIRST SEEN", "COUNT", "NAME"};
    return {"LAST SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE"};
  }
  if (kind == "Namespace") return {"NAME", "STATUS", "AGE"};
  if (kind == "Service") {
    if (wide) return {"NAME", "TYPE", "CLUSTER-IP", "EXTERNAL-IP", "PORT(S)", "AGE", "SELECTOR"};
    return {"NAME", "TYPE", "CLUSTER-IP", "EXTERNAL-IP", "PORT(S)", "AGE"};
  }
  if (kind == "Deployment") {
    if (wide) return {"NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE", "CONTAINERS", "IMAGES", "SELECTOR"};
    return {"NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE"};
  }
  if (kind == "ReplicaSet") {
    if (wide) return {"NAME", "DESIRED", "CURRENT", "READY", "AGE", "CONTAINERS", "IMAGES", "SELECTOR"};
    return {"NAME", "DESIRED", "CURRENT", "READY", "AGE"};
  }
  if (kind == "HorizontalPodAutoscaler")
    return {"NAME", "REFERENCE", "TARGETS", "MINPODS", "MAXPODS", "REPLICAS", "AGE"};
  if (kind == "Endpoints") return {"NAME", "ENDPOINTS", "AGE"};
  return {"NAME", "AGE"};
}

}  // namespace

std::string jstr(const json& obj, const char* key) {
  const json& v = at(obj, key);
  return v.is_string() ? v.get<std::string>() : std::string();
}

int64_t jint(const json& obj, const char* key, int64_t def) {
  const json& v = at(obj, key);
  if (v.is_number_integer()) return v.get<int64_t>();
  if (v.is_number_unsigned()) return static_cast<int64_t>(v.get<uint64_t>());
  if (v.is_number_float()) return static_cast<int64_t>(v.get<double>());
  return def;
}

std::string translateTimestampSince(const json& ts, Time now) {
  Time t;
  if (!parseTs(ts, t)) return "<unknown>";
  return humanDuration(now - t);
}

std::string formatLabels(const json& labels) {
  if (!labels.is_object() || labels.empty()) return "<none>";
  std::vector<std::string> parts;
  for (auto it = labels.begin(); it != labels.end(); ++it) parts.push_back(it.key() + "=" + scalarText(it.value()));
  return join(parts, ",");
}

std::string selectorString(const json& sel) {
  if (!sel.is_object()) return "";
  // Requirements sorted by key (labels.Selector.String()); matchLabels are "k=v".
  std::vector<std::pair<std::string, std::string>> reqs;
  const json& ml = at(sel, "matchLabels");
  if (ml.is_object())
    for (auto it = ml.begin(); it != ml.end(); ++it) reqs.push_back({it.key(), it.key() + "=" + scalarText(it.value())});
  for (const auto& e : arr(sel, "matchExpressions")) {
    std::string key = jstr(e, "key"), op = jstr(e, "operator");
    std::vector<std::string> vals;
    for (const auto& v : arr(e, "values")) vals.push_back(scalarText(v));
    std::sort(vals.begin(), vals.end());
    std::string r;
    if (op == "In") r = key + " in (" + join(vals, ",") + ")";
    else if (op == "NotIn") r = key + " notin (" + join(vals, ",") + ")";
    else if (op == "Exists") r = key;
    else if (op == "DoesNotExist") r = "!" + key;
    else r = key;
    reqs.push_back({key, r});
  }
  std::stable_sort(reqs.begin(), reqs.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<std::string> parts;
  for (auto& r : reqs) parts.push_back(r.second);
  return join(parts, ",");
}

std::string canonicalKind(const std::string& kindOrAlias) {
  const KindDef* d = findDef(kindOrAlias);
  return d ? d->kind : "";
}

std::string kindPrefix(const std::string& kind) {
  const KindDef* d = findDef(kind);
  return d ? d->prefix : lower(kind);
}

bool kindNamespaced(const std::string& kind) {
  const KindDef* d = findDef(kind);
  return d ? d->namespaced : true;
}

std::string podStatus(const json& pod) { return summarizePod(pod).reason; }

std::string podReady(const json& pod) {
  PodSummary s = summarizePod(pod);
  return std::to_string(s.ready) + "/" + std::to_string(s.total);
}

std::string podRestarts(const json& pod, Time now) { return restartsText(summarizePod(pod), now); }

std::string nodeStatus(const json& node) {
  std::vector<std::string> st;
  for (const auto& c : arr(at(node, "status"), "conditions")) {
    if (jstr(c, "type") == "Ready") {
      st.push_back(jstr(c, "status") == "True" ? "Ready" : "NotReady");
      break;
    }
  }
  if (st.empty()) st.push_back("Unknown");
  if (jbool(at(node, "spec"), "unschedulable")) st.push_back("SchedulingDisabled");
  return join(st, ",");
}

std::vector<std::string> nodeRoleList(const json& node) {
  std::set<std::string> roles;
  const json& labels = at(at(node, "metadata"), "labels");
  if (labels.is_object()) {
    const std::string prefix = "node-role.kubernetes.io/";
    for (auto it = labels.begin(); it != labels.end(); ++it) {
      const std::string& k = it.key();
      if (k.compare(0, prefix.size(), prefix) == 0) {
        std::string role = k.substr(prefix.size());
        if (!role.empty()) roles.insert(role);
      } else if (k == "kubernetes.io/role") {
        std::string v = scalarText(it.value());
        if (!v.empty()) roles.insert(v);
      }
    }
  }
  return std::vector<std::string>(roles.begin(), roles.end());
}

std::string nodeRoles(const json& node) { return orNone(join(nodeRoleList(node), ",")); }

std::vector<std::string> tableHeader(const std::string& kindIn, const PrintOptions& opts) {
  std::string kind = canonicalKind(kindIn);
  if (kind.empty()) kind = kindIn;
  std::vector<std::string> h;
  if (opts.allNamespaces && kindNamespaced(kind)) h.push_back("NAMESPACE");
  for (auto& c : baseHeader(kind, opts.wide)) h.push_back(c);
  for (const auto& l : opts.labelColumns) {
    auto slash = l.rfind('/');
    h.push_back(upper(slash == std::string::npos ? l : l.substr(slash + 1)));
  }
  if (opts.showLabels) h.push_back("LABELS");
  return h;
}

std::vector<std::string> tableRow(const json& obj, const std::string& kindIn, const PrintOptions& opts, Time now) {
  std::string kind = canonicalKind(kindIn);
  if (kind.empty()) kind = kindIn;
  std::vector<std::string> cells;
  if (kind == "Pod") cells = podCells(obj, opts, now);
  else if (kind == "Node") cells = nodeCells(obj, opts, now);
  else if (kind == "Event") cells = eventCells(obj, opts, now);
  else if (kind == "Namespace") cells = namespaceCells(obj, opts, now);
  else if (kind == "Service") cells = serviceCells(obj, opts, now);
  else if (kind == "Deployment") cells = deploymentCells(obj, opts, now);
  else if (kind == "ReplicaSet") cells = replicaSetCells(obj, opts, now);
  else if (kind == "HorizontalPodAutoscaler") cells = hpaCells(obj, opts, now);
  else if (kind == "Endpoints") cells = endpointsCells(obj, opts, now);
  else cells = {jstr(at(obj, "metadata"), "name"), age(obj, now)};

  const json& meta = at(obj, "metadata");
  // The kind prefix applies to the first cell (NAME; LAST SEEN for events, as kubectl does).
  if (opts.withKind && !cells.empty()) cells[0] = kindPrefix(kind) + "/" + cells[0];
  std::vector<std::string> row;
  if (opts.allNamespaces && kindNamespaced(kind)) row.push_back(jstr(meta, "namespace"));
  row.insert(row.end(), cells.begin(), cells.end());
  const json& labels = at(meta, "labels");
  for (const auto& l : opts.labelColumns) {
    const json& v = at(labels, l.c_str());
    row.push_back(scalarText(v));
  }
  if (opts.showLabels) row.push_back(formatLabels(labels));
  return row;
}

std::vector<std::string> tableRow(const json& obj, const PrintOptions& opts, Time now) {
  return tableRow(obj, jstr(obj, "kind"), opts, now);
}

std::string printTable(const std::vector<const json*>& objs, const std::string& kind, const PrintOptions& opts,
                       Time now) {
  if (objs.empty()) return "";
  TableWriter tw;
  if (!opts.noHeaders) tw.writeRow(tableHeader(kind, opts));
  for (const json* o : objs) {
    if (o) tw.writeRow(tableRow(*o, kind, opts, now));
  }
  return tw.flush();
}

}  // namespace podplay
