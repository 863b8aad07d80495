#include "api/validation.h"

#include <algorithm>
#include <cstdio>
#include <functional>
#include <cmath>
#include <map>
#include <memory>
#include <set>

#include "util/labels.h"
#include "util/quantity.h"

namespace podplay {

// ---------------------------------------------------------------------------------------------
// Go formatting

std::string goQuote(const std::string& s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      case '\a': out += "\\a"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\v': out += "\\v"; break;
      default:
        if (c < 0x20 || c == 0x7f) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\x%02x", c);
          out += buf;
        } else {
          out += (char)c;
        }
    }
  }
  return out + "\"";
}

std::string goMapStringString(const json& labels) {
  if (!labels.is_object()) return "map[string]string(nil)";
  std::string s = "map[string]string{";
  bool first = true;
  for (auto& [k, v] : labels.items()) {
    if (!first) s += ", ";
    first = false;
    s += goQuote(k) + ":" + goQuote(v.is_string() ? v.get<std::string>() : v.dump());
  }
  return s + "}";
}

namespace {

using Errs = std::vector<FieldError>;

// ---- field.Error constructors (ErrorBody wording) ----
std::string valueStr(const json& v) {
  if (v.is_string()) return goQuote(v.get<std::string>());
  if (v.is_null()) return "null";
  if (v.is_number_float()) return goJsonNumber(v);
  return v.dump();
}
void required(Errs& e, const std::string& f, const std::string& detail = "") {
  e.push_back({f, detail.empty() ? "Required value" : "Required value: " + detail});
}
void invalidRaw(Errs& e, const std::string& f, const std::string& valueRepr, const std::string& detail) {
  e.push_back({f, "Invalid value: " + valueRepr + (detail.empty() ? "" : ": " + detail)});
}
void invalid(Errs& e, const std::string& f, const json& v, const std::string& detail) {
  invalidRaw(e, f, valueStr(v), detail);
}
void notSupported(Errs& e, const std::string& f, const json& v, const std::vector<std::string>& valid) {
  std::string s = "Unsupported value: " + valueStr(v);
  if (!valid.empty()) {
    s += ": supported values: ";
    for (size_t i = 0; i < valid.size(); i++) s += (i ? ", " : "") + goQuote(valid[i]);
  }
  e.push_back({f, s});
}
void duplicate(Errs& e, const std::string& f, const json& v) { e.push_back({f, "Duplicate value: " + valueStr(v)}); }
void forbidden(Errs& e, const std::string& f, const std::string& detail) {
  e.push_back({f, "Forbidden" + (detail.empty() ? std::string() : ": " + detail)});
}
void notFound(Errs& e, const std::string& f, const json& v) { e.push_back({f, "Not found: " + valueStr(v)}); }

// ---- json access ----
const json* get(const json& o, const char* k) {
  if (!o.is_object()) return nullptr;
  auto it = o.find(k);
  if (it == o.end() || it->is_null()) return nullptr;
  return &*it;
}
bool has(const json& o, const char* k) { return get(o, k) != nullptr; }
std::string str(const json& o, const char* k) {
  const json* v = get(o, k);
  if (!v) return "";
  if (v->is_string()) return v->get<std::string>();
  return v->dump();
}
int64_t num(const json& o, const char* k, int64_t def = 0) {
  const json* v = get(o, k);
  if (!v || !v->is_number()) return def;
  if (v->is_number_float()) return (int64_t)v->get<double>();
  if (v->is_number_unsigned()) return (int64_t)v->get<uint64_t>();
  return v->get<int64_t>();
}
const json& arr(const json& o, const char* k) {
  static const json empty = json::array();
  const json* v = get(o, k);
  return v && v->is_array() ? *v : empty;
}
const json& obj(const json& o, const char* k) {
  static const json empty = json::object();
  const json* v = get(o, k);
  return v && v->is_object() ? *v : empty;
}
std::string idx(const std::string& p, size_t i) { return p + "[" + std::to_string(i) + "]"; }

// ---- shared validators ----
enum class NameKind { Subdomain, Label, DNS1035 };

std::vector<std::string> nameMsgs(NameKind k, std::string name, bool prefix) {
  if (prefix && !name.empty() && name.back() == '-') name.back() = 'a';  // maskTrailingDash
  switch (k) {
    case NameKind::Subdomain: return isDNS1123Subdomain(name);
    case NameKind::Label: return isDNS1123Label(name);
    case NameKind::DNS1035: return isDNS1035Label(name);
  }
  return {};
}

void validateLabels(Errs& e, const json& labels, const std::string& path) {
  if (!labels.is_object()) return;
  for (auto& [k, v] : labels.items()) {
    for (auto& m : isQualifiedName(k)) invalid(e, path, k, m);
    std::string val = v.is_string() ? v.get<std::string>() : v.dump();
    for (auto& m : isValidLabelValue(val)) invalid(e, path, val, m);
  }
}

void validateAnnotations(Errs& e, const json& ann, const std::string& path) {
  if (!ann.is_object()) return;
  for (auto& [k, v] : ann.items()) {
    std::string lower = k;
    std::transform(lower.begin(), lower.end(), lower.begin(), ::tolower);
    for (auto& m : isQualifiedName(lower)) invalid(e, path, k, m);
  }
}

void validateObjectMeta(Errs& e, const json& meta, NameKind nk, const std::string& path = "metadata") {
  std::string gen = str(meta, "generateName");
  if (!gen.empty())
    for (auto& m : nameMsgs(nk, gen, true)) invalid(e, path + ".generateName", gen, m);
  std::string name = str(meta, "name");
  if (name.empty()) {
    required(e, path + ".name", "name or generateName is required");
  } else {
    for (auto& m : nameMsgs(nk, name, false)) invalid(e, path + ".name", name, m);
  }
  std::string ns = str(meta, "namespace");
  if (!ns.empty())
    for (auto& m : isDNS1123Label(ns)) invalid(e, path + ".namespace", ns, m);
  if (num(meta, "generation") < 0) invalid(e, path + ".generation", num(meta, "generation"), "must be greater than or equal to 0");
  validateLabels(e, obj(meta, "labels"), path + ".labels");
  validateAnnotations(e, obj(meta, "annotations"), path + ".annotations");
}

void nonNegative(Errs& e, const json& o, const char* k, const std::string& path) {
  const json* v = get(o, k);
  if (v && v->is_number() && num(o, k) < 0) invalid(e, path, num(o, k), "must be greater than or equal to 0");
}

// %#v of a metav1.LabelSelector (after ErrorBody dereferences the pointer).
std::string goLabelSelector(const json& sel) {
  std::string s = "v1.LabelSelector{MatchLabels:";
  const json* ml = get(sel, "matchLabels");
  s += ml ? goMapStringString(*ml) : "map[string]string(nil)";
  s += ", MatchExpressions:";
  const json* me = get(sel, "matchExpressions");
  if (!me || !me->is_array()) {
    s += "[]v1.LabelSelectorRequirement(nil)";
  } else {
    s += "[]v1.LabelSelectorRequirement{";
    for (size_t i = 0; i < me->size(); i++) {
      const json& r = (*me)[i];
      if (i) s += ", ";
      s += "v1.LabelSelectorRequirement{Key:" + goQuote(str(r, "key")) + ", Operator:" + goQuote(str(r, "operator")) +
           ", Values:";
      const json* vals = get(r, "values");
      if (!vals || !vals->is_array()) {
        s += "[]string(nil)";
      } else {
        s += "[]string{";
        for (size_t j = 0; j < vals->size(); j++)
          s += (j ? ", " : "") + goQuote((*vals)[j].is_string() ? (*vals)[j].get<std::string>() : (*vals)[j].dump());
        s += "}";
      }
      s += "}";
    }
    s += "}";
  }
  return s + "}";
}

void validateLabelSelector(Errs& e, const json& sel, const std::string& path) {
  if (!sel.is_object()) return;
  validateLabels(e, obj(sel, "matchLabels"), path + ".matchLabels");
  const json& exprs = arr(sel, "matchExpressions");
  for (size_t i = 0; i < exprs.size(); i++) {
    const json& r = exprs[i];
    std::string p = idx(path + ".matchExpressions", i);
    std::string op = str(r, "operator");
    size_t nvals = arr(r, "values").size();
    if (op == "In" || op == "NotIn") {
      if (nvals == 0) required(e, p + ".values", "must be specified when `operator` is 'In' or 'NotIn'");
    } else if (op == "Exists" || op == "DoesNotExist") {
      if (nvals > 0) forbidden(e, p + ".values", "may not be specified when `operator` is 'Exists' or 'DoesNotExist'");
    } else {
      invalid(e, p + ".operator", op, "not a valid selector operator");
    }
    std::string key = str(r, "key");
    for (auto& m : isQualifiedName(key)) invalid(e, p + ".key", key, m);
    const json& vals = arr(r, "values");
    for (size_t j = 0; j < vals.size(); j++) {
      std::string v = vals[j].is_string() ? vals[j].get<std::string>() : vals[j].dump();
      for (auto& m : isValidLabelValue(v)) invalid(e, idx(p + ".values", j), v, m);
    }
  }
}

void validatePortNumOrName(Errs& e, const json* port, const std::string& path) {
  if (!port) {
    for (auto& m : isValidPortNum(0)) invalid(e, path, 0, m);
    return;
  }
  if (port->is_string()) {
    std::string s = port->get<std::string>();
    for (auto& m : isValidPortName(s)) invalid(e, path, s, m);
  } else if (port->is_number()) {
    int64_t n = port->is_number_float() ? (int64_t)port->get<double>() : port->get<int64_t>();
    for (auto& m : isValidPortNum(n)) invalid(e, path, n, m);
  }
}

// ---- pods ----

void validateHandler(Errs& e, const json& h, const std::string& path, const json* grace, bool lifecycle) {
  int n = 0;
  auto one = [&](const char* k) -> bool {
    if (!has(h, k)) return false;
    if (n > 0) {
      forbidden(e, path + "." + k, "may not specify more than 1 handler type");
      return false;
    }
    n++;
    return true;
  };
  if (one("exec")) {
    if (arr(h["exec"], "command").empty()) required(e, path + ".exec.command");
  }
  if (one("httpGet")) {
    const json& g = h["httpGet"];
    std::string p = path + ".httpGet";
    if (str(g, "path").empty()) required(e, p + ".path");
    validatePortNumOrName(e, get(g, "port"), p + ".port");
    std::string scheme = str(g, "scheme");
    if (scheme != "HTTP" && scheme != "HTTPS") notSupported(e, p + ".scheme", scheme, {"HTTP", "HTTPS"});
    const json& hdrs = arr(g, "httpHeaders");
    for (size_t i = 0; i < hdrs.size(); i++) {
      std::string name = str(hdrs[i], "name");
      bool ok = !name.empty();
      for (char c : name)
        if (!(std::isalnum((unsigned char)c) || c == '-')) ok = false;
      if (!ok)
        invalid(e, idx(p + ".httpHeaders", i) + ".name", name,
                "a valid HTTP header must consist of alphanumeric characters or '-' (e.g. 'X-Header-Name',  regex used "
                "for validation is '[-A-Za-z0-9]+')");
    }
  }
  if (one("tcpSocket")) validatePortNumOrName(e, get(h["tcpSocket"], "port"), path + ".tcpSocket.port");
  if (!lifecycle && one("grpc")) {
    int64_t port = num(h["grpc"], "port");
    for (auto& m : isValidPortNum(port)) invalid(e, path + ".grpc.port", port, m);
  }
  if (lifecycle && one("sleep")) {
    int64_t secs = num(h["sleep"], "seconds");
    int64_t g = grace && grace->is_number() ? grace->get<int64_t>() : 30;
    if (secs <= 0 || secs > g)
      invalid(e, path + ".sleep", secs,
              "must be greater than 0 and less than terminationGracePeriodSeconds (" + std::to_string(g) + ")");
  }
  if (n == 0) required(e, path, "must specify a handler type");
}

void validateProbe(Errs& e, const json& c, const char* which, const std::string& cpath, const json* grace) {
  const json* pr = get(c, which);
  if (!pr) return;
  std::string path = cpath + "." + which;
  validateHandler(e, *pr, path, grace, false);
  for (const char* k : {"initialDelaySeconds", "timeoutSeconds", "periodSeconds", "successThreshold", "failureThreshold"})
    nonNegative(e, *pr, k, path + "." + k);
  if (has(*pr, "terminationGracePeriodSeconds") && num(*pr, "terminationGracePeriodSeconds") <= 0)
    invalid(e, path + ".terminationGracePeriodSeconds", num(*pr, "terminationGracePeriodSeconds"), "must be greater than 0");
  std::string w = which;
  if (w == "livenessProbe" || w == "startupProbe") {
    int64_t st = num(*pr, "successThreshold", 1);
    if (st != 1) invalid(e, path + ".successThreshold", st, "must be 1");
  } else if (w == "readinessProbe") {
    if (has(*pr, "terminationGracePeriodSeconds"))
      invalid(e, path + ".terminationGracePeriodSeconds", num(*pr, "terminationGracePeriodSeconds"),
              "must not be set for readinessProbes");
  }
}

void validateLifecycle(Errs& e, const json& lc, const std::string& path, const json* grace) {
  if (has(lc, "postStart")) validateHandler(e, lc["postStart"], path + ".postStart", grace, true);
  if (has(lc, "preStop")) validateHandler(e, lc["preStop"], path + ".preStop", grace, true);
}

bool isNativeResource(const std::string& r) {
  return r.find('/') == std::string::npos || r.rfind("kubernetes.io/", 0) == 0;
}
bool isHugePages(const std::string& r) { return r.rfind("hugepages-", 0) == 0; }
bool isStandardContainerResource(const std::string& r) {
  return r == "cpu" || r == "memory" || r == "ephemeral-storage" || isHugePages(r);
}
bool isStandardResourceName(const std::string& r) {
  static const std::set<std::string> std = {"cpu", "memory", "ephemeral-storage", "requests.cpu", "requests.memory",
                                            "requests.ephemeral-storage", "limits.cpu", "limits.memory",
                                            "limits.ephemeral-storage", "pods", "services", "replicationcontrollers",
                                            "resourcequotas", "secrets", "persistentvolumeclaims", "configmaps",
                                            "services.nodeports", "services.loadbalancers", "requests.storage"};
  return std.count(r) || isHugePages(r) || r.rfind("requests.hugepages-", 0) == 0;
}

void validateResourceName(Errs& e, const std::string& r, const std::string& path) {
  auto q = isQualifiedName(r);
  for (auto& m : q) invalid(e, path, r, m);
  if (q.empty() && r.find('/') == std::string::npos && !isStandardResourceName(r))
    invalid(e, path, r, "must be a standard resource type or fully qualified");
  if (r.find('/') == std::string::npos) {
    if (!isStandardContainerResource(r)) invalid(e, path, r, "must be a standard resource for containers");
  }
}

void validateResources(Errs& e, const json& res, const std::string& path) {
  const json& limits = obj(res, "limits");
  const json& requests = obj(res, "requests");
  std::map<std::string, Quantity> lim;
  for (auto& [k, v] : limits.items()) {
    std::string p = path + ".limits[" + k + "]";
    validateResourceName(e, k, p);
    Quantity q;
    if (!parseQuantity(v, q)) continue;
    if (q.sign() < 0) invalid(e, p, q.str(), "must be greater than or equal to 0");
    lim[k] = q;
  }
  for (auto& [k, v] : requests.items()) {
    std::string p = path + ".requests[" + k + "]";
    validateResourceName(e, k, p);
    Quantity q;
    if (!parseQuantity(v, q)) continue;
    if (q.sign() < 0) invalid(e, p, q.str(), "must be greater than or equal to 0");
    bool overcommit = isNativeResource(k) && !isHugePages(k);
    auto it = lim.find(k);
    if (it != lim.end()) {
      if (q.cmp(it->second) != 0 && !overcommit)
        invalid(e, path + ".requests", q.str(), "must be equal to " + k + " limit of " + it->second.str());
      else if (q.cmp(it->second) > 0)
        invalid(e, path + ".requests", q.str(), "must be less than or equal to " + k + " limit of " + it->second.str());
    } else if (!overcommit) {
      required(e, path + ".limits", "Limit must be set for non overcommitable resources");
    }
  }
}

bool isEnvVarName(const std::string& s) {
  if (s.empty() || std::isdigit((unsigned char)s[0])) return false;
  for (char c : s)
    if (!(std::isalnum((unsigned char)c) || c == '-' || c == '.' || c == '_')) return false;
  return true;
}

void validateContainerCommon(Errs& e, const json& c, const std::string& path, const std::set<std::string>& vols) {
  std::string name = str(c, "name");
  if (name.empty())
    required(e, path + ".name");
  else
    for (auto& m : isDNS1123Label(name)) invalid(e, path + ".name", name, m);
  if (str(c, "image").empty()) required(e, path + ".image");
  if (has(c, "terminationMessagePolicy")) {
    std::string tmp = str(c, "terminationMessagePolicy");
    if (tmp != "File" && tmp != "FallbackToLogsOnError")
      notSupported(e, path + ".terminationMessagePolicy", tmp, {"File", "FallbackToLogsOnError"});
  }
  // ports
  const json& ports = arr(c, "ports");
  std::set<std::string> portNames;
  for (size_t i = 0; i < ports.size(); i++) {
    const json& p = ports[i];
    std::string pp = idx(path + ".ports", i);
    std::string pn = str(p, "name");
    if (!pn.empty()) {
      auto msgs = isValidPortName(pn);
      if (!msgs.empty())
        for (auto& m : msgs) invalid(e, pp + ".name", pn, m);
      else if (portNames.count(pn))
        duplicate(e, pp + ".name", pn);
      else
        portNames.insert(pn);
    }
    int64_t cp = num(p, "containerPort");
    if (cp == 0)
      required(e, pp + ".containerPort");
    else
      for (auto& m : isValidPortNum(cp)) invalid(e, pp + ".containerPort", cp, m);
    if (has(p, "hostPort") && num(p, "hostPort") != 0)
      for (auto& m : isValidPortNum(num(p, "hostPort"))) invalid(e, pp + ".hostPort", num(p, "hostPort"), m);
    if (has(p, "protocol")) {
      std::string proto = str(p, "protocol");
      if (proto != "TCP" && proto != "UDP" && proto != "SCTP") notSupported(e, pp + ".protocol", proto, {"SCTP", "TCP", "UDP"});
    }
  }
  // env
  const json& env = arr(c, "env");
  for (size_t i = 0; i < env.size(); i++) {
    const json& ev = env[i];
    std::string ep = idx(path + ".env", i);
    std::string en = str(ev, "name");
    if (en.empty())
      required(e, ep + ".name");
    else if (!isEnvVarName(en))
      invalid(e, ep + ".name", en,
              regexError("a valid environment variable name must consist of alphabetic characters, digits, '_', '-', "
                         "or '.', and must not start with a digit",
                         "[-._a-zA-Z][-._a-zA-Z0-9]*", {"my.env-name", "MY_ENV.NAME", "MyEnvName1"}));
    if (const json* vf = get(ev, "valueFrom")) {
      int n = 0;
      std::string vp = ep + ".valueFrom";
      if (const json* fr = get(*vf, "fieldRef")) {
        n++;
        if (str(*fr, "fieldPath").empty()) required(e, vp + ".fieldRef.fieldPath");
      }
      if (const json* rr = get(*vf, "resourceFieldRef")) {
        n++;
        if (str(*rr, "resource").empty()) required(e, vp + ".resourceFieldRef.resource");
      }
      for (const char* k : {"configMapKeyRef", "secretKeyRef"})
        if (const json* kr = get(*vf, k)) {
          n++;
          if (str(*kr, "name").empty()) required(e, vp + "." + k + ".name");
          if (str(*kr, "key").empty()) required(e, vp + "." + k + ".key");
        }
      if (n == 0)
        invalid(e, vp, "", "must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`");
      else if (!str(ev, "value").empty())
        invalid(e, vp, "", "may not be specified when `value` is not empty");
      else if (n > 1)
        invalid(e, vp, "", "may not have more than one field specified at a time");
    }
  }
  // volume mounts
  const json& vms = arr(c, "volumeMounts");
  std::set<std::string> mountPaths;
  for (size_t i = 0; i < vms.size(); i++) {
    const json& vm = vms[i];
    std::string vp = idx(path + ".volumeMounts", i);
    std::string vn = str(vm, "name");
    if (vn.empty())
      required(e, vp + ".name");
    else if (!vols.count(vn))
      notFound(e, vp + ".name", vn);
    std::string mp = str(vm, "mountPath");
    if (mp.empty()) required(e, vp + ".mountPath");
    if (!mp.empty() && mountPaths.count(mp)) invalid(e, vp + ".mountPath", mp, "must be unique");
    mountPaths.insert(mp);
  }
  if (has(c, "imagePullPolicy")) {
    std::string pp = str(c, "imagePullPolicy");
    if (pp != "Always" && pp != "IfNotPresent" && pp != "Never")
      notSupported(e, path + ".imagePullPolicy", pp, {"Always", "IfNotPresent", "Never"});
  }
  validateResources(e, obj(c, "resources"), path + ".resources");
}

void validateVolumes(Errs& e, const json& spec, const std::string& path, std::set<std::string>& names) {
  const json& vols = arr(spec, "volumes");
  static const char* sources[] = {"hostPath", "emptyDir", "gitRepo", "awsElasticBlockStore", "gcePersistentDisk",
                                  "secret", "nfs", "iscsi", "glusterfs", "persistentVolumeClaim", "rbd", "quobyte",
                                  "flexVolume", "cinder", "cephfs", "flocker", "downwardAPI", "fc", "azureFile",
                                  "configMap", "vsphereVolume", "azureDisk", "photonPersistentDisk", "projected",
                                  "portworxVolume", "scaleIO", "storageos", "csi", "ephemeral", "image"};
  for (size_t i = 0; i < vols.size(); i++) {
    const json& v = vols[i];
    std::string vp = idx(path, i);
    Errs el;
    int n = 0;
    for (const char* s : sources) {
      if (!has(v, s)) continue;
      if (n > 0) {
        forbidden(el, vp + "." + s, "may not specify more than 1 volume type");
        continue;
      }
      n++;
      const json& src = v[s];
      std::string sp = vp + "." + s;
      std::string st = s;
      if (st == "hostPath") {
        if (str(src, "path").empty()) required(el, sp + ".path");
        if (has(src, "type")) {
          std::string t = str(src, "type");
          static const std::vector<std::string> types = {"", "BlockDevice", "CharDevice", "Directory", "DirectoryOrCreate",
                                                         "File", "FileOrCreate", "Socket"};
          if (std::find(types.begin(), types.end(), t) == types.end()) notSupported(el, sp + ".type", t, types);
        }
      } else if (st == "secret") {
        if (str(src, "secretName").empty()) required(el, sp + ".secretName");
      } else if (st == "configMap") {
        if (str(src, "name").empty()) required(el, sp + ".name");
      } else if (st == "persistentVolumeClaim") {
        if (str(src, "claimName").empty()) required(el, sp + ".claimName");
      }
    }
    if (n == 0) required(el, vp, "must specify a volume type");
    std::string name = str(v, "name");
    if (name.empty())
      required(el, vp + ".name");
    else
      for (auto& m : isDNS1123Label(name)) invalid(el, vp + ".name", name, m);
    if (names.count(name)) duplicate(el, vp + ".name", name);
    if (el.empty())
      names.insert(name);
    else
      e.insert(e.end(), el.begin(), el.end());
  }
}

std::string goToleration(const json& t) {
  std::string s = "core.Toleration{Key:" + goQuote(str(t, "key")) + ", Operator:" + goQuote(str(t, "operator")) +
                  ", Value:" + goQuote(str(t, "value")) + ", Effect:" + goQuote(str(t, "effect")) +
                  ", TolerationSeconds:";
  s += has(t, "tolerationSeconds") ? "(*int64)(0xc000a1c0f8)" : "(*int64)(nil)";
  return s + "}";
}

void validateTolerations(Errs& e, const json& tols, const std::string& path) {
  for (size_t i = 0; i < tols.size(); i++) {
    const json& t = tols[i];
    std::string tp = idx(path, i);
    std::string key = str(t, "key"), op = str(t, "operator"), value = str(t, "value"), effect = str(t, "effect");
    if (!key.empty())
      for (auto& m : isQualifiedName(key)) invalid(e, tp + ".key", key, m);
    if (key.empty() && op != "Exists")
      invalid(e, tp + ".operator", op, "operator must be Exists when `key` is empty, which means \"match all values and all keys\"");
    if (has(t, "tolerationSeconds") && effect != "NoExecute")
      invalid(e, tp + ".effect", effect, "effect must be 'NoExecute' when `tolerationSeconds` is set");
    if (op == "Equal" || op.empty()) {
      auto msgs = isValidLabelValue(value);
      if (!msgs.empty()) {
        std::string joined;
        for (size_t j = 0; j < msgs.size(); j++) joined += (j ? ";" : "") + msgs[j];
        invalid(e, tp + ".operator", value, joined);
      }
    } else if (op == "Exists") {
      if (!value.empty())
        invalidRaw(e, tp + ".operator", goToleration(t), "value must be empty when `operator` is 'Exists'");
    } else {
      notSupported(e, tp + ".operator", op, {"Equal", "Exists"});
    }
    if (!effect.empty() && effect != "NoSchedule" && effect != "PreferNoSchedule" && effect != "NoExecute")
      notSupported(e, tp + ".effect", effect, {"NoSchedule", "PreferNoSchedule", "NoExecute"});
  }
}

void validateNodeSelectorTerm(Errs& e, const json& term, const std::string& path) {
  for (const char* kind : {"matchExpressions", "matchFields"}) {
    const json& exprs = arr(term, kind);
    for (size_t i = 0; i < exprs.size(); i++) {
      const json& r = exprs[i];
      std::string p = idx(path + "." + kind, i);
      std::string op = str(r, "operator");
      size_t n = arr(r, "values").size();
      if (op == "In" || op == "NotIn") {
        if (n == 0) required(e, p + ".values", "must be specified when `operator` is 'In' or 'NotIn'");
      } else if (op == "Exists" || op == "DoesNotExist") {
        if (n > 0) forbidden(e, p + ".values", "may not be specified when `operator` is 'Exists' or 'DoesNotExist'");
      } else if (op == "Gt" || op == "Lt") {
        if (n != 1) required(e, p + ".values", "must be specified single value when `operator` is 'Lt' or 'Gt'");
      } else {
        invalid(e, p + ".operator", op, "not a valid selector operator");
      }
      std::string key = str(r, "key");
      if (std::string(kind) == "matchExpressions") {
        for (auto& m : isQualifiedName(key)) invalid(e, p + ".key", key, m);
      } else if (key != "metadata.name") {
        notSupported(e, p + ".key", key, {"metadata.name"});
      }
    }
  }
}

void validatePodAffinityTerm(Errs& e, const json& term, const std::string& path) {
  validateLabelSelector(e, obj(term, "labelSelector"), path + ".labelSelector");
  validateLabelSelector(e, obj(term, "namespaceSelector"), path + ".namespaceSelector");
  const json& nss = arr(term, "namespaces");
  for (auto& ns : nss) {
    std::string s = ns.is_string() ? ns.get<std::string>() : ns.dump();
    for (auto& m : isDNS1123Label(s)) invalid(e, path + ".namespace", s, m);
  }
  std::string tk = str(term, "topologyKey");
  if (tk.empty())
    required(e, path + ".topologyKey", "can not be empty");
  else
    for (auto& m : isQualifiedName(tk)) invalid(e, path + ".topologyKey", tk, m);
}

void validateAffinity(Errs& e, const json& aff, const std::string& path) {
  if (const json* na = get(aff, "nodeAffinity")) {
    std::string np = path + ".nodeAffinity";
    if (const json* req = get(*na, "requiredDuringSchedulingIgnoredDuringExecution")) {
      std::string rp = np + ".requiredDuringSchedulingIgnoredDuringExecution";
      const json& terms = arr(*req, "nodeSelectorTerms");
      if (terms.empty()) required(e, rp + ".nodeSelectorTerms", "must have at least one node selector term");
      for (size_t i = 0; i < terms.size(); i++) validateNodeSelectorTerm(e, terms[i], idx(rp + ".nodeSelectorTerms", i));
    }
    const json& pref = arr(*na, "preferredDuringSchedulingIgnoredDuringExecution");
    for (size_t i = 0; i < pref.size(); i++) {
      std::string pp = idx(np + ".preferredDuringSchedulingIgnoredDuringExecution", i);
      int64_t w = num(pref[i], "weight");
      if (w <= 0 || w > 100) invalid(e, pp + ".weight", w, "must be in the range 1-100");
      validateNodeSelectorTerm(e, obj(pref[i], "preference"), pp + ".preference");
    }
  }
  for (const char* k : {"podAffinity", "podAntiAffinity"}) {
    const json* pa = get(aff, k);
    if (!pa) continue;
    std::string pp = path + "." + k;
    const json& req = arr(*pa, "requiredDuringSchedulingIgnoredDuringExecution");
    for (size_t i = 0; i < req.size(); i++)
      validatePodAffinityTerm(e, req[i], idx(pp + ".requiredDuringSchedulingIgnoredDuringExecution", i));
    const json& pref = arr(*pa, "preferredDuringSchedulingIgnoredDuringExecution");
    for (size_t i = 0; i < pref.size(); i++) {
      std::string wp = idx(pp + ".preferredDuringSchedulingIgnoredDuringExecution", i);
      int64_t w = num(pref[i], "weight");
      if (w <= 0 || w > 100) invalid(e, wp + ".weight", w, "must be in the range 1-100");
      validatePodAffinityTerm(e, obj(pref[i], "podAffinityTerm"), wp + ".podAffinityTerm");
    }
  }
}

void validateTopologySpread(Errs& e, const json& tscs, const std::string& path) {
  std::set<std::pair<std::string, std::string>> seen;
  for (size_t i = 0; i < tscs.size(); i++) {
    const json& c = tscs[i];
    std::string p = idx(path, i);
    int64_t skew = num(c, "maxSkew");
    if (skew <= 0) invalid(e, p + ".maxSkew", skew, "must be greater than zero");
    std::string tk = str(c, "topologyKey");
    if (tk.empty())
      required(e, p + ".topologyKey", "can not be empty");
    else
      for (auto& m : isQualifiedName(tk)) invalid(e, p + ".topologyKey", tk, m);
    std::string wu = str(c, "whenUnsatisfiable");
    if (wu != "DoNotSchedule" && wu != "ScheduleAnyway")
      notSupported(e, p + ".whenUnsatisfiable", wu, {"DoNotSchedule", "ScheduleAnyway"});
    auto key = std::make_pair(tk, wu);
    if (seen.count(key)) duplicate(e, p, "{" + tk + ", " + wu + "}");
    seen.insert(key);
    validateLabelSelector(e, obj(c, "labelSelector"), p + ".labelSelector");
  }
}

void validatePodSpec(Errs& e, const json& spec, const std::string& path) {
  const json* grace = get(spec, "terminationGracePeriodSeconds");
  std::set<std::string> vols;
  validateVolumes(e, spec, path + ".volumes", vols);
  // containers
  const json& ctrs = arr(spec, "containers");
  std::set<std::string> names;
  if (ctrs.empty()) {
    required(e, path + ".containers");
  } else {
    for (size_t i = 0; i < ctrs.size(); i++) {
      const json& c = ctrs[i];
      std::string cp = idx(path + ".containers", i);
      validateContainerCommon(e, c, cp, vols);
      std::string name = str(c, "name");
      if (names.count(name))
        duplicate(e, cp + ".name", name);
      else
        names.insert(name);
      if (has(c, "lifecycle")) validateLifecycle(e, c["lifecycle"], cp + ".lifecycle", grace);
      validateProbe(e, c, "livenessProbe", cp, grace);
      validateProbe(e, c, "readinessProbe", cp, grace);
      validateProbe(e, c, "startupProbe", cp, grace);
      if (has(c, "restartPolicy")) forbidden(e, cp + ".restartPolicy", "may not be set for non-init containers");
    }
  }
  // init containers
  const json& inits = arr(spec, "initContainers");
  for (size_t i = 0; i < inits.size(); i++) {
    const json& c = inits[i];
    std::string cp = idx(path + ".initContainers", i);
    validateContainerCommon(e, c, cp, vols);
    bool restartAlways = false;
    if (has(c, "restartPolicy")) {
      std::string rp = str(c, "restartPolicy");
      if (rp != "Always") notSupported(e, cp + ".restartPolicy", rp, {"Always"});
      restartAlways = rp == "Always";
    }
    std::string name = str(c, "name");
    if (names.count(name))
      duplicate(e, cp + ".name", name);
    else if (!name.empty())
      names.insert(name);
    if (restartAlways) {
      if (has(c, "lifecycle")) validateLifecycle(e, c["lifecycle"], cp + ".lifecycle", grace);
      validateProbe(e, c, "livenessProbe", cp, grace);
      validateProbe(e, c, "readinessProbe", cp, grace);
      validateProbe(e, c, "startupProbe", cp, grace);
    } else {
      for (const char* k : {"lifecycle", "livenessProbe", "readinessProbe", "startupProbe"})
        if (has(c, k)) forbidden(e, cp + "." + k, "may not be set for init containers without restartPolicy=Always");
    }
  }
  if (has(spec, "restartPolicy")) {
    std::string rp = str(spec, "restartPolicy");
    if (rp != "Always" && rp != "OnFailure" && rp != "Never")
      notSupported(e, path + ".restartPolicy", rp, {"Always", "OnFailure", "Never"});
  }
  if (has(spec, "dnsPolicy")) {
    std::string dp = str(spec, "dnsPolicy");
    if (dp != "ClusterFirstWithHostNet" && dp != "ClusterFirst" && dp != "Default" && dp != "None")
      notSupported(e, path + ".dnsPolicy", dp, {"ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"});
  }
  validateLabels(e, obj(spec, "nodeSelector"), path + ".nodeSelector");
  validateAffinity(e, obj(spec, "affinity"), path + ".affinity");
  validateTopologySpread(e, arr(spec, "topologySpreadConstraints"), path + ".topologySpreadConstraints");
  std::string sa = str(spec, "serviceAccountName");
  if (!sa.empty())
    for (auto& m : isDNS1123Subdomain(sa)) invalid(e, path + ".serviceAccountName", sa, m);
  std::string node = str(spec, "nodeName");
  if (!node.empty())
    for (auto& m : isDNS1123Subdomain(node)) invalid(e, path + ".nodeName", node, m);
  if (has(spec, "activeDeadlineSeconds")) {
    int64_t v = num(spec, "activeDeadlineSeconds");
    if (v < 1 || v > 2147483647) invalid(e, path + ".activeDeadlineSeconds", v, "must be between 1 and 2147483647, inclusive");
  }
  for (const char* k : {"hostname", "subdomain"}) {
    std::string v = str(spec, k);
    if (!v.empty())
      for (auto& m : isDNS1123Label(v)) invalid(e, path + "." + k, v, m);
  }
  validateTolerations(e, arr(spec, "tolerations"), path + ".tolerations");
  std::string pcn = str(spec, "priorityClassName");
  if (!pcn.empty())
    for (auto& m : isDNS1123Subdomain(pcn)) invalid(e, path + ".priorityClassName", pcn, m);
  if (has(spec, "preemptionPolicy")) {
    std::string pp = str(spec, "preemptionPolicy");
    if (pp != "PreemptLowerPriority" && pp != "Never")
      notSupported(e, path + ".preemptionPolicy", pp, {"Never", "PreemptLowerPriority"});
  }
}

Errs validatePod(const json& pod) {
  Errs e;
  validateObjectMeta(e, obj(pod, "metadata"), NameKind::Subdomain);
  validatePodSpec(e, obj(pod, "spec"), "spec");
  if (!arr(obj(pod, "spec"), "ephemeralContainers").empty())
    forbidden(e, "spec.ephemeralContainers", "cannot be set on create");
  return e;
}

void validateTemplateForReplicaSet(Errs& e, const json& spec, const std::string& path) {
  const json* tmpl = get(spec, "template");
  const json* selj = get(spec, "selector");
  Selector sel;
  bool selOk = selectorFromLabelSelector(selj ? *selj : json(nullptr), sel);
  if (!selOk) {
    invalidRaw(e, path + ".selector", goLabelSelector(*selj), "invalid label selector");
  }
  std::string tp = path + ".template";
  if (!tmpl) {
    // an absent template decodes as an empty one
  }
  const json& t = tmpl ? *tmpl : json::object();
  const json& tmeta = obj(t, "metadata");
  if (selOk && !sel.empty()) {
    const json* labels = get(tmeta, "labels");
    if (!sel.matches(labels ? *labels : json::object()))
      invalidRaw(e, tp + ".metadata.labels", goMapStringString(labels ? *labels : json(nullptr)),
                 "`selector` does not match template `labels`");
  }
  // ValidatePodTemplateSpec
  validateLabels(e, obj(tmeta, "labels"), tp + ".labels");
  validateAnnotations(e, obj(tmeta, "annotations"), tp + ".annotations");
  const json& pspec = obj(t, "spec");
  validatePodSpec(e, pspec, tp + ".spec");
  if (!arr(pspec, "ephemeralContainers").empty())
    forbidden(e, tp + ".spec.ephemeralContainers", "ephemeral containers not allowed in pod template");
  std::string rp = str(pspec, "restartPolicy");
  if (!rp.empty() && rp != "Always") notSupported(e, tp + ".spec.restartPolicy", rp, {"Always"});
  if (has(pspec, "activeDeadlineSeconds"))
    forbidden(e, tp + ".spec.activeDeadlineSeconds", "activeDeadlineSeconds in ReplicaSet is not Supported");
}

void validateSelectorRequired(Errs& e, const json& spec, const std::string& path) {
  const json* sel = get(spec, "selector");
  if (!sel) {
    required(e, path + ".selector");
  } else {
    validateLabelSelector(e, *sel, path + ".selector");
    if (obj(*sel, "matchLabels").empty() && arr(*sel, "matchExpressions").empty())
      invalidRaw(e, path + ".selector", goLabelSelector(*sel), "empty selector is invalid for deployment");
  }
}

// intstr value as printed by ErrorBody (IntOrString implements Stringer).
std::string intOrStringRepr(const json* v) {
  if (!v) return "0";
  if (v->is_string()) return v->get<std::string>();
  return std::to_string(v->is_number() ? v->get<int64_t>() : 0);
}

// getIntOrPercentValue: ints as is, "25%" -> 25, bad strings -> 0.
int64_t intOrPercentValue(const json* v) {
  if (!v) return 0;
  if (v->is_number()) return v->get<int64_t>();
  if (v->is_string()) {
    std::string s = v->get<std::string>();
    if (!s.empty() && s.back() == '%') s.pop_back();
    try {
      size_t pos;
      long long n = std::stoll(s, &pos);
      if (pos == s.size()) return n;
    } catch (...) {
    }
  }
  return 0;
}

void validatePositiveIntOrPercent(Errs& e, const json* v, const std::string& path) {
  if (!v) return;
  if (v->is_string()) {
    std::string s = v->get<std::string>();
    bool ok = s.size() >= 2 && s.back() == '%';
    for (size_t i = 0; ok && i + 1 < s.size(); i++)
      if (!std::isdigit((unsigned char)s[i])) ok = false;
    if (!ok)
      invalidRaw(e, path, s,
                 "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex "
                 "used for validation is '[0-9]+%')");
  } else if (v->is_number()) {
    int64_t n = v->get<int64_t>();
    if (n < 0) invalid(e, path, n, "must be greater than or equal to 0");
  }
}

Errs validateDeployment(const json& d) {
  Errs e;
  validateObjectMeta(e, obj(d, "metadata"), NameKind::Subdomain);
  const json& spec = obj(d, "spec");
  nonNegative(e, spec, "replicas", "spec.replicas");
  validateSelectorRequired(e, spec, "spec");
  validateTemplateForReplicaSet(e, spec, "spec");
  // strategy
  const json& strat = obj(spec, "strategy");
  std::string type = str(strat, "type");
  if (type == "Recreate") {
    if (has(strat, "rollingUpdate"))
      forbidden(e, "spec.strategy.rollingUpdate", "may not be specified when strategy `type` is 'Recreate'");
  } else if (type == "RollingUpdate" || type.empty()) {
    const json& ru = obj(strat, "rollingUpdate");
    const json* mu = get(ru, "maxUnavailable");
    const json* ms = get(ru, "maxSurge");
    if (has(strat, "rollingUpdate") || type == "RollingUpdate") {
      validatePositiveIntOrPercent(e, mu, "spec.strategy.rollingUpdate.maxUnavailable");
      validatePositiveIntOrPercent(e, ms, "spec.strategy.rollingUpdate.maxSurge");
      if (mu && ms && intOrPercentValue(mu) == 0 && intOrPercentValue(ms) == 0)
        invalidRaw(e, "spec.strategy.rollingUpdate.maxUnavailable", intOrStringRepr(mu), "may not be 0 when `maxSurge` is 0");
      if (mu && mu->is_string() && intOrPercentValue(mu) > 100)
        invalidRaw(e, "spec.strategy.rollingUpdate.maxUnavailable", intOrStringRepr(mu), "must not be greater than 100%");
    }
  } else {
    e.push_back({"spec.strategy",
                 "Unsupported value: apps.DeploymentStrategy{Type:" + goQuote(type) + ", RollingUpdate:(*apps.RollingUpdateDeployment)(" +
                     std::string(has(strat, "rollingUpdate") ? "0xc000a1c100" : "nil") +
                     ")}: supported values: \"Recreate\", \"RollingUpdate\""});
  }
  nonNegative(e, spec, "minReadySeconds", "spec.minReadySeconds");
  nonNegative(e, spec, "revisionHistoryLimit", "spec.revisionHistoryLimit");
  if (has(spec, "progressDeadlineSeconds")) {
    nonNegative(e, spec, "progressDeadlineSeconds", "spec.progressDeadlineSeconds");
    if (num(spec, "progressDeadlineSeconds") <= num(spec, "minReadySeconds"))
      invalid(e, "spec.progressDeadlineSeconds", num(spec, "progressDeadlineSeconds"), "must be greater than minReadySeconds");
  }
  return e;
}

Errs validateReplicaSet(const json& rs) {
  Errs e;
  validateObjectMeta(e, obj(rs, "metadata"), NameKind::Subdomain);
  const json& spec = obj(rs, "spec");
  nonNegative(e, spec, "replicas", "spec.replicas");
  nonNegative(e, spec, "minReadySeconds", "spec.minReadySeconds");
  validateSelectorRequired(e, spec, "spec");
  validateTemplateForReplicaSet(e, spec, "spec");
  return e;
}

Errs validateService(const json& svc) {
  Errs e;
  validateObjectMeta(e, obj(svc, "metadata"), NameKind::DNS1035);
  const json& spec = obj(svc, "spec");
  std::string type = str(spec, "type");
  if (type.empty()) type = "ClusterIP";
  bool headless = str(spec, "clusterIP") == "None";
  const json& ports = arr(spec, "ports");
  if (ports.empty() && !headless && type != "ExternalName") required(e, "spec.ports");
  if (type == "ExternalName") {
    std::string en = str(spec, "externalName");
    if (en.empty()) required(e, "spec.externalName");
  }
  bool requireName = ports.size() > 1;
  std::set<std::string> names;
  for (size_t i = 0; i < ports.size(); i++) {
    const json& p = ports[i];
    std::string pp = idx("spec.ports", i);
    std::string name = str(p, "name");
    if (requireName && name.empty()) {
      required(e, pp + ".name");
    } else if (!name.empty()) {
      for (auto& m : isDNS1123Label(name)) invalid(e, pp + ".name", name, m);
      if (names.count(name))
        duplicate(e, pp + ".name", name);
      else
        names.insert(name);
    }
    int64_t port = num(p, "port");
    for (auto& m : isValidPortNum(port)) invalid(e, pp + ".port", port, m);
    if (has(p, "protocol")) {
      std::string proto = str(p, "protocol");
      if (proto != "TCP" && proto != "UDP" && proto != "SCTP") notSupported(e, pp + ".protocol", proto, {"SCTP", "TCP", "UDP"});
    }
    if (has(p, "targetPort")) validatePortNumOrName(e, get(p, "targetPort"), pp + ".targetPort");
    if (has(p, "nodePort") && num(p, "nodePort") != 0) {
      if (type == "ClusterIP" || type == "ExternalName")
        forbidden(e, pp + ".nodePort", "may not be used when `type` is '" + type + "'");
      else if (num(p, "nodePort") < 30000 || num(p, "nodePort") > 32767)
        invalid(e, pp + ".nodePort", num(p, "nodePort"),
                "provided port is not in the valid range. The range of valid ports is 30000-32767");
    }
  }
  if (has(spec, "sessionAffinity")) {
    std::string sa = str(spec, "sessionAffinity");
    if (sa != "ClientIP" && sa != "None") notSupported(e, "spec.sessionAffinity", sa, {"ClientIP", "None"});
  }
  if (has(spec, "type")) {
    std::string t = str(spec, "type");
    if (t != "ClusterIP" && t != "NodePort" && t != "LoadBalancer" && t != "ExternalName")
      notSupported(e, "spec.type", t, {"ClusterIP", "ExternalName", "LoadBalancer", "NodePort"});
  }
  validateLabels(e, obj(spec, "selector"), "spec.selector");
  return e;
}

Errs validateNamespace(const json& ns) {
  Errs e;
  validateObjectMeta(e, obj(ns, "metadata"), NameKind::Label);
  return e;
}

Errs validateNode(const json& node) {
  Errs e;
  validateObjectMeta(e, obj(node, "metadata"), NameKind::Subdomain);
  const json& taints = arr(obj(node, "spec"), "taints");
  std::set<std::pair<std::string, std::string>> seen;
  for (size_t i = 0; i < taints.size(); i++) {
    const json& t = taints[i];
    std::string tp = idx("spec.taints", i);
    std::string key = str(t, "key");
    for (auto& m : isQualifiedName(key)) invalid(e, tp + ".key", key, m);
    std::string value = str(t, "value");
    for (auto& m : isValidLabelValue(value)) invalid(e, tp + ".value", value, m);
    std::string effect = str(t, "effect");
    if (effect.empty())
      required(e, tp + ".effect");
    else if (effect != "NoSchedule" && effect != "PreferNoSchedule" && effect != "NoExecute")
      notSupported(e, tp + ".effect", effect, {"NoSchedule", "PreferNoSchedule", "NoExecute"});
    auto k = std::make_pair(key, effect);
    if (seen.count(k)) duplicate(e, tp, "{" + key + ", " + effect + "}");
    seen.insert(k);
  }
  return e;
}

void pathSegment(Errs& e, const std::string& v, const std::string& path) {
  if (v == ".") invalid(e, path, v, "may not be '.'");
  else if (v == "..") invalid(e, path, v, "may not be '..'");
  else {
    if (v.find('/') != std::string::npos) invalid(e, path, v, "may not contain '/'");
    if (v.find('%') != std::string::npos) invalid(e, path, v, "may not contain '%'");
  }
}

void validateMetricTarget(Errs& e, const json& t, const std::string& path) {
  std::string type = str(t, "type");
  if (type.empty()) required(e, path + ".type", "must specify a metric target type");
  if (type != "Utilization" && type != "Value" && type != "AverageValue")
    invalid(e, path + ".type", type, "must be either Utilization, Value, or AverageValue");
  for (const char* k : {"value", "averageValue"})
    if (const json* v = get(t, k)) {
      Quantity q;
      if (parseQuantity(*v, q) && q.sign() != 1) invalidRaw(e, path + "." + k, q.str(), "must be positive");
    }
  if (has(t, "averageUtilization") && num(t, "averageUtilization") < 1)
    invalid(e, path + ".averageUtilization", num(t, "averageUtilization"), "must be greater than 0");
}

void validateScalingRules(Errs& e, const json* r, const std::string& path) {
  if (!r) return;
  if (has(*r, "stabilizationWindowSeconds")) {
    int64_t w = num(*r, "stabilizationWindowSeconds");
    if (w < 0) invalid(e, path + ".stabilizationWindowSeconds", w, "must be greater than or equal to zero");
    if (w > 3600) invalid(e, path + ".stabilizationWindowSeconds", w, "must be less than or equal to 3600");
  }
  if (has(*r, "selectPolicy")) {
    std::string sp = str(*r, "selectPolicy");
    if (sp != "Max" && sp != "Min" && sp != "Disabled") notSupported(e, path + ".selectPolicy", sp, {"Disabled", "Max", "Min"});
  }
  const json& pols = arr(*r, "policies");
  if (pols.empty()) required(e, path + ".policies", "must specify at least one Policy");
  for (size_t i = 0; i < pols.size(); i++) {
    std::string pp = idx(path + ".policies", i);
    std::string t = str(pols[i], "type");
    if (t != "Pods" && t != "Percent") notSupported(e, pp + ".type", t, {"Percent", "Pods"});
    int64_t v = num(pols[i], "value");
    if (v <= 0) invalid(e, pp + ".value", v, "must be greater than zero");
    int64_t ps = num(pols[i], "periodSeconds");
    if (ps <= 0) invalid(e, pp + ".periodSeconds", ps, "must be greater than zero");
    if (ps > 1800) invalid(e, pp + ".periodSeconds", ps, "must be less than or equal to 1800");
  }
}

Errs validateHPA(const json& hpa) {
  Errs e;
  validateObjectMeta(e, obj(hpa, "metadata"), NameKind::Subdomain);
  const json& spec = obj(hpa, "spec");
  if (has(spec, "minReplicas") && num(spec, "minReplicas") < 1)
    invalid(e, "spec.minReplicas", num(spec, "minReplicas"), "must be greater than or equal to 1");
  int64_t maxR = num(spec, "maxReplicas");
  if (maxR < 1) invalid(e, "spec.maxReplicas", maxR, "must be greater than 0");
  if (has(spec, "minReplicas") && maxR < num(spec, "minReplicas"))
    invalid(e, "spec.maxReplicas", maxR, "must be greater than or equal to `minReplicas`");
  Errs ref;
  const json& str_ = obj(spec, "scaleTargetRef");
  std::string kind = str(str_, "kind"), name = str(str_, "name");
  if (kind.empty()) required(ref, "spec.scaleTargetRef.kind");
  else pathSegment(ref, kind, "spec.scaleTargetRef.kind");
  if (name.empty()) required(ref, "spec.scaleTargetRef.name");
  else pathSegment(ref, name, "spec.scaleTargetRef.name");
  if (!ref.empty()) {
    e.insert(e.end(), ref.begin(), ref.end());
    return e;
  }
  Errs me;
  const json& metrics = arr(spec, "metrics");
  static const std::vector<std::string> types = {"Object", "Pods", "Resource", "External", "ContainerResource"};
  for (size_t i = 0; i < metrics.size(); i++) {
    const json& m = metrics[i];
    std::string mp = idx("spec.metrics", i);
    std::string t = str(m, "type");
    if (t.empty()) required(me, mp + ".type", "must specify a metric source type");
    if (std::find(types.begin(), types.end(), t) == types.end()) notSupported(me, mp + ".type", t, types);
    std::string expected = t.empty() ? "" : std::string(1, (char)std::tolower(t[0])) + t.substr(1);
    std::vector<std::string> present;
    for (const char* k : {"object", "pods", "resource", "external", "containerResource"})
      if (has(m, k)) present.push_back(k);
    if (!t.empty() && std::find(present.begin(), present.end(), expected) == present.end())
      required(me, mp + "." + expected, "must populate information for the given metric source");
    if (present.size() != 1)
      for (auto& p : present)
        if (p != expected) forbidden(me, mp + "." + p, "must populate the given metric source only");
    if ((t == "Resource" || t == "ContainerResource") && has(m, expected.c_str())) {
      const json& src = m[expected];
      std::string sp = mp + "." + expected;
      if (str(src, "name").empty()) required(me, sp + ".name", "must specify a resource name");
      if (t == "ContainerResource" && str(src, "container").empty()) required(me, sp + ".container", "must specify a container");
      const json& tgt = obj(src, "target");
      validateMetricTarget(me, tgt, sp + ".target");
      if (!has(tgt, "averageUtilization") && !has(tgt, "averageValue"))
        required(me, sp + ".target.averageUtilization", "must set either a target raw value or a target utilization");
      if (has(tgt, "averageUtilization") && has(tgt, "averageValue"))
        forbidden(me, sp + ".target.averageValue", "may not set both a target raw value and a target utilization");
    } else if (t == "Pods" || t == "Object" || t == "External") {
      if (const json* src = get(m, expected.c_str())) validateMetricTarget(me, obj(*src, "target"), mp + "." + expected + ".target");
    }
  }
  if (!me.empty()) {
    e.insert(e.end(), me.begin(), me.end());
    return e;
  }
  if (const json* b = get(spec, "behavior")) {
    validateScalingRules(e, get(*b, "scaleUp"), "spec.behavior.scaleUp");
    validateScalingRules(e, get(*b, "scaleDown"), "spec.behavior.scaleDown");
  }
  return e;
}

}  // namespace

