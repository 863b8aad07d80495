// podplay core: kube-scheduler. Index:
//   [SECTION] helpers: requests, tolerations, node affinity
//   [SECTION] filter plugins (default profile order)
//   [SECTION] score plugins
//   [SECTION] queue and scheduling cycle
#include "scheduler/scheduler.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "cluster.h"
#include "util/json_fields.h"
#include "util/labels.h"
#include "util/quantity.h"
#include "util/timefmt.h"

namespace podplay {

// [SECTION] helpers ------------------------------------------------------------------------------



static int64_t qMilli(const json& v) {
  Quantity q;
  if (v.is_number()) return static_cast<int64_t>(v.get<double>() * 1000);
  if (v.is_string() && parseQuantity(v.get<std::string>(), q)) return q.milli();
  return 0;
}
static int64_t qValue(const json& v) {
  Quantity q;
  if (v.is_number()) return static_cast<int64_t>(v.get<double>());
  if (v.is_string() && parseQuantity(v.get<std::string>(), q)) return q.value();
  return 0;
}

PodRequests podRequests(const json& pod) {
  PodRequests r;
  const json& spec = objectAt(pod, {"spec"});
  for (const auto& c : spec.value("containers", json::array())) {
    const json& req = c.value("resources", json::object()).value("requests", json::object());
    int64_t cpu = req.contains("cpu") ? qMilli(req["cpu"]) : 0;
    int64_t mem = req.contains("memory") ? qValue(req["memory"]) : 0;
    r.cpu += cpu;
    r.mem += mem;
    r.nonZeroCpu += req.contains("cpu") ? cpu : 100;
    r.nonZeroMem += req.contains("memory") ? mem : 200LL * 1024 * 1024;
  }
  for (const auto& c : spec.value("initContainers", json::array())) {
    const json& req = c.value("resources", json::object()).value("requests", json::object());
    int64_t cpu = req.contains("cpu") ? qMilli(req["cpu"]) : 0;
    int64_t mem = req.contains("memory") ? qValue(req["memory"]) : 0;
    r.cpu = std::max(r.cpu, cpu);
    r.mem = std::max(r.mem, mem);
  }
  return r;
}

bool toleratesTaint(const json& t, const json& taint) {
  std::string effect = t.value("effect", "");
  if (!effect.empty() && effect != taint.value("effect", "")) return false;
  std::string key = t.value("key", "");
  std::string op = t.value("operator", "Equal");
  if (!key.empty() && key != taint.value("key", "")) return false;
  if (op == "Exists") return true;
  if (key.empty()) return false;
  return t.value("value", "") == taint.value("value", "");
}

bool toleratesAll(const json& tolerations, const json& taint) {
  if (!tolerations.is_array()) return false;
  for (const auto& t : tolerations)
    if (toleratesTaint(t, taint)) return true;
  return false;
}

static bool matchExpression(const json& e, const std::string* value, const std::string& key) {
  std::string op = e.value("operator", "");
  const json& values = e.value("values", json::array());
  auto in = [&] {
    for (const auto& v : values)
      if (value && v.is_string() && v.get<std::string>() == *value) return true;
    return false;
  };
  if (op == "In") return value && in();
  if (op == "NotIn") return !value || !in();
  if (op == "Exists") return value != nullptr;
  if (op == "DoesNotExist") return value == nullptr;
  if (op == "Gt" || op == "Lt") {
    if (!value || values.size() != 1 || !values[0].is_string()) return false;
    char* end1 = nullptr;
    char* end2 = nullptr;
    long long a = strtoll(value->c_str(), &end1, 10);
    long long b = strtoll(values[0].get<std::string>().c_str(), &end2, 10);
    if (*end1 || *end2 || value->empty()) return false;
    return op == "Gt" ? a > b : a < b;
  }
  return false;
}

bool matchNodeSelectorTerm(const json& term, const json& node) {
  static const json kNoLabels = json::object();
  auto mit = node.find("metadata");
  const json* lp = &kNoLabels;
  if (mit != node.end()) {
    auto lit = mit->find("labels");
    if (lit != mit->end() && lit->is_object()) lp = &*lit;
  }
  const json& labels = *lp;
  const json& exprs = term.value("matchExpressions", json::array());
  const json& fields = term.value("matchFields", json::array());
  if (exprs.empty() && fields.empty()) return false;
  for (const auto& e : exprs) {
    std::string key = e.value("key", "");
    std::string v;
    bool has = labels.contains(key) && labels[key].is_string();
    if (has) v = labels[key].get<std::string>();
    if (!matchExpression(e, has ? &v : nullptr, key)) return false;
  }
  for (const auto& e : fields) {
    std::string name = node["metadata"].value("name", "");
    if (e.value("key", "") != "metadata.name" || !matchExpression(e, &name, "metadata.name")) return false;
  }
  return true;
}

bool matchesNodeSelectorAndAffinity(const json& pod, const json& node) {
  const json& labels = objectAt(node, {"metadata", "labels"});
  for (auto& [k, v] : objectAt(pod, {"spec", "nodeSelector"}).items()) {
    auto it = labels.find(k);
    if (it == labels.end() || *it != v) return false;
  }
  const json& na = objectAt(pod, {"spec", "affinity", "nodeAffinity"});
  auto rit = na.find("requiredDuringSchedulingIgnoredDuringExecution");
  const json* req = rit == na.end() ? nullptr : &*rit;
  if (!req || !req->is_object()) return true;
  for (const auto& term : req->value("nodeSelectorTerms", json::array()))
    if (matchNodeSelectorTerm(term, node)) return true;
  return false;
}

static bool nodeReady(const json& node) {
  auto st = node.find("status");
  if (st == node.end()) return false;
  auto cs = st->find("conditions");
  if (cs == st->end() || !cs->is_array()) return false;
  for (const auto& c : *cs)
    if (c.value("type", "") == "Ready") return c.value("status", "") == "True";
  return false;
}


// [SECTION] filter plugins -----------------------------------------------------------------------

namespace {

class NodeUnschedulable : public FilterPlugin {
 public:
  const char* name() const override { return "NodeUnschedulable"; }
  FilterStatus filter(const json& pod, const PodRequests&, const NodeInfo& n) const override {
    if (!(*n.node)["spec"].value("unschedulable", false)) return {};
    json taint = {{"key", "node.kubernetes.io/unschedulable"}, {"effect", "NoSchedule"}};
    if (toleratesAll(pod["spec"].value("tolerations", json::array()), taint)) return {};
    return {{"node(s) were unschedulable"}, true};
  }
};

class NodeName : public FilterPlugin {
 public:
  const char* name() const override { return "NodeName"; }
  FilterStatus filter(const json& pod, const PodRequests&, const NodeInfo& n) const override {
    std::string want = pod["spec"].value("nodeName", "");
    if (want.empty() || want == (*n.node)["metadata"].value("name", "")) return {};
    return {{"node(s) didn't match the requested node name"}, true};
  }
};

class TaintToleration : public FilterPlugin {
 public:
  const char* name() const override { return "TaintToleration"; }
  FilterStatus filter(const json& pod, const PodRequests&, const NodeInfo& n) const override {
    const json& tolerations = arrayAt(pod, "spec", "tolerations");
    for (const auto& taint : arrayAt(*n.node, "spec", "taints")) {
      std::string effect = taint.value("effect", "");
      if (effect != "NoSchedule" && effect != "NoExecute") continue;
      if (toleratesAll(tolerations, taint)) continue;
      return {{"node(s) had untolerated taint {" + taint.value("key", "") + ": " + taint.value("value", "") + "}"}, true};
    }
    return {};
  }
};

class NodeAffinity : public FilterPlugin {
 public:
  const char* name() const override { return "NodeAffinity"; }
  FilterStatus filter(const json& pod, const PodRequests&, const NodeInfo& n) const override {
    if (matchesNodeSelectorAndAffinity(pod, *n.node)) return {};
    return {{"node(s) didn't match Pod's node affinity/selector"}, true};
  }
};

class NodePorts : public FilterPlugin {
 public:
  const char* name() const override { return "NodePorts"; }
  FilterStatus filter(const json&, const PodRequests&, const NodeInfo&) const override { return {}; }
};

class NodeResourcesFit : public FilterPlugin {
 public:
  const char* name() const override { return "NodeResourcesFit"; }
  FilterStatus filter(const json&, const PodRequests& r, const NodeInfo& n) const override {
    FilterStatus s;
    if (n.pods + 1 > n.allocPods) s.reasons.push_back("Too many pods");
    if (r.cpu > 0 && r.cpu > n.allocCpu - n.reqCpu) s.reasons.push_back("Insufficient cpu");
    if (r.mem > 0 && r.mem > n.allocMem - n.reqMem) s.reasons.push_back("Insufficient memory");
    return s;
  }
};

// InterPodAffinity (required terms only): reads the cycle state the scheduler computed for the pod.
class InterPodAffinity : public FilterPlugin {
 public:
  explicit InterPodAffinity(const AffinityState* const* state) : state_(state) {}
  const char* name() const override { return "InterPodAffinity"; }
  FilterStatus filter(const json&, const PodRequests&, const NodeInfo& n) const override {
    const AffinityState* st = *state_;
    if (!st) return {};
    const json& labels = objectAt(*n.node, {"metadata", "labels"});
    auto value = [&](const std::string& key, std::string& out) {
      auto it = labels.find(key);
      if (it == labels.end() || !it->is_string()) return false;
      out = it->get<std::string>();
      return true;
    };
    bool anyAffinityMatch = false;
    for (const auto& t : st->affinity) anyAffinityMatch = anyAffinityMatch || !t.domains.empty();
    for (const auto& t : st->affinity) {
      std::string v;
      bool ok = value(t.topologyKey, v) &&
                (t.domains.count(v) || (!anyAffinityMatch && st->selfMatchesAllAffinityTerms));
      if (!ok) return {{"node(s) didn't match pod affinity rules"}, true};
    }
    for (const auto& t : st->antiAffinity) {
      std::string v;
      if (value(t.topologyKey, v) && t.domains.count(v)) return {{"node(s) didn't match pod anti-affinity rules"}, false};
    }
    for (const auto& [key, val] : st->forbidden) {
      std::string v;
      if (value(key, v) && v == val) return {{"node(s) didn't satisfy existing pods anti-affinity rules"}, false};
    }
    return {};
  }

