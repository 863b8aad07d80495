// podplay benchmark: simulated seconds per wall second.
// Scenario (issue #2): 1,000 pods with liveness + readiness probes on 100 nodes, one simulated hour.
#include <benchmark/benchmark.h>

#include <string>

#include "cluster.h"
#include "session.h"

using namespace podplay;

static std::string podsManifest(int n) {
  std::string s;
  for (int i = 0; i < n; ++i) {
    s += "---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: web-" + std::to_string(i) +
         "\n  labels:\n    app: web\nspec:\n  containers:\n  - name: nginx\n    image: nginx:1.25\n"
         "    resources:\n      requests:\n        cpu: 10m\n        memory: 16Mi\n"
         "    livenessProbe:\n      httpGet:\n        path: /\n        port: 80\n      periodSeconds: 10\n"
         "    readinessProbe:\n      tcpSocket:\n        port: 80\n      periodSeconds: 5\n";
  }
  return s;
}

static void BM_ProbedPodsOneHour(benchmark::State& state) {
  const int nodes = 100, pods = static_cast<int>(state.range(0));
  std::string manifest = podsManifest(pods);
  for (auto _ : state) {
    state.PauseTiming();
    Session s;
    s.exec("sim cluster empty");
    for (int i = 0; i < nodes; ++i) s.exec("sim node add node-" + std::to_string(i) + " --cpu 8 --memory 32Gi");
    s.exec("kubectl apply -f -", manifest);
    state.ResumeTiming();
    s.exec("sleep 1h");
    benchmark::DoNotOptimize(s.store().resourceVersion());
    state.counters["sim_events"] = static_cast<double>(s.cluster().queue.executed());
  }
  // One simulated hour per iteration.
  state.counters["sim_seconds_per_wall_second"] =
      benchmark::Counter(3600.0 * state.iterations(), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_ProbedPodsOneHour)->Arg(1000)->Unit(benchmark::kMillisecond)->UseRealTime();

// Scale: 1,000 nodes and N pods (no probes) from apply to all Running.
static void BM_ScheduleAndStartPods(benchmark::State& state) {
  const int nodes = 1000, pods = static_cast<int>(state.range(0));
  std::string manifest;
  for (int i = 0; i < pods; ++i)
    manifest += "---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: p-" + std::to_string(i) +
                "\nspec:\n  containers:\n  - name: app\n    image: busybox:1.36\n    command: [\"sleep\", \"3600\"]\n";
  for (auto _ : state) {
    state.PauseTiming();
    Session s;
    s.exec("sim cluster empty");
    for (int i = 0; i < nodes; ++i) s.exec("sim node add node-" + std::to_string(i) + " --pods 250");
    state.ResumeTiming();
    s.exec("kubectl apply -f -", manifest);
    s.exec("sleep 30");
    benchmark::DoNotOptimize(s.store().resourceVersion());
  }
  state.counters["pods_per_second"] = benchmark::Counter(double(pods) * state.iterations(), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_ScheduleAndStartPods)->Arg(10000)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(1);

// Scale through controllers: one Deployment of N replicas on 1,000 nodes, from apply to all
// available (ReplicaSet + Deployment controllers sync on every pod change).
static void BM_DeploymentReplicas(benchmark::State& state) {
  const int nodes = 1000, replicas = static_cast<int>(state.range(0));
  std::string manifest = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: big\nspec:\n  replicas: " +
                         std::to_string(replicas) +
                         "\n  selector:\n    matchLabels:\n      app: big\n  template:\n    metadata:\n      labels:\n"
                         "        app: big\n    spec:\n      containers:\n      - name: app\n        image: busybox:1.36\n"
                         "        command: [\"sleep\", \"3600\"]\n";
  for (auto _ : state) {
    state.PauseTiming();
    Session s;
    s.exec("sim cluster empty");
    for (int i = 0; i < nodes; ++i) s.exec("sim node add node-" + std::to_string(i) + " --pods 250");
    state.ResumeTiming();
    s.exec("kubectl apply -f -", manifest);
    s.exec("sleep 30");
    benchmark::DoNotOptimize(s.store().resourceVersion());
  }
  state.counters["pods_per_second"] = benchmark::Counter(double(replicas) * state.iterations(), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_DeploymentReplicas)->Arg(2000)->Arg(10000)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(1);

BENCHMARK_MAIN();
