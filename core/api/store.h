// podplay core: the API server's storage (etcd behind it) with resourceVersion and watch.
//
// Every component talks to the cluster through this store, as in Kubernetes. Objects are immutable
// JSON snapshots (shared_ptr<const json>); a write replaces the snapshot and bumps the global
// resourceVersion. Watch events are delivered through the EventQueue at the current virtual time,
// never as nested callbacks, so a writer never re-enters a watcher.
//
// Index:
//   - objects by kind, then (namespace, name): list order = kubectl's server order.
//   - pods by spec.nodeName (kubelets watch only their own pods; the scheduler only unassigned ones).
//   - events by involved object (kind/namespace/name) for `describe`.
#pragma once
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "sim/event_queue.h"
#include "sim/types.h"

namespace podplay {

using ObjPtr = std::shared_ptr<const json>;

enum class WatchType { Added, Modified, Deleted };

struct WatchEvent {
  WatchType type;
  ObjPtr obj;  // new state (for Deleted: the last state)
  ObjPtr old;  // previous state (Modified/Deleted), else null
};

// An API error as the server reports it: kubectl prints "Error from server (<reason>): <message>".
struct ApiError {
  std::string reason;   // "NotFound", "AlreadyExists", "Invalid", "Conflict", "BadRequest", "Forbidden"
  std::string message;  // `pods "x" not found`
  bool empty() const { return reason.empty(); }
};

struct StoreResult {
  ObjPtr obj;
  ApiError err;
  bool ok() const { return err.empty(); }
};

using WatchId = uint64_t;

class Store {
 public:
  explicit Store(EventQueue& q) : q_(q) {}
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  // Creates the object as given (callers default and validate first). Sets metadata.resourceVersion.
  // uid / creationTimestamp must already be set by the caller (ApiServer does it).
  StoreResult create(json obj);
  // Read-modify-write. `mutate` edits a copy; return false to abort. If the result equals the current
  // object nothing is written (no resourceVersion bump, no watch event), like a no-op update.
  StoreResult update(const std::string& kind, const std::string& ns, const std::string& name,
                     const std::function<bool(json&)>& mutate);
  // Removes the object now (the final step of a deletion).
  StoreResult remove(const std::string& kind, const std::string& ns, const std::string& name);

  ObjPtr get(const std::string& kind, const std::string& ns, const std::string& name) const;
  // ns == "" lists every namespace. Sorted by (namespace, name).
  std::vector<ObjPtr> list(const std::string& kind, const std::string& ns = "") const;
  size_t count(const std::string& kind) const;
  std::vector<ObjPtr> podsOnNode(const std::string& node) const;
  // Pods / ReplicaSets whose controller ownerReference (controller: true) has uid `ownerUid`, sorted
  // by (namespace, name). ownerUid "" = objects with no controller in namespace `ns` (orphans).
  std::vector<ObjPtr> ownedBy(const std::string& kind, const std::string& ownerUid,
                              const std::string& ns = "") const;
  // Every spec.nodeName that some pod carries ("" for unassigned pods).
  std::vector<std::string> podNodeNames() const;
  // Events whose involvedObject is kind/ns/name, in creation order.
  std::vector<ObjPtr> eventsFor(const std::string& kind, const std::string& ns,
                                const std::string& name) const;

  using Handler = std::function<void(const WatchEvent&)>;
  // Watch every object of `kind`; for Pods, `node` restricts to pods whose spec.nodeName is `node`
  // before or after the change (a kubelet's view). An empty string node means unassigned pods.
  WatchId watch(const std::string& kind, Handler h, std::optional<std::string> node = std::nullopt);
  void unwatch(WatchId id);

  uint64_t resourceVersion() const { return rv_; }
  EventQueue& queue() { return q_; }
  Time now() const { return q_.now(); }

 private:
  using Key = std::pair<std::string, std::string>;  // namespace, name
  struct Watcher {
    std::string kind;
    std::optional<std::string> node;
    Handler h;
  };
  void notify(WatchType t, const ObjPtr& obj, const ObjPtr& old);
  void indexPod(const ObjPtr& obj, bool add);
  void indexEvent(const ObjPtr& obj, bool add);
  void indexOwner(const ObjPtr& obj, bool add);

  EventQueue& q_;
  uint64_t rv_ = 1000;
  std::map<std::string, std::map<Key, ObjPtr>> objects_;
  std::unordered_map<std::string, std::set<Key>> podsByNode_;
  std::unordered_map<std::string, std::set<std::pair<uint64_t, Key>>> eventsByObject_;
  // "kind/ownerUid" (or "kind//ns" for orphans) -> objects: Pods and ReplicaSets only.
  std::unordered_map<std::string, std::set<Key>> byOwner_;
  std::map<WatchId, std::shared_ptr<Watcher>> watchers_;
  std::unordered_map<std::string, std::vector<std::shared_ptr<Watcher>>> kindWatchers_;
  std::unordered_map<std::string, std::vector<std::shared_ptr<Watcher>>> nodeWatchers_;
  WatchId nextWatch_ = 1;
};

// Small accessors used everywhere.
std::string objNamespace(const json& o);
std::string objName(const json& o);
std::string objKind(const json& o);
std::string podNodeName(const json& pod);
// The uid of the ownerReference with controller: true, or "".
std::string controllerUid(const json& o);
// Adoption and release (controllers' ClaimObject, orphan deletion): append an ownerReference /
// drop the one carrying ownerUid (metadata.ownerReferences disappears when it empties).
void addOwnerReference(json& o, const json& ref);
void dropOwnerReference(json& o, const std::string& ownerUid);

}  // namespace podplay
