#include "printers/describe.h"

#include <algorithm>
#include <cctype>
#include <limits>
#include <map>
#include <optional>
#include <set>

#include "api/validation.h"
#include "printers/printers.h"
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
std::string join(const std::vector<std::string>& v, const std::string& sep) {
  std::string r;
  for (size_t i = 0; i < v.size(); ++i) {
    if (i) r += sep;
    r += v[i];
  }
  return r;
}
std::string text(const json& v) {
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
std::string goBool(bool b) { return b ? "true" : "false"; }
std::string printBool(bool b) { return b ? "True" : "False"; }
std::string trimSpace(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\n\r\v\f");
  if (b == std::string::npos) return "";
  size_t e = s.find_last_not_of(" \t\n\r\v\f");
  return s.substr(b, e - b + 1);
}
std::vector<std::string> splitLines(const std::string& s) {
  std::vector<std::string> r;
  size_t p = 0;
  while (true) {
    size_t q = s.find('\n', p);
    if (q == std::string::npos) {
      r.push_back(s.substr(p));
      break;
    }
    r.push_back(s.substr(p, q - p));
    p = q + 1;
  }
  return r;
}
bool parseTs(const json& ts, Time& out) {
  if (!ts.is_string() || ts.get_ref<const std::string&>().empty()) return false;
  return parseRfc3339(ts.get<std::string>(), out);
}
// metav1.Time.Format(time.RFC1123Z); the zero time prints as Go's zero time.
std::string rfcTime(const json& ts) {
  Time t;
  if (!parseTs(ts, t)) return "Mon, 01 Jan 0001 00:00:00 +0000";
  return rfc1123z(t);
}
// IntOrString.String()
std::string intOrString(const json& v) { return text(v); }

// ---- resource.Quantity (enough for describe) ----

enum class QFormat { DecimalSI, BinarySI, DecimalExponent };
struct Quantity {
  __int128 nano = 0;  // value * 1e9
  QFormat format = QFormat::DecimalSI;
  bool valid = false;
};

__int128 pow10i(int n) {
  __int128 r = 1;
  while (n-- > 0) r *= 10;
  return r;
}

Quantity parseQuantity(const std::string& sIn) {
  Quantity q;
  std::string s = sIn;
  if (s.empty()) return q;
  size_t i = 0;
  bool neg = false;
  if (s[i] == '+' || s[i] == '-') neg = s[i++] == '-';
  __int128 intPart = 0, frac = 0;
  int fracDigits = 0;
  size_t digits = 0;
  while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) {
    if (intPart < pow10i(24)) intPart = intPart * 10 + (s[i] - '0');
    ++i;
    ++digits;
  }
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) {
      if (fracDigits < 18) {
        frac = frac * 10 + (s[i] - '0');
        ++fracDigits;
      }
      ++i;
      ++digits;
    }
  }
  if (digits == 0) return q;
  std::string suf = s.substr(i);
  int exp10 = 0, exp2 = 0;
  QFormat f = QFormat::DecimalSI;
  static const std::map<std::string, int> dec = {{"", 0},  {"n", -9}, {"u", -6}, {"m", -3}, {"k", 3},
                                                 {"M", 6}, {"G", 9},  {"T", 12}, {"P", 15}, {"E", 18}};
  static const std::map<std::string, int> bin = {{"Ki", 10}, {"Mi", 20}, {"Gi", 30},
                                                 {"Ti", 40}, {"Pi", 50}, {"Ei", 60}};
  if (auto it = dec.find(suf); it != dec.end()) {
    exp10 = it->second;
  } else if (auto jt = bin.find(suf); jt != bin.end()) {
    exp2 = jt->second;
    f = QFormat::BinarySI;
  } else if ((suf[0] == 'e' || suf[0] == 'E') && suf.size() > 1) {
    try {
      size_t used = 0;
      exp10 = std::stoi(suf.substr(1), &used);
      if (used != suf.size() - 1) return q;
    } catch (...) {
      return q;
    }
    f = QFormat::DecimalExponent;
  } else {
    return q;
  }
  // value = (intPart + frac/10^fracDigits) * 10^exp10 * 2^exp2, in nano units (rounded up).
  __int128 num = intPart * pow10i(fracDigits) + frac;  // scaled by 10^fracDigits
  int e = exp10 + 9 - fracDigits;
  __int128 v;
  if (e >= 0) {
    v = num * pow10i(e);
  } else {
    __int128 d = pow10i(-e);
    v = num / d + (num % d != 0 ? 1 : 0);
  }
  v <<= exp2;
  q.nano = neg ? -v : v;
  q.format = f;
  q.valid = true;
  return q;
}

std::string i128ToString(__int128 v) {
  if (v == 0) return "0";
  bool neg = v < 0;
  if (neg) v = -v;
  std::string s;
  while (v > 0) {
    s.push_back(static_cast<char>('0' + static_cast<int>(v % 10)));
    v /= 10;
  }
  if (neg) s.push_back('-');
  std::reverse(s.begin(), s.end());
  return s;
}

