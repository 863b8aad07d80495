// podplay core: the garbage collector (k/k pkg/controller/garbagecollector), for the owner chains
// podplay has: Deployment -> ReplicaSets -> Pods. When an owner is deleted, its dependents (objects
// whose controller ownerReference carries the owner's uid) are deleted in the background, pods
// gracefully. `--cascade=orphan` deletions strip the ownerReferences first (ApiServer::remove).
#pragma once
#include "api/store.h"

namespace podplay {

class Cluster;

class GarbageCollector {
 public:
  explicit GarbageCollector(Cluster& c);
  ~GarbageCollector();
  GarbageCollector(const GarbageCollector&) = delete;
  GarbageCollector& operator=(const GarbageCollector&) = delete;

 private:
  void onDeleted(const WatchEvent& ev);
  Cluster& c_;
  WatchId dWatch_ = 0, rsWatch_ = 0;
};

}  // namespace podplay
