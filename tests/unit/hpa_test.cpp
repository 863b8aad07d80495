// HorizontalPodAutoscaler: the replica calculator (cases of k/k replica_calculator_test.go), the
// legacy and behavior normalisation (horizontal_test.go), and the controller end to end at exact
// virtual times.
#include <catch2/catch.hpp>

#include "cluster.h"
#include "controllers/hpa.h"
#include "session.h"
#include "util/timefmt.h"

using namespace podplay;
using namespace podplay::hpa;

namespace {

// replica_calculator_test.go: every pod has two containers, each requesting `request` and using
// `level` (so pod values are 2x); the test tuning is 2 min of CPU initialisation, 10s readiness delay.
constexpr Time kNow = 10 * kHour;
constexpr Time kHot = kNow - 30 * kSecond;  // hotCPUCreationTime: still initialising
constexpr Time kCool = kNow - 3 * kMinute;  // coolCPUCreationTime

const Tuning kTestTuning{0.1, 2 * kMinute, 10 * kSecond};

struct Calc {
  int32_t current = 0;
  std::vector<int64_t> requests;  // milli per container
  std::vector<int64_t> levels;    // milli per container, for pods 0..n-1
  std::vector<std::string> readiness, phases;
  std::vector<Time> starts;
  std::vector<bool> deleting;
  std::vector<PodInfo> pods() const {
    size_t n = std::max<size_t>(current, phases.size());
    std::vector<PodInfo> out;
    for (size_t i = 0; i < n; ++i) {
      PodInfo p;
      p.name = "test-pod-" + std::to_string(i);
      p.phase = i < phases.size() ? phases[i] : "Running";
      p.readyStatus = i < readiness.size() ? readiness[i] : "True";
      p.startTime = i < starts.size() ? starts[i] : 0;
      p.readyTransition = p.startTime;
      p.deleting = i < deleting.size() && deleting[i];
      if (i < requests.size()) p.request = 2 * requests[i];
      else p.requestError = "missing request for cpu in container container0 of Pod " + p.name;
      out.push_back(p);
    }
    return out;
  }
  MetricsByPod metrics() const {
    MetricsByPod m;
    for (size_t i = 0; i < levels.size(); ++i) m["test-pod-" + std::to_string(i)] = {2 * levels[i], kNow, kMinute};
    return m;
  }
  Proposal run(int32_t target) const { return resourceReplicas(current, target, "cpu", pods(), metrics(), kNow, kTestTuning); }
};

}  // namespace

TEST_CASE("replica calculator: scale up, unready and hot pods, failed and deleted pods", "[hpa]") {
  Calc up{3, {1000, 1000, 1000}, {300, 500, 700}};
  Proposal p = up.run(30);
  CHECK(p.error == "");
  CHECK(p.replicas == 5);
  CHECK(p.utilization == 50);
  CHECK(p.rawAverage == 2 * 500);

  Calc unreadyLess = up;
  unreadyLess.readiness = {"False", "True", "True"};
  p = unreadyLess.run(30);
  CHECK(p.replicas == 4);
  CHECK(p.utilization == 60);
  CHECK(p.rawAverage == 2 * 600);

  Calc hotLess = up;
  hotLess.starts = {kHot, kCool, kCool};
  p = hotLess.run(30);
  CHECK(p.replicas == 4);
  CHECK(p.utilization == 60);

  Calc unreadyNo{3, {1000, 1000, 1000}, {400, 500, 700}, {"True", "False", "False"}};
  p = unreadyNo.run(30);
  CHECK(p.replicas == 3);
  CHECK(p.utilization == 40);
  CHECK(p.rawAverage == 2 * 400);

  Calc hotNo = unreadyNo;
  hotNo.starts = {kCool, kHot, kHot};
  CHECK(hotNo.run(30).replicas == 3);

  Calc failed{2, {1000, 1000, 1000, 1000}, {500, 700}, {"True", "True", "False", "False"},
              {"Running", "Running", "Failed", "Failed"}};
  p = failed.run(30);
  CHECK(p.replicas == 4);
  CHECK(p.utilization == 60);

  Calc deletion = failed;
  deletion.phases = {"Running", "Running", "Running", "Running"};
  deletion.deleting = {false, false, true, true};
  CHECK(deletion.run(30).replicas == 4);
}

