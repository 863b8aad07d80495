// podplay core: the resource metrics pipeline (kubelet/cAdvisor usage + metrics-server), the
// simulated metrics.k8s.io API that `kubectl top` and the HorizontalPodAutoscaler read.
//
// Like the real aggregated API it is not stored in etcd: the MetricsServer scrapes every
// kResolution (15s) and answers from its last scrape. A pod's CPU usage comes from its containers'
// idle baseline (per image) plus the HTTP requests routed to it (per-request CPU cost of the image),
// capped at the container's CPU limit (throttling); memory from the image's working set.
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

 private:
  struct Impl;
  Cluster& c_;
  Impl* impl_;
};

}  // namespace podplay
