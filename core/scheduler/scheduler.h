// podplay core: kube-scheduler (pkg/scheduler framework, simplified).
//
// Watches pods; unassigned ones enter the scheduling queue. Each cycle runs the Filter plugins
// (in the default profile's order) over the nodes, the Score plugins over the feasible ones, and
// binds to the best (ties broken by the seeded RNG). Failures record a FailedScheduling event with
// Kubernetes' exact histogram message and wait for a cluster change (node add/update, pod deletion)
// or the 5 minute flush.
//
// Node resource usage is kept incrementally from pod watch events (no scans over all pods).
#pragma once
#include <deque>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "api/store.h"

namespace podplay {

class Cluster;

// Resource usage of one node as the scheduler's cache sees it.
struct NodeInfo {
  ObjPtr node;
  int64_t reqCpu = 0;   // milli
  int64_t reqMem = 0;   // bytes
  int64_t nonZeroCpu = 0, nonZeroMem = 0;  // with 100m / 200Mi defaults, for scoring
  int64_t pods = 0;
  int64_t allocCpu = 0, allocMem = 0, allocPods = 110;
  bool ready = false;  // Ready condition True (cached from the node's status)
};

// Pod requests (sum of containers, or the largest init container if bigger).
struct PodRequests {
  int64_t cpu = 0, mem = 0, nonZeroCpu = 0, nonZeroMem = 0;
};
PodRequests podRequests(const json& pod);

// Taint/toleration matching (core/v1 ToleratesTaint).
bool toleratesTaint(const json& toleration, const json& taint);
bool toleratesAll(const json& tolerations, const json& taint);
// Node selector + required node affinity.
bool matchesNodeSelectorAndAffinity(const json& pod, const json& node);
bool matchNodeSelectorTerm(const json& term, const json& node);

struct FilterStatus {
  std::vector<std::string> reasons;  // empty = fits
  bool unresolvable = false;         // preemption cannot help
};

// One Filter extension point implementation (kube-scheduler plugin).
class FilterPlugin {
 public:
  virtual ~FilterPlugin() = default;
  virtual const char* name() const = 0;
  virtual FilterStatus filter(const json& pod, const PodRequests& req, const NodeInfo& node) const = 0;
};

class ScorePlugin {
 public:
  virtual ~ScorePlugin() = default;
  virtual const char* name() const = 0;
  virtual int weight() const = 0;
  // Raw score; normalize() may rescale across nodes to 0..100.
  virtual int64_t score(const json& pod, const PodRequests& req, const NodeInfo& node) const = 0;
  virtual void normalize(std::vector<int64_t>& scores) const {}
};

// Per-node, per-plugin explanation of the last cycle for a pod (UI "why").
struct ScheduleExplanation {
  struct Row {
    std::string node;
    std::string failedPlugin;  // empty if feasible
    std::vector<std::string> reasons;
    std::map<std::string, int64_t> scores;  // plugin -> weighted score
    int64_t total = 0;
  };
  std::vector<Row> rows;
  std::string chosen;
  std::string message;
};

// InterPodAffinity's per-cycle state (its PreFilter): the topology domains that hold pods matching
// the incoming pod's required (anti-)affinity terms, and the domains that existing pods' required
// anti-affinity forbids to it.
struct AffinityTermDomains {
  std::string topologyKey;
  std::set<std::string> domains;  // values of topologyKey on nodes running a matching pod
};
struct AffinityState {
  std::vector<AffinityTermDomains> affinity, antiAffinity;
  bool selfMatchesAllAffinityTerms = false;  // the "first pod" rule
  std::vector<std::pair<std::string, std::string>> forbidden;  // (topologyKey, value)
};

class Scheduler {
 public:
  explicit Scheduler(Cluster& c);
  ~Scheduler();
  const ScheduleExplanation* explain(const std::string& ns, const std::string& pod) const;

 private:
  void onPod(const WatchEvent& ev);
  void onNode(const WatchEvent& ev);
  void enqueue(const std::string& ns, const std::string& name);
  void kick();
  void scheduleOne();
  void moveAllToActive();
  void account(const json& pod, int sign);
  // Fills affinity_ for `pod` (O(assigned pods)); false if the pod and the cluster use no required
  // pod (anti-)affinity.
  bool computeAffinity(const json& pod);

  Cluster& c_;
  WatchId podWatch_ = 0, nodeWatch_ = 0;
  std::vector<std::unique_ptr<FilterPlugin>> filters_;
  std::vector<std::unique_ptr<ScorePlugin>> scorers_;
  std::map<std::string, NodeInfo> nodes_;  // by node name
  std::unordered_map<std::string, std::pair<std::string, PodRequests>> counted_;  // ns/name -> node, req
  std::deque<std::pair<std::string, std::string>> active_;
  std::set<std::pair<std::string, std::string>> queued_, unschedulable_;
  bool kicked_ = false;
  size_t nextStart_ = 0;
  std::map<std::pair<std::string, std::string>, ScheduleExplanation> explanations_;
  EventId flushTimer_ = 0;
  AffinityState affinity_;
  const AffinityState* affinityPtr_ = nullptr;  // set for the pod being scheduled
  std::set<std::string> antiAffinityPods_;  // "ns/name" of assigned pods with required anti-affinity
};

}  // namespace podplay
