// podplay core: the simulated cluster: clock, RNG, API store and every component.
// Components talk to each other only through the Store (watch + read fresh + write), as in
// Kubernetes. Cluster just owns them and wires the node lifecycle.
#pragma once
#include <map>
#include <optional>
#include <memory>
#include <string>
#include <vector>

#include "api/events.h"
#include "api/store.h"
#include "sim/event_queue.h"
#include "util/rng.h"

namespace podplay {

class ApiServer;
class Scheduler;
class Kubelet;
class Controllers;
class ReplicaSetController;
class DeploymentController;
class GarbageCollector;
class EndpointsController;
class ServiceProxy;
class MetricsServer;
class HorizontalController;

// The default cluster (nodes, namespaces) was created five minutes before the script starts.
constexpr Time kDefaultClusterAge = -5 * 60 * 1000;

struct Taint {
  std::string key, value, effect;
};

struct NodeConfig {
  std::string name;
  std::map<std::string, std::string> labels;  // added to the standard kubernetes.io/* labels
  std::vector<Taint> taints;
  int64_t cpuMilli = 4000;
  int64_t memoryBytes = 8LL * 1024 * 1024 * 1024;
  int64_t pods = 110;
  bool controlPlane = false;
};

class Cluster {
 public:
  explicit Cluster(uint64_t seed);
  ~Cluster();
  Cluster(const Cluster&) = delete;
  Cluster& operator=(const Cluster&) = delete;

  // The documented default cluster: a kind cluster with one control plane and three workers.
  void createDefaultCluster();
  // Adds a Node object and starts its kubelet. Returns an error message or "".
  std::string addNode(const NodeConfig& cfg, std::optional<Time> createdAt = std::nullopt);
  Kubelet* kubelet(const std::string& node);
  // DNS as seen from a pod in `podNs`: "svc", "svc.ns", "svc.ns.svc.cluster.local" resolve when the
  // Service exists; "kubernetes.default" always does.
  bool resolveHost(const std::string& host, const std::string& podNs) const;

  EventQueue queue;
  Rng rng;
  Store store;
  EventRecorder recorder;
  std::unique_ptr<ApiServer> api;
  std::unique_ptr<Scheduler> scheduler;
  std::unique_ptr<Controllers> controllers;
  std::unique_ptr<ReplicaSetController> replicaSets;
  std::unique_ptr<DeploymentController> deployments;
  std::unique_ptr<GarbageCollector> gc;
  std::unique_ptr<EndpointsController> endpoints;  // Endpoints objects of Services with a selector
  std::unique_ptr<ServiceProxy> proxy;             // kube-proxy + DNS for container traffic
  std::unique_ptr<MetricsServer> metrics;          // metrics.k8s.io (kubectl top, HPA)
  std::unique_ptr<HorizontalController> hpa;       // HorizontalPodAutoscalers
  std::map<std::string, std::unique_ptr<Kubelet>> kubelets;
  bool initialized = false;  // default cluster created (or `sim cluster empty`)

 private:
  int nodeIndex_ = 0;
};

}  // namespace podplay
