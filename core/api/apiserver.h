// podplay core: the API server's request handling in front of the Store: naming, uid and
// timestamps, defaulting, admission (service account volume, default tolerations), validation,
// apply bookkeeping, and graceful deletion of pods.
#pragma once
#include <optional>
#include <string>

#include "api/store.h"

namespace podplay {

class Cluster;

class ApiServer {
 public:
  explicit ApiServer(Cluster& c) : c_(c) {}

  // Create. `obj` as submitted by a client; errors are API errors (Invalid carries the full
  // "The Pod \"x\" is invalid: ..." message).
  StoreResult create(json obj);
  // kubectl apply: create, or update an existing object from the manifest. `verb` gets
  // "created", "configured" or "unchanged".
  StoreResult apply(json obj, std::string& verb);
  // DELETE with optional gracePeriodSeconds (pods: graceful termination; others: removed now).
  // propagationPolicy: "Background" (default: the garbage collector deletes dependents afterwards),
  // "Foreground" (treated as Background), "Orphan" (dependents lose their ownerReference to it).
  StoreResult remove(const std::string& kind, const std::string& ns, const std::string& name,
                     std::optional<int64_t> graceSeconds = std::nullopt,
                     const std::string& propagationPolicy = "Background");
  // Fills metadata (uid, creationTimestamp, namespace, generateName) and defaults, runs admission and
  // validation. Returns an error or empty.
  ApiError prepare(json& obj);

 private:
  Cluster& c_;
};

}  // namespace podplay
