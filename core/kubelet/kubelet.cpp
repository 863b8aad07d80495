// podplay core: kubelet implementation. Index:
//   [SECTION] data: Ctr (one container of a pod), PodWorker (one pod)
//   [SECTION] helpers: JSON accessors, messages
//   [SECTION] sync: the level-triggered pod worker
//   [SECTION] start: image pull, create, start, postStart
//   [SECTION] stop: kill with preStop and grace period, exits
//   [SECTION] probes: startup / liveness / readiness workers
//   [SECTION] status: phase, conditions, container statuses (status manager)
//   [SECTION] Kubelet: watch, exec, logs, kill
#include "kubelet/kubelet.h"

#include <algorithm>
#include <functional>
#include <optional>

#include "cluster.h"
#include "controllers/endpoints.h"
#include "metrics/metrics.h"
#include "scheduler/scheduler.h"
#include "util/quantity.h"
#include "util/timefmt.h"

namespace podplay {

namespace {
constexpr Time kSandboxDelay = 1000;       // pause container + CNI
constexpr Time kResyncInBackoff = 10000;   // pod worker requeue while in backoff
constexpr Time kStatusLag = 1000;          // a waiting reason shows at the next status generation
constexpr Time kMinKillGrace = 2000;       // minimumGracePeriodInSeconds
constexpr Time kImageNotFoundTime = 1000;  // resolving a missing tag fails fast
constexpr Time kAlwaysPullCached = 500;    // Always policy with layers already present
constexpr Time kCrashBackoffInitial = 10000;
constexpr Time kCrashBackoffMax = 300000;
}  // namespace

// [SECTION] data ---------------------------------------------------------------------------------

struct Term {
  int exitCode = 0;
  std::string reason;
  std::string message;
  Time startedAt = 0, finishedAt = 0;
  std::string containerId;
};

struct Instance {
  int gen = 0;
  std::string id;
  Time startedAt = 0;
  std::unique_ptr<Process> proc;
  ContainerFs fs;
  std::string log;
  EventId wake = 0;
  bool running = false;
};

enum ProbeKind { kStartup = 0, kLiveness = 1, kReadiness = 2 };
static const char* kProbeField[] = {"startupProbe", "livenessProbe", "readinessProbe"};
static const char* kProbeName[] = {"Startup", "Liveness", "Readiness"};

struct ProbeState {
  json spec;
  bool present = false;
  // Parsed once (the prober ticks often): timings in ms, thresholds, handler.
  Time initialDelay = 0, period = 10000, timeout = 1000;
  int successThreshold = 1, failureThreshold = 3;
  enum Handler { Exec, HttpGet, Tcp, None } handler = None;
  json port;
  std::string path = "/", scheme = "HTTP";
  std::vector<std::string> command;
  int successes = 0, failures = 0;
  int result = 0;  // 0 unknown, 1 success, 2 failure
  EventId timer = 0;
};

struct Ctr {
  std::string name;
  bool init = false;
  bool sidecar = false;  // init container with restartPolicy Always
  int index = 0;
  json spec;
  ImageInfo img;
  enum class S { Waiting, Running, Terminated } state = S::Waiting;
  std::string waitReason, waitMessage;
  std::optional<Term> term;  // current state Terminated
  std::optional<Term> last;  // lastState.terminated
  int restarts = 0;
  std::unique_ptr<Instance> inst;
  std::string prevLog;
  bool hasPrev = false;
  bool started = false, ready = false, everStarted = false;
  bool starting = false;  // pull/create/postStart in progress
  bool stopping = false;  // kill in progress
  // The last instance was stopped by the kubelet itself (liveness/startup failure, changed spec).
  // doBackOff then looks at the instance before it: the first such restart is immediate.
  bool killedByKubelet = false;
  bool restartInSameSync = false;  // the kill in progress is followed by a start in the same sync
  std::optional<Time> prevFinished;  // finishedAt of the instance before the last one
  bool succeeded() const { return state == S::Terminated && term && term->exitCode == 0; }
  ProbeState probes[3];
  std::unique_ptr<Process> hook;
  EventId hookWake = 0;
  EventId killTimer = 0;
  int gen = 0;
  // Back-off events repeat once per pod-worker retry (~10s), not on every sync.
  Time backoffUntil = -1;  // when the kubelet retries (crash or pull back-off)
  Time backoffDur = 0;
  Time backoffEventAt = -1;
  int backoffEventGen = -1;
  bool backoffEventDue(Time now, Time every) {
    if (backoffEventGen == gen && backoffEventAt >= 0 && now - backoffEventAt < every) return false;
    backoffEventGen = gen;
    backoffEventAt = now;
    return true;
  }
  std::string fieldPath() const {
    return std::string(init ? "spec.initContainers{" : "spec.containers{") + name + "}";
  }
};

struct PodWorker {
  Kubelet& k;
  Cluster& c;
  std::string uid, ns, name;
  json pod;  // latest snapshot seen
  std::vector<std::unique_ptr<Ctr>> inits, ctrs;
  bool admitted = false, sandbox = false, sandboxCreating = false;
  std::string ip;
  Time startTime = 0;
  bool busy = false, pendingSync = false, inSync = false;
  bool terminating = false, terminal = false, gone = false;
  Time deletionDeadline = 0;
  std::map<std::string, std::shared_ptr<Volume>> volumes;
  EventId resync = 0;
  Time resyncAt = -1;
  bool statusDirty = false;
  std::string rejectReason, rejectMessage;
  std::map<std::string, Time> conditionTimes;  // type -> lastTransitionTime
  PodTimeline timeline;
  void recordTimeline();
  std::map<std::string, std::string> conditionStatus;

  PodWorker(Kubelet& k_, Cluster& c_) : k(k_), c(c_) {}

  Time now() const { return c.queue.now(); }
  EventSource source() const { return {"kubelet", k.node()}; }
  void event(const std::string& type, const std::string& reason, const std::string& msg,
             const std::string& fieldPath = "") {
    if (k.down_) return;
    c.recorder.record(pod, type, reason, msg, source(), fieldPath);
  }
  std::string restartPolicy() const { return pod["spec"].value("restartPolicy", "Always"); }
  std::string podKey() const { return name + "_" + ns + "(" + uid + ")"; }

  void init(const json& p);
  bool admit();
  void sync();
  void requestSync();
  void scheduleResync(Time at);
  void markDirty();
  void writeStatus();
  json buildStatus();
  std::string computePhase() const;

  void startContainer(Ctr& ct);
  void pullThenCreate(Ctr& ct);
  void createAndStart(Ctr& ct);
  void runPostStart(Ctr& ct);
  void resumeProcess(Ctr& ct, int gen);
  void resumeHook(Ctr& ct, int gen, std::function<void(int)> done);
  void runHook(Ctr& ct, const json& h, std::function<void(int)> done);
  void containerExited(Ctr& ct, int code, const std::string& reason);
  // restartInSameSync: liveness/startup failure or a changed spec (computePodActions kills and
  // starts in one sync); false for postStart failures and deletion.
  void killContainer(Ctr& ct, Time grace, const std::string& message, bool runPreStop,
                     bool restartInSameSync = false);
  void sendTerm(Ctr& ct, Time deadline);
  void startTermination();
  void finishIfStopped();
  bool inCrashBackoff(Ctr& ct, Time& remaining, Time& dur);
  bool backoffReference(const Ctr& ct, Time& finished) const;
  void noteRestart(Ctr& ct);
  void enterCrashBackoff(Ctr& ct, Time dur);

  void startProbes(Ctr& ct);
  void scheduleProbe(Ctr& ct, int kind, Time at);
  void probeTick(Ctr& ct, int kind, int gen);
  bool runProbe(Ctr& ct, const ProbeState& probe, std::string& output);
  void stopProbes(Ctr& ct);

  ProcessContext context(Ctr& ct, Instance& inst);
  Ctr* findCtr(const std::string& cname);
  void cleanup();
};

// [SECTION] helpers ------------------------------------------------------------------------------

static std::vector<std::string> strList(const json& j, const char* key) {
  std::vector<std::string> out;
  auto it = j.find(key);
  if (it == j.end() || !it->is_array()) return out;
  for (const auto& v : *it) {
    if (v.is_string()) out.push_back(v.get<std::string>());
    else out.push_back(v.dump());
  }
  return out;
}

static int64_t intOr(const json& j, const char* key, int64_t def) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_number()) return def;
  return it->get<int64_t>();
}

static std::string goList(const std::vector<std::string>& v) {
  std::string s = "[";
  for (size_t i = 0; i < v.size(); ++i) s += (i ? " " : "") + v[i];
  return s + "]";
}

static std::string hexId(Rng& rng) { return rng.hex(64); }

static json termJson(const Term& t) {
  json j = {{"exitCode", t.exitCode},
            {"reason", t.reason},
            {"startedAt", rfc3339(t.startedAt)},
            {"finishedAt", rfc3339(t.finishedAt)},
            {"containerID", "containerd://" + t.containerId}};
  if (!t.message.empty()) j["message"] = t.message;
  return j;
}

