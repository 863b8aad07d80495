// podplay core: the ReplicaSet controller (k/k pkg/controller/replicaset/replica_set.go).
// Level-triggered: watch handlers only mark ReplicaSets dirty; one pass at the same virtual instant
// syncs each: claim pods (adopt matching orphans, release non-matching), create or delete pods to
// reach spec.replicas (deletion order = controller.ActivePodsWithRanks), then write status.
#pragma once
#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "api/store.h"
#include "sim/types.h"

namespace podplay {

class Cluster;

class ReplicaSetController {
 public:
  explicit ReplicaSetController(Cluster& c);
  ~ReplicaSetController();
  ReplicaSetController(const ReplicaSetController&) = delete;
  ReplicaSetController& operator=(const ReplicaSetController&) = delete;

  // Which of `pods` (active pods of one ReplicaSet) to delete first when scaling down by `n`
  // (getPodsToDelete; `related` = active pods of sibling ReplicaSets, for the same-node rank).
  static std::vector<ObjPtr> podsToDelete(const std::vector<ObjPtr>& pods, const std::vector<ObjPtr>& related,
                                          size_t n, Time now);

 private:
  using Key = std::pair<std::string, std::string>;
  void enqueue(const Key& k);
  void enqueueOwner(const json& pod);
  void onReplicaSet(const WatchEvent& ev);
  void onPod(const WatchEvent& ev);
  void drain();
  void sync(const Key& k);

  // Per-ReplicaSet summary of its pods, kept current from pod watch events (each event re-reads the
  // pod's current state, so delivery order does not matter): a sync costs O(1) unless it must
  // create, delete, adopt or release pods.
  struct PodInfo {
    bool active = false, ready = false, fully = false;
    Time readySince = -1;
  };
  struct RsCache {
    std::unordered_map<std::string, PodInfo> pods;  // "ns/name" -> summary
    int64_t active = 0, ready = 0, fully = 0;
    std::multiset<Time> readySince;  // of Ready active pods
    json templateLabels;
    void add(const std::string& key, const PodInfo& p);
    void erase(const std::string& key);
  };
  PodInfo summarize(const json& pod, const json& templateLabels) const;
  void refreshPod(const std::string& ns, const std::string& name);
  RsCache& cacheFor(const json& rs);

  Cluster& c_;
  std::unordered_map<std::string, RsCache> cache_;          // ReplicaSet uid -> pods summary
  std::unordered_map<std::string, std::string> podOwner_;   // "ns/name" -> uid of the cache holding it
  std::set<Key> needsClaim_;                                // adopt/release pass due
  std::set<Key> dirty_;
  bool scheduled_ = false;
  std::unordered_map<std::string, Key> byUid_;  // ReplicaSet uid -> key
  std::map<Key, std::pair<Time, uint64_t>> timers_;  // minReadySeconds re-syncs (time, EventId)
  WatchId rsWatch_ = 0, podWatch_ = 0;
};

}  // namespace podplay
