#include "controllers/replicaset.h"

#include <algorithm>
#include <cmath>

#include "api/apiserver.h"
#include "cluster.h"
#include "controllers/workload_util.h"
#include "util/json_fields.h"
#include "util/labels.h"
#include "util/timefmt.h"

namespace podplay {

namespace {
const EventSource kSource{"replicaset-controller", ""};
constexpr int64_t kBurstReplicas = 500;

int phaseOrdinal(const json& pod) {
  std::string phase = objectAt(pod, {"status"}).value("phase", "");
  if (phase == "Pending") return 0;
  if (phase == "Unknown") return 1;
  if (phase == "Running") return 2;
  return 3;
}

int64_t deletionCost(const json& pod) {
  std::string v = annotation(pod, "controller.kubernetes.io/pod-deletion-cost");
  if (v.empty()) return 0;
  try {
    return std::stoll(v);
  } catch (...) {
    return 0;
  }
}

int64_t maxRestarts(const json& pod) {
  int64_t m = 0;
  for (const auto& cs : arrayAt(pod, "status", "containerStatuses"))
    if (cs.is_object()) m = std::max<int64_t>(m, cs.value("restartCount", 0));
  return m;
}

// controller_utils.go logarithmicRankDiff: compares ages on a log2 scale (nanoseconds).
int64_t logRank(Time t, Time now) {
  Time d = now - t;
  if (d <= 0) return -1;
  return static_cast<int64_t>(std::log2(static_cast<double>(d) * 1e6));
}

std::string uidOf(const json& o) { return objectAt(o, {"metadata"}).value("uid", ""); }

}  // namespace

ReplicaSetController::ReplicaSetController(Cluster& c) : c_(c) {
  rsWatch_ = c_.store.watch("ReplicaSet", [this](const WatchEvent& ev) { onReplicaSet(ev); });
  podWatch_ = c_.store.watch("Pod", [this](const WatchEvent& ev) { onPod(ev); });
}

ReplicaSetController::~ReplicaSetController() {
  c_.store.unwatch(rsWatch_);
  c_.store.unwatch(podWatch_);
  for (auto& [k, t] : timers_) c_.queue.cancel(t.second);
}

void ReplicaSetController::enqueue(const Key& k) {
  dirty_.insert(k);
  if (!scheduled_) {
    scheduled_ = true;
    c_.queue.after(0, [this] { drain(); });
  }
}

void ReplicaSetController::drain() {
  scheduled_ = false;
  std::set<Key> batch;
  batch.swap(dirty_);
  for (const auto& k : batch) sync(k);
}

// ---- pod summaries ----------------------------------------------------------------------------

void ReplicaSetController::RsCache::add(const std::string& key, const PodInfo& p) {
  pods[key] = p;
  if (!p.active) return;
  ++active;
  if (p.fully) ++fully;
  if (p.ready) {
    ++ready;
    readySince.insert(p.readySince);
  }
}

void ReplicaSetController::RsCache::erase(const std::string& key) {
  auto it = pods.find(key);
  if (it == pods.end()) return;
  const PodInfo& p = it->second;
  if (p.active) {
    --active;
    if (p.fully) --fully;
    if (p.ready) {
      --ready;
      auto r = readySince.find(p.readySince);
      if (r != readySince.end()) readySince.erase(r);
    }
  }
  pods.erase(it);
}

ReplicaSetController::PodInfo ReplicaSetController::summarize(const json& pod, const json& tmplLabels) const {
  PodInfo p;
  p.active = podActive(pod);
  p.ready = p.active && podIsReady(pod);
  p.readySince = p.ready ? podReadySince(pod) : -1;
  const json& labels = objectAt(pod, {"metadata", "labels"});
  p.fully = true;
  for (auto it = tmplLabels.begin(); it != tmplLabels.end(); ++it) {
    auto l = labels.find(it.key());
    if (l == labels.end() || *l != it.value()) {
      p.fully = false;
      break;
    }
  }
  return p;
}

ReplicaSetController::RsCache& ReplicaSetController::cacheFor(const json& rs) {
  std::string uid = uidOf(rs);
  const json& tmplLabels = objectAt(rs, {"spec", "template", "metadata", "labels"});
  auto it = cache_.find(uid);
  if (it != cache_.end() && it->second.templateLabels == tmplLabels) return it->second;
  // First sight (or the template's labels changed): summarise every owned pod.
  if (it != cache_.end())
    for (const auto& [key, info] : it->second.pods) podOwner_.erase(key);
  RsCache& c = cache_[uid];
  c = RsCache{};
  c.templateLabels = tmplLabels;
  for (const auto& p : c_.store.ownedBy("Pod", uid)) {
    std::string key = objNamespace(*p) + "/" + objName(*p);
    c.add(key, summarize(*p, tmplLabels));
    podOwner_[key] = uid;
  }
  return c;
}

void ReplicaSetController::refreshPod(const std::string& ns, const std::string& name) {
  std::string key = ns + "/" + name;
  auto o = podOwner_.find(key);
  if (o != podOwner_.end()) {
    auto c = cache_.find(o->second);
    if (c != cache_.end()) c->second.erase(key);
    podOwner_.erase(o);
  }
  ObjPtr pod = c_.store.get("Pod", ns, name);
  if (!pod) return;
  std::string uid = controllerUid(*pod);
  auto c = cache_.find(uid);
  if (uid.empty() || c == cache_.end()) return;
  c->second.add(key, summarize(*pod, c->second.templateLabels));
  podOwner_[key] = uid;
}

// ---- watches --------------------------------------------------------------------------------

void ReplicaSetController::onReplicaSet(const WatchEvent& ev) {
  const json& rs = *ev.obj;
  Key k{objNamespace(rs), objName(rs)};
  std::string uid = uidOf(rs);
  if (ev.type == WatchType::Deleted) {
    byUid_.erase(uid);
    auto c = cache_.find(uid);
    if (c != cache_.end()) {
      for (const auto& [key, info] : c->second.pods) podOwner_.erase(key);
      cache_.erase(c);
    }
    needsClaim_.erase(k);
    auto t = timers_.find(k);
    if (t != timers_.end()) {
      c_.queue.cancel(t->second.second);
      timers_.erase(t);
    }
    return;
  }
  byUid_[uid] = k;
  // Status-only writes (our own) need no sync unless the spec or labels moved.
  if (ev.type == WatchType::Modified && ev.old && ev.old->value("spec", json()) == rs.value("spec", json()) &&
      objectAt(*ev.old, {"metadata", "labels"}) == objectAt(rs, {"metadata", "labels"}) &&
      objectAt(*ev.old, {"metadata", "ownerReferences"}) == objectAt(rs, {"metadata", "ownerReferences"}))
    return;
  if (ev.type == WatchType::Added || !ev.old || ev.old->value("spec", json()) != rs.value("spec", json()))
    needsClaim_.insert(k);
  enqueue(k);
}

void ReplicaSetController::enqueueOwner(const json& pod) {
  std::string uid = controllerUid(pod);
  if (!uid.empty()) {
    auto it = byUid_.find(uid);
    if (it != byUid_.end()) enqueue(it->second);
    return;
  }
  // An orphan: every ReplicaSet of its namespace whose selector matches may adopt it.
  if (!podActive(pod)) return;
  const json& labels = objectAt(pod, {"metadata", "labels"});
  for (const auto& rs : c_.store.list("ReplicaSet", objNamespace(pod))) {
    const json& sel = objectAt(*rs, {"spec", "selector"});
    if (!sel.empty() && labelSelectorMatches(sel, labels)) {
      Key k{objNamespace(*rs), objName(*rs)};
      needsClaim_.insert(k);
      enqueue(k);
    }
  }
}

void ReplicaSetController::onPod(const WatchEvent& ev) {
  refreshPod(objNamespace(*ev.obj), objName(*ev.obj));
  enqueueOwner(*ev.obj);
  if (ev.old && (controllerUid(*ev.old) != controllerUid(*ev.obj) ||
                 objectAt(*ev.old, {"metadata", "labels"}) != objectAt(*ev.obj, {"metadata", "labels"}))) {
    // Labels moved: the owner may have to release it (or another ReplicaSet adopt it).
    std::string uid = controllerUid(*ev.obj);
    auto it = byUid_.find(uid);
    if (it != byUid_.end()) needsClaim_.insert(it->second);
    enqueueOwner(*ev.old);
  }
}

std::vector<ObjPtr> ReplicaSetController::podsToDelete(const std::vector<ObjPtr>& pods,
                                                       const std::vector<ObjPtr>& related, size_t n, Time now) {
  if (n >= pods.size()) return pods;
  // Rank = number of related active pods on the same node (getPodsRankedByRelatedPodsOnSameNode).
  std::map<std::string, int> perNode;
  for (const auto& p : related)
    if (podActive(*p)) ++perNode[podNodeName(*p)];
  struct Ranked {
    ObjPtr pod;
    int rank;
  };
  std::vector<Ranked> v;
  v.reserve(pods.size());
  for (const auto& p : pods) v.push_back({p, perNode[podNodeName(*p)]});
  auto less = [now](const Ranked& a, const Ranked& b) {
    const json& pa = *a.pod;
    const json& pb = *b.pod;
    std::string na = podNodeName(pa), nb = podNodeName(pb);
    if (na != nb && (na.empty() || nb.empty())) return na.empty();
    int oa = phaseOrdinal(pa), ob = phaseOrdinal(pb);
    if (oa != ob) return oa < ob;
    bool ra = podIsReady(pa), rb = podIsReady(pb);
    if (ra != rb) return !ra;
    int64_t ca = deletionCost(pa), cb = deletionCost(pb);
    if (ca != cb) return ca < cb;
    if (a.rank != b.rank) return a.rank > b.rank;
    if (ra && rb) {
      Time ta = podReadySince(pa), tb = podReadySince(pb);
      if (ta != tb) {
        int64_t diff = logRank(ta, now) - logRank(tb, now);
        if (diff == 0) return uidOf(pa) < uidOf(pb);
        return diff < 0;
      }
    }
    int64_t xa = maxRestarts(pa), xb = maxRestarts(pb);
    if (xa != xb) return xa > xb;
    Time cta = creationTime(pa), ctb = creationTime(pb);
    if (cta != ctb) {
      int64_t diff = logRank(cta, now) - logRank(ctb, now);
      if (diff == 0) return uidOf(pa) < uidOf(pb);
      return diff < 0;
    }
    return uidOf(pa) < uidOf(pb);
  };
  std::stable_sort(v.begin(), v.end(), less);
  std::vector<ObjPtr> out;
  for (size_t i = 0; i < n; ++i) out.push_back(v[i].pod);
  return out;
}

static bool setReplicaFailure(json& status, const std::string& message, Time now) {
  json& conds = status["conditions"];
  if (!conds.is_array()) conds = json::array();
  for (auto& c : conds)
    if (c.value("type", "") == "ReplicaFailure") {
      if (c.value("message", "") == message) return false;
      c["message"] = message;
      return true;
    }
  conds.push_back({{"lastTransitionTime", rfc3339(now)},
                   {"message", message},
                   {"reason", "FailedCreate"},
                   {"status", "True"},
                   {"type", "ReplicaFailure"}});
  return true;
}

void ReplicaSetController::sync(const Key& k) {
  ObjPtr rsPtr = c_.store.get("ReplicaSet", k.first, k.second);
  if (!rsPtr) return;
  const json& rs = *rsPtr;
  const std::string& ns = k.first;
  std::string uid = uidOf(rs);
  Time now = c_.queue.now();
  const json& selector = objectAt(rs, {"spec", "selector"});
  RsCache& cache = cacheFor(rs);

  // Claim (only when something may have changed ownership): release owned pods that stopped
  // matching, adopt matching active orphans.
  if (needsClaim_.erase(k)) {
    for (const auto& p : c_.store.ownedBy("Pod", uid)) {
      if (labelSelectorMatches(selector, objectAt(*p, {"metadata", "labels"})) || !podActive(*p)) continue;
      c_.store.update("Pod", ns, objName(*p), [&](json& o) {
        dropOwnerReference(o, uid);
        return true;
      });
      refreshPod(ns, objName(*p));
    }
    if (!selector.empty()) {
      for (const auto& p : c_.store.ownedBy("Pod", "", ns)) {
        if (!podActive(*p) || !labelSelectorMatches(selector, objectAt(*p, {"metadata", "labels"}))) continue;
        c_.store.update("Pod", ns, objName(*p), [&](json& o) {
          addOwnerReference(o, controllerRef(rs));
          return true;
        });
        refreshPod(ns, objName(*p));
      }
    }
  }

  // Status from the pods seen before this sync's changes (calculateStatus).
  int64_t minReady = specInt(rs, "minReadySeconds", 0);
  int64_t observedCount = cache.active, fully = cache.fully, ready = cache.ready, available = 0;
  Time nextAvailable = -1;
  if (minReady <= 0) {
    available = ready;
  } else {
    // IsPodAvailable: readySince + minReadySeconds < now.
    for (Time since : cache.readySince) {
      Time at = since + minReady * kSecond;
      if (at < now) {
        ++available;
      } else {
        nextAvailable = at;
        break;
      }
    }
  }

  // manageReplicas.
  std::string failure;
  int64_t replicas = specInt(rs, "replicas", 1);
  int64_t diff = observedCount - replicas;
  if (diff < 0) {
    int64_t toCreate = std::min(-diff, kBurstReplicas);
    const json& tmpl = objectAt(rs, {"spec", "template"});
    for (int64_t i = 0; i < toCreate; ++i) {
      json pod = {{"apiVersion", "v1"}, {"kind", "Pod"}, {"metadata", json::object()}, {"spec", tmpl.value("spec", json::object())}};
      json& meta = pod["metadata"];
      meta["generateName"] = k.second + "-";
      meta["namespace"] = ns;
      const json& tm = objectAt(tmpl, {"metadata"});
      if (tm.contains("labels")) meta["labels"] = tm["labels"];
      if (tm.contains("annotations")) meta["annotations"] = tm["annotations"];
      meta["ownerReferences"] = json::array({controllerRef(rs)});
      auto r = c_.api->create(pod);
      if (!r.ok()) {
        failure = r.err.message;
        c_.recorder.record(rs, "Warning", "FailedCreate", "Error creating: " + r.err.message, kSource);
        break;
      }
      refreshPod(ns, objName(*r.obj));
      c_.recorder.record(rs, "Normal", "SuccessfulCreate", "Created pod: " + objName(*r.obj), kSource);
    }
  } else if (diff > 0) {
    std::vector<ObjPtr> active;
    for (const auto& p : c_.store.ownedBy("Pod", uid))
      if (podActive(*p)) active.push_back(p);
    // Related pods (for the "doubled up on a node" rank): those of every ReplicaSet with the same
    // controller; a ReplicaSet without one has none (getReplicaSetsWithSameController).
    std::vector<ObjPtr> related;
    std::string ownerUid = controllerUid(rs);
    if (!ownerUid.empty())
      for (const auto& sib : c_.store.ownedBy("ReplicaSet", ownerUid))
        for (const auto& p : c_.store.ownedBy("Pod", uidOf(*sib))) related.push_back(p);
    for (const auto& p : podsToDelete(active, related, static_cast<size_t>(diff), now)) {
      auto r = c_.api->remove("Pod", ns, objName(*p));
      refreshPod(ns, objName(*p));
      if (r.ok()) c_.recorder.record(rs, "Normal", "SuccessfulDelete", "Deleted pod: " + objName(*p), kSource);
    }
  }

  c_.store.update("ReplicaSet", ns, k.second, [&](json& o) {
    json& st = o["status"];
    if (!st.is_object()) st = json::object();
    auto put = [&](const char* f, int64_t v) {
      if (v == 0 && std::string(f) != "replicas") st.erase(f);
      else st[f] = v;
    };
    put("replicas", observedCount);
    put("fullyLabeledReplicas", fully);
    put("readyReplicas", ready);
    put("availableReplicas", available);
    st["observedGeneration"] = o["metadata"].value("generation", 1);
    if (!failure.empty()) {
      setReplicaFailure(st, failure, now);
    } else if (st.contains("conditions")) {
      json keep = json::array();
      for (const auto& c : st["conditions"])
        if (c.value("type", "") != "ReplicaFailure") keep.push_back(c);
      if (keep.empty()) st.erase("conditions");
      else st["conditions"] = keep;
    }
    return true;
  });

  // Pods Ready but not yet available for minReadySeconds: come back when the first one is.
  auto t = timers_.find(k);
  if (nextAvailable >= 0) {
    Time when = std::max(nextAvailable + 1, now);
    if (t == timers_.end() || t->second.first != when) {
      if (t != timers_.end()) c_.queue.cancel(t->second.second);
      uint64_t id = c_.queue.at(when, [this, k] {
        timers_.erase(k);
        enqueue(k);
      });
      timers_[k] = {when, id};
    }
  } else if (t != timers_.end()) {
    c_.queue.cancel(t->second.second);
    timers_.erase(t);
  }
}

}  // namespace podplay
