// podplay core: the resource kinds the API server knows, and how kubectl names them.
#pragma once
#include <string>
#include <vector>

namespace podplay {

struct KindInfo {
  std::string kind;        // "Pod"
  std::string plural;      // "pods"
  std::string group;       // "" (core), "apps", "autoscaling"
  std::string apiVersion;  // "v1", "apps/v1", "autoscaling/v2"
  bool namespaced;
  std::vector<std::string> aliases;  // singular and short names: "pod", "po"
  // "pods" or "deployments.apps": how API errors name the resource.
  std::string qualifiedPlural() const { return group.empty() ? plural : plural + "." + group; }
  // "pod" or "deployment.apps": how `-o name` and confirmations name it.
  std::string qualifiedSingular() const;
};

// All known kinds, in `kubectl get all` order where relevant.
const std::vector<KindInfo>& allKinds();
// Look up by kind name ("Pod"), plural, singular, short name or qualified name ("deployments.apps").
const KindInfo* findKind(const std::string& nameOrAlias);

}  // namespace podplay