TEST_CASE("replica calculator: scale down, unready, unscheduled, hot pods, tolerance", "[hpa]") {
  Calc down{5, {1000, 1000, 1000, 1000, 1000}, {100, 300, 500, 250, 250}};
  Proposal p = down.run(50);
  CHECK(p.replicas == 3);
  CHECK(p.utilization == 28);
  CHECK(p.rawAverage == 2 * 280);

  Calc unready = down;
  unready.readiness = {"True", "True", "True", "False", "False"};
  p = unready.run(50);
  CHECK(p.replicas == 2);
  CHECK(p.utilization == 30);

  Calc unscheduled{5, {1000, 1000, 1000, 1000, 1000}, {100}, {"True", "False", "False", "False", "False"},
                   {"Running", "Pending", "Pending", "Pending", "Pending"}};
  p = unscheduled.run(50);
  CHECK(p.replicas == 1);
  CHECK(p.utilization == 10);

  Calc hot = down;
  hot.starts = {kCool, kCool, kCool, kHot, kHot};
  p = hot.run(50);
  CHECK(p.replicas == 2);
  CHECK(p.utilization == 30);

  Calc failed{5, {1000, 1000, 1000, 1000, 1000, 1000, 1000}, {100, 300, 500, 250, 250},
              {"True", "True", "True", "True", "True", "False", "False"},
              {"Running", "Running", "Running", "Running", "Running", "Failed", "Failed"}};
  CHECK(failed.run(50).replicas == 3);

  Calc tolerance{3, {900, 1000, 1100}, {1010, 1030, 1020}};
  p = tolerance.run(100);
  CHECK(p.replicas == 3);
  CHECK(p.utilization == 102);
  CHECK(p.rawAverage == 2 * 1020);
}

TEST_CASE("replica calculator: missing metrics, superfluous metrics, errors", "[hpa]") {
  Calc superfluous{4, {1000, 1000, 1000, 1000}, {4000, 9500, 3000, 7000, 3200, 2000}};
  Proposal p = superfluous.run(100);
  CHECK(p.replicas == 24);
  CHECK(p.utilization == 587);
  CHECK(p.rawAverage == 2 * 5875);

  Calc missing{4, {1000, 1000, 1000, 1000}, {400, 95}};
  p = missing.run(100);
  CHECK(p.replicas == 3);
  CHECK(p.utilization == 24);
  CHECK(p.rawAverage == 495);

  for (auto [level, util] : {std::pair<int64_t, int32_t>{1000, 100}, {1900, 190}, {600, 60}}) {
    Calc noChange{2, {1000, 1000}, {level}};
    p = noChange.run(100);
    CHECK(p.replicas == 2);
    CHECK(p.utilization == util);
  }

  Calc unreadyChange{3, {1000, 1000, 1000}, {100, 450}, {"False", "True", "True"}};
  p = unreadyChange.run(50);
  CHECK(p.replicas == 3);
  CHECK(p.utilization == 45);

  Calc hotNoChange{3, {1000, 1000, 1000}, {100, 450}};
  hotNoChange.starts = {kHot, kCool, kCool};
  CHECK(hotNoChange.run(50).replicas == 3);

  Calc unreadyUp{3, {1000, 1000, 1000}, {100, 2000}, {"False", "True", "True"}};
  p = unreadyUp.run(50);
  CHECK(p.replicas == 4);
  CHECK(p.utilization == 200);

  Calc unreadyDown{4, {1000, 1000, 1000, 1000}, {100, 100, 100}, {"False", "True", "True", "True"}};
  p = unreadyDown.run(50);
  CHECK(p.replicas == 3);
  CHECK(p.utilization == 10);

  Calc surge{2, {1000, 1000, 1000}, {100, 100}, {}, {"Running", "Running", "Running"}};
  p = surge.run(50);
  CHECK(p.replicas == 2);
  CHECK(p.utilization == 10);

  Calc noRequest{1, {}, {200}};
  CHECK(noRequest.run(100).error == "missing request for cpu in container container0 of Pod test-pod-0");

  Calc disjoint{1, {1000}, {}};
  MetricsByPod other = {{"an-older-pod-name", {100, kNow, kMinute}}};
  CHECK(resourceReplicas(1, 100, "cpu", disjoint.pods(), other, kNow, kTestTuning).error ==
        "no metrics returned matched known pods");

  Calc allUnready{2, {1000, 1000}, {500, 500}, {"False", "False"}};
  CHECK(allUnready.run(50).error == "did not receive metrics for targeted pods (pods might be unready)");
}