std::string quantityString(const Quantity& q) {
  if (q.nano == 0) return "0";
  QFormat f = q.format;
  const __int128 unit = pow10i(9);
  if (f == QFormat::BinarySI) {
    if (q.nano > -1024 * unit && q.nano < 1024 * unit) f = QFormat::DecimalSI;
    else if (q.nano % unit != 0) f = QFormat::DecimalSI;
  }
  if (f == QFormat::BinarySI) {
    __int128 v = q.nano / unit;
    int exp = 0;
    while (exp < 6 && v % 1024 == 0) {
      v /= 1024;
      ++exp;
    }
    static const char* sfx[] = {"", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"};
    return i128ToString(v) + sfx[exp];
  }
  __int128 m = q.nano;
  int exp = -9;
  while (m % 10 == 0) {
    m /= 10;
    ++exp;
  }
  int r = ((exp % 3) + 3) % 3;
  if (r == 1) {
    m *= 10;
    exp -= 1;
  } else if (r == 2) {
    m *= 100;
    exp -= 2;
  }
  if (f == QFormat::DecimalExponent) return i128ToString(m) + (exp == 0 ? "" : "e" + std::to_string(exp));
  if (exp > 18) {  // beyond "E": fall back to an exponent
    return i128ToString(m) + "e" + std::to_string(exp);
  }
  static const std::map<int, const char*> sfx = {{-9, "n"}, {-6, "u"}, {-3, "m"}, {0, ""}, {3, "k"},
                                                 {6, "M"},  {9, "G"},  {12, "T"}, {15, "P"}, {18, "E"}};
  return i128ToString(m) + sfx.at(exp);
}

int64_t milliValue(const Quantity& q) {
  __int128 d = pow10i(6);
  __int128 v = q.nano / d + (q.nano % d > 0 ? 1 : 0);
  return static_cast<int64_t>(v);
}
int64_t value(const Quantity& q) {
  __int128 d = pow10i(9);
  __int128 v = q.nano / d + (q.nano % d > 0 ? 1 : 0);
  return static_cast<int64_t>(v);
}

std::string quantityText(const json& v) {
  std::string s = text(v);
  Quantity q = parseQuantity(s);
  return q.valid ? quantityString(q) : s;
}

using ResourceList = std::map<std::string, Quantity>;

ResourceList resourceList(const json& obj) {
  ResourceList r;
  if (!obj.is_object()) return r;
  for (auto it = obj.begin(); it != obj.end(); ++it) {
    Quantity q = parseQuantity(text(it.value()));
    if (q.valid) r[it.key()] = q;
  }
  return r;
}
void addList(ResourceList& into, const ResourceList& add) {
  for (auto& [k, v] : add) {
    auto it = into.find(k);
    if (it == into.end()) into[k] = v;
    else it->second.nano += v.nano;
  }
}
void maxList(ResourceList& into, const ResourceList& other) {
  for (auto& [k, v] : other) {
    auto it = into.find(k);
    if (it == into.end() || v.nano > it->second.nano) into[k] = v;
  }
}

// resourcehelper.PodRequestsAndLimits (containers summed; init containers as max, sidecars added).
void podRequestsAndLimits(const json& pod, ResourceList& reqs, ResourceList& limits) {
  const json& spec = at(pod, "spec");
  for (const auto& c : arr(spec, "containers")) {
    addList(reqs, resourceList(at(at(c, "resources"), "requests")));
    addList(limits, resourceList(at(at(c, "resources"), "limits")));
  }
  ResourceList sideReq, sideLim, initReq, initLim;
  for (const auto& c : arr(spec, "initContainers")) {
    ResourceList cr = resourceList(at(at(c, "resources"), "requests"));
    ResourceList cl = resourceList(at(at(c, "resources"), "limits"));
    if (jstr(c, "restartPolicy") == "Always") {
      addList(reqs, cr);
      addList(limits, cl);
      addList(sideReq, cr);
      addList(sideLim, cl);
      maxList(initReq, sideReq);
      maxList(initLim, sideLim);
    } else {
      ResourceList tr = cr, tl = cl;
      addList(tr, sideReq);
      addList(tl, sideLim);
      maxList(initReq, tr);
      maxList(initLim, tl);
    }
  }
  maxList(reqs, initReq);
  maxList(limits, initLim);
  ResourceList overhead = resourceList(at(spec, "overhead"));
  if (!overhead.empty()) {
    addList(reqs, overhead);
    for (auto& [k, v] : overhead)
      if (limits.count(k)) limits[k].nano += v.nano;
  }
}

// ---- PrefixWriter over engine B ----

struct W {
  GoTabWriter tw{0, 8, 2, false};
  bool raw = false;  // a PrefixWriter straight on a buffer (rollout history --revision)
  std::string rawOut;
  void write(int level, const std::string& s) {
    std::string line = std::string(static_cast<size_t>(level) * 2, ' ') + s;
    if (raw) rawOut += line;
    else tw.write(line);
  }
  void flush() {
    if (!raw) tw.flush();
  }
  std::string done() {
    if (raw) return rawOut;
    tw.flush();
    return tw.take();
  }
};

void printLabelsMultiline(W& w, const std::string& title, const json& labels, const std::string& initialIndent = "") {
  w.write(0, initialIndent + title + ":\t");
  if (!labels.is_object() || labels.empty()) {
    w.write(0, "<none>\n");
    return;
  }
  bool first = true;
  for (auto it = labels.begin(); it != labels.end(); ++it) {
    if (!first) w.write(0, initialIndent + "\t");
    first = false;
    w.write(0, it.key() + "=" + text(it.value()) + "\n");
  }
}

std::string shorten(const std::string& s, size_t max) { return s.size() > max ? s.substr(0, max) + "..." : s; }

void printAnnotationsMultiline(W& w, const std::string& title, const json& ann) {
  w.write(0, title + ":\t");
  std::vector<std::string> keys;
  if (ann.is_object())
    for (auto it = ann.begin(); it != ann.end(); ++it)
      if (it.key() != "kubectl.kubernetes.io/last-applied-configuration") keys.push_back(it.key());
  if (keys.empty()) {
    w.write(0, "<none>\n");
    return;
  }
  for (size_t i = 0; i < keys.size(); ++i) {
    if (i) w.write(0, "\t");
    std::string value = text(at(ann, keys[i].c_str()));
    if (!value.empty() && value.back() == '\n') value.pop_back();
    if (value.size() + keys[i].size() + 2 > 140 || value.find('\n') != std::string::npos) {
      w.write(0, keys[i] + ":\n");
      for (const auto& s : splitLines(value)) w.write(0, "\t  " + shorten(s, 138) + "\n");
    } else {
      w.write(0, keys[i] + ": " + value + "\n");
    }
  }
}

void printTolerations(W& w, const std::string& title, const json& tolsIn) {
  w.write(0, title + ":\t");
  std::vector<json> tols;
  if (tolsIn.is_array())
    for (const auto& t : tolsIn) tols.push_back(t);
  if (tols.empty()) {
    w.write(0, "<none>\n");
    return;
  }
  std::stable_sort(tols.begin(), tols.end(),
                   [](const json& a, const json& b) { return jstr(a, "key") < jstr(b, "key"); });
  for (size_t i = 0; i < tols.size(); ++i) {
    const json& t = tols[i];
    if (i) w.write(0, "\t");
    std::string s = jstr(t, "key");
    if (!jstr(t, "value").empty()) s += "=" + jstr(t, "value");
    if (!jstr(t, "effect").empty()) s += ":" + jstr(t, "effect");
    if (jstr(t, "operator") == "Exists" && jstr(t, "value").empty()) {
      if (!jstr(t, "key").empty() || !jstr(t, "effect").empty()) s += " op=Exists";
      else s += "op=Exists";
    }
    if (!at(t, "tolerationSeconds").is_null()) s += " for " + std::to_string(jint(t, "tolerationSeconds")) + "s";
    w.write(0, s + "\n");
  }
}

void printTaints(W& w, const std::string& title, const json& taintsIn) {
  w.write(0, title + ":\t");
  std::vector<json> taints;
  if (taintsIn.is_array())
    for (const auto& t : taintsIn) taints.push_back(t);
  if (taints.empty()) {
    w.write(0, "<none>\n");
    return;
  }
  std::stable_sort(taints.begin(), taints.end(), [](const json& a, const json& b) {
    return jstr(a, "effect") + "," + jstr(a, "key") < jstr(b, "effect") + "," + jstr(b, "key");
  });
  for (size_t i = 0; i < taints.size(); ++i) {
    const json& t = taints[i];
    if (i) w.write(0, "\t");
    std::string s = jstr(t, "key");
    if (!jstr(t, "value").empty()) s += "=" + jstr(t, "value");
    s += ":" + jstr(t, "effect");
    w.write(0, s + "\n");
  }
}

std::string controllerOf(const json& obj) {
  for (const auto& o : arr(at(obj, "metadata"), "ownerReferences"))
    if (jbool(o, "controller")) return jstr(o, "kind") + "/" + jstr(o, "name");
  return "";
}

// ---- containers ----

std::string protocolOf(const json& p) {
  std::string proto = jstr(p, "protocol");
  return proto.empty() ? "TCP" : proto;
}

void describeResources(W& w, const json& res, int level) {
  const json& lim = at(res, "limits");
  const json& req = at(res, "requests");
  if (lim.is_object() && !lim.empty()) {
    w.write(level, "Limits:\n");
    for (auto it = lim.begin(); it != lim.end(); ++it) w.write(level + 1, it.key() + ":\t" + quantityText(it.value()) + "\n");
  }
  if (req.is_object() && !req.empty()) {
    w.write(level, "Requests:\n");
    for (auto it = req.begin(); it != req.end(); ++it) w.write(level + 1, it.key() + ":\t" + quantityText(it.value()) + "\n");
  }
}

void describeState(W& w, const std::string& name, const json& state) {
  const json& running = at(state, "running");
  const json& waiting = at(state, "waiting");
  const json& term = at(state, "terminated");
  if (running.is_object()) {
    w.write(2, name + ":\tRunning\n");
    w.write(3, "Started:\t" + rfcTime(at(running, "startedAt")) + "\n");
  } else if (waiting.is_object()) {
    w.write(2, name + ":\tWaiting\n");
    if (!jstr(waiting, "reason").empty()) w.write(3, "Reason:\t" + jstr(waiting, "reason") + "\n");
  } else if (term.is_object()) {
    w.write(2, name + ":\tTerminated\n");
    if (!jstr(term, "reason").empty()) w.write(3, "Reason:\t" + jstr(term, "reason") + "\n");
    if (!jstr(term, "message").empty()) w.write(3, "Message:\t" + jstr(term, "message") + "\n");
    w.write(3, "Exit Code:\t" + std::to_string(jint(term, "exitCode")) + "\n");
    if (jint(term, "signal") > 0) w.write(3, "Signal:\t" + std::to_string(jint(term, "signal")) + "\n");
    w.write(3, "Started:\t" + rfcTime(at(term, "startedAt")) + "\n");
    w.write(3, "Finished:\t" + rfcTime(at(term, "finishedAt")) + "\n");
  } else {
    w.write(2, name + ":\tWaiting\n");
  }
}

// fieldpath.ExtractFieldPathAsString for the paths the downward API allows.
std::string resolveFieldRef(const json& pod, const std::string& path) {
  const json& meta = at(pod, "metadata");
  auto bracket = [&](const char* prefix, const char* field) -> std::optional<std::string> {
    std::string p = prefix;
    if (path.compare(0, p.size(), p) == 0 && path.size() > p.size() + 2 && path.back() == ']') {
      std::string key = path.substr(p.size(), path.size() - p.size() - 1);
      if (key.size() >= 2 && (key.front() == '\'' || key.front() == '"')) key = key.substr(1, key.size() - 2);
      return text(at(at(meta, field), key.c_str()));
    }
    return std::nullopt;
  };
  if (auto v = bracket("metadata.labels[", "labels")) return *v;
  if (auto v = bracket("metadata.annotations[", "annotations")) return *v;
  if (path == "metadata.name") return jstr(meta, "name");
  if (path == "metadata.namespace") return jstr(meta, "namespace");
  if (path == "metadata.uid") return jstr(meta, "uid");
  if (path == "spec.nodeName") return jstr(at(pod, "spec"), "nodeName");
  if (path == "spec.serviceAccountName") return jstr(at(pod, "spec"), "serviceAccountName");
  if (path == "status.hostIP") return jstr(at(pod, "status"), "hostIP");
  if (path == "status.podIP") return jstr(at(pod, "status"), "podIP");
  if (path == "status.hostIPs" || path == "status.podIPs") {
    std::vector<std::string> ips;
    for (const auto& i : arr(at(pod, "status"), path == "status.hostIPs" ? "hostIPs" : "podIPs"))
      ips.push_back(jstr(i, "ip"));
    return join(ips, ",");
  }
  return "";
}

std::string resourceFieldValue(const json& container, const json& ref) {
  std::string res = jstr(ref, "resource");
  auto dot = res.find('.');
  if (dot == std::string::npos) return "";
  std::string kind = res.substr(0, dot), name = res.substr(dot + 1);
  const json& q = at(at(at(container, "resources"), kind.c_str()), name.c_str());
  Quantity v = parseQuantity(text(q));
  Quantity div = parseQuantity(at(ref, "divisor").is_null() ? "1" : text(at(ref, "divisor")));
  if (!div.valid || div.nano == 0) div = parseQuantity("1");
  if (!v.valid) return "0";
  __int128 r = v.nano / div.nano + (v.nano % div.nano > 0 ? 1 : 0);
  return i128ToString(r);
}

void describeContainers(W& w, const std::string& label, const json& containers, const json& statuses,
                        const json* pod, const std::string& space) {
  std::map<std::string, const json*> st;
  if (statuses.is_array())
    for (const auto& s : statuses) st[jstr(s, "name")] = &s;
  bool empty = !containers.is_array() || containers.empty();
  w.write(0, space + label + ":" + (empty ? " <none>" : "") + "\n");
  if (empty) return;
  for (const auto& c : containers) {
    auto it = st.find(jstr(c, "name"));
    const json* status = it == st.end() ? nullptr : it->second;
    w.write(1, std::string(space.empty() ? "" : " ") + jstr(c, "name") + ":\n");
    if (status) w.write(2, "Container ID:\t" + jstr(*status, "containerID") + "\n");
    w.write(2, "Image:\t" + jstr(c, "image") + "\n");
    if (status) w.write(2, "Image ID:\t" + jstr(*status, "imageID") + "\n");
    std::vector<std::string> ports, hostPorts;
    for (const auto& p : arr(c, "ports")) {
      ports.push_back(std::to_string(jint(p, "containerPort")) + "/" + protocolOf(p));
      hostPorts.push_back(std::to_string(jint(p, "hostPort")) + "/" + protocolOf(p));
    }
    std::string ps = join(ports, ", "), hps = join(hostPorts, ", ");
    if (ps.find(',') != std::string::npos) w.write(2, "Ports:\t" + ps + "\n");
    else w.write(2, "Port:\t" + (ps.empty() ? std::string("<none>") : ps) + "\n");
    if (hps.find(',') != std::string::npos) w.write(2, "Host Ports:\t" + hps + "\n");
    else w.write(2, "Host Port:\t" + (hps.empty() ? std::string("<none>") : hps) + "\n");
    const json& seccomp = at(at(c, "securityContext"), "seccompProfile");
    if (seccomp.is_object()) {
      w.write(2, "SeccompProfile:\t" + jstr(seccomp, "type") + "\n");
      if (jstr(seccomp, "type") == "Localhost")
        w.write(3, "LocalhostProfile:\t" + jstr(seccomp, "localhostProfile") + "\n");
    }
    if (!arr(c, "command").empty()) {
      w.write(2, "Command:\n");
      for (const auto& s : arr(c, "command"))
        for (const auto& l : splitLines(text(s))) w.write(3, l + "\n");
    }
    if (!arr(c, "args").empty()) {
      w.write(2, "Args:\n");
      for (const auto& s : arr(c, "args"))
        for (const auto& l : splitLines(text(s))) w.write(3, l + "\n");
    }
    if (status) {
      describeState(w, "State", at(*status, "state"));
      if (at(at(*status, "lastState"), "terminated").is_object()) describeState(w, "Last State", at(*status, "lastState"));
      w.write(2, "Ready:\t" + printBool(jbool(*status, "ready")) + "\n");
      w.write(2, "Restart Count:\t" + std::to_string(jint(*status, "restartCount")) + "\n");
    }
    describeResources(w, at(c, "resources"), 2);
    if (at(c, "livenessProbe").is_object()) w.write(2, "Liveness:\t" + describeProbe(at(c, "livenessProbe")) + "\n");
    if (at(c, "readinessProbe").is_object()) w.write(2, "Readiness:\t" + describeProbe(at(c, "readinessProbe")) + "\n");
    if (at(c, "startupProbe").is_object()) w.write(2, "Startup:\t" + describeProbe(at(c, "startupProbe")) + "\n");
    if (!arr(c, "envFrom").empty()) {
      w.write(2, "Environment Variables from:\n");
      for (const auto& e : arr(c, "envFrom")) {
        std::string from, name;
        bool optional = false;
        if (at(e, "configMapRef").is_object()) {
          from = "ConfigMap";
          name = jstr(at(e, "configMapRef"), "name");
          optional = jbool(at(e, "configMapRef"), "optional");
        } else if (at(e, "secretRef").is_object()) {
          from = "Secret";
          name = jstr(at(e, "secretRef"), "name");
          optional = jbool(at(e, "secretRef"), "optional");
        }
        if (jstr(e, "prefix").empty())
          w.write(3, name + "\t" + from + "\tOptional: " + goBool(optional) + "\n");
        else
          w.write(3, name + "\t" + from + " with prefix '" + jstr(e, "prefix") + "'\tOptional: " + goBool(optional) + "\n");
      }
    }
    const json& env = arr(c, "env");
    w.write(2, std::string("Environment:") + (env.empty() ? "\t<none>" : "") + "\n");
    for (const auto& e : env) {
      const json& vf = at(e, "valueFrom");
      std::string name = jstr(e, "name");
      if (!vf.is_object()) {
        auto lines = splitLines(jstr(e, "value"));
        for (size_t i = 0; i < lines.size(); ++i)
          w.write(3, (i == 0 ? name + ":\t" : std::string("\t")) + lines[i] + "\n");
        continue;
      }
      if (at(vf, "fieldRef").is_object()) {
        const json& fr = at(vf, "fieldRef");
        std::string val = pod ? resolveFieldRef(*pod, jstr(fr, "fieldPath")) : "";
        std::string apiVersion = jstr(fr, "apiVersion");
        if (apiVersion.empty()) apiVersion = "v1";
        w.write(3, name + ":\t" + val + " (" + apiVersion + ":" + jstr(fr, "fieldPath") + ")\n");
      } else if (at(vf, "resourceFieldRef").is_object()) {
        const json& rf = at(vf, "resourceFieldRef");
        std::string val = resourceFieldValue(c, rf);
        std::string res = jstr(rf, "resource");
        if (val == "0" && (res == "limits.cpu" || res == "limits.memory")) val = "node allocatable";
        w.write(3, name + ":\t" + val + " (" + res + ")\n");
      } else if (at(vf, "secretKeyRef").is_object()) {
        const json& r = at(vf, "secretKeyRef");
        w.write(3, name + ":\t<set to the key '" + jstr(r, "key") + "' in secret '" + jstr(r, "name") +
                       "'>\tOptional: " + goBool(jbool(r, "optional")) + "\n");
      } else if (at(vf, "configMapKeyRef").is_object()) {
        const json& r = at(vf, "configMapKeyRef");
        w.write(3, name + ":\t<set to the key '" + jstr(r, "key") + "' of config map '" + jstr(r, "name") +
                       "'>\tOptional: " + goBool(jbool(r, "optional")) + "\n");
      }
    }
    std::vector<json> mounts;
    for (const auto& m : arr(c, "volumeMounts")) mounts.push_back(m);
    w.write(2, std::string("Mounts:") + (mounts.empty() ? "\t<none>" : "") + "\n");
    std::stable_sort(mounts.begin(), mounts.end(),
                     [](const json& a, const json& b) { return jstr(a, "mountPath") < jstr(b, "mountPath"); });
    for (const auto& m : mounts) {
      std::string flags = jbool(m, "readOnly") ? "ro" : "rw";
      if (!jstr(m, "subPath").empty()) flags += ",path=" + json(jstr(m, "subPath")).dump();
      w.write(3, jstr(m, "mountPath") + " from " + jstr(m, "name") + " (" + flags + ")\n");
    }
    std::vector<json> devices;
    for (const auto& d : arr(c, "volumeDevices")) devices.push_back(d);
    if (!devices.empty()) {
      w.write(2, "Devices:\n");
      std::stable_sort(devices.begin(), devices.end(),
                       [](const json& a, const json& b) { return jstr(a, "devicePath") < jstr(b, "devicePath"); });
      for (const auto& d : devices) w.write(3, jstr(d, "devicePath") + " from " + jstr(d, "name") + "\n");
    }
  }
}

std::string optionalPtr(const json& v) {
  if (!v.is_boolean()) return "<nil>";
  return goBool(v.get<bool>());
}

void describeVolumes(W& w, const json& volumes, const std::string& space) {
  if (!volumes.is_array() || volumes.empty()) {
    w.write(0, space + "Volumes:\t<none>\n");
    return;
  }
  w.write(0, space + "Volumes:\n");
  for (const auto& v : volumes) {
    w.write(1, std::string(space.empty() ? "" : " ") + jstr(v, "name") + ":\n");
    if (at(v, "hostPath").is_object()) {
      const json& h = at(v, "hostPath");
      std::string t = jstr(h, "type");
      if (at(h, "type").is_null()) t = "<none>";
      w.write(2, "Type:\tHostPath (bare host directory volume)\n    Path:\t" + jstr(h, "path") + "\n    HostPathType:\t" +
                     t + "\n");
    } else if (at(v, "emptyDir").is_object()) {
      const json& e = at(v, "emptyDir");
      std::string size = "<unset>";
      Quantity q = parseQuantity(text(at(e, "sizeLimit")));
      if (q.valid && q.nano > 0) size = quantityString(q);
      w.write(2, "Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n    Medium:\t" + jstr(e, "medium") +
                     "\n    SizeLimit:\t" + size + "\n");
    } else if (at(v, "secret").is_object()) {
      const json& s = at(v, "secret");
      w.write(2, "Type:\tSecret (a volume populated by a Secret)\n    SecretName:\t" + jstr(s, "secretName") +
                     "\n    Optional:\t" + goBool(jbool(s, "optional")) + "\n");
    } else if (at(v, "configMap").is_object()) {
      const json& s = at(v, "configMap");
      w.write(2, "Type:\tConfigMap (a volume populated by a ConfigMap)\n    Name:\t" + jstr(s, "name") +
                     "\n    Optional:\t" + goBool(jbool(s, "optional")) + "\n");
    } else if (at(v, "persistentVolumeClaim").is_object()) {
      const json& s = at(v, "persistentVolumeClaim");
      w.write(2,
              "Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n    "
              "ClaimName:\t" +
                  jstr(s, "claimName") + "\n    ReadOnly:\t" + goBool(jbool(s, "readOnly")) + "\n");
    } else if (at(v, "projected").is_object()) {
      w.write(2, "Type:\tProjected (a volume that contains injected data from multiple sources)\n");
      for (const auto& src : arr(at(v, "projected"), "sources")) {
        if (at(src, "secret").is_object()) {
          w.write(2, "SecretName:\t" + jstr(at(src, "secret"), "name") + "\n    SecretOptionalName:\t" +
                         optionalPtr(at(at(src, "secret"), "optional")) + "\n");
        } else if (at(src, "downwardAPI").is_object()) {
          w.write(2, "DownwardAPI:\ttrue\n");
        } else if (at(src, "configMap").is_object()) {
          w.write(2, "ConfigMapName:\t" + jstr(at(src, "configMap"), "name") + "\n    ConfigMapOptional:\t" +
                         optionalPtr(at(at(src, "configMap"), "optional")) + "\n");
        } else if (at(src, "serviceAccountToken").is_object()) {
          w.write(2, "TokenExpirationSeconds:\t" +
                         std::to_string(jint(at(src, "serviceAccountToken"), "expirationSeconds", 3600)) + "\n");
        }
      }
    } else if (at(v, "downwardAPI").is_object()) {
      w.write(2, "Type:\tDownwardAPI (a volume populated by information about the pod)\n    Items:\n");
      for (const auto& item : arr(at(v, "downwardAPI"), "items")) {
        if (at(item, "fieldRef").is_object())
          w.write(3, jstr(at(item, "fieldRef"), "fieldPath") + " -> " + jstr(item, "path") + "\n");
        if (at(item, "resourceFieldRef").is_object())
          w.write(3, jstr(at(item, "resourceFieldRef"), "resource") + " -> " + jstr(item, "path") + "\n");
      }
    } else {
      w.write(1, "<unknown>\n");
    }
  }
}

void describeTopologySpread(W& w, const json& tscsIn, const std::string& space) {
  std::vector<json> tscs;
  if (tscsIn.is_array())
    for (const auto& t : tscsIn) tscs.push_back(t);
  if (tscs.empty()) return;
  std::stable_sort(tscs.begin(), tscs.end(),
                   [](const json& a, const json& b) { return jstr(a, "topologyKey") < jstr(b, "topologyKey"); });
  w.write(0, space + "Topology Spread Constraints:\t");
  for (size_t i = 0; i < tscs.size(); ++i) {
    const json& t = tscs[i];
    if (i) w.write(0, space + "\t");
    std::string s = jstr(t, "topologyKey") + ":" + jstr(t, "whenUnsatisfiable") + " when max skew " +
                    std::to_string(jint(t, "maxSkew")) + " is exceeded";
    if (at(t, "labelSelector").is_object()) {
      std::string sel = selectorString(at(t, "labelSelector"));
      s += " for selector " + (sel.empty() ? std::string("<none>") : sel);
    }
    w.write(0, s + "\n");
  }
}

void describeEvents(W& w, const std::vector<const json*>& eventsIn, Time now) {
  std::vector<const json*> events;
  for (const json* e : eventsIn)
    if (e) events.push_back(e);
  if (events.empty()) {
    w.write(0, "Events:\t<none>\n");
    return;
  }
  w.flush();
  auto lastTs = [](const json* e) {
    Time t;
    return parseTs(at(*e, "lastTimestamp"), t) ? t : std::numeric_limits<Time>::min();
  };
  std::stable_sort(events.begin(), events.end(), [&](const json* a, const json* b) { return lastTs(a) < lastTs(b); });
  w.write(0, "Events:\n  Type\tReason\tAge\tFrom\tMessage\n");
  w.write(1, "----\t------\t----\t----\t-------\n");
  for (const json* ep : events) {
    const json& e = *ep;
    std::string first;
    Time tmp;
    if (parseTs(at(e, "eventTime"), tmp)) first = translateTimestampSince(at(e, "eventTime"), now);
    else first = translateTimestampSince(at(e, "firstTimestamp"), now);
    std::string interval;
    const json& series = at(e, "series");
    if (series.is_object()) {
      interval = translateTimestampSince(at(series, "lastObservedTime"), now) + " (x" +
                 std::to_string(jint(series, "count")) + " over " + first + ")";
    } else if (jint(e, "count") > 1) {
      interval = translateTimestampSince(at(e, "lastTimestamp"), now) + " (x" + std::to_string(jint(e, "count")) +
                 " over " + first + ")";
    } else {
      interval = first;
    }
    std::string source = jstr(at(e, "source"), "component");
    if (source.empty()) source = jstr(e, "reportingController");
    w.write(1, jstr(e, "type") + "\t" + jstr(e, "reason") + "\t" + interval + "\t" + source + "\t" +
                   trimSpace(jstr(e, "message")) + "\n");
  }
}

void describePodTemplate(W& w, const json& tmpl) {
  w.write(0, "Pod Template:\n");
  if (!tmpl.is_object()) {
    w.write(1, "<unset>");
    return;
  }
  const json& meta = at(tmpl, "metadata");
  const json& spec = at(tmpl, "spec");
  printLabelsMultiline(w, "  Labels", at(meta, "labels"));
  const json& ann = at(meta, "annotations");
  if (ann.is_object() && !ann.empty()) printAnnotationsMultiline(w, "  Annotations", ann);
  if (!jstr(spec, "serviceAccountName").empty()) w.write(1, "Service Account:\t" + jstr(spec, "serviceAccountName") + "\n");
  if (!arr(spec, "initContainers").empty())
    describeContainers(w, "Init Containers", arr(spec, "initContainers"), emptyArr(), nullptr, "  ");
  describeContainers(w, "Containers", arr(spec, "containers"), emptyArr(), nullptr, "  ");
  describeVolumes(w, arr(spec, "volumes"), "  ");
  describeTopologySpread(w, arr(spec, "topologySpreadConstraints"), "  ");
  if (!jstr(spec, "priorityClassName").empty()) w.write(1, "Priority Class Name:\t" + jstr(spec, "priorityClassName") + "\n");
  printLabelsMultiline(w, "  Node-Selectors", at(spec, "nodeSelector"));
  printTolerations(w, "  Tolerations", at(spec, "tolerations"));
}

std::string percent(int64_t num, int64_t den) {
  if (den == 0) return "0";
  return std::to_string(static_cast<int64_t>(static_cast<double>(num) / static_cast<double>(den) * 100));
}

}  // namespace

