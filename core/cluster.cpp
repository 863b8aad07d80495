#include "cluster.h"

#include <algorithm>

#include "api/apiserver.h"
#include "controllers/controllers.h"
#include "controllers/deployment.h"
#include "controllers/endpoints.h"
#include "controllers/hpa.h"
#include "controllers/gc.h"
#include "controllers/replicaset.h"
#include "kubelet/kubelet.h"
#include "metrics/metrics.h"
#include "scheduler/scheduler.h"
#include "util/timefmt.h"

namespace podplay {

Cluster::Cluster(uint64_t seed) : rng(seed), store(queue), recorder(store) {
  api = std::make_unique<ApiServer>(*this);
  scheduler = std::make_unique<Scheduler>(*this);
  controllers = std::make_unique<Controllers>(*this);
  replicaSets = std::make_unique<ReplicaSetController>(*this);
  deployments = std::make_unique<DeploymentController>(*this);
  gc = std::make_unique<GarbageCollector>(*this);
  endpoints = std::make_unique<EndpointsController>(*this);
  proxy = std::make_unique<ServiceProxy>(*this, seed);
  metrics = std::make_unique<MetricsServer>(*this);
  hpa = std::make_unique<HorizontalController>(*this);
  for (const char* ns : {"default", "kube-node-lease", "kube-public", "kube-system"}) {
    json obj = {{"apiVersion", "v1"},
                {"kind", "Namespace"},
                {"metadata", {{"name", ns}, {"labels", {{"kubernetes.io/metadata.name", ns}}}}},
                {"spec", {{"finalizers", json::array({"kubernetes"})}}}};
    api->prepare(obj);
    obj["metadata"]["creationTimestamp"] = rfc3339(kDefaultClusterAge);
    store.create(obj);
  }
  // The API server's own Service, as in every cluster.
  json svc = {{"apiVersion", "v1"},
              {"kind", "Service"},
              {"metadata",
               {{"name", "kubernetes"},
                {"namespace", "default"},
                {"labels", {{"component", "apiserver"}, {"provider", "kubernetes"}}},
                {"uid", rng.uuid()},
                {"creationTimestamp", rfc3339(kDefaultClusterAge)}}},
              {"spec",
               {{"clusterIP", "10.96.0.1"},
                {"clusterIPs", json::array({"10.96.0.1"})},
                {"internalTrafficPolicy", "Cluster"},
                {"ipFamilies", json::array({"IPv4"})},
                {"ipFamilyPolicy", "SingleStack"},
                {"ports", json::array({{{"name", "https"}, {"port", 443}, {"protocol", "TCP"}, {"targetPort", 6443}}})},
                {"sessionAffinity", "None"},
                {"type", "ClusterIP"}}},
              {"status", {{"loadBalancer", json::object()}}}};
  store.create(svc);
  // Its Endpoints, kept by the API server itself (the endpoints controller skips selector-less
  // Services). Own random stream: the uid draws nothing from `rng`.
  json ep = {{"apiVersion", "v1"},
             {"kind", "Endpoints"},
             {"metadata",
              {{"name", "kubernetes"},
               {"namespace", "default"},
               {"labels", {{"endpointslice.kubernetes.io/skip-mirror", "true"}}},
               {"uid", Rng(seed ^ 0x656e64706f696e74ULL).uuid()},
               {"creationTimestamp", rfc3339(kDefaultClusterAge)}}},
             {"subsets",
              json::array({{{"addresses", json::array({{{"ip", "172.18.0.2"}}})},
                            {"ports", json::array({{{"name", "https"}, {"port", 6443}, {"protocol", "TCP"}}})}}})}};
  store.create(ep);
}

Cluster::~Cluster() {
  kubelets.clear();
  hpa.reset();
  metrics.reset();
  proxy.reset();
  endpoints.reset();
  gc.reset();
  deployments.reset();
  replicaSets.reset();
  controllers.reset();
  scheduler.reset();
}

void Cluster::createDefaultCluster() {
  NodeConfig cp;
  cp.name = "kind-control-plane";
  cp.controlPlane = true;
  cp.labels["node-role.kubernetes.io/control-plane"] = "";
  cp.labels["node.kubernetes.io/exclude-from-external-load-balancers"] = "";
  cp.taints.push_back({"node-role.kubernetes.io/control-plane", "", "NoSchedule"});
  addNode(cp, kDefaultClusterAge);
  const char* zones[] = {"zone-a", "zone-b", "zone-c"};
  for (int i = 0; i < 3; ++i) {
    NodeConfig w;
    w.name = i == 0 ? "kind-worker" : "kind-worker" + std::to_string(i + 1);
    w.labels["topology.kubernetes.io/zone"] = zones[i];
    addNode(w, kDefaultClusterAge);
  }
  initialized = true;
}

static std::string memKi(int64_t bytes) { return std::to_string(bytes / 1024) + "Ki"; }

std::string Cluster::addNode(const NodeConfig& cfg, std::optional<Time> createdAt) {
  if (store.get("Node", "", cfg.name)) return "nodes \"" + cfg.name + "\" already exists";
  int idx = nodeIndex_++;
  std::string hostIP = "172.18.0." + std::to_string(idx + 2);
  std::string cidr = "10.244." + std::to_string(idx) + ".0/24";
  json labels = {{"beta.kubernetes.io/arch", "amd64"},
                 {"beta.kubernetes.io/os", "linux"},
                 {"kubernetes.io/arch", "amd64"},
                 {"kubernetes.io/hostname", cfg.name},
                 {"kubernetes.io/os", "linux"}};
  for (const auto& [k, v] : cfg.labels) labels[k] = v;
  json taints = json::array();
  for (const auto& t : cfg.taints) {
    json tj = {{"key", t.key}, {"effect", t.effect}};
    if (!t.value.empty()) tj["value"] = t.value;
    taints.push_back(tj);
  }
  std::string now = rfc3339(createdAt ? *createdAt : queue.now());
  json capacity = {{"cpu", std::to_string(cfg.cpuMilli / 1000) + (cfg.cpuMilli % 1000 ? "" : "")},
                   {"ephemeral-storage", "102626232Ki"},
                   {"hugepages-1Gi", "0"},
                   {"hugepages-2Mi", "0"},
                   {"memory", memKi(cfg.memoryBytes)},
                   {"pods", std::to_string(cfg.pods)}};
  if (cfg.cpuMilli % 1000) capacity["cpu"] = std::to_string(cfg.cpuMilli) + "m";
  auto cond = [&](const char* type, const char* status, const char* reason, const char* msg) {
    return json{{"type", type}, {"status", status}, {"lastHeartbeatTime", now}, {"lastTransitionTime", now},
                {"reason", reason}, {"message", msg}};
  };
  json node = {
      {"apiVersion", "v1"},
      {"kind", "Node"},
      {"metadata",
       {{"name", cfg.name},
        {"labels", labels},
        {"annotations",
         {{"kubeadm.alpha.kubernetes.io/cri-socket", "unix:///run/containerd/containerd.sock"},
          {"node.alpha.kubernetes.io/ttl", "0"},
          {"volumes.kubernetes.io/controller-managed-attach-detach", "true"}}}}},
      {"spec", {{"podCIDR", cidr}, {"podCIDRs", json::array({cidr})}, {"providerID", "kind://docker/kind/" + cfg.name}}},
      {"status",
       {{"capacity", capacity},
        {"allocatable", capacity},
        {"conditions",
         json::array({cond("MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available"),
                      cond("DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure"),
                      cond("PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available"),
                      cond("Ready", "True", "KubeletReady", "kubelet is posting ready status")})},
        {"addresses", json::array({{{"type", "InternalIP"}, {"address", hostIP}}, {{"type", "Hostname"}, {"address", cfg.name}}})},
        {"daemonEndpoints", {{"kubeletEndpoint", {{"Port", 10250}}}}},
        {"nodeInfo",
         {{"architecture", "amd64"},
          {"bootID", rng.uuid()},
          {"containerRuntimeVersion", "containerd://1.7.18"},
          {"kernelVersion", "6.1.0-18-amd64"},
          {"kubeProxyVersion", "v1.31.0"},
          {"kubeletVersion", "v1.31.0"},
          {"machineID", rng.hex(32)},
          {"operatingSystem", "linux"},
          {"osImage", "Debian GNU/Linux 12 (bookworm)"},
          {"systemUUID", rng.uuid()}}}}}};
  if (!taints.empty()) node["spec"]["taints"] = taints;
  node["metadata"]["uid"] = rng.uuid();
  node["metadata"]["creationTimestamp"] = now;
  auto r = store.create(node);
  if (!r.ok()) return r.err.message;
  kubelets[cfg.name] = std::make_unique<Kubelet>(*this, cfg.name, "10.244." + std::to_string(idx) + ".", hostIP);
  return "";
}

Kubelet* Cluster::kubelet(const std::string& node) {
  auto it = kubelets.find(node);
  return it == kubelets.end() ? nullptr : it->second.get();
}

bool Cluster::resolveHost(const std::string& host, const std::string& podNs) const {
  if (host == "localhost" || host == "kubernetes" || host == "kubernetes.default" ||
      host == "kubernetes.default.svc" || host == "kubernetes.default.svc.cluster.local")
    return true;
  // IP literals resolve to themselves.
  bool ipLiteral = !host.empty() && std::count(host.begin(), host.end(), '.') == 3 && host.front() != '.' &&
                   host.back() != '.' && host.find("..") == std::string::npos;
  for (char ch : host)
    if (!(isdigit(static_cast<unsigned char>(ch)) || ch == '.')) ipLiteral = false;
  if (ipLiteral) return true;
  std::string h = host;
  const std::string suffix = ".cluster.local";
  if (h.size() > suffix.size() && h.compare(h.size() - suffix.size(), suffix.size(), suffix) == 0)
    h = h.substr(0, h.size() - suffix.size());
  if (h.size() > 4 && h.compare(h.size() - 4, 4, ".svc") == 0) h = h.substr(0, h.size() - 4);
  std::string svc = h, ns = podNs;
  auto dot = h.find('.');
  if (dot != std::string::npos) {
    svc = h.substr(0, dot);
    ns = h.substr(dot + 1);
    if (ns.find('.') != std::string::npos) return false;
  }
  return store.get("Service", ns, svc) != nullptr;
}

}  // namespace podplay