TEST_CASE("replica calculator: average values (pods metrics, raw resource targets)", "[hpa]") {
  auto pods = [](int n, std::vector<std::string> readiness = {}, std::vector<Time> starts = {}) {
    std::vector<PodInfo> out;
    for (int i = 0; i < n; ++i) {
      PodInfo p;
      p.name = "test-pod-" + std::to_string(i);
      if (i < int(readiness.size())) p.readyStatus = readiness[i];
      if (i < int(starts.size())) p.startTime = p.readyTransition = starts[i];
      out.push_back(p);
    }
    return out;
  };
  auto levels = [](std::vector<int64_t> v) {
    MetricsByPod m;
    for (size_t i = 0; i < v.size(); ++i) m["test-pod-" + std::to_string(i)] = {v[i], kNow, kMinute};
    return m;
  };
  Proposal p = rawResourceReplicas(3, 15000, "", pods(3), levels({20000, 10000, 30000}), kNow, kTestTuning);
  CHECK(p.replicas == 4);
  CHECK(p.rawAverage == 20000);
  // Readiness only matters for cpu.
  p = rawResourceReplicas(3, 15000, "", pods(3, {"True", "True", "False"}, {kCool, kCool, kHot}),
                          levels({50000, 10000, 30000}), kNow, kTestTuning);
  CHECK(p.replicas == 6);
  CHECK(p.rawAverage == 30000);
  p = rawResourceReplicas(5, 20000, "", pods(5), levels({12000, 12000, 12000, 12000, 12000}), kNow, kTestTuning);
  CHECK(p.replicas == 3);
  p = rawResourceReplicas(3, 20000, "", pods(3), levels({20000, 21000, 21000}), kNow, kTestTuning);
  CHECK(p.replicas == 3);
  CHECK(p.rawAverage == 20666);
}

TEST_CASE("legacy normalisation: 5 minute max window, scale-up limit max(2x, 4), min/max", "[hpa]") {
  Normalizer n;
  Time t = 0;
  n.recordInitial(1, t);
  t += 15 * kSecond;
  // 1 replica at 250% of a 50% target wants 5: limited to 4.
  Normalized r = n.legacy(1, 5, 1, 10, t);
  CHECK(r.replicas == 4);
  CHECK(r.ableReason == "ReadyForNewScale");
  CHECK(r.limited);
  CHECK(r.limitReason == "ScaleUpLimit");
  CHECK(r.limitMessage == "the desired replica count is increasing faster than the maximum scale rate");
  // Next sync wants 4 (new pods not counted yet): the window still holds 5.
  t += 15 * kSecond;
  r = n.legacy(4, 4, 1, 10, t);
  CHECK(r.replicas == 5);
  CHECK(r.ableReason == "ScaleDownStabilized");
  CHECK(r.ableMessage == "recent recommendations were higher than current one, applying the highest recent recommendation");
  CHECK_FALSE(r.limited);
  CHECK(r.limitReason == "DesiredWithinRange");
  CHECK(r.limitMessage == "the desired count is within the acceptable range");
  // Load gone: wants 1. The 5 recommended at t=15s counts until it is older than 5 minutes (the
  // cutoff itself is still in the window), then the 4 of t=30s, then 1.
  for (t += 15 * kSecond; t <= 15 * kSecond + 5 * kMinute; t += 15 * kSecond) {
    INFO("t=" << t);
    REQUIRE(n.legacy(5, 1, 1, 10, t).replicas == 5);
  }
  CHECK(n.legacy(5, 1, 1, 10, t).replicas == 4);
  t += 15 * kSecond;
  r = n.legacy(4, 1, 1, 10, t);
  CHECK(r.replicas == 1);
  CHECK(r.ableReason == "ReadyForNewScale");
  // Below min / above max.
  Normalizer m;
  m.recordInitial(3, 0);
  r = m.legacy(3, 0, 2, 10, 15 * kSecond);
  CHECK(r.replicas == 3);  // 3 is still in the window
  Normalizer m2;
  r = m2.legacy(3, 0, 2, 10, 0);
  CHECK(r.replicas == 2);
  CHECK(r.limitReason == "TooFewReplicas");
  CHECK(r.limitMessage == "the desired replica count is less than the minimum replica count");
  Normalizer m3;
  r = m3.legacy(8, 30, 1, 10, 0);
  CHECK(r.replicas == 10);
  CHECK(r.limitReason == "TooManyReplicas");
}

