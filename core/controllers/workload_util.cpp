#include "controllers/workload_util.h"

#include <cmath>

#include "util/json_fields.h"
#include "util/timefmt.h"

namespace podplay {

bool podTerminating(const json& pod) { return objectAt(pod, {"metadata"}).contains("deletionTimestamp"); }

bool podActive(const json& pod) {
  std::string phase = objectAt(pod, {"status"}).value("phase", "");
  return phase != "Succeeded" && phase != "Failed" && !podTerminating(pod);
}

static const json* readyCondition(const json& pod) {
  for (const auto& c : arrayAt(pod, "status", "conditions"))
    if (c.is_object() && c.value("type", "") == "Ready") return &c;
  return nullptr;
}

bool podIsReady(const json& pod) {
  const json* c = readyCondition(pod);
  return c && c->value("status", "") == "True";
}

Time podReadySince(const json& pod) {
  const json* c = readyCondition(pod);
  if (!c || c->value("status", "") != "True") return -1;
  Time t = 0;
  if (!parseRfc3339(c->value("lastTransitionTime", ""), t)) return -1;
  return t;
}

Time podAvailableAt(const json& pod, int64_t minReadySeconds) {
  Time since = podReadySince(pod);
  if (since < 0) return -1;
  return minReadySeconds <= 0 ? since : since + minReadySeconds * kSecond;
}

bool podAvailable(const json& pod, int64_t minReadySeconds, Time now) {
  if (!podIsReady(pod)) return false;
  if (minReadySeconds <= 0) return true;
  Time at = podAvailableAt(pod, minReadySeconds);
  // IsPodAvailable: !lastTransitionTime.IsZero() && lastTransitionTime + minReadySeconds < now.
  return at >= 0 && at < now;
}

int64_t scaledValue(const json& v, int64_t total, bool roundUp) {
  if (v.is_number_integer()) return v.get<int64_t>();
  if (v.is_string()) {
    std::string s = v.get<std::string>();
    if (!s.empty() && s.back() == '%') {
      int64_t pct = 0;
      try {
        pct = std::stoll(s.substr(0, s.size() - 1));
      } catch (...) {
        return 0;
      }
      // Go: math.Ceil(float64(value) * float64(total) / 100) / math.Floor(...)
      double x = static_cast<double>(pct) * static_cast<double>(total) / 100.0;
      return static_cast<int64_t>(roundUp ? std::ceil(x) : std::floor(x));
    }
    try {
      return std::stoll(s);
    } catch (...) {
      return 0;
    }
  }
  return 0;
}

std::string templateHash(const json& tmpl, int64_t collisionCount) {
  std::string text = tmpl.dump();
  if (collisionCount > 0) text += std::to_string(collisionCount);
  uint32_t h = 2166136261u;
  for (unsigned char ch : text) {
    h ^= ch;
    h *= 16777619u;
  }
  // rand.SafeEncodeString(fmt.Sprint(hash)): each byte of the decimal string -> alphanums[b % 27].
  static const char* kAlphanums = "bcdfghjklmnpqrstvwxz2456789";
  std::string dec = std::to_string(h), out;
  for (unsigned char ch : dec) out += kAlphanums[ch % 27];
  return out;
}

json controllerRef(const json& owner) {
  std::string apiVersion = owner.value("apiVersion", "");
  return {{"apiVersion", apiVersion},
          {"blockOwnerDeletion", true},
          {"controller", true},
          {"kind", owner.value("kind", "")},
          {"name", objectAt(owner, {"metadata"}).value("name", "")},
          {"uid", objectAt(owner, {"metadata"}).value("uid", "")}};
}

int64_t specInt(const json& obj, const char* field, int64_t def) {
  const json& spec = objectAt(obj, {"spec"});
  auto it = spec.find(field);
  return it != spec.end() && it->is_number_integer() ? it->get<int64_t>() : def;
}

int64_t statusInt(const json& obj, const char* field) {
  const json& st = objectAt(obj, {"status"});
  auto it = st.find(field);
  return it != st.end() && it->is_number_integer() ? it->get<int64_t>() : 0;
}

std::string annotation(const json& obj, const std::string& key) {
  const json& a = objectAt(obj, {"metadata", "annotations"});
  auto it = a.find(key);
  return it != a.end() && it->is_string() ? it->get<std::string>() : "";
}

Time creationTime(const json& obj) {
  Time t = 0;
  parseRfc3339(objectAt(obj, {"metadata"}).value("creationTimestamp", ""), t);
  return t;
}

}  // namespace podplay
