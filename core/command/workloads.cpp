// podplay core: kubectl's workload commands. Index:
//   [SECTION] pure helpers: rollout status / history / rollback, pod choice, top tables
//   [SECTION] plumbing: the resource builder, API updates, --record
//   [SECTION] scale
//   [SECTION] rollout status | history | undo | pause | resume | restart
//   [SECTION] set image | resources
//   [SECTION] autoscale / create deployment / expose
//   [SECTION] top pod | node
#include "command/workloads.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include "api/apiserver.h"
#include "api/defaults.h"
#include "api/manifest.h"
#include "api/validation.h"
#include "cluster.h"
#include "command/internal.h"
#include "controllers/deployment.h"
#include "controllers/workload_util.h"
#include "metrics/metrics.h"
#include "printers/describe.h"
#include "printers/output.h"
#include "printers/printers.h"
#include "printers/tabwriter.h"
#include "util/quantity.h"
#include "util/timefmt.h"

namespace podplay {

namespace {

const char* kRevisionAnnotation = "deployment.kubernetes.io/revision";
const char* kChangeCause = "kubernetes.io/change-cause";
const char* kHashLabel = "pod-template-hash";

const json& sub(const json& o, const char* k) {
  static const json null;
  if (!o.is_object()) return null;
  auto it = o.find(k);
  return it == o.end() ? null : *it;
}

std::string str(const json& o, const char* k) {
  const json& v = sub(o, k);
  return v.is_string() ? v.get<std::string>() : std::string();
}

int64_t num(const json& o, const char* k, int64_t def = 0) {
  const json& v = sub(o, k);
  if (v.is_number_integer()) return v.get<int64_t>();
  if (v.is_number()) return static_cast<int64_t>(v.get<double>());
  return def;
}

// deploymentutil.Revision: the revision annotation; missing -> 0; unparsable -> false.
bool revisionOf(const json& obj, int64_t& rev) {
  std::string v = annotation(obj, kRevisionAnnotation);
  if (v.empty()) {
    rev = 0;
    return true;
  }
  try {
    size_t pos = 0;
    rev = std::stoll(v, &pos);
    return pos == v.size();
  } catch (...) {
    return false;
  }
}

std::string dq(const std::string& s) { return "\"" + s + "\""; }

}  // namespace

// [SECTION] pure helpers ---------------------------------------------------------------------------

RolloutStatus deploymentRolloutStatus(const json& d, int64_t revision) {
  RolloutStatus st;
  std::string name = objName(d);
  const json& spec = sub(d, "spec");
  const json& status = sub(d, "status");
  if (revision > 0) {
    int64_t rev = 0;
    if (!revisionOf(d, rev)) {
      st.error = "cannot get the revision of deployment " + dq(name) + ": strconv.ParseInt: parsing " +
                 dq(annotation(d, kRevisionAnnotation)) + ": invalid syntax";
      return st;
    }
    if (rev != revision) {
      st.error = "desired revision (" + std::to_string(revision) + ") is different from the running revision (" +
                 std::to_string(rev) + ")";
      return st;
    }
  }
  int64_t generation = num(sub(d, "metadata"), "generation");
  if (generation <= num(status, "observedGeneration")) {
    for (const auto& c : sub(status, "conditions").is_array() ? sub(status, "conditions") : json::array())
      if (str(c, "type") == "Progressing" && str(c, "reason") == "ProgressDeadlineExceeded") {
        st.error = "deployment " + dq(name) + " exceeded its progress deadline";
        return st;
      }
    int64_t updated = num(status, "updatedReplicas"), replicas = num(status, "replicas"),
            available = num(status, "availableReplicas");
    const std::string prefix = "Waiting for deployment " + dq(name) + " rollout to finish: ";
    if (sub(spec, "replicas").is_number() && updated < num(spec, "replicas")) {
      st.message = prefix + std::to_string(updated) + " out of " + std::to_string(num(spec, "replicas")) +
                   " new replicas have been updated...\n";
    } else if (replicas > updated) {
      st.message = prefix + std::to_string(replicas - updated) + " old replicas are pending termination...\n";
    } else if (available < updated) {
      st.message = prefix + std::to_string(available) + " of " + std::to_string(updated) +
                   " updated replicas are available...\n";
    } else {
      st.message = "deployment " + dq(name) + " successfully rolled out\n";
      st.done = true;
    }
    return st;
  }
  st.message = "Waiting for deployment spec update to be observed...\n";
  return st;
}

DeploymentReplicaSets splitDeploymentReplicaSets(const json& d, const std::vector<const json*>& owned) {
  DeploymentReplicaSets r;
  std::vector<const json*> byAge;
  for (const json* rs : owned)
    if (rs) byAge.push_back(rs);
  std::stable_sort(byAge.begin(), byAge.end(), [](const json* a, const json* b) {
    Time ta = creationTime(*a), tb = creationTime(*b);
    if (ta != tb) return ta < tb;
    return objName(*a) < objName(*b);
  });
  const json& tmpl = sub(sub(d, "spec"), "template");
  for (const json* rs : byAge)
    if (DeploymentController::equalIgnoreHash(sub(sub(*rs, "spec"), "template"), tmpl)) {
      r.newRS = rs;
      break;
    }
  for (const json* rs : owned)
    if (rs && rs != r.newRS) r.old.push_back(rs);
  return r;
}

static std::vector<const json*> allReplicaSets(const DeploymentReplicaSets& split) {
  std::vector<const json*> all = split.old;
  if (split.newRS) all.push_back(split.newRS);
  return all;
}

bool deploymentHistory(const json& d, const std::vector<const json*>& owned, int64_t revision, std::string& text,
                       std::string& err) {
  std::map<int64_t, json> info;
  for (const json* rs : allReplicaSets(splitDeploymentReplicaSets(d, owned))) {
    int64_t v = 0;
    if (!revisionOf(*rs, v)) continue;
    json tmpl = sub(sub(*rs, "spec"), "template");
    if (!tmpl.is_object()) tmpl = json::object();
    std::string cause = annotation(*rs, kChangeCause);
    if (!cause.empty()) tmpl["metadata"]["annotations"][kChangeCause] = cause;
    info[v] = tmpl;
  }
  if (info.empty()) {
    text = "No rollout history found.";
    return true;
  }
  if (revision > 0) {
    auto it = info.find(revision);
    if (it == info.end()) {
      err = "unable to find the specified revision";
      return false;
    }
    text = describePodTemplateRaw(it->second);
    return true;
  }
  std::string table = "REVISION\tCHANGE-CAUSE\n";
  for (const auto& [rev, tmpl] : info) {
    std::string cause = str(sub(sub(tmpl, "metadata"), "annotations"), kChangeCause);
    table += std::to_string(rev) + "\t" + (cause.empty() ? std::string("<none>") : cause) + "\n";
  }
  text = tabbedString(table);
  return true;
}

RollbackPlan planDeploymentRollback(const json& d, const std::vector<const json*>& owned, int64_t toRevision) {
  RollbackPlan plan;
  auto notFound = [&] {
    plan.error = "unable to find specified revision " + std::to_string(toRevision) + " in history";
  };
  if (toRevision < 0) {
    notFound();
    return plan;
  }
  const json* latest = nullptr;
  const json* previous = nullptr;
  int64_t latestRev = -1, previousRev = -1;
  for (const json* rs : allReplicaSets(splitDeploymentReplicaSets(d, owned))) {
    int64_t v = 0;
    if (!revisionOf(*rs, v)) continue;
    if (toRevision == 0) {
      if (latestRev < v) {
        previousRev = latestRev;
        previous = latest;
        latestRev = v;
        latest = rs;
      } else if (previousRev < v) {
        previousRev = v;
        previous = rs;
      }
    } else if (toRevision == v) {
      plan.rs = rs;
      break;
    }
  }
  if (toRevision > 0 && !plan.rs) {
    notFound();
    return plan;
  }
  if (toRevision == 0) {
    if (!previous) {
      plan.error = "no rollout history found for deployment " + dq(objName(d));
      return plan;
    }
    plan.rs = previous;
  }
  if (sub(sub(d, "spec"), "paused").is_boolean() && sub(sub(d, "spec"), "paused").get<bool>()) {
    plan.error = "you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again";
    return plan;
  }
  const json& rsTemplate = sub(sub(*plan.rs, "spec"), "template");
  if (DeploymentController::equalIgnoreHash(rsTemplate, sub(sub(d, "spec"), "template"))) {
    plan.skipped = "skipped rollback (current template already matches revision " + std::to_string(toRevision) + ")";
    return plan;
  }
  static const std::set<std::string> kSkip = {"kubectl.kubernetes.io/last-applied-configuration",
                                              "deployment.kubernetes.io/revision",
                                              "deployment.kubernetes.io/revision-history",
                                              "deployment.kubernetes.io/desired-replicas",
                                              "deployment.kubernetes.io/max-replicas",
                                              "deprecated.deployment.rollback.to"};
  json tmpl = rsTemplate;
  if (tmpl.contains("metadata") && tmpl["metadata"].contains("labels")) tmpl["metadata"]["labels"].erase(kHashLabel);
  json annotations = json::object();
  const json& dAnn = sub(sub(d, "metadata"), "annotations");
  for (const auto& k : kSkip)
    if (dAnn.is_object() && dAnn.contains(k)) annotations[k] = dAnn[k];
  const json& rsAnn = sub(sub(*plan.rs, "metadata"), "annotations");
  if (rsAnn.is_object())
    for (auto it = rsAnn.begin(); it != rsAnn.end(); ++it)
      if (!kSkip.count(it.key())) annotations[it.key()] = it.value();
  plan.patched = d;
  plan.patched["spec"]["template"] = tmpl;
  if (annotations.empty())
    plan.patched["metadata"].erase("annotations");
  else
    plan.patched["metadata"]["annotations"] = annotations;
  return plan;
}

namespace {

Time readyTime(const json& pod) {  // podReadyTime: zero (-inf here) when not Ready
  Time t = podReadySince(pod);
  return t;
}

int64_t maxRestarts(const json& pod) {
  int64_t m = 0;
  const json& st = sub(sub(pod, "status"), "containerStatuses");
  if (st.is_array())
    for (const auto& c : st) m = std::max(m, num(c, "restartCount"));
  return m;
}

// afterOrZero(t1, t2): zero times count as "after" everything.
bool afterOrZero(Time t1, bool zero1, Time t2, bool zero2) {
  if (zero1 || zero2) return zero1;
  return t1 > t2;
}

}  // namespace

bool podBeforeForLogs(const json& a, const json& b) {
  std::string na = podNodeName(a), nb = podNodeName(b);
  if (na != nb && (na.empty() || nb.empty())) return !na.empty();
  auto rank = [](const json& p) {
    std::string ph = str(sub(p, "status"), "phase");
    return ph == "Unknown" ? 1 : ph == "Pending" ? 2 : 0;
  };
  if (rank(a) != rank(b)) return rank(a) < rank(b);
  bool ra = podIsReady(a), rb = podIsReady(b);
  if (ra != rb) return ra;
  if (ra && rb) {
    Time ta = readyTime(a), tb = readyTime(b);
    if (ta != tb) return afterOrZero(tb, tb < 0, ta, ta < 0);
  }
  if (maxRestarts(a) != maxRestarts(b)) return maxRestarts(a) > maxRestarts(b);
  Time ca = creationTime(a), cb = creationTime(b);
  if (ca != cb) return ca < cb;
  return false;
}

// ActivePods.Less(a, b): a is "less active" (deleted first).
static bool activePodsLess(const json& a, const json& b) {
  std::string na = podNodeName(a), nb = podNodeName(b);
  if (na != nb && (na.empty() || nb.empty())) return na.empty();
  auto rank = [](const json& p) {
    std::string ph = str(sub(p, "status"), "phase");
    return ph == "Running" ? 2 : ph == "Unknown" ? 1 : 0;
  };
  if (rank(a) != rank(b)) return rank(a) < rank(b);
  bool ra = podIsReady(a), rb = podIsReady(b);
  if (ra != rb) return !ra;
  if (ra && rb) {
    Time ta = readyTime(a), tb = readyTime(b);
    if (ta != tb) return afterOrZero(ta, ta < 0, tb, tb < 0);
  }
  if (maxRestarts(a) != maxRestarts(b)) return maxRestarts(a) > maxRestarts(b);
  Time ca = creationTime(a), cb = creationTime(b);
  if (ca != cb) return ca > cb;
  return false;
}

bool podBeforeForExec(const json& a, const json& b) { return activePodsLess(b, a); }

namespace {

void topCell(std::string& line, const std::string& v) { line += v + "\t"; }

std::string cpuText(int64_t milli) { return std::to_string(milli) + "m"; }
std::string memText(int64_t bytes) { return std::to_string(bytes / (1024 * 1024)) + "Mi"; }
std::string percentText(int64_t v, int64_t of) {
  double f = of == 0 ? 0.0 : static_cast<double>(v) / static_cast<double>(of) * 100;
  return std::to_string(static_cast<int64_t>(f)) + "%";
}

}  // namespace

std::string printTopNodes(std::vector<TopNodeRow> rows, bool noHeaders, const std::string& sortBy) {
  std::vector<TopNodeRow> measured, missing;
  for (auto& r : rows) (r.hasMetrics ? measured : missing).push_back(r);
  if (measured.empty()) return "";
  std::stable_sort(measured.begin(), measured.end(), [&](const TopNodeRow& a, const TopNodeRow& b) {
    if (sortBy == "cpu") return a.cpuMilli > b.cpuMilli;
    if (sortBy == "memory") return a.memoryBytes > b.memoryBytes;
    return a.name < b.name;
  });
  std::stable_sort(missing.begin(), missing.end(),
                   [](const TopNodeRow& a, const TopNodeRow& b) { return a.name < b.name; });
  GoTabWriter tw(6, 4, 3, true);
  std::string text;
  if (!noHeaders) text += "NAME\tCPU(cores)\tCPU%\tMEMORY(bytes)\tMEMORY%\t\n";
  for (const auto& r : measured) {
    std::string line;
    topCell(line, r.name);
    topCell(line, cpuText(r.cpuMilli));
    topCell(line, percentText(r.cpuMilli, r.allocCpuMilli));
    topCell(line, memText(r.memoryBytes));
    // metricsutil: quantity.MilliValue() / available.MilliValue() for memory too.
    topCell(line, percentText(r.memoryBytes, r.allocMemoryBytes));
    text += line + "\n";
  }
  for (const auto& r : missing) text += r.name + "\t<unknown>\t<unknown>\t<unknown>\t<unknown>\t\n";
  tw.write(text);
  tw.flush();
  return tw.take();
}

std::string printTopPods(std::vector<TopPodRow> rows, bool containers, bool withNamespace, bool noHeaders,
                         const std::string& sortBy, bool sum) {
  if (rows.empty()) return "";
  auto podCpu = [](const TopPodRow& p) {
    int64_t s = 0;
    for (const auto& c : p.containers) s += c.cpuMilli;
    return s;
  };
  auto podMem = [](const TopPodRow& p) {
    int64_t s = 0;
    for (const auto& c : p.containers) s += c.memoryBytes;
    return s;
  };
  std::string text;
  int columns = 3;
  if (!noHeaders) {
    if (withNamespace) {
      text += "NAMESPACE\t";
      ++columns;
    }
    if (containers) {
      text += "POD\t";
      ++columns;
    }
    text += "NAME\tCPU(cores)\tMEMORY(bytes)\t\n";
  } else {
    columns += (withNamespace ? 1 : 0) + (containers ? 1 : 0);
  }
  std::stable_sort(rows.begin(), rows.end(), [&](const TopPodRow& a, const TopPodRow& b) {
    if (sortBy == "cpu") return podCpu(a) > podCpu(b);
    if (sortBy == "memory") return podMem(a) > podMem(b);
    if (withNamespace && a.ns != b.ns) return a.ns < b.ns;
    return a.name < b.name;
  });
  int64_t totalCpu = 0, totalMem = 0;
  for (auto& p : rows) {
    totalCpu += podCpu(p);
    totalMem += podMem(p);
    if (containers) {
      std::stable_sort(p.containers.begin(), p.containers.end(),
                       [&](const TopContainerRow& a, const TopContainerRow& b) {
                         if (sortBy == "cpu") return a.cpuMilli > b.cpuMilli;
                         if (sortBy == "memory") return a.memoryBytes > b.memoryBytes;
                         return a.name < b.name;
                       });
      for (const auto& c : p.containers) {
        std::string line;
        if (withNamespace) topCell(line, p.ns);
        topCell(line, p.name);
        topCell(line, c.name);
        topCell(line, cpuText(c.cpuMilli));
        topCell(line, memText(c.memoryBytes));
        text += line + "\n";
      }
    } else {
      std::string line;
      if (withNamespace) topCell(line, p.ns);
      topCell(line, p.name);
      topCell(line, cpuText(podCpu(p)));
      topCell(line, memText(podMem(p)));
      text += line + "\n";
    }
  }
  if (sum) {
    std::string line;
    for (int i = 0; i < columns - 2; ++i) topCell(line, "");
    topCell(line, "________");
    topCell(line, "________");
    text += line + "\n";
    line.clear();
    for (int i = 0; i < columns - 3; ++i) topCell(line, "");
    topCell(line, "");
    topCell(line, cpuText(totalCpu));
    topCell(line, memText(totalMem));
    text += line + "\n";
  }
  GoTabWriter tw(6, 4, 3, true);
  tw.write(text);
  tw.flush();
  return tw.take();
}

// [SECTION] plumbing ---------------------------------------------------------------------------------

bool Commands::builderObjects(Flags& f, const std::string& stdinText, Out& out, bool allowEmptySelector,
                              std::vector<ObjPtr>& objs, std::vector<std::string>& missing) {
  std::string err;
  if (f.has("filename")) {
    std::vector<std::pair<json, std::string>> docs;
    if (!readManifests(f, stdinText, out, docs) && docs.empty()) return false;
    for (auto& [doc, src] : docs) {
      const KindInfo* k = findKind(doc.value("kind", ""));
      if (!k) continue;
      std::string ns = k->namespaced ? doc["metadata"].value("namespace", f.ns) : "";
      std::string name = doc["metadata"].value("name", "");
      auto o = c_.store.get(k->kind, ns, name);
      if (o)
        objs.push_back(o);
      else
        missing.push_back("Error from server (NotFound): " + k->qualifiedPlural() + " " + dq(name) + " not found");
    }
    return true;
  }
  if (f.args.empty() || (f.args.size() == 1 && f.args[0].find('/') == std::string::npos && f.args[0].empty())) {
    out.fail(
        "You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   "
        "'-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'");
    return false;
  }
  std::vector<Target> targets;
  if (!resolveTargets(f.args, targets, err, false)) {
    out.fail(err);
    return false;
  }
  Selector sel;
  if (f.has("selector") && !parseSelector(f.get("selector"), sel, err)) {
    out.fail(err);
    return false;
  }
  for (const auto& t : targets) {
    std::string ns = t.kind->namespaced ? f.ns : "";
    if (t.name.empty()) {
      if (!allowEmptySelector && !f.flag("all") && !f.has("selector")) {
        out.fail("resource(s) were provided, but no name was specified");
        return false;
      }
      for (auto& o : c_.store.list(t.kind->kind, t.kind->namespaced && f.allNs ? "" : ns))
        if (sel.empty() || sel.matches((*o)["metadata"].value("labels", json::object()))) objs.push_back(o);
    } else {
      if (f.has("selector")) {
        out.fail("name cannot be provided when a selector is specified");
        return false;
      }
      auto o = c_.store.get(t.kind->kind, ns, t.name);
      if (o)
        objs.push_back(o);
      else
        missing.push_back("Error from server (NotFound): " + t.kind->qualifiedPlural() + " " + dq(t.name) +
                          " not found");
    }
  }
  return true;
}

StoreResult Commands::updateObject(const json& desiredIn) {
  json desired = desiredIn;
  applyDefaults(desired);
  std::string kind = objKind(desired), ns = objNamespace(desired), name = objName(desired);
  auto errs = validateObject(desired);
  if (!errs.empty()) return {nullptr, {"Invalid", formatInvalid(kind, name, errs)}};
  return c_.store.update(kind, ns, name, [&](json& o) {
    o = desired;
    return true;
  });
}

// --record: kubectl's parseCommandArguments ("kubectl" + non-flag words + each flag as --name=value).
static std::string changeCause(const Commands::Flags& f) {
  std::string s = "kubectl " + f.verb;
  for (const auto& a : f.args) s += " " + a;
  for (const auto& a : f.dash) s += " " + a;
  for (const auto& fl : f.order) s += " " + fl;
  return s;
}

static void record(const Commands::Flags& f, json& obj) {
  if (!f.flag("record")) return;
  obj["metadata"]["annotations"][kChangeCause] = changeCause(f);
}

static std::string dryRunSuffix(const Commands::Flags& f) {
  std::string d = f.get("dry-run", "none");
  if (!f.has("dry-run") || d == "none") return "";
  if (d == "server") return " (server dry run)";
  return " (dry run)";
}

// The confirmation `<kind>.<group>/<name> <verb>` (-o name: no verb).
static std::string confirm(const Commands::Flags& f, const json& obj, const std::string& verb) {
  const KindInfo* k = findKind(objKind(obj));
  std::string id = (k ? k->qualifiedSingular() : objKind(obj)) + "/" + objName(obj);
  if (f.get("output") == "name") return id + "\n";
  return id + " " + verb + dryRunSuffix(f) + "\n";
}

// Go's %q of a Go value printed for -o yaml/json in dry runs.
static bool printObject(const Commands::Flags& f, const json& obj, Commands::Out& out) {
  std::string o = f.get("output");
  if (o == "yaml") {
    out.out(toYaml(obj));
    return true;
  }
  if (o == "json") {
    out.out(toJson(obj) + "\n");
    return true;
  }
  return false;
}

static bool dryRunClient(const Commands::Flags& f) {
  std::string d = f.get("dry-run", "none");
  return f.has("dry-run") && (d == "client" || d == "true");
}

static bool dryRunServer(const Commands::Flags& f) { return f.has("dry-run") && f.get("dry-run") == "server"; }

// `--dry-run=foo`: kubectl's GetDryRunStrategy error.
static bool checkDryRun(const Commands::Flags& f, Commands::Out& out) {
  if (!f.has("dry-run")) return true;
  std::string d = f.get("dry-run");
  if (d == "client" || d == "server" || d == "none" || d == "true" || d == "false") return true;
  out.fail("Invalid dry-run value (" + d + "). Must be \"none\", \"server\", or \"client\".");
  return false;
}

static bool outputOk(const Commands::Flags& f, Commands::Out& out) {
  std::string o = f.get("output");
  if (o.empty() || o == "name" || o == "yaml" || o == "json") return true;
  out.fail("unable to match a printer suitable for the output format \"" + o +
           "\", allowed formats are: json,name,yaml");
  return false;
}

// [SECTION] scale -----------------------------------------------------------------------------------

int Commands::cmdScale(Flags& f, const std::string& stdinText, Out& out) {
  if (!f.has("replicas")) return out.fail("required flag(s) \"replicas\" not set");
  if (!checkDryRun(f, out) || !outputOk(f, out)) return 1;
  int64_t replicas = f.num("replicas", 0);
  int64_t current = f.num("current-replicas", -1);
  if (replicas < 0)
    return out.fail("The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0");
  if (current < -1) return out.fail("The --current-replicas must specify an integer of -1 or greater");
  std::vector<ObjPtr> objs;
  std::vector<std::string> missing;
  if (!builderObjects(f, stdinText, out, false, objs, missing)) return 1;
  if (f.has("resource-version") && objs.size() > 1)
    return out.fail("cannot use --resource-version with multiple resources");
  auto printMissing = [&] {
    for (const auto& m : missing) out.err(m + "\n");
    return missing.empty() ? 0 : 1;
  };
  if (objs.empty()) {
    if (!missing.empty()) return printMissing();
    return out.fail("no objects passed to scale");
  }
  Time timeout = 0;
  if (f.has("timeout")) {
    std::string e;
    parseGoDuration(f.get("timeout"), timeout, e);
  }
  for (const auto& o : objs) {
    std::string kind = objKind(*o);
    if (kind != "Deployment" && kind != "ReplicaSet")
      return out.apiError({"NotFound", "the server could not find the requested resource"});
    json obj = *o;
    if (dryRunClient(f)) {
      obj["spec"]["replicas"] = replicas;
      if (!printObject(f, obj, out)) out.out(confirm(f, obj, "scaled"));
      continue;
    }
    if (current != -1 && num(obj["spec"], "replicas", 1) != current)
      return out.fail("Expected replicas to be " + std::to_string(current) + ", was " +
                      std::to_string(num(obj["spec"], "replicas", 1)));
    if (f.has("resource-version") && f.get("resource-version") != obj["metadata"].value("resourceVersion", ""))
      return out.fail("Expected resource version to be " + f.get("resource-version") + ", was " +
                      obj["metadata"].value("resourceVersion", ""));
    obj["spec"]["replicas"] = replicas;
    record(f, obj);
    if (!dryRunServer(f)) {
      auto r = updateObject(obj);
      if (!r.ok()) return out.apiError(r.err);
      if (r.obj) obj = *r.obj;
    }
    if (timeout > 0 && !dryRunServer(f)) {
      // --timeout: wait until status.replicas matches (scale.WaitForScaleHasDesiredReplicas).
      std::string ns = objNamespace(obj), name = objName(obj);
      Time until = c_.queue.now() + timeout;
      auto satisfied = [&] {
        auto cur = c_.store.get(kind, ns, name);
        if (!cur) return true;
        return num((*cur)["status"], "replicas") == replicas &&
               num((*cur)["status"], "observedGeneration") >= num((*cur)["metadata"], "generation");
      };
      while (!satisfied()) {
        Time next = c_.queue.nextTime();
        if (next < 0 || next > until) {
          advanceTo(until, out);
          break;
        }
        advanceTo(next, out);
      }
      if (!satisfied())
        return out.fail("timed out waiting for " + dq(name) + " to be synced: timed out waiting for the condition");
    }
    if (!printObject(f, obj, out)) out.out(confirm(f, obj, "scaled"));
  }
  return printMissing();
}

// [SECTION] rollout ---------------------------------------------------------------------------------

namespace {

// `error: deployments.apps "web" <why>` as the rollout pause/resume/restart loops word it.
std::string resourceError(const json& obj, const std::string& why) {
  const KindInfo* k = findKind(objKind(obj));
  return (k ? k->qualifiedPlural() : objKind(obj)) + " " + dq(objName(obj)) + " " + why;
}

std::string groupKind(const json& obj) {
  const KindInfo* k = findKind(objKind(obj));
  if (!k) return objKind(obj);
  return k->group.empty() ? k->kind : k->kind + "." + k->group;
}

}  // namespace

int Commands::cmdRollout(Flags& f, const std::string& stdinText, Out& out) {
  std::string sub = f.verb.substr(f.verb.find(' ') + 1);
  if (f.args.empty() && !f.has("filename")) return out.fail("required resource not specified");
  if (sub == "status" || sub == "history") {
    int64_t rev = f.num("revision", 0);
    if (rev < 0) return out.fail("revision must be a positive integer: " + std::to_string(rev));
  }
  if (sub == "undo" && !checkDryRun(f, out)) return 1;
  std::vector<ObjPtr> objs;
  std::vector<std::string> missing;
  if (!builderObjects(f, stdinText, out, true, objs, missing)) return 1;
  auto ownedRS = [&](const json& d) {
    std::vector<ObjPtr> keep = c_.store.ownedBy("ReplicaSet", d["metadata"].value("uid", ""));
    return keep;
  };
  auto raw = [](const std::vector<ObjPtr>& v) {
    std::vector<const json*> r;
    for (const auto& p : v) r.push_back(p.get());
    return r;
  };
  if (sub == "status") {
    if (!missing.empty()) {
      out.err(missing[0] + "\n");
      return 1;
    }
    if (objs.size() != 1)
      return out.fail("rollout status is only supported on individual resources and resource collections - " +
                      std::to_string(objs.size()) + " resources were found");
    if (objKind(*objs[0]) != "Deployment")
      return out.fail("no status viewer has been implemented for " + groupKind(*objs[0]));
    return cmdRolloutStatus(f, objs[0], out);
  }
  int rc = 0;
  std::vector<std::string> errors;  // aggregated like utilerrors.NewAggregate
  for (const auto& o : objs) {
    const json& obj = *o;
    bool isDeploy = objKind(obj) == "Deployment";
    if (sub == "history") {
      if (!isDeploy) {
        std::string gk = groupKind(obj);
        if (objKind(obj) == "Pod" || objKind(obj) == "ReplicaSet")
          rc = out.fail("no history viewer has been implemented for " + dq(gk));
        else
          rc = out.fail("error retrieving history for " + dq(gk) + ", no visitor method exists for { " + objKind(obj) +
                        "}");
        break;
      }
      auto rss = ownedRS(obj);
      std::string text, err;
      if (!deploymentHistory(obj, raw(rss), f.num("revision", 0), text, err)) {
        rc = out.fail(err);
        break;
      }
      std::string with = f.num("revision", 0) > 0 ? "with revision #" + std::to_string(f.num("revision", 0)) : "";
      if (f.get("output") == "name")
        out.out("deployment.apps/" + objName(obj) + "\n");
      else
        out.out("deployment.apps/" + objName(obj) + " " + with + "\n" + text + "\n");
      continue;
    }
    if (sub == "undo") {
      if (!isDeploy) {
        rc = out.fail("no rollbacker has been implemented for " + dq(groupKind(obj)));
        break;
      }
      auto rss = ownedRS(obj);
      RollbackPlan plan = planDeploymentRollback(obj, raw(rss), f.num("to-revision", 0));
      if (plan.error.empty() && dryRunClient(f) && plan.rs) {
        out.out("deployment.apps/" + objName(obj) + " " + describePodTemplateRaw((*plan.rs)["spec"]["template"]) +
                " (dry run)\n");
        continue;
      }
      if (!plan.error.empty()) {
        rc = out.fail(plan.error);
        break;
      }
      if (!plan.skipped.empty()) {
        out.out(confirm(f, obj, plan.skipped));
        continue;
      }
      if (!dryRunServer(f)) {
        auto r = updateObject(plan.patched);
        if (!r.ok()) {
          rc = out.fail("failed restoring revision " + std::to_string(f.num("to-revision", 0)) + ": " +
                        (r.err.reason == "Invalid" ? r.err.message : r.err.message));
          break;
        }
      }
      out.out(confirm(f, obj, "rolled back"));
      continue;
    }
    // pause / resume / restart: patch the object, or explain why not.
    json updated = obj;
    std::string why;
    bool paused = obj["spec"].value("paused", false);
    if (sub == "pause") {
      if (!isDeploy)
        why = "pausing is not supported";
      else if (paused)
        why = "is already paused";
      else
        updated["spec"]["paused"] = true;
    } else if (sub == "resume") {
      if (!isDeploy)
        why = "resuming is not supported";
      else if (!paused)
        why = "is not paused";
      else
        updated["spec"].erase("paused");
    } else {  // restart
      if (!isDeploy)
        why = "restarting is not supported";
      else if (paused)
        why = "can't restart paused deployment (run rollout resume first)";
      else
        updated["spec"]["template"]["metadata"]["annotations"][kRestartedAtAnnotation] = rfc3339(c_.queue.now());
    }
    if (!why.empty()) {
      errors.push_back("error: " + resourceError(obj, why));
      continue;
    }
    if (updated == obj) {
      errors.push_back("failed to create patch for " + objName(obj) +
                       ": if restart has already been triggered within the past second, please wait before attempting "
                       "to trigger another");
      continue;
    }
    auto r = updateObject(updated);
    if (!r.ok()) {
      errors.push_back("failed to patch: " + r.err.message);
      continue;
    }
    out.out(confirm(f, obj, sub == "pause" ? "paused" : sub == "resume" ? "resumed" : "restarted"));
  }
  for (const auto& m : missing) errors.push_back(m);
  if (errors.size() == 1) {
    const std::string& e = errors[0];
    out.err((e.rfind("error: ", 0) == 0 || e.rfind("Error from server", 0) == 0 ? e : "error: " + e) + "\n");
    return 1;
  }
  for (const auto& e : errors) out.err(e + "\n");
  return errors.empty() ? rc : 1;
}

int Commands::cmdRolloutStatus(Flags& f, const ObjPtr& d, Out& out) {
  int64_t revision = f.num("revision", 0);
  bool watch = !f.has("watch") || f.flag("watch");
  Time timeout = 0;
  if (f.has("timeout")) {
    std::string e;
    parseGoDuration(f.get("timeout"), timeout, e);
  }
  // UntilWithSync: the current object (the informer's initial list), then every watch event.
  RolloutStatus st = deploymentRolloutStatus(*d, revision);
  if (!st.error.empty()) return out.fail(st.error);
  out.out(st.message);
  if (st.done || !watch) return 0;
  std::string ns = objNamespace(*d), name = objName(*d);
  struct State {
    bool finished = false;
    std::string error;
    std::string text;
  };
  auto state = std::make_shared<State>();
  WatchId id = c_.store.watch("Deployment", [state, ns, name, revision](const WatchEvent& ev) {
    if (state->finished || objNamespace(*ev.obj) != ns || objName(*ev.obj) != name) return;
    if (ev.type == WatchType::Deleted) {
      state->error = "object has been deleted";
      state->finished = true;
      return;
    }
    RolloutStatus s = deploymentRolloutStatus(*ev.obj, revision);
    if (!s.error.empty()) {
      state->error = s.error;
      state->finished = true;
      return;
    }
    state->text += s.message;
    if (s.done) state->finished = true;
  });
  // Follow virtual time until done, an error, --timeout, or (no --timeout) one hour: kubectl would
  // wait forever, a script has to go on.
  const Time limit = timeout > 0 ? timeout : kHour;
  Time until = c_.queue.now() + limit;
  auto flush = [&] {
    out.out(state->text);
    state->text.clear();
  };
  while (!state->finished) {
    Time next = c_.queue.nextTime();
    if (next < 0 || next > until) {
      advanceTo(until, out);
      flush();
      break;
    }
    advanceTo(next, out);
    flush();
  }
  c_.store.unwatch(id);
  flush();
  if (!state->error.empty()) return out.fail(state->error);
  if (!state->finished) {
    if (timeout > 0) return out.fail("timed out waiting for the condition");
    out.err(
        "podplay: rollout status stopped watching after 1h of virtual time (kubectl would keep waiting; pass --timeout "
        "to bound it)\n");
    return 1;
  }
  return 0;
}

// [SECTION] set image | resources ---------------------------------------------------------------

namespace {

// cmdutil.GetResourcesAndPairs: resource args first, then NAME=VALUE pairs.
bool splitResourcesAndPairs(const std::vector<std::string>& args, const std::string& pairType,
                            std::vector<std::string>& resources, std::vector<std::string>& pairs, std::string& err) {
  bool foundPair = false;
  for (const auto& s : args) {
    bool isPair = s.find('=') != std::string::npos && s[0] != '=';
    if (isPair) {
      foundPair = true;
      pairs.push_back(s);
    } else if (foundPair) {
      err = "all resources must be specified before " + pairType + " changes: " + s;
      return false;
    } else {
      resources.push_back(s);
    }
  }
  return true;
}

// The pod spec inside an object (pods, templates), or null.
json* podSpecOf(json& obj) {
  std::string k = objKind(obj);
  if (k == "Pod") return &obj["spec"];
  if (k == "Deployment" || k == "ReplicaSet" || k == "DaemonSet" || k == "StatefulSet" || k == "Job")
    return &obj["spec"]["template"]["spec"];
  return nullptr;
}

}  // namespace

int Commands::cmdSet(Flags& f, const std::string& stdinText, Out& out) {
  bool image = f.verb == "set image";
  if (!checkDryRun(f, out)) return 1;
  std::vector<std::string> resources, pairs, errors;
  std::string err;
  if (image) {
    if (!splitResourcesAndPairs(f.args, "image", resources, pairs, err)) return out.fail(err);
  } else {
    resources = f.args;
  }
  std::map<std::string, std::string> images;  // container -> image (sorted: deterministic error order)
  std::vector<std::string> invalid;
  for (const auto& p : pairs) {
    auto eq = p.find('=');
    images[p.substr(0, eq)] = p.substr(eq + 1);
  }
  // Validate (aggregated).
  if (f.flag("all") && f.has("selector")) errors.push_back("cannot set --all and --selector at the same time");
  if (resources.empty() && !f.has("filename"))
    errors.push_back("one or more resources must be specified as <resource> <name> or <resource>/<name>");
  json limits = json::object(), requests = json::object();
  if (image) {
    if (images.empty())
      errors.push_back("at least one image update is required");
    else if (images.size() > 1 && images.count("*"))
      errors.push_back(
          "all containers are already specified by *, but saw more than one container_name=container_image pairs");
  } else {
    if (!f.has("limits") && !f.has("requests"))
      errors.push_back("you must specify an update to requests or limits (in the form of --requests/--limits)");
    auto parseList = [&](const std::string& flagName, json& into) -> bool {
      if (!f.has(flagName)) return true;
      for (const auto& kv : splitOn(f.get(flagName), ',')) {
        if (kv.empty()) continue;
        auto eq = kv.find('=');
        if (eq == std::string::npos) {
          out.fail("invalid argument \"" + f.get(flagName) + "\" for \"--" + flagName + "\" flag: " + kv +
                   " must be of the form name=quantity");
          return false;
        }
        std::string name = kv.substr(0, eq), value = kv.substr(eq + 1);
        Quantity q;
        if (!parseQuantity(value, q)) {
          out.fail("quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
          return false;
        }
        if (name != "cpu" && name != "memory" && name != "ephemeral-storage" && name.find('/') == std::string::npos &&
            name.rfind("hugepages-", 0) != 0) {
          out.fail("resource " + name + " is not a standard resource type");
          return false;
        }
        into[name] = canonicalQuantity(value);
      }
      return true;
    };
    if (!parseList("limits", limits) || !parseList("requests", requests)) return 1;
  }
  if (errors.size() == 1) return out.fail(errors[0]);
  if (errors.size() > 1) {
    for (const auto& e : errors) out.err(e + "\n");
    return 1;
  }
  std::vector<ObjPtr> objs;
  std::vector<std::string> missing;
  Flags rf = f;
  rf.args = resources;
  if (!builderObjects(rf, stdinText, out, f.flag("all"), objs, missing)) return 1;
  std::vector<std::string> allErrs;
  for (const auto& o : objs) {
    json obj = *o;
    json* spec = podSpecOf(obj);
    if (!spec) {
      const KindInfo* k = findKind(objKind(obj));
      allErrs.push_back("error: " + (k ? k->qualifiedSingular() : objKind(obj)) + "/" + objName(obj) +
                        " object of type " + objKind(obj) + " does not have a pod spec\n");
      continue;
    }
    if (image) {
      for (const auto& [name, img] : images) {
        bool found = false;
        for (const char* list : {"initContainers", "containers"}) {
          if (!spec->contains(list)) continue;
          for (auto& c : (*spec)[list])
            if (c.value("name", "") == name || name == "*") {
              c["image"] = img;
              found = true;
            }
        }
        if (!found) allErrs.push_back("error: unable to find container named " + dq(name));
      }
    } else {
      std::string selector = f.get("containers", "*");
      bool any = false;
      if (spec->contains("containers"))
        for (auto& c : (*spec)["containers"]) {
          std::string n = c.value("name", "");
          bool match = selector == "*" || selector == n;
          if (!match && selector.find('*') != std::string::npos) {
            // path.Match with a single '*' (prefix*suffix).
            auto star = selector.find('*');
            std::string pre = selector.substr(0, star), post = selector.substr(star + 1);
            match = n.size() >= pre.size() + post.size() && n.rfind(pre, 0) == 0 &&
                    n.compare(n.size() - post.size(), post.size(), post) == 0;
          }
          if (!match) continue;
          any = true;
          for (auto [field, list] : {std::pair<const char*, json*>{"limits", &limits}, {"requests", &requests}}) {
            if (list->empty()) continue;
            json& res = c["resources"][field];
            if (!res.is_object()) res = json::object();
            for (auto it = list->begin(); it != list->end(); ++it) res[it.key()] = it.value();
          }
        }
      if (!any) allErrs.push_back("error: unable to find container named " + selector);
    }
    record(f, obj);
    if (obj == *o) continue;  // no changes: nothing printed
    if (f.flag("local") || dryRunClient(f)) {
      if (!printObject(f, obj, out))
        out.out(confirm(f, obj, image ? "image updated" : "resource requirements updated"));
      continue;
    }
    if (!dryRunServer(f)) {
      auto r = updateObject(obj);
      if (!r.ok()) {
        allErrs.push_back(std::string("failed to patch ") +
                          (image ? "image update to pod template" : "limit update to pod template") + ": " +
                          r.err.message);
        continue;
      }
      obj = *r.obj;
    }
    if (!printObject(f, obj, out)) out.out(confirm(f, obj, image ? "image updated" : "resource requirements updated"));
  }
  for (const auto& m : missing) allErrs.push_back(m);
  if (allErrs.empty()) return 0;
  if (allErrs.size() == 1) {
    std::string e = allErrs[0];
    if (!e.empty() && e.back() == '\n') e.pop_back();
    out.err((e.rfind("error: ", 0) == 0 || e.rfind("Error from server", 0) == 0 ? e : "error: " + e) + "\n");
    return 1;
  }
  for (auto e : allErrs) {
    if (!e.empty() && e.back() == '\n') e.pop_back();
    out.err(e + "\n");
  }
  return 1;
}

// [SECTION] autoscale / create deployment / expose ------------------------------------------------

int Commands::cmdAutoscale(Flags& f, const std::string& stdinText, Out& out) {
  if (!f.has("max")) return out.fail("required flag(s) \"max\" not set");
  if (!checkDryRun(f, out) || !outputOk(f, out)) return 1;
  int64_t max = f.num("max", -1), min = f.num("min", -1), cpu = f.num("cpu-percent", -1);
  if (max < 1) return out.fail("--max=MAXPODS is required and must be at least 1, max: " + std::to_string(max));
  if (max < min)
    return out.fail("--max=MAXPODS must be larger or equal to --min=MINPODS, max: " + std::to_string(max) +
                    ", min: " + std::to_string(min));
  std::vector<ObjPtr> objs;
  std::vector<std::string> missing;
  if (!builderObjects(f, stdinText, out, false, objs, missing)) return 1;
  if (!missing.empty()) {
    out.err(missing[0] + "\n");
    return 1;
  }
  int count = 0;
  for (const auto& o : objs) {
    const json& target = *o;
    std::string kind = objKind(target);
    const KindInfo* k = findKind(kind);
    if (kind != "Deployment" && kind != "ReplicaSet")
      return out.fail(
          "cannot autoscale a " + kind + ": could not find scale subresource for " +
          (k ? (k->group.empty() ? "" : k->group) + "/" +
                   (k->apiVersion.find('/') != std::string::npos ? k->apiVersion.substr(k->apiVersion.find('/') + 1)
                                                                 : k->apiVersion) +
                   ", Resource=" + k->plural
             : kind) +
          " in discovery information");
    std::string name = f.get("name", objName(target));
    // kubectl v1.31 submits an autoscaling/v1 HPA (targetCPUUtilizationPercentage only when
    // --cpu-percent is given); the server stores it as autoscaling/v2 and, without metrics,
    // defaults the 80% CPU utilization target.
    json hpa = {{"apiVersion", "autoscaling/v2"},
                {"kind", "HorizontalPodAutoscaler"},
                {"metadata", {{"name", name}, {"namespace", objNamespace(target)}}},
                {"spec",
                 {{"scaleTargetRef", {{"apiVersion", k->apiVersion}, {"kind", kind}, {"name", objName(target)}}},
                  {"maxReplicas", max}}}};
    if (min > 0) hpa["spec"]["minReplicas"] = min;
    if (cpu >= 0)
      hpa["spec"]["metrics"] = json::array(
          {{{"type", "Resource"},
            {"resource", {{"name", "cpu"}, {"target", {{"type", "Utilization"}, {"averageUtilization", cpu}}}}}}});
    record(f, hpa);
    if (dryRunClient(f)) {
      json v1 = {{"apiVersion", "autoscaling/v1"},
                 {"kind", "HorizontalPodAutoscaler"},
                 {"metadata", {{"creationTimestamp", nullptr}, {"name", name}}},
                 {"spec",
                  {{"maxReplicas", max},
                   {"scaleTargetRef", {{"apiVersion", k->apiVersion}, {"kind", kind}, {"name", objName(target)}}}}},
                 {"status", {{"currentReplicas", 0}, {"desiredReplicas", 0}}}};
      if (min > 0) v1["spec"]["minReplicas"] = min;
      if (cpu >= 0) v1["spec"]["targetCPUUtilizationPercentage"] = cpu;
      if (f.nsGiven) v1["metadata"]["namespace"] = f.ns;
      if (hpa["metadata"].contains("annotations")) v1["metadata"]["annotations"] = hpa["metadata"]["annotations"];
      if (!printObject(f, v1, out)) out.out(confirm(f, hpa, "created"));
      ++count;
      continue;
    }
    if (dryRunServer(f)) {
      json copy = hpa;
      ApiError e = c_.api->prepare(copy);
      if (!e.empty()) return out.apiError(e);
      if (!printObject(f, copy, out)) out.out(confirm(f, hpa, "autoscaled"));
      ++count;
      continue;
    }
    if (c_.store.get("HorizontalPodAutoscaler", objNamespace(target), name))
      return out.apiError({"AlreadyExists", "horizontalpodautoscalers.autoscaling " + dq(name) + " already exists"});
    auto r = c_.api->create(hpa);
    if (!r.ok()) return out.apiError(r.err);
    if (!printObject(f, *r.obj, out)) out.out(confirm(f, *r.obj, "autoscaled"));
    ++count;
  }
  if (count == 0) return out.fail("no objects passed to autoscale");
  return 0;
}

int Commands::cmdCreateDeployment(Flags& f, Out& out) {
  size_t argsLen = f.sawDash ? f.argsBeforeDash : f.args.size();
  if (argsLen != 1)
    return out.fail("exactly one NAME is required, got " + std::to_string(argsLen) +
                    "\nSee 'kubectl create deployment -h' for help and examples");
  if (!f.has("image")) return out.fail("required flag(s) \"image\" not set");
  if (!checkDryRun(f, out) || !outputOk(f, out)) return 1;
  std::string name = f.args[0];
  std::vector<std::string> command(f.args.begin() + 1, f.args.end());
  command.insert(command.end(), f.dash.begin(), f.dash.end());
  std::vector<std::string> images;
  for (const auto& v : f.all("image"))
    for (const auto& i : splitOn(v, ',')) images.push_back(i);  // --image is a string slice
  if (images.size() > 1 && !command.empty()) return out.fail("cannot specify multiple --image options and command");
  json labels = {{"app", name}};
  json containers = json::array();
  for (const auto& img : images) {
    std::string cname = img.substr(img.rfind('/') == std::string::npos ? 0 : img.rfind('/') + 1);
    if (cname.find(':') != std::string::npos) cname = cname.substr(0, cname.find(':'));
    if (cname.find('@') != std::string::npos) cname = cname.substr(0, cname.find('@'));
    if (cname.find_first_of("_.") != std::string::npos) {
      std::replace(cname.begin(), cname.end(), '_', '-');
      std::replace(cname.begin(), cname.end(), '.', '-');
      cname += "-" + c_.rng.suffix(5);  // sanitizeAndUniquify
    }
    json c = {{"image", img}, {"name", cname}, {"resources", json::object()}};
    if (!command.empty()) c["command"] = command;
    containers.push_back(c);
  }
  int64_t port = f.num("port", -1);
  if (port >= 0 && !containers.empty()) containers[0]["ports"] = json::array({{{"containerPort", port}}});
  json d = {{"apiVersion", "apps/v1"},
            {"kind", "Deployment"},
            {"metadata", {{"creationTimestamp", nullptr}, {"labels", labels}, {"name", name}}},
            {"spec",
             {{"replicas", f.num("replicas", 1)},
              {"selector", {{"matchLabels", labels}}},
              {"strategy", json::object()},
              {"template",
               {{"metadata", {{"creationTimestamp", nullptr}, {"labels", labels}}},
                {"spec", {{"containers", containers}}}}}}},
            {"status", json::object()}};
  if (f.nsGiven) d["metadata"]["namespace"] = f.ns;
  if (dryRunClient(f)) {
    if (!printObject(f, d, out)) out.out(confirm(f, d, "created"));
    return 0;
  }
  json req = d;
  req["metadata"].erase("creationTimestamp");
  req["metadata"]["namespace"] = f.ns;
  req["spec"]["template"]["metadata"].erase("creationTimestamp");
  req["spec"].erase("strategy");
  req.erase("status");
  if (dryRunServer(f)) {
    ApiError e = c_.api->prepare(req);
    if (!e.empty()) return out.apiError(e);
    if (!printObject(f, req, out)) out.out(confirm(f, req, "created"));
    return 0;
  }
  if (c_.store.get("Deployment", f.ns, name))
    return out.fail("failed to create deployment: deployments.apps " + dq(name) + " already exists");
  auto r = c_.api->create(req);
  if (!r.ok()) {
    if (r.err.reason == "Invalid") {
      // create_deployment.go wraps the StatusError with %v: the API server's own message
      // (`Deployment.apps "x" is invalid: a` / `... is invalid: [a, b]`), not kubectl's rewording.
      std::string m = r.err.message;
      const std::string pre = "The Deployment ";
      if (m.rfind(pre, 0) == 0) {
        m = "Deployment.apps " + m.substr(pre.size());
        size_t star = m.find(": \n* ");
        if (star != std::string::npos) {
          std::string head = m.substr(0, star), rest = m.substr(star + 5), joined;
          size_t pos = 0;
          while (pos <= rest.size()) {
            size_t nl = rest.find("\n* ", pos);
            joined += (joined.empty() ? "" : ", ") + rest.substr(pos, nl == std::string::npos ? std::string::npos : nl - pos);
            if (nl == std::string::npos) break;
            pos = nl + 3;
          }
          m = head + ": [" + joined + "]";
        }
      }
      return out.fail("failed to create deployment: " + m);
    }
    return out.fail("failed to create deployment: " + r.err.message);
  }
  if (!printObject(f, *r.obj, out)) out.out(confirm(f, *r.obj, "created"));
  return 0;
}

int Commands::cmdExpose(Flags& f, const std::string& stdinText, Out& out) {
  if (!checkDryRun(f, out) || !outputOk(f, out)) return 1;
  auto usage = [&](const std::string& msg) {
    out.err("error: " + msg + "\nSee 'kubectl expose -h' for help and examples\n");
    return 1;
  };
  if (f.args.empty() && !f.has("filename"))
    return usage(
        "You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   "
        "'-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'");
  std::vector<ObjPtr> objs;
  std::vector<std::string> missing;
  Flags bf = f;
  bf.vals.erase("selector");  // expose's --selector is the Service's, not a resource filter
  if (!builderObjects(bf, stdinText, out, false, objs, missing)) return 1;
  if (!missing.empty()) {
    out.err(missing[0] + "\n");
    return 1;
  }
  for (const auto& o : objs) {
    const json& src = *o;
    std::string kind = objKind(src);
    if (kind != "Pod" && kind != "Service" && kind != "Deployment" && kind != "ReplicaSet")
      return out.fail("cannot expose a " + kind);
    // Selector: --selector, else the object's (map-based only).
    json selector = json::object();
    if (f.has("selector")) {
      for (const auto& kv : splitOn(f.get("selector"), ',')) {
        auto eq = kv.find('=');
        if (eq == std::string::npos) return out.fail("invalid selector: " + kv);
        selector[kv.substr(0, eq)] = kv.substr(eq + 1);
      }
    } else if (kind == "Pod") {
      selector = src["metadata"].value("labels", json::object());
      if (selector.empty())
        return usage(
            "couldn't retrieve selectors via --selector flag or introspection: the pod has no labels and cannot be "
            "exposed");
    } else if (kind == "Service") {
      selector = src["spec"].value("selector", json::object());
      if (selector.empty())
        return usage(
            "couldn't retrieve selectors via --selector flag or introspection: the service has no pod selector set");
    } else {
      const json& sel = src["spec"].value("selector", json::object());
      if (sel.contains("matchExpressions") && !sel["matchExpressions"].empty())
        return usage(
            "couldn't retrieve selectors via --selector flag or introspection: couldn't convert expressions - \"" +
            sel["matchExpressions"].dump() + "\" to map-based selector format");
      selector = sel.value("matchLabels", json::object());
    }
    // Ports: --port, else the object's container ports (services: their ports).
    struct PortDef {
      int64_t port;
      std::string protocol;
    };
    std::vector<PortDef> ports;
    std::string protocol = f.get("protocol");
    if (f.has("port")) {
      for (const auto& p : splitOn(f.get("port"), ',')) {
        try {
          ports.push_back({std::stoll(p), protocol});
        } catch (...) {
          return out.fail("strconv.Atoi: parsing " + dq(p) + ": invalid syntax");
        }
      }
    } else {
      const json* spec = nullptr;
      json srcCopy = src;
      if (kind == "Service") {
        for (const auto& p : src["spec"].value("ports", json::array()))
          ports.push_back({p.value("port", 0), protocol.empty() ? p.value("protocol", "TCP") : protocol});
      } else {
        spec = podSpecOf(srcCopy);
        if (spec)
          for (const auto& c : spec->value("containers", json::array()))
            for (const auto& p : c.value("ports", json::array()))
              ports.push_back({p.value("containerPort", 0), protocol.empty() ? p.value("protocol", "TCP") : protocol});
      }
      if (ports.empty() && f.get("cluster-ip") != "None")
        return usage("couldn't find port via --port flag or introspection");
    }
    json svcPorts = json::array();
    for (size_t i = 0; i < ports.size(); ++i) {
      json p = {{"port", ports[i].port}, {"protocol", ports[i].protocol.empty() ? "TCP" : ports[i].protocol}};
      if (ports.size() > 1) p["name"] = "port-" + std::to_string(i + 1);
      if (f.has("target-port")) {
        std::string tp = f.get("target-port");
        bool numeric = !tp.empty() && std::all_of(tp.begin(), tp.end(),
                                                  [](char ch) { return isdigit(static_cast<unsigned char>(ch)); });
        p["targetPort"] = numeric ? json(std::stoll(tp)) : json(tp);
      } else {
        p["targetPort"] = ports[i].port;
      }
      svcPorts.push_back(p);
    }
    std::string name = f.get("name", objName(src));
    if (name.size() > 63) name = name.substr(0, 63);
    json labels = src["metadata"].value("labels", json::object());
    if (f.has("labels")) {
      labels = json::object();
      for (const auto& kv : splitOn(f.get("labels"), ',')) {
        auto eq = kv.find('=');
        if (eq != std::string::npos) labels[kv.substr(0, eq)] = kv.substr(eq + 1);
      }
    }
    json svc = {{"apiVersion", "v1"},
                {"kind", "Service"},
                {"metadata", {{"name", name}, {"namespace", f.ns}}},
                {"spec", {{"ports", svcPorts}, {"selector", selector}}}};
    if (!labels.empty()) svc["metadata"]["labels"] = labels;
    if (f.has("type")) svc["spec"]["type"] = f.get("type");
    if (f.has("cluster-ip")) svc["spec"]["clusterIP"] = f.get("cluster-ip");
    if (f.has("external-ip")) svc["spec"]["externalIPs"] = splitOn(f.get("external-ip"), ',');
    if (f.has("session-affinity")) svc["spec"]["sessionAffinity"] = f.get("session-affinity");
    if (f.get("type") == "LoadBalancer" && f.has("load-balancer-ip"))
      svc["spec"]["loadBalancerIP"] = f.get("load-balancer-ip");
    record(f, svc);
    if (dryRunClient(f)) {
      json shown = svc;
      shown["metadata"]["creationTimestamp"] = nullptr;
      if (!f.nsGiven) shown["metadata"].erase("namespace");
      shown["status"] = {{"loadBalancer", json::object()}};
      if (!printObject(f, shown, out)) out.out(confirm(f, svc, "exposed"));
      continue;
    }
    if (dryRunServer(f)) {
      json copy = svc;
      ApiError e = c_.api->prepare(copy);
      if (!e.empty()) return out.apiError(e);
      if (!printObject(f, copy, out)) out.out(confirm(f, svc, "exposed"));
      continue;
    }
    if (c_.store.get("Service", f.ns, name))
      return out.apiError({"AlreadyExists", "services " + dq(name) + " already exists"});
    auto r = c_.api->create(svc);
    if (!r.ok()) return out.apiError(r.err);
    if (!printObject(f, *r.obj, out)) out.out(confirm(f, *r.obj, "exposed"));
  }
  return 0;
}

// [SECTION] top ------------------------------------------------------------------------------------

int Commands::cmdTop(Flags& f, Out& out) {
  bool pods = f.verb == "top pod";
  std::string sortBy = f.get("sort-by");
  if (!sortBy.empty() && sortBy != "cpu" && sortBy != "memory") return out.fail("--sort-by accepts only cpu or memory");
  const MetricsServer* ms = c_.metrics.get();  // the metrics.k8s.io API (metrics-server)
  if (!ms) return out.fail("Metrics API not available");
  std::string err;
  Selector sel;
  if (f.has("selector") && !parseSelector(f.get("selector"), sel, err)) return out.fail(err);
  std::string name = f.args.empty() ? "" : f.args[0];
  if (!pods) {
    if (!name.empty() && f.has("selector")) return out.fail("only one of NAME or --selector can be provided");
    std::vector<TopNodeRow> rows;
    std::vector<ObjPtr> nodes;
    if (!name.empty()) {
      auto m = ms->node(name);
      if (!m) return out.apiError({"NotFound", "nodemetrics.metrics.k8s.io " + dq(name) + " not found"});
      auto n = c_.store.get("Node", "", name);
      if (!n) return out.apiError({"NotFound", "nodes " + dq(name) + " not found"});
      nodes.push_back(n);
    } else {
      for (auto& n : c_.store.list("Node"))
        if (sel.empty() || sel.matches((*n)["metadata"].value("labels", json::object()))) nodes.push_back(n);
    }
    bool any = false;
    for (const auto& n : nodes) {
      TopNodeRow r;
      r.name = objName(*n);
      const json& alloc = (*n)["status"].value("allocatable", json::object());
      Quantity q;
      if (alloc.contains("cpu") && parseQuantity(alloc["cpu"].get<std::string>(), q)) r.allocCpuMilli = q.milli();
      if (alloc.contains("memory") && parseQuantity(alloc["memory"].get<std::string>(), q))
        r.allocMemoryBytes = q.value();
      if (auto m = ms->node(r.name)) {
        r.hasMetrics = true;
        r.cpuMilli = m->cpuMilli;
        r.memoryBytes = m->memoryBytes;
        any = true;
      }
      rows.push_back(r);
    }
    if (!any) return out.fail("metrics not available yet");
    // Memory percent as metricsutil computes it: MilliValue over MilliValue.
    out.out(printTopNodes(rows, f.flag("no-headers"), sortBy));
    return 0;
  }
  if (!name.empty() && (f.has("selector") || f.has("field-selector")))
    return out.fail("only one of NAME or selector can be provided");
  std::vector<TopPodRow> rows;
  auto addPod = [&](const json& pod, const PodMetrics& m) {
    TopPodRow r;
    r.ns = objNamespace(pod);
    r.name = objName(pod);
    for (const auto& c : m.containers) r.containers.push_back({c.name, c.cpuMilli, c.memoryBytes});
    rows.push_back(r);
  };
  std::vector<ObjPtr> candidates;
  if (!name.empty()) {
    auto m = ms->pod(f.ns, name);
    auto p = c_.store.get("Pod", f.ns, name);
    if (!m || !p)
      return out.apiError({"NotFound", "podmetrics.metrics.k8s.io " + dq(f.ns + "/" + name) + " not found"});
    addPod(*p, *m);
  } else {
    for (auto& p : c_.store.list("Pod", f.allNs ? "" : f.ns)) {
      if (!sel.empty() && !sel.matches((*p)["metadata"].value("labels", json::object()))) continue;
      if (f.has("field-selector")) {
        // metadata.name / metadata.namespace / spec.nodeName / status.phase equality only.
        bool ok = true;
        for (const auto& part : splitOn(f.get("field-selector"), ',')) {
          if (part.empty()) continue;
          bool neg = part.find("!=") != std::string::npos;
          auto pos = part.find(neg ? "!=" : "=");
          std::string key = part.substr(0, pos),
                      val = part.substr(pos + (neg ? 2 : (part.compare(pos, 2, "==") == 0 ? 2 : 1)));
          std::string have = key == "metadata.name"        ? objName(*p)
                             : key == "metadata.namespace" ? objNamespace(*p)
                             : key == "spec.nodeName"      ? podNodeName(*p)
                             : key == "status.phase"       ? (*p)["status"].value("phase", "")
                                                           : "";
          if ((have == val) == neg) ok = false;
        }
        if (!ok) continue;
      }
      candidates.push_back(p);
      if (auto m = ms->pod(objNamespace(*p), objName(*p))) addPod(*p, *m);
    }
  }
  if (rows.empty()) {
    // verifyEmptyMetrics: pods exist but none was scraped yet.
    for (const auto& p : candidates) {
      if (objNamespace(*p) != f.ns) continue;
      Time age = c_.queue.now() - creationTime(*p);
      if (age > 2 * kMinute)
        return out.fail("Metrics not available for pod " + objNamespace(*p) + "/" + objName(*p) +
                        ", age: " + goDuration(age));
    }
    bool anyInNs = false;
    for (const auto& p : candidates) anyInNs = anyInNs || objNamespace(*p) == f.ns;
    if (anyInNs) return out.fail("metrics not available yet");
    out.err(f.allNs ? "No resources found\n" : "No resources found in " + f.ns + " namespace.\n");
    return 0;
  }
  out.out(printTopPods(rows, f.flag("containers"), f.allNs, f.flag("no-headers"), sortBy, f.flag("sum")));
  return 0;
}

// [SECTION] logs / exec on workloads ------------------------------------------------------------

std::string Commands::podForObject(const std::string& arg, const std::string& ns, bool forLogs, Out& out,
                                   bool& failed) {
  failed = false;
  auto slash = arg.find('/');
  if (slash == std::string::npos) return arg;
  std::string type = arg.substr(0, slash), name = arg.substr(slash + 1);
  const KindInfo* k = findKind(type);
  if (!k) {
    failed = true;
    out.fail("the server doesn't have a resource type " + dq(type));
    return "";
  }
  if (k->kind == "Pod") return name;
  auto obj = c_.store.get(k->kind, k->namespaced ? ns : "", name);
  if (!obj) {
    failed = true;
    out.apiError({"NotFound", k->qualifiedPlural() + " " + dq(name) + " not found"});
    return "";
  }
  // SelectorsForObject.
  Selector sel;
  std::string err;
  if (k->kind == "Deployment" || k->kind == "ReplicaSet") {
    if (!selectorFromLabelSelector((*obj)["spec"].value("selector", json()), sel, &err)) {
      failed = true;
      out.fail(err);
      return "";
    }
  } else if (k->kind == "Service") {
    const json& s = (*obj)["spec"].value("selector", json::object());
    if (s.empty()) {
      failed = true;
      out.fail("invalid service '" + name + "': Service is defined without a selector");
      return "";
    }
    sel = selectorFromMap(s);
  } else {
    failed = true;
    out.fail(std::string(forLogs ? "cannot get the logs from " : "cannot attach to ") + "*v1." + k->kind +
             ": selector for *v1." + k->kind + " not implemented");
    return "";
  }
  auto matching = [&] {
    std::vector<ObjPtr> pods;
    for (auto& p : c_.store.list("Pod", objNamespace(*obj)))
      if (sel.matches((*p)["metadata"].value("labels", json::object()))) pods.push_back(p);
    return pods;
  };
  std::vector<ObjPtr> pods = matching();
  // GetFirstPod: no pod yet -> watch for one until --pod-running-timeout (20s).
  Time until = c_.queue.now() + 20 * kSecond;
  while (pods.empty()) {
    Time next = c_.queue.nextTime();
    if (next < 0 || next > until) {
      advanceTo(until, out);
      pods = matching();
      break;
    }
    advanceTo(next, out);
    pods = matching();
  }
  if (pods.empty()) {
    failed = true;
    out.fail("timed out waiting for the condition");
    return "";
  }
  std::stable_sort(pods.begin(), pods.end(), [&](const ObjPtr& a, const ObjPtr& b) {
    return forLogs ? podBeforeForLogs(*a, *b) : podBeforeForExec(*a, *b);
  });
  if (forLogs && pods.size() > 1)
    out.err("Found " + std::to_string(pods.size()) + " pods, using pod/" + objName(*pods[0]) + "\n");
  return objName(*pods[0]);
}

}  // namespace podplay