std::string canonicalQuantity(const std::string& s) {
  Quantity q = parseQuantity(s);
  return q.valid ? quantityString(q) : s;
}

std::string podQosClass(const json& pod) {
  std::string s = jstr(at(pod, "status"), "qosClass");
  if (!s.empty()) return s;
  ResourceList reqs, lims;
  bool guaranteed = true;
  std::vector<const json*> all;
  for (const auto& c : arr(at(pod, "spec"), "containers")) all.push_back(&c);
  for (const auto& c : arr(at(pod, "spec"), "initContainers")) all.push_back(&c);
  for (const json* c : all) {
    const json& res = at(*c, "resources");
    for (auto& [name, q] : resourceList(at(res, "requests"))) {
      if (name != "cpu" && name != "memory") continue;
      if (q.nano > 0) addList(reqs, {{name, q}});
    }
    std::set<std::string> found;
    for (auto& [name, q] : resourceList(at(res, "limits"))) {
      if (name != "cpu" && name != "memory") continue;
      if (q.nano > 0) {
        found.insert(name);
        addList(lims, {{name, q}});
      }
    }
    if (!found.count("cpu") || !found.count("memory")) guaranteed = false;
  }
  if (reqs.empty() && lims.empty()) return "BestEffort";
  if (guaranteed) {
    for (auto& [name, q] : reqs) {
      auto it = lims.find(name);
      if (it == lims.end() || it->second.nano != q.nano) {
        guaranteed = false;
        break;
      }
    }
  }
  if (guaranteed && reqs.size() == lims.size()) return "Guaranteed";
  return "Burstable";
}

