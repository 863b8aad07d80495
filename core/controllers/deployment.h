// podplay core: the Deployment controller (k/k pkg/controller/deployment: sync.go, rolling.go,
// recreate.go, progress.go; util/deployment_util.go). Each Deployment owns one ReplicaSet per pod
// template (`<name>-<pod-template-hash>`, revision annotations); RollingUpdate scales the new one up
// and the old ones down within maxSurge/maxUnavailable, Recreate scales old to 0 first; paused
// Deployments only scale (proportionally); status and the Available/Progressing conditions follow
// the ReplicaSets, with the progress deadline.
#pragma once
#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "api/store.h"

namespace podplay {

class Cluster;

class DeploymentController {
 public:
  explicit DeploymentController(Cluster& c);
  ~DeploymentController();
  DeploymentController(const DeploymentController&) = delete;
  DeploymentController& operator=(const DeploymentController&) = delete;

  // deployment_util.go: fenceposts resolved against spec.replicas.
  static int64_t maxSurge(const json& d);
  static int64_t maxUnavailable(const json& d);
  // Templates equal ignoring the pod-template-hash label (EqualIgnoreHash).
  static bool equalIgnoreHash(const json& t1, const json& t2);

 private:
  using Key = std::pair<std::string, std::string>;
  struct Ctx;
  void enqueue(const Key& k);
  void drain();
  void onDeployment(const WatchEvent& ev);
  void onReplicaSet(const WatchEvent& ev);
  void onPod(const WatchEvent& ev);
  void sync(const Key& k);

  // Steps of a sync (d = working copy of the Deployment).
  ObjPtr getNewReplicaSet(Ctx& x, bool create);
  void splitReplicaSets(Ctx& x);
  bool scaleReplicaSet(Ctx& x, ObjPtr& rs, int64_t newScale, const std::string& op);
  bool scaleReplicaSetAndRecordEvent(Ctx& x, ObjPtr& rs, int64_t newScale);
  void scale(Ctx& x);
  void syncPausedOrScaling(Ctx& x);
  void rolloutRolling(Ctx& x);
  void rolloutRecreate(Ctx& x);
  bool reconcileNewReplicaSet(Ctx& x);
  bool reconcileOldReplicaSets(Ctx& x);
  void cleanupDeployment(Ctx& x);
  json calculateStatus(Ctx& x);
  void syncRolloutStatus(Ctx& x);
  void syncDeploymentStatus(Ctx& x);
  void writeStatus(Ctx& x, const json& status);
  void requeueStuck(Ctx& x, const json& status);

  Cluster& c_;
  std::set<Key> dirty_;
  bool scheduled_ = false;
  std::unordered_map<std::string, Key> byUid_;               // Deployment uid -> key
  std::map<Key, std::pair<Time, uint64_t>> deadlineTimers_;  // progress deadline checks
  WatchId dWatch_ = 0, rsWatch_ = 0, podWatch_ = 0;
};

}  // namespace podplay