void PodWorker::init(const json& p) {
  pod = p;
  const json& meta = p["metadata"];
  uid = meta.value("uid", "");
  ns = meta.value("namespace", "default");
  name = meta.value("name", "");
  auto add = [&](const json& list, bool isInit) {
    if (!list.is_array()) return;
    int i = 0;
    for (const auto& cs : list) {
      auto ct = std::make_unique<Ctr>();
      ct->name = cs.value("name", "");
      ct->init = isInit;
      ct->sidecar = isInit && cs.value("restartPolicy", "") == "Always";
      ct->index = i++;
      ct->spec = cs;
      ct->img = lookupImage(cs.value("image", ""));
      ct->waitReason = isInit ? "PodInitializing" : "ContainerCreating";
      for (int k = 0; k < 3; ++k) {
        if (cs.contains(kProbeField[k]) && cs[kProbeField[k]].is_object()) {
          ProbeState& ps = ct->probes[k];
          ps.present = true;
          ps.spec = cs[kProbeField[k]];
          ps.initialDelay = intOr(ps.spec, "initialDelaySeconds", 0) * 1000;
          ps.period = intOr(ps.spec, "periodSeconds", 10) * 1000;
          ps.timeout = intOr(ps.spec, "timeoutSeconds", 1) * 1000;
          ps.successThreshold = static_cast<int>(intOr(ps.spec, "successThreshold", 1));
          ps.failureThreshold = static_cast<int>(intOr(ps.spec, "failureThreshold", 3));
          if (ps.spec.contains("exec")) {
            ps.handler = ProbeState::Exec;
            ps.command = strList(ps.spec["exec"], "command");
          } else if (ps.spec.contains("httpGet")) {
            ps.handler = ProbeState::HttpGet;
            const json& h = ps.spec["httpGet"];
            ps.port = h.value("port", json(80));
            ps.path = h.value("path", "/");
            if (ps.path.empty() || ps.path[0] != '/') ps.path = "/" + ps.path;
            ps.scheme = h.value("scheme", "HTTP");
          } else if (ps.spec.contains("tcpSocket") || ps.spec.contains("grpc")) {
            ps.handler = ProbeState::Tcp;
            ps.port = (ps.spec.contains("tcpSocket") ? ps.spec["tcpSocket"] : ps.spec["grpc"]).value("port", json(0));
          }
        }
      }
      (isInit ? inits : ctrs).push_back(std::move(ct));
    }
  };
  add(p["spec"].value("initContainers", json::array()), true);
  add(p["spec"].value("containers", json::array()), false);
  // Regular containers wait in PodInitializing while init containers run.
  if (!inits.empty())
    for (auto& ct : ctrs) ct->waitReason = "PodInitializing";
  // Volumes: emptyDir and friends become shared storage; the service account volume gets its files.
  for (const auto& v : p["spec"].value("volumes", json::array())) {
    auto vol = std::make_shared<Volume>();
    std::string vname = v.value("name", "");
    if (v.contains("projected")) {
      vol->files["namespace"] = ns;
      vol->files["token"] = "eyJhbGciOiJSUzI1NiIsImtpZCI6InBvZHBsYXkifQ.simulated";
      vol->files["ca.crt"] = "-----BEGIN CERTIFICATE-----\nsimulated\n-----END CERTIFICATE-----\n";
    }
    if (v.contains("configMap")) {
      auto cm = c.store.get("ConfigMap", ns, v["configMap"].value("name", ""));
      if (cm && (*cm).contains("data"))
        for (auto& [key, val] : (*cm)["data"].items())
          if (val.is_string()) vol->files[key] = val.get<std::string>();
    }
    volumes[vname] = vol;
  }
}

// Kubelet admission (lifecycle.PredicateAdmitHandler): resources, node affinity, NoExecute taints.
// Only pods that bypassed the scheduler (spec.nodeName set by the user) can fail it.
bool PodWorker::admit() {
  auto node = c.store.get("Node", "", k.node());
  if (!node) return true;
  PodRequests req = podRequests(pod);
  int64_t usedCpu = 0, usedMem = 0, pods = 0;
  for (const auto& other : c.store.podsOnNode(k.node())) {
    if ((*other)["metadata"].value("uid", "") == uid) continue;
    std::string ph = (*other)["status"].value("phase", "");
    if (ph == "Succeeded" || ph == "Failed") continue;
    PodRequests r = podRequests(*other);
    usedCpu += r.cpu;
    usedMem += r.mem;
    pods++;
  }
  const json& alloc = (*node)["status"].value("allocatable", json::object());
  Quantity q;
  int64_t capCpu = alloc.contains("cpu") && parseQuantity(alloc["cpu"], q) ? q.milli() : 0;
  int64_t capMem = alloc.contains("memory") && parseQuantity(alloc["memory"], q) ? q.value() : 0;
  int64_t capPods = alloc.contains("pods") && parseQuantity(alloc["pods"], q) ? q.value() : 110;
  auto reject = [&](const std::string& reason, const std::string& message) {
    rejectReason = reason;
    rejectMessage = message;
    event("Warning", reason, message);
    return false;
  };
  if (pods + 1 > capPods)
    return reject("OutOfpods", "Node didn't have enough resource: pods, requested: 1, used: " + std::to_string(pods) +
                                   ", capacity: " + std::to_string(capPods));
  if (req.cpu > 0 && usedCpu + req.cpu > capCpu)
    return reject("OutOfcpu", "Pod was rejected: Node didn't have enough resource: cpu, requested: " + std::to_string(req.cpu) +
                                  ", used: " + std::to_string(usedCpu) + ", capacity: " + std::to_string(capCpu));
  if (req.mem > 0 && usedMem + req.mem > capMem)
    return reject("OutOfmemory", "Pod was rejected: Node didn't have enough resource: memory, requested: " +
                                     std::to_string(req.mem) + ", used: " + std::to_string(usedMem) +
                                     ", capacity: " + std::to_string(capMem));
  if (!matchesNodeSelectorAndAffinity(pod, *node))
    return reject("NodeAffinity", "Predicate NodeAffinity failed");
  for (const auto& taint : (*node)["spec"].value("taints", json::array())) {
    if (taint.value("effect", "") != "NoExecute") continue;
    if (!toleratesAll(pod["spec"].value("tolerations", json::array()), taint))
      return reject("Taint", "Predicate TaintToleration failed");
  }
  return true;
}

Ctr* PodWorker::findCtr(const std::string& cname) {
  for (auto& ct : ctrs)
    if (ct->name == cname) return ct.get();
  for (auto& ct : inits)
    if (ct->name == cname) return ct.get();
  return nullptr;
}

ProcessContext PodWorker::context(Ctr& ct, Instance& inst) {
  ProcessContext ctx;
  ctx.fs = &inst.fs;
  ctx.log = &inst.log;
  ctx.podNamespace = ns;
  ctx.containerStartedAt = inst.startedAt;
  ctx.env["HOSTNAME"] = name;
  ctx.env["PATH"] = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
  ctx.env["KUBERNETES_SERVICE_HOST"] = "10.96.0.1";
  ctx.env["KUBERNETES_SERVICE_PORT"] = "443";
  for (const auto& e : ct.spec.value("env", json::array())) {
    std::string en = e.value("name", "");
    if (e.contains("value") && e["value"].is_string()) ctx.env[en] = e["value"].get<std::string>();
    else if (e.contains("valueFrom")) {
      const json& vf = e["valueFrom"];
      if (vf.contains("fieldRef")) {
        std::string fp = vf["fieldRef"].value("fieldPath", "");
        if (fp == "metadata.name") ctx.env[en] = name;
        else if (fp == "metadata.namespace") ctx.env[en] = ns;
        else if (fp == "status.podIP") ctx.env[en] = ip;
        else if (fp == "spec.nodeName") ctx.env[en] = k.node();
        else if (fp == "status.hostIP") ctx.env[en] = k.hostIP();
      }
    }
  }
  Cluster* cl = &c;
  std::string podNs = ns;
  ctx.podIP = ip;
  ctx.resolve = [cl, podNs](const std::string& host) { return cl->resolveHost(host, podNs); };
  ctx.lookup = [cl, podNs](const std::string& host) {
    return cl->proxy ? cl->proxy->address(host, podNs) : std::string();
  };
  // wget/curl: Services and pod IPs through the service proxy; localhost and the pod's own name are
  // the pod itself. Each request costs the sending container some CPU.
  ctx.httpRequest = [cl, podNs, podName = name, podIp = ip, podUid = uid, ctrName = ct.name,
                     cost = ct.img.cpuPerClientRequestMicros](const std::string& host, int port, const std::string& path,
                                                              const std::string& agent) -> HttpRoute {
    if (cl->metrics) cl->metrics->addCpu(podUid, ctrName, cl->queue.now(), cost);
    if (!cl->proxy) return {};
    if (host == "localhost" || host == "127.0.0.1" || host == "0.0.0.0" || host == podName || host == podIp) {
      HttpRequest req;
      req.path = path;
      req.clientIp = host == podIp ? podIp : "127.0.0.1";
      req.userAgent = agent;
      HttpRoute r = cl->proxy->toPod(podNs, podName, port, req);
      r.ip = host == podIp || host == podName ? podIp : "127.0.0.1";
      return r;
    }
    return cl->proxy->request(podNs, podIp, host, port, path, agent);
  };
  Instance* ip_ = &inst;
  ctx.processRunning = [ip_](const std::string& pname) {
    return ip_->running && ip_->proc && ip_->proc->name() == pname;
  };
  PodWorker* self = this;
  Ctr* ctp = &ct;
  int gen = inst.gen;
  ctx.stopProcess = [self, ctp, gen](const std::string& pname) {
    // The main process notices at its next resume (now).
    self->c.queue.after(0, [self, ctp, gen] { self->resumeProcess(*ctp, gen); });
  };
  return ctx;
}

