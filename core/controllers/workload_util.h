// podplay core: helpers shared by the workload controllers (ReplicaSet, Deployment, HPA) and the
// command layer: pod readiness/availability (pkg/api/v1/pod), intstr fenceposts, template hashing
// (pkg/controller/controller_utils.go ComputeHash), ownerReferences.
#pragma once
#include <string>

#include "sim/types.h"

namespace podplay {

// Active = not Succeeded/Failed and not being deleted (controller.IsPodActive).
bool podActive(const json& pod);
bool podTerminating(const json& pod);
// Ready condition True.
bool podIsReady(const json& pod);
// Ready for at least minReadySeconds at `now` (podutil.IsPodAvailable).
bool podAvailable(const json& pod, int64_t minReadySeconds, Time now);
// When the pod becomes available (Ready since + minReadySeconds), or -1 if it is not Ready.
Time podAvailableAt(const json& pod, int64_t minReadySeconds);
// Time of the Ready condition's lastTransitionTime when Ready, else -1.
Time podReadySince(const json& pod);

// intstr.GetScaledValueFromIntOrPercent: an int, or "N%" of total rounded up or down.
int64_t scaledValue(const json& intOrPercent, int64_t total, bool roundUp);

// The pod-template-hash of a template (fnv-32a of its canonical JSON plus the collision count,
// encoded as Kubernetes' SafeEncodeString of the decimal value: e.g. "7d4b9c8d5").
std::string templateHash(const json& podTemplate, int64_t collisionCount);

// An ownerReference with controller: true and blockOwnerDeletion: true, pointing at `owner`.
json controllerRef(const json& owner);

// int64 at obj.spec.<field>, or `def`.
int64_t specInt(const json& obj, const char* field, int64_t def);
int64_t statusInt(const json& obj, const char* field);
// metadata.annotations[key] or "".
std::string annotation(const json& obj, const std::string& key);
Time creationTime(const json& obj);

}  // namespace podplay