TEST_CASE("behavior normalisation: policies, select policy, stabilisation windows", "[hpa]") {
  auto rules = [](int32_t pods, int32_t podsPeriod, int32_t percent, int32_t percentPeriod, std::optional<int32_t> window) {
    ScalingRules r;
    if (pods) r.policies.push_back({"Pods", pods, podsPeriod});
    if (percent) r.policies.push_back({"Percent", percent, percentPeriod});
    r.stabilizationWindowSeconds = window;
    return r;
  };
  auto run = [](const Behavior& b, int32_t current, int32_t desired, int32_t minR = 1, int32_t maxR = 1000) {
    Normalizer n;
    return n.withBehavior(b, current, desired, minR, maxR, kHour);
  };
  Behavior def = parseBehavior(json::object());  // the API defaults
  REQUIRE(def.scaleUp.policies.size() == 2);
  Normalized r = run(def, 10, 50);
  CHECK(r.replicas == 20);
  CHECK(r.limitReason == "ScaleUpLimit");
  r = run(def, 5, 5);
  CHECK(r.replicas == 5);
  CHECK(r.limitReason == "DesiredWithinRange");
  // Default scale-down: Percent 100 per 15s -> anything, no window yet.
  r = run(def, 50, 10);
  CHECK(r.replicas == 10);

  Behavior big{rules(100, 15, 100, 15, 0), rules(0, 0, 100, 15, 0)};
  CHECK(run(big, 10, 500).replicas == 110);
  Behavior maxLimited{rules(100, 15, 0, 0, 0), rules(0, 0, 100, 15, 0)};
  r = run(maxLimited, 10, 5000, 1, 50);
  CHECK(r.replicas == 50);
  CHECK(r.limitReason == "TooManyReplicas");
  Behavior down{rules(4, 15, 100, 15, 0), rules(20, 60, 1, 60, 300)};
  r = run(down, 100, 2);
  CHECK(r.replicas == 80);
  CHECK(r.limitReason == "ScaleDownLimit");
  CHECK(r.limitMessage == "the desired replica count is decreasing faster than the maximum scale rate");
  Behavior minPolicy = def;
  minPolicy.scaleUp.selectPolicy = "Min";
  CHECK(run(minPolicy, 10, 50).replicas == 14);
  Behavior disabled = def;
  disabled.scaleUp.selectPolicy = "Disabled";
  r = run(disabled, 10, 50);
  CHECK(r.replicas == 10);
  CHECK(r.limitReason == "ScaleUpLimit");

  // Rate limits remember the scale events of each policy's period.
  Behavior slow{rules(2, 60, 0, 0, 0), rules(0, 0, 100, 15, 0)};
  Normalizer n;
  Time t = 0;
  r = n.withBehavior(slow, 2, 10, 1, 100, t);
  CHECK(r.replicas == 4);
  n.storeScaleEvent(&slow, 2, 4, t);
  r = n.withBehavior(slow, 4, 10, 1, 100, t + 15 * kSecond);
  CHECK(r.replicas == 4);  // 2 added in the last 60s already
  CHECK(r.limitReason == "ScaleUpLimit");
  r = n.withBehavior(slow, 4, 10, 1, 100, t + 61 * kSecond);
  CHECK(r.replicas == 6);

  // Scale-down stabilisation (window 300s, unset -> the controller's 5 minutes): the highest
  // recommendation of the window.
  Behavior win{rules(4, 15, 100, 15, 0), rules(0, 0, 100, 15, std::nullopt)};
  Normalizer w;
  r = w.withBehavior(win, 10, 10, 1, 100, 0);
  CHECK(r.replicas == 10);
  r = w.withBehavior(win, 10, 3, 1, 100, 15 * kSecond);
  CHECK(r.replicas == 10);
  CHECK(r.ableReason == "ScaleDownStabilized");
  r = w.withBehavior(win, 10, 3, 1, 100, 300 * kSecond);
  CHECK(r.replicas == 3);
  // Scale-up window: the lowest recommendation of the last 60s.
  Behavior upWin{rules(4, 15, 100, 15, 60), rules(0, 0, 100, 15, 0)};
  Normalizer u;
  u.withBehavior(upWin, 2, 2, 1, 100, 0);
  r = u.withBehavior(upWin, 2, 8, 1, 100, 15 * kSecond);
  CHECK(r.replicas == 2);
  CHECK(r.ableReason == "ScaleUpStabilized");
  CHECK(r.ableMessage == "recent recommendations were lower than current one, applying the lowest recent recommendation");
  r = u.withBehavior(upWin, 2, 8, 1, 100, 61 * kSecond);
  CHECK(r.replicas == 6);  // min in window = 8; rate: max(2+4, 2*2)
}

