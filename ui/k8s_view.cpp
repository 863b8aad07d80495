#include "k8s_view.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace podplay::ui {

std::string str(const json& j, std::initializer_list<const char*> path) {
  const json* cur = &j;
  for (const char* k : path) {
    if (!cur->is_object()) return "";
    auto it = cur->find(k);
    if (it == cur->end()) return "";
    cur = &*it;
  }
  return cur->is_string() ? cur->get<std::string>() : "";
}

static const json& child(const json& j, const char* k) {
  static const json null;
  if (!j.is_object()) return null;
  auto it = j.find(k);
  return it == j.end() ? null : *it;
}

std::string podStatus(const json& pod) {
  const json& status = child(pod, "status");
  std::string reason = str(status, {"phase"});
  if (!str(status, {"reason"}).empty()) reason = str(status, {"reason"});
  if (reason.empty()) reason = "Pending";

  bool initializing = false;
  const json& initStatuses = child(status, "initContainerStatuses");
  const json& initSpecs = child(child(pod, "spec"), "initContainers");
  if (initStatuses.is_array()) {
    size_t i = 0;
    for (const json& c : initStatuses) {
      const json& st = child(c, "state");
      const json& term = child(st, "terminated");
      if (term.is_object() && term.value("exitCode", 0) == 0) {
        ++i;
        continue;
      }
      if (term.is_object()) {
        reason = !str(term, {"reason"}).empty() ? "Init:" + str(term, {"reason"})
                                                : "Init:ExitCode:" + std::to_string(term.value("exitCode", 0));
      } else if (!str(st, {"waiting", "reason"}).empty() &&
                 str(st, {"waiting", "reason"}) != "PodInitializing") {
        reason = "Init:" + str(st, {"waiting", "reason"});
      } else {
        reason = "Init:" + std::to_string(i) + "/" +
                 std::to_string(initSpecs.is_array() ? initSpecs.size() : initStatuses.size());
      }
      initializing = true;
      break;
    }
  }
  if (!initializing) {
    bool hasRunning = false;
    const json& cs = child(status, "containerStatuses");
    if (cs.is_array()) {
      for (auto it = cs.rbegin(); it != cs.rend(); ++it) {
        const json& st = child(*it, "state");
        if (!str(st, {"waiting", "reason"}).empty()) {
          reason = str(st, {"waiting", "reason"});
        } else if (child(st, "terminated").is_object()) {
          const json& t = child(st, "terminated");
          if (!str(t, {"reason"}).empty())
            reason = str(t, {"reason"});
          else if (t.value("signal", 0) != 0)
            reason = "Signal:" + std::to_string(t.value("signal", 0));
          else
            reason = "ExitCode:" + std::to_string(t.value("exitCode", 0));
        } else if (child(st, "running").is_object() && it->value("ready", false)) {
          hasRunning = true;
        }
      }
    }
    if (reason == "Completed" && hasRunning) reason = "Running";
  }
  if (child(child(pod, "metadata"), "deletionTimestamp").is_string())
    reason = str(status, {"reason"}) == "NodeLost" ? "Unknown" : "Terminating";
  return reason;
}

std::string podReady(const json& pod) {
  const json& cs = child(child(pod, "status"), "containerStatuses");
  const json& specs = child(child(pod, "spec"), "containers");
  size_t total = specs.is_array() ? specs.size() : 0, ready = 0;
  if (cs.is_array())
    for (const json& c : cs)
      if (c.value("ready", false)) ++ready;
  return std::to_string(ready) + "/" + std::to_string(total);
}

int podRestarts(const json& pod) {
  int n = 0;
  const json& cs = child(child(pod, "status"), "containerStatuses");
  if (cs.is_array())
    for (const json& c : cs) n += c.value("restartCount", 0);
  return n;
}

bool podTerminal(const json& pod) {
  std::string p = str(pod, {"status", "phase"});
  return p == "Succeeded" || p == "Failed";
}

std::string nodeStatus(const json& node) {
  std::string s = "Unknown";
  const json& conds = child(child(node, "status"), "conditions");
  if (conds.is_array())
    for (const json& c : conds)
      if (str(c, {"type"}) == "Ready") s = str(c, {"status"}) == "True" ? "Ready" : (str(c, {"status"}) == "False" ? "NotReady" : "Unknown");
  if (child(child(node, "spec"), "unschedulable").is_boolean() && node["spec"]["unschedulable"].get<bool>())
    s += ",SchedulingDisabled";
  return s;
}