std::vector<FieldError> validateObject(const json& o) {
  try {
    if (!o.is_object()) return {};
    std::string kind = str(o, "kind");
    if (kind == "Pod") return validatePod(o);
    if (kind == "Deployment") return validateDeployment(o);
    if (kind == "ReplicaSet") return validateReplicaSet(o);
    if (kind == "Service") return validateService(o);
    if (kind == "Namespace") return validateNamespace(o);
    if (kind == "Node") return validateNode(o);
    if (kind == "HorizontalPodAutoscaler") return validateHPA(o);
    Errs e;
    validateObjectMeta(e, obj(o, "metadata"), NameKind::Subdomain);
    return e;
  } catch (...) {
    return {};
  }
}

namespace {
std::vector<std::string> dedupLines(const std::vector<FieldError>& errs) {
  std::vector<std::string> out;
  std::set<std::string> seen;
  for (auto& e : errs) {
    std::string s = e.str();
    if (seen.insert(s).second) out.push_back(s);
  }
  return out;
}
}  // namespace

std::string formatInvalid(const std::string& kind, const std::string& name, const std::vector<FieldError>& errs) {
  std::string head = "The " + kind + " " + goQuote(name) + " is invalid";
  auto lines = dedupLines(errs);
  if (lines.empty()) return head;
  if (lines.size() == 1) return head + ": " + lines[0];
  std::string s = head + ": ";
  for (auto& l : lines) s += "\n* " + l;
  return s;
}

