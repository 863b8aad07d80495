// podplay core: the endpoints controller and the service proxy (see endpoints.h). Index:
//   [SECTION] helpers: pod readiness, FindPort, address JSON
//   [SECTION] subsets: computeSubsets (addEndpointSubset + RepackSubsets + truncateEndpoints)
//   [SECTION] EndpointsController: watches, member index, sync
//   [SECTION] ServiceProxy: DNS names, ClusterIP / pod IP indexes, routing
#include "controllers/endpoints.h"

#include <algorithm>
#include <climits>
#include <cmath>

#include "api/apiserver.h"
#include "cluster.h"
#include "controllers/workload_util.h"
#include "kubelet/kubelet.h"
#include "util/json_fields.h"
#include "util/timefmt.h"

namespace podplay {

// [SECTION] helpers ------------------------------------------------------------------------------

namespace {

const json& metaOf(const json& o) { return objectAt(o, {"metadata"}); }
const json& specOf(const json& o) { return objectAt(o, {"spec"}); }
const json& statusOf(const json& o) { return objectAt(o, {"status"}); }

std::string str(const json& o, const char* k) {
  auto it = o.find(k);
  return it != o.end() && it->is_string() ? it->get<std::string>() : "";
}

bool podTerminal(const json& pod) {
  std::string phase = str(statusOf(pod), "phase");
  return phase == "Succeeded" || phase == "Failed";
}

std::string podIP(const json& pod) {
  std::string ip = str(statusOf(pod), "podIP");
  if (!ip.empty()) return ip;
  const json& ips = arrayAt(pod, "status", "podIPs");
  if (!ips.empty() && ips[0].is_object()) return str(ips[0], "ip");
  return "";
}

// obj[key] if it is an array, else an empty array (no copy).
const json& arrayField(const json& obj, const char* key) {
  static const json kEmpty = json::array();
  if (!obj.is_object()) return kEmpty;
  auto it = obj.find(key);
  return it != obj.end() && it->is_array() ? *it : kEmpty;
}

bool deleting(const json& pod) { return metaOf(pod).contains("deletionTimestamp"); }

// endpointsliceutil.ShouldPodBeInEndpoints.
bool shouldBeInEndpoints(const json& pod, bool includeTerminating) {
  if (podTerminal(pod)) return false;
  if (podIP(pod).empty()) return false;
  if (!includeTerminating && deleting(pod)) return false;
  return true;
}

// What of a pod the Endpoints depend on besides its labels (podEndpointsChanged).
std::string endpointFingerprint(const json& pod) {
  std::string f = str(metaOf(pod), "deletionTimestamp");
  f += podIsReady(pod) ? "|R|" : "|N|";
  for (const auto& ip : arrayAt(pod, "status", "podIPs"))
    if (ip.is_object()) f += str(ip, "ip") + ",";
  f += "|" + podIP(pod) + (podTerminal(pod) ? "|T" : "|A");
  f += "|" + str(specOf(pod), "hostname") + "|" + str(specOf(pod), "subdomain");
  return f;
}

// podutil.FindPort: the container port a Service port's targetPort names; -1 if none.
int64_t findPort(const json& pod, const json& svcPort) {
  const json& tp = svcPort.contains("targetPort") ? svcPort["targetPort"] : json();
  if (tp.is_number_integer()) return tp.get<int64_t>();
  if (tp.is_null()) return svcPort.value("port", 0);
  if (!tp.is_string()) return -1;
  std::string name = tp.get<std::string>();
  std::string proto = svcPort.value("protocol", "TCP");
  for (const char* list : {"containers", "initContainers"}) {
    for (const auto& ctr : arrayAt(pod, "spec", list)) {
      if (!ctr.is_object()) continue;
      if (std::string(list) == "initContainers" && ctr.value("restartPolicy", "") != "Always") continue;
      for (const auto& p : ctr.value("ports", json::array()))
        if (p.is_object() && p.value("name", "") == name && p.value("protocol", "TCP") == proto)
          return p.value("containerPort", 0);
    }
  }
  return -1;
}

json endpointAddress(const json& pod, const json& svc) {
  const json& meta = metaOf(pod);
  json a = {{"ip", podIP(pod)},
            {"nodeName", str(specOf(pod), "nodeName")},
            {"targetRef",
             {{"kind", "Pod"}, {"name", str(meta, "name")}, {"namespace", str(meta, "namespace")}, {"uid", str(meta, "uid")}}}};
  // ShouldSetHostname: spec.hostname set and spec.subdomain = the Service's name.
  std::string hostname = str(specOf(pod), "hostname");
  if (!hostname.empty() && str(specOf(pod), "subdomain") == str(metaOf(svc), "name") &&
      str(meta, "namespace") == str(metaOf(svc), "namespace"))
    a["hostname"] = hostname;
  return a;
}

bool lessAddress(const json& a, const json& b) {
  std::string ia = str(a, "ip"), ib = str(b, "ip");
  if (ia != ib) return ia < ib;  // bytes.Compare of the IP strings
  return str(objectAt(a, {"targetRef"}), "uid") < str(objectAt(b, {"targetRef"}), "uid");
}

bool isIPv4Literal(const std::string& h) {
  if (h.empty()) return false;
  int dots = 0;
  for (char ch : h) {
    if (ch == '.') ++dots;
    else if (!isdigit(static_cast<unsigned char>(ch))) return false;
  }
  return dots == 3;
}

}  // namespace

// [SECTION] subsets ------------------------------------------------------------------------------

json EndpointsController::computeSubsets(const json& svc, const std::vector<ObjPtr>& pods) {
  const json& spec = specOf(svc);
  bool publishNotReady = spec.value("publishNotReadyAddresses", false);
  bool headless = str(spec, "clusterIP") == "None";
  const json& ports = arrayAt(svc, "spec", "ports");
  // RepackSubsets: port -> (address -> ready), not-ready trumps ready; a port-less headless Service
  // uses a sentinel port so its addresses are kept.
  struct AddrKey {
    std::string ip, uid;
    bool operator<(const AddrKey& o) const { return ip != o.ip ? ip < o.ip : uid < o.uid; }
  };
  std::map<AddrKey, json> addrs;
  std::map<std::string, std::map<AddrKey, bool>> byPort;  // port JSON dump -> addresses
  std::map<std::string, json> portJson;
  auto add = [&](const AddrKey& k, const json& port, bool ready) {
    std::string pk = port.dump();
    portJson[pk] = port;
    auto& m = byPort[pk];
    auto it = m.find(k);
    if (it == m.end() || it->second) m[k] = ready;
  };
  for (const auto& p : pods) {
    const json& pod = *p;
    if (!shouldBeInEndpoints(pod, publishNotReady)) continue;
    json a = endpointAddress(pod, svc);
    AddrKey k{str(a, "ip"), str(a["targetRef"], "uid")};
    if (!addrs.count(k)) addrs[k] = a;
    bool ready = publishNotReady || podIsReady(pod);
    if (ports.empty()) {
      if (headless) add(k, json(nullptr), ready);
      continue;
    }
    for (const auto& sp : ports) {
      if (!sp.is_object()) continue;
      int64_t num = findPort(pod, sp);
      if (num < 0) continue;
      json ep = json::object();
      if (!str(sp, "name").empty()) ep["name"] = str(sp, "name");
      ep["port"] = num;
      ep["protocol"] = sp.value("protocol", "TCP");
      if (sp.contains("appProtocol")) ep["appProtocol"] = sp["appProtocol"];
      add(k, ep, ready);
    }
  }
  // Ports with the same address set share a subset.
  std::map<std::string, std::vector<std::string>> groups;  // address-set signature -> ports
  std::map<std::string, const std::map<AddrKey, bool>*> groupAddrs;
  for (const auto& [pk, m] : byPort) {
    std::string sig;
    for (const auto& [k, ready] : m) sig += k.ip + "/" + k.uid + (ready ? "+" : "-") + ";";
    groups[sig].push_back(pk);
    groupAddrs[sig] = &m;
  }
  std::vector<json> subsets;
  for (const auto& [sig, pks] : groups) {
    json ready = json::array(), notReady = json::array(), ps = json::array();
    for (const auto& [k, r] : *groupAddrs[sig]) (r ? ready : notReady).push_back(addrs[k]);
    std::vector<json> plist;
    for (const auto& pk : pks)
      if (!portJson[pk].is_null()) plist.push_back(portJson[pk]);
    std::sort(plist.begin(), plist.end(), [](const json& a, const json& b) {
      return std::make_tuple(str(a, "name"), a.value("port", 0), str(a, "protocol")) <
             std::make_tuple(str(b, "name"), b.value("port", 0), str(b, "protocol"));
    });
    std::vector<json> rv(ready.begin(), ready.end()), nv(notReady.begin(), notReady.end());
    std::sort(rv.begin(), rv.end(), lessAddress);
    std::sort(nv.begin(), nv.end(), lessAddress);
    json ss = json::object();
    if (!rv.empty()) ss["addresses"] = rv;
    if (!nv.empty()) ss["notReadyAddresses"] = nv;
    if (!plist.empty()) ss["ports"] = plist;
    subsets.push_back(ss);
  }
  std::sort(subsets.begin(), subsets.end(), [](const json& a, const json& b) {
    return a.value("ports", json::array()).dump() < b.value("ports", json::array()).dump();
  });
  return json(subsets);
}

// truncateEndpoints: at most kMaxCapacity addresses, ready ones first, spread over the subsets in
// proportion. Returns true if it truncated.
static bool truncateSubsets(json& subsets, size_t maxCapacity) {
  size_t totalReady = 0, totalNotReady = 0;
  for (const auto& ss : subsets) {
    totalReady += arrayField(ss, "addresses").size();
    totalNotReady += arrayField(ss, "notReadyAddresses").size();
  }
  if (totalReady + totalNotReady <= maxCapacity) return false;
  bool truncateReady = false;
  size_t max = maxCapacity - std::min(totalReady, maxCapacity), numTotal = totalNotReady;
  if (totalReady > maxCapacity) {
    truncateReady = true;
    max = maxCapacity;
    numTotal = totalReady;
  }
  size_t canBeAdded = max;
  for (auto& ss : subsets) {
    const char* field = truncateReady ? "addresses" : "notReadyAddresses";
    json list = ss.value(field, json::array());
    size_t toBeAdded = static_cast<size_t>(std::ceil(double(list.size()) / double(numTotal) * double(max)));
    toBeAdded = std::min(toBeAdded, canBeAdded);
    if (list.size() > toBeAdded) list.erase(list.begin() + static_cast<long>(toBeAdded), list.end());
    canBeAdded -= list.size();
    if (list.empty()) ss.erase(field);
    else ss[field] = list;
    if (truncateReady) ss.erase("notReadyAddresses");
  }
  return true;
}

// [SECTION] EndpointsController ------------------------------------------------------------------

EndpointsController::EndpointsController(Cluster& c) : c_(c) {
  svcWatch_ = c_.store.watch("Service", [this](const WatchEvent& ev) { onService(ev); });
  podWatch_ = c_.store.watch("Pod", [this](const WatchEvent& ev) { onPod(ev); });
  epWatch_ = c_.store.watch("Endpoints", [this](const WatchEvent& ev) { onEndpoints(ev); });
}

EndpointsController::~EndpointsController() {
  c_.store.unwatch(svcWatch_);
  c_.store.unwatch(podWatch_);
  c_.store.unwatch(epWatch_);
}

void EndpointsController::enqueue(const Key& k) {
  dirty_.insert(k);
  if (!scheduled_) {
    scheduled_ = true;
    c_.queue.after(0, [this] { drain(); });
  }
}

void EndpointsController::drain() {
  scheduled_ = false;
  std::set<Key> batch;
  batch.swap(dirty_);
  for (const auto& k : batch) sync(k);
}

void EndpointsController::rebuildMembers(const Key& k, SvcState& st) {
  st.members.clear();
  if (!st.hasSelector) return;
  for (const auto& p : c_.store.list("Pod", k.first))
    if (st.selector.matches(objectAt(*p, {"metadata", "labels"}))) st.members.insert(objName(*p));
}

void EndpointsController::onService(const WatchEvent& ev) {
  Key k{objNamespace(*ev.obj), objName(*ev.obj)};
  if (ev.type == WatchType::Deleted) {
    svcs_.erase(k);
    auto it = svcsByNs_.find(k.first);
    if (it != svcsByNs_.end()) {
      it->second.erase(k.second);
      if (it->second.empty()) svcsByNs_.erase(it);
    }
    enqueue(k);
    return;
  }
  const json& spec = specOf(*ev.obj);
  auto sel = spec.find("selector");
  bool has = sel != spec.end() && sel->is_object() && str(spec, "type") != "ExternalName";
  json oldSel = ev.old ? specOf(*ev.old).value("selector", json()) : json();
  SvcState& st = svcs_[k];
  svcsByNs_[k.first].insert(k.second);
  bool changed = !st.tracked || has != st.hasSelector || (has && *sel != oldSel);
  st.tracked = true;
  st.hasSelector = has;
  if (changed) {
    st.selector = has ? selectorFromMap(*sel) : Selector{};
    rebuildMembers(k, st);
  }
  enqueue(k);
}

void EndpointsController::onPod(const WatchEvent& ev) {
  const json& pod = *ev.obj;
  std::string ns = objNamespace(pod), name = objName(pod);
  auto nsIt = svcsByNs_.find(ns);
  if (nsIt == svcsByNs_.end()) return;
  bool anySelector = false;
  for (const auto& svcName : nsIt->second) {
    auto it = svcs_.find(Key{ns, svcName});
    if (it != svcs_.end() && it->second.hasSelector) anySelector = true;
  }
  if (!anySelector) return;
  bool gone = ev.type == WatchType::Deleted;
  const json& labels = objectAt(pod, {"metadata", "labels"});
  bool labelsChanged = !ev.old || gone || objectAt(*ev.old, {"metadata", "labels"}) != labels;
  bool podChanged = !ev.old || gone || endpointFingerprint(*ev.old) != endpointFingerprint(pod);
  if (!labelsChanged && !podChanged) return;
  for (const auto& svcName : nsIt->second) {
    Key k{ns, svcName};
    auto it = svcs_.find(k);
    if (it == svcs_.end() || !it->second.hasSelector) continue;
    SvcState& st = it->second;
    bool was = st.members.count(name) > 0;
    bool is = !gone && st.selector.matches(labels);
    if (is) st.members.insert(name);
    else st.members.erase(name);
    if (was != is || (is && podChanged)) enqueue(k);
  }
}

void EndpointsController::onEndpoints(const WatchEvent& ev) {
  if (ev.type != WatchType::Deleted) return;
  Key k{objNamespace(*ev.obj), objName(*ev.obj)};
  auto it = svcs_.find(k);
  if (it != svcs_.end() && it->second.hasSelector) enqueue(k);
}

void EndpointsController::sync(const Key& k) {
  auto svc = c_.store.get("Service", k.first, k.second);
  auto current = c_.store.get("Endpoints", k.first, k.second);
  if (!svc) {
    // The Service is gone: so are its Endpoints (whoever wrote them).
    if (current) c_.store.remove("Endpoints", k.first, k.second);
    return;
  }
  auto it = svcs_.find(k);
  if (it == svcs_.end() || !it->second.hasSelector) return;  // no selector / ExternalName: not ours
  SvcState& st = it->second;
  std::vector<ObjPtr> pods;
  pods.reserve(st.members.size());
  for (const auto& name : st.members)
    if (auto p = c_.store.get("Pod", k.first, name)) pods.push_back(p);

  // TriggerTimeTracker: the earliest Ready-condition transition (or Service creation) that changed
  // since the last sync.
  Time trigger = -1;
  auto earliest = [&](Time t) { trigger = trigger < 0 ? t : std::min(trigger, t); };
  std::map<std::string, Time> triggers;
  for (const auto& p : pods) {
    const json* ready = nullptr;
    for (const auto& cnd : arrayAt(*p, "status", "conditions"))
      if (cnd.is_object() && cnd.value("type", "") == "Ready") ready = &cnd;
    Time t = 0;
    if (!ready || !parseRfc3339(ready->value("lastTransitionTime", ""), t)) continue;
    std::string name = objName(*p);
    triggers[name] = t;
    auto prev = st.podTriggers.find(name);
    if (prev == st.podTriggers.end() || t > prev->second) earliest(t);
  }
  Time created = creationTime(*svc);
  if (created > st.serviceTrigger) earliest(created);
  st.serviceTrigger = created;
  st.podTriggers = std::move(triggers);

  json subsets = computeSubsets(*svc, pods);
  bool truncated = truncateSubsets(subsets, kMaxCapacity);
  json labels = metaOf(*svc).value("labels", json::object());
  if (str(specOf(*svc), "clusterIP") == "None") labels["service.kubernetes.io/headless"] = "";

  if (current) {
    const json& curSubsets = arrayField(*current, "subsets");
    const json& curLabels = objectAt(*current, {"metadata", "labels"});
    bool capacityOk = objectAt(*current, {"metadata", "annotations"}).contains("endpoints.kubernetes.io/over-capacity") == truncated;
    if (curSubsets == subsets && curLabels == labels && capacityOk) return;
  }
  auto fill = [&](json& ep) {
    if (subsets.empty()) ep.erase("subsets");
    else ep["subsets"] = subsets;
    json& meta = ep["metadata"];
    if (labels.empty()) meta.erase("labels");
    else meta["labels"] = labels;
    json ann = meta.value("annotations", json::object());
    if (trigger >= 0) ann["endpoints.kubernetes.io/last-change-trigger-time"] = rfc3339(trigger);
    else ann.erase("endpoints.kubernetes.io/last-change-trigger-time");
    if (truncated) ann["endpoints.kubernetes.io/over-capacity"] = "truncated";
    else ann.erase("endpoints.kubernetes.io/over-capacity");
    if (ann.empty()) meta.erase("annotations");
    else meta["annotations"] = ann;
  };
  if (!current) {
    json ep = {{"apiVersion", "v1"}, {"kind", "Endpoints"}, {"metadata", {{"name", k.second}, {"namespace", k.first}}}};
    fill(ep);
    c_.api->create(ep);
  } else {
    c_.store.update("Endpoints", k.first, k.second, [&](json& ep) {
      fill(ep);
      return true;
    });
  }
}

// [SECTION] ServiceProxy -------------------------------------------------------------------------

ServiceProxy::ServiceProxy(Cluster& c, uint64_t seed) : c_(c), rng_(seed ^ 0x6b7562652d70726fULL) {
  svcWatch_ = c_.store.watch("Service", [this](const WatchEvent& ev) { onService(ev); });
  podWatch_ = c_.store.watch("Pod", [this](const WatchEvent& ev) { onPod(ev); });
}

ServiceProxy::~ServiceProxy() {
  c_.store.unwatch(svcWatch_);
  c_.store.unwatch(podWatch_);
}

void ServiceProxy::onService(const WatchEvent& ev) {
  Key k{objNamespace(*ev.obj), objName(*ev.obj)};
  auto drop = [&](const json& svc) {
    std::string ip = str(specOf(svc), "clusterIP");
    auto it = svcByIP_.find(ip);
    if (it != svcByIP_.end() && it->second == k) svcByIP_.erase(it);
  };
  if (ev.old) drop(*ev.old);
  if (ev.type == WatchType::Deleted) {
    auto it = rules_.lower_bound(std::make_tuple(k.first, k.second, INT_MIN));
    while (it != rules_.end() && std::get<0>(it->first) == k.first && std::get<1>(it->first) == k.second)
      it = rules_.erase(it);
    return;
  }
  std::string ip = str(specOf(*ev.obj), "clusterIP");
  if (!ip.empty() && ip != "None") svcByIP_[ip] = k;
}

void ServiceProxy::onPod(const WatchEvent& ev) {
  std::string ip = podIP(*ev.obj);
  std::string oldIp = ev.old ? podIP(*ev.old) : "";
  Key k{objNamespace(*ev.obj), objName(*ev.obj)};
  if (ev.type != WatchType::Deleted && ip == oldIp && ev.old) return;
  if (!oldIp.empty() && (oldIp != ip || ev.type == WatchType::Deleted)) {
    auto it = podByIP_.find(oldIp);
    if (it != podByIP_.end() && it->second == k) podByIP_.erase(it);
  }
  if (ev.type != WatchType::Deleted && !ip.empty()) podByIP_[ip] = k;
}

std::optional<std::pair<std::string, std::string>> ServiceProxy::serviceFor(const std::string& host,
                                                                            const std::string& podNs) const {
  // The same names Cluster::resolveHost accepts.
  std::string h = host;
  const std::string suffix = ".cluster.local";
  if (h.size() > suffix.size() && h.compare(h.size() - suffix.size(), suffix.size(), suffix) == 0)
    h = h.substr(0, h.size() - suffix.size());
  if (h.size() > 4 && h.compare(h.size() - 4, 4, ".svc") == 0) h = h.substr(0, h.size() - 4);
  if (h.empty() || isIPv4Literal(h)) return std::nullopt;
  std::string svc = h, ns = podNs;
  auto dot = h.find('.');
  if (dot != std::string::npos) {
    svc = h.substr(0, dot);
    ns = h.substr(dot + 1);
    if (ns.find('.') != std::string::npos) return std::nullopt;
  }
  if (!c_.store.get("Service", ns, svc)) return std::nullopt;
  return Key{ns, svc};
}

std::optional<std::pair<std::string, std::string>> ServiceProxy::podByIP(const std::string& ip) const {
  auto it = podByIP_.find(ip);
  if (it == podByIP_.end()) return std::nullopt;
  return it->second;
}

std::string ServiceProxy::address(const std::string& host, const std::string& podNs) const {
  if (isIPv4Literal(host)) return host;
  auto k = serviceFor(host, podNs);
  if (!k) return "";
  auto svc = c_.store.get("Service", k->first, k->second);
  if (!svc) return "";
  std::string ip = str(specOf(*svc), "clusterIP");
  if (ip != "None") return ip;
  // Headless: the DNS answer is the ready pods' IPs; the first one.
  auto ep = c_.store.get("Endpoints", k->first, k->second);
  if (!ep) return "";
  for (const auto& ss : arrayField(*ep, "subsets"))
    for (const auto& a : arrayField(ss, "addresses")) return str(a, "ip");
  return "";
}

HttpRoute ServiceProxy::request(const std::string& fromNs, const std::string& fromIp, const std::string& host, int port,
                                const std::string& path, const std::string& userAgent) {
  HttpRequest req;
  req.port = port;
  req.path = path;
  req.clientIp = fromIp;
  req.userAgent = userAgent;
  if (auto svc = serviceFor(host, fromNs)) return viaService(*svc, port, req);
  if (isIPv4Literal(host)) {
    auto s = svcByIP_.find(host);
    if (s != svcByIP_.end()) return viaService(s->second, port, req);
    if (auto p = podByIP(host)) return toPod(p->first, p->second, port, req);
  }
  return {};
}

HttpRoute ServiceProxy::viaService(const Key& k, int port, const HttpRequest& req) {
  HttpRoute r;
  auto svc = c_.store.get("Service", k.first, k.second);
  if (!svc || str(specOf(*svc), "type") == "ExternalName") return r;
  auto ep = c_.store.get("Endpoints", k.first, k.second);
  // kube-proxy's rules for (Service, port), rebuilt when the Service or its Endpoints change.
  Rules& rules = rules_[std::make_tuple(k.first, k.second, port)];
  if (rules.svc != svc || rules.ep != ep) {
    rules.svc = svc;
    rules.ep = ep;
    rules.cands = candidates(*svc, ep.get(), port, rules.clusterIP, rules.headless);
  }
  r.routed = true;
  r.ip = rules.headless ? "" : rules.clusterIP;
  // kube-proxy REJECTs traffic to a Service without ready endpoints: connection refused. (A port the
  // Service does not define would time out in a real cluster; refused here.)
  if (rules.cands.empty()) return r;
  const auto& pick = rules.cands[rules.cands.size() == 1 ? 0 : rng_.below(rules.cands.size())];
  auto pod = podByIP(pick.first);
  if (!pod) return HttpRoute{};  // an endpoint outside the pod network (the API server): not simulated
  HttpRoute out = toPod(pod->first, pod->second, pick.second, req);
  if (!rules.headless) out.ip = rules.clusterIP;
  return out;
}

std::vector<std::pair<std::string, int>> ServiceProxy::candidates(const json& svcObj, const json* epObj, int port,
                                                                  std::string& clusterIP, bool& headless) {
  const json* svc = &svcObj;
  clusterIP = str(specOf(*svc), "clusterIP");
  headless = clusterIP == "None";
  const json* ep = epObj;
  // Candidates: (ip, port) of every ready address, for the Service port `port` (headless: any).
  std::vector<std::pair<std::string, int>> cands;
  const json* svcPort = nullptr;
  if (!headless) {
    for (const auto& sp : arrayAt(*svc, "spec", "ports"))
      if (sp.is_object() && sp.value("port", 0) == port && (!sp.contains("protocol") || str(sp, "protocol") == "TCP"))
        svcPort = &sp;
  }
  if (ep) {
    std::string portName = svcPort ? str(*svcPort, "name") : "";
    for (const auto& ss : arrayField(*ep, "subsets")) {
      int target = -1;
      if (headless) {
        target = port;
      } else if (svcPort) {
        for (const auto& p : arrayField(ss, "ports"))
          if (str(p, "name") == portName && (!p.contains("protocol") || str(p, "protocol") == "TCP"))
            target = p.value("port", 0);
      }
      if (target < 0) continue;
      for (const auto& a : arrayField(ss, "addresses")) cands.push_back({str(a, "ip"), target});
    }
  }
  return cands;
}

HttpRoute ServiceProxy::toPod(const std::string& ns, const std::string& name, int port, const HttpRequest& reqIn) {
  HttpRoute r;
  r.routed = true;
  auto pod = c_.store.get("Pod", ns, name);
  if (!pod) return r;
  r.ip = podIP(*pod);
  Kubelet* k = c_.kubelet(podNodeName(*pod));
  if (!k) return r;
  HttpRequest req = reqIn;
  req.port = port;
  r.response = k->serveHttp(ns, name, req);
  return r;
}

}  // namespace podplay