// Splits "128Mi" into 128 and "Mi"; returns false if no number.
static bool splitQuantity(const std::string& q, double& num, std::string& suffix) {
  if (q.empty()) return false;
  char* end = nullptr;
  num = std::strtod(q.c_str(), &end);
  if (end == q.c_str()) return false;
  suffix = std::string(end);
  return true;
}

double parseCpuMilli(const std::string& q) {
  double n;
  std::string s;
  if (!splitQuantity(q, n, s)) return 0;
  if (s == "m") return n;
  if (s == "k") return n * 1e6;
  if (s.empty()) return n * 1000;
  return n * 1000;
}

double parseBytes(const std::string& q) {
  double n;
  std::string s;
  if (!splitQuantity(q, n, s)) return 0;
  static const std::pair<const char*, double> mult[] = {
      {"Ki", 1024.0}, {"Mi", 1048576.0}, {"Gi", 1073741824.0}, {"Ti", 1099511627776.0},
      {"k", 1e3},     {"M", 1e6},        {"G", 1e9},           {"T", 1e12}, {"m", 1e-3}, {"", 1}};
  for (auto& [suf, m] : mult)
    if (s == suf) return n * m;
  return n;
}

std::string formatCpuMilli(double m) {
  char b[32];
  if (m >= 1000 && std::fmod(m, 1000) == 0)
    std::snprintf(b, sizeof b, "%.0f", m / 1000);
  else
    std::snprintf(b, sizeof b, "%.0fm", m);
  return b;
}

std::string formatBytes(double v) {
  char b[32];
  if (v >= 1073741824.0)
    std::snprintf(b, sizeof b, "%.3gGi", v / 1073741824.0);
  else if (v >= 1048576.0)
    std::snprintf(b, sizeof b, "%.4gMi", v / 1048576.0);
  else if (v >= 1024.0)
    std::snprintf(b, sizeof b, "%.4gKi", v / 1024.0);
  else
    std::snprintf(b, sizeof b, "%.0f", v);
  return b;
}

static void containerRequests(const json& c, double& cpu, double& mem) {
  const json& req = child(child(c, "resources"), "requests");
  cpu = req.is_object() && req.contains("cpu") && req["cpu"].is_string() ? parseCpuMilli(req["cpu"].get<std::string>())
        : req.is_object() && req.contains("cpu") && req["cpu"].is_number() ? req["cpu"].get<double>() * 1000 : 0;
  mem = req.is_object() && req.contains("memory") && req["memory"].is_string() ? parseBytes(req["memory"].get<std::string>())
        : req.is_object() && req.contains("memory") && req["memory"].is_number() ? req["memory"].get<double>() : 0;
}

void podRequests(const json& pod, double& cpuMilli, double& memBytes) {
  cpuMilli = memBytes = 0;
  const json& spec = child(pod, "spec");
  const json& cs = child(spec, "containers");
  if (cs.is_array())
    for (const json& c : cs) {
      double cpu, mem;
      containerRequests(c, cpu, mem);
      cpuMilli += cpu, memBytes += mem;
    }
  const json& ics = child(spec, "initContainers");
  if (ics.is_array())
    for (const json& c : ics) {
      double cpu, mem;
      containerRequests(c, cpu, mem);
      cpuMilli = std::max(cpuMilli, cpu), memBytes = std::max(memBytes, mem);
    }
}

ImVec4 statusColor(const std::string& s) {
  if (s == "Running") return ImVec4(0.18f, 0.55f, 0.25f, 1);
  if (s == "Completed" || s == "Succeeded") return ImVec4(0.30f, 0.40f, 0.55f, 1);
  if (s == "Terminating") return ImVec4(0.55f, 0.35f, 0.60f, 1);
  if (s == "Pending" || s == "ContainerCreating" || s == "PodInitializing" || s.rfind("Init:", 0) == 0)
    return ImVec4(0.70f, 0.55f, 0.10f, 1);
  if (s == "Unknown") return ImVec4(0.40f, 0.40f, 0.40f, 1);
  return ImVec4(0.75f, 0.20f, 0.20f, 1);  // CrashLoopBackOff, Error, OOMKilled, ImagePullBackOff, ...
}

std::string shellQuote(const std::string& s) {
  if (s.find_first_of(" \t'\"\\$`;&|<>()*?[]{}!#~") == std::string::npos && !s.empty()) return s;
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

}  // namespace podplay::ui