std::string formatInvalidStatus(const std::string& qualifiedKind, const std::string& name,
                                const std::vector<FieldError>& errs) {
  std::string head = qualifiedKind + " " + goQuote(name) + " is invalid";
  auto lines = dedupLines(errs);
  if (lines.empty()) return head;
  if (lines.size() == 1) return head + ": " + lines[0];
  std::string s = head + ": [";
  for (size_t i = 0; i < lines.size(); i++) s += (i ? ", " : "") + lines[i];
  return s + "]";
}

}  // namespace podplay

// ---------------------------------------------------------------------------------------------
// Decoding: type errors (encoding/json UnmarshalTypeError via sigs.k8s.io/json) and strict unknown fields.

namespace podplay {

namespace {

struct TypeDef {
  enum K { Str, I32, I64, Bool, F64, Qty, IOS, Arr, Map, Obj, Open, Any } k;
  std::string go;                 // Go type as printed: "int32", "v1.PodSpec", "[]v1.Container"
  const TypeDef* elem = nullptr;  // Arr / Map element
  std::vector<std::pair<std::string, const TypeDef*>> fields;  // Obj
  const TypeDef* field(const std::string& n) const {
    for (auto& f : fields)
      if (f.first == n) return f.second;
    return nullptr;
  }
};

class Schema {
 public:
  Schema() { build(); }
  const TypeDef* root(const std::string& kind) const {
    auto it = roots_.find(kind);
    return it == roots_.end() ? nullptr : it->second;
  }

