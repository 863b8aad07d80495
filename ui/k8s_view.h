// podplay ui: small read-only helpers over the API objects (nlohmann::json) for the panels:
// kubectl's pod STATUS column, readiness, resource quantities, colours.
#pragma once
#include <string>
#include <vector>

#include "imgui.h"
#include "sim/types.h"

namespace podplay::ui {

// kubectl get pods' STATUS column (printPod): "Running", "Pending", "CrashLoopBackOff",
// "Completed", "Terminating", "Init:0/1", ...
std::string podStatus(const json& pod);
// "1/2" as kubectl's READY column.
std::string podReady(const json& pod);
int podRestarts(const json& pod);
bool podTerminal(const json& pod);  // Succeeded or Failed: no longer uses node resources
// Node: "Ready", "NotReady", "Unknown", with ",SchedulingDisabled" when cordoned.
std::string nodeStatus(const json& node);

// Kubernetes quantities: cpu in millicores ("250m", "1.5", "2"), memory in bytes ("128Mi", "1G").
double parseCpuMilli(const std::string& q);
double parseBytes(const std::string& q);
std::string formatCpuMilli(double m);  // "250m", "2"
std::string formatBytes(double b);     // "128Mi", "1.5Gi"
// Sum of the containers' requests of one pod (max with each init container, as the scheduler).
void podRequests(const json& pod, double& cpuMilli, double& memBytes);

// The colour of a pod chip for its STATUS.
ImVec4 statusColor(const std::string& status);

// Safe string lookups: j["a"]["b"] as string, or "" if absent / not a string.
std::string str(const json& j, std::initializer_list<const char*> path);
// Flag values for a command line: wraps in single quotes if they contain shell specials.
std::string shellQuote(const std::string& s);

}  // namespace podplay::ui
