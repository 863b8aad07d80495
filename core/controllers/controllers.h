// podplay core: the controller manager. Controllers are level-triggered: watch handlers only
// enqueue keys; sync(key) reads fresh state from the store and converges it.
#pragma once
#include <map>
#include <set>
#include <string>

#include "api/store.h"

namespace podplay {

class Cluster;

class Controllers {
 public:
  explicit Controllers(Cluster& c);
  ~Controllers();

 private:
  // Taint eviction (pkg/controller/tainteviction): pods on a node with NoExecute taints they do not
  // tolerate are deleted at once; tolerated with tolerationSeconds -> deleted when that runs out.
  void onNodeTaints(const WatchEvent& ev);
  void onPodTaints(const WatchEvent& ev);
  void evaluateTaints(const std::string& ns, const std::string& name);
  void cancelEviction(const std::string& key, const json* pod);
  // Node lifecycle (pkg/controller/nodelifecycle): every 5s, a node whose Lease was not renewed for
  // 40s goes Unknown (NotReady), gets the unreachable taints, and its pods turn not Ready.
  void monitorNodes();

  // PodGC (pkg/controller/podgc): every 20s, pods bound to a node that no longer exists (seen
  // missing for 40s) are marked Failed (DisruptionTarget, DeletionByPodGC) and force-deleted.
  void podGC();

  Cluster& c_;
  std::map<std::string, Time> missingSince_;  // node name -> first seen missing
  struct Pending {
    EventId id = 0;
    Time createdAt = 0;
    Time trigger = 0;
  };
  std::map<std::string, Pending> evictions_;  // "ns/name" -> scheduled taint eviction
  WatchId nodeWatch_ = 0, podWatch_ = 0;
};

}  // namespace podplay