 private:
  const AffinityState* const* state_;
};

// [SECTION] score plugins ------------------------------------------------------------------------

class TaintTolerationScore : public ScorePlugin {
 public:
  const char* name() const override { return "TaintToleration"; }
  int weight() const override { return 3; }
  int64_t score(const json& pod, const PodRequests&, const NodeInfo& n) const override {
    int64_t count = 0;
    const json& tolerations = arrayAt(pod, "spec", "tolerations");
    for (const auto& taint : arrayAt(*n.node, "spec", "taints"))
      if (taint.value("effect", "") == "PreferNoSchedule" && !toleratesAll(tolerations, taint)) count++;
    return count;
  }
  void normalize(std::vector<int64_t>& s) const override {
    int64_t mx = 0;
    for (auto v : s) mx = std::max(mx, v);
    for (auto& v : s) v = mx == 0 ? 100 : 100 - v * 100 / mx;
  }
};

class NodeAffinityScore : public ScorePlugin {
 public:
  const char* name() const override { return "NodeAffinity"; }
  int weight() const override { return 2; }
  int64_t score(const json& pod, const PodRequests&, const NodeInfo& n) const override {
    const json& spec = pod["spec"];
    if (!spec.contains("affinity") || !spec["affinity"].contains("nodeAffinity")) return 0;
    int64_t sum = 0;
    for (const auto& p : spec["affinity"]["nodeAffinity"].value("preferredDuringSchedulingIgnoredDuringExecution", json::array()))
      if (matchNodeSelectorTerm(p.value("preference", json::object()), *n.node)) sum += p.value("weight", 0);
    return sum;
  }
  void normalize(std::vector<int64_t>& s) const override {
    int64_t mx = 0;
    for (auto v : s) mx = std::max(mx, v);
    if (mx == 0) return;
    for (auto& v : s) v = v * 100 / mx;
  }
};

class LeastAllocated : public ScorePlugin {
 public:
  const char* name() const override { return "NodeResourcesFit"; }
  int weight() const override { return 1; }
  int64_t score(const json&, const PodRequests& r, const NodeInfo& n) const override {
    auto part = [](int64_t req, int64_t alloc) -> int64_t {
      if (alloc <= 0 || req > alloc) return 0;
      return (alloc - req) * 100 / alloc;
    };
    return (part(n.nonZeroCpu + r.nonZeroCpu, n.allocCpu) + part(n.nonZeroMem + r.nonZeroMem, n.allocMem)) / 2;
  }
};

class BalancedAllocation : public ScorePlugin {
 public:
  const char* name() const override { return "NodeResourcesBalancedAllocation"; }
  int weight() const override { return 1; }
  int64_t score(const json&, const PodRequests& r, const NodeInfo& n) const override {
    double cpu = n.allocCpu ? std::min(1.0, double(n.reqCpu + r.cpu) / n.allocCpu) : 0;
    double mem = n.allocMem ? std::min(1.0, double(n.reqMem + r.mem) / n.allocMem) : 0;
    double mean = (cpu + mem) / 2;
    double sd = std::sqrt(((cpu - mean) * (cpu - mean) + (mem - mean) * (mem - mean)) / 2);
    return static_cast<int64_t>((1 - sd) * 100);
  }
};

}  // namespace

// [SECTION] queue and scheduling cycle -----------------------------------------------------------

constexpr size_t kExplainMaxNodes = 100;

Scheduler::Scheduler(Cluster& c) : c_(c) {
  filters_.push_back(std::make_unique<NodeUnschedulable>());
  filters_.push_back(std::make_unique<NodeName>());
  filters_.push_back(std::make_unique<TaintToleration>());
  filters_.push_back(std::make_unique<NodeAffinity>());
  filters_.push_back(std::make_unique<NodePorts>());
  filters_.push_back(std::make_unique<NodeResourcesFit>());
  filters_.push_back(std::make_unique<InterPodAffinity>(&affinityPtr_));
  scorers_.push_back(std::make_unique<TaintTolerationScore>());
  scorers_.push_back(std::make_unique<NodeAffinityScore>());
  scorers_.push_back(std::make_unique<LeastAllocated>());
  scorers_.push_back(std::make_unique<BalancedAllocation>());
  podWatch_ = c_.store.watch("Pod", [this](const WatchEvent& ev) { onPod(ev); });
  nodeWatch_ = c_.store.watch("Node", [this](const WatchEvent& ev) { onNode(ev); });
}

static const json& requiredTerms(const json& pod, const char* kind) {
  static const json kNone = json::array();
  const json& a = objectAt(pod, {"spec", "affinity", kind});
  auto it = a.find("requiredDuringSchedulingIgnoredDuringExecution");
  return it != a.end() && it->is_array() ? *it : kNone;
}

// Does `candidate` match `term` of a pod in namespace `ownerNs`?
static bool termMatches(const json& term, const std::string& ownerNs, const json& candidate) {
  std::string ns = objNamespace(candidate);
  const json& namespaces = term.value("namespaces", json::array());
  bool nsOk = namespaces.empty() ? ns == ownerNs : false;
  for (const auto& n : namespaces)
    if (n.is_string() && n.get<std::string>() == ns) nsOk = true;
  if (!nsOk) return false;
  auto sel = term.find("labelSelector");
  if (sel == term.end() || sel->is_null()) return false;
  return labelSelectorMatches(*sel, objectAt(candidate, {"metadata", "labels"}));
}

bool Scheduler::computeAffinity(const json& pod) {
  const json& aff = requiredTerms(pod, "podAffinity");
  const json& anti = requiredTerms(pod, "podAntiAffinity");
  if (aff.empty() && anti.empty() && antiAffinityPods_.empty()) return false;
  affinity_ = AffinityState{};
  std::string ns = objNamespace(pod);
  for (const auto& t : aff) affinity_.affinity.push_back({t.value("topologyKey", ""), {}});
  for (const auto& t : anti) affinity_.antiAffinity.push_back({t.value("topologyKey", ""), {}});
  affinity_.selfMatchesAllAffinityTerms = true;
  for (const auto& t : aff) affinity_.selfMatchesAllAffinityTerms = affinity_.selfMatchesAllAffinityTerms && termMatches(t, ns, pod);
  auto nodeLabel = [&](const std::string& node, const std::string& key, std::string& out) {
    auto it = nodes_.find(node);
    if (it == nodes_.end() || !it->second.node) return false;
    const json& labels = objectAt(*it->second.node, {"metadata", "labels"});
    auto l = labels.find(key);
    if (l == labels.end() || !l->is_string()) return false;
    out = l->get<std::string>();
    return true;
  };
  bool scanAll = !aff.empty() || !anti.empty();
  auto visit = [&](const std::string& key, const std::string& node) {
    auto slash = key.find('/');
    auto other = c_.store.get("Pod", key.substr(0, slash), key.substr(slash + 1));
    if (!other) return;
    std::string v;
    for (size_t i = 0; i < aff.size(); ++i)
      if (termMatches(aff[i], ns, *other) && nodeLabel(node, affinity_.affinity[i].topologyKey, v))
        affinity_.affinity[i].domains.insert(v);
    for (size_t i = 0; i < anti.size(); ++i)
      if (termMatches(anti[i], ns, *other) && nodeLabel(node, affinity_.antiAffinity[i].topologyKey, v))
        affinity_.antiAffinity[i].domains.insert(v);
  };
  if (scanAll)
    for (const auto& [key, placed] : counted_) visit(key, placed.first);
  // Symmetry: existing pods whose required anti-affinity matches this pod forbid their domain.
  for (const auto& key : antiAffinityPods_) {
    auto it = counted_.find(key);
    if (it == counted_.end()) continue;
    auto slash = key.find('/');
    auto other = c_.store.get("Pod", key.substr(0, slash), key.substr(slash + 1));
    if (!other) continue;
    for (const auto& t : requiredTerms(*other, "podAntiAffinity")) {
      std::string v, topo = t.value("topologyKey", "");
      if (termMatches(t, objNamespace(*other), pod) && nodeLabel(it->second.first, topo, v))
        affinity_.forbidden.push_back({topo, v});
    }
  }
  return true;
}

Scheduler::~Scheduler() {
  c_.store.unwatch(podWatch_);
  c_.store.unwatch(nodeWatch_);
}

const ScheduleExplanation* Scheduler::explain(const std::string& ns, const std::string& pod) const {
  auto it = explanations_.find({ns, pod});
  return it == explanations_.end() ? nullptr : &it->second;
}

static bool podTerminal(const json& pod) {
  std::string phase = objectAt(pod, {"status"}).value("phase", "");
  return phase == "Succeeded" || phase == "Failed";
}

void Scheduler::account(const json& pod, int sign) {
  std::string key = objNamespace(pod) + "/" + objName(pod);
  if (sign < 0) {
    auto it = counted_.find(key);
    if (it == counted_.end()) return;
    auto nit = nodes_.find(it->second.first);
    if (nit != nodes_.end()) {
      NodeInfo& n = nit->second;
      n.reqCpu -= it->second.second.cpu;
      n.reqMem -= it->second.second.mem;
      n.nonZeroCpu -= it->second.second.nonZeroCpu;
      n.nonZeroMem -= it->second.second.nonZeroMem;
      n.pods--;
    }
    counted_.erase(it);
    antiAffinityPods_.erase(key);
    return;
  }
  std::string node = podNodeName(pod);
  if (node.empty() || podTerminal(pod) || counted_.count(key)) return;
  PodRequests r = podRequests(pod);
  counted_[key] = {node, r};
  if (!requiredTerms(pod, "podAntiAffinity").empty()) antiAffinityPods_.insert(key);
  NodeInfo& n = nodes_[node];
  n.reqCpu += r.cpu;
  n.reqMem += r.mem;
  n.nonZeroCpu += r.nonZeroCpu;
  n.nonZeroMem += r.nonZeroMem;
  n.pods++;
}

void Scheduler::onPod(const WatchEvent& ev) {
  const json& pod = *ev.obj;
  std::pair<std::string, std::string> key{objNamespace(pod), objName(pod)};
  if (ev.type == WatchType::Deleted) {
    bool wasCounted = counted_.count(key.first + "/" + key.second) > 0;
    account(pod, -1);
    unschedulable_.erase(key);
    explanations_.erase(key);
    if (wasCounted) moveAllToActive();
    return;
  }
  if (podNodeName(pod).empty()) {
    if (objectAt(pod, {"spec"}).value("schedulerName", "default-scheduler") != "default-scheduler") return;
    if (pod["metadata"].contains("deletionTimestamp")) return;
    if (ev.type == WatchType::Added) enqueue(key.first, key.second);
    return;
  }
  if (podTerminal(pod)) {
    bool wasCounted = counted_.count(key.first + "/" + key.second) > 0;
    account(pod, -1);
    if (wasCounted) moveAllToActive();
  } else {
    account(pod, +1);
  }
}

void Scheduler::onNode(const WatchEvent& ev) {
  const json& node = *ev.obj;
  std::string name = objName(node);
  if (ev.type == WatchType::Deleted) {
    nodes_.erase(name);
    return;
  }
  NodeInfo& n = nodes_[name];
  n.node = ev.obj;
  n.ready = nodeReady(node);
  const json& alloc = node.value("status", json::object()).value("allocatable", json::object());
  n.allocCpu = alloc.contains("cpu") ? qMilli(alloc["cpu"]) : 0;
  n.allocMem = alloc.contains("memory") ? qValue(alloc["memory"]) : 0;
  n.allocPods = alloc.contains("pods") ? qValue(alloc["pods"]) : 110;
  moveAllToActive();
}

void Scheduler::enqueue(const std::string& ns, const std::string& name) {
  if (!queued_.insert({ns, name}).second) return;
  active_.push_back({ns, name});
  kick();
}

void Scheduler::kick() {
  if (kicked_) return;
  kicked_ = true;
  c_.queue.after(0, [this] {
    kicked_ = false;
    while (!active_.empty()) scheduleOne();
  });
}

void Scheduler::moveAllToActive() {
  if (unschedulable_.empty()) return;
  auto pods = std::move(unschedulable_);
  unschedulable_.clear();
  for (const auto& k : pods) enqueue(k.first, k.second);
}

void Scheduler::scheduleOne() {
  auto key = active_.front();
  active_.pop_front();
  queued_.erase(key);
  auto podp = c_.store.get("Pod", key.first, key.second);
  if (!podp) return;
  const json& pod = *podp;
  if (!podNodeName(pod).empty() || pod["metadata"].contains("deletionTimestamp")) return;
  PodRequests req = podRequests(pod);
  affinityPtr_ = computeAffinity(pod) ? &affinity_ : nullptr;
  ScheduleExplanation ex;
  std::vector<const NodeInfo*> all;
  for (auto& [name, n] : nodes_)
    if (n.node) all.push_back(&n);
  size_t total = all.size();
  std::string message;
  // Per-node rows cost O(nodes) per pod: kept for small clusters only (the UI's "why").
  const bool explain = total <= kExplainMaxNodes;
  int notHelpful = 0, noVictims = 0;
  std::vector<size_t> feasibleRow;  // index into ex.rows of each feasible node (when explaining)
  std::vector<const NodeInfo*> feasible;
  std::map<std::string, int> histogram;
  std::map<std::string, bool> unresolvable;
  if (total == 0) {
    message = "no nodes available to schedule pods";
  } else {
    // percentageOfNodesToScore: < 100 nodes -> all, else adaptive.
    size_t want = total;
    if (total >= 100) {
      int64_t pct = std::max<int64_t>(5, 50 - static_cast<int64_t>(total) / 125);
      want = std::max<size_t>(100, total * pct / 100);
    }
    size_t start = nextStart_ % total;
    size_t processed = 0;
    for (size_t i = 0; i < total && feasible.size() < want; ++i) {
      const NodeInfo& n = *all[(start + i) % total];
      processed++;
      ScheduleExplanation::Row row;
      if (explain) row.node = objName(*n.node);
      FilterStatus st;
      if (!n.ready) {
        // Not-ready nodes carry the not-ready taint in Kubernetes; report it the same way.
        json taint = {{"key", "node.kubernetes.io/not-ready"}, {"effect", "NoSchedule"}};
        if (!toleratesAll(pod["spec"].value("tolerations", json::array()), taint)) {
          st.reasons = {"node(s) had untolerated taint {node.kubernetes.io/not-ready: }"};
          st.unresolvable = true;
          row.failedPlugin = "TaintToleration";
        }
      }
      for (const auto& f : filters_) {
        if (!st.reasons.empty()) break;
        st = f->filter(pod, req, n);
        if (!st.reasons.empty()) row.failedPlugin = f->name();
      }
      if (st.reasons.empty()) {
        feasible.push_back(&n);
        feasibleRow.push_back(ex.rows.size());
      } else {
        bool unres = false;
        for (const auto& r : st.reasons) {
          histogram[r]++;
          unresolvable[r] = st.unresolvable;
          unres = unres || st.unresolvable;
        }
        (unres ? notHelpful : noVictims)++;
        row.reasons = std::move(st.reasons);
      }
      if (explain) ex.rows.push_back(std::move(row));
    }
    nextStart_ = (start + processed) % total;
  }
  if (feasible.empty()) {
    if (message.empty()) {
      std::vector<std::string> parts;
      for (auto& [r, n] : histogram) parts.push_back(std::to_string(n) + " " + r);
      std::sort(parts.begin(), parts.end());
      std::string hist;
      for (size_t i = 0; i < parts.size(); ++i) hist += (i ? ", " : "") + parts[i];
      // DefaultPreemption's postfilter message.
      std::vector<std::string> pparts;
      if (notHelpful) pparts.push_back(std::to_string(notHelpful) + " Preemption is not helpful for scheduling");
      if (noVictims) pparts.push_back(std::to_string(noVictims) + " No preemption victims found for incoming pod");
      std::sort(pparts.begin(), pparts.end());
      std::string phist;
      for (size_t i = 0; i < pparts.size(); ++i) phist += (i ? ", " : "") + pparts[i];
      message = "0/" + std::to_string(total) + " nodes are available: " + hist + ". preemption: 0/" +
                std::to_string(total) + " nodes are available: " + phist + ".";
    }
    ex.message = message;
    explanations_[key] = std::move(ex);
    c_.recorder.record(pod, "Warning", "FailedScheduling", message, {"default-scheduler", ""});
    Time now = c_.queue.now();
    c_.store.update("Pod", key.first, key.second, [&](json& p) {
      json conds = json::array();
      for (const auto& cnd : p["status"].value("conditions", json::array()))
        if (cnd.value("type", "") != "PodScheduled") conds.push_back(cnd);
      json cond = {{"type", "PodScheduled"}, {"status", "False"}, {"lastProbeTime", nullptr},
                   {"lastTransitionTime", rfc3339(now)}, {"reason", "Unschedulable"}, {"message", message}};
      for (const auto& cnd : p["status"].value("conditions", json::array()))
        if (cnd.value("type", "") == "PodScheduled" && cnd.value("status", "") == "False")
          cond["lastTransitionTime"] = cnd["lastTransitionTime"];
      conds.push_back(cond);
      p["status"]["conditions"] = conds;
      return true;
    });
    unschedulable_.insert(key);
    // Periodic flush of unschedulable pods (podMaxInUnschedulablePodsDuration = 5m).
    if (!flushTimer_)
      flushTimer_ = c_.queue.after(5 * kMinute, [this] {
        flushTimer_ = 0;
        moveAllToActive();
      });
    return;
  }
  // Score.
  std::vector<int64_t> totals(feasible.size(), 0);
  std::vector<std::map<std::string, int64_t>> perPlugin(feasible.size());
  if (feasible.size() > 1) {
    for (const auto& s : scorers_) {
      std::vector<int64_t> raw;
      for (const auto* n : feasible) raw.push_back(s->score(pod, req, *n));
      s->normalize(raw);
      for (size_t i = 0; i < feasible.size(); ++i) {
        totals[i] += raw[i] * s->weight();
        if (explain) perPlugin[i][s->name()] += raw[i] * s->weight();
      }
    }
  }
  size_t best = 0;
  int ties = 1;
  for (size_t i = 1; i < feasible.size(); ++i) {
    if (totals[i] > totals[best]) {
      best = i;
      ties = 1;
    } else if (totals[i] == totals[best]) {
      // Reservoir sampling with the seeded RNG, like selectHost.
      ties++;
      if (c_.rng.below(ties) == 0) best = i;
    }
  }
  std::string nodeName = objName(*feasible[best]->node);
  if (explain)
    for (size_t i = 0; i < feasible.size(); ++i) {
      ex.rows[feasibleRow[i]].scores = perPlugin[i];
      ex.rows[feasibleRow[i]].total = totals[i];
    }
  ex.chosen = nodeName;
  explanations_[key] = std::move(ex);
  Time now = c_.queue.now();
  auto r = c_.store.update("Pod", key.first, key.second, [&](json& p) {
    p["spec"]["nodeName"] = nodeName;
    json conds = json::array();
    for (const auto& cnd : p["status"].value("conditions", json::array()))
      if (cnd.value("type", "") != "PodScheduled") conds.push_back(cnd);
    conds.push_back({{"type", "PodScheduled"}, {"status", "True"}, {"lastProbeTime", nullptr},
                     {"lastTransitionTime", rfc3339(now)}});
    p["status"]["conditions"] = conds;
    return true;
  });
  if (r.ok() && r.obj) {
    account(*r.obj, +1);
    c_.recorder.record(*r.obj, "Normal", "Scheduled",
                       "Successfully assigned " + key.first + "/" + key.second + " to " + nodeName,
                       {"default-scheduler", ""});
  }
}

}  // namespace podplay
