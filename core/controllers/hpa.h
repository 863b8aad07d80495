// podplay core: the HorizontalPodAutoscaler controller (k/k pkg/controller/podautoscaler:
// horizontal.go, replica_calculator.go, metrics/client.go + utilization.go), autoscaling/v2.
//
// Every HPA is reconciled 15s after it is created and every 15s after that (the controller's work
// queue re-adds each key with a fixed 15s delay). One reconcile:
//   1. get the target's scale (Deployment, ReplicaSet: spec.replicas, spec.selector; else
//      FailedGetScale), AbleToScale SucceededGetScale;
//   2. current 0 and minReplicas > 0: ScalingDisabled; current > max or < min: go to the bound;
//      else each metric proposes a replica count (resource metrics from the MetricsServer, the
//      replica calculator's ready / unready / missing pod rules), the largest wins;
//   3. normalise: without spec.behavior the legacy rules (max recommendation of the last 5 minutes,
//      scale-up limit max(2 x current, 4), [min, max]); with it, the stabilisation windows and the
//      rate policies;
//   4. write spec.replicas of the target if it changed (event SuccessfulRescale), then the status
//      (currentReplicas, desiredReplicas, currentMetrics, lastScaleTime, conditions) if it changed.
// As in 1.30/1.31 the status has no observedGeneration.
//
// The replica calculator and the normaliser are plain functions / a small class over plain data so
// the unit tests can table-drive them like replica_calculator_test.go and horizontal_test.go.
#pragma once
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "api/defaults.h"
#include "api/store.h"

namespace podplay {

class Cluster;

namespace hpa {

constexpr double kTolerance = 0.1;
constexpr Time kSyncPeriod = 15 * kSecond;
constexpr Time kDownscaleStabilisationWindow = 5 * kMinute;
constexpr Time kCpuInitializationPeriod = 5 * kMinute;
constexpr Time kDelayOfInitialReadinessStatus = 30 * kSecond;

// ---- replica calculator ---------------------------------------------------------------------

// What the calculator needs of a pod (the HPA's pod lister).
struct PodInfo {
  std::string name;
  std::string phase = "Running";
  bool deleting = false;
  std::string readyStatus = "True";  // the Ready condition's status; "" = no Ready condition
  Time readyTransition = 0;          // its lastTransitionTime
  Time startTime = 0;        // status.startTime; -1 = unset
  int64_t request = 0;       // sum of the resource requests of its containers (milli units)
  std::string requestError;  // "missing request for cpu in container app of Pod web-1" if any
};

struct PodMetric {
  int64_t value = 0;  // milli units (millicores, or bytes x 1000)
  Time timestamp = 0;
  Time window = 15 * kSecond;
};
using MetricsByPod = std::map<std::string, PodMetric>;

struct Tuning {
  double tolerance = kTolerance;
  Time cpuInitializationPeriod = kCpuInitializationPeriod;
  Time delayOfInitialReadinessStatus = kDelayOfInitialReadinessStatus;
};

struct Proposal {
  int32_t replicas = 0;
  int32_t utilization = 0;  // percent of request (Utilization targets)
  int64_t rawAverage = 0;   // average usage (milli units)
  std::string error;        // non-empty: the calculator failed with this message
};

// GetResourceReplicas: a target utilization (percent of request) for `resource` ("cpu", "memory").
Proposal resourceReplicas(int32_t currentReplicas, int32_t targetUtilization, const std::string& resource,
                          const std::vector<PodInfo>& pods, MetricsByPod metrics, Time now, const Tuning& t = {});
// GetRawResourceReplicas / calcPlainMetricReplicas: a target average value (milli units).
Proposal rawResourceReplicas(int32_t currentReplicas, int64_t targetUsage, const std::string& resource,
                             const std::vector<PodInfo>& pods, MetricsByPod metrics, Time now, const Tuning& t = {});

// ---- normalisation --------------------------------------------------------------------------

struct ScalingPolicy {
  std::string type;  // "Pods" | "Percent"
  int32_t value = 0;
  int32_t periodSeconds = 0;
};
struct ScalingRules {
  std::optional<int32_t> stabilizationWindowSeconds;
  std::string selectPolicy = "Max";  // "Max" | "Min" | "Disabled"
  std::vector<ScalingPolicy> policies;
};
struct Behavior {
  ScalingRules scaleUp, scaleDown;
};
// spec.behavior as the API server defaulted it (unset parts get the defaults).
Behavior parseBehavior(const json& behavior);

struct Normalized {
  int32_t replicas = 0;
  std::string ableReason, ableMessage;  // AbleToScale (True)
  bool limited = false;                 // ScalingLimited status
  std::string limitReason, limitMessage;
};

// Per-HPA memory of the controller: recent recommendations and scale events.
class Normalizer {
 public:
  // recordInitialRecommendation: a new HPA remembers the current size once.
  void recordInitial(int32_t currentReplicas, Time now);
  // normalizeDesiredReplicas (no spec.behavior).
  Normalized legacy(int32_t currentReplicas, int32_t desired, int32_t minReplicas, int32_t maxReplicas, Time now);
  // normalizeDesiredReplicasWithBehaviors.
  Normalized withBehavior(const Behavior& b, int32_t currentReplicas, int32_t desired, int32_t minReplicas,
                          int32_t maxReplicas, Time now);
  // storeScaleEvent (only with a behavior).
  void storeScaleEvent(const Behavior* b, int32_t prevReplicas, int32_t newReplicas, Time now);

 private:
  struct Rec {
    int32_t replicas;
    Time at;
  };
  struct ScaleEvent {
    int32_t change;
    Time at;
    bool outdated = false;
  };
  std::vector<Rec> recs_;
  std::vector<ScaleEvent> up_, down_;
  friend int32_t scaleUpLimit(const Normalizer&, int32_t, const ScalingRules&, Time);
  friend int32_t scaleDownLimit(const Normalizer&, int32_t, const ScalingRules&, Time);
};

// convertV1ToV2 (autoscaling/v1 -> v2) lives with the API server's defaulting: api/defaults.h.

}  // namespace hpa

class HorizontalController {
 public:
  explicit HorizontalController(Cluster& c);
  ~HorizontalController();
  HorizontalController(const HorizontalController&) = delete;
  HorizontalController& operator=(const HorizontalController&) = delete;

 private:
  using Key = std::pair<std::string, std::string>;
  struct State {
    hpa::Normalizer norm;
    uint64_t timer = 0;
  };
  void onHpa(const WatchEvent& ev);
  void reconcile(const Key& k);

  Cluster& c_;
  std::map<Key, State> state_;
  WatchId watch_ = 0;
};

}  // namespace podplay
