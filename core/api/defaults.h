// podplay core: API-server defaulting (k/k pkg/apis/{core,apps,autoscaling}/v*/defaults.go) plus the
// create-time admission mutations users see on pods (ServiceAccount name, Priority, DefaultTolerationSeconds).
#pragma once

#include "sim/types.h"

namespace podplay {

// Apply defaults in place to a Pod, Deployment, ReplicaSet, Service, Namespace, Node or
// HorizontalPodAutoscaler (autoscaling/v2). Other kinds are left alone. Never throws.
// Pods: restartPolicy Always, terminationGracePeriodSeconds 30, dnsPolicy ClusterFirst, schedulerName
// default-scheduler, securityContext {}, serviceAccountName/serviceAccount "default", enableServiceLinks true,
// priority 0, preemptionPolicy PreemptLowerPriority, requests = limits where only limits are given, the two
// node.kubernetes.io/{not-ready,unreachable} NoExecute 300s tolerations (unless already tolerated).
// Containers (pods and templates): imagePullPolicy (Always for :latest / no tag, else IfNotPresent),
// terminationMessagePath/Policy, resources {}, port protocol TCP, probe timeouts/periods/thresholds,
// httpGet path "/" and scheme HTTP. Volumes: emptyDir when no source, defaultMode 420, hostPath type "".
// Does NOT add the service-account token volume (the API layer does that).
void applyDefaults(json& obj);

// Pod-template-level defaults only (what SetDefaults_PodSpec + containers do), for callers building pods.
void applyPodSpecDefaults(json& spec);

namespace hpa {
// autoscaling/v1 -> v2 conversion of an HPA as the API server stores it
// (targetCPUUtilizationPercentage -> a cpu Resource metric). Returns false if `obj` is not an
// autoscaling/v1 HorizontalPodAutoscaler. Called before decoding (ApiServer::prepare / apply).
bool convertV1ToV2(json& obj);
}  // namespace hpa

}  // namespace podplay