std::string describeProbe(const json& probe) {
  std::string attrs = "delay=" + std::to_string(jint(probe, "initialDelaySeconds")) +
                      "s timeout=" + std::to_string(jint(probe, "timeoutSeconds", 1)) +
                      "s period=" + std::to_string(jint(probe, "periodSeconds", 10)) +
                      "s #success=" + std::to_string(jint(probe, "successThreshold", 1)) +
                      " #failure=" + std::to_string(jint(probe, "failureThreshold", 3));
  if (at(probe, "exec").is_object()) {
    std::vector<std::string> cmd;
    for (const auto& c : arr(at(probe, "exec"), "command")) cmd.push_back(text(c));
    return "exec [" + join(cmd, " ") + "] " + attrs;
  }
  if (at(probe, "httpGet").is_object()) {
    const json& h = at(probe, "httpGet");
    std::string scheme = jstr(h, "scheme");
    for (auto& ch : scheme) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    if (scheme.empty()) scheme = "http";
    std::string host = jstr(h, "host");
    std::string port = text(at(h, "port"));
    std::string hostport = port.empty() ? host
                           : (host.find(':') != std::string::npos ? "[" + host + "]:" + port : host + ":" + port);
    std::string url = scheme + "://" + hostport;
    std::string path = jstr(h, "path");
    if (!path.empty() && path[0] != '/') path = "/" + path;
    url += path;
    return "http-get " + url + " " + attrs;
  }
  if (at(probe, "tcpSocket").is_object()) {
    const json& t = at(probe, "tcpSocket");
    return "tcp-socket " + jstr(t, "host") + ":" + text(at(t, "port")) + " " + attrs;
  }
  if (at(probe, "grpc").is_object()) {
    const json& g = at(probe, "grpc");
    return "grpc <pod>:" + std::to_string(jint(g, "port")) + " " + jstr(g, "service") + " " + attrs;
  }
  return "unknown " + attrs;
}

