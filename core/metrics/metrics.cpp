// podplay core: the resource metrics pipeline (see metrics.h).
#include "metrics/metrics.h"

#include <map>
#include <unordered_map>

#include "api/store.h"
#include "cluster.h"
#include "controllers/workload_util.h"
#include "kubelet/kubelet.h"
#include "runtime/images.h"
#include "util/json_fields.h"
#include "util/quantity.h"
#include "util/timefmt.h"

namespace podplay {

namespace {

// CPU time of one container in the current and the previous 15s window (a two-slot ring).
struct CtrCpu {
  int64_t window[2] = {-1, -1};
  int64_t micros[2] = {0, 0};
};

struct ImageRes {
  int64_t idleCpuMilli = 0, memoryBytes = 0;
};

int64_t quantityMilli(const json& resources, const char* kind, const char* name) {
  const json& m = objectAt(resources, {kind});
  auto it = m.find(name);
  Quantity q;
  if (it == m.end() || !parseQuantity(*it, q)) return -1;
  return q.milli();
}

int64_t quantityValue(const json& resources, const char* kind, const char* name) {
  const json& m = objectAt(resources, {kind});
  auto it = m.find(name);
  Quantity q;
  if (it == m.end() || !parseQuantity(*it, q)) return -1;
  return q.value();
}

}  // namespace

struct MetricsServer::Impl {
  std::unordered_map<std::string, std::map<std::string, CtrCpu>> cpu;  // pod uid -> container -> windows
  struct Frozen {
    Time scrape = -1;
    std::optional<PodMetrics> metrics;
  };
  std::unordered_map<std::string, Frozen> frozen;  // pod uid -> its scrape, fixed before it changed
  std::unordered_map<std::string, ImageRes> images;
  WatchId podWatch = 0;

  const ImageRes& image(const std::string& ref) {
    auto it = images.find(ref);
    if (it != images.end()) return it->second;
    ImageInfo info = lookupImage(ref);
    ImageRes r;
    r.idleCpuMilli = info.idleCpuMilli;
    r.memoryBytes = info.memoryBytes;
    return images.emplace(ref, r).first->second;
  }

