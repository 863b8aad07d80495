// podplay core: the controller manager. Controllers are level-triggered: watch handlers only
// enqueue keys; sync(key) reads fresh state from the store and converges it.
#pragma once
#include <map>
#include <string>

#include "api/store.h"

namespace podplay {

class Cluster;

class Controllers {
 public:
  explicit Controllers(Cluster& c);
  ~Controllers();

 private:
  // PodGC (pkg/controller/podgc): every 20s, pods bound to a node that no longer exists (seen
  // missing for 40s) are marked Failed (DisruptionTarget, DeletionByPodGC) and force-deleted.
  void podGC();

  Cluster& c_;
  std::map<std::string, Time> missingSince_;  // node name -> first seen missing
};

}  // namespace podplay