std::string describeEventsSection(const std::vector<const json*>& events, Time now) {
  W w;
  describeEvents(w, events, now);
  return w.done();
}

std::string describePod(const json& pod, const std::vector<const json*>& events, Time now, bool showEvents) {
  W w;
  const json& meta = at(pod, "metadata");
  const json& spec = at(pod, "spec");
  const json& status = at(pod, "status");
  w.write(0, "Name:\t" + jstr(meta, "name") + "\n");
  w.write(0, "Namespace:\t" + jstr(meta, "namespace") + "\n");
  if (!at(spec, "priority").is_null()) w.write(0, "Priority:\t" + std::to_string(jint(spec, "priority")) + "\n");
  if (!jstr(spec, "priorityClassName").empty()) w.write(0, "Priority Class Name:\t" + jstr(spec, "priorityClassName") + "\n");
  if (!jstr(spec, "runtimeClassName").empty()) w.write(0, "Runtime Class Name:\t" + jstr(spec, "runtimeClassName") + "\n");
  if (!jstr(spec, "serviceAccountName").empty()) w.write(0, "Service Account:\t" + jstr(spec, "serviceAccountName") + "\n");
  if (jstr(spec, "nodeName").empty()) w.write(0, "Node:\t<none>\n");
  else w.write(0, "Node:\t" + jstr(spec, "nodeName") + "/" + jstr(status, "hostIP") + "\n");
  if (!at(status, "startTime").is_null()) w.write(0, "Start Time:\t" + rfcTime(at(status, "startTime")) + "\n");
  printLabelsMultiline(w, "Labels", at(meta, "labels"));
  printAnnotationsMultiline(w, "Annotations", at(meta, "annotations"));
  std::string phase = jstr(status, "phase");
  if (!at(meta, "deletionTimestamp").is_null() && phase != "Failed" && phase != "Succeeded") {
    w.write(0, "Status:\tTerminating (lasts " + translateTimestampSince(at(meta, "deletionTimestamp"), now) + ")\n");
    w.write(0, "Termination Grace Period:\t" + std::to_string(jint(meta, "deletionGracePeriodSeconds")) + "s\n");
  } else {
    w.write(0, "Status:\t" + phase + "\n");
  }
  if (!jstr(status, "reason").empty()) w.write(0, "Reason:\t" + jstr(status, "reason") + "\n");
  if (!jstr(status, "message").empty()) w.write(0, "Message:\t" + jstr(status, "message") + "\n");
  const json& seccomp = at(at(spec, "securityContext"), "seccompProfile");
  if (seccomp.is_object()) {
    w.write(0, "SeccompProfile:\t" + jstr(seccomp, "type") + "\n");
    if (jstr(seccomp, "type") == "Localhost") w.write(0, "LocalhostProfile:\t" + jstr(seccomp, "localhostProfile") + "\n");
  }
  w.write(0, "IP:\t" + jstr(status, "podIP") + "\n");
  const json& ips = arr(status, "podIPs");
  if (ips.empty()) {
    w.write(0, "IPs:\t<none>\n");
  } else {
    w.write(0, "IPs:\n");
    for (const auto& ip : ips) w.write(1, "IP:\t" + jstr(ip, "ip") + "\n");
  }
  std::string ctl = controllerOf(pod);
  if (!ctl.empty()) w.write(0, "Controlled By:\t" + ctl + "\n");
  if (!jstr(status, "nominatedNodeName").empty()) w.write(0, "NominatedNodeName:\t" + jstr(status, "nominatedNodeName") + "\n");
  if (!arr(spec, "initContainers").empty())
    describeContainers(w, "Init Containers", arr(spec, "initContainers"), arr(status, "initContainerStatuses"), &pod, "");
  describeContainers(w, "Containers", arr(spec, "containers"), arr(status, "containerStatuses"), &pod, "");
  if (!arr(spec, "ephemeralContainers").empty())
    describeContainers(w, "Ephemeral Containers", arr(spec, "ephemeralContainers"),
                       arr(status, "ephemeralContainerStatuses"), &pod, "");
  const json& gates = arr(spec, "readinessGates");
  if (!gates.empty()) {
    w.write(0, "Readiness Gates:\n  Type\tStatus\n");
    for (const auto& g : gates) {
      std::string st = "<none>";
      for (const auto& c : arr(status, "conditions"))
        if (jstr(c, "type") == jstr(g, "conditionType")) {
          st = jstr(c, "status");
          break;
        }
      w.write(1, jstr(g, "conditionType") + " \t" + st + " \n");
    }
  }
  const json& conds = arr(status, "conditions");
  if (!conds.empty()) {
    w.write(0, "Conditions:\n  Type\tStatus\n");
    for (const auto& c : conds) w.write(1, jstr(c, "type") + " \t" + jstr(c, "status") + " \n");
  }
  describeVolumes(w, arr(spec, "volumes"), "");
  w.write(0, "QoS Class:\t" + podQosClass(pod) + "\n");
  printLabelsMultiline(w, "Node-Selectors", at(spec, "nodeSelector"));
  printTolerations(w, "Tolerations", at(spec, "tolerations"));
  describeTopologySpread(w, arr(spec, "topologySpreadConstraints"), "");
  if (showEvents) describeEvents(w, events, now);
  return w.done();
}