TEST_CASE("autoscaling/v1 manifests convert to v2", "[hpa]") {
  json v1 = {{"apiVersion", "autoscaling/v1"},
             {"kind", "HorizontalPodAutoscaler"},
             {"metadata", {{"name", "web"}}},
             {"spec",
              {{"scaleTargetRef", {{"apiVersion", "apps/v1"}, {"kind", "Deployment"}, {"name", "web"}}},
               {"maxReplicas", 5},
               {"targetCPUUtilizationPercentage", 50}}}};
  REQUIRE(convertV1ToV2(v1));
  CHECK(v1["apiVersion"] == "autoscaling/v2");
  CHECK_FALSE(v1["spec"].contains("targetCPUUtilizationPercentage"));
  CHECK(v1["spec"]["metrics"] ==
        json::parse(R"([{"type":"Resource","resource":{"name":"cpu","target":{"type":"Utilization","averageUtilization":50}}}])"));
  json v2 = v1;
  CHECK_FALSE(convertV1ToV2(v2));
}

// ---- the controller, through the command layer ---------------------------------------------

namespace {

const char* kPhpApache = R"(apiVersion: apps/v1
kind: Deployment
metadata:
  name: php-apache
spec:
  selector:
    matchLabels:
      run: php-apache
  template:
    metadata:
      labels:
        run: php-apache
    spec:
      containers:
      - name: php-apache
        image: registry.k8s.io/hpa-example
        ports:
        - containerPort: 80
        resources:
          limits:
            cpu: 500m
          requests:
            cpu: 200m
---
apiVersion: v1
kind: Service
metadata:
  name: php-apache
  labels:
    run: php-apache
spec:
  ports:
  - port: 80
  selector:
    run: php-apache
)";

const char* kHpa = R"(apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: php-apache
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: php-apache
  minReplicas: 1
  maxReplicas: 10
  metrics:
  - type: Resource
    resource:
      name: cpu
      target:
        type: Utilization
        averageUtilization: 50
)";

json hpaObj(Session& s) {
  auto h = s.store().get("HorizontalPodAutoscaler", "default", "php-apache");
  REQUIRE(h);
  return *h;
}

int64_t deployReplicas(Session& s) {
  auto d = s.store().get("Deployment", "default", "php-apache");
  REQUIRE(d);
  return (*d)["spec"].value("replicas", -1);
}

std::string condition(const json& hpa, const std::string& type) {
  for (const auto& c : hpa["status"].value("conditions", json::array()))
    if (c.value("type", "") == type) return c.value("status", "") + " " + c.value("reason", "");
  return "";
}

std::vector<std::string> hpaEvents(Session& s) {
  std::vector<std::string> out;
  for (const auto& e : s.store().eventsFor("HorizontalPodAutoscaler", "default", "php-apache"))
    out.push_back((*e).value("reason", "") + ": " + (*e).value("message", "") +
                  ((*e).value("count", 1) > 1 ? " (x" + std::to_string((*e).value("count", 1)) + ")" : ""));
  return out;
}

}  // namespace

