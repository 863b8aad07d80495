// podplay core: one kubelet per node (modelled on pkg/kubelet: pod workers, prober, status manager).
//
// The kubelet watches the pods bound to its node (Store::watch with a node filter) and runs each
// through a PodWorker state machine:
//
//   admit -> sandbox (pause container, pod IP) -> init containers, one at a time, each to exit 0
//         -> regular containers in order (pull -> create -> start -> postStart, blocking)
//         -> steady state: processes run, probes tick, exits restart per restartPolicy with
//            crash backoff (10s doubling to 300s, reset after 10 min of running)
//   deletion (deletionTimestamp): preStop, SIGTERM, SIGKILL at the end of the grace period,
//         terminal phase, then the object is removed.
//
// The worker is level-triggered: sync() compares the spec with the runtime state and does the
// next step; anything asynchronous (image pull, a hook, a sleep in a container) schedules a
// callback on the event queue that ends in sync() again. Status is written through the Store
// whenever it changes (status manager), so `get -w` sees each transition once.
#pragma once
#include <map>
#include <memory>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "api/store.h"
#include "kubelet/timeline.h"
#include "runtime/process.h"

namespace podplay {

class Cluster;
struct PodWorker;
struct Ctr;

class Kubelet {
 public:
  Kubelet(Cluster& c, std::string node, std::string podCidrPrefix, std::string hostIP);
  ~Kubelet();
  const std::string& node() const { return node_; }
  const std::string& hostIP() const { return hostIP_; }

  // `sim kill pod/NAME [-c C] [--exit-code N | --oom]`: the container's process dies now.
  // Returns "" or an error message (kubectl style, without "error: ").
  std::string killContainer(const std::string& ns, const std::string& pod, const std::string& container,
                            int exitCode, bool oom);

  struct ExecResult {
    std::string output;
    int exitCode = 0;
    std::string error;  // non-empty: kubectl error line (without "error: ")
    Time duration = 0;  // virtual time the command took (its sleeps)
  };
  // `kubectl exec`: runs argv inside the container's current instance.
  ExecResult exec(const std::string& ns, const std::string& pod, const std::string& container,
                  const std::vector<std::string>& argv);
  // `kubectl logs`: the current (or, with previous, the last terminated) instance's output.
  // Returns false and sets err (an API error message) when not available.
  bool logs(const std::string& ns, const std::string& pod, const std::string& container, bool previous,
            std::string& out, std::string& err);
  bool hasPod(const std::string& ns, const std::string& pod) const;
  // An HTTP request that reached the pod (Service traffic, its IP, localhost): the running container
  // listening on req.port answers (Process::serveHttp); status 0 if none (connection refused). The
  // request's CPU cost is charged to that container (MetricsServer).
  HttpResponse serveHttp(const std::string& ns, const std::string& pod, const HttpRequest& req);
  // `sim node fail` / `sim node recover`: a failed kubelet stops renewing its Lease, reporting status
  // and acting on pods (its containers keep running, unmanaged); on recovery it posts Ready and
  // re-syncs every pod bound to the node (pods deleted meanwhile are stopped then).
  void setDown(bool down);
  bool down() const { return down_; }

  // The pod's container history (UI timeline); null if this kubelet does not run the pod.
  const PodTimeline* timeline(const std::string& ns, const std::string& pod) const;

  // Crash backoff entry (flowcontrol.Backoff): current duration and last update.
  struct Backoff {
    Time dur = 0;
    Time lastUpdate = 0;
  };

 private:
  friend struct PodWorker;
  void onPodEvent(const WatchEvent& ev);
  void renewLease();
  void adopt(const json& pod);
  PodWorker* find(const std::string& ns, const std::string& pod) const;
  std::string allocateIP();

  Cluster& c_;
  std::string node_;
  std::string cidrPrefix_;  // "10.244.1."
  std::string hostIP_;
  int nextIp_ = 2;
  WatchId watch_ = 0;
  bool down_ = false;
  EventId leaseTimer_ = 0;
  std::set<std::string> images_;  // image cache (by spec image string)
  Time pullFreeAt_ = 0;           // serialized image pulls (serializeImagePulls=true)
  std::map<std::string, Time> pullingUntil_;  // images being pulled -> when the last pull ends
  std::unordered_map<std::string, std::unique_ptr<PodWorker>> workers_;  // by pod UID
  std::unordered_map<std::string, Backoff> crashBackoff_, pullBackoff_;
};

}  // namespace podplay