std::string describeNode(const json& node, const std::vector<const json*>& podsOnNode,
                         const std::vector<const json*>& events, Time now, const json* lease, bool showEvents) {
  W w;
  const json& meta = at(node, "metadata");
  const json& spec = at(node, "spec");
  const json& status = at(node, "status");
  w.write(0, "Name:\t" + jstr(meta, "name") + "\n");
  w.write(0, "Roles:\t" + nodeRoles(node) + "\n");
  printLabelsMultiline(w, "Labels", at(meta, "labels"));
  printAnnotationsMultiline(w, "Annotations", at(meta, "annotations"));
  w.write(0, "CreationTimestamp:\t" + rfcTime(at(meta, "creationTimestamp")) + "\n");
  printTaints(w, "Taints", at(spec, "taints"));
  w.write(0, "Unschedulable:\t" + goBool(jbool(spec, "unschedulable")) + "\n");
  w.write(0, "Lease:\n");
  {
    const json& ls = lease ? at(*lease, "spec") : nullJson();
    std::string holder = lease ? (at(ls, "holderIdentity").is_string() ? jstr(ls, "holderIdentity") : "<unset>")
                               : jstr(meta, "name");
    std::string acquire = at(ls, "acquireTime").is_string() ? rfcTime(at(ls, "acquireTime")) : "<unset>";
    std::string renew = at(ls, "renewTime").is_string() ? rfcTime(at(ls, "renewTime")) : "<unset>";
    w.write(1, "HolderIdentity:\t" + holder + "\n");
    w.write(1, "AcquireTime:\t" + acquire + "\n");
    w.write(1, "RenewTime:\t" + renew + "\n");
  }
  const json& conds = arr(status, "conditions");
  if (!conds.empty()) {
    w.write(0, "Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n");
    w.write(1, "----\t------\t-----------------\t------------------\t------\t-------\n");
    for (const auto& c : conds)
      w.write(1, jstr(c, "type") + " \t" + jstr(c, "status") + " \t" + rfcTime(at(c, "lastHeartbeatTime")) + " \t" +
                     rfcTime(at(c, "lastTransitionTime")) + " \t" + jstr(c, "reason") + " \t" + jstr(c, "message") + "\n");
  }
  w.write(0, "Addresses:\n");
  for (const auto& a : arr(status, "addresses")) w.write(1, jstr(a, "type") + ":\t" + jstr(a, "address") + "\n");
  auto printResourceList = [&](const json& list) {
    for (auto it = list.begin(); it != list.end(); ++it) w.write(0, "  " + it.key() + ":\t" + quantityText(it.value()) + "\n");
  };
  const json& cap = at(status, "capacity");
  const json& alloc = at(status, "allocatable");
  if (cap.is_object() && !cap.empty()) {
    w.write(0, "Capacity:\n");
    printResourceList(cap);
  }
  if (alloc.is_object() && !alloc.empty()) {
    w.write(0, "Allocatable:\n");
    printResourceList(alloc);
  }
  const json& info = at(status, "nodeInfo");
  w.write(0, "System Info:\n");
  w.write(0, "  Machine ID:\t" + jstr(info, "machineID") + "\n");
  w.write(0, "  System UUID:\t" + jstr(info, "systemUUID") + "\n");
  w.write(0, "  Boot ID:\t" + jstr(info, "bootID") + "\n");
  w.write(0, "  Kernel Version:\t" + jstr(info, "kernelVersion") + "\n");
  w.write(0, "  OS Image:\t" + jstr(info, "osImage") + "\n");
  w.write(0, "  Operating System:\t" + jstr(info, "operatingSystem") + "\n");
  w.write(0, "  Architecture:\t" + jstr(info, "architecture") + "\n");
  w.write(0, "  Container Runtime Version:\t" + jstr(info, "containerRuntimeVersion") + "\n");
  w.write(0, "  Kubelet Version:\t" + jstr(info, "kubeletVersion") + "\n");
  w.write(0, "  Kube-Proxy Version:\t" + jstr(info, "kubeProxyVersion") + "\n");
  if (!jstr(spec, "podCIDR").empty()) w.write(0, "PodCIDR:\t" + jstr(spec, "podCIDR") + "\n");
  if (!arr(spec, "podCIDRs").empty()) {
    std::vector<std::string> c;
    for (const auto& x : arr(spec, "podCIDRs")) c.push_back(text(x));
    w.write(0, "PodCIDRs:\t" + join(c, ",") + "\n");
  }
  if (!jstr(spec, "providerID").empty()) w.write(0, "ProviderID:\t" + jstr(spec, "providerID") + "\n");

  // Non-terminated pods.
  std::vector<const json*> pods;
  for (const json* p : podsOnNode) {
    if (!p) continue;
    std::string ph = jstr(at(*p, "status"), "phase");
    if (ph == "Succeeded" || ph == "Failed") continue;
    pods.push_back(p);
  }
  std::stable_sort(pods.begin(), pods.end(), [](const json* a, const json* b) {
    const json& ma = at(*a, "metadata");
    const json& mb = at(*b, "metadata");
    if (jstr(ma, "namespace") != jstr(mb, "namespace")) return jstr(ma, "namespace") < jstr(mb, "namespace");
    return jstr(ma, "name") < jstr(mb, "name");
  });
  ResourceList allocatable = resourceList(alloc.is_object() && !alloc.empty() ? alloc : cap);
  auto allocMilli = [&](const char* n) { return allocatable.count(n) ? milliValue(allocatable[n]) : 0; };
  auto allocVal = [&](const std::string& n) { return allocatable.count(n) ? value(allocatable[n]) : 0; };
  w.write(0, "Non-terminated Pods:\t(" + std::to_string(pods.size()) + " in total)\n");
  w.write(1, "Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n");
  w.write(1, "---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n");
  ResourceList totalReq, totalLim;
  for (const json* p : pods) {
    ResourceList req, lim;
    podRequestsAndLimits(*p, req, lim);
    addList(totalReq, req);
    addList(totalLim, lim);
    Quantity cr = req.count("cpu") ? req["cpu"] : Quantity{};
    Quantity cl = lim.count("cpu") ? lim["cpu"] : Quantity{};
    Quantity mr = req.count("memory") ? req["memory"] : Quantity{};
    Quantity ml = lim.count("memory") ? lim["memory"] : Quantity{};
    const json& pm = at(*p, "metadata");
    w.write(1, jstr(pm, "namespace") + "\t" + jstr(pm, "name") + "\t\t" + quantityString(cr) + " (" +
                   percent(milliValue(cr), allocMilli("cpu")) + "%)\t" + quantityString(cl) + " (" +
                   percent(milliValue(cl), allocMilli("cpu")) + "%)\t" + quantityString(mr) + " (" +
                   percent(value(mr), allocVal("memory")) + "%)\t" + quantityString(ml) + " (" +
                   percent(value(ml), allocVal("memory")) + "%)\t" +
                   translateTimestampSince(at(pm, "creationTimestamp"), now) + "\n");
  }
  w.write(0, "Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n");
  w.write(1, "Resource\tRequests\tLimits\n");
  w.write(1, "--------\t--------\t------\n");
  auto q = [](ResourceList& l, const std::string& n) { return l.count(n) ? l[n] : Quantity{}; };
  auto row = [&](const std::string& name, bool milli) {
    Quantity r = q(totalReq, name), l = q(totalLim, name);
    int64_t den = milli ? allocMilli(name.c_str()) : allocVal(name);
    int64_t rn = milli ? milliValue(r) : value(r), ln = milli ? milliValue(l) : value(l);
    w.write(1, name + "\t" + quantityString(r) + " (" + percent(rn, den) + "%)\t" + quantityString(l) + " (" +
                   percent(ln, den) + "%)\n");
  };
  row("cpu", true);
  row("memory", false);
  row("ephemeral-storage", false);
  std::vector<std::string> huge, ext;
  static const std::set<std::string> standard = {"cpu", "memory", "ephemeral-storage", "pods"};
  for (auto& [name, qq] : allocatable) {
    (void)qq;
    if (name.compare(0, 10, "hugepages-") == 0) huge.push_back(name);
    else if (!standard.count(name)) ext.push_back(name);
  }
  for (auto& h : huge) row(h, false);
  for (auto& e : ext) w.write(1, e + "\t" + quantityString(q(totalReq, e)) + "\t" + quantityString(q(totalLim, e)) + "\n");
  if (showEvents) describeEvents(w, events, now);
  return w.done();
}

