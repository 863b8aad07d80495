#include "workload_history.h"

#include <algorithm>
#include <cstdlib>

#include "k8s_view.h"

namespace podplay::ui {

namespace {

const json& at(const json& j, std::initializer_list<const char*> path) {
  static const json null;
  const json* cur = &j;
  for (const char* k : path) {
    if (!cur->is_object()) return null;
    auto it = cur->find(k);
    if (it == cur->end()) return null;
    cur = &*it;
  }
  return *cur;
}

template <class V>
void bounded(std::vector<V>& v, size_t max) {
  if (v.size() > max) v.erase(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(v.size() - max));
}

std::string uidOf(const json& o) { return str(o, {"metadata", "uid"}); }

}  // namespace

int intAt(const json& j, std::initializer_list<const char*> path, int dflt) {
  const json& v = at(j, path);
  if (v.is_number_integer()) return v.get<int>();
  if (v.is_number()) return static_cast<int>(v.get<double>());
  return dflt;
}

int revisionOf(const json& obj) {
  std::string r = str(obj, {"metadata", "annotations", "deployment.kubernetes.io/revision"});
  return r.empty() ? 0 : std::atoi(r.c_str());
}

std::string templateImages(const json& obj) {
  std::string s;
  const json& cs = at(obj, {"spec", "template", "spec", "containers"});
  if (cs.is_array())
    for (const json& c : cs) {
      if (!s.empty()) s += ", ";
      s += str(c, {"name"}) + "=" + str(c, {"image"});
    }
  return s;
}

void hpaUtilization(const json& hpa, int& current, int& target, std::string& resource) {
  current = target = -1;
  resource.clear();
  const json& metrics = at(hpa, {"spec", "metrics"});
  if (metrics.is_array())
    for (const json& m : metrics)
      if (str(m, {"type"}) == "Resource") {
        resource = str(m, {"resource", "name"});
        target = intAt(m, {"resource", "target", "averageUtilization"}, -1);
        break;
      }
  const json& cur = at(hpa, {"status", "currentMetrics"});
  if (cur.is_array())
    for (const json& m : cur)
      if (str(m, {"type"}) == "Resource" && (resource.empty() || str(m, {"resource", "name"}) == resource)) {
        current = intAt(m, {"resource", "current", "averageUtilization"}, -1);
        break;
      }
}

void WorkloadHistory::clear() {
  rv_ = 0;
  deployments_.clear();
  hpas_.clear();
}

const DeploymentHistory* WorkloadHistory::deployment(const std::string& uid) const {
  for (const auto& d : deployments_)
    if (d.uid == uid) return &d;
  return nullptr;
}

const HpaHistory* WorkloadHistory::hpa(const std::string& uid) const {
  for (const auto& h : hpas_)
    if (h.uid == uid) return &h;
  return nullptr;
}

void WorkloadHistory::sample(const Store& store) {
  if (store.resourceVersion() == rv_) return;
  rv_ = store.resourceVersion();
  ++samples_;
  const bool anyDeployments = store.count("Deployment") > 0, anyHpas = store.count("HorizontalPodAutoscaler") > 0;
  if (anyDeployments)
    for (const ObjPtr& d : store.list("Deployment")) sampleDeployment(store, *d);
  if (anyHpas)
    for (const ObjPtr& h : store.list("HorizontalPodAutoscaler")) sampleHpa(*h, store.now());
  // Workloads that are gone keep their history (the view can still show it) until the cap evicts
  // the oldest.
  bounded(deployments_, kMaxWorkloads);
  bounded(hpas_, kMaxWorkloads);
}

void WorkloadHistory::sampleDeployment(const Store& store, const json& d) {
  const Time now = store.now();
  const std::string uid = uidOf(d);
  if (uid.empty()) return;
  DeploymentHistory* h = nullptr;
  for (auto& x : deployments_)
    if (x.uid == uid) h = &x;
  if (!h) {
    deployments_.push_back({});
    h = &deployments_.back();
    h->uid = uid, h->ns = objNamespace(d), h->name = objName(d), h->firstSeen = now;
  }
  // Deployment-level marks.
  int desired = intAt(d, {"spec", "replicas"}, 1);
  bool paused = at(d, {"spec", "paused"}).is_boolean() && at(d, {"spec", "paused"}).get<bool>();
  std::string revision = str(d, {"metadata", "annotations", "deployment.kubernetes.io/revision"});
  if (h->lastDesired >= 0 && desired != h->lastDesired) h->marks.push_back({now, "scaled to " + std::to_string(desired)});
  if (paused != h->paused) h->marks.push_back({now, paused ? "paused" : "resumed"});
  if (!h->lastRevision.empty() && revision != h->lastRevision && !revision.empty())
    h->marks.push_back({now, "revision " + revision});
  h->paused = paused, h->lastDesired = desired, h->lastRevision = revision;
  if (h->desired.empty() || h->desired.back().second != desired) h->desired.push_back({now, desired});
  bounded(h->desired, kMaxPoints);
  bounded(h->marks, 256);

  // Its ReplicaSets.
  std::vector<ObjPtr> owned = store.ownedBy("ReplicaSet", uid);
  for (RsSeries& s : h->replicaSets)
    if (s.goneAt < 0 && std::none_of(owned.begin(), owned.end(), [&](const ObjPtr& o) { return uidOf(*o) == s.uid; })) {
      s.goneAt = now;
      if (!s.points.empty() && !(s.points.back() == RsPoint{})) s.points.push_back({now, 0, 0, 0, 0});
    }
  for (const ObjPtr& rsp : owned) {
    const json& rs = *rsp;
    const std::string rsUid = uidOf(rs);
    RsSeries* s = nullptr;
    for (auto& x : h->replicaSets)
      if (x.uid == rsUid) s = &x;
    if (!s) {
      h->replicaSets.push_back({});
      s = &h->replicaSets.back();
      s->uid = rsUid, s->name = objName(rs), s->firstSeen = now;
    }
    s->goneAt = -1;
    s->revision = revisionOf(rs);
    s->images = templateImages(rs);
    RsPoint p{now, intAt(rs, {"spec", "replicas"}, 1), intAt(rs, {"status", "replicas"}),
              intAt(rs, {"status", "readyReplicas"}), intAt(rs, {"status", "availableReplicas"})};
    if (s->points.empty() || !(s->points.back() == p)) {
      if (!s->points.empty() && s->points.back().t == now) s->points.back() = p;
      else s->points.push_back(p);
    }
    bounded(s->points, kMaxPoints);
  }
  if (h->replicaSets.size() > kMaxReplicaSets) {
    // Drop the oldest ReplicaSets that are gone first, then the oldest.
    auto gone = std::find_if(h->replicaSets.begin(), h->replicaSets.end(), [](const RsSeries& s) { return s.goneAt >= 0; });
    h->replicaSets.erase(gone != h->replicaSets.end() ? gone : h->replicaSets.begin());
  }
}

void WorkloadHistory::sampleHpa(const json& hpa, Time now) {
  const std::string uid = uidOf(hpa);
  if (uid.empty()) return;
  HpaHistory* h = nullptr;
  for (auto& x : hpas_)
    if (x.uid == uid) h = &x;
  if (!h) {
    hpas_.push_back({});
    h = &hpas_.back();
    h->uid = uid, h->ns = objNamespace(hpa), h->name = objName(hpa), h->firstSeen = now;
  }
  HpaPoint p;
  p.t = now;
  std::string resource;
  hpaUtilization(hpa, p.utilization, p.target, resource);
  p.current = intAt(hpa, {"status", "currentReplicas"});
  p.desired = intAt(hpa, {"status", "desiredReplicas"});
  p.minReplicas = intAt(hpa, {"spec", "minReplicas"}, 1);
  p.maxReplicas = intAt(hpa, {"spec", "maxReplicas"}, 1);
  if (h->points.empty() || !(h->points.back() == p)) {
    if (!h->points.empty() && h->points.back().t == now) h->points.back() = p;
    else h->points.push_back(p);
  }
  bounded(h->points, kMaxPoints);
}

}  // namespace podplay::ui