TEST_CASE("HPA walkthrough: 1 -> 4 -> 5 -> 7 under 100 req/s, back to 1 after the 5 minute window", "[hpa]") {
  Session s;
  REQUIRE(s.exec("kubectl apply -f -", kPhpApache).exitCode == 0);
  s.exec("sleep 20");
  REQUIRE(s.exec("kubectl apply -f -", kHpa).exitCode == 0);  // t=20s
  s.exec("sleep 14.999");
  CHECK_FALSE(hpaObj(s).contains("status"));  // first sync 15s after creation
  s.exec("sleep 0.001");                      // t=35s: one idle pod, 1m of 200m
  json h = hpaObj(s);
  CHECK(h["status"]["currentReplicas"] == 1);
  CHECK(h["status"]["desiredReplicas"] == 1);
  CHECK(h["status"]["currentMetrics"][0]["resource"]["current"] == json{{"averageUtilization", 0}, {"averageValue", "1m"}});
  // An idle pod recommends 0 replicas; the initial recommendation (1) holds it (and min is 1).
  CHECK(condition(h, "AbleToScale") == "True ScaleDownStabilized");
  CHECK(condition(h, "ScalingActive") == "True ValidMetricFound");
  CHECK(condition(h, "ScalingLimited") == "False DesiredWithinRange");

  REQUIRE(s.exec("kubectl run load-generator --image=busybox:1.28 --restart=Never -- /bin/sh -c "
                 "\"while sleep 0.01; do wget -q -O- http://php-apache; done\"")
              .exitCode == 0);  // t=35s; busybox runs from t=37.072s, first request at 37.082s
  s.exec("sleep 15");
  // t=50s: the 45s scrape saw 792 requests: 1m + 792 x 6.9ms / 15s = 366m = 183% -> ceil(3.66) = 4.
  h = hpaObj(s);
  CHECK(h["status"]["currentMetrics"][0]["resource"]["current"] == json{{"averageUtilization", 183}, {"averageValue", "366m"}});
  CHECK(h["status"]["currentReplicas"] == 1);
  CHECK(h["status"]["desiredReplicas"] == 4);
  CHECK(h["status"]["lastScaleTime"] == rfc3339(50 * kSecond));
  CHECK(condition(h, "AbleToScale") == "True SucceededRescale");
  CHECK(deployReplicas(s) == 4);
  s.exec("sleep 15");
  // t=65s: only the old pod has metrics (472m = 236%, it shared the load from ~51.5s); the three new
  // ones count as 0 (missing, scale-up): 472 / 800 -> 59% -> ceil(1.18 x 4) = 5.
  h = hpaObj(s);
  CHECK(h["status"]["currentMetrics"][0]["resource"]["current"]["averageUtilization"] == 236);
  CHECK(deployReplicas(s) == 5);
  s.exec("sleep 15");
  // t=80s: four pods have metrics (77%), the fifth counts as 0: 61% -> ceil(1.23 x 5) = 7.
  h = hpaObj(s);
  CHECK(h["status"]["currentMetrics"][0]["resource"]["current"]["averageUtilization"] == 77);
  CHECK(deployReplicas(s) == 7);
  s.exec("sleep 15");
  CHECK(hpaObj(s)["status"]["currentMetrics"][0]["resource"]["current"]["averageUtilization"] == 57);
  s.exec("sleep 3m");
  // Seven pods share 691m of demand: ~99m each = 49-50% of 200m, within the tolerance.
  h = hpaObj(s);
  CHECK(deployReplicas(s) == 7);
  CHECK(h["status"]["currentMetrics"][0]["resource"]["current"]["averageUtilization"] == 50);
  CHECK(condition(h, "AbleToScale") == "True ReadyForNewScale");
  CHECK(hpaEvents(s) ==
        std::vector<std::string>{
            "SuccessfulRescale: New size: 4; reason: cpu resource utilization (percentage of request) above target",
            "SuccessfulRescale: New size: 5; reason: cpu resource utilization (percentage of request) above target",
            "SuccessfulRescale: New size: 7; reason: cpu resource utilization (percentage of request) above target"});

  // t=4m35s. The shell (PID 1) ignores SIGTERM: the load runs until the SIGKILL 30s later, and
  // kubectl waits for it.
  REQUIRE(s.exec("kubectl delete pod load-generator").exitCode == 0);
  REQUIRE(s.now() == 5 * kMinute + 5 * kSecond);
  // Syncs: 5m05s sees the last loaded window (recommends 7), 5m20s a third of one (17% -> 3), then
  // 0% (-> 0, clamped to 1). The 7 holds until it is older than five minutes, then the 3 for a sync.
  s.exec("sleep 5m");  // t=10m05s
  CHECK(deployReplicas(s) == 7);
  s.exec("sleep 15");
  CHECK(deployReplicas(s) == 3);
  s.exec("sleep 15");
  CHECK(deployReplicas(s) == 1);
  h = hpaObj(s);
  CHECK(condition(h, "ScalingLimited") == "True TooFewReplicas");
  auto events = hpaEvents(s);
  REQUIRE(events.size() == 5);
  CHECK(events[3] == "SuccessfulRescale: New size: 3; reason: All metrics below target");
  CHECK(events[4] == "SuccessfulRescale: New size: 1; reason: All metrics below target");
}

