// podplay core: Service networking.
//
//   EndpointsController  (k/k pkg/controller/endpoint/endpoints_controller.go) keeps one Endpoints
//                        object (v1, name = Service name) per Service with a selector: ready pods in
//                        `addresses`, others in `notReadyAddresses` (terminal and terminating pods are
//                        left out), ports from the Service with targetPort resolved (named ports looked
//                        up in the pod), repacked and sorted like endpoints.RepackSubsets, truncated at
//                        1000 addresses (annotation endpoints.kubernetes.io/over-capacity: truncated),
//                        labels copied from the Service (+ service.kubernetes.io/headless), annotation
//                        endpoints.kubernetes.io/last-change-trigger-time.
//   ServiceProxy         kube-proxy (iptables mode) + cluster DNS for traffic sent from containers:
//                        a Service name (every DNS form Cluster::resolveHost accepts) or ClusterIP is
//                        load-balanced to one ready endpoint chosen at random (seeded), the port
//                        mapped to the endpoint's targetPort; a pod IP goes straight to that pod. The
//                        serving container answers through Kubelet::serveHttp.
//
// Cost: a pod event looks only at the Services of the pod's namespace (a per-Service member index is
// kept up to date), a Service sync only at the pods its selector matched; the proxy keeps ClusterIP
// and pod IP indexes, so routing a request never scans pods.
#pragma once
#include <map>
#include <optional>
#include <set>
#include <tuple>
#include <string>
#include <unordered_map>
#include <vector>

#include "api/store.h"
#include "runtime/process.h"
#include "util/labels.h"
#include "util/rng.h"

namespace podplay {

class Cluster;

class EndpointsController {
 public:
  explicit EndpointsController(Cluster& c);
  ~EndpointsController();
  EndpointsController(const EndpointsController&) = delete;
  EndpointsController& operator=(const EndpointsController&) = delete;

  // The Endpoints object the controller would write for `svc` given `pods` (the pods its selector
  // matches, any state): subsets only (pure; unit tests).
  static json computeSubsets(const json& svc, const std::vector<ObjPtr>& pods);
  static constexpr size_t kMaxCapacity = 1000;

 private:
  using Key = std::pair<std::string, std::string>;  // namespace, name
  struct SvcState {
    Selector selector;
    bool hasSelector = false;
    std::set<std::string> members;            // pods (names) the selector matches
    std::map<std::string, Time> podTriggers;  // last-change-trigger-time tracker
    Time serviceTrigger = -1;
    bool tracked = false;
  };
  void onService(const WatchEvent& ev);
  void onPod(const WatchEvent& ev);
  void onEndpoints(const WatchEvent& ev);
  void enqueue(const Key& k);
  void drain();
  void sync(const Key& k);
  void rebuildMembers(const Key& k, SvcState& st);

  Cluster& c_;
  std::set<Key> dirty_;
  bool scheduled_ = false;
  std::map<Key, SvcState> svcs_;                                       // every Service
  std::unordered_map<std::string, std::set<std::string>> svcsByNs_;  // namespace -> Service names
  WatchId svcWatch_ = 0, podWatch_ = 0, epWatch_ = 0;
};

class ServiceProxy {
 public:
  // `seed`: the cluster's seed; the endpoint choice uses its own stream of it, so traffic does not
  // shift the names and uids the rest of the cluster draws.
  ServiceProxy(Cluster& c, uint64_t seed);
  ~ServiceProxy();
  ServiceProxy(const ServiceProxy&) = delete;
  ServiceProxy& operator=(const ServiceProxy&) = delete;

  // The Service `host` names from a pod in `podNs` ("svc", "svc.ns", "svc.ns.svc[.cluster.local]").
  std::optional<std::pair<std::string, std::string>> serviceFor(const std::string& host,
                                                                const std::string& podNs) const;
  // What cluster DNS answers for `host`: the ClusterIP (headless: a ready pod IP), an IP literal
  // itself, "" if unknown here.
  std::string address(const std::string& host, const std::string& podNs) const;
  // An HTTP GET sent by a pod (namespace fromNs, IP fromIp) to host:port.
  HttpRoute request(const std::string& fromNs, const std::string& fromIp, const std::string& host, int port,
                    const std::string& path, const std::string& userAgent);
  // Deliver to the pod ns/name at its `port` (Kubelet::serveHttp); routed, status 0 if refused.
  HttpRoute toPod(const std::string& ns, const std::string& name, int port, const HttpRequest& req);
  // The pod that has IP `ip`, if any.
  std::optional<std::pair<std::string, std::string>> podByIP(const std::string& ip) const;

 private:
  using Key = std::pair<std::string, std::string>;
  HttpRoute viaService(const Key& svc, int port, const HttpRequest& req);
  // (endpoint IP, target port) of every ready address serving `port` of the Service.
  static std::vector<std::pair<std::string, int>> candidates(const json& svc, const json* ep, int port,
                                                             std::string& clusterIP, bool& headless);
  struct Rules {
    ObjPtr svc, ep;  // the versions the candidates were computed from
    std::string clusterIP;
    bool headless = false;
    std::vector<std::pair<std::string, int>> cands;
  };
  void onService(const WatchEvent& ev);
  void onPod(const WatchEvent& ev);

  Cluster& c_;
  Rng rng_;
  std::unordered_map<std::string, Key> svcByIP_;  // ClusterIP -> Service
  std::unordered_map<std::string, Key> podByIP_;  // pod IP -> pod
  std::map<std::tuple<std::string, std::string, int>, Rules> rules_;  // (ns, Service, port)
  WatchId svcWatch_ = 0, podWatch_ = 0;
};

}  // namespace podplay
