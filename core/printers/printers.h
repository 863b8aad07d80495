// podplay printers: `kubectl get` tables (server-side columns of k/k pkg/printers/internalversion
// printers.go, laid out by cli-runtime's table printer). See spec kubectl-output.md §1-2 and
// k8s-semantics.md §8.
#pragma once
#include <string>
#include <vector>

#include "sim/types.h"

namespace podplay {

struct PrintOptions {
  bool wide = false;           // -o wide
  bool showLabels = false;     // --show-labels (LABELS column last)
  bool noHeaders = false;      // --no-headers
  bool allNamespaces = false;  // -A: NAMESPACE column first (namespaced kinds only)
  bool withKind = false;       // multi-kind output: NAME cells prefixed "pod/", "deployment.apps/"
  std::vector<std::string> labelColumns;  // -L a/b,c
};

// Kinds handled: Pod, Node, Event, Namespace, Service, Deployment, ReplicaSet,
// HorizontalPodAutoscaler, Endpoints. `kind` may also be given as a plural/short name
// ("pods", "po", "deploy", "hpa", ...). Unknown kinds get NAME AGE.
std::vector<std::string> tableHeader(const std::string& kind, const PrintOptions& opts);
// Row cells for one object; the kind is taken from obj["kind"].
std::vector<std::string> tableRow(const json& obj, const PrintOptions& opts, Time now);
// Same with an explicit kind (for objects stored without "kind").
std::vector<std::string> tableRow(const json& obj, const std::string& kind, const PrintOptions& opts,
                                  Time now);
// Header (unless noHeaders) + rows laid out with a fresh engine-A TableWriter. Zero objects -> "".
std::string printTable(const std::vector<const json*>& objs, const std::string& kind,
                       const PrintOptions& opts, Time now);

// Canonical kind name ("Pod") for a kind/plural/short name; "" if unknown.
std::string canonicalKind(const std::string& kindOrAlias);
// `-o name` / multi-kind prefix: "pod", "deployment.apps", "horizontalpodautoscaler.autoscaling".
std::string kindPrefix(const std::string& kind);
// Whether the kind is namespaced (Node/Namespace are not).
bool kindNamespaced(const std::string& kind);

// Pod columns (printPod).
std::string podStatus(const json& pod);
std::string podReady(const json& pod);
std::string podRestarts(const json& pod, Time now);

// Node columns (printNode).
std::string nodeStatus(const json& node);
std::string nodeRoles(const json& node);  // "control-plane,worker" or "<none>"
std::vector<std::string> nodeRoleList(const json& node);

// Helpers shared with describe.
// HumanDuration(now - ts) for an RFC3339 timestamp; "<unknown>" when missing/malformed.
std::string translateTimestampSince(const json& ts, Time now);
// labels.FormatLabels: sorted "k=v" joined by ",", "<none>" when empty.
std::string formatLabels(const json& labels);
// metav1.LabelSelectorAsSelector(sel).String(): "app=web,tier in (a,b)"; "" for null/empty.
std::string selectorString(const json& selector);
// Reads a string field; "" when absent or not a string.
std::string jstr(const json& obj, const char* key);
// Reads an integer field (also accepts integral floats); def when absent.
int64_t jint(const json& obj, const char* key, int64_t def = 0);

}  // namespace podplay