TEST_CASE("HPA: failed metrics, missing target, replicas outside [min, max], scaling disabled", "[hpa]") {
  Session s;
  s.exec("kubectl create deployment web --image=nginx:1.25");
  std::string hpa = R"(apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: NAME
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: TARGET
  minReplicas: 2
  maxReplicas: 5
)";
  auto make = [&](const std::string& name, const std::string& target) {
    std::string y = hpa;
    y.replace(y.find("NAME"), 4, name);
    y.replace(y.find("TARGET"), 6, target);
    REQUIRE(s.exec("kubectl apply -f -", y).exitCode == 0);
  };
  make("web", "web");
  make("gone", "nope");
  s.exec("sleep 15");
  // web has 1 replica < minReplicas 2: scaled to the minimum without looking at metrics.
  auto w = s.store().get("Deployment", "default", "web");
  CHECK((*w)["spec"]["replicas"] == 2);
  auto ev = s.store().eventsFor("HorizontalPodAutoscaler", "default", "web");
  REQUIRE(ev.size() == 1);
  CHECK((*ev[0])["message"] == "New size: 2; reason: Current number of replicas below Spec.MinReplicas");
  auto gone = s.store().get("HorizontalPodAutoscaler", "default", "gone");
  CHECK((*gone)["status"]["conditions"][0]["message"] ==
        "the HPA controller was unable to get the target's current scale: deployments/scale.apps \"nope\" not found");
  // No cpu request: every sync fails; currentMetrics holds an empty entry.
  s.exec("sleep 30");
  auto h = s.store().get("HorizontalPodAutoscaler", "default", "web");
  CHECK((*h)["status"]["currentMetrics"] == json::parse(R"([{"type":""}])"));
  std::string active = (*h)["status"]["conditions"][1].value("message", "");
  CHECK(active.rfind("the HPA was unable to compute the replica count: failed to get cpu utilization: missing request for cpu in container nginx of Pod web-", 0) == 0);
  bool computeFailed = false;
  for (const auto& e : s.store().eventsFor("HorizontalPodAutoscaler", "default", "web"))
    if ((*e)["reason"] == "FailedComputeMetricsReplicas")
      computeFailed = (*e)["message"].get<std::string>().rfind(
                          "invalid metrics (1 invalid out of 1), first error is: failed to get cpu resource metric value: "
                          "failed to get cpu utilization: missing request for cpu in container nginx of Pod web-",
                          0) == 0;
  CHECK(computeFailed);
  // Scaled by hand above the maximum: back to 5.
  s.exec("kubectl scale deployment web --replicas=8");
  s.exec("sleep 15");
  CHECK((*s.store().get("Deployment", "default", "web"))["spec"]["replicas"] == 5);
  // Scaled to 0: autoscaling is disabled.
  s.exec("kubectl scale deployment web --replicas=0");
  s.exec("sleep 15");
  h = s.store().get("HorizontalPodAutoscaler", "default", "web");
  CHECK((*s.store().get("Deployment", "default", "web"))["spec"]["replicas"] == 0);
  CHECK((*h)["status"]["conditions"][1]["reason"] == "ScalingDisabled");
  CHECK((*h)["status"]["conditions"][1]["message"] == "scaling is disabled since the replica count of the target is zero");
  CHECK((*h)["status"]["desiredReplicas"] == 0);
  CHECK_FALSE((*h)["status"].contains("currentReplicas"));
}