// [SECTION] sync ---------------------------------------------------------------------------------

void PodWorker::requestSync() {
  c.queue.after(0, [kp = &k, uid = uid] {
    auto it = kp->workers_.find(uid);
    if (it != kp->workers_.end()) it->second->sync();
  });
}

void PodWorker::scheduleResync(Time at) {
  if (resync && resyncAt <= at && resyncAt >= now()) return;
  c.queue.cancel(resync);
  resyncAt = at;
  resync = c.queue.at(at, [kp = &k, uid = uid] {
    auto it = kp->workers_.find(uid);
    if (it == kp->workers_.end()) return;
    it->second->resync = 0;
    it->second->resyncAt = -1;
    it->second->sync();
  });
}

void PodWorker::markDirty() {
  if (statusDirty) return;
  statusDirty = true;
  c.queue.after(0, [kp = &k, uid = uid] {
    auto it = kp->workers_.find(uid);
    if (it == kp->workers_.end()) return;
    it->second->statusDirty = false;
    it->second->writeStatus();
  });
}

bool PodWorker::inCrashBackoff(Ctr& ct, Time& remaining, Time& dur) {
  std::string key = uid + "/" + ct.name;
  auto it = k.crashBackoff_.find(key);
  Time finished = 0;
  if (!backoffReference(ct, finished)) return false;
  if (it == k.crashBackoff_.end()) return false;
  // Expired entries (container ran > 2 x max since the last update) do not hold.
  if (finished - it->second.lastUpdate > 2 * kCrashBackoffMax) return false;
  if (now() - finished < it->second.dur) {
    remaining = it->second.dur - (now() - finished);
    dur = it->second.dur;
    ct.backoffUntil = finished + it->second.dur;
    ct.backoffDur = it->second.dur;
    return true;
  }
  return false;
}

static void backoffNext(Kubelet::Backoff& b, bool exists, Time eventTime, Time initial, Time max) {
  if (!exists || eventTime - b.lastUpdate > 2 * max) b.dur = initial;
  else b.dur = std::min(b.dur * 2, max);
  b.lastUpdate = eventTime;
}

// doBackOff's Next(): the restart happens now; the next crash waits twice as long.
void PodWorker::noteRestart(Ctr& ct) {
  std::string key = uid + "/" + ct.name;
  bool exists = k.crashBackoff_.count(key) > 0;
  Time ts = 0;
  if (!backoffReference(ct, ts)) return;  // no exited instance to back off from
  backoffNext(k.crashBackoff_[key], exists, ts, kCrashBackoffInitial, kCrashBackoffMax);
}

// The exited instance doBackOff measures from: the one that just exited, or, when the kubelet
// itself stopped it, the one before (the kubelet restarts in the same sync as the kill).
bool PodWorker::backoffReference(const Ctr& ct, Time& finished) const {
  if (ct.killedByKubelet) {
    if (ct.state == Ctr::S::Waiting) {  // term already moved to last: the one before is gone
      if (!ct.prevFinished) return false;
      finished = *ct.prevFinished;
      return true;
    }
    if (!ct.last) return false;
    finished = ct.last->finishedAt;
    return true;
  }
  if (ct.term) finished = ct.term->finishedAt;
  else if (ct.last) finished = ct.last->finishedAt;
  else return false;
  return true;
}

void PodWorker::enterCrashBackoff(Ctr& ct, Time dur) {
  std::string msg = "back-off " + goDuration(dur) + " restarting failed container=" + ct.name + " pod=" + podKey();
  if (ct.backoffEventDue(now(), kResyncInBackoff))
    event("Warning", "BackOff", "Back-off restarting failed container " + ct.name + " in pod " + podKey(),
          ct.fieldPath());
  if (ct.state == Ctr::S::Terminated) {
    // The waiting reason shows from the next status generation on.
    int gen = ct.gen;
    Ctr* ctp = &ct;
    c.queue.after(kStatusLag, [kp = &k, uid = uid, ctp, gen, msg] {
      auto it = kp->workers_.find(uid);
      if (it == kp->workers_.end()) return;
      PodWorker& w = *it->second;
      if (ctp->gen != gen || ctp->state != Ctr::S::Terminated || w.terminating || w.terminal) return;
      if (ctp->last) ctp->prevFinished = ctp->last->finishedAt;
      ctp->last = ctp->term;
      ctp->term.reset();
      ctp->state = Ctr::S::Waiting;
      ctp->waitReason = "CrashLoopBackOff";
      ctp->waitMessage = msg;
      w.markDirty();
    });
  } else if (ct.state == Ctr::S::Waiting) {
    ct.waitReason = "CrashLoopBackOff";
    ct.waitMessage = msg;
  }
}

static bool shouldRestart(const std::string& policy, const Ctr& ct) {
  if (ct.sidecar) return true;
  if (policy == "Always") return true;
  if (policy == "OnFailure") return !(ct.term && ct.term->exitCode == 0) && !(ct.last && ct.state == Ctr::S::Waiting && ct.last->exitCode == 0);
  return false;
}

void PodWorker::sync() {
  if (gone || k.down_) return;
  if (busy) {
    pendingSync = true;
    return;
  }
  auto cur = c.store.get("Pod", ns, name);
  if (!cur || (*cur)["metadata"].value("uid", "") != uid) {
    // Force-deleted: kill everything now.
    for (auto* list : {&inits, &ctrs})
      for (auto& ct : *list)
        if (ct->inst && ct->inst->running) containerExited(*ct, 137, "Error");
    cleanup();
    return;
  }
  pod = *cur;
  if (terminal) return;
  if (pod["metadata"].contains("deletionTimestamp")) {
    startTermination();
    return;
  }
  if (!admitted) {
    admitted = true;
    startTime = now();
    if (!admit()) {
      terminal = true;
      writeStatus();
      return;
    }
    markDirty();
  }
  if (!sandbox) {
    if (!sandboxCreating) {
      sandboxCreating = true;
      busy = true;
      c.queue.after(kSandboxDelay, [kp = &k, uid = uid] {
        auto it = kp->workers_.find(uid);
        if (it == kp->workers_.end()) return;
        PodWorker& w = *it->second;
        w.busy = false;
        w.sandbox = true;
        w.ip = w.k.allocateIP();
        w.markDirty();
        w.sync();
      });
    }
    return;
  }
  std::string policy = restartPolicy();
  Time remaining = 0, dur = 0;
  // Init containers: one at a time, in order.
  for (auto& ctp : inits) {
    Ctr& ct = *ctp;
    if (ct.succeeded() && !ct.sidecar) continue;
    if (ct.sidecar && ct.state == Ctr::S::Running && ct.started) continue;
    if (ct.starting || ct.stopping || ct.state == Ctr::S::Running) return;  // wait for it
    bool failed = ct.state == Ctr::S::Terminated ||
                  (ct.state == Ctr::S::Waiting && ct.last && ct.waitReason == "CrashLoopBackOff");
    if (failed) {
      if (policy == "Never" && !ct.sidecar) {
        terminal = true;
        markDirty();
        return;
      }
      if (inCrashBackoff(ct, remaining, dur)) {
        enterCrashBackoff(ct, dur);
        scheduleResync(now() + std::min(remaining, kResyncInBackoff));
        markDirty();
        return;
      }
      noteRestart(ct);
    }
    startContainer(ct);
    return;
  }
  // Regular containers, in order; a container in backoff does not hold up the others.
  Time nextWake = -1;
  for (auto& ctp : ctrs) {
    Ctr& ct = *ctp;
    if (ct.starting) return;
    if (ct.stopping || ct.state == Ctr::S::Running) continue;
    if (!ct.everStarted && !ct.term && !ct.last) {
      startContainer(ct);  // also retries failed pulls (it checks the pull back-off)
      if (ct.starting) return;
      continue;
    }
    if (!shouldRestart(policy, ct)) continue;
    if (inCrashBackoff(ct, remaining, dur)) {
      enterCrashBackoff(ct, dur);
      Time wake = now() + std::min(remaining, kResyncInBackoff);
      if (nextWake < 0 || wake < nextWake) nextWake = wake;
      continue;
    }
    if (ct.state != Ctr::S::Waiting || ct.waitReason == "CrashLoopBackOff") noteRestart(ct);
    startContainer(ct);
    if (ct.starting) return;
  }
  if (nextWake >= 0) scheduleResync(nextWake);
  // Terminal? (restartPolicy Never/OnFailure with everything exited)
  std::string phase = computePhase();
  if (phase == "Succeeded" || phase == "Failed") {
    terminal = true;
    for (auto& ct : ctrs) stopProbes(*ct);
  }
  markDirty();
}

