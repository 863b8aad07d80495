// The metrics pipeline (metrics.k8s.io): scrape alignment, whole-window rule, idle baselines,
// request CPU accounting, throttling at the limit, node sums, kubelet outages; at exact virtual times.
#include <catch2/catch.hpp>

#include "cluster.h"
#include "kubelet/kubelet.h"
#include "metrics/metrics.h"
#include "runtime/images.h"
#include "session.h"

using namespace podplay;

namespace {

std::optional<PodMetrics> podMetrics(Session& s, const std::string& name) {
  return s.cluster().metrics->pod("default", name);
}

std::string uidOf(Session& s, const std::string& pod) {
  auto p = s.store().get("Pod", "default", pod);
  REQUIRE(p);
  return (*p)["metadata"].value("uid", "");
}

}  // namespace

TEST_CASE("metrics: scrapes every 15s; a pod appears after a whole window of running", "[metrics]") {
  CHECK(MetricsServer::lastScrape(0) == 0);
  CHECK(MetricsServer::lastScrape(14999) == 0);
  CHECK(MetricsServer::lastScrape(15000) == 15000);
  CHECK(MetricsServer::lastScrape(-1) == -15000);

  Session s;
  // Sandbox 1s + nginx pull 1s + 71034572 B / 30 MB/s = 3.368s: the container starts at t=3.368s
  // (its startedAt reads 10:00:03), so the first scrape with a whole window behind it is t=30s.
  REQUIRE(s.exec("kubectl run web --image=nginx:1.25").exitCode == 0);
  s.exec("sleep 29.999");
  CHECK_FALSE(podMetrics(s, "web"));
  s.exec("sleep 0.001");
  auto m = podMetrics(s, "web");
  REQUIRE(m);
  CHECK(m->timestamp == 30000);
  CHECK(m->window == 15000);
  REQUIRE(m->containers.size() == 1);
  CHECK(m->containers[0].name == "web");
  CHECK(m->containers[0].cpuMilli == 0);  // nginx idles at 0m
  CHECK(m->containers[0].memoryBytes == lookupImage("nginx:1.25").memoryBytes);
  CHECK(m->memoryBytes() == 3670016);
  // Unknown pods have no metrics.
  CHECK_FALSE(s.cluster().metrics->pod("default", "nope"));
}