 private:
  std::vector<std::unique_ptr<TypeDef>> store_;
  std::map<std::string, const TypeDef*> roots_;

  const TypeDef* mk(TypeDef::K k, const std::string& go, const TypeDef* elem = nullptr) {
    auto t = std::make_unique<TypeDef>();
    t->k = k;
    t->go = go;
    t->elem = elem;
    store_.push_back(std::move(t));
    return store_.back().get();
  }
  TypeDef* obj(const std::string& go) {
    auto t = std::make_unique<TypeDef>();
    t->k = TypeDef::Obj;
    t->go = go;
    store_.push_back(std::move(t));
    return store_.back().get();
  }
  const TypeDef* arr(const TypeDef* e) { return mk(TypeDef::Arr, "[]" + e->go, e); }
  const TypeDef* open(const std::string& go) { return mk(TypeDef::Open, go); }

  void build() {
    const TypeDef* S = mk(TypeDef::Str, "string");
    const TypeDef* I32 = mk(TypeDef::I32, "int32");
    const TypeDef* I64 = mk(TypeDef::I64, "int64");
    const TypeDef* B = mk(TypeDef::Bool, "bool");
    const TypeDef* Q = mk(TypeDef::Qty, "resource.Quantity");
    const TypeDef* IOS = mk(TypeDef::IOS, "intstr.IntOrString");
    const TypeDef* ANY = mk(TypeDef::Any, "interface {}");
    const TypeDef* SS = arr(S);
    const TypeDef* MSS = mk(TypeDef::Map, "map[string]string", S);
    const TypeDef* RL = mk(TypeDef::Map, "v1.ResourceList", Q);

    TypeDef* meta = obj("v1.ObjectMeta");
    meta->fields = {{"name", S}, {"generateName", S}, {"namespace", S}, {"selfLink", S}, {"uid", S},
                    {"resourceVersion", S}, {"generation", I64}, {"creationTimestamp", ANY},
                    {"deletionTimestamp", ANY}, {"deletionGracePeriodSeconds", I64}, {"labels", MSS},
                    {"annotations", MSS}, {"ownerReferences", arr(open("v1.OwnerReference"))}, {"finalizers", SS},
                    {"managedFields", arr(open("v1.ManagedFieldsEntry"))}};

    TypeDef* lsr = obj("v1.LabelSelectorRequirement");
    lsr->fields = {{"key", S}, {"operator", S}, {"values", SS}};
    TypeDef* ls = obj("v1.LabelSelector");
    ls->fields = {{"matchLabels", MSS}, {"matchExpressions", arr(lsr)}};

    // ---- core/v1 pod ----
    TypeDef* execA = obj("v1.ExecAction");
    execA->fields = {{"command", SS}};
    TypeDef* hdr = obj("v1.HTTPHeader");
    hdr->fields = {{"name", S}, {"value", S}};
    TypeDef* httpA = obj("v1.HTTPGetAction");
    httpA->fields = {{"path", S}, {"port", IOS}, {"host", S}, {"scheme", S}, {"httpHeaders", arr(hdr)}};
    TypeDef* tcpA = obj("v1.TCPSocketAction");
    tcpA->fields = {{"port", IOS}, {"host", S}};
    TypeDef* grpcA = obj("v1.GRPCAction");
    grpcA->fields = {{"port", I32}, {"service", S}};
    TypeDef* sleepA = obj("v1.SleepAction");
    sleepA->fields = {{"seconds", I64}};
    TypeDef* probe = obj("v1.Probe");
    probe->fields = {{"exec", execA}, {"httpGet", httpA}, {"tcpSocket", tcpA}, {"grpc", grpcA},
                     {"initialDelaySeconds", I32}, {"timeoutSeconds", I32}, {"periodSeconds", I32},
                     {"successThreshold", I32}, {"failureThreshold", I32}, {"terminationGracePeriodSeconds", I64}};
    TypeDef* lh = obj("v1.LifecycleHandler");
    lh->fields = {{"exec", execA}, {"httpGet", httpA}, {"tcpSocket", tcpA}, {"sleep", sleepA}};
    TypeDef* lc = obj("v1.Lifecycle");
    lc->fields = {{"postStart", lh}, {"preStop", lh}};
    TypeDef* port = obj("v1.ContainerPort");
    port->fields = {{"name", S}, {"hostPort", I32}, {"containerPort", I32}, {"protocol", S}, {"hostIP", S}};
    TypeDef* ofs = obj("v1.ObjectFieldSelector");
    ofs->fields = {{"apiVersion", S}, {"fieldPath", S}};
    TypeDef* rfs = obj("v1.ResourceFieldSelector");
    rfs->fields = {{"containerName", S}, {"resource", S}, {"divisor", Q}};
    TypeDef* cmks = obj("v1.ConfigMapKeySelector");
    cmks->fields = {{"name", S}, {"key", S}, {"optional", B}};
    TypeDef* sks = obj("v1.SecretKeySelector");
    sks->fields = {{"name", S}, {"key", S}, {"optional", B}};
    TypeDef* evs = obj("v1.EnvVarSource");
    evs->fields = {{"fieldRef", ofs}, {"resourceFieldRef", rfs}, {"configMapKeyRef", cmks}, {"secretKeyRef", sks}};
    TypeDef* env = obj("v1.EnvVar");
    env->fields = {{"name", S}, {"value", S}, {"valueFrom", evs}};
    TypeDef* cmes = obj("v1.ConfigMapEnvSource");
    cmes->fields = {{"name", S}, {"optional", B}};
    TypeDef* ses = obj("v1.SecretEnvSource");
    ses->fields = {{"name", S}, {"optional", B}};
    TypeDef* envFrom = obj("v1.EnvFromSource");
    envFrom->fields = {{"prefix", S}, {"configMapRef", cmes}, {"secretRef", ses}};
    TypeDef* rc = obj("v1.ResourceClaim");
    rc->fields = {{"name", S}, {"request", S}};
    TypeDef* rr = obj("v1.ResourceRequirements");
    rr->fields = {{"limits", RL}, {"requests", RL}, {"claims", arr(rc)}};
    TypeDef* vm = obj("v1.VolumeMount");
    vm->fields = {{"name", S}, {"readOnly", B}, {"recursiveReadOnly", S}, {"mountPath", S}, {"subPath", S},
                  {"mountPropagation", S}, {"subPathExpr", S}};
    TypeDef* ctr = obj("v1.Container");
    ctr->fields = {{"name", S}, {"image", S}, {"command", SS}, {"args", SS}, {"workingDir", S},
                   {"ports", arr(port)}, {"envFrom", arr(envFrom)}, {"env", arr(env)}, {"resources", rr},
                   {"resizePolicy", arr(open("v1.ContainerResizePolicy"))}, {"restartPolicy", S},
                   {"volumeMounts", arr(vm)}, {"volumeDevices", arr(open("v1.VolumeDevice"))},
                   {"livenessProbe", probe}, {"readinessProbe", probe}, {"startupProbe", probe}, {"lifecycle", lc},
                   {"terminationMessagePath", S}, {"terminationMessagePolicy", S}, {"imagePullPolicy", S},
                   {"securityContext", open("v1.SecurityContext")}, {"stdin", B}, {"stdinOnce", B}, {"tty", B}};

    TypeDef* ktp = obj("v1.KeyToPath");
    ktp->fields = {{"key", S}, {"path", S}, {"mode", I32}};
    TypeDef* ed = obj("v1.EmptyDirVolumeSource");
    ed->fields = {{"medium", S}, {"sizeLimit", Q}};
    TypeDef* cmv = obj("v1.ConfigMapVolumeSource");
    cmv->fields = {{"name", S}, {"items", arr(ktp)}, {"defaultMode", I32}, {"optional", B}};
    TypeDef* secv = obj("v1.SecretVolumeSource");
    secv->fields = {{"secretName", S}, {"items", arr(ktp)}, {"defaultMode", I32}, {"optional", B}};
    TypeDef* hp = obj("v1.HostPathVolumeSource");
    hp->fields = {{"path", S}, {"type", S}};
    TypeDef* pvc = obj("v1.PersistentVolumeClaimVolumeSource");
    pvc->fields = {{"claimName", S}, {"readOnly", B}};
    TypeDef* proj = obj("v1.ProjectedVolumeSource");
    proj->fields = {{"sources", arr(open("v1.VolumeProjection"))}, {"defaultMode", I32}};
    TypeDef* vol = obj("v1.Volume");
    vol->fields = {{"name", S}, {"emptyDir", ed}, {"configMap", cmv}, {"secret", secv}, {"hostPath", hp},
                   {"persistentVolumeClaim", pvc}, {"projected", proj}};
    for (const char* o : {"gitRepo", "awsElasticBlockStore", "gcePersistentDisk", "nfs", "iscsi", "glusterfs", "rbd",
                          "quobyte", "flexVolume", "cinder", "cephfs", "flocker", "downwardAPI", "fc", "azureFile",
                          "vsphereVolume", "azureDisk", "photonPersistentDisk", "portworxVolume", "scaleIO",
                          "storageos", "csi", "ephemeral", "image"})
      vol->fields.push_back({o, open("v1.VolumeSource")});

    TypeDef* tol = obj("v1.Toleration");
    tol->fields = {{"key", S}, {"operator", S}, {"value", S}, {"effect", S}, {"tolerationSeconds", I64}};
    TypeDef* nsr = obj("v1.NodeSelectorRequirement");
    nsr->fields = {{"key", S}, {"operator", S}, {"values", SS}};
    TypeDef* nst = obj("v1.NodeSelectorTerm");
    nst->fields = {{"matchExpressions", arr(nsr)}, {"matchFields", arr(nsr)}};
    TypeDef* nsel = obj("v1.NodeSelector");
    nsel->fields = {{"nodeSelectorTerms", arr(nst)}};
    TypeDef* pst = obj("v1.PreferredSchedulingTerm");
    pst->fields = {{"weight", I32}, {"preference", nst}};
    TypeDef* na = obj("v1.NodeAffinity");
    na->fields = {{"requiredDuringSchedulingIgnoredDuringExecution", nsel},
                  {"preferredDuringSchedulingIgnoredDuringExecution", arr(pst)}};
    TypeDef* pat = obj("v1.PodAffinityTerm");
    pat->fields = {{"labelSelector", ls}, {"namespaces", SS}, {"topologyKey", S}, {"namespaceSelector", ls},
                   {"matchLabelKeys", SS}, {"mismatchLabelKeys", SS}};
    TypeDef* wpat = obj("v1.WeightedPodAffinityTerm");
    wpat->fields = {{"weight", I32}, {"podAffinityTerm", pat}};
    TypeDef* pa = obj("v1.PodAffinity");
    pa->fields = {{"requiredDuringSchedulingIgnoredDuringExecution", arr(pat)},
                  {"preferredDuringSchedulingIgnoredDuringExecution", arr(wpat)}};
    TypeDef* paa = obj("v1.PodAntiAffinity");
    paa->fields = pa->fields;
    TypeDef* aff = obj("v1.Affinity");
    aff->fields = {{"nodeAffinity", na}, {"podAffinity", pa}, {"podAntiAffinity", paa}};
    TypeDef* tsc = obj("v1.TopologySpreadConstraint");
    tsc->fields = {{"maxSkew", I32}, {"topologyKey", S}, {"whenUnsatisfiable", S}, {"labelSelector", ls},
                   {"minDomains", I32}, {"nodeAffinityPolicy", S}, {"nodeTaintsPolicy", S}, {"matchLabelKeys", SS}};
    TypeDef* lor = obj("v1.LocalObjectReference");
    lor->fields = {{"name", S}};

    TypeDef* ps = obj("v1.PodSpec");
    ps->fields = {{"volumes", arr(vol)}, {"initContainers", arr(ctr)}, {"containers", arr(ctr)},
                  {"ephemeralContainers", arr(open("v1.EphemeralContainer"))}, {"restartPolicy", S},
                  {"terminationGracePeriodSeconds", I64}, {"activeDeadlineSeconds", I64}, {"dnsPolicy", S},
                  {"nodeSelector", MSS}, {"serviceAccountName", S}, {"serviceAccount", S},
                  {"automountServiceAccountToken", B}, {"nodeName", S}, {"hostNetwork", B}, {"hostPID", B},
                  {"hostIPC", B}, {"shareProcessNamespace", B}, {"securityContext", open("v1.PodSecurityContext")},
                  {"imagePullSecrets", arr(lor)}, {"hostname", S}, {"subdomain", S}, {"affinity", aff},
                  {"schedulerName", S}, {"tolerations", arr(tol)}, {"hostAliases", arr(open("v1.HostAlias"))},
                  {"priorityClassName", S}, {"priority", I32}, {"dnsConfig", open("v1.PodDNSConfig")},
                  {"readinessGates", arr(open("v1.PodReadinessGate"))}, {"runtimeClassName", S},
                  {"enableServiceLinks", B}, {"preemptionPolicy", S}, {"overhead", RL},
                  {"topologySpreadConstraints", arr(tsc)}, {"setHostnameAsFQDN", B}, {"os", open("v1.PodOS")},
                  {"hostUsers", B}, {"schedulingGates", arr(open("v1.PodSchedulingGate"))},
                  {"resourceClaims", arr(open("v1.PodResourceClaim"))}};
    TypeDef* pod = obj("v1.Pod");
    pod->fields = {{"apiVersion", S}, {"kind", S}, {"metadata", meta}, {"spec", ps}, {"status", open("v1.PodStatus")}};
    roots_["Pod"] = pod;

    TypeDef* pts = obj("v1.PodTemplateSpec");
    pts->fields = {{"metadata", meta}, {"spec", ps}};

    // ---- apps/v1 ----
    TypeDef* rud = obj("v1.RollingUpdateDeployment");
    rud->fields = {{"maxUnavailable", IOS}, {"maxSurge", IOS}};
    TypeDef* ds = obj("v1.DeploymentStrategy");
    ds->fields = {{"type", S}, {"rollingUpdate", rud}};
    TypeDef* dspec = obj("v1.DeploymentSpec");
    dspec->fields = {{"replicas", I32}, {"selector", ls}, {"template", pts}, {"strategy", ds},
                     {"minReadySeconds", I32}, {"revisionHistoryLimit", I32}, {"paused", B},
                     {"progressDeadlineSeconds", I32}};
    TypeDef* dep = obj("v1.Deployment");
    dep->fields = {{"apiVersion", S}, {"kind", S}, {"metadata", meta}, {"spec", dspec},
                   {"status", open("v1.DeploymentStatus")}};
    roots_["Deployment"] = dep;
    TypeDef* rsspec = obj("v1.ReplicaSetSpec");
    rsspec->fields = {{"replicas", I32}, {"minReadySeconds", I32}, {"selector", ls}, {"template", pts}};
    TypeDef* rs = obj("v1.ReplicaSet");
    rs->fields = {{"apiVersion", S}, {"kind", S}, {"metadata", meta}, {"spec", rsspec},
                  {"status", open("v1.ReplicaSetStatus")}};
    roots_["ReplicaSet"] = rs;

    // ---- core/v1 service, namespace ----
    TypeDef* sp = obj("v1.ServicePort");
    sp->fields = {{"name", S}, {"protocol", S}, {"appProtocol", S}, {"port", I32}, {"targetPort", IOS}, {"nodePort", I32}};
    TypeDef* sspec = obj("v1.ServiceSpec");
    sspec->fields = {{"ports", arr(sp)}, {"selector", MSS}, {"clusterIP", S}, {"clusterIPs", SS}, {"type", S},
                     {"externalIPs", SS}, {"sessionAffinity", S}, {"loadBalancerIP", S},
                     {"loadBalancerSourceRanges", SS}, {"externalName", S}, {"externalTrafficPolicy", S},
                     {"healthCheckNodePort", I32}, {"publishNotReadyAddresses", B},
                     {"sessionAffinityConfig", open("v1.SessionAffinityConfig")}, {"ipFamilies", SS},
                     {"ipFamilyPolicy", S}, {"allocateLoadBalancerNodePorts", B}, {"loadBalancerClass", S},
                     {"internalTrafficPolicy", S}, {"trafficDistribution", S}};
    TypeDef* svc = obj("v1.Service");
    svc->fields = {{"apiVersion", S}, {"kind", S}, {"metadata", meta}, {"spec", sspec},
                   {"status", open("v1.ServiceStatus")}};
    roots_["Service"] = svc;
    TypeDef* nsspec = obj("v1.NamespaceSpec");
    nsspec->fields = {{"finalizers", SS}};
    TypeDef* ns = obj("v1.Namespace");
    ns->fields = {{"apiVersion", S}, {"kind", S}, {"metadata", meta}, {"spec", nsspec},
                  {"status", open("v1.NamespaceStatus")}};
    roots_["Namespace"] = ns;

    // ---- autoscaling/v2 ----
    TypeDef* cvor = obj("v2.CrossVersionObjectReference");
    cvor->fields = {{"kind", S}, {"name", S}, {"apiVersion", S}};
    TypeDef* mt = obj("v2.MetricTarget");
    mt->fields = {{"type", S}, {"value", Q}, {"averageValue", Q}, {"averageUtilization", I32}};
    TypeDef* rms = obj("v2.ResourceMetricSource");
    rms->fields = {{"name", S}, {"target", mt}};
    TypeDef* crms = obj("v2.ContainerResourceMetricSource");
    crms->fields = {{"name", S}, {"target", mt}, {"container", S}};
    TypeDef* mid = obj("v2.MetricIdentifier");
    mid->fields = {{"name", S}, {"selector", ls}};
    TypeDef* pms = obj("v2.PodsMetricSource");
    pms->fields = {{"metric", mid}, {"target", mt}};
    TypeDef* oms = obj("v2.ObjectMetricSource");
    oms->fields = {{"describedObject", cvor}, {"target", mt}, {"metric", mid}};
    TypeDef* ems = obj("v2.ExternalMetricSource");
    ems->fields = {{"metric", mid}, {"target", mt}};
    TypeDef* ms = obj("v2.MetricSpec");
    ms->fields = {{"type", S}, {"object", oms}, {"pods", pms}, {"resource", rms}, {"containerResource", crms},
                  {"external", ems}};
    TypeDef* pol = obj("v2.HPAScalingPolicy");
    pol->fields = {{"type", S}, {"value", I32}, {"periodSeconds", I32}};
    TypeDef* rules = obj("v2.HPAScalingRules");
    rules->fields = {{"stabilizationWindowSeconds", I32}, {"selectPolicy", S}, {"policies", arr(pol)}};
    TypeDef* beh = obj("v2.HorizontalPodAutoscalerBehavior");
    beh->fields = {{"scaleUp", rules}, {"scaleDown", rules}};
    TypeDef* hspec = obj("v2.HorizontalPodAutoscalerSpec");
    hspec->fields = {{"scaleTargetRef", cvor}, {"minReplicas", I32}, {"maxReplicas", I32}, {"metrics", arr(ms)},
                     {"behavior", beh}};
    TypeDef* hpa = obj("v2.HorizontalPodAutoscaler");
    hpa->fields = {{"apiVersion", S}, {"kind", S}, {"metadata", meta}, {"spec", hspec},
                   {"status", open("v2.HorizontalPodAutoscalerStatus")}};
    roots_["HorizontalPodAutoscaler"] = hpa;
  }
};

const Schema& schema() {
  static const Schema s;
  return s;
}

std::string jsonKindWord(const json& v) {
  if (v.is_string()) return "string";
  if (v.is_boolean()) return "bool";
  if (v.is_array()) return "array";
  if (v.is_object()) return "object";
  return "number";
}

struct DecodeCtx {
  std::string typeError;             // first UnmarshalTypeError
  std::string fatal;                 // an Unmarshaler error (aborts decoding)
  std::vector<std::string> unknown;  // strict decoding errors
};

std::string goStructName(const std::string& go) {
  size_t dot = go.rfind('.');
  return dot == std::string::npos ? go : go.substr(dot + 1);
}

void typeErr(DecodeCtx& c, const std::string& value, const std::string& structName,
             const std::vector<std::string>& stack, const std::string& goType) {
  if (!c.typeError.empty()) return;
  std::string f;
  for (size_t i = 0; i < stack.size(); i++) f += (i ? "." : "") + stack[i];
  if (structName.empty() && f.empty())
    c.typeError = "json: cannot unmarshal " + value + " into Go value of type " + goType;
  else
    c.typeError = "json: cannot unmarshal " + value + " into Go struct field " + structName + "." + f + " of type " + goType;
}

bool isIntegral(const json& v, int64_t& out) {
  if (v.is_number_integer()) {
    if (v.is_number_unsigned()) {
      uint64_t u = v.get<uint64_t>();
      if (u > (uint64_t)INT64_MAX) return false;
      out = (int64_t)u;
      return true;
    }
    out = v.get<int64_t>();
    return true;
  }
  if (v.is_number_float()) {
    double d = v.get<double>();
    if (d == (double)(int64_t)d && std::fabs(d) < 9.2e18) {
      out = (int64_t)d;
      return true;
    }
  }
  return false;
}

void decode(DecodeCtx& c, const json& v, const TypeDef* t, const std::string& structName,
            std::vector<std::string>& stack, const std::string& path) {
  if (!c.fatal.empty() || v.is_null()) return;
  switch (t->k) {
    case TypeDef::Any:
      return;
    case TypeDef::Str:
      if (!v.is_string()) typeErr(c, jsonKindWord(v), structName, stack, t->go);
      return;
    case TypeDef::Bool:
      if (!v.is_boolean()) typeErr(c, jsonKindWord(v), structName, stack, t->go);
      return;
    case TypeDef::F64:
      if (!v.is_number()) typeErr(c, jsonKindWord(v), structName, stack, t->go);
      return;
    case TypeDef::I32:
    case TypeDef::I64: {
      if (!v.is_number()) {
        typeErr(c, jsonKindWord(v), structName, stack, t->go);
        return;
      }
      int64_t n;
      bool ok = isIntegral(v, n);
      if (ok && t->k == TypeDef::I32 && (n < INT32_MIN || n > INT32_MAX)) ok = false;
      if (!ok) typeErr(c, "number " + goJsonNumber(v), structName, stack, t->go);
      return;
    }
    case TypeDef::Qty: {
      std::string err;
      Quantity q;
      std::string text = v.is_string() ? v.get<std::string>() : (v.is_number() ? goJsonNumber(v) : v.dump());
      // Quantity.UnmarshalJSON trims spaces and parses the raw text.
      size_t a = text.find_first_not_of(" \t\r\n"), b = text.find_last_not_of(" \t\r\n");
      text = a == std::string::npos ? "" : text.substr(a, b - a + 1);
      if (!parseQuantity(text, q, &err)) c.fatal = err;
      return;
    }
    case TypeDef::IOS: {
      if (v.is_string()) return;
      int64_t n;
      if (v.is_number() && isIntegral(v, n) && n >= INT32_MIN && n <= INT32_MAX) return;
      std::string what = v.is_number() ? "number " + goJsonNumber(v) : jsonKindWord(v);
      c.fatal = "json: cannot unmarshal " + what + " into Go value of type int32";
      return;
    }
    case TypeDef::Arr: {
      if (!v.is_array()) {
        typeErr(c, jsonKindWord(v), structName, stack, t->go);
        return;
      }
      for (size_t i = 0; i < v.size(); i++)
        decode(c, v[i], t->elem, structName, stack, path + "[" + std::to_string(i) + "]");
      return;
    }
    case TypeDef::Map: {
      if (!v.is_object()) {
        typeErr(c, jsonKindWord(v), structName, stack, t->go);
        return;
      }
      for (auto& [k, e] : v.items()) decode(c, e, t->elem, structName, stack, path + "[" + k + "]");
      return;
    }
    case TypeDef::Open:
      if (!v.is_object()) typeErr(c, jsonKindWord(v), structName, stack, t->go);
      return;
    case TypeDef::Obj: {
      if (!v.is_object()) {
        typeErr(c, jsonKindWord(v), structName, stack, t->go);
        return;
      }
      std::string myName = goStructName(t->go);
      for (auto& [k, e] : v.items()) {
        const TypeDef* ft = t->field(k);
        std::string fp = path.empty() ? k : path + "." + k;
        if (!ft) {
          c.unknown.push_back("unknown field " + goQuote(fp));
          continue;
        }
        stack.push_back(k);
        decode(c, e, ft, myName, stack, fp);
        stack.pop_back();
        if (!c.fatal.empty()) return;
      }
      return;
    }
  }
}

}  // namespace

std::string decodeError(const json& o) {
  try {
    if (!o.is_object()) return "";
    std::string kind = o.contains("kind") && o["kind"].is_string() ? o["kind"].get<std::string>() : "";
    const TypeDef* root = schema().root(kind);
    if (!root) return "";
    std::string av = o.contains("apiVersion") && o["apiVersion"].is_string() ? o["apiVersion"].get<std::string>() : "";
    std::string version = av.substr(av.find('/') == std::string::npos ? 0 : av.find('/') + 1);
    std::string prefix = kind + " in version " + goQuote(version) + " cannot be handled as a " + kind + ": ";
    DecodeCtx c;
    std::vector<std::string> stack;
    decode(c, o, root, "", stack, "");
    if (!c.fatal.empty()) return prefix + c.fatal;
    if (!c.typeError.empty()) return prefix + c.typeError;
    if (!c.unknown.empty()) {
      std::string s = "strict decoding error: ";
      for (size_t i = 0; i < c.unknown.size(); i++) s += (i ? ", " : "") + c.unknown[i];
      return prefix + s;
    }
    return "";
  } catch (...) {
    return "";
  }
}

}  // namespace podplay