// [SECTION] start --------------------------------------------------------------------------------

void PodWorker::startContainer(Ctr& ct) {
  std::string image = ct.spec.value("image", "");
  if (!ct.img.validName) {
    ct.state = Ctr::S::Waiting;
    ct.waitReason = "InvalidImageName";
    ct.waitMessage = "Failed to apply default image tag \"" + image + "\": couldn't parse image name \"" + image +
                     "\": invalid reference format";
    event("Warning", "InspectFailed", ct.waitMessage, ct.fieldPath());
    event("Warning", "Failed", "Error: InvalidImageName", ct.fieldPath());
    markDirty();
    return;
  }
  std::string policy = ct.spec.value("imagePullPolicy", "IfNotPresent");
  bool present = k.images_.count(image) > 0;
  if (policy == "Never" && !present) {
    ct.state = Ctr::S::Waiting;
    ct.waitReason = "ErrImageNeverPull";
    ct.waitMessage = "Container image \"" + image + "\" is not present with pull policy of Never";
    event("Warning", "ErrImageNeverPull", ct.waitMessage, ct.fieldPath());
    event("Warning", "Failed", "Error: ErrImageNeverPull", ct.fieldPath());
    markDirty();
    return;
  }
  if (present && policy != "Always") {
    event("Normal", "Pulled", "Container image \"" + image + "\" already present on machine", ct.fieldPath());
    createAndStart(ct);
    return;
  }
  // Pull backoff (keyed by pod + image).
  std::string key = uid + "/" + image;
  auto it = k.pullBackoff_.find(key);
  if (it != k.pullBackoff_.end() && now() - it->second.lastUpdate < it->second.dur) {
    ct.state = Ctr::S::Waiting;
    ct.waitReason = "ImagePullBackOff";
    ct.waitMessage = "Back-off pulling image \"" + image + "\"";
    if (ct.backoffEventDue(now(), kResyncInBackoff)) {
      event("Normal", "BackOff", "Back-off pulling image \"" + image + "\"", ct.fieldPath());
      event("Warning", "Failed", "Error: ImagePullBackOff", ct.fieldPath());
    }
    Time until = it->second.lastUpdate + it->second.dur;
    ct.backoffUntil = until;
    ct.backoffDur = it->second.dur;
    scheduleResync(std::min(until, now() + kResyncInBackoff));
    markDirty();
    return;
  }
  pullThenCreate(ct);
}

void PodWorker::pullThenCreate(Ctr& ct) {
  std::string image = ct.spec.value("image", "");
  event("Normal", "Pulling", "Pulling image \"" + image + "\"", ct.fieldPath());
  ct.starting = true;
  busy = true;
  Time requested = now();
  // Serialized pulls: a pull queued behind one of the same image finds its layers already there.
  bool layersPresent = k.images_.count(image) || k.pullingUntil_.count(image);
  Time dur = ct.img.exists ? (layersPresent ? kAlwaysPullCached : ct.img.pullTime) : kImageNotFoundTime;
  Time start = std::max(now(), k.pullFreeAt_);
  Time end = start + dur;
  k.pullFreeAt_ = end;
  if (ct.img.exists) k.pullingUntil_[image] = std::max(end, k.pullingUntil_[image]);
  int gen = ct.gen;
  Ctr* ctp = &ct;
  c.queue.at(end, [kp = &k, uid = uid, ctp, gen, image, requested, dur] {
    auto it = kp->workers_.find(uid);
    if (it == kp->workers_.end()) return;
    PodWorker& w = *it->second;
    Ctr& ct = *ctp;
    if (ct.gen != gen) return;
    w.busy = false;
    ct.starting = false;
    if (w.terminating || w.gone) {
      w.sync();
      return;
    }
    std::string key = w.uid + "/" + image;
    if (!ct.img.exists) {
      w.event("Warning", "Failed", "Failed to pull image \"" + image + "\": " + ct.img.pullError, ct.fieldPath());
      w.event("Warning", "Failed", "Error: ErrImagePull", ct.fieldPath());
      auto bit = kp->pullBackoff_.find(key);
      bool exists = bit != kp->pullBackoff_.end();
      backoffNext(kp->pullBackoff_[key], exists, w.now(), kCrashBackoffInitial, kCrashBackoffMax);
      ct.state = Ctr::S::Waiting;
      ct.waitReason = "ErrImagePull";
      ct.waitMessage = ct.img.pullError;
      w.markDirty();
      w.scheduleResync(w.now() + kStatusLag);
      w.pendingSync = false;  // the resync above replaces it
      return;
    }
    kp->pullBackoff_.erase(key);
    kp->images_.insert(image);
    auto pit = kp->pullingUntil_.find(image);
    if (pit != kp->pullingUntil_.end() && pit->second <= w.now()) kp->pullingUntil_.erase(pit);
    Time total = w.now() - requested;
    w.event("Normal", "Pulled",
            "Successfully pulled image \"" + image + "\" in " + goDuration(dur) + " (" + goDuration(total) +
                " including waiting). Image size: " + std::to_string(ct.img.sizeBytes) + " bytes.",
            ct.fieldPath());
    w.createAndStart(ct);
    if (!ct.starting) w.sync();
  });
}

void PodWorker::createAndStart(Ctr& ct) {
  // A restart: the previous instance becomes lastState.
  if (ct.everStarted) {
    if (ct.state == Ctr::S::Terminated && ct.term) {
      if (ct.last) ct.prevFinished = ct.last->finishedAt;
      ct.last = ct.term;
    }
    ct.restarts++;
    if (ct.inst) {
      ct.prevLog = ct.inst->log;
      ct.hasPrev = true;
    }
  }
  ct.term.reset();
  ct.killedByKubelet = false;
  ct.gen++;
  auto inst = std::make_unique<Instance>();
  inst->gen = ct.gen;
  inst->id = hexId(c.rng);
  inst->startedAt = now();
  seedImageFiles(ct.img, inst->fs);
  for (const auto& vm : ct.spec.value("volumeMounts", json::array())) {
    auto vit = volumes.find(vm.value("name", ""));
    if (vit == volumes.end()) continue;
    inst->fs.mounts.push_back(Mount{vm.value("mountPath", ""), vit->second, vm.value("readOnly", false)});
  }
  ct.inst = std::move(inst);
  event("Normal", "Created", "Created container " + ct.name, ct.fieldPath());
  event("Normal", "Started", "Started container " + ct.name, ct.fieldPath());
  ct.everStarted = true;
  ct.inst->running = true;
  ct.ready = false;
  ct.started = false;
  std::vector<std::string> argv =
      effectiveArgv(strList(ct.spec, "command"), strList(ct.spec, "args"), ct.img);
  ct.inst->proc = spawnProcess(argv, ct.img, context(ct, *ct.inst), false);
  bool hasPostStart = ct.spec.contains("lifecycle") && ct.spec["lifecycle"].contains("postStart");
  if (hasPostStart) {
    // The kubelet blocks on postStart: the container is not Running (in status) until it returns.
    ct.starting = true;
    busy = true;
  } else {
    ct.state = Ctr::S::Running;
    ct.waitReason.clear();
    ct.waitMessage.clear();
  }
  markDirty();
  // Run the main process up to its first wait.
  resumeProcess(ct, ct.gen);
  if (ct.gen != ct.inst->gen) return;
  if (hasPostStart && ct.inst && ct.inst->running) runPostStart(ct);
  else if (hasPostStart) {
    ct.starting = false;
    busy = false;
  }
  if (!hasPostStart && ct.inst && ct.inst->running) startProbes(ct);
}

static json hookHandler(const Ctr& ct, const char* which) {
  return ct.spec["lifecycle"][which];
}

// Runs a lifecycle handler; `done(ok)` is called when it finishes (possibly later in virtual time).
// exec handlers run in the container; httpGet/tcpSocket hit the main process; sleep waits.
void PodWorker::resumeHook(Ctr& ct, int gen, std::function<void(int)> done) {
  if (ct.gen != gen || !ct.hook) return;
  ProcessStep st = ct.hook->resume(now());
  if (st.kind == ProcessStep::Sleep) {
    Ctr* ctp = &ct;
    ct.hookWake = c.queue.after(st.wait, [kp = &k, uid = uid, ctp, gen, done] {
      auto it = kp->workers_.find(uid);
      if (it == kp->workers_.end()) return;
      it->second->resumeHook(*ctp, gen, done);
    });
    return;
  }
  if (st.kind == ProcessStep::Block) return;  // never returns: held until the container stops
  ct.hook.reset();
  done(st.exitCode);
}

