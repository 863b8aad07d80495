// podplay core: the client-side logic of kubectl's workload commands, as pure functions of API
// objects (no cluster, no I/O) so tests can feed them hand-built Deployments and ReplicaSets.
//   - rollout status (polymorphichelpers/rollout_status.go), history (history.go), undo (rollback.go)
//   - which pod `logs deploy/x` / `exec deploy/x` pick (podutils ByLogging / ActivePods)
//   - the `kubectl top` tables (metricsutil/metrics_printer.go, v1.31 columns)
// The commands themselves (reading the store, writing, following virtual time) are in workloads.cpp.
#pragma once
#include <string>
#include <vector>

#include "sim/types.h"

namespace podplay {

// DeploymentStatusViewer.Status for one observed Deployment. `message` ends in "\n"; `error` (without
// "error: ") is set for an exceeded progress deadline or a --revision mismatch.
struct RolloutStatus {
  std::string message;
  bool done = false;
  std::string error;
};
RolloutStatus deploymentRolloutStatus(const json& deploy, int64_t revision = 0);

// deploymentutil.GetAllReplicaSets over the ReplicaSets a Deployment controls: the new one is the
// oldest (creationTimestamp, then name) whose template equals the Deployment's ignoring the
// pod-template-hash label; every other one is old (kept in the given order, i.e. by name).
struct DeploymentReplicaSets {
  const json* newRS = nullptr;
  std::vector<const json*> old;
};
DeploymentReplicaSets splitDeploymentReplicaSets(const json& deploy, const std::vector<const json*>& owned);

// DeploymentHistoryViewer.ViewHistory: the REVISION / CHANGE-CAUSE table (engine B), "No rollout
// history found.", or (revision > 0) that revision's pod template written without a tabwriter.
// False + err ("unable to find the specified revision") if that revision does not exist.
bool deploymentHistory(const json& deploy, const std::vector<const json*>& owned, int64_t revision, std::string& text,
                       std::string& err);

// DeploymentRollbacker.Rollback, without the write. Exactly one of: error (without "error: "),
// skipped ("skipped rollback (current template already matches revision N)"), or patched (the
// Deployment with the ReplicaSet's template minus pod-template-hash and the annotations rollback.go
// computes). rs = the ReplicaSet of the target revision when found.
struct RollbackPlan {
  std::string error;
  std::string skipped;
  json patched;
  const json* rs = nullptr;
};
RollbackPlan planDeploymentRollback(const json& deploy, const std::vector<const json*>& owned, int64_t toRevision);

// `kubectl rollout restart`'s template annotation.
constexpr const char* kRestartedAtAnnotation = "kubectl.kubernetes.io/restartedAt";

// Order in which kubectl picks a workload's pod: `logs` (podutils.ByLogging: assigned, Running,
// Ready, ready longest, most restarts, oldest) and `exec`/`attach` (reverse podutils.ActivePods).
// True if a comes before b.
bool podBeforeForLogs(const json& a, const json& b);
bool podBeforeForExec(const json& a, const json& b);

// `kubectl top node` / `top pod` tables: engine A (minwidth 6, padding 3, remembered widths) with
// every cell TAB-terminated, so every line ends in padding.
struct TopNodeRow {
  std::string name;
  bool hasMetrics = false;  // false: "<unknown>" cells, printed after the measured nodes
  int64_t cpuMilli = 0, memoryBytes = 0;
  int64_t allocCpuMilli = 0, allocMemoryBytes = 0;
};
std::string printTopNodes(std::vector<TopNodeRow> rows, bool noHeaders, const std::string& sortBy);
struct TopContainerRow {
  std::string name;
  int64_t cpuMilli = 0, memoryBytes = 0;
};
struct TopPodRow {
  std::string ns, name;
  std::vector<TopContainerRow> containers;
};
std::string printTopPods(std::vector<TopPodRow> rows, bool containers, bool withNamespace, bool noHeaders,
                         const std::string& sortBy, bool sum);

}  // namespace podplay
