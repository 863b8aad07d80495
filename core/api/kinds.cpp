#include "api/kinds.h"

#include <algorithm>
#include <cctype>

namespace podplay {

std::string KindInfo::qualifiedSingular() const {
  std::string s = kind;
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return group.empty() ? s : s + "." + group;
}

const std::vector<KindInfo>& allKinds() {
  static const std::vector<KindInfo> kinds = {
      {"Pod", "pods", "", "v1", true, {"pod", "po"}},
      {"Service", "services", "", "v1", true, {"service", "svc"}},
      {"Deployment", "deployments", "apps", "apps/v1", true, {"deployment", "deploy"}},
      {"ReplicaSet", "replicasets", "apps", "apps/v1", true, {"replicaset", "rs"}},
      {"HorizontalPodAutoscaler", "horizontalpodautoscalers", "autoscaling", "autoscaling/v2", true,
       {"horizontalpodautoscaler", "hpa"}},
      {"Node", "nodes", "", "v1", false, {"node", "no"}},
      {"Namespace", "namespaces", "", "v1", false, {"namespace", "ns"}},
      {"Event", "events", "", "v1", true, {"event", "ev"}},
      {"Endpoints", "endpoints", "", "v1", true, {"ep"}},
      {"ConfigMap", "configmaps", "", "v1", true, {"configmap", "cm"}},
      {"Secret", "secrets", "", "v1", true, {"secret"}},
      {"Lease", "leases", "coordination.k8s.io", "coordination.k8s.io/v1", true, {"lease"}},
  };
  return kinds;
}

const KindInfo* findKind(const std::string& name) {
  std::string n = name;
  std::transform(n.begin(), n.end(), n.begin(), [](unsigned char c) { return std::tolower(c); });
  for (const auto& k : allKinds()) {
    std::string kl = k.kind;
    std::transform(kl.begin(), kl.end(), kl.begin(), [](unsigned char c) { return std::tolower(c); });
    if (n == kl || n == k.plural || n == k.qualifiedPlural() || n == k.qualifiedSingular()) return &k;
    for (const auto& a : k.aliases)
      if (n == a) return &k;
  }
  return nullptr;
}

}  // namespace podplay
