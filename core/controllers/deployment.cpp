#include "controllers/deployment.h"

#include <algorithm>
#include <climits>
#include <cmath>

#include "api/apiserver.h"
#include "cluster.h"
#include "controllers/workload_util.h"
#include "util/json_fields.h"
#include "util/labels.h"
#include "util/timefmt.h"

namespace podplay {

namespace {
const EventSource kSource{"deployment-controller", ""};
const char* kRevision = "deployment.kubernetes.io/revision";
const char* kRevisionHistory = "deployment.kubernetes.io/revision-history";
const char* kDesired = "deployment.kubernetes.io/desired-replicas";
const char* kMax = "deployment.kubernetes.io/max-replicas";
const char* kHashLabel = "pod-template-hash";
constexpr size_t kMaxRevHistoryChars = 2000;

std::string uidOf(const json& o) { return objectAt(o, {"metadata"}).value("uid", ""); }
int64_t replicasOf(const ObjPtr& rs) { return rs ? specInt(*rs, "replicas", 1) : 0; }
int64_t actualOf(const ObjPtr& rs) { return rs ? statusInt(*rs, "replicas") : 0; }
int64_t availableOf(const ObjPtr& rs) { return rs ? statusInt(*rs, "availableReplicas") : 0; }
int64_t readyOf(const ObjPtr& rs) { return rs ? statusInt(*rs, "readyReplicas") : 0; }

int64_t revisionOf(const json& rs) {
  std::string v = annotation(rs, kRevision);
  if (v.empty()) return 0;
  try {
    return std::stoll(v);
  } catch (...) {
    return 0;
  }
}

// ReplicaSetsByCreationTimestamp: older first, then by name.
bool olderFirst(const ObjPtr& a, const ObjPtr& b) {
  Time ta = creationTime(*a), tb = creationTime(*b);
  if (ta != tb) return ta < tb;
  return objName(*a) < objName(*b);
}

std::vector<ObjPtr> activeOnly(const std::vector<ObjPtr>& rss) {
  std::vector<ObjPtr> out;
  for (const auto& rs : rss)
    if (rs && replicasOf(rs) > 0) out.push_back(rs);
  return out;
}

int64_t sumReplicas(const std::vector<ObjPtr>& rss) {
  int64_t s = 0;
  for (const auto& rs : rss) s += replicasOf(rs);
  return s;
}

bool hasProgressDeadline(const json& d) {
  const json& spec = objectAt(d, {"spec"});
  auto it = spec.find("progressDeadlineSeconds");
  return it != spec.end() && it->is_number_integer() && it->get<int64_t>() != INT32_MAX;
}

json* findCondition(json& status, const std::string& type) {
  if (!status.contains("conditions") || !status["conditions"].is_array()) return nullptr;
  for (auto& c : status["conditions"])
    if (c.value("type", "") == type) return &c;
  return nullptr;
}

json newCondition(const std::string& type, const std::string& status, const std::string& reason,
                  const std::string& message, Time now) {
  return {{"type", type},
          {"status", status},
          {"lastUpdateTime", rfc3339(now)},
          {"lastTransitionTime", rfc3339(now)},
          {"reason", reason},
          {"message", message}};
}

// deploymentutil.SetDeploymentCondition.
void setCondition(json& status, json cond) {
  json* cur = findCondition(status, cond["type"]);
  if (cur && (*cur)["status"] == cond["status"] && (*cur)["reason"] == cond["reason"]) return;
  if (cur && (*cur)["status"] == cond["status"]) cond["lastTransitionTime"] = (*cur)["lastTransitionTime"];
  json out = json::array();
  if (status.contains("conditions") && status["conditions"].is_array())
    for (const auto& c : status["conditions"])
      if (c.value("type", "") != cond["type"].get<std::string>()) out.push_back(c);
  out.push_back(cond);
  status["conditions"] = out;
}

void removeCondition(json& status, const std::string& type) {
  if (!status.contains("conditions")) return;
  json out = json::array();
  for (const auto& c : status["conditions"])
    if (c.value("type", "") != type) out.push_back(c);
  if (out.empty()) status.erase("conditions");
  else status["conditions"] = out;
}

bool skipCopyAnnotation(const std::string& k) {
  return k == "kubectl.kubernetes.io/last-applied-configuration" || k == kRevision || k == kRevisionHistory ||
         k == kDesired || k == kMax || k == "deprecated.deployment.rollback.to";
}

}  // namespace

struct DeploymentController::Ctx {
  json d;        // working copy (status/annotations change during the sync)
  json status0;  // status as read at the start of the sync
  std::vector<ObjPtr> rsList;
  ObjPtr newRS;
  std::vector<ObjPtr> oldRSs;
  Time now = 0;
  bool dirtyD = false;  // d's status/annotations need writing before the next step
};

DeploymentController::DeploymentController(Cluster& c) : c_(c) {
  dWatch_ = c_.store.watch("Deployment", [this](const WatchEvent& ev) { onDeployment(ev); });
  rsWatch_ = c_.store.watch("ReplicaSet", [this](const WatchEvent& ev) { onReplicaSet(ev); });
  podWatch_ = c_.store.watch("Pod", [this](const WatchEvent& ev) { onPod(ev); });
}

DeploymentController::~DeploymentController() {
  c_.store.unwatch(dWatch_);
  c_.store.unwatch(rsWatch_);
  c_.store.unwatch(podWatch_);
  for (auto& [k, t] : deadlineTimers_) c_.queue.cancel(t.second);
}

int64_t DeploymentController::maxSurge(const json& d) {
  const json& st = objectAt(d, {"spec", "strategy"});
  if (st.value("type", "RollingUpdate") != "RollingUpdate") return 0;
  int64_t replicas = specInt(d, "replicas", 1);
  const json& ru = objectAt(d, {"spec", "strategy", "rollingUpdate"});
  return scaledValue(ru.value("maxSurge", json("25%")), replicas, true);
}

int64_t DeploymentController::maxUnavailable(const json& d) {
  const json& st = objectAt(d, {"spec", "strategy"});
  int64_t replicas = specInt(d, "replicas", 1);
  if (st.value("type", "RollingUpdate") != "RollingUpdate" || replicas == 0) return 0;
  const json& ru = objectAt(d, {"spec", "strategy", "rollingUpdate"});
  int64_t surge = scaledValue(ru.value("maxSurge", json("25%")), replicas, true);
  int64_t unavail = scaledValue(ru.value("maxUnavailable", json("25%")), replicas, false);
  if (surge == 0 && unavail == 0) unavail = 1;
  return std::min(unavail, replicas);
}

bool DeploymentController::equalIgnoreHash(const json& t1, const json& t2) {
  json a = t1, b = t2;
  for (json* t : {&a, &b}) {
    if (t->contains("metadata") && (*t)["metadata"].contains("labels")) {
      (*t)["metadata"]["labels"].erase(kHashLabel);
      if ((*t)["metadata"]["labels"].empty()) (*t)["metadata"].erase("labels");
    }
    if (t->contains("metadata") && (*t)["metadata"].empty()) t->erase("metadata");
  }
  return a == b;
}

// ---- watches --------------------------------------------------------------------------------

void DeploymentController::enqueue(const Key& k) {
  dirty_.insert(k);
  if (!scheduled_) {
    scheduled_ = true;
    c_.queue.after(0, [this] { drain(); });
  }
}

void DeploymentController::drain() {
  scheduled_ = false;
  std::set<Key> batch;
  batch.swap(dirty_);
  for (const auto& k : batch) sync(k);
}

void DeploymentController::onDeployment(const WatchEvent& ev) {
  Key k{objNamespace(*ev.obj), objName(*ev.obj)};
  if (ev.type == WatchType::Deleted) {
    byUid_.erase(uidOf(*ev.obj));
    auto t = deadlineTimers_.find(k);
    if (t != deadlineTimers_.end()) {
      c_.queue.cancel(t->second.second);
      deadlineTimers_.erase(t);
    }
    return;
  }
  byUid_[uidOf(*ev.obj)] = k;
  enqueue(k);
}

void DeploymentController::onReplicaSet(const WatchEvent& ev) {
  auto enqueueFor = [this](const json& rs) {
    std::string owner = controllerUid(rs);
    if (!owner.empty()) {
      auto it = byUid_.find(owner);
      if (it != byUid_.end()) enqueue(it->second);
      return;
    }
    const json& labels = objectAt(rs, {"metadata", "labels"});
    for (const auto& d : c_.store.list("Deployment", objNamespace(rs))) {
      const json& sel = objectAt(*d, {"spec", "selector"});
      if (!sel.empty() && labelSelectorMatches(sel, labels)) enqueue({objNamespace(*d), objName(*d)});
    }
  };
  enqueueFor(*ev.obj);
  if (ev.old && controllerUid(*ev.old) != controllerUid(*ev.obj)) enqueueFor(*ev.old);
}

void DeploymentController::onPod(const WatchEvent& ev) {
  // Only Recreate waits on pods (deletePod in deployment_controller.go): when the last old pod goes.
  if (ev.type != WatchType::Deleted) return;
  std::string rsUid = controllerUid(*ev.obj);
  if (rsUid.empty()) return;
  // The pod's ReplicaSet is named by its controller ownerReference.
  std::string rsName;
  for (const auto& r : objectAt(*ev.obj, {"metadata"}).value("ownerReferences", json::array()))
    if (r.value("controller", false)) rsName = r.value("name", "");
  auto rsObj = c_.store.get("ReplicaSet", objNamespace(*ev.obj), rsName);
  if (!rsObj) return;
  auto it = byUid_.find(controllerUid(*rsObj));
  if (it == byUid_.end()) return;
  auto d = c_.store.get("Deployment", it->second.first, it->second.second);
  if (d && objectAt(*d, {"spec", "strategy"}).value("type", "") == "Recreate") enqueue(it->second);
}

// ---- sync -----------------------------------------------------------------------------------

void DeploymentController::writeStatus(Ctx& x, const json& status) {
  json annotations = objectAt(x.d, {"metadata", "annotations"});
  auto r = c_.store.update("Deployment", objNamespace(x.d), objName(x.d), [&](json& o) {
    if (status.empty()) o.erase("status");
    else o["status"] = status;
    if (annotations.empty()) o["metadata"].erase("annotations");
    else o["metadata"]["annotations"] = annotations;
    return true;
  });
  if (r.ok() && r.obj) x.d["metadata"]["resourceVersion"] = (*r.obj)["metadata"]["resourceVersion"];
  x.d["status"] = status;
}

// Keep the sync's list current after writing a ReplicaSet.
static void refresh(std::vector<ObjPtr>& list, const ObjPtr& rs) {
  for (auto& r : list)
    if (objName(*r) == objName(*rs)) r = rs;
}

void DeploymentController::splitReplicaSets(Ctx& x) {
  // FindNewReplicaSet: the oldest RS whose template equals the Deployment's (ignoring the hash).
  std::vector<ObjPtr> sorted = x.rsList;
  std::sort(sorted.begin(), sorted.end(), olderFirst);
  x.newRS = nullptr;
  const json& tmpl = objectAt(x.d, {"spec", "template"});
  for (const auto& rs : sorted)
    if (equalIgnoreHash(objectAt(*rs, {"spec", "template"}), tmpl)) {
      x.newRS = rs;
      break;
    }
  x.oldRSs.clear();
  for (const auto& rs : x.rsList)
    if (!x.newRS || uidOf(*rs) != uidOf(*x.newRS)) x.oldRSs.push_back(rs);
}

static bool setReplicasAnnotations(json& rs, int64_t desired, int64_t maxReplicas) {
  json& a = rs["metadata"]["annotations"];
  if (!a.is_object()) a = json::object();
  bool changed = false;
  std::string d = std::to_string(desired), m = std::to_string(maxReplicas);
  if (a.value(kDesired, "") != d) {
    a[kDesired] = d;
    changed = true;
  }
  if (a.value(kMax, "") != m) {
    a[kMax] = m;
    changed = true;
  }
  return changed;
}

// deploymentutil.SetNewReplicaSetAnnotations.
static bool setNewReplicaSetAnnotations(const json& d, json& rs, const std::string& newRevision, bool exists,
                                        int64_t surge) {
  bool changed = false;
  json& a = rs["metadata"]["annotations"];
  if (!a.is_object()) a = json::object();
  for (auto it = objectAt(d, {"metadata", "annotations"}).begin(); it != objectAt(d, {"metadata", "annotations"}).end(); ++it) {
    if (skipCopyAnnotation(it.key())) continue;
    if (a.contains(it.key()) && a[it.key()] == it.value()) continue;
    a[it.key()] = it.value();
    changed = true;
  }
  bool had = a.contains(kRevision);
  std::string oldRevision = had && a[kRevision].is_string() ? a[kRevision].get<std::string>() : "";
  int64_t oldRev = 0;
  if (!oldRevision.empty()) {
    try {
      oldRev = std::stoll(oldRevision);
    } catch (...) {
      return false;
    }
  }
  int64_t newRev = std::stoll(newRevision);
  if (oldRev < newRev) {
    a[kRevision] = newRevision;
    changed = true;
  }
  if (had && oldRev < newRev) {
    std::string hist = a.value(kRevisionHistory, "");
    if (hist.empty()) {
      a[kRevisionHistory] = oldRevision;
    } else {
      std::vector<std::string> parts;
      size_t start = 0;
      while (true) {
        size_t comma = hist.find(',', start);
        parts.push_back(hist.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
        if (comma == std::string::npos) break;
        start = comma + 1;
      }
      size_t total = hist.size() + oldRevision.size() + 1, first = 0;
      while (total > kMaxRevHistoryChars && first < parts.size()) total -= parts[first++].size() + 1;
      if (total <= kMaxRevHistoryChars) {
        std::string joined;
        for (size_t i = first; i < parts.size(); ++i) joined += parts[i] + ",";
        a[kRevisionHistory] = joined + oldRevision;
      }
    }
  }
  if (!exists) {
    int64_t replicas = specInt(d, "replicas", 1);
    if (setReplicasAnnotations(rs, replicas, replicas + surge)) changed = true;
  }
  return changed;
}

static bool setDeploymentRevision(json& d, const std::string& revision) {
  json& a = d["metadata"]["annotations"];
  if (!a.is_object()) a = json::object();
  if (a.value(kRevision, "") == revision) return false;
  a[kRevision] = revision;
  return true;
}

ObjPtr DeploymentController::getNewReplicaSet(Ctx& x, bool create) {
  int64_t maxOld = 0;
  for (const auto& rs : x.oldRSs) maxOld = std::max(maxOld, revisionOf(*rs));
  std::string newRevision = std::to_string(maxOld + 1);
  const std::string& ns = objNamespace(x.d);
  if (x.newRS) {
    json rsCopy = *x.newRS;
    bool annotationsUpdated = setNewReplicaSetAnnotations(x.d, rsCopy, newRevision, true, maxSurge(x.d));
    int64_t minReady = specInt(x.d, "minReadySeconds", 0);
    bool minReadyUpdate = specInt(rsCopy, "minReadySeconds", 0) != minReady;
    if (annotationsUpdated || minReadyUpdate) {
      if (minReady == 0) rsCopy["spec"].erase("minReadySeconds");
      else rsCopy["spec"]["minReadySeconds"] = minReady;
      auto r = c_.store.update("ReplicaSet", ns, objName(rsCopy), [&](json& o) {
        o["metadata"]["annotations"] = rsCopy["metadata"]["annotations"];
        o["spec"] = rsCopy["spec"];
        return true;
      });
      if (r.ok() && r.obj) {
        x.newRS = r.obj;
        refresh(x.rsList, r.obj);
      }
      return x.newRS;
    }
    bool needsUpdate = setDeploymentRevision(x.d, annotation(rsCopy, kRevision));
    json& st = x.d["status"];
    if (!st.is_object()) st = json::object();
    if (hasProgressDeadline(x.d) && !findCondition(st, "Progressing")) {
      setCondition(st, newCondition("Progressing", "True", "FoundNewReplicaSet",
                                    "Found new replica set \"" + objName(rsCopy) + "\"", x.now));
      needsUpdate = true;
    }
    if (needsUpdate) writeStatus(x, st);
    return x.newRS;
  }
  if (!create) return nullptr;

  json tmpl = objectAt(x.d, {"spec", "template"});
  int64_t collisions = statusInt(x.d, "collisionCount");
  std::string hash = templateHash(tmpl, collisions);
  tmpl["metadata"]["labels"][kHashLabel] = hash;
  json selector = objectAt(x.d, {"spec", "selector"});
  selector["matchLabels"][kHashLabel] = hash;
  json rs = {{"apiVersion", "apps/v1"},
             {"kind", "ReplicaSet"},
             {"metadata",
              {{"name", objName(x.d) + "-" + hash},
               {"namespace", ns},
               {"labels", tmpl["metadata"]["labels"]},
               {"ownerReferences", json::array({controllerRef(x.d)})}}},
             {"spec", {{"replicas", 0}, {"selector", selector}, {"template", tmpl}}}};
  int64_t minReady = specInt(x.d, "minReadySeconds", 0);
  if (minReady) rs["spec"]["minReadySeconds"] = minReady;
  // NewRSNewReplicas.
  int64_t replicas = specInt(x.d, "replicas", 1);
  int64_t newCount = replicas;
  if (objectAt(x.d, {"spec", "strategy"}).value("type", "RollingUpdate") == "RollingUpdate") {
    int64_t current = sumReplicas(x.oldRSs);
    int64_t maxTotal = replicas + maxSurge(x.d);
    newCount = current >= maxTotal ? 0 : std::min(maxTotal - current, replicas);
  }
  rs["spec"]["replicas"] = newCount;
  setNewReplicaSetAnnotations(x.d, rs, newRevision, false, maxSurge(x.d));
  auto r = c_.api->create(rs);
  if (!r.ok()) {
    auto existing = c_.store.get("ReplicaSet", ns, objName(rs));
    if (existing && controllerUid(*existing) == uidOf(x.d) &&
        equalIgnoreHash(objectAt(*existing, {"spec", "template"}), objectAt(x.d, {"spec", "template"}))) {
      x.newRS = existing;
      return existing;
    }
    if (existing) {
      // Hash collision: bump collisionCount and try again at the next sync.
      json st = x.d.value("status", json::object());
      st["collisionCount"] = collisions + 1;
      writeStatus(x, st);
      enqueue({ns, objName(x.d)});
    } else {
      c_.recorder.record(x.d, "Warning", "FailedCreate", "Failed to create new replica set \"" + objName(rs) + "\": " + r.err.message, kSource);
    }
    return nullptr;
  }
  x.newRS = r.obj;
  x.rsList.push_back(r.obj);
  if (newCount > 0)
    c_.recorder.record(x.d, "Normal", "ScalingReplicaSet",
                       "Scaled up replica set " + objName(*r.obj) + " from 0 to " + std::to_string(newCount), kSource);
  setDeploymentRevision(x.d, newRevision);
  json& st = x.d["status"];
  if (!st.is_object()) st = json::object();
  if (hasProgressDeadline(x.d))
    setCondition(st, newCondition("Progressing", "True", "NewReplicaSetCreated",
                                  "Created new replica set \"" + objName(*r.obj) + "\"", x.now));
  writeStatus(x, st);
  return x.newRS;
}

bool DeploymentController::scaleReplicaSet(Ctx& x, ObjPtr& rs, int64_t newScale, const std::string& op) {
  int64_t oldScale = replicasOf(rs);
  bool sizeChange = oldScale != newScale;
  int64_t replicas = specInt(x.d, "replicas", 1);
  std::string want = std::to_string(replicas), wantMax = std::to_string(replicas + maxSurge(x.d));
  bool annChange = annotation(*rs, kDesired) != want || annotation(*rs, kMax) != wantMax;
  if (!sizeChange && !annChange) return false;
  auto r = c_.store.update("ReplicaSet", objNamespace(*rs), objName(*rs), [&](json& o) {
    o["spec"]["replicas"] = newScale;
    setReplicasAnnotations(o, replicas, replicas + maxSurge(x.d));
    return true;
  });
  if (!r.ok()) return false;
  rs = r.obj;
  refresh(x.rsList, rs);
  refresh(x.oldRSs, rs);
  if (x.newRS && objName(*x.newRS) == objName(*rs)) x.newRS = rs;
  if (sizeChange)
    c_.recorder.record(x.d, "Normal", "ScalingReplicaSet",
                       "Scaled " + op + " replica set " + objName(*rs) + " from " + std::to_string(oldScale) + " to " +
                           std::to_string(newScale),
                       kSource);
  return sizeChange;
}

bool DeploymentController::scaleReplicaSetAndRecordEvent(Ctx& x, ObjPtr& rs, int64_t newScale) {
  if (replicasOf(rs) == newScale) return false;
  return scaleReplicaSet(x, rs, newScale, replicasOf(rs) < newScale ? "up" : "down");
}

// sync.go scale(): replicas changed (or paused) -> distribute over the active ReplicaSets.
void DeploymentController::scale(Ctx& x) {
  int64_t replicas = specInt(x.d, "replicas", 1);
  // FindActiveOrLatest.
  if (x.newRS || !x.oldRSs.empty()) {
    std::vector<ObjPtr> olds = x.oldRSs;
    std::sort(olds.begin(), olds.end(), [](const ObjPtr& a, const ObjPtr& b) { return olderFirst(b, a); });
    std::vector<ObjPtr> all = olds;
    if (x.newRS) all.push_back(x.newRS);
    std::vector<ObjPtr> active = activeOnly(all);
    ObjPtr pick;
    if (active.empty()) pick = x.newRS ? x.newRS : olds[0];
    else if (active.size() == 1) pick = active[0];
    if (pick) {
      if (replicasOf(pick) == replicas) return;
      scaleReplicaSetAndRecordEvent(x, pick, replicas);
      return;
    }
  }
  // IsSaturated(newRS): old ones go to 0.
  if (x.newRS && annotation(*x.newRS, kDesired) == std::to_string(replicas) && availableOf(x.newRS) == replicas &&
      replicasOf(x.newRS) == replicas) {
    for (auto& old : activeOnly(x.oldRSs)) {
      ObjPtr o = old;
      scaleReplicaSetAndRecordEvent(x, o, 0);
    }
    return;
  }
  if (objectAt(x.d, {"spec", "strategy"}).value("type", "RollingUpdate") != "RollingUpdate") return;
  std::vector<ObjPtr> all = x.oldRSs;
  if (x.newRS) all.push_back(x.newRS);
  all = activeOnly(all);
  int64_t allReplicas = sumReplicas(all);
  int64_t surge = maxSurge(x.d);
  int64_t allowed = replicas > 0 ? replicas + surge : 0;
  int64_t toAdd = allowed - allReplicas;
  std::string op;
  if (toAdd > 0) {
    std::sort(all.begin(), all.end(), [](const ObjPtr& a, const ObjPtr& b) {
      if (replicasOf(a) == replicasOf(b)) return olderFirst(b, a);
      return replicasOf(a) > replicasOf(b);
    });
    op = "up";
  } else if (toAdd < 0) {
    std::sort(all.begin(), all.end(), [](const ObjPtr& a, const ObjPtr& b) {
      if (replicasOf(a) == replicasOf(b)) return olderFirst(a, b);
      return replicasOf(a) > replicasOf(b);
    });
    op = "down";
  }
  int64_t added = 0;
  std::vector<int64_t> sizes;
  for (const auto& rs : all) {
    int64_t proportion = 0;
    if (toAdd != 0 && replicasOf(rs) != 0 && toAdd != added) {
      // getReplicaSetFraction.
      int64_t fraction;
      if (replicas == 0) {
        fraction = -replicasOf(rs);
      } else {
        int64_t deploymentReplicas = replicas + surge;
        std::string ann = annotation(*rs, kMax);
        int64_t annotated = statusInt(x.d, "replicas");
        if (!ann.empty()) {
          try {
            annotated = std::stoll(ann);
          } catch (...) {
          }
        }
        double sz = annotated == 0 ? 0.0 : static_cast<double>(replicasOf(rs) * deploymentReplicas) / static_cast<double>(annotated);
        fraction = static_cast<int64_t>(std::llround(sz)) - replicasOf(rs);
      }
      int64_t allowedLeft = toAdd - added;
      proportion = toAdd > 0 ? std::min(fraction, allowedLeft) : std::max(fraction, allowedLeft);
    }
    sizes.push_back(replicasOf(rs) + proportion);
    added += proportion;
  }
  for (size_t i = 0; i < all.size(); ++i) {
    if (i == 0 && toAdd != 0) {
      sizes[i] += toAdd - added;
      if (sizes[i] < 0) sizes[i] = 0;
    }
    ObjPtr rs = all[i];
    scaleReplicaSet(x, rs, sizes[i], op);
  }
}

void DeploymentController::cleanupDeployment(Ctx& x) {
  const json& spec = objectAt(x.d, {"spec"});
  if (!spec.contains("revisionHistoryLimit")) return;
  int64_t limit = specInt(x.d, "revisionHistoryLimit", 10);
  std::vector<ObjPtr> cleanable = x.oldRSs;
  int64_t diff = static_cast<int64_t>(cleanable.size()) - limit;
  if (diff <= 0) return;
  // ReplicaSetsByRevision: lower revision first (ties: older first).
  std::sort(cleanable.begin(), cleanable.end(), [](const ObjPtr& a, const ObjPtr& b) {
    int64_t ra = revisionOf(*a), rb = revisionOf(*b);
    if (ra != rb) return ra < rb;
    return olderFirst(a, b);
  });
  for (int64_t i = 0; i < diff; ++i) {
    const ObjPtr& rs = cleanable[i];
    if (actualOf(rs) != 0 || replicasOf(rs) != 0 ||
        objectAt(*rs, {"metadata"}).value("generation", 1) > statusInt(*rs, "observedGeneration"))
      continue;
    c_.api->remove("ReplicaSet", objNamespace(*rs), objName(*rs));
  }
}

json DeploymentController::calculateStatus(Ctx& x) {
  std::vector<ObjPtr> all = x.oldRSs;
  if (x.newRS) all.push_back(x.newRS);
  int64_t available = 0, total = 0, actual = 0, ready = 0;
  for (const auto& rs : all) {
    available += availableOf(rs);
    total += replicasOf(rs);
    actual += actualOf(rs);
    ready += readyOf(rs);
  }
  int64_t unavailable = std::max<int64_t>(0, total - available);
  json st = json::object();
  json cur = x.d.value("status", json::object());
  st["observedGeneration"] = objectAt(x.d, {"metadata"}).value("generation", 1);
  auto put = [&](const char* f, int64_t v) {
    if (v != 0) st[f] = v;
  };
  put("replicas", actual);
  put("updatedReplicas", actualOf(x.newRS));
  put("readyReplicas", ready);
  put("availableReplicas", available);
  put("unavailableReplicas", unavailable);
  if (cur.contains("collisionCount")) st["collisionCount"] = cur["collisionCount"];
  if (cur.contains("conditions")) st["conditions"] = cur["conditions"];
  int64_t replicas = specInt(x.d, "replicas", 1);
  if (available >= replicas - maxUnavailable(x.d))
    setCondition(st, newCondition("Available", "True", "MinimumReplicasAvailable", "Deployment has minimum availability.", x.now));
  else
    setCondition(st, newCondition("Available", "False", "MinimumReplicasUnavailable",
                                  "Deployment does not have minimum availability.", x.now));
  return st;
}

static int64_t sInt(const json& st, const char* f) {
  auto it = st.find(f);
  return it != st.end() && it->is_number_integer() ? it->get<int64_t>() : 0;
}

static bool deploymentComplete(const json& d, const json& st) {
  int64_t replicas = specInt(d, "replicas", 1);
  return sInt(st, "updatedReplicas") == replicas && sInt(st, "replicas") == replicas &&
         sInt(st, "availableReplicas") == replicas &&
         sInt(st, "observedGeneration") >= objectAt(d, {"metadata"}).value("generation", 1);
}

void DeploymentController::syncRolloutStatus(Ctx& x) {
  json st = calculateStatus(x);
  const json& old = x.d.value("status", json::object());
  if (!hasProgressDeadline(x.d)) removeCondition(st, "Progressing");
  json curCond;
  {
    json tmp = old;
    if (json* c = findCondition(tmp, "Progressing")) curCond = *c;
  }
  bool complete = sInt(st, "replicas") == sInt(st, "updatedReplicas") && !curCond.is_null() &&
                  curCond.value("reason", "") == "NewReplicaSetAvailable";
  if (hasProgressDeadline(x.d) && !complete) {
    std::string rsName = x.newRS ? objName(*x.newRS) : "";
    std::string dName = objName(x.d);
    auto progressing = [&] {
      int64_t oldOld = sInt(old, "replicas") - sInt(old, "updatedReplicas");
      int64_t newOld = sInt(st, "replicas") - sInt(st, "updatedReplicas");
      return sInt(st, "updatedReplicas") > sInt(old, "updatedReplicas") || newOld < oldOld ||
             sInt(st, "readyReplicas") > sInt(old, "readyReplicas") ||
             sInt(st, "availableReplicas") > sInt(old, "availableReplicas");
    };
    auto timedOut = [&] {
      if (curCond.is_null()) return false;
      std::string reason = curCond.value("reason", "");
      if (reason == "NewReplicaSetAvailable") return false;
      if (reason == "ProgressDeadlineExceeded") return true;
      Time from = 0;
      parseRfc3339(curCond.value("lastUpdateTime", ""), from);
      return from + specInt(x.d, "progressDeadlineSeconds", 600) * kSecond < x.now;
    };
    if (deploymentComplete(x.d, st)) {
      std::string msg = x.newRS ? "ReplicaSet \"" + rsName + "\" has successfully progressed."
                                : "Deployment \"" + dName + "\" has successfully progressed.";
      setCondition(st, newCondition("Progressing", "True", "NewReplicaSetAvailable", msg, x.now));
    } else if (progressing()) {
      std::string msg = x.newRS ? "ReplicaSet \"" + rsName + "\" is progressing." : "Deployment \"" + dName + "\" is progressing.";
      json cond = newCondition("Progressing", "True", "ReplicaSetUpdated", msg, x.now);
      if (!curCond.is_null()) {
        if (curCond.value("status", "") == "True") cond["lastTransitionTime"] = curCond["lastTransitionTime"];
        removeCondition(st, "Progressing");
      }
      // Appended unconditionally (so lastUpdateTime moves even with the same reason).
      json out = st.value("conditions", json::array());
      out.push_back(cond);
      st["conditions"] = out;
    } else if (timedOut()) {
      std::string msg = x.newRS ? "ReplicaSet \"" + rsName + "\" has timed out progressing."
                                : "Deployment \"" + dName + "\" has timed out progressing.";
      setCondition(st, newCondition("Progressing", "False", "ProgressDeadlineExceeded", msg, x.now));
    }
  }
  // ReplicaFailure conditions of the ReplicaSets surface on the Deployment.
  json failure;
  std::vector<ObjPtr> all = x.oldRSs;
  if (x.newRS) all.insert(all.begin(), x.newRS);
  for (const auto& rs : all) {
    for (const auto& c : arrayAt(*rs, "status", "conditions"))
      if (c.value("type", "") == "ReplicaFailure") {
        failure = {{"type", "ReplicaFailure"},
                   {"status", c.value("status", "")},
                   {"lastUpdateTime", c.value("lastTransitionTime", "")},
                   {"lastTransitionTime", c.value("lastTransitionTime", "")},
                   {"reason", c.value("reason", "")},
                   {"message", c.value("message", "")}};
        break;
      }
    if (!failure.is_null()) break;
  }
  if (!failure.is_null()) setCondition(st, failure);
  else removeCondition(st, "ReplicaFailure");
  if (st == old) {
    requeueStuck(x, st);
    return;
  }
  writeStatus(x, st);
  requeueStuck(x, st);
}

void DeploymentController::requeueStuck(Ctx& x, const json& st) {
  Key k{objNamespace(x.d), objName(x.d)};
  auto cancel = [&] {
    auto t = deadlineTimers_.find(k);
    if (t != deadlineTimers_.end()) {
      c_.queue.cancel(t->second.second);
      deadlineTimers_.erase(t);
    }
  };
  json tmp = st;
  json* cond = findCondition(tmp, "Progressing");
  if (!cond || !hasProgressDeadline(x.d) || deploymentComplete(x.d, st) ||
      cond->value("reason", "") == "ProgressDeadlineExceeded") {
    cancel();
    return;
  }
  Time from = 0;
  parseRfc3339(cond->value("lastUpdateTime", ""), from);
  Time when = from + specInt(x.d, "progressDeadlineSeconds", 600) * kSecond + kSecond;
  if (when <= x.now) when = x.now + kSecond;
  auto t = deadlineTimers_.find(k);
  if (t != deadlineTimers_.end() && t->second.first == when) return;
  cancel();
  uint64_t id = c_.queue.at(when, [this, k] {
    deadlineTimers_.erase(k);
    enqueue(k);
  });
  deadlineTimers_[k] = {when, id};
}

void DeploymentController::syncDeploymentStatus(Ctx& x) {
  json st = calculateStatus(x);
  if (st == x.d.value("status", json::object())) return;
  writeStatus(x, st);
}

void DeploymentController::syncPausedOrScaling(Ctx& x) {
  splitReplicaSets(x);
  getNewReplicaSet(x, false);
  splitReplicaSets(x);
  scale(x);
  if (objectAt(x.d, {"spec"}).value("paused", false)) cleanupDeployment(x);
  syncDeploymentStatus(x);
}

bool DeploymentController::reconcileNewReplicaSet(Ctx& x) {
  int64_t replicas = specInt(x.d, "replicas", 1);
  if (replicasOf(x.newRS) == replicas) return false;
  ObjPtr rs = x.newRS;
  if (replicasOf(rs) > replicas) return scaleReplicaSetAndRecordEvent(x, rs, replicas);
  int64_t current = sumReplicas(x.oldRSs) + replicasOf(x.newRS);
  int64_t maxTotal = replicas + maxSurge(x.d);
  int64_t newCount = replicasOf(x.newRS);
  if (current < maxTotal) newCount += std::min(maxTotal - current, replicas - replicasOf(x.newRS));
  return scaleReplicaSetAndRecordEvent(x, rs, newCount);
}

bool DeploymentController::reconcileOldReplicaSets(Ctx& x) {
  std::vector<ObjPtr> olds = activeOnly(x.oldRSs);
  if (sumReplicas(olds) == 0) return false;
  int64_t allPods = sumReplicas(x.oldRSs) + replicasOf(x.newRS);
  int64_t replicas = specInt(x.d, "replicas", 1);
  int64_t minAvailable = replicas - maxUnavailable(x.d);
  int64_t newUnavailable = replicasOf(x.newRS) - availableOf(x.newRS);
  int64_t maxScaledDown = allPods - minAvailable - newUnavailable;
  if (maxScaledDown <= 0) return false;
  // cleanupUnhealthyReplicas: unavailable pods of old ReplicaSets go first (oldest RS first).
  std::sort(olds.begin(), olds.end(), olderFirst);
  int64_t cleaned = 0;
  for (auto& rs : olds) {
    if (cleaned >= maxScaledDown) break;
    if (replicasOf(rs) == 0) continue;
    if (replicasOf(rs) == availableOf(rs)) continue;
    int64_t n = std::min(maxScaledDown - cleaned, replicasOf(rs) - availableOf(rs));
    int64_t newCount = replicasOf(rs) - n;
    scaleReplicaSetAndRecordEvent(x, rs, newCount);
    cleaned += n;
  }
  // scaleDownOldReplicaSetsForRollingUpdate.
  int64_t availablePods = availableOf(x.newRS);
  for (const auto& rs : olds) availablePods += availableOf(rs);
  int64_t scaledDown = 0;
  if (availablePods > minAvailable) {
    int64_t totalToScale = availablePods - minAvailable;
    for (auto& rs : olds) {
      if (scaledDown >= totalToScale) break;
      if (replicasOf(rs) == 0) continue;
      int64_t n = std::min(replicasOf(rs), totalToScale - scaledDown);
      scaleReplicaSetAndRecordEvent(x, rs, replicasOf(rs) - n);
      scaledDown += n;
    }
  }
  return cleaned + scaledDown > 0;
}

void DeploymentController::rolloutRolling(Ctx& x) {
  splitReplicaSets(x);
  if (!getNewReplicaSet(x, true)) {
    syncDeploymentStatus(x);
    return;
  }
  if (reconcileNewReplicaSet(x)) {
    syncRolloutStatus(x);
    return;
  }
  if (reconcileOldReplicaSets(x)) {
    syncRolloutStatus(x);
    return;
  }
  if (deploymentComplete(x.d, x.status0)) cleanupDeployment(x);
  syncRolloutStatus(x);
}

void DeploymentController::rolloutRecreate(Ctx& x) {
  splitReplicaSets(x);
  getNewReplicaSet(x, false);
  bool scaledDown = false;
  for (auto& rs : activeOnly(x.oldRSs)) {
    ObjPtr r = rs;
    if (scaleReplicaSetAndRecordEvent(x, r, 0)) scaledDown = true;
  }
  if (scaledDown) {
    syncRolloutStatus(x);
    return;
  }
  // oldPodsRunning: any old ReplicaSet still reporting pods, or any pod of an old RS not terminal.
  bool oldRunning = false;
  for (const auto& rs : x.oldRSs) {
    if (actualOf(rs) > 0) oldRunning = true;
    for (const auto& p : c_.store.ownedBy("Pod", uidOf(*rs))) {
      std::string phase = objectAt(*p, {"status"}).value("phase", "");
      if (phase != "Failed" && phase != "Succeeded") oldRunning = true;
    }
  }
  if (oldRunning) {
    syncRolloutStatus(x);
    return;
  }
  if (!x.newRS && !getNewReplicaSet(x, true)) {
    syncDeploymentStatus(x);
    return;
  }
  int64_t replicas = specInt(x.d, "replicas", 1);
  ObjPtr rs = x.newRS;
  if (replicasOf(rs) != replicas) {
    scaleReplicaSetAndRecordEvent(x, rs, replicas);
    x.newRS = rs;
  }
  if (deploymentComplete(x.d, x.status0)) cleanupDeployment(x);
  syncRolloutStatus(x);
}

void DeploymentController::sync(const Key& k) {
  ObjPtr dPtr = c_.store.get("Deployment", k.first, k.second);
  if (!dPtr) return;
  Ctx x;
  x.d = *dPtr;
  x.now = c_.queue.now();
  if (!x.d.contains("status") || !x.d["status"].is_object()) x.d["status"] = json::object();
  x.status0 = x.d["status"];
  std::string uid = uidOf(x.d);
  const json& selector = objectAt(x.d, {"spec", "selector"});
  if (selector.empty()) return;

  // getReplicaSetsForDeployment: claim (adopt orphans that match, release those that do not).
  for (const auto& rs : c_.store.ownedBy("ReplicaSet", uid)) {
    if (labelSelectorMatches(selector, objectAt(*rs, {"metadata", "labels"}))) {
      x.rsList.push_back(rs);
      continue;
    }
    c_.store.update("ReplicaSet", k.first, objName(*rs), [&](json& o) {
      dropOwnerReference(o, uid);
      return true;
    });
  }
  for (const auto& rs : c_.store.ownedBy("ReplicaSet", "", k.first)) {
    if (!labelSelectorMatches(selector, objectAt(*rs, {"metadata", "labels"}))) continue;
    auto r = c_.store.update("ReplicaSet", k.first, objName(*rs), [&](json& o) {
      addOwnerReference(o, controllerRef(x.d));
      return true;
    });
    if (r.ok() && r.obj) x.rsList.push_back(r.obj);
  }

  // checkPausedConditions.
  bool paused = objectAt(x.d, {"spec"}).value("paused", false);
  if (hasProgressDeadline(x.d)) {
    json& st = x.d["status"];
    json* cond = findCondition(st, "Progressing");
    std::string reason = cond ? cond->value("reason", "") : "";
    if (reason != "ProgressDeadlineExceeded") {
      bool pausedCond = reason == "DeploymentPaused";
      if (paused && !pausedCond) {
        setCondition(st, newCondition("Progressing", "Unknown", "DeploymentPaused", "Deployment is paused", x.now));
        writeStatus(x, st);
      } else if (!paused && pausedCond) {
        setCondition(st, newCondition("Progressing", "Unknown", "DeploymentResumed", "Deployment is resumed", x.now));
        writeStatus(x, st);
      }
    }
  }
  if (paused) {
    syncPausedOrScaling(x);
    return;
  }
  // isScalingEvent: an active ReplicaSet's desired-replicas annotation differs from spec.replicas.
  {
    splitReplicaSets(x);
    getNewReplicaSet(x, false);
    splitReplicaSets(x);
    std::string want = std::to_string(specInt(x.d, "replicas", 1));
    std::vector<ObjPtr> all = x.oldRSs;
    if (x.newRS) all.push_back(x.newRS);
    for (const auto& rs : activeOnly(all)) {
      std::string desired = annotation(*rs, kDesired);
      if (!desired.empty() && desired != want) {
        syncPausedOrScaling(x);
        return;
      }
    }
  }
  if (objectAt(x.d, {"spec", "strategy"}).value("type", "RollingUpdate") == "Recreate") rolloutRecreate(x);
  else rolloutRolling(x);
}

}  // namespace podplay