static bool runHandlerNow(PodWorker& w, Ctr& ct, const json& h, bool& async) {
  async = false;
  if (h.contains("httpGet")) {
    int port = static_cast<int>(intOr(h["httpGet"], "port", 80));
    int code = ct.inst && ct.inst->proc ? ct.inst->proc->httpGet(port, h["httpGet"].value("path", "/"), w.now()) : 0;
    return code >= 200 && code < 400;
  }
  if (h.contains("tcpSocket")) {
    int port = static_cast<int>(intOr(h["tcpSocket"], "port", 80));
    return ct.inst && ct.inst->proc && ct.inst->proc->tcpListening(port);
  }
  async = true;
  return true;
}

// Runs a lifecycle handler: httpGet/tcpSocket answer at once, sleep waits, exec runs in the
// container (possibly sleeping in virtual time). `done(exitCode)` is called when it finishes.
void PodWorker::runHook(Ctr& ct, const json& h, std::function<void(int)> done) {
  bool async = false;
  bool ok = runHandlerNow(*this, ct, h, async);
  if (!async) {
    done(ok ? 0 : 1);
    return;
  }
  if (h.contains("sleep")) {
    Time secs = intOr(h["sleep"], "seconds", 0);
    c.queue.after(secs * 1000, [done] { done(0); });
    return;
  }
  std::vector<std::string> argv = h.contains("exec") ? strList(h["exec"], "command") : std::vector<std::string>{};
  ct.hook = spawnProcess(argv, ct.img, context(ct, *ct.inst), true);
  resumeHook(ct, ct.gen, std::move(done));
}

void PodWorker::runPostStart(Ctr& ct) {
  const json h = hookHandler(ct, "postStart");
  int gen = ct.gen;
  Ctr* ctp = &ct;
  auto done = [kp = &k, uid = uid, ctp, gen](int code) {
    auto it = kp->workers_.find(uid);
    if (it == kp->workers_.end()) return;
    PodWorker& w = *it->second;
    Ctr& ct = *ctp;
    if (ct.gen != gen) return;
    w.busy = false;
    ct.starting = false;
    if (!ct.inst || !ct.inst->running) {
      w.sync();
      return;
    }
    w.timeline.mark({ct.name, w.now(), "postStart", code == 0, code == 0 ? "completed" : "failed"});
    if (code != 0) {
      w.event("Warning", "FailedPostStartHook", "PostStartHook failed", ct.fieldPath());
      ct.state = Ctr::S::Waiting;
      ct.waitReason = "PostStartHookError";
      w.killContainer(ct, intOr(w.pod["spec"], "terminationGracePeriodSeconds", 30) * 1000, "FailedPostStartHook",
                      true);
      return;
    }
    ct.state = Ctr::S::Running;
    ct.waitReason.clear();
    ct.waitMessage.clear();
    w.markDirty();
    w.startProbes(ct);
    w.sync();
  };
  runHook(ct, h, done);
}

void PodWorker::resumeProcess(Ctr& ct, int gen) {
  if (!ct.inst || ct.inst->gen != gen || !ct.inst->running) return;
  ProcessStep st = ct.inst->proc->resume(now());
  if (st.kind == ProcessStep::Sleep) {
    Ctr* ctp = &ct;
    c.queue.cancel(ct.inst->wake);
    ct.inst->wake = c.queue.after(st.wait, [kp = &k, uid = uid, ctp, gen] {
      auto it = kp->workers_.find(uid);
      if (it == kp->workers_.end()) return;
      if (ctp->inst) ctp->inst->wake = 0;
      it->second->resumeProcess(*ctp, gen);
    });
  } else if (st.kind == ProcessStep::Exit) {
    containerExited(ct, st.exitCode, "");
  }
}

// [SECTION] stop ---------------------------------------------------------------------------------

void PodWorker::containerExited(Ctr& ct, int code, const std::string& reasonIn) {
  if (!ct.inst || !ct.inst->running) return;
  Instance& inst = *ct.inst;
  inst.running = false;
  c.queue.cancel(inst.wake);
  c.queue.cancel(ct.hookWake);
  c.queue.cancel(ct.killTimer);
  ct.hook.reset();
  stopProbes(ct);
  Term t;
  t.exitCode = code;
  t.reason = !reasonIn.empty() ? reasonIn : (code == 0 ? "Completed" : "Error");
  t.startedAt = inst.startedAt;
  t.finishedAt = now();
  t.containerId = inst.id;
  ct.term = t;
  ct.state = Ctr::S::Terminated;
  ct.ready = ct.init && !ct.sidecar && code == 0;
  ct.started = false;
  ct.killedByKubelet = ct.stopping && !terminating && ct.restartInSameSync;
  ct.restartInSameSync = false;
  ct.stopping = false;
  if (ct.starting) {  // died during postStart
    ct.starting = false;
    busy = false;
  }
  // Crash backoff bookkeeping happens when the kubelet decides to restart (doBackOff in sync).
  markDirty();
  if (terminating) {
    finishIfStopped();
    return;
  }
  requestSync();
}

void PodWorker::stopProbes(Ctr& ct) {
  for (auto& p : ct.probes) {
    c.queue.cancel(p.timer);
    p.timer = 0;
  }
}

void PodWorker::killContainer(Ctr& ct, Time grace, const std::string& message, bool runPreStop,
                              bool restartInSameSync) {
  if (!ct.inst || !ct.inst->running || ct.stopping) return;
  ct.stopping = true;
  ct.restartInSameSync = restartInSameSync;
  stopProbes(ct);
  event("Normal", "Killing", message, ct.fieldPath());
  timeline.mark({ct.name, now(), "kill", true, message});
  Time deadline = now() + grace;
  bool hasPreStop = runPreStop && grace > 0 && ct.spec.contains("lifecycle") && ct.spec["lifecycle"].contains("preStop");
  if (!hasPreStop) {
    sendTerm(ct, deadline);
    return;
  }
  int gen = ct.gen;
  Ctr* ctp = &ct;
  auto done = [kp = &k, uid = uid, ctp, gen, deadline](int code) {
    auto it = kp->workers_.find(uid);
    if (it == kp->workers_.end()) return;
    PodWorker& w = *it->second;
    if (ctp->gen != gen || !ctp->inst || !ctp->inst->running) return;
    w.timeline.mark({ctp->name, w.now(), "preStop", code == 0, code == 0 ? "completed" : "failed"});
    if (code != 0) w.event("Warning", "FailedPreStopHook", "PreStopHook failed", ctp->fieldPath());
    w.c.queue.cancel(ctp->killTimer);
    w.sendTerm(*ctp, deadline);
  };
  // Grace ends while preStop still runs: abandon it, TERM now, KILL 2s later.
  ct.killTimer = c.queue.at(deadline, [kp = &k, uid = uid, ctp, gen, deadline] {
    auto it = kp->workers_.find(uid);
    if (it == kp->workers_.end()) return;
    PodWorker& w = *it->second;
    if (ctp->gen != gen || !ctp->inst || !ctp->inst->running) return;
    w.c.queue.cancel(ctp->hookWake);
    ctp->hook.reset();
    w.sendTerm(*ctp, deadline);
  });
  const json h = hookHandler(ct, "preStop");
  runHook(ct, h, done);
}

void PodWorker::sendTerm(Ctr& ct, Time deadline) {
  if (!ct.inst || !ct.inst->running) return;
  int code = ct.inst->proc->onSigterm(now());
  if (code >= 0) {
    containerExited(ct, code, "");
    return;
  }
  // The process ignores TERM: SIGKILL when the grace period ends (at least 2s after TERM).
  Time killAt = std::max(deadline, now() + kMinKillGrace);
  int gen = ct.gen;
  Ctr* ctp = &ct;
  c.queue.cancel(ct.killTimer);
  ct.killTimer = c.queue.at(killAt, [kp = &k, uid = uid, ctp, gen] {
    auto it = kp->workers_.find(uid);
    if (it == kp->workers_.end()) return;
    if (ctp->gen != gen) return;
    it->second->containerExited(*ctp, 137, "Error");
  });
}

void PodWorker::startTermination() {
  if (!terminating) {
    terminating = true;
    Time grace = intOr(pod["metadata"], "deletionGracePeriodSeconds", 30) * 1000;
    deletionDeadline = now() + grace;
    c.queue.cancel(resync);
    for (auto* list : {&ctrs, &inits}) {
      for (auto& ct : *list) {
        if (ct->starting && !(ct->inst && ct->inst->running)) ct->starting = false;
        if (ct->inst && ct->inst->running)
          killContainer(*ct, grace, "Stopping container " + ct->name, true);
      }
    }
    busy = false;
    markDirty();
  }
  finishIfStopped();
}

void PodWorker::finishIfStopped() {
  for (auto* list : {&ctrs, &inits})
    for (auto& ct : *list)
      if (ct->inst && ct->inst->running) return;
  if (gone) return;
  // All containers stopped: terminal phase, then delete the object (grace 0).
  terminal = true;
  writeStatus();
  gone = true;
  auto cur = c.store.get("Pod", ns, name);
  if (cur && (*cur)["metadata"].value("uid", "") == uid && (*cur)["metadata"].contains("deletionTimestamp"))
    c.store.remove("Pod", ns, name);
  cleanup();
}