std::string describeDeployment(const json& d, const std::vector<const json*>& oldRSs, const json* newRS,
                               const std::vector<const json*>& events, Time now, bool showEvents) {
  W w;
  const json& meta = at(d, "metadata");
  const json& spec = at(d, "spec");
  const json& st = at(d, "status");
  w.write(0, "Name:\t" + jstr(meta, "name") + "\n");
  w.write(0, "Namespace:\t" + jstr(meta, "namespace") + "\n");
  w.write(0, "CreationTimestamp:\t" + rfcTime(at(meta, "creationTimestamp")) + "\n");
  printLabelsMultiline(w, "Labels", at(meta, "labels"));
  printAnnotationsMultiline(w, "Annotations", at(meta, "annotations"));
  w.write(0, "Selector:\t" + selectorString(at(spec, "selector")) + "\n");
  w.write(0, "Replicas:\t" + std::to_string(jint(spec, "replicas", 1)) + " desired | " +
                 std::to_string(jint(st, "updatedReplicas")) + " updated | " + std::to_string(jint(st, "replicas")) +
                 " total | " + std::to_string(jint(st, "availableReplicas")) + " available | " +
                 std::to_string(jint(st, "unavailableReplicas")) + " unavailable\n");
  const json& strategy = at(spec, "strategy");
  w.write(0, "StrategyType:\t" + jstr(strategy, "type") + "\n");
  w.write(0, "MinReadySeconds:\t" + std::to_string(jint(spec, "minReadySeconds")) + "\n");
  const json& ru = at(strategy, "rollingUpdate");
  if (ru.is_object())
    w.write(0, "RollingUpdateStrategy:\t" + intOrString(at(ru, "maxUnavailable")) + " max unavailable, " +
                   intOrString(at(ru, "maxSurge")) + " max surge\n");
  describePodTemplate(w, at(spec, "template"));
  const json& conds = arr(st, "conditions");
  if (!conds.empty()) {
    w.write(0, "Conditions:\n  Type\tStatus\tReason\n");
    w.write(1, "----\t------\t------\n");
    for (const auto& c : conds) w.write(1, jstr(c, "type") + " \t" + jstr(c, "status") + "\t" + jstr(c, "reason") + "\n");
  }
  auto rsList = [](const std::vector<const json*>& l) {
    std::vector<std::string> parts;
    for (const json* rs : l)
      if (rs)
        parts.push_back(jstr(at(*rs, "metadata"), "name") + " (" + std::to_string(jint(at(*rs, "status"), "replicas")) +
                        "/" + std::to_string(jint(at(*rs, "spec"), "replicas", 1)) + " replicas created)");
    return parts.empty() ? std::string("<none>") : join(parts, ", ");
  };
  std::vector<const json*> newList;
  if (newRS) newList.push_back(newRS);
  w.write(0, "OldReplicaSets:\t" + rsList(oldRSs) + "\n");
  w.write(0, "NewReplicaSet:\t" + rsList(newList) + "\n");
  if (showEvents) describeEvents(w, events, now);
  return w.done();
}

std::string describeReplicaSet(const json& rs, const std::vector<const json*>& ownedPods,
                               const std::vector<const json*>& events, Time now, bool showEvents) {
  W w;
  const json& meta = at(rs, "metadata");
  const json& spec = at(rs, "spec");
  const json& st = at(rs, "status");
  w.write(0, "Name:\t" + jstr(meta, "name") + "\n");
  w.write(0, "Namespace:\t" + jstr(meta, "namespace") + "\n");
  std::string sel = selectorString(at(spec, "selector"));
  w.write(0, "Selector:\t" + (sel.empty() ? std::string("<none>") : sel) + "\n");
  printLabelsMultiline(w, "Labels", at(meta, "labels"));
  printAnnotationsMultiline(w, "Annotations", at(meta, "annotations"));
  std::string ctl = controllerOf(rs);
  if (!ctl.empty()) w.write(0, "Controlled By:\t" + ctl + "\n");
  w.write(0, "Replicas:\t" + std::to_string(jint(st, "replicas")) + " current / " +
                 std::to_string(jint(spec, "replicas", 1)) + " desired\n");
  int running = 0, waiting = 0, succeeded = 0, failed = 0;
  for (const json* p : ownedPods) {
    if (!p) continue;
    std::string ph = jstr(at(*p, "status"), "phase");
    if (ph == "Running") ++running;
    else if (ph == "Pending") ++waiting;
    else if (ph == "Succeeded") ++succeeded;
    else if (ph == "Failed") ++failed;
  }
  w.write(0, "Pods Status:\t");
  w.write(0, std::to_string(running) + " Running / " + std::to_string(waiting) + " Waiting / " +
                 std::to_string(succeeded) + " Succeeded / " + std::to_string(failed) + " Failed\n");
  describePodTemplate(w, at(spec, "template"));
  const json& conds = arr(st, "conditions");
  if (!conds.empty()) {
    w.write(0, "Conditions:\n  Type\tStatus\tReason\n");
    w.write(1, "----\t------\t------\n");
    for (const auto& c : conds) w.write(1, jstr(c, "type") + " \t" + jstr(c, "status") + "\t" + jstr(c, "reason") + "\n");
  }
  if (showEvents) describeEvents(w, events, now);
  return w.done();
}

std::string describeService(const json& svc, const json* endpoints, const std::vector<const json*>& events, Time now,
                            bool showEvents) {
  W w;
  const json& meta = at(svc, "metadata");
  const json& spec = at(svc, "spec");
  w.write(0, "Name:\t" + jstr(meta, "name") + "\n");
  w.write(0, "Namespace:\t" + jstr(meta, "namespace") + "\n");
  printLabelsMultiline(w, "Labels", at(meta, "labels"));
  printAnnotationsMultiline(w, "Annotations", at(meta, "annotations"));
  w.write(0, "Selector:\t" + formatLabels(at(spec, "selector")) + "\n");
  std::string type = jstr(spec, "type");
  w.write(0, "Type:\t" + (type.empty() ? std::string("ClusterIP") : type) + "\n");
  if (!jstr(spec, "ipFamilyPolicy").empty()) w.write(0, "IP Family Policy:\t" + jstr(spec, "ipFamilyPolicy") + "\n");
  std::vector<std::string> fam, cips, ext;
  for (const auto& f : arr(spec, "ipFamilies")) fam.push_back(text(f));
  for (const auto& f : arr(spec, "clusterIPs")) cips.push_back(text(f));
  for (const auto& f : arr(spec, "externalIPs")) ext.push_back(text(f));
  w.write(0, "IP Families:\t" + (fam.empty() ? std::string("<none>") : join(fam, ",")) + "\n");
  w.write(0, "IP:\t" + jstr(spec, "clusterIP") + "\n");
  w.write(0, "IPs:\t" + (cips.empty() ? std::string("<none>") : join(cips, ",")) + "\n");
  if (!ext.empty()) w.write(0, "External IPs:\t" + join(ext, ",") + "\n");
  if (!jstr(spec, "loadBalancerIP").empty()) w.write(0, "Desired LoadBalancer IP:\t" + jstr(spec, "loadBalancerIP") + "\n");
  if (!jstr(spec, "externalName").empty()) w.write(0, "External Name:\t" + jstr(spec, "externalName") + "\n");
  const json& ing = arr(at(at(svc, "status"), "loadBalancer"), "ingress");
  if (!ing.empty()) {
    std::vector<std::string> l;
    for (const auto& i : ing) {
      std::string s = !jstr(i, "ip").empty() ? jstr(i, "ip") : jstr(i, "hostname");
      if (!jstr(i, "ipMode").empty()) s += " (" + jstr(i, "ipMode") + ")";
      l.push_back(s);
    }
    w.write(0, "LoadBalancer Ingress:\t" + join(l, ", ") + "\n");
  }
  for (const auto& sp : arr(spec, "ports")) {
    std::string name = jstr(sp, "name");
    std::string proto = jstr(sp, "protocol");
    if (proto.empty()) proto = "TCP";
    std::string disp = name.empty() ? "<unset>" : name;
    w.write(0, "Port:\t" + disp + "\t" + std::to_string(jint(sp, "port")) + "/" + proto + "\n");
    std::string tp = at(sp, "targetPort").is_null() ? std::to_string(jint(sp, "port")) : text(at(sp, "targetPort"));
    w.write(0, "TargetPort:\t" + tp + "/" + proto + "\n");
    if (jint(sp, "nodePort") != 0) w.write(0, "NodePort:\t" + disp + "\t" + std::to_string(jint(sp, "nodePort")) + "/" + proto + "\n");
    // Endpoints for this port name. kubectl 1.31 reads EndpointSlices: "<none>" without a slice,
    // an empty value when the slice has no endpoints, not-ready endpoints included.
    std::string eps = endpoints ? "" : "<none>";
    if (endpoints && !arr(*endpoints, "subsets").empty()) {
      std::vector<std::string> list;
      size_t count = 0;
      bool more = false;
      for (const auto& ss : arr(*endpoints, "subsets")) {
        for (const auto& p : arr(ss, "ports")) {
          if (jstr(p, "name") != name) continue;
          json all = arr(ss, "addresses");
          for (const auto& a : arr(ss, "notReadyAddresses")) all.push_back(a);
          count += all.size();
          for (const auto& a : all) {
            if (list.size() == 3) {
              more = true;
              break;
            }
            std::string ip = jstr(a, "ip");
            if (ip.find(':') != std::string::npos) ip = "[" + ip + "]";
            list.push_back(ip + ":" + std::to_string(jint(p, "port")));
          }
        }
      }
      eps = join(list, ",");
      if (more) eps += " + " + std::to_string(count - 3) + " more...";
    }
    w.write(0, "Endpoints:\t" + eps + "\n");
  }
  std::string aff = jstr(spec, "sessionAffinity");
  w.write(0, "Session Affinity:\t" + (aff.empty() ? std::string("None") : aff) + "\n");
  if (!jstr(spec, "externalTrafficPolicy").empty())
    w.write(0, "External Traffic Policy:\t" + jstr(spec, "externalTrafficPolicy") + "\n");
  if (!jstr(spec, "internalTrafficPolicy").empty())
    w.write(0, "Internal Traffic Policy:\t" + jstr(spec, "internalTrafficPolicy") + "\n");
  if (jint(spec, "healthCheckNodePort") != 0)
    w.write(0, "HealthCheck NodePort:\t" + std::to_string(jint(spec, "healthCheckNodePort")) + "\n");
  std::vector<std::string> ranges;
  for (const auto& r : arr(spec, "loadBalancerSourceRanges")) ranges.push_back(text(r));
  if (!ranges.empty()) w.write(0, "LoadBalancer Source Ranges:\t" + join(ranges, ",") + "\n");
  if (showEvents) describeEvents(w, events, now);
  return w.done();
}

