#include "api/store.h"

#include <algorithm>

#include "api/kinds.h"

namespace podplay {

std::string objNamespace(const json& o) {
  auto m = o.find("metadata");
  if (m == o.end()) return "";
  auto n = m->find("namespace");
  return n != m->end() && n->is_string() ? n->get<std::string>() : "";
}
std::string objName(const json& o) {
  auto m = o.find("metadata");
  if (m == o.end()) return "";
  auto n = m->find("name");
  return n != m->end() && n->is_string() ? n->get<std::string>() : "";
}
std::string objKind(const json& o) {
  auto k = o.find("kind");
  return k != o.end() && k->is_string() ? k->get<std::string>() : "";
}
std::string podNodeName(const json& pod) {
  auto s = pod.find("spec");
  if (s == pod.end()) return "";
  auto n = s->find("nodeName");
  return n != s->end() && n->is_string() ? n->get<std::string>() : "";
}

std::string controllerUid(const json& o) {
  auto m = o.find("metadata");
  if (m == o.end()) return "";
  auto refs = m->find("ownerReferences");
  if (refs == m->end() || !refs->is_array()) return "";
  for (const auto& r : *refs)
    if (r.is_object() && r.value("controller", false)) return r.value("uid", "");
  return "";
}

void addOwnerReference(json& o, const json& ref) {
  json refs = o["metadata"].value("ownerReferences", json::array());
  refs.push_back(ref);
  o["metadata"]["ownerReferences"] = refs;
}

void dropOwnerReference(json& o, const std::string& ownerUid) {
  json refs = json::array();
  for (const auto& r : o["metadata"].value("ownerReferences", json::array()))
    if (r.value("uid", "") != ownerUid) refs.push_back(r);
  if (refs.empty()) o["metadata"].erase("ownerReferences");
  else o["metadata"]["ownerReferences"] = refs;
}

static bool ownerIndexed(const std::string& kind) { return kind == "Pod" || kind == "ReplicaSet"; }

static std::string resourceName(const std::string& kind) {
  const KindInfo* k = findKind(kind);
  return k ? k->qualifiedPlural() : kind;
}

StoreResult Store::create(json obj) {
  std::string kind = objKind(obj), ns = objNamespace(obj), name = objName(obj);
  auto& m = objects_[kind];
  Key key{ns, name};
  if (m.count(key))
    return {nullptr, {"AlreadyExists", resourceName(kind) + " \"" + name + "\" already exists"}};
  obj["metadata"]["resourceVersion"] = std::to_string(++rv_);
  auto p = std::make_shared<const json>(std::move(obj));
  m[key] = p;
  if (kind == "Pod") indexPod(p, true);
  if (kind == "Event") indexEvent(p, true);
  if (ownerIndexed(kind)) indexOwner(p, true);
  notify(WatchType::Added, p, nullptr);
  return {p, {}};
}

StoreResult Store::update(const std::string& kind, const std::string& ns, const std::string& name,
                          const std::function<bool(json&)>& mutate) {
  auto mit = objects_.find(kind);
  if (mit == objects_.end() || !mit->second.count({ns, name}))
    return {nullptr, {"NotFound", resourceName(kind) + " \"" + name + "\" not found"}};
  ObjPtr& slot = mit->second[{ns, name}];
  json copy = *slot;
  if (!mutate(copy)) return {slot, {}};
  copy["metadata"]["resourceVersion"] = (*slot)["metadata"]["resourceVersion"];
  if (copy == *slot) return {slot, {}};
  // As the registry strategies do: any change of spec bumps metadata.generation (objects that have
  // one: Deployments, ReplicaSets, HPAs), whoever writes it (apply, scale, HPA, rollout pause).
  {
    auto g = copy["metadata"].find("generation");
    if (g != copy["metadata"].end() && g->is_number_integer() && copy.value("spec", json()) != slot->value("spec", json()))
      *g = g->get<int64_t>() + 1;
  }
  copy["metadata"]["resourceVersion"] = std::to_string(++rv_);
  ObjPtr old = slot;
  auto p = std::make_shared<const json>(std::move(copy));
  if (kind == "Pod") {
    indexPod(old, false);
    indexPod(p, true);
  }
  if (ownerIndexed(kind)) {
    indexOwner(old, false);
    indexOwner(p, true);
  }
  slot = p;
  notify(WatchType::Modified, p, old);
  return {p, {}};
}

StoreResult Store::remove(const std::string& kind, const std::string& ns, const std::string& name) {
  auto mit = objects_.find(kind);
  if (mit == objects_.end()) return {nullptr, {"NotFound", resourceName(kind) + " \"" + name + "\" not found"}};
  auto it = mit->second.find({ns, name});
  if (it == mit->second.end())
    return {nullptr, {"NotFound", resourceName(kind) + " \"" + name + "\" not found"}};
  ObjPtr old = it->second;
  mit->second.erase(it);
  if (kind == "Pod") indexPod(old, false);
  if (kind == "Event") indexEvent(old, false);
  if (ownerIndexed(kind)) indexOwner(old, false);
  ++rv_;
  notify(WatchType::Deleted, old, old);
  return {old, {}};
}

ObjPtr Store::get(const std::string& kind, const std::string& ns, const std::string& name) const {
  auto mit = objects_.find(kind);
  if (mit == objects_.end()) return nullptr;
  auto it = mit->second.find({ns, name});
  return it == mit->second.end() ? nullptr : it->second;
}

std::vector<ObjPtr> Store::list(const std::string& kind, const std::string& ns) const {
  std::vector<ObjPtr> out;
  auto mit = objects_.find(kind);
  if (mit == objects_.end()) return out;
  if (ns.empty()) {
    out.reserve(mit->second.size());
    for (auto& [k, v] : mit->second) out.push_back(v);
  } else {
    for (auto it = mit->second.lower_bound({ns, ""}); it != mit->second.end() && it->first.first == ns; ++it)
      out.push_back(it->second);
  }
  return out;
}

size_t Store::count(const std::string& kind) const {
  auto mit = objects_.find(kind);
  return mit == objects_.end() ? 0 : mit->second.size();
}

std::vector<ObjPtr> Store::podsOnNode(const std::string& node) const {
  std::vector<ObjPtr> out;
  auto it = podsByNode_.find(node);
  if (it == podsByNode_.end()) return out;
  for (const auto& key : it->second)
    if (auto p = get("Pod", key.first, key.second)) out.push_back(p);
  return out;
}

std::vector<std::string> Store::podNodeNames() const {
  std::vector<std::string> out;
  for (const auto& [node, keys] : podsByNode_) out.push_back(node);
  std::sort(out.begin(), out.end());
  return out;
}

static std::string involvedKey(const json& ev) {
  const json& io = ev.value("involvedObject", json::object());
  return io.value("kind", "") + "/" + io.value("namespace", "") + "/" + io.value("name", "");
}

std::vector<ObjPtr> Store::eventsFor(const std::string& kind, const std::string& ns,
                                     const std::string& name) const {
  std::vector<ObjPtr> out;
  auto it = eventsByObject_.find(kind + "/" + ns + "/" + name);
  if (it == eventsByObject_.end()) return out;
  for (const auto& [seq, key] : it->second)
    if (auto p = get("Event", key.first, key.second)) out.push_back(p);
  return out;
}

void Store::indexPod(const ObjPtr& obj, bool add) {
  Key key{objNamespace(*obj), objName(*obj)};
  std::string node = podNodeName(*obj);
  if (add) {
    podsByNode_[node].insert(key);
  } else {
    auto it = podsByNode_.find(node);
    if (it != podsByNode_.end()) {
      it->second.erase(key);
      if (it->second.empty()) podsByNode_.erase(it);
    }
  }
}

static std::string ownerKey(const std::string& kind, const json& o) {
  std::string uid = controllerUid(o);
  return uid.empty() ? kind + "//" + objNamespace(o) : kind + "/" + uid;
}

void Store::indexOwner(const ObjPtr& obj, bool add) {
  std::string k = ownerKey(objKind(*obj), *obj);
  Key key{objNamespace(*obj), objName(*obj)};
  if (add) {
    byOwner_[k].insert(key);
  } else {
    auto it = byOwner_.find(k);
    if (it != byOwner_.end()) {
      it->second.erase(key);
      if (it->second.empty()) byOwner_.erase(it);
    }
  }
}

std::vector<ObjPtr> Store::ownedBy(const std::string& kind, const std::string& ownerUid,
                                   const std::string& ns) const {
  std::vector<ObjPtr> out;
  auto it = byOwner_.find(ownerUid.empty() ? kind + "//" + ns : kind + "/" + ownerUid);
  if (it == byOwner_.end()) return out;
  for (const auto& key : it->second)
    if (auto p = get(kind, key.first, key.second)) out.push_back(p);
  return out;
}

void Store::indexEvent(const ObjPtr& obj, bool add) {
  std::string ik = involvedKey(*obj);
  Key key{objNamespace(*obj), objName(*obj)};
  // Creation order: the event's own creation resourceVersion is not kept, so order by a sequence
  // derived from the name's stable insertion: use a monotonically increasing counter.
  auto& set = eventsByObject_[ik];
  if (add) {
    set.insert({rv_, key});
  } else {
    for (auto it = set.begin(); it != set.end(); ++it)
      if (it->second == key) {
        set.erase(it);
        break;
      }
    if (set.empty()) eventsByObject_.erase(ik);
  }
}

WatchId Store::watch(const std::string& kind, Handler h, std::optional<std::string> node) {
  auto w = std::make_shared<Watcher>(Watcher{kind, node, std::move(h)});
  WatchId id = nextWatch_++;
  watchers_[id] = w;
  if (node && kind == "Pod") nodeWatchers_[*node].push_back(w);
  else kindWatchers_[kind].push_back(w);
  return id;
}

void Store::unwatch(WatchId id) {
  auto it = watchers_.find(id);
  if (it == watchers_.end()) return;
  auto w = it->second;
  auto drop = [&](std::vector<std::shared_ptr<Watcher>>& v) {
    v.erase(std::remove(v.begin(), v.end(), w), v.end());
  };
  if (w->node && w->kind == "Pod") drop(nodeWatchers_[*w->node]);
  else drop(kindWatchers_[w->kind]);
  // Mark dead so that already-queued deliveries are dropped.
  w->h = nullptr;
  watchers_.erase(it);
}

void Store::notify(WatchType t, const ObjPtr& obj, const ObjPtr& old) {
  WatchEvent ev{t, obj, t == WatchType::Added ? nullptr : old};
  auto deliver = [this, ev](const std::shared_ptr<Watcher>& w) {
    q_.after(0, [w, ev] {
      if (w->h) w->h(ev);
    });
  };
  std::string kind = objKind(*obj);
  auto kit = kindWatchers_.find(kind);
  if (kit != kindWatchers_.end())
    for (const auto& w : kit->second) deliver(w);
  if (kind == "Pod") {
    std::string n1 = podNodeName(*obj), n0 = old ? podNodeName(*old) : n1;
    auto send = [&](const std::string& n) {
      auto nit = nodeWatchers_.find(n);
      if (nit != nodeWatchers_.end())
        for (const auto& w : nit->second) deliver(w);
    };
    send(n1);
    if (n0 != n1) send(n0);
  }
}

}  // namespace podplay