void PodWorker::cleanup() {
  gone = true;
  c.queue.cancel(resync);
  for (auto* list : {&ctrs, &inits})
    for (auto& ct : *list) {
      stopProbes(*ct);
      c.queue.cancel(ct->hookWake);
      c.queue.cancel(ct->killTimer);
      if (ct->inst) c.queue.cancel(ct->inst->wake);
    }
  // The worker object is dropped by the Kubelet when it sees the DELETED watch event; drop it later
  // here too, so late callbacks find nothing.
  c.queue.after(0, [kp = &k, uid = uid] {
    auto it = kp->workers_.find(uid);
    if (it != kp->workers_.end() && it->second->gone) kp->workers_.erase(it);
  });
}

// [SECTION] probes -------------------------------------------------------------------------------

void PodWorker::startProbes(Ctr& ct) {
  Time started = ct.inst ? ct.inst->startedAt : now();
  for (auto& p : ct.probes) {
    p.successes = p.failures = 0;
    p.result = 0;
  }
  if (ct.probes[kStartup].present) {
    ct.started = false;
    scheduleProbe(ct, kStartup, started + ct.probes[kStartup].initialDelay);
  } else {
    ct.started = true;
  }
  if (ct.started) {
    for (int kind : {kLiveness, kReadiness})
      if (ct.probes[kind].present)
        scheduleProbe(ct, kind, std::max(now(), started + ct.probes[kind].initialDelay));
  }
  // Readiness starts as Failure (not ready until a success); no probe -> ready once started.
  // A regular init container is never ready while it runs (it turns ready when it exits 0).
  ct.ready = ct.started && !ct.probes[kReadiness].present && !(ct.init && !ct.sidecar);
  markDirty();
}

void PodWorker::scheduleProbe(Ctr& ct, int kind, Time at) {
  Ctr* ctp = &ct;
  int gen = ct.gen;
  c.queue.cancel(ct.probes[kind].timer);
  ct.probes[kind].timer = c.queue.at(at, [kp = &k, uid = uid, ctp, kind, gen] {
    auto it = kp->workers_.find(uid);
    if (it == kp->workers_.end()) return;
    ctp->probes[kind].timer = 0;
    it->second->probeTick(*ctp, kind, gen);
  });
}

static int probePort(const Ctr& ct, const json& port) {
  if (port.is_number()) return port.get<int>();
  if (port.is_string()) {
    std::string n = port.get<std::string>();
    for (const auto& p : ct.spec.value("ports", json::array()))
      if (p.value("name", "") == n) return p.value("containerPort", 0);
    return atoi(n.c_str());
  }
  return 0;
}

bool PodWorker::runProbe(Ctr& ct, const ProbeState& p, std::string& output) {
  switch (p.handler) {
    case ProbeState::Exec: {
      auto proc = spawnProcess(p.command, ct.img, context(ct, *ct.inst), true);
      Time elapsed = 0;
      for (int guard = 0; guard < 100000; ++guard) {
        ProcessStep st = proc->resume(now() + elapsed);
        if (st.kind == ProcessStep::Exit) {
          output = proc->output();
          while (!output.empty() && output.back() == '\n') output.pop_back();
          return st.exitCode == 0;
        }
        if (st.kind == ProcessStep::Block || elapsed + st.wait > p.timeout) break;
        elapsed += st.wait;
      }
      std::string cmd;
      for (size_t i = 0; i < p.command.size(); ++i) cmd += (i ? " " : "") + p.command[i];
      output = "command \"" + cmd + "\" timed out";
      return false;
    }
    case ProbeState::HttpGet: {
      int port = probePort(ct, p.port);
      int code = ct.inst->proc->httpGet(port, p.path, now());
      if (code >= 200 && code < 400) return true;
      std::string hostPort = ip + ":" + std::to_string(port);
      if (code == 0) {
        output = "Get \"" + std::string(p.scheme == "HTTPS" ? "https" : "http") + "://" + hostPort + p.path +
                 "\": dial tcp " + hostPort + ": connect: connection refused";
        return false;
      }
      output = "HTTP probe failed with statuscode: " + std::to_string(code);
      return false;
    }
    case ProbeState::Tcp: {
      int port = probePort(ct, p.port);
      if (ct.inst->proc->tcpListening(port)) return true;
      output = "dial tcp " + ip + ":" + std::to_string(port) + ": connect: connection refused";
      return false;
    }
    case ProbeState::None:
      return true;
  }
  return true;
}

void PodWorker::probeTick(Ctr& ct, int kind, int gen) {
  if (ct.gen != gen || !ct.inst || !ct.inst->running || ct.stopping || k.down_) return;
  if (terminating && kind != kReadiness) return;
  ProbeState& p = ct.probes[kind];
  std::string output;
  bool ok = runProbe(ct, p, output);
  timeline.mark({ct.name, now(), kind == kStartup ? "startup" : kind == kLiveness ? "liveness" : "readiness", ok, output});
  const int successThreshold = p.successThreshold, failureThreshold = p.failureThreshold;
  const Time period = p.period;
  if (ok) {
    p.failures = 0;
    p.successes++;
    if (p.result != 1 && p.successes >= successThreshold) {
      p.result = 1;
      if (kind == kStartup) {
        ct.started = true;
        Time started = ct.inst->startedAt;
        for (int k2 : {kLiveness, kReadiness})
          if (ct.probes[k2].present)
            scheduleProbe(ct, k2, std::max(now(), started + ct.probes[k2].initialDelay));
        ct.ready = !ct.probes[kReadiness].present;
        markDirty();
        requestSync();  // a started sidecar lets the next init container run
        return;        // the startup probe stops after its first success
      }
      if (kind == kReadiness) {
        ct.ready = true;
        markDirty();
      }
    }
  } else {
    p.successes = 0;
    p.failures++;
    event("Warning", "Unhealthy", std::string(kProbeName[kind]) + " probe failed: " + output, ct.fieldPath());
    if (p.result != 2 && p.failures >= failureThreshold) {
      p.result = 2;
      if (kind == kReadiness) {
        ct.ready = false;
        markDirty();
      } else {
        // Liveness / startup failure: kill; the restart follows restartPolicy (with backoff).
        std::string what = kind == kLiveness ? "liveness" : "startup";
        std::string msg = "Container " + ct.name + " failed " + what + " probe";
        if (restartPolicy() != "Never") msg += ", will be restarted";
        Time grace = intOr(pod["spec"], "terminationGracePeriodSeconds", 30) * 1000;
        if (p.spec.contains("terminationGracePeriodSeconds"))
          grace = intOr(p.spec, "terminationGracePeriodSeconds", 30) * 1000;
        killContainer(ct, grace, msg, true, true);
        return;
      }
    }
  }
  scheduleProbe(ct, kind, now() + period);
}

// [SECTION] status -------------------------------------------------------------------------------

std::string PodWorker::computePhase() const {
  if (!rejectReason.empty()) return "Failed";
  int pendingInit = 0, failedInit = 0;
  for (const auto& ctp : inits) {
    const Ctr& ct = *ctp;
    if (ct.sidecar) continue;
    switch (ct.state) {
      case Ctr::S::Running: pendingInit++; break;
      case Ctr::S::Terminated:
        if (ct.term && ct.term->exitCode != 0) failedInit++;
        break;
      case Ctr::S::Waiting:
        if (ct.last) {
          if (ct.last->exitCode != 0) failedInit++;
        } else {
          pendingInit++;
        }
        break;
    }
  }
  int unknown = 0, running = 0, waiting = 0, stopped = 0, succeeded = 0;
  bool anyStarted = false;
  for (const auto& ctp : ctrs) {
    const Ctr& ct = *ctp;
    if (ct.everStarted) anyStarted = true;
    switch (ct.state) {
      case Ctr::S::Running: running++; break;
      case Ctr::S::Terminated:
        stopped++;
        if (ct.term && ct.term->exitCode == 0) succeeded++;
        break;
      case Ctr::S::Waiting:
        if (ct.last) stopped++;
        else waiting++;
        break;
    }
  }
  // A container blocked in postStart is running as far as the runtime is concerned but the kubelet
  // has not reported it yet; it counts as waiting.
  std::string policy = pod["spec"].value("restartPolicy", "Always");
  if (failedInit > 0 && policy == "Never") return "Failed";
  if ((pendingInit > 0 && !anyStarted) || waiting > 0) return "Pending";
  if (running > 0 && unknown == 0) return "Running";
  if (running == 0 && stopped > 0 && unknown == 0) {
    if (terminating && terminal) return stopped == succeeded ? "Succeeded" : "Failed";
    if (policy == "Always") return "Running";
    if (policy == "OnFailure") return stopped == succeeded ? "Succeeded" : "Running";
    return stopped == succeeded ? "Succeeded" : "Failed";
  }
  return "Pending";
}