TEST_CASE("metrics: CPU = idle + request cost over the window, capped at the limit, rounded up", "[metrics]") {
  Session s;
  REQUIRE(s.exec("kubectl apply -f -", R"(apiVersion: v1
kind: Pod
metadata:
  name: php
spec:
  containers:
  - name: php
    image: registry.k8s.io/hpa-example
    resources:
      requests:
        cpu: 200m
      limits:
        cpu: 500m
        memory: 8Mi
)").exitCode == 0);
  s.exec("sleep 30");
  auto m = podMetrics(s, "php");
  REQUIRE(m);
  CHECK(m->cpuMilli() == 1);                 // idle 1m
  CHECK(m->memoryBytes() == 8 * 1024 * 1024);  // working set capped at the memory limit
  std::string uid = uidOf(s, "php");
  MetricsServer& ms = *s.cluster().metrics;
  // 100 requests of 6.9ms in [30s, 45s): 1m + 690ms/15s = 47m; one more microsecond rounds up.
  for (int i = 0; i < 100; ++i) ms.addCpu(uid, "php", 30000 + i * 100, 6900);
  ms.addCpu(uid, "php", 44999, 1);
  ms.addCpu(uid, "php", 45000, 1000000);  // next window
  s.exec("sleep 14.999");
  CHECK(podMetrics(s, "php")->cpuMilli() == 1);  // still the 30s scrape
  s.exec("sleep 0.001");
  CHECK(podMetrics(s, "php")->cpuMilli() == 48);
  s.exec("sleep 15");
  CHECK(podMetrics(s, "php")->cpuMilli() == 68);  // 1m + 1s/15s
  // 30s of CPU in one window: throttled at the 500m limit.
  ms.addCpu(uid, "php", 60000, 30000000);
  s.exec("sleep 15");
  CHECK(podMetrics(s, "php")->cpuMilli() == 500);
  s.exec("sleep 15");
  CHECK(podMetrics(s, "php")->cpuMilli() == 1);
}

TEST_CASE("metrics: routed requests are charged to the serving and the sending container", "[metrics]") {
  Session s;
  s.exec("kubectl run php --image=registry.k8s.io/hpa-example --port=80");
  s.exec("kubectl apply -f -", "apiVersion: v1\nkind: Service\nmetadata:\n  name: php\nspec:\n  selector:\n    run: php\n"
                               "  ports:\n  - port: 80\n");
  s.exec("kubectl run client --image=busybox:1.36 -- sh -c 'sleep 20; while true; do wget -q -O- http://php; sleep 0.1; done'");
  // hpa-example pulls for 7.033s: started at t=8.033s; requests from t=~22s at 10/s.
  s.exec("sleep 60");
  auto php = podMetrics(s, "php");
  REQUIRE(php);
  CHECK(php->timestamp == 60000);
  // [45s, 60s): 150 requests x 6.9ms = 1.035s / 15s = 69m, + 1m idle.
  CHECK(php->cpuMilli() == 70);
  auto client = podMetrics(s, "client");
  REQUIRE(client);
  CHECK(client->cpuMilli() == 2);  // 150 x 150us = 22.5ms / 15s = 1.5m -> 2m
  std::string logs = s.exec("kubectl logs client").out();
  CHECK(logs.substr(0, 6) == "OK!OK!");
}

TEST_CASE("metrics: nodes add a system baseline to their pods; down kubelets report nothing", "[metrics]") {
  Session s;
  s.exec("sim time");  // the default cluster exists from the first command on
  MetricsServer& ms = *s.cluster().metrics;
  auto cp = ms.node("kind-control-plane");
  REQUIRE(cp);
  CHECK(cp->cpuMilli == MetricsServer::kNodeCpuMilli + MetricsServer::kControlPlaneCpuMilli);
  CHECK(cp->memoryBytes == MetricsServer::kNodeMemoryBytes + MetricsServer::kControlPlaneMemoryBytes);
  s.exec("kubectl run php --image=registry.k8s.io/hpa-example");
  s.exec("sleep 30");
  auto pod = s.store().get("Pod", "default", "php");
  std::string node = (*pod)["spec"]["nodeName"];
  auto n = ms.node(node);
  REQUIRE(n);
  CHECK(n->timestamp == 30000);
  CHECK(n->cpuMilli == MetricsServer::kNodeCpuMilli + 1);
  CHECK(n->memoryBytes == MetricsServer::kNodeMemoryBytes + lookupImage("registry.k8s.io/hpa-example").memoryBytes);
  // A node added now has no metrics until it has been up for a whole window.
  s.exec("sim node add extra");
  CHECK_FALSE(ms.node("extra"));
  s.exec("sleep 30");
  CHECK(ms.node("extra"));
  s.exec("sim node fail " + node);
  CHECK_FALSE(ms.node(node));
  CHECK_FALSE(podMetrics(s, "php"));
  CHECK_FALSE(ms.node("nope"));
}

TEST_CASE("metrics: the scrape keeps a pod's state from before a later change", "[metrics]") {
  Session s;
  s.exec("kubectl run web --image=nginx:1.25");
  s.exec("sleep 31");
  REQUIRE(podMetrics(s, "web"));
  // The container restarts at t=31s: the 30s scrape still has the pod; the 45s one does not.
  s.exec("sim kill pod/web");
  s.exec("sleep 1");
  CHECK(podMetrics(s, "web"));
  s.exec("sleep 13");
  CHECK_FALSE(podMetrics(s, "web"));
}
