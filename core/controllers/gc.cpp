#include "controllers/gc.h"

#include "api/apiserver.h"
#include "cluster.h"
#include "util/json_fields.h"

namespace podplay {

GarbageCollector::GarbageCollector(Cluster& c) : c_(c) {
  dWatch_ = c_.store.watch("Deployment", [this](const WatchEvent& ev) { onDeleted(ev); });
  rsWatch_ = c_.store.watch("ReplicaSet", [this](const WatchEvent& ev) { onDeleted(ev); });
}

GarbageCollector::~GarbageCollector() {
  c_.store.unwatch(dWatch_);
  c_.store.unwatch(rsWatch_);
}

void GarbageCollector::onDeleted(const WatchEvent& ev) {
  if (ev.type != WatchType::Deleted) return;
  std::string uid = objectAt(*ev.obj, {"metadata"}).value("uid", "");
  if (uid.empty()) return;
  const char* dependentKind = objKind(*ev.obj) == "Deployment" ? "ReplicaSet" : "Pod";
  for (const auto& dep : c_.store.ownedBy(dependentKind, uid)) {
    if (objectAt(*dep, {"metadata"}).contains("deletionTimestamp")) continue;
    c_.api->remove(dependentKind, objNamespace(*dep), objName(*dep));
  }
}

}  // namespace podplay