static json ctrStatusJson(const Ctr& ct) {
  json s = {{"name", ct.name},
            {"image", ct.everStarted ? ct.img.fullRef : ct.spec.value("image", "")},
            {"imageID", ct.everStarted ? ct.img.imageId : ""},
            {"ready", ct.ready},
            {"restartCount", ct.restarts},
            {"started", ct.state == Ctr::S::Running && ct.started}};
  if (ct.inst) s["containerID"] = "containerd://" + ct.inst->id;
  json state = json::object();
  switch (ct.state) {
    case Ctr::S::Waiting: {
      json w = {{"reason", ct.waitReason}};
      if (!ct.waitMessage.empty()) w["message"] = ct.waitMessage;
      state["waiting"] = w;
      break;
    }
    case Ctr::S::Running: state["running"] = {{"startedAt", rfc3339(ct.inst ? ct.inst->startedAt : 0)}}; break;
    case Ctr::S::Terminated: state["terminated"] = termJson(*ct.term); break;
  }
  s["state"] = state;
  s["lastState"] = ct.last ? json{{"terminated", termJson(*ct.last)}} : json::object();
  return s;
}

json PodWorker::buildStatus() {
  json st = pod.value("status", json::object());
  std::string phase = computePhase();
  if (terminal && st.value("phase", "") == "Failed") phase = "Failed";
  if (terminal && st.value("phase", "") == "Succeeded") phase = "Succeeded";
  st["phase"] = phase;
  if (!rejectReason.empty()) {
    // Rejected at admission: no containers ever ran.
    st["reason"] = rejectReason;
    st["message"] = rejectMessage;
    st["startTime"] = rfc3339(startTime);
    return st;
  }
  st["hostIP"] = k.hostIP();
  st["hostIPs"] = json::array({{{"ip", k.hostIP()}}});
  if (admitted) st["startTime"] = rfc3339(startTime);
  if (!ip.empty()) {
    st["podIP"] = ip;
    st["podIPs"] = json::array({{{"ip", ip}}});
  }
  // Conditions (pkg/kubelet/status/generate.go), kubelet-owned first, then the rest (PodScheduled).
  auto cond = [&](const std::string& type, bool ok, const std::string& reason, const std::string& message) {
    std::string status = ok ? "True" : "False";
    auto it = conditionStatus.find(type);
    if (it == conditionStatus.end() || it->second != status) {
      conditionStatus[type] = status;
      conditionTimes[type] = now();
    }
    json j = {{"type", type}, {"status", status}, {"lastProbeTime", nullptr},
              {"lastTransitionTime", rfc3339(conditionTimes[type])}};
    if (!reason.empty()) j["reason"] = reason;
    if (!message.empty()) j["message"] = message;
    return j;
  };
  json conds = json::array();
  conds.push_back(cond("PodReadyToStartContainers", sandbox && !terminal, "", ""));
  std::vector<std::string> incomplete;
  bool anyStarted = false;
  for (auto& ct : ctrs)
    if (ct->everStarted) anyStarted = true;
  for (auto& ct : inits) {
    if (ct->sidecar ? !(ct->state == Ctr::S::Running && ct->started) : !ct->succeeded()) incomplete.push_back(ct->name);
  }
  if (phase == "Succeeded") conds.push_back(cond("Initialized", true, "PodCompleted", ""));
  else if (incomplete.empty() || anyStarted) conds.push_back(cond("Initialized", true, "", ""));
  else conds.push_back(cond("Initialized", false, "ContainersNotInitialized", "containers with incomplete status: " + goList(incomplete)));
  std::vector<std::string> unready;
  for (auto& ct : inits)
    if (ct->sidecar && !ct->ready) unready.push_back(ct->name);
  for (auto& ct : ctrs)
    if (!ct->ready) unready.push_back(ct->name);
  json ready, cready;
  if (phase == "Succeeded") {
    cready = cond("ContainersReady", false, "PodCompleted", "");
    ready = cond("Ready", false, "PodCompleted", "");
  } else if (phase == "Failed") {
    cready = cond("ContainersReady", false, "PodFailed", "");
    ready = cond("Ready", false, "PodFailed", "");
  } else if (unready.empty()) {
    cready = cond("ContainersReady", true, "", "");
    ready = cond("Ready", true, "", "");
  } else {
    std::string msg = "containers with unready status: " + goList(unready);
    cready = cond("ContainersReady", false, "ContainersNotReady", msg);
    ready = cond("Ready", false, "ContainersNotReady", msg);
  }
  conds.push_back(ready);
  conds.push_back(cready);
  for (const auto& old : st.value("conditions", json::array())) {
    std::string t = old.value("type", "");
    if (t != "PodReadyToStartContainers" && t != "Initialized" && t != "Ready" && t != "ContainersReady")
      conds.push_back(old);
  }
  st["conditions"] = conds;
  json cs = json::array();
  std::vector<const Ctr*> sorted;
  for (auto& ct : ctrs) sorted.push_back(ct.get());
  std::sort(sorted.begin(), sorted.end(), [](const Ctr* a, const Ctr* b) { return a->name < b->name; });
  for (const Ctr* ct : sorted) cs.push_back(ctrStatusJson(*ct));
  st["containerStatuses"] = cs;
  if (!inits.empty()) {
    json is = json::array();
    for (auto& ct : inits) is.push_back(ctrStatusJson(*ct));
    st["initContainerStatuses"] = is;
  } else {
    st.erase("initContainerStatuses");
  }
  return st;
}

void PodWorker::writeStatus() {
  if (k.down_) return;
  if (!admitted && rejectReason.empty()) return;
  auto cur = c.store.get("Pod", ns, name);
  if (!cur || (*cur)["metadata"].value("uid", "") != uid) return;
  pod = *cur;
  json st = buildStatus();
  recordTimeline();
  auto r = c.store.update("Pod", ns, name, [&](json& p) {
    p["status"] = st;
    return true;
  });
  if (r.ok() && r.obj) pod = *r.obj;
}

void PodWorker::recordTimeline() {
  Time t = now();
  auto visit = [&](Ctr& ct) {
    TimelineSegment seg;
    seg.container = ct.name;
    seg.init = ct.init;
    seg.start = t;
    seg.restartCount = ct.restarts;
    switch (ct.state) {
      case Ctr::S::Waiting:
        seg.state = "Waiting";
        seg.reason = ct.waitReason;
        if ((ct.waitReason == "CrashLoopBackOff" || ct.waitReason == "ImagePullBackOff") && ct.backoffUntil > t) {
          seg.backoffUntil = ct.backoffUntil;
          seg.backoff = goDuration(ct.backoffDur);
        }
        break;
      case Ctr::S::Running:
        seg.state = "Running";
        seg.ready = ct.ready;
        break;
      case Ctr::S::Terminated:
        seg.state = "Terminated";
        seg.reason = ct.term ? ct.term->reason : "";
        break;
    }
    // Close the container's open segment if what it shows changed.
    for (auto it = timeline.segments.rbegin(); it != timeline.segments.rend(); ++it) {
      if (it->container != ct.name || it->init != ct.init) continue;
      if (it->end < 0) {
        if (it->state == seg.state && it->reason == seg.reason && it->ready == seg.ready &&
            it->restartCount == seg.restartCount && it->backoffUntil == seg.backoffUntil)
          return;
        it->end = t;
      }
      break;
    }
    timeline.segments.push_back(seg);
    if (timeline.segments.size() > PodTimeline::kMaxSegments) timeline.segments.pop_front();
  };
  for (auto& ct : inits) visit(*ct);
  for (auto& ct : ctrs) visit(*ct);
}

// [SECTION] Kubelet ------------------------------------------------------------------------------

Kubelet::Kubelet(Cluster& c, std::string node, std::string podCidrPrefix, std::string hostIP)
    : c_(c), node_(std::move(node)), cidrPrefix_(std::move(podCidrPrefix)), hostIP_(std::move(hostIP)) {
  watch_ = c_.store.watch("Pod", [this](const WatchEvent& ev) { onPodEvent(ev); }, node_);
  auto n = c_.store.get("Node", "", node_);
  json lease = {{"apiVersion", "coordination.k8s.io/v1"},
                {"kind", "Lease"},
                {"metadata",
                 {{"name", node_},
                  {"namespace", "kube-node-lease"},
                  {"uid", c_.rng.uuid()},
                  {"creationTimestamp", n ? (*n)["metadata"].value("creationTimestamp", rfc3339(c_.queue.now()))
                                          : rfc3339(c_.queue.now())},
                  {"ownerReferences", json::array({{{"apiVersion", "v1"}, {"kind", "Node"}, {"name", node_},
                                                    {"uid", n ? (*n)["metadata"].value("uid", "") : ""}}})}}},
                {"spec", {{"holderIdentity", node_}, {"leaseDurationSeconds", 40}, {"renewTime", ""}}}};
  c_.store.create(lease);
  renewLease();
}

Kubelet::~Kubelet() {
  c_.store.unwatch(watch_);
  c_.queue.cancel(leaseTimer_);
}

// The node lease is renewed every 10s (renewInterval = leaseDuration / 4).
void Kubelet::renewLease() {
  if (down_) return;
  Time now = c_.queue.now();
  char micro[40];
  std::string ts = rfc3339(now);
  snprintf(micro, sizeof micro, "%s.%06lldZ", ts.substr(0, ts.size() - 1).c_str(), (long long)((now % 1000 + 1000) % 1000) * 1000);
  c_.store.update("Lease", "kube-node-lease", node_, [&](json& l) {
    l["spec"]["renewTime"] = micro;
    return true;
  });
  leaseTimer_ = c_.queue.after(10 * kSecond, [this] { renewLease(); });
}