  int64_t windowMicros(const std::string& uid, const std::string& ctr, int64_t window) const {
    auto p = cpu.find(uid);
    if (p == cpu.end()) return 0;
    auto c = p->second.find(ctr);
    if (c == p->second.end()) return 0;
    int slot = static_cast<int>(window & 1);
    return c->second.window[slot] == window ? c->second.micros[slot] : 0;
  }
};

MetricsServer::MetricsServer(Cluster& c) : c_(c), impl_(new Impl) {
  impl_->podWatch = c_.store.watch("Pod", [this](const WatchEvent& ev) {
    std::string uid = objectAt(*ev.obj, {"metadata"}).value("uid", "");
    if (ev.type == WatchType::Deleted) {
      impl_->cpu.erase(uid);
      impl_->frozen.erase(uid);
      return;
    }
    if (!ev.old) return;
    // The scrape at S saw the pod as it was before this change.
    Time s = lastScrape(c_.queue.now());
    auto& f = impl_->frozen[uid];
    if (f.scrape == s) return;
    f.scrape = s;
    f.metrics = compute(*ev.old, s);
  });
}

MetricsServer::~MetricsServer() {
  c_.store.unwatch(impl_->podWatch);
  delete impl_;
}

Time MetricsServer::lastScrape(Time now) {
  if (now >= 0) return now / kResolution * kResolution;
  return -((-now + kResolution - 1) / kResolution) * kResolution;
}

void MetricsServer::addCpu(const std::string& podUid, const std::string& container, Time t, int64_t cpuMicros) {
  if (podUid.empty() || cpuMicros <= 0 || t < 0) return;
  int64_t window = t / kResolution;
  CtrCpu& c = impl_->cpu[podUid][container];
  int slot = static_cast<int>(window & 1);
  if (c.window[slot] != window) {
    c.window[slot] = window;
    c.micros[slot] = 0;
  }
  c.micros[slot] += cpuMicros;
}

std::optional<PodMetrics> MetricsServer::compute(const json& pod, Time scrape) const {
  const json& status = objectAt(pod, {"status"});
  if (status.value("phase", "") != "Running") return std::nullopt;
  std::string nodeName = podNodeName(pod);
  Kubelet* k = c_.kubelet(nodeName);
  if (!k || k->down()) return std::nullopt;
  std::string uid = objectAt(pod, {"metadata"}).value("uid", "");
  int64_t nodeCpu = -1;
  if (auto node = c_.store.get("Node", "", nodeName)) nodeCpu = quantityMilli(objectAt(*node, {"status"}), "allocatable", "cpu");
  // Running containers: regular ones and sidecars (restartable init containers).
  std::map<std::string, Time> started;
  for (const char* list : {"containerStatuses", "initContainerStatuses"})
    for (const auto& cs : arrayAt(pod, "status", list)) {
      if (!cs.is_object()) continue;
      const json& running = objectAt(cs, {"state", "running"});
      Time t = 0;
      if (running.contains("startedAt") && parseRfc3339(running.value("startedAt", ""), t))
        started[cs.value("name", "")] = t;
    }
  PodMetrics m;
  m.timestamp = scrape;
  m.window = kResolution;
  int64_t window = scrape / kResolution - 1;
  for (const char* list : {"containers", "initContainers"}) {
    for (const auto& ctr : arrayAt(pod, "spec", list)) {
      if (!ctr.is_object()) continue;
      bool init = std::string(list) == "initContainers";
      if (init && ctr.value("restartPolicy", "") != "Always") continue;
      std::string name = ctr.value("name", "");
      auto st = started.find(name);
      // Not running for a whole window yet: metrics-server has no rate for it, nor for its pod.
      if (st == started.end() || st->second > scrape - kResolution) return std::nullopt;
      const ImageRes& img = impl_->image(ctr.value("image", ""));
      const json& res = objectAt(ctr, {"resources"});
      // nanocores over the window: idle + CPU time / 15s.
      int64_t nano = img.idleCpuMilli * 1000000 + impl_->windowMicros(uid, name, window) * 1000 / (kResolution / 1000);
      int64_t limit = quantityMilli(res, "limits", "cpu");
      if (limit < 0) limit = nodeCpu;
      if (limit >= 0 && nano > limit * 1000000) nano = limit * 1000000;  // CFS throttling
      ContainerUsage u;
      u.name = name;
      u.cpuMilli = (nano + 999999) / 1000000;  // Quantity.MilliValue() rounds up
      u.memoryBytes = img.memoryBytes;
      int64_t memLimit = quantityValue(res, "limits", "memory");
      if (memLimit > 0 && u.memoryBytes > memLimit) u.memoryBytes = memLimit;
      m.containers.push_back(u);
    }
  }
  if (m.containers.empty()) return std::nullopt;
  return m;
}

std::optional<PodMetrics> MetricsServer::pod(const std::string& ns, const std::string& name) const {
  auto p = c_.store.get("Pod", ns, name);
  if (!p) return std::nullopt;
  Time s = lastScrape(c_.queue.now());
  std::string uid = objectAt(*p, {"metadata"}).value("uid", "");
  auto f = impl_->frozen.find(uid);
  if (f != impl_->frozen.end() && f->second.scrape == s) return f->second.metrics;
  return compute(*p, s);
}

std::optional<NodeMetrics> MetricsServer::node(const std::string& name) const {
  auto n = c_.store.get("Node", "", name);
  if (!n) return std::nullopt;
  Kubelet* k = c_.kubelet(name);
  if (!k || k->down()) return std::nullopt;
  Time s = lastScrape(c_.queue.now());
  if (creationTime(*n) > s - kResolution) return std::nullopt;
  NodeMetrics m;
  m.timestamp = s;
  m.window = kResolution;
  bool controlPlane = objectAt(*n, {"metadata", "labels"}).contains("node-role.kubernetes.io/control-plane");
  m.cpuMilli = kNodeCpuMilli + (controlPlane ? kControlPlaneCpuMilli : 0);
  m.memoryBytes = kNodeMemoryBytes + (controlPlane ? kControlPlaneMemoryBytes : 0);
  for (const auto& p : c_.store.podsOnNode(name)) {
    auto pm = pod(objNamespace(*p), objName(*p));
    if (!pm) continue;
    m.cpuMilli += pm->cpuMilli();
    m.memoryBytes += pm->memoryBytes();
  }
  const json& st = objectAt(*n, {"status"});
  int64_t cap = quantityMilli(st, "allocatable", "cpu");
  if (cap > 0 && m.cpuMilli > cap) m.cpuMilli = cap;
  return m;
}

}  // namespace podplay
