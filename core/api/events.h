// podplay core: the event recorder (client-go's EventRecorder + EventCorrelator, simplified).
// Identical events (same object, type, reason, message, source) are aggregated: count++ and
// lastTimestamp moves, as `describe` shows "(x4 over 3m)". Events expire one hour after their last
// occurrence, as the API server's event TTL does.
#pragma once
#include <string>
#include <unordered_map>

#include "api/store.h"

namespace podplay {

struct EventSource {
  std::string component;  // "kubelet", "default-scheduler", "replicaset-controller", ...
  std::string host;       // node name for kubelet events
};

class EventRecorder {
 public:
  explicit EventRecorder(Store& store) : store_(store) {}
  // `obj` is the involved object (its kind, namespace, name, uid are used); `fieldPath` e.g.
  // "spec.containers{nginx}".
  void record(const json& obj, const std::string& type, const std::string& reason,
              const std::string& message, const EventSource& source, const std::string& fieldPath = "");

 private:
  void expire(const std::string& ns, const std::string& name, Time due);
  Store& store_;
  std::unordered_map<std::string, std::pair<std::string, std::string>> byKey_;  // key -> (ns, name)
  uint64_t seq_ = 0;
};

}  // namespace podplay