std::string describePodTemplateRaw(const json& tmpl) {
  W w;
  w.raw = true;
  describePodTemplate(w, tmpl);
  return w.done();
}

// describeHorizontalPodAutoscalerV2.
std::string describeHPA(const json& hpa, const std::vector<const json*>& events, Time now, bool showEvents) {
  W w;
  const json& meta = at(hpa, "metadata");
  const json& spec = at(hpa, "spec");
  const json& st = at(hpa, "status");
  const json& ref = at(spec, "scaleTargetRef");
  w.write(0, "Name:\t" + jstr(meta, "name") + "\n");
  w.write(0, "Namespace:\t" + jstr(meta, "namespace") + "\n");
  printLabelsMultiline(w, "Labels", at(meta, "labels"));
  printAnnotationsMultiline(w, "Annotations", at(meta, "annotations"));
  w.write(0, "CreationTimestamp:\t" + rfcTime(at(meta, "creationTimestamp")) + "\n");
  w.write(0, "Reference:\t" + jstr(ref, "kind") + "/" + jstr(ref, "name") + "\n");
  w.write(0, "Metrics:\t( current / target )\n");
  const json& cur = arr(st, "currentMetrics");
  auto q = [](const json& v) { return canonicalQuantity(text(v)); };
  const json& metrics = arr(spec, "metrics");
  for (size_t i = 0; i < metrics.size(); ++i) {
    const json& m = metrics[i];
    std::string type = jstr(m, "type");
    const json* c = i < cur.size() ? &cur[i] : nullptr;
    auto curField = [&](const char* f) -> const json& { return c ? at(*c, f) : nullJson(); };
    if (type == "External") {
      const json& e = at(m, "external");
      const json& tgt = at(e, "target");
      std::string name = goQuote(jstr(at(e, "metric"), "name"));
      if (!at(tgt, "averageValue").is_null()) {
        std::string current = "<unknown>";
        if (curField("external").is_object() && !at(at(curField("external"), "current"), "averageValue").is_null())
          current = q(at(at(curField("external"), "current"), "averageValue"));
        w.write(1, name + " (target average value):\t" + current + " / " + q(at(tgt, "averageValue")) + "\n");
      } else {
        std::string current = "<unknown>";
        if (curField("external").is_object()) current = q(at(at(curField("external"), "current"), "value"));
        w.write(1, name + " (target value):\t" + current + " / " + q(at(tgt, "value")) + "\n");
      }
    } else if (type == "Pods") {
      const json& p = at(m, "pods");
      std::string current = "<unknown>";
      if (curField("pods").is_object()) current = q(at(at(curField("pods"), "current"), "averageValue"));
      w.write(1, goQuote(jstr(at(p, "metric"), "name")) + " on pods:\t" + current + " / " +
                     q(at(at(p, "target"), "averageValue")) + "\n");
    } else if (type == "Object") {
      const json& o = at(m, "object");
      const json& tgt = at(o, "target");
      const json& dobj = at(o, "describedObject");
      w.write(1, "\"" + jstr(at(o, "metric"), "name") + "\" on " + jstr(dobj, "kind") + "/" + jstr(dobj, "name") + " ");
      if (jstr(tgt, "type") == "AverageValue") {
        std::string current = "<unknown>";
        if (curField("object").is_object()) current = q(at(at(curField("object"), "current"), "averageValue"));
        w.write(0, "(target average value):\t" + current + " / " + q(at(tgt, "averageValue")) + "\n");
      } else {
        std::string current = "<unknown>";
        if (curField("object").is_object()) current = q(at(at(curField("object"), "current"), "value"));
        w.write(0, "(target value):\t" + current + " / " + q(at(tgt, "value")) + "\n");
      }
    } else if (type == "Resource" || type == "ContainerResource") {
      bool container = type == "ContainerResource";
      const char* field = container ? "containerResource" : "resource";
      const json& r = at(m, field);
      const json& tgt = at(r, "target");
      if (container)
        w.write(1, "resource " + jstr(r, "name") + " of container \"" + jstr(r, "container") + "\" on pods");
      else
        w.write(1, "resource " + jstr(r, "name") + " on pods");
      const json& cr = curField(field);
      if (!at(tgt, "averageValue").is_null()) {
        std::string current = "<unknown>";
        if (cr.is_object()) current = q(at(at(cr, "current"), "averageValue"));
        w.write(0, ":\t" + current + " / " + q(at(tgt, "averageValue")) + "\n");
      } else {
        std::string current = "<unknown>";
        if (cr.is_object() && !at(at(cr, "current"), "averageUtilization").is_null())
          current = std::to_string(jint(at(cr, "current"), "averageUtilization")) + "% (" +
                    q(at(at(cr, "current"), "averageValue")) + ")";
        std::string target = "<auto>";
        if (!at(tgt, "averageUtilization").is_null()) target = std::to_string(jint(tgt, "averageUtilization")) + "%";
        w.write(1, "(as a percentage of request):\t" + current + " / " + target + "\n");
      }
    } else {
      w.write(1, "<unknown metric type " + goQuote(type) + ">\n");
    }
  }
  std::string minReplicas = "<unset>";
  if (!at(spec, "minReplicas").is_null()) minReplicas = std::to_string(jint(spec, "minReplicas"));
  w.write(0, "Min replicas:\t" + minReplicas + "\n");
  w.write(0, "Max replicas:\t" + std::to_string(jint(spec, "maxReplicas")) + "\n");
  const json& behavior = at(spec, "behavior");
  if (behavior.is_object()) {
    w.write(0, "Behavior:\n");
    auto direction = [&](const char* title, const json& rules) {
      if (!rules.is_object()) return;
      w.write(1, std::string(title) + ":\n");
      if (!at(rules, "stabilizationWindowSeconds").is_null())
        w.write(2, "Stabilization Window: " + std::to_string(jint(rules, "stabilizationWindowSeconds")) + " seconds\n");
      const json& policies = arr(rules, "policies");
      if (!policies.empty()) {
        std::string sel = jstr(rules, "selectPolicy");
        w.write(2, "Select Policy: " + (sel.empty() ? std::string("Max") : sel) + "\n");
        w.write(2, "Policies:\n");
        for (const auto& p : policies)
          w.write(3, "- Type: " + jstr(p, "type") + "\tValue: " + std::to_string(jint(p, "value")) +
                         "\tPeriod: " + std::to_string(jint(p, "periodSeconds")) + " seconds\n");
      }
    };
    direction("Scale Up", at(behavior, "scaleUp"));
    direction("Scale Down", at(behavior, "scaleDown"));
  }
  w.write(0, jstr(ref, "kind") + " pods:\t");
  w.write(0, std::to_string(jint(st, "currentReplicas")) + " current / " + std::to_string(jint(st, "desiredReplicas")) +
                 " desired\n");
  const json& conds = arr(st, "conditions");
  if (!conds.empty()) {
    w.write(0, "Conditions:\n");
    w.write(1, "Type\tStatus\tReason\tMessage\n");
    w.write(1, "----\t------\t------\t-------\n");
    for (const auto& c : conds)
      w.write(1, jstr(c, "type") + "\t" + jstr(c, "status") + "\t" + jstr(c, "reason") + "\t" + jstr(c, "message") + "\n");
  }
  if (showEvents) describeEvents(w, events, now);
  return w.done();
}

}  // namespace podplay