void Kubelet::adopt(const json& pod) {
  std::string uid = pod["metadata"].value("uid", "");
  if (workers_.count(uid)) return;
  auto w = std::make_unique<PodWorker>(*this, c_);
  w->init(pod);
  PodWorker* wp = w.get();
  workers_[uid] = std::move(w);
  wp->sync();
}

void Kubelet::setDown(bool down) {
  if (down == down_) return;
  down_ = down;
  if (down) {
    c_.queue.cancel(leaseTimer_);
    return;
  }
  // Back: post Ready, renew the lease, re-sync every pod bound here.
  std::string ts = rfc3339(c_.queue.now());
  c_.store.update("Node", "", node_, [&](json& o) {
    static const std::map<std::string, std::pair<std::string, std::string>> kOk = {
        {"MemoryPressure", {"KubeletHasSufficientMemory", "kubelet has sufficient memory available"}},
        {"DiskPressure", {"KubeletHasNoDiskPressure", "kubelet has no disk pressure"}},
        {"PIDPressure", {"KubeletHasSufficientPID", "kubelet has sufficient PID available"}},
        {"Ready", {"KubeletReady", "kubelet is posting ready status"}}};
    for (auto& cnd : o["status"]["conditions"]) {
      auto it = kOk.find(cnd.value("type", ""));
      if (it == kOk.end()) continue;
      std::string want = cnd.value("type", "") == "Ready" ? "True" : "False";
      if (cnd.value("status", "") != want) cnd["lastTransitionTime"] = ts;
      cnd["status"] = want;
      cnd["reason"] = it->second.first;
      cnd["message"] = it->second.second;
      cnd["lastHeartbeatTime"] = ts;
    }
    return true;
  });
  renewLease();
  for (const auto& p : c_.store.podsOnNode(node_)) adopt(*p);
  std::vector<PodWorker*> all;
  for (auto& [uid, w] : workers_) all.push_back(w.get());
  for (PodWorker* w : all) {
    for (auto& ct : w->ctrs)
      if (ct->inst && ct->inst->running && !ct->stopping) w->startProbes(*ct);
    w->markDirty();
    w->sync();
  }
}

std::string Kubelet::allocateIP() {
  std::string ip = cidrPrefix_ + std::to_string(nextIp_);
  nextIp_ = nextIp_ >= 254 ? 2 : nextIp_ + 1;
  return ip;
}

void Kubelet::onPodEvent(const WatchEvent& ev) {
  if (down_) return;  // a failed kubelet sees nothing; it re-syncs from the store when it is back
  const json& pod = *ev.obj;
  std::string uid = pod["metadata"].value("uid", "");
  bool mine = podNodeName(pod) == node_;
  auto it = workers_.find(uid);
  if (ev.type == WatchType::Deleted || !mine) {
    if (it != workers_.end()) it->second->sync();  // sees the object gone: kills and cleans up
    return;
  }
  if (it == workers_.end()) {
    auto w = std::make_unique<PodWorker>(*this, c_);
    w->init(pod);
    PodWorker* wp = w.get();
    workers_[uid] = std::move(w);
    wp->sync();
    return;
  }
  PodWorker& w = *it->second;
  // Image changes restart the container (the only mutable container field).
  const json& spec = pod["spec"];
  for (auto& ct : w.ctrs) {
    for (const auto& cs : spec.value("containers", json::array())) {
      if (cs.value("name", "") != ct->name) continue;
      std::string img = cs.value("image", "");
      if (img != ct->spec.value("image", "")) {
        ct->spec["image"] = img;
        ct->img = lookupImage(img);
        if (ct->inst && ct->inst->running) {
          w.pod = pod;
          w.killContainer(*ct, intOr(spec, "terminationGracePeriodSeconds", 30) * 1000,
                          "Container " + ct->name + " definition changed, will be restarted", true, true);
        }
      }
    }
  }
  w.sync();
}

PodWorker* Kubelet::find(const std::string& ns, const std::string& pod) const {
  auto p = c_.store.get("Pod", ns, pod);
  if (!p) return nullptr;
  auto it = workers_.find((*p)["metadata"].value("uid", ""));
  return it == workers_.end() ? nullptr : it->second.get();
}

bool Kubelet::hasPod(const std::string& ns, const std::string& pod) const { return find(ns, pod) != nullptr; }

HttpResponse Kubelet::serveHttp(const std::string& ns, const std::string& pod, const HttpRequest& req) {
  PodWorker* w = find(ns, pod);
  if (!w) return {};
  for (auto* list : {&w->ctrs, &w->inits}) {
    for (auto& ct : *list) {
      if (!ct->inst || !ct->inst->running || !ct->inst->proc || !ct->inst->proc->tcpListening(req.port)) continue;
      HttpResponse r = ct->inst->proc->serveHttp(req, c_.queue.now());
      if (c_.metrics) c_.metrics->addCpu(w->uid, ct->name, c_.queue.now(), ct->img.cpuPerRequestMicros);
      return r;
    }
  }
  return {};
}

const PodTimeline* Kubelet::timeline(const std::string& ns, const std::string& pod) const {
  PodWorker* w = find(ns, pod);
  return w ? &w->timeline : nullptr;
}

std::string Kubelet::killContainer(const std::string& ns, const std::string& pod, const std::string& container,
                                   int exitCode, bool oom) {
  PodWorker* w = find(ns, pod);
  if (!w) return "pod " + pod + " has no running containers";
  Ctr* ct = container.empty() ? (w->ctrs.empty() ? nullptr : w->ctrs[0].get()) : w->findCtr(container);
  if (!ct) {
    // An init container still running is a natural default while initializing.
    return "container " + container + " is not valid for pod " + pod;
  }
  if (container.empty()) {
    for (auto& ic : w->inits)
      if (ic->inst && ic->inst->running) ct = ic.get();
  }
  if (!ct->inst || !ct->inst->running) return "container " + ct->name + " in pod " + pod + " is not running";
  w->containerExited(*ct, oom ? 137 : exitCode, oom ? "OOMKilled" : "");
  return "";
}

Kubelet::ExecResult Kubelet::exec(const std::string& ns, const std::string& pod, const std::string& container,
                                  const std::vector<std::string>& argv) {
  ExecResult r;
  PodWorker* w = find(ns, pod);
  if (!w) {
    r.error = "unable to upgrade connection: pod does not exist";
    return r;
  }
  Ctr* ct = container.empty() ? (w->ctrs.empty() ? nullptr : w->ctrs[0].get()) : w->findCtr(container);
  if (!ct) {
    r.error = "container " + container + " not found in pod " + pod;
    return r;
  }
  if (!ct->inst || !ct->inst->running) {
    r.error = "unable to upgrade connection: container not found (\"" + ct->name + "\")";
    return r;
  }
  auto proc = spawnProcess(argv, ct->img, w->context(*ct, *ct->inst), true);
  Time elapsed = 0;
  for (int guard = 0; guard < 1000000; ++guard) {
    ProcessStep st = proc->resume(c_.queue.now() + elapsed);
    if (st.kind == ProcessStep::Exit) {
      r.exitCode = st.exitCode;
      break;
    }
    if (st.kind == ProcessStep::Block || elapsed + st.wait > kHour) {
      r.error = "timed out waiting for the command (podplay stops an exec after 1h of virtual time)";
      break;
    }
    elapsed += st.wait;
  }
  r.output = proc->output();
  r.duration = elapsed;
  return r;
}

bool Kubelet::logs(const std::string& ns, const std::string& pod, const std::string& container, bool previous,
                   std::string& out, std::string& err) {
  PodWorker* w = find(ns, pod);
  if (!w) {
    err = "pod " + pod + " does not have a host assigned";
    return false;
  }
  Ctr* ct = w->findCtr(container);
  if (!ct) {
    err = "container " + container + " is not valid for pod " + pod;
    return false;
  }
  if (previous) {
    if (!ct->last) {
      err = "previous terminated container \"" + ct->name + "\" in pod \"" + pod + "\" not found";
      return false;
    }
    bool crashed = ct->state == Ctr::S::Waiting && ct->inst && !ct->inst->running;
    out = crashed ? ct->inst->log : ct->prevLog;
    return true;
  }
  if (!ct->inst) {
    std::string reason = ct->waitReason.empty() ? "ContainerCreating" : ct->waitReason;
    if (reason == "ErrImagePull") err = "container \"" + ct->name + "\" in pod \"" + pod + "\" is waiting to start: image can't be pulled";
    else if (reason == "ImagePullBackOff") err = "container \"" + ct->name + "\" in pod \"" + pod + "\" is waiting to start: trying and failing to pull image";
    else err = "container \"" + ct->name + "\" in pod \"" + pod + "\" is waiting to start: " + reason;
    return false;
  }
  out = ct->inst->log;
  return true;
}

}  // namespace podplay
