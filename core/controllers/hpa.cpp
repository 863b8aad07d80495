// podplay core: the HorizontalPodAutoscaler controller (see hpa.h). Index:
//   [SECTION] replica calculator: groupPods, utilization ratio, resource / raw replicas
//   [SECTION] normalisation: legacy rules, behaviors (stabilisation + rate policies)
//   [SECTION] v1 conversion
//   [SECTION] controller: scale subresource, metrics, reconcile, status and conditions
#include "controllers/hpa.h"

#include <algorithm>
#include <climits>
#include <cmath>

#include "cluster.h"
#include "controllers/workload_util.h"
#include "metrics/metrics.h"
#include "util/json_fields.h"
#include "util/labels.h"
#include "util/quantity.h"
#include "util/timefmt.h"

namespace podplay {
namespace hpa {

// [SECTION] replica calculator -------------------------------------------------------------------

namespace {

struct Groups {
  int readyPodCount = 0;
  std::set<std::string> unready, missing, ignored;
};

// groupPods (replica_calculator.go).
Groups groupPods(const std::vector<PodInfo>& pods, const MetricsByPod& metrics, const std::string& resource, Time now,
                 const Tuning& t) {
  Groups g;
  for (const auto& pod : pods) {
    if (pod.deleting || pod.phase == "Failed") {
      g.ignored.insert(pod.name);
      continue;
    }
    if (pod.phase == "Pending") {  // pending pods are unready
      g.unready.insert(pod.name);
      continue;
    }
    auto m = metrics.find(pod.name);
    if (m == metrics.end()) {
      g.missing.insert(pod.name);
      continue;
    }
    if (resource == "cpu") {
      bool unready;
      if (pod.readyStatus.empty() || pod.startTime < 0) {
        unready = true;
      } else if (pod.startTime + t.cpuInitializationPeriod > now) {
        // Still initialising: ignore the sample if the pod is unready or a whole metric window has
        // not passed since its last readiness transition.
        unready = pod.readyStatus == "False" || m->second.timestamp < pod.readyTransition + m->second.window;
      } else {
        // Ignore the metric if the pod is unready and has never been ready.
        unready = pod.readyStatus == "False" && pod.startTime + t.delayOfInitialReadinessStatus > pod.readyTransition;
      }
      if (unready) {
        g.unready.insert(pod.name);
        continue;
      }
    }
    g.readyPodCount++;
  }
  return g;
}

void removeMetrics(MetricsByPod& metrics, const std::set<std::string>& pods) {
  for (const auto& p : pods) metrics.erase(p);
}

// GetResourceUtilizationRatio (metrics/utilization.go).
bool utilizationRatio(const MetricsByPod& metrics, const std::map<std::string, int64_t>& requests, int32_t target,
                      double& ratio, int32_t& utilization, int64_t& rawAverage, std::string& err) {
  int64_t metricsTotal = 0, requestsTotal = 0, n = 0;
  for (const auto& [name, m] : metrics) {
    auto r = requests.find(name);
    if (r == requests.end()) continue;  // extraneous metrics
    metricsTotal += m.value;
    requestsTotal += r->second;
    ++n;
  }
  if (requestsTotal == 0) {
    err = "no metrics returned matched known pods";
    return false;
  }
  utilization = static_cast<int32_t>(metricsTotal * 100 / requestsTotal);
  ratio = double(utilization) / double(target);
  rawAverage = metricsTotal / n;
  return true;
}

// GetMetricUsageRatio.
void usageRatio(const MetricsByPod& metrics, int64_t target, double& ratio, int64_t& usage) {
  int64_t total = 0;
  for (const auto& [name, m] : metrics) total += m.value;
  usage = metrics.empty() ? 0 : total / static_cast<int64_t>(metrics.size());
  ratio = double(usage) / double(target);
}

// The common start of GetResourceReplicas / GetRawResourceReplicas: group the pods, drop the
// metrics of ignored and unready ones; false (p.error set) when nothing usable is left.
bool groupUsablePods(const std::vector<PodInfo>& pods, MetricsByPod& metrics, const std::string& resource, Time now,
                     const Tuning& t, Proposal& p, Groups& g) {
  if (pods.empty()) {
    p.error = "no pods returned by selector while calculating replica count";
    return false;
  }
  g = groupPods(pods, metrics, resource, now, t);
  removeMetrics(metrics, g.ignored);
  removeMetrics(metrics, g.unready);
  if (metrics.empty()) {
    p.error = "did not receive metrics for targeted pods (pods might be unready)";
    return false;
  }
  return true;
}

}  // namespace

Proposal resourceReplicas(int32_t current, int32_t target, const std::string& resource, const std::vector<PodInfo>& pods,
                          MetricsByPod metrics, Time now, const Tuning& t) {
  Proposal p;
  Groups g;
  if (!groupUsablePods(pods, metrics, resource, now, t, p, g)) return p;
  std::map<std::string, int64_t> requests;
  for (const auto& pod : pods) {
    if (!pod.requestError.empty()) {
      p.error = pod.requestError;
      return p;
    }
    requests[pod.name] = pod.request;
  }
  double ratio = 0;
  std::string err;
  if (!utilizationRatio(metrics, requests, target, ratio, p.utilization, p.rawAverage, err)) {
    p.error = err;
    return p;
  }
  bool scaleUpWithUnready = !g.unready.empty() && ratio > 1.0;
  if (!scaleUpWithUnready && g.missing.empty()) {
    if (std::abs(1.0 - ratio) <= t.tolerance) {
      p.replicas = current;  // the change would be too small
      return p;
    }
    p.replicas = static_cast<int32_t>(std::ceil(ratio * g.readyPodCount));
    return p;
  }
  if (!g.missing.empty()) {
    if (ratio < 1.0) {
      // Scale-down: missing pods use 100% of their request (or the target, if above 100%).
      int64_t fallback = std::max<int64_t>(100, target);
      for (const auto& name : g.missing) metrics[name] = PodMetric{requests[name] * fallback / 100, 0, 0};
    } else if (ratio > 1.0) {
      for (const auto& name : g.missing) metrics[name] = PodMetric{0, 0, 0};  // scale-up: 0%
    }
  }
  if (scaleUpWithUnready)
    for (const auto& name : g.unready) metrics[name] = PodMetric{0, 0, 0};
  double newRatio = 0;
  int32_t u2 = 0;
  int64_t r2 = 0;
  if (!utilizationRatio(metrics, requests, target, newRatio, u2, r2, err)) {
    p.error = err;
    return p;
  }
  if (std::abs(1.0 - newRatio) <= t.tolerance || (ratio < 1.0 && newRatio > 1.0) || (ratio > 1.0 && newRatio < 1.0)) {
    p.replicas = current;  // too small, or the direction would flip
    return p;
  }
  int32_t n = static_cast<int32_t>(std::ceil(newRatio * static_cast<double>(metrics.size())));
  if ((newRatio < 1.0 && n > current) || (newRatio > 1.0 && n < current)) {
    p.replicas = current;
    return p;
  }
  p.replicas = n;
  return p;
}

Proposal rawResourceReplicas(int32_t current, int64_t targetUsage, const std::string& resource,
                             const std::vector<PodInfo>& pods, MetricsByPod metrics, Time now, const Tuning& t) {
  Proposal p;
  Groups g;
  if (!groupUsablePods(pods, metrics, resource, now, t, p, g)) return p;
  double ratio = 0;
  usageRatio(metrics, targetUsage, ratio, p.rawAverage);
  bool scaleUpWithUnready = !g.unready.empty() && ratio > 1.0;
  if (!scaleUpWithUnready && g.missing.empty()) {
    if (std::abs(1.0 - ratio) <= t.tolerance) {
      p.replicas = current;
      return p;
    }
    p.replicas = static_cast<int32_t>(std::ceil(ratio * g.readyPodCount));
    return p;
  }
  if (!g.missing.empty()) {
    if (ratio < 1.0) {
      for (const auto& name : g.missing) metrics[name] = PodMetric{targetUsage, 0, 0};
    } else if (ratio > 1.0) {
      for (const auto& name : g.missing) metrics[name] = PodMetric{0, 0, 0};
    }
  }
  if (scaleUpWithUnready)
    for (const auto& name : g.unready) metrics[name] = PodMetric{0, 0, 0};
  double newRatio = 0;
  int64_t ignoredUsage = 0;
  usageRatio(metrics, targetUsage, newRatio, ignoredUsage);
  if (std::abs(1.0 - newRatio) <= t.tolerance || (ratio < 1.0 && newRatio > 1.0) || (ratio > 1.0 && newRatio < 1.0)) {
    p.replicas = current;
    return p;
  }
  int32_t n = static_cast<int32_t>(std::ceil(newRatio * static_cast<double>(metrics.size())));
  if ((newRatio < 1.0 && n > current) || (newRatio > 1.0 && n < current)) {
    p.replicas = current;
    return p;
  }
  p.replicas = n;
  return p;
}

// [SECTION] normalisation ------------------------------------------------------------------------

namespace {
const char* kReadyForNewScale = "recommended size matches current size";
const char* kScaleDownStabilizedMsg = "recent recommendations were higher than current one, applying the highest recent recommendation";
const char* kScaleUpStabilizedMsg = "recent recommendations were lower than current one, applying the lowest recent recommendation";
const char* kScaleUpLimitMsg = "the desired replica count is increasing faster than the maximum scale rate";
const char* kScaleDownLimitMsg = "the desired replica count is decreasing faster than the maximum scale rate";
const char* kTooManyMsg = "the desired replica count is more than the maximum replica count";
const char* kTooFewMsg = "the desired replica count is less than the minimum replica count";
const char* kWithinRangeMsg = "the desired count is within the acceptable range";

ScalingRules parseRules(const json& r, bool up) {
  ScalingRules out;
  if (!r.is_object()) {
    if (up) {
      out.stabilizationWindowSeconds = 0;
      out.policies = {{"Pods", 4, 15}, {"Percent", 100, 15}};
    } else {
      out.policies = {{"Percent", 100, 15}};
    }
    return out;
  }
  if (r.contains("stabilizationWindowSeconds") && r["stabilizationWindowSeconds"].is_number_integer())
    out.stabilizationWindowSeconds = r["stabilizationWindowSeconds"].get<int32_t>();
  else if (up)
    out.stabilizationWindowSeconds = 0;
  out.selectPolicy = r.value("selectPolicy", "Max");
  for (const auto& p : r.value("policies", json::array()))
    if (p.is_object()) out.policies.push_back({p.value("type", ""), p.value("value", 0), p.value("periodSeconds", 0)});
  return out;
}
}  // namespace

Behavior parseBehavior(const json& b) {
  Behavior out;
  out.scaleUp = parseRules(b.is_object() && b.contains("scaleUp") ? b["scaleUp"] : json(), true);
  out.scaleDown = parseRules(b.is_object() && b.contains("scaleDown") ? b["scaleDown"] : json(), false);
  return out;
}

void Normalizer::recordInitial(int32_t current, Time now) {
  if (recs_.empty()) recs_.push_back({current, now});
}

Normalized Normalizer::legacy(int32_t current, int32_t desired, int32_t minR, int32_t maxR, Time now) {
  Normalized n;
  // stabilizeRecommendation: the max of the recommendations of the last 5 minutes (this one included).
  int32_t stabilized = desired;
  bool foundOld = false;
  size_t oldIdx = 0;
  Time cutoff = now - kDownscaleStabilisationWindow;
  for (size_t i = 0; i < recs_.size(); ++i) {
    if (recs_[i].at < cutoff) {
      foundOld = true;
      oldIdx = i;
    } else if (recs_[i].replicas > stabilized) {
      stabilized = recs_[i].replicas;
    }
  }
  if (foundOld) recs_[oldIdx] = {desired, now};
  else recs_.push_back({desired, now});
  if (stabilized != desired) {
    n.ableReason = "ScaleDownStabilized";
    n.ableMessage = kScaleDownStabilizedMsg;
  } else {
    n.ableReason = "ReadyForNewScale";
    n.ableMessage = kReadyForNewScale;
  }
  // convertDesiredReplicasWithRules.
  int32_t scaleUpLimit = static_cast<int32_t>(std::max(2.0 * current, 4.0));
  int32_t maxAllowed;
  std::string reason, message;
  if (maxR > scaleUpLimit) {
    maxAllowed = scaleUpLimit;
    reason = "ScaleUpLimit";
    message = kScaleUpLimitMsg;
  } else {
    maxAllowed = maxR;
    reason = "TooManyReplicas";
    message = kTooManyMsg;
  }
  int32_t out = stabilized;
  if (stabilized < minR) {
    out = minR;
    reason = "TooFewReplicas";
    message = kTooFewMsg;
  } else if (stabilized > maxAllowed) {
    out = maxAllowed;
  } else {
    reason = "DesiredWithinRange";
    message = kWithinRangeMsg;
  }
  n.replicas = out;
  n.limited = out != stabilized;
  n.limitReason = reason;
  n.limitMessage = message;
  return n;
}

namespace {
int32_t changeInPeriod(int32_t periodSeconds, const std::vector<Time>& at, const std::vector<int32_t>& change, Time now) {
  Time cutoff = now - periodSeconds * kSecond;
  int32_t sum = 0;
  for (size_t i = 0; i < at.size(); ++i)
    if (at[i] > cutoff) sum += change[i];
  return sum;
}
}  // namespace

int32_t scaleUpLimit(const Normalizer& nz, int32_t current, const ScalingRules& rules, Time now) {
  if (rules.selectPolicy == "Disabled") return current;
  bool minPolicy = rules.selectPolicy == "Min";
  int32_t result = minPolicy ? INT32_MAX : INT32_MIN;
  std::vector<Time> upAt, downAt;
  std::vector<int32_t> upCh, downCh;
  for (const auto& e : nz.up_) upAt.push_back(e.at), upCh.push_back(e.change);
  for (const auto& e : nz.down_) downAt.push_back(e.at), downCh.push_back(e.change);
  for (const auto& p : rules.policies) {
    int32_t start = current - changeInPeriod(p.periodSeconds, upAt, upCh, now) + changeInPeriod(p.periodSeconds, downAt, downCh, now);
    int32_t proposed = 0;
    if (p.type == "Pods") proposed = start + p.value;
    else if (p.type == "Percent") proposed = static_cast<int32_t>(std::ceil(double(start) * (1 + double(p.value) / 100)));
    result = minPolicy ? std::min(result, proposed) : std::max(result, proposed);
  }
  return result;
}

int32_t scaleDownLimit(const Normalizer& nz, int32_t current, const ScalingRules& rules, Time now) {
  if (rules.selectPolicy == "Disabled") return current;
  bool minPolicy = rules.selectPolicy == "Min";
  int32_t result = minPolicy ? INT32_MIN : INT32_MAX;
  std::vector<Time> upAt, downAt;
  std::vector<int32_t> upCh, downCh;
  for (const auto& e : nz.up_) upAt.push_back(e.at), upCh.push_back(e.change);
  for (const auto& e : nz.down_) downAt.push_back(e.at), downCh.push_back(e.change);
  for (const auto& p : rules.policies) {
    int32_t start = current - changeInPeriod(p.periodSeconds, upAt, upCh, now) + changeInPeriod(p.periodSeconds, downAt, downCh, now);
    int32_t proposed = 0;
    if (p.type == "Pods") proposed = start - p.value;
    else if (p.type == "Percent") proposed = static_cast<int32_t>(double(start) * (1 - double(p.value) / 100));
    result = minPolicy ? std::max(result, proposed) : std::min(result, proposed);
  }
  return result;
}

Normalized Normalizer::withBehavior(const Behavior& b, int32_t current, int32_t desired, int32_t minR, int32_t maxR,
                                    Time now) {
  Normalized n;
  // stabilizeRecommendationWithBehaviors.
  int32_t upWindow = b.scaleUp.stabilizationWindowSeconds.value_or(0);
  int32_t downWindow = b.scaleDown.stabilizationWindowSeconds.value_or(
      static_cast<int32_t>(kDownscaleStabilisationWindow / kSecond));
  Time upCutoff = now - upWindow * kSecond, downCutoff = now - downWindow * kSecond;
  int32_t upRec = desired, downRec = desired;
  bool foundOld = false;
  size_t oldIdx = 0;
  for (size_t i = 0; i < recs_.size(); ++i) {
    if (recs_[i].at > upCutoff) upRec = std::min(recs_[i].replicas, upRec);
    if (recs_[i].at > downCutoff) downRec = std::max(recs_[i].replicas, downRec);
    if (recs_[i].at < upCutoff && recs_[i].at < downCutoff) {
      foundOld = true;
      oldIdx = i;
    }
  }
  int32_t stabilized = current;
  if (stabilized < upRec) stabilized = upRec;
  if (stabilized > downRec) stabilized = downRec;
  if (foundOld) recs_[oldIdx] = {desired, now};
  else recs_.push_back({desired, now});
  if (stabilized != desired) {
    if (desired >= current) {
      n.ableReason = "ScaleUpStabilized";
      n.ableMessage = kScaleUpStabilizedMsg;
    } else {
      n.ableReason = "ScaleDownStabilized";
      n.ableMessage = kScaleDownStabilizedMsg;
    }
  } else {
    n.ableReason = "ReadyForNewScale";
    n.ableMessage = kReadyForNewScale;
  }
  // convertDesiredReplicasWithBehaviorRate.
  int32_t out = stabilized;
  std::string reason = "DesiredWithinRange", message = kWithinRangeMsg;
  if (stabilized > current) {
    int32_t limit = std::max(scaleUpLimit(*this, current, b.scaleUp, now), current);
    int32_t maxAllowed = maxR;
    std::string r, m;
    if (maxAllowed > limit) {
      maxAllowed = limit;
      r = "ScaleUpLimit";
      m = kScaleUpLimitMsg;
    } else {
      r = "TooManyReplicas";
      m = kTooManyMsg;
    }
    if (stabilized > maxAllowed) out = maxAllowed, reason = r, message = m;
  } else if (stabilized < current) {
    int32_t limit = std::min(scaleDownLimit(*this, current, b.scaleDown, now), current);
    int32_t minAllowed = minR;
    std::string r, m;
    if (minAllowed < limit) {
      minAllowed = limit;
      r = "ScaleDownLimit";
      m = kScaleDownLimitMsg;
    } else {
      r = "TooFewReplicas";
      m = kTooFewMsg;
    }
    if (stabilized < minAllowed) out = minAllowed, reason = r, message = m;
  }
  n.replicas = out;
  n.limited = out != stabilized;
  n.limitReason = reason;
  n.limitMessage = message;
  return n;
}

void Normalizer::storeScaleEvent(const Behavior* b, int32_t prev, int32_t next, Time now) {
  if (!b) return;  // only the behavior path uses them
  bool up = next > prev;
  const ScalingRules& rules = up ? b->scaleUp : b->scaleDown;
  std::vector<ScaleEvent>& events = up ? up_ : down_;
  int32_t longest = 0;
  for (const auto& p : rules.policies) longest = std::max(longest, p.periodSeconds);
  Time cutoff = now - longest * kSecond;
  bool foundOld = false;
  size_t oldIdx = 0;
  for (size_t i = 0; i < events.size(); ++i) {
    if (events[i].at < cutoff) events[i].outdated = true;
    if (events[i].outdated) {
      foundOld = true;
      oldIdx = i;
    }
  }
  ScaleEvent e{up ? next - prev : prev - next, now, false};
  if (foundOld) events[oldIdx] = e;
  else events.push_back(e);
}

// [SECTION] v1 conversion ------------------------------------------------------------------------

}  // namespace hpa

// [SECTION] controller ---------------------------------------------------------------------------

namespace {

const EventSource kSource{"horizontal-pod-autoscaler", ""};

const json& metaOf(const json& o) { return objectAt(o, {"metadata"}); }
const json& specOf(const json& o) { return objectAt(o, {"spec"}); }

std::string uidOf(const json& o) { return metaOf(o).value("uid", ""); }

// setConditionInList: lastTransitionTime moves only when the status changes.
void setCondition(json& status, const std::string& type, const std::string& st, const std::string& reason,
                  const std::string& message, Time now) {
  json& conds = status["conditions"];
  if (!conds.is_array()) conds = json::array();
  json* c = nullptr;
  for (auto& x : conds)
    if (x.value("type", "") == type) c = &x;
  if (!c) {
    conds.push_back({{"type", type}});
    c = &conds.back();
  }
  if (c->value("status", "") != st) (*c)["lastTransitionTime"] = rfc3339(now);
  (*c)["status"] = st;
  (*c)["reason"] = reason;
  (*c)["message"] = message;
}

void setStatus(json& status, int32_t current, int32_t desired, const json& metrics, bool rescale, Time now) {
  json out = json::object();
  if (status.contains("lastScaleTime")) out["lastScaleTime"] = status["lastScaleTime"];
  if (current != 0) out["currentReplicas"] = current;
  out["desiredReplicas"] = desired;
  out["currentMetrics"] = metrics;
  if (status.contains("conditions")) out["conditions"] = status["conditions"];
  if (rescale) out["lastScaleTime"] = rfc3339(now);
  status = out;
}

// The resource in a container's requests (milli units), or -1.
int64_t requestMilli(const json& ctr, const std::string& resource) {
  const json& req = objectAt(ctr, {"resources", "requests"});
  auto it = req.find(resource);
  Quantity q;
  if (it == req.end() || !parseQuantity(*it, q)) return -1;
  return q.milli();
}

struct ScaleInfo {
  std::string kind, resource;  // "Deployment", "deployments"
  ObjPtr obj;
  int32_t specReplicas = 0, statusReplicas = 0;
  json selector;
};

}  // namespace

HorizontalController::HorizontalController(Cluster& c) : c_(c) {
  watch_ = c_.store.watch("HorizontalPodAutoscaler", [this](const WatchEvent& ev) { onHpa(ev); });
}

HorizontalController::~HorizontalController() {
  c_.store.unwatch(watch_);
  for (auto& [k, st] : state_) c_.queue.cancel(st.timer);
}

void HorizontalController::onHpa(const WatchEvent& ev) {
  Key k{objNamespace(*ev.obj), objName(*ev.obj)};
  if (ev.type == WatchType::Deleted) {
    auto it = state_.find(k);
    if (it != state_.end()) {
      c_.queue.cancel(it->second.timer);
      state_.erase(it);
    }
    return;
  }
  if (ev.type != WatchType::Added && state_.count(k)) return;  // already queued: updates wait their turn
  State& st = state_[k];
  if (st.timer) return;
  // The work queue adds every key with the fixed 15s delay (NewDefaultHPARateLimiter).
  st.timer = c_.queue.after(hpa::kSyncPeriod, [this, k] { reconcile(k); });
}

void HorizontalController::reconcile(const Key& k) {
  auto stIt = state_.find(k);
  if (stIt == state_.end()) return;
  State& st = stIt->second;
  st.timer = c_.queue.after(hpa::kSyncPeriod, [this, k] { reconcile(k); });
  auto obj = c_.store.get("HorizontalPodAutoscaler", k.first, k.second);
  if (!obj) {
    c_.queue.cancel(st.timer);
    state_.erase(stIt);
    return;
  }
  const json& hpaObj = *obj;
  Time now = c_.queue.now();
  const json& spec = specOf(hpaObj);
  json statusOrig = hpaObj.value("status", json::object());
  json status = statusOrig;
  auto event = [&](const std::string& type, const std::string& reason, const std::string& msg) {
    c_.recorder.record(hpaObj, type, reason, msg, kSource);
  };
  auto writeStatus = [&]() {
    if (status == statusOrig) return;
    c_.store.update("HorizontalPodAutoscaler", k.first, k.second, [&](json& o) {
      o["status"] = status;
      return true;
    });
  };
  auto failGetScale = [&](const std::string& err) {
    event("Warning", "FailedGetScale", err);
    setCondition(status, "AbleToScale", "False", "FailedGetScale",
                 "the HPA controller was unable to get the target's current scale: " + err, now);
    writeStatus();
  };

  // ---- the scale subresource of the target ----
  const json& ref = objectAt(spec, {"scaleTargetRef"});
  std::string refKind = ref.value("kind", ""), refName = ref.value("name", ""), apiVersion = ref.value("apiVersion", "");
  std::string group;
  {
    size_t slash = apiVersion.find('/');
    if (slash != std::string::npos) {
      if (apiVersion.find('/', slash + 1) != std::string::npos) {
        failGetScale("unexpected GroupVersion string: " + apiVersion);
        return;
      }
      group = apiVersion.substr(0, slash);
    }
  }
  ScaleInfo scale;
  if (group == "apps" && (refKind == "Deployment" || refKind == "ReplicaSet" || refKind == "StatefulSet")) {
    scale.kind = refKind;
    scale.resource = refKind == "Deployment" ? "deployments" : refKind == "ReplicaSet" ? "replicasets" : "statefulsets";
  } else if (group.empty() && refKind == "ReplicationController") {
    scale.kind = refKind;
    scale.resource = "replicationcontrollers";
  } else {
    failGetScale("no matches for kind \"" + refKind + "\" in group \"" + group + "\"");
    return;
  }
  scale.obj = c_.store.get(scale.kind, k.first, refName);
  if (!scale.obj) {
    failGetScale(scale.resource + "/scale" + (group.empty() ? "" : "." + group) + " \"" + refName + "\" not found");
    return;
  }
  scale.specReplicas = static_cast<int32_t>(specInt(*scale.obj, "replicas", 1));
  scale.statusReplicas = static_cast<int32_t>(statusInt(*scale.obj, "replicas"));
  scale.selector = specOf(*scale.obj).value("selector", json());
  setCondition(status, "AbleToScale", "True", "SucceededGetScale",
               "the HPA controller was able to get the target's current scale", now);
  int32_t current = scale.specReplicas;
  st.norm.recordInitial(current, now);

  int32_t minReplicas = spec.contains("minReplicas") && spec["minReplicas"].is_number_integer()
                            ? spec["minReplicas"].get<int32_t>()
                            : 1;
  int32_t maxReplicas = spec.value("maxReplicas", 0);
  bool hasBehavior = spec.contains("behavior") && spec["behavior"].is_object();
  hpa::Behavior behavior = hpa::parseBehavior(hasBehavior ? spec["behavior"] : json());

  int32_t desired = 0;
  std::string rescaleReason;
  bool rescale = true;
  json metricStatuses = nullptr;

  if (current == 0 && minReplicas != 0) {
    desired = 0;
    rescale = false;
    setCondition(status, "ScalingActive", "False", "ScalingDisabled",
                 "scaling is disabled since the replica count of the target is zero", now);
  } else if (current > maxReplicas) {
    rescaleReason = "Current number of replicas above Spec.MaxReplicas";
    desired = maxReplicas;
  } else if (current < minReplicas) {
    rescaleReason = "Current number of replicas below Spec.MinReplicas";
    desired = minReplicas;
  } else {
    // ---- computeReplicasForMetrics ----
    Selector sel;
    std::string selErr;
    if (!scale.selector.is_object() || !selectorFromLabelSelector(scale.selector, sel, &selErr)) {
      event("Warning", "SelectorRequired", "selector is required");
      setCondition(status, "ScalingActive", "False", "InvalidSelector", "the HPA target's scale is missing a selector", now);
      setStatus(status, current, statusOrig.value("desiredReplicas", 0), nullptr, false, now);
      writeStatus();
      event("Warning", "FailedComputeMetricsReplicas", "selector is required");
      return;
    }
    // The target's pods: through the owner index (Deployment -> ReplicaSets -> pods), plus orphans
    // of the namespace, filtered by the selector.
    std::vector<ObjPtr> pods;
    {
      std::vector<std::string> owners;
      if (scale.kind == "Deployment") {
        for (const auto& rs : c_.store.ownedBy("ReplicaSet", uidOf(*scale.obj))) owners.push_back(uidOf(*rs));
      } else {
        owners.push_back(uidOf(*scale.obj));
      }
      std::set<std::pair<std::string, std::string>> seen;
      auto consider = [&](const ObjPtr& p) {
        if (objNamespace(*p) != k.first || !sel.matches(metaOf(*p).value("labels", json::object()))) return;
        if (seen.insert({objNamespace(*p), objName(*p)}).second) pods.push_back(p);
      };
      for (const auto& o : owners)
        for (const auto& p : c_.store.ownedBy("Pod", o)) consider(p);
      for (const auto& p : c_.store.ownedBy("Pod", "", k.first)) consider(p);
      std::sort(pods.begin(), pods.end(), [](const ObjPtr& a, const ObjPtr& b) { return objName(*a) < objName(*b); });
    }
    const json& metricSpecs = spec.value("metrics", json::array());
    size_t n = metricSpecs.size();
    metricStatuses = json::array();
    for (size_t i = 0; i < n; ++i) metricStatuses.push_back({{"type", ""}});
    int32_t replicas = 0;
    std::string metricName;
    int invalid = 0;
    std::string firstError, firstReason, firstMessage;
    for (size_t i = 0; i < n; ++i) {
      const json& m = metricSpecs[i];
      std::string type = m.value("type", "");
      std::string err, condReason, condMessage, name;
      int32_t proposal = 0;
      if (type == "Resource" || type == "ContainerResource") {
        bool container = type == "ContainerResource";
        const json& src = objectAt(m, {container ? "containerResource" : "resource"});
        std::string resource = src.value("name", "");
        std::string ctrName = container ? src.value("container", "") : "";
        const json& target = objectAt(src, {"target"});
        condReason = "FailedGetResourceMetric";
        if (container) condReason = "FailedGetContainerResourceMetric";
        // GetResourceMetric: the metrics API's pod metrics for the selector.
        hpa::MetricsByPod metrics;
        std::string metricsErr;
        for (const auto& p : pods) {
          auto pm = c_.metrics ? c_.metrics->pod(objNamespace(*p), objName(*p)) : std::nullopt;
          if (!pm) continue;
          int64_t v = 0;
          bool found = !container;
          for (const auto& cu : pm->containers) {
            if (container && cu.name != ctrName) continue;
            found = true;
            v += resource == "cpu" ? cu.cpuMilli : (resource == "memory" ? cu.memoryBytes * 1000 : 0);
          }
          if (!found && metricsErr.empty())
            metricsErr = "failed to get container metrics: container " + ctrName + " not present in metrics for pod " +
                         objNamespace(*p) + "/" + objName(*p);
          if (resource != "cpu" && resource != "memory") continue;  // metrics-server only serves these
          metrics[objName(*p)] = hpa::PodMetric{v, pm->timestamp, pm->window};
        }
        std::string inner;
        if (metrics.empty() && metricsErr.empty()) metricsErr = "no metrics returned from resource metrics API";
        bool utilTarget = !target.contains("averageValue") || target["averageValue"].is_null();
        std::string what = utilTarget ? "utilization" : "usage";
        if (!metricsErr.empty()) {
          inner = "failed to get " + resource + " " + what + ": unable to get metrics for resource " + resource + ": " + metricsErr;
        } else {
          std::vector<hpa::PodInfo> infos;
          for (const auto& p : pods) {
            hpa::PodInfo pi;
            pi.name = objName(*p);
            const json& pst = objectAt(*p, {"status"});
            pi.phase = pst.value("phase", "");
            pi.deleting = metaOf(*p).contains("deletionTimestamp");
            pi.readyStatus = "";
            for (const auto& cnd : arrayAt(*p, "status", "conditions"))
              if (cnd.is_object() && cnd.value("type", "") == "Ready") {
                pi.readyStatus = cnd.value("status", "");
                parseRfc3339(cnd.value("lastTransitionTime", ""), pi.readyTransition);
              }
            pi.startTime = -1;
            if (pst.contains("startTime")) parseRfc3339(pst.value("startTime", ""), pi.startTime);
            for (const char* list : {"containers", "initContainers"})
              for (const auto& ctr : arrayAt(*p, "spec", list)) {
                if (!ctr.is_object()) continue;
                if (std::string(list) == "initContainers" && ctr.value("restartPolicy", "") != "Always") continue;
                if (container && ctr.value("name", "") != ctrName) continue;
                int64_t r = requestMilli(ctr, resource);
                if (r < 0 && pi.requestError.empty())
                  pi.requestError = "missing request for " + resource + " in container " + ctr.value("name", "") +
                                    " of Pod " + pi.name;
                pi.request += std::max<int64_t>(r, 0);
              }
            infos.push_back(pi);
          }
          hpa::Proposal prop;
          if (utilTarget) {
            if (!target.contains("averageUtilization")) {
              inner = "invalid resource metric source: neither an average utilization target nor an average value (usage) target was set";
            } else {
              prop = hpa::resourceReplicas(current, target["averageUtilization"].get<int32_t>(), resource, infos, metrics, now);
              if (!prop.error.empty()) inner = "failed to get " + resource + " utilization: " + prop.error;
            }
          } else {
            Quantity q;
            parseQuantity(target["averageValue"], q);
            prop = hpa::rawResourceReplicas(current, q.milli(), resource, infos, metrics, now);
            if (!prop.error.empty()) inner = "failed to get " + resource + " usage: " + prop.error;
          }
          if (inner.empty()) {
            proposal = prop.replicas;
            json cur = {{"averageValue", Quantity::fromMilli(prop.rawAverage).str()}};
            if (utilTarget) cur["averageUtilization"] = prop.utilization;
            name = resource + (container ? " container" : "") + " resource" + (utilTarget ? " utilization (percentage of request)" : "");
            json ms = {{"type", type}};
            if (container) ms["containerResource"] = {{"name", resource}, {"container", ctrName}, {"current", cur}};
            else ms["resource"] = {{"name", resource}, {"current", cur}};
            metricStatuses[i] = ms;
          }
        }
        if (!inner.empty()) {
          event("Warning", condReason, inner);
          condMessage = "the HPA was unable to compute the replica count: " + inner;
          err = container ? "failed to get " + ctrName + " container metric value: " + inner
                          : "failed to get " + resource + " resource metric value: " + inner;
        }
      } else if (type == "Pods" || type == "Object" || type == "External") {
        // No custom or external metrics API is installed in the simulated cluster.
        bool external = type == "External";
        const json& src = objectAt(m, {type == "Pods" ? "pods" : type == "Object" ? "object" : "external"});
        std::string mname = objectAt(src, {"metric"}).value("name", "");
        condReason = "FailedGet" + type + "Metric";
        std::string inner = "unable to get metric " + mname + ": unable to fetch metrics from " +
                            std::string(external ? "external" : "custom") + " metrics API: no " +
                            std::string(external ? "external metrics API (external.metrics.k8s.io)" : "custom metrics API (custom.metrics.k8s.io)") +
                            " registered";
        event("Warning", condReason, inner);
        std::string lower = type == "Pods" ? "pods" : type == "Object" ? "object" : "external";
        err = "failed to get " + lower + " metric value: " + inner;
        condMessage = "the HPA was unable to compute the replica count: " + inner;
      } else {
        err = "unknown metric source type \"" + type + "\"";
        condReason = "InvalidMetricSourceType";
        event("Warning", condReason, err);
        condMessage = "the HPA was unable to compute the replica count: " + err;
      }
      if (!err.empty()) {
        if (invalid == 0) {
          firstError = err;
          firstReason = condReason;
          firstMessage = condMessage;
        }
        ++invalid;
        continue;
      }
      if (replicas == 0 || proposal > replicas) {
        replicas = proposal;
        metricName = name;
      }
    }
    bool failed = invalid >= static_cast<int>(n) || (invalid > 0 && replicas < current);
    if (failed) {
      setCondition(status, "ScalingActive", "False", firstReason, firstMessage, now);
      setStatus(status, current, statusOrig.value("desiredReplicas", 0), metricStatuses, false, now);
      writeStatus();
      event("Warning", "FailedComputeMetricsReplicas",
            "invalid metrics (" + std::to_string(invalid) + " invalid out of " + std::to_string(n) +
                "), first error is: " + firstError);
      return;
    }
    setCondition(status, "ScalingActive", "True", "ValidMetricFound",
                 "the HPA was able to successfully calculate a replica count from " + metricName, now);
    std::string rescaleMetric;
    if (replicas > desired) {
      desired = replicas;
      rescaleMetric = metricName;
    }
    if (desired > current) rescaleReason = rescaleMetric + " above target";
    if (desired < current) rescaleReason = "All metrics below target";
    hpa::Normalized norm = hasBehavior ? st.norm.withBehavior(behavior, current, desired, minReplicas, maxReplicas, now)
                                       : st.norm.legacy(current, desired, minReplicas, maxReplicas, now);
    setCondition(status, "AbleToScale", "True", norm.ableReason, norm.ableMessage, now);
    setCondition(status, "ScalingLimited", norm.limited ? "True" : "False", norm.limitReason, norm.limitMessage, now);
    desired = norm.replicas;
    rescale = desired != current;
  }

  if (rescale) {
    c_.store.update(scale.kind, k.first, refName, [&](json& o) {
      o["spec"]["replicas"] = desired;
      return true;
    });
    setCondition(status, "AbleToScale", "True", "SucceededRescale",
                 "the HPA controller was able to update the target scale to " + std::to_string(desired), now);
    event("Normal", "SuccessfulRescale", "New size: " + std::to_string(desired) + "; reason: " + rescaleReason);
    st.norm.storeScaleEvent(hasBehavior ? &behavior : nullptr, current, desired, now);
  } else {
    desired = current;
  }
  setStatus(status, current, desired, metricStatuses, rescale, now);
  writeStatus();
}

}  // namespace podplay
