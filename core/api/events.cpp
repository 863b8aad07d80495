#include "api/events.h"

#include <cstdio>

#include "util/timefmt.h"

namespace podplay {

void EventRecorder::record(const json& obj, const std::string& type, const std::string& reason,
                           const std::string& message, const EventSource& source,
                           const std::string& fieldPath) {
  const json& meta = obj.value("metadata", json::object());
  std::string kind = obj.value("kind", ""), ns = meta.value("namespace", ""), name = meta.value("name", "");
  std::string uid = meta.value("uid", "");
  std::string evNs = ns.empty() ? "default" : ns;
  std::string key = kind + "\x1f" + ns + "\x1f" + name + "\x1f" + uid + "\x1f" + fieldPath + "\x1f" + type +
                    "\x1f" + reason + "\x1f" + message + "\x1f" + source.component + "\x1f" + source.host;
  Time now = store_.now();
  std::string ts = rfc3339(now);
  auto it = byKey_.find(key);
  if (it != byKey_.end()) {
    auto r = store_.update("Event", it->second.first, it->second.second, [&](json& ev) {
      ev["count"] = ev.value("count", 1) + 1;
      ev["lastTimestamp"] = ts;
      return true;
    });
    if (r.ok()) {
      expire(it->second.first, it->second.second, now + kHour);
      return;
    }
    byKey_.erase(it);
  }
  // Name: <object>.<hex unix nanos>, unique per recorder.
  uint64_t nanos = static_cast<uint64_t>(kEpochUnixSeconds * 1000 + now) * 1000000ULL + (++seq_ % 1000000ULL);
  char hex[32];
  snprintf(hex, sizeof hex, "%llx", (unsigned long long)nanos);
  std::string evName = name + "." + hex;
  json involved = {{"kind", kind}, {"name", name}, {"apiVersion", obj.value("apiVersion", "v1")}};
  if (!ns.empty()) involved["namespace"] = ns;
  if (!uid.empty()) involved["uid"] = uid;
  if (meta.contains("resourceVersion")) involved["resourceVersion"] = meta["resourceVersion"];
  if (!fieldPath.empty()) involved["fieldPath"] = fieldPath;
  json source_ = {{"component", source.component}};
  if (!source.host.empty()) source_["host"] = source.host;
  json ev = {{"apiVersion", "v1"},
             {"kind", "Event"},
             {"metadata", {{"name", evName}, {"namespace", evNs}, {"creationTimestamp", ts}}},
             {"involvedObject", involved},
             {"reason", reason},
             {"message", message},
             {"source", source_},
             {"firstTimestamp", ts},
             {"lastTimestamp", ts},
             {"count", 1},
             {"type", type},
             {"eventTime", nullptr},
             {"reportingComponent", source.component},
             {"reportingInstance", source.host}};
  auto r = store_.create(std::move(ev));
  if (r.ok()) {
    byKey_[key] = {evNs, evName};
    expire(evNs, evName, now + kHour);
  }
}

void EventRecorder::expire(const std::string& ns, const std::string& name, Time due) {
  store_.queue().at(due, [this, ns, name] {
    auto ev = store_.get("Event", ns, name);
    if (!ev) return;
    Time last = 0;
    parseRfc3339(ev->value("lastTimestamp", ""), last);
    if (store_.now() - last >= kHour) store_.remove("Event", ns, name);
  });
}

}  // namespace podplay
