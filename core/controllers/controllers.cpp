#include "controllers/controllers.h"

#include "api/apiserver.h"
#include "cluster.h"
#include "scheduler/scheduler.h"
#include "util/json_fields.h"
#include "util/timefmt.h"

namespace podplay {

namespace {
constexpr Time kPodGCPeriod = 20 * kSecond;
constexpr Time kPodGCQuarantine = 40 * kSecond;
constexpr Time kNodeMonitorPeriod = 5 * kSecond;
constexpr Time kNodeMonitorGrace = 40 * kSecond;
const EventSource kTaintSource{"taint-eviction-controller", ""};
const EventSource kNodeSource{"node-controller", ""};

}  // namespace

Controllers::Controllers(Cluster& c) : c_(c) {
  c_.queue.after(kPodGCPeriod, [this] { podGC(); });
  c_.queue.after(kNodeMonitorPeriod, [this] { monitorNodes(); });
  nodeWatch_ = c_.store.watch("Node", [this](const WatchEvent& ev) { onNodeTaints(ev); });
  podWatch_ = c_.store.watch("Pod", [this](const WatchEvent& ev) { onPodTaints(ev); });
}

Controllers::~Controllers() {
  c_.store.unwatch(nodeWatch_);
  c_.store.unwatch(podWatch_);
}

// [SECTION] taint eviction -----------------------------------------------------------------------

static json noExecuteTaints(const json& node) {
  json out = json::array();
  for (const auto& t : arrayAt(node, "spec", "taints"))
    if (t.value("effect", "") == "NoExecute") out.push_back(t);
  return out;
}

void Controllers::onNodeTaints(const WatchEvent& ev) {
  if (ev.type == WatchType::Deleted) return;
  json now = noExecuteTaints(*ev.obj);
  json before = ev.old ? noExecuteTaints(*ev.old) : json::array();
  if (now == before) return;
  for (const auto& p : c_.store.podsOnNode(objName(*ev.obj))) evaluateTaints(objNamespace(*p), objName(*p));
}

void Controllers::onPodTaints(const WatchEvent& ev) {
  std::string key = objNamespace(*ev.obj) + "/" + objName(*ev.obj);
  if (ev.type == WatchType::Deleted) {
    auto it = evictions_.find(key);
    if (it != evictions_.end()) {
      c_.queue.cancel(it->second.id);
      evictions_.erase(it);
    }
    return;
  }
  std::string node = podNodeName(*ev.obj);
  if (node.empty()) return;
  bool bound = !ev.old || podNodeName(*ev.old) != node;
  bool tolerationsChanged = ev.old && arrayAt(*ev.old, "spec", "tolerations") != arrayAt(*ev.obj, "spec", "tolerations");
  if (bound || tolerationsChanged) evaluateTaints(objNamespace(*ev.obj), objName(*ev.obj));
}

void Controllers::cancelEviction(const std::string& key, const json* pod) {
  auto it = evictions_.find(key);
  if (it == evictions_.end()) return;
  c_.queue.cancel(it->second.id);
  evictions_.erase(it);
  if (pod) c_.recorder.record(*pod, "Normal", "TaintManagerEviction", "Cancelling deletion of Pod " + key, kTaintSource);
}

void Controllers::evaluateTaints(const std::string& ns, const std::string& name) {
  auto pod = c_.store.get("Pod", ns, name);
  if (!pod || (*pod)["metadata"].contains("deletionTimestamp")) return;
  std::string key = ns + "/" + name;
  auto node = c_.store.get("Node", "", podNodeName(*pod));
  if (!node) return;
  json taints = noExecuteTaints(*node);
  if (taints.empty()) {
    cancelEviction(key, pod.get());
    return;
  }
  const json& tolerations = arrayAt(*pod, "spec", "tolerations");
  int64_t minSeconds = -1;  // -1: tolerated forever
  bool evictNow = false;
  for (const auto& taint : taints) {
    bool tolerated = false;
    for (const auto& t : tolerations) {
      if (!toleratesTaint(t, taint)) continue;
      tolerated = true;
      if (t.contains("tolerationSeconds") && t["tolerationSeconds"].is_number()) {
        int64_t s = std::max<int64_t>(0, t["tolerationSeconds"].get<int64_t>());
        if (minSeconds < 0 || s < minSeconds) minSeconds = s;
      }
    }
    if (!tolerated) evictNow = true;
  }
  Time now = c_.queue.now();
  auto evict = [this, ns, name, key] {
    evictions_.erase(key);
    auto p = c_.store.get("Pod", ns, name);
    if (!p || (*p)["metadata"].contains("deletionTimestamp")) return;
    c_.recorder.record(*p, "Normal", "TaintManagerEviction", "Marking for deletion Pod " + key, kTaintSource);
    Time t = c_.queue.now();
    c_.store.update("Pod", ns, name, [&](json& o) {
      json conds = o["status"].value("conditions", json::array());
      conds.push_back({{"type", "DisruptionTarget"}, {"status", "True"}, {"lastProbeTime", nullptr},
                       {"lastTransitionTime", rfc3339(t)}, {"reason", "DeletionByTaintManager"},
                       {"message", "Taint manager: deleting due to NoExecute taint"}});
      o["status"]["conditions"] = conds;
      return true;
    });
    c_.api->remove("Pod", ns, name);
  };
  if (evictNow || minSeconds == 0) {
    cancelEviction(key, nullptr);
    evict();
    return;
  }
  if (minSeconds < 0) {
    cancelEviction(key, pod.get());
    return;
  }
  Time created = now;
  auto it = evictions_.find(key);
  if (it != evictions_.end()) {
    created = it->second.createdAt;
    if (created + minSeconds * 1000 == it->second.trigger) return;
    c_.queue.cancel(it->second.id);
  }
  Pending p;
  p.createdAt = created;
  p.trigger = created + minSeconds * 1000;
  p.id = c_.queue.at(p.trigger, evict);
  evictions_[key] = p;
}

// [SECTION] node lifecycle -----------------------------------------------------------------------

void Controllers::monitorNodes() {
  Time now = c_.queue.now();
  for (const auto& node : c_.store.list("Node")) {
    std::string name = objName(*node);
    auto lease = c_.store.get("Lease", "kube-node-lease", name);
    if (!lease) continue;
    Time renew = 0;
    parseRfc3339((*lease)["spec"].value("renewTime", ""), renew);
    std::string ready;
    for (const auto& cnd : arrayAt(*node, "status", "conditions"))
      if (cnd.value("type", "") == "Ready") ready = cnd.value("status", "");
    bool stale = now - renew > kNodeMonitorGrace;
    if (stale && ready == "True") {
      std::string ts = rfc3339(now);
      c_.store.update("Node", "", name, [&](json& o) {
        for (auto& cnd : o["status"]["conditions"]) {
          cnd["status"] = "Unknown";
          cnd["reason"] = "NodeStatusUnknown";
          cnd["message"] = "Kubelet stopped posting node status.";
          cnd["lastTransitionTime"] = ts;
        }
        json taints = o["spec"].value("taints", json::array());
        taints.push_back({{"key", "node.kubernetes.io/unreachable"}, {"effect", "NoSchedule"}, {"timeAdded", ts}});
        taints.push_back({{"key", "node.kubernetes.io/unreachable"}, {"effect", "NoExecute"}, {"timeAdded", ts}});
        o["spec"]["taints"] = taints;
        return true;
      });
      if (auto n2 = c_.store.get("Node", "", name))
        c_.recorder.record(*n2, "Normal", "NodeNotReady", "Node " + name + " status is now: NodeNotReady", kNodeSource);
      // MarkPodsNotReady.
      for (const auto& p : c_.store.podsOnNode(name)) {
        std::string phase = (*p)["status"].value("phase", "");
        if (phase == "Succeeded" || phase == "Failed") continue;
        c_.recorder.record(*p, "Warning", "NodeNotReady", "Node is not ready", kNodeSource);
        c_.store.update("Pod", objNamespace(*p), objName(*p), [&](json& o) {
          for (auto& cnd : o["status"]["conditions"])
            if (cnd.value("type", "") == "Ready" && cnd.value("status", "") != "False") {
              cnd["status"] = "False";
              cnd["lastTransitionTime"] = ts;
              cnd.erase("reason");
              cnd.erase("message");
            }
          for (auto& cs : o["status"]["containerStatuses"]) cs["ready"] = false;
          return true;
        });
      }
    } else if (!stale && ready != "True") {
      // The kubelet is back (it posts Ready itself): lift the unreachable taints.
      c_.store.update("Node", "", name, [&](json& o) {
        json keep = json::array();
        for (auto& t : o["spec"].value("taints", json::array()))
          if (t.value("key", "") != "node.kubernetes.io/unreachable") keep.push_back(t);
        if (keep.empty()) o["spec"].erase("taints");
        else o["spec"]["taints"] = keep;
        return true;
      });
      if (auto n2 = c_.store.get("Node", "", name))
        c_.recorder.record(*n2, "Normal", "NodeReady", "Node " + name + " status is now: NodeReady", kNodeSource);
    }
  }
  c_.queue.after(kNodeMonitorPeriod, [this] { monitorNodes(); });
}

void Controllers::podGC() {
  Time now = c_.queue.now();
  std::map<std::string, Time> still;
  for (const auto& node : c_.store.podNodeNames()) {
    if (node.empty() || c_.store.get("Node", "", node)) continue;
    auto it = missingSince_.find(node);
    Time since = it == missingSince_.end() ? now : it->second;
    still[node] = since;
    if (now - since < kPodGCQuarantine) continue;
    for (const auto& pod : c_.store.podsOnNode(node)) {
      std::string ns = objNamespace(*pod), name = objName(*pod);
      c_.store.update("Pod", ns, name, [&](json& p) {
        json& st = p["status"];
        std::string phase = st.value("phase", "");
        if (phase != "Succeeded" && phase != "Failed") st["phase"] = "Failed";
        json conds = st.value("conditions", json::array());
        conds.push_back({{"type", "DisruptionTarget"}, {"status", "True"}, {"lastProbeTime", nullptr},
                         {"lastTransitionTime", rfc3339(now)}, {"reason", "DeletionByPodGC"},
                         {"message", "PodGC: node no longer exists"}});
        st["conditions"] = conds;
        return true;
      });
      c_.store.remove("Pod", ns, name);
    }
  }
  missingSince_ = std::move(still);
  c_.queue.after(kPodGCPeriod, [this] { podGC(); });
}

}  // namespace podplay
