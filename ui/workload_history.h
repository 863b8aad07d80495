// podplay ui: what the rollout and HPA views plot over virtual time. The store keeps only the
// present, so the UI samples it: App calls sample() after every command and every clock slice it
// runs (a `sleep` is advanced in slices of at most kSliceMs), and a sample is taken only when the
// store's resourceVersion moved. Series record changes only (step functions) and are bounded:
// kMaxPoints points per series (the oldest are dropped), kMaxWorkloads workloads, kMaxReplicaSets
// ReplicaSets per Deployment.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "api/store.h"

namespace podplay::ui {

// One ReplicaSet's replica counts from time t on (until the next point).
struct RsPoint {
  Time t = 0;
  int desired = 0;    // spec.replicas
  int current = 0;    // status.replicas (pods that exist)
  int ready = 0;      // status.readyReplicas
  int available = 0;  // status.availableReplicas
  bool operator==(const RsPoint& o) const {
    return desired == o.desired && current == o.current && ready == o.ready && available == o.available;
  }
};

struct RsSeries {
  std::string uid, name;
  int revision = 0;    // deployment.kubernetes.io/revision
  std::string images;  // "nginx=nginx:1.25, sidecar=busybox"
  Time firstSeen = 0;
  Time goneAt = -1;    // deleted from the store (history revisionHistoryLimit), -1 while it exists
  std::vector<RsPoint> points;
};

// Deployment-level changes worth a marker on the timeline.
struct RolloutMark {
  Time t = 0;
  std::string what;  // "paused", "resumed", "scaled to 5", "revision 3"
};

struct DeploymentHistory {
  std::string uid, ns, name;
  Time firstSeen = 0;
  std::vector<RsSeries> replicaSets;  // in order of first appearance
  std::vector<std::pair<Time, int>> desired;  // spec.replicas over time
  std::vector<RolloutMark> marks;
  // Last values seen, to detect the marks' changes.
  bool paused = false;
  int lastDesired = -1;
  std::string lastRevision;
};

struct HpaPoint {
  Time t = 0;
  int utilization = -1;  // status.currentMetrics[0].resource.current.averageUtilization; -1 unknown
  int target = -1;       // spec.metrics[0].resource.target.averageUtilization
  int current = 0;       // status.currentReplicas
  int desired = 0;       // status.desiredReplicas
  int minReplicas = 1, maxReplicas = 1;
  bool operator==(const HpaPoint& o) const {
    return utilization == o.utilization && target == o.target && current == o.current && desired == o.desired &&
           minReplicas == o.minReplicas && maxReplicas == o.maxReplicas;
  }
};

struct HpaHistory {
  std::string uid, ns, name;
  Time firstSeen = 0;
  std::vector<HpaPoint> points;
};

class WorkloadHistory {
 public:
  static constexpr size_t kMaxPoints = 4096;
  static constexpr size_t kMaxWorkloads = 64;
  static constexpr size_t kMaxReplicaSets = 24;
  static constexpr Time kSliceMs = 1000;  // App advances the clock at most this much between samples

  // Records the store's Deployments, their ReplicaSets and HPAs at store.now() if the
  // resourceVersion changed since the last call.
  void sample(const Store& store);
  void clear();

  const DeploymentHistory* deployment(const std::string& uid) const;
  const HpaHistory* hpa(const std::string& uid) const;
  const std::vector<DeploymentHistory>& deployments() const { return deployments_; }
  const std::vector<HpaHistory>& hpas() const { return hpas_; }
  uint64_t samples() const { return samples_; }

 private:
  void sampleDeployment(const Store& store, const json& d);
  void sampleHpa(const json& h, Time now);
  uint64_t rv_ = 0;
  uint64_t samples_ = 0;
  std::vector<DeploymentHistory> deployments_;
  std::vector<HpaHistory> hpas_;
};

// Small readers shared by the panels.
int intAt(const json& j, std::initializer_list<const char*> path, int dflt = 0);
// The revision annotation (deployment.kubernetes.io/revision) as a number, 0 if none.
int revisionOf(const json& obj);
// "nginx=nginx:1.25, sidecar=busybox" from spec.template.spec.containers.
std::string templateImages(const json& obj);
// The HPA's first Resource metric: target and current averageUtilization (-1 if absent) and the
// resource name ("cpu").
void hpaUtilization(const json& hpa, int& current, int& target, std::string& resource);

}  // namespace podplay::ui
