#include "controllers/controllers.h"

#include "cluster.h"
#include "util/timefmt.h"

namespace podplay {

namespace {
constexpr Time kPodGCPeriod = 20 * kSecond;
constexpr Time kPodGCQuarantine = 40 * kSecond;
}  // namespace

Controllers::Controllers(Cluster& c) : c_(c) { c_.queue.after(kPodGCPeriod, [this] { podGC(); }); }

Controllers::~Controllers() = default;

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
