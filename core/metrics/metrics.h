// podplay core: the resource metrics pipeline (kubelet/cAdvisor usage + metrics-server), the
// simulated metrics.k8s.io API that `kubectl top` and the HorizontalPodAutoscaler read.
//
// Like the real aggregated API it is not stored in etcd: the MetricsServer scrapes every
// kResolution (15s) and answers from its last scrape. A pod's CPU usage comes from its containers'
// idle baseline (per image) plus the HTTP requests routed to it (per-request CPU cost of the image),
// capped at the container's CPU limit (throttling); memory from the image's working set.
//
// Timing (metrics-server computes rates between two kubelet scrapes): the answer at `now` is the
// scrape at S = the last multiple of 15s; a pod has metrics there only if it is Running and every
// container has been running since S - 15s (one whole window), on a node whose kubelet is up. Usage
// is the average over [S - 15s, S). A pod's scrape is computed lazily, or frozen from its previous
// state when the pod changes after S, so the work is O(pods asked about / pods that change).
// Node metrics = the system baseline + the sum of its pods' metrics.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "sim/types.h"

namespace podplay {

class Cluster;

struct ContainerUsage {
  std::string name;
  int64_t cpuMilli = 0;     // cores * 1000, averaged over the window
  int64_t memoryBytes = 0;  // working set
};

struct PodMetrics {
  Time timestamp = 0;  // scrape time
  Time window = 0;     // averaging window (ms)
  std::vector<ContainerUsage> containers;
  int64_t cpuMilli() const {
    int64_t s = 0;
    for (const auto& c : containers) s += c.cpuMilli;
    return s;
  }
  int64_t memoryBytes() const {
    int64_t s = 0;
    for (const auto& c : containers) s += c.memoryBytes;
    return s;
  }
};

struct NodeMetrics {
  Time timestamp = 0;
  Time window = 0;
  int64_t cpuMilli = 0;
  int64_t memoryBytes = 0;
};

class MetricsServer {
 public:
  static constexpr Time kResolution = 15 * kSecond;
  explicit MetricsServer(Cluster& c);
  ~MetricsServer();
  // Last scraped metrics of a pod; nullopt if the pod has not been scraped yet (not running for a
  // whole window: `kubectl top` says "metrics not available yet").
  std::optional<PodMetrics> pod(const std::string& ns, const std::string& name) const;
  std::optional<NodeMetrics> node(const std::string& name) const;

  // cAdvisor's side: CPU time (microseconds) a container spent at virtual time `t` beyond its idle
  // baseline, e.g. serving or sending an HTTP request. Charged to the 15s window containing `t`.
  void addCpu(const std::string& podUid, const std::string& container, Time t, int64_t cpuMicros);
  // The scrape the API answers with at `now`: the last multiple of kResolution (<= now).
  static Time lastScrape(Time now);
  // What the system daemons use on every node (kubelet, containerd, kube-proxy, CNI), and on a
  // control-plane node (API server, etcd, controller manager, scheduler, CoreDNS) in addition.
  static constexpr int64_t kNodeCpuMilli = 28, kNodeMemoryBytes = 196LL * 1024 * 1024;
  static constexpr int64_t kControlPlaneCpuMilli = 106, kControlPlaneMemoryBytes = 416LL * 1024 * 1024;

 private:
  // The pod's metrics in the scrape at `scrape`, from the pod object as it was then.
  std::optional<PodMetrics> compute(const json& pod, Time scrape) const;
  struct Impl;
  Cluster& c_;
  Impl* impl_;
};

}  // namespace podplay
