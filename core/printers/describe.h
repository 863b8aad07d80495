// podplay printers: `kubectl describe` (kc describe/describe.go), laid out with engine B
// (Go text/tabwriter minwidth 0, tabwidth 8, padding 2). See spec kubectl-output.md §3-5.
#pragma once
#include <string>
#include <vector>

#include "sim/types.h"

namespace podplay {

// `events` are the events whose involvedObject is this pod (any order; sorted here by
// lastTimestamp). showEvents=false omits the Events section (--show-events=false).
std::string describePod(const json& pod, const std::vector<const json*>& events, Time now,
                        bool showEvents = true);

// `podsOnNode`: pods bound to this node in any namespace (terminal pods are skipped here; the
// rest are listed sorted by namespace/name). `lease`: the kube-node-lease Lease of the node, if
// any (nullptr prints HolderIdentity = node name, AcquireTime/RenewTime <unset>).
std::string describeNode(const json& node, const std::vector<const json*>& podsOnNode,
                         const std::vector<const json*>& events, Time now, const json* lease = nullptr,
                         bool showEvents = true);

// Deployment: `oldRSs`/`newRS` as computed by the deployment controller (newRS may be null).
std::string describeDeployment(const json& deploy, const std::vector<const json*>& oldRSs, const json* newRS,
                               const std::vector<const json*>& events, Time now, bool showEvents = true);
// ReplicaSet: `ownedPods` = pods controlled by this RS (for "Pods Status").
std::string describeReplicaSet(const json& rs, const std::vector<const json*>& ownedPods,
                               const std::vector<const json*>& events, Time now, bool showEvents = true);
// Service (1.31 layout): `endpoints` = the Endpoints object of the same name, if any.
std::string describeService(const json& svc, const json* endpoints, const std::vector<const json*>& events,
                            Time now, bool showEvents = true);

// HorizontalPodAutoscaler (autoscaling/v2 describer): metrics with status.currentMetrics, min/max,
// behavior, "<Kind> pods:  N current / M desired", conditions, events.
std::string describeHPA(const json& hpa, const std::vector<const json*>& events, Time now, bool showEvents = true);
// DescribePodTemplate written straight to a buffer, no tabwriter (`rollout history --revision=N`).
std::string describePodTemplateRaw(const json& podTemplate);

// The events section alone (as DescribeEvents writes it, already tab-aligned): "Events:  <none>\n"
// or the Type/Reason/Age/From/Message table.
std::string describeEventsSection(const std::vector<const json*>& events, Time now);

// Helpers exposed for tests / other printers.
// QoS class: status.qosClass if set, else computed from requests/limits.
std::string podQosClass(const json& pod);
// DescribeProbe: "http-get http://:80/healthz delay=5s timeout=1s period=10s #success=1 #failure=3".
std::string describeProbe(const json& probe);
// resource.Quantity canonical String() of a quantity string ("1.5" -> "1500m", "2048Mi" -> "2Gi");
// returns the input unchanged if it does not parse.
std::string canonicalQuantity(const std::string& q);

}  // namespace podplay
