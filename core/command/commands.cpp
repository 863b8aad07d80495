// podplay core: the command layer. Index:
//   [SECTION] words and flags (cobra-like parsing, kubectl's error wording)
//   [SECTION] dispatch: kubectl / sleep / sim
//   [SECTION] get (tables, -o, -w)
//   [SECTION] describe
//   [SECTION] apply / create / delete
//   [SECTION] run / logs / exec / label / annotate
//   [SECTION] sim verbs
#include "command/commands.h"

#include "command/internal.h"
#include "command/workloads.h"

#include <algorithm>
#include <set>

#include "api/apiserver.h"
#include "api/kinds.h"
#include "api/manifest.h"
#include "cluster.h"
#include "kubelet/kubelet.h"
#include "printers/describe.h"
#include "printers/output.h"
#include "util/quantity.h"
#include "util/timefmt.h"

namespace podplay {

// [SECTION] words and flags ----------------------------------------------------------------------

bool splitWords(const std::string& line, std::vector<std::string>& words, std::string& err) {
  words.clear();
  std::string cur;
  bool inWord = false;
  for (size_t i = 0; i < line.size(); ++i) {
    char ch = line[i];
    if (ch == '\'') {
      size_t j = line.find('\'', i + 1);
      if (j == std::string::npos) {
        err = "unexpected EOF while looking for matching `''";
        return false;
      }
      cur += line.substr(i + 1, j - i - 1);
      inWord = true;
      i = j;
    } else if (ch == '"') {
      size_t j = i + 1;
      for (; j < line.size() && line[j] != '"'; ++j) {
        if (line[j] == '\\' && j + 1 < line.size() &&
            (line[j + 1] == '"' || line[j + 1] == '\\' || line[j + 1] == '$' || line[j + 1] == '`')) {
          cur += line[++j];
        } else {
          cur += line[j];
        }
      }
      if (j >= line.size()) {
        err = "unexpected EOF while looking for matching `\"'";
        return false;
      }
      inWord = true;
      i = j;
    } else if (ch == '\\' && i + 1 < line.size()) {
      cur += line[++i];
      inWord = true;
    } else if (ch == ' ' || ch == '\t') {
      if (inWord) words.push_back(cur);
      cur.clear();
      inWord = false;
    } else {
      cur += ch;
      inWord = true;
    }
  }
  if (inWord) words.push_back(cur);
  return true;
}

static const std::vector<FlagSpec> kGlobalFlags = {
    {"namespace", 'n', true}, {"all-namespaces", 'A', false}, {"context", 0, true}, {"kubeconfig", 0, true},
    {"v", 'v', true},         {"request-timeout", 0, true},
};

static std::map<std::string, std::vector<FlagSpec>> verbFlags() {
  return {
      {"get",
       {{"output", 'o', true}, {"selector", 'l', true}, {"watch", 'w', false}, {"show-labels", 0, false},
        {"no-headers", 0, false}, {"label-columns", 'L', true}, {"show-kind", 0, false},
        {"output-watch-events", 0, false}, {"watch-only", 0, false}, {"field-selector", 0, true},
        {"ignore-not-found", 0, false}, {"sort-by", 0, true}, {"chunk-size", 0, true}}},
      {"describe", {{"selector", 'l', true}, {"show-events", 0, false}, {"filename", 'f', true}}},
      {"apply",
       {{"filename", 'f', true}, {"recursive", 'R', false}, {"dry-run", 0, true}, {"output", 'o', true},
        {"validate", 0, true}, {"server-side", 0, false}, {"force", 0, false}, {"record", 0, false}}},
      {"create",
       {{"filename", 'f', true}, {"recursive", 'R', false}, {"dry-run", 0, true}, {"output", 'o', true},
        {"validate", 0, true}, {"save-config", 0, false}, {"record", 0, false}}},
      {"delete",
       {{"filename", 'f', true}, {"recursive", 'R', false}, {"selector", 'l', true}, {"all", 0, false},
        {"grace-period", 0, true}, {"force", 0, false}, {"now", 0, false}, {"wait", 0, false},
        {"ignore-not-found", 0, false}, {"timeout", 0, true}, {"output", 'o', true}, {"cascade", 0, true, 'c'}}},
      {"run",
       {{"image", 0, true}, {"restart", 0, true}, {"labels", 'l', true}, {"port", 0, true}, {"env", 0, true},
        {"command", 0, false}, {"dry-run", 0, true}, {"output", 'o', true}, {"rm", 0, false},
        {"stdin", 'i', false}, {"tty", 't', false}, {"image-pull-policy", 0, true}, {"annotations", 0, true},
        {"expose", 0, false}}},
      {"scale",
       {{"replicas", 0, true, 'i'}, {"current-replicas", 0, true, 'i'}, {"resource-version", 0, true},
        {"filename", 'f', true}, {"recursive", 'R', false}, {"selector", 'l', true}, {"all", 0, false},
        {"timeout", 0, true, 'd'}, {"dry-run", 0, true}, {"output", 'o', true}, {"record", 0, false}}},
      {"rollout status",
       {{"filename", 'f', true}, {"recursive", 'R', false}, {"watch", 'w', false}, {"revision", 0, true, 'i'},
        {"timeout", 0, true, 'd'}, {"selector", 'l', true}}},
      {"rollout history",
       {{"filename", 'f', true}, {"recursive", 'R', false}, {"revision", 0, true, 'i'}, {"output", 'o', true},
        {"selector", 'l', true}}},
      {"rollout undo",
       {{"filename", 'f', true}, {"recursive", 'R', false}, {"to-revision", 0, true, 'i'}, {"dry-run", 0, true},
        {"output", 'o', true}, {"selector", 'l', true}}},
      {"rollout pause",
       {{"filename", 'f', true}, {"recursive", 'R', false}, {"output", 'o', true}, {"selector", 'l', true},
        {"field-manager", 0, true}}},
      {"rollout resume",
       {{"filename", 'f', true}, {"recursive", 'R', false}, {"output", 'o', true}, {"selector", 'l', true},
        {"field-manager", 0, true}}},
      {"rollout restart",
       {{"filename", 'f', true}, {"recursive", 'R', false}, {"output", 'o', true}, {"selector", 'l', true},
        {"field-manager", 0, true}}},
      {"set image",
       {{"filename", 'f', true}, {"recursive", 'R', false}, {"all", 0, false}, {"local", 0, false},
        {"dry-run", 0, true}, {"selector", 'l', true}, {"output", 'o', true}, {"record", 0, false},
        {"field-manager", 0, true}}},
      {"set resources",
       {{"filename", 'f', true}, {"recursive", 'R', false}, {"all", 0, false}, {"local", 0, false},
        {"dry-run", 0, true}, {"selector", 'l', true}, {"output", 'o', true}, {"record", 0, false},
        {"containers", 'c', true}, {"limits", 0, true}, {"requests", 0, true}, {"field-manager", 0, true}}},
      {"autoscale",
       {{"filename", 'f', true}, {"recursive", 'R', false}, {"min", 0, true, 'i'}, {"max", 0, true, 'i'},
        {"cpu-percent", 0, true, 'i'}, {"name", 0, true}, {"dry-run", 0, true}, {"output", 'o', true},
        {"record", 0, false}, {"save-config", 0, false}, {"field-manager", 0, true}}},
      {"create deployment",
       {{"image", 0, true}, {"replicas", 'r', true, 'i'}, {"port", 0, true, 'i'}, {"dry-run", 0, true},
        {"output", 'o', true}, {"save-config", 0, false}, {"validate", 0, true}, {"field-manager", 0, true}}},
      {"expose",
       {{"filename", 'f', true}, {"recursive", 'R', false}, {"port", 0, true}, {"target-port", 0, true},
        {"type", 0, true}, {"name", 0, true}, {"protocol", 0, true}, {"selector", 0, true}, {"labels", 'l', true},
        {"cluster-ip", 0, true}, {"external-ip", 0, true}, {"load-balancer-ip", 0, true},
        {"session-affinity", 0, true}, {"dry-run", 0, true}, {"output", 'o', true}, {"record", 0, false},
        {"save-config", 0, false}, {"override-type", 0, true}, {"overrides", 0, true}, {"field-manager", 0, true}}},
      {"top pod",
       {{"containers", 0, false}, {"selector", 'l', true}, {"field-selector", 0, true}, {"sort-by", 0, true},
        {"no-headers", 0, false}, {"sum", 0, false}, {"use-protocol-buffers", 0, false}}},
      {"top node",
       {{"selector", 'l', true}, {"sort-by", 0, true}, {"no-headers", 0, false}, {"show-capacity", 0, false},
        {"use-protocol-buffers", 0, false}}},
      {"logs",
       {{"container", 'c', true}, {"previous", 'p', false}, {"follow", 'f', false}, {"tail", 0, true},
        {"timestamps", 0, false}, {"all-containers", 0, false}}},
      {"exec", {{"container", 'c', true}, {"stdin", 'i', false}, {"tty", 't', false}}},
      {"label", {{"overwrite", 0, false}, {"all", 0, false}, {"selector", 'l', true}, {"list", 0, false}}},
      {"annotate", {{"overwrite", 0, false}, {"all", 0, false}, {"selector", 'l', true}}},
      {"taint", {{"overwrite", 0, false}, {"all", 0, false}, {"selector", 'l', true}}},
      {"cordon", {{"selector", 'l', true}, {"dry-run", 0, true}}},
      {"uncordon", {{"selector", 'l', true}, {"dry-run", 0, true}}},
      {"drain",
       {{"force", 0, false}, {"ignore-daemonsets", 0, false}, {"delete-emptydir-data", 0, false},
        {"delete-local-data", 0, false}, {"grace-period", 0, true}, {"timeout", 0, true}, {"selector", 'l', true},
        {"pod-selector", 0, true}, {"disable-eviction", 0, false}, {"skip-wait-for-delete-timeout", 0, true}}},
  };
}

static bool isBoolFlag(const FlagSpec& s) { return !s.value; }

bool parseGoDuration(const std::string& s, Time& out, std::string& err) {
  // time.ParseDuration: [-+]?([0-9]*(\.[0-9]*)?[a-z]+)+, units ns us ms s m h; "0" alone is fine.
  auto invalid = [&] {
    err = "time: invalid duration \"" + s + "\"";
    return false;
  };
  size_t i = 0;
  bool neg = false;
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) neg = s[i++] == '-';
  if (s.substr(i) == "0") {
    out = 0;
    return true;
  }
  if (i >= s.size()) return invalid();
  double total = 0;
  while (i < s.size()) {
    size_t st = i;
    double v = 0;
    bool digits = false;
    while (i < s.size() && isdigit(static_cast<unsigned char>(s[i]))) {
      v = v * 10 + (s[i++] - '0');
      digits = true;
    }
    if (i < s.size() && s[i] == '.') {
      ++i;
      double scale = 0.1;
      while (i < s.size() && isdigit(static_cast<unsigned char>(s[i]))) {
        v += (s[i++] - '0') * scale;
        scale /= 10;
        digits = true;
      }
    }
    if (!digits) return invalid();
    size_t us = i;
    while (i < s.size() && !isdigit(static_cast<unsigned char>(s[i])) && s[i] != '.') ++i;
    std::string unit = s.substr(us, i - us);
    if (unit.empty()) {
      err = "time: missing unit in duration \"" + s + "\"";
      return false;
    }
    double ms;
    if (unit == "ns") ms = 1e-6;
    else if (unit == "us" || unit == "\u00b5s" || unit == "\u03bcs") ms = 1e-3;
    else if (unit == "ms") ms = 1;
    else if (unit == "s") ms = 1000;
    else if (unit == "m") ms = 60000;
    else if (unit == "h") ms = 3600000;
    else {
      err = "time: unknown unit \"" + unit + "\" in duration \"" + s + "\"";
      return false;
    }
    (void)st;
    total += v * ms;
  }
  out = static_cast<Time>(total + 0.5) * (neg ? -1 : 1);
  return true;
}

// pflag's Value.Set for typed flags: "" or the reason (the caller wraps it in pflag's message).
static std::string checkFlagValue(const FlagSpec& s, const std::string& val) {
  if (s.type == 'i') {
    size_t i = 0;
    if (i < val.size() && (val[i] == '-' || val[i] == '+')) ++i;
    bool ok = i < val.size();
    for (; i < val.size(); ++i)
      if (!isdigit(static_cast<unsigned char>(val[i]))) ok = false;
    if (!ok) return "strconv.ParseInt: parsing \"" + val + "\": invalid syntax";
    if (val.size() > 18) return "strconv.ParseInt: parsing \"" + val + "\": value out of range";
  } else if (s.type == 'd') {
    Time t;
    std::string err;
    if (!parseGoDuration(val, t, err)) return err;
  }
  return "";
}

// Parses words after the verb. Returns "" or the kubectl error text (without "error: ").
static std::string parseFlags(const std::string& verb, const std::vector<std::string>& words, size_t from,
                              const std::vector<FlagSpec>& specs, Commands::Flags& f) {
  auto findLong = [&](const std::string& n) -> const FlagSpec* {
    for (const auto& s : specs)
      if (n == s.name) return &s;
    for (const auto& s : kGlobalFlags)
      if (n == s.name) return &s;
    return nullptr;
  };
  auto findShort = [&](char c) -> const FlagSpec* {
    for (const auto& s : specs)
      if (s.shorthand == c) return &s;
    for (const auto& s : kGlobalFlags)
      if (s.shorthand == c) return &s;
    return nullptr;
  };
  // Stores a value; pflag names the flag "-r, --replicas" when it has a shorthand.
  auto store = [&](const FlagSpec& s, const std::string& val) -> std::string {
    std::string why = checkFlagValue(s, val);
    if (!why.empty()) {
      std::string flagName = s.shorthand ? std::string("-") + s.shorthand + ", --" + s.name : std::string("--") + s.name;
      return "invalid argument \"" + val + "\" for \"" + flagName + "\" flag: " + why;
    }
    f.vals[s.name].push_back(val);
    f.order.push_back(std::string("--") + s.name + "=" + val);
    return "";
  };
  for (size_t i = from; i < words.size(); ++i) {
    const std::string& w = words[i];
    if (w == "--") {
      f.sawDash = true;
      f.argsBeforeDash = f.args.size();
      f.dash.assign(words.begin() + i + 1, words.end());
      break;
    }
    if (w.size() > 2 && w[0] == '-' && w[1] == '-') {
      std::string name = w.substr(2), val;
      bool hasVal = false;
      auto eq = name.find('=');
      if (eq != std::string::npos) {
        val = name.substr(eq + 1);
        name = name.substr(0, eq);
        hasVal = true;
      }
      const FlagSpec* s = findLong(name);
      if (!s) return "unknown flag: --" + name;
      if (isBoolFlag(*s)) {
        if (hasVal && val != "true" && val != "false")
          return "invalid argument \"" + val + "\" for \"--" + name + "\" flag: strconv.ParseBool: parsing \"" + val +
                 "\": invalid syntax";
        std::string e = store(*s, hasVal ? val : "true");
        if (!e.empty()) return e;
      } else {
        if (!hasVal && s->type == 'c') {
          val = "background";  // --cascade alone (pflag NoOptDefVal)
        } else if (!hasVal) {
          if (i + 1 >= words.size()) return "flag needs an argument: --" + name;
          val = words[++i];
        }
        std::string e = store(*s, val);
        if (!e.empty()) return e;
      }
      continue;
    }
    if (w.size() > 1 && w[0] == '-' && w != "-") {
      // Shorthand cluster: -it, -owide, -o=wide, -n ns.
      for (size_t k = 1; k < w.size(); ++k) {
        char ch = w[k];
        const FlagSpec* s = findShort(ch);
        if (!s) return std::string("unknown shorthand flag: '") + ch + "' in " + w;
        if (isBoolFlag(*s)) {
          if (k + 1 < w.size() && w[k + 1] == '=') {  // -w=false
            std::string v = w.substr(k + 2);
            if (v != "true" && v != "false")
              return "invalid argument \"" + v + "\" for \"-" + std::string(1, ch) + ", --" + s->name +
                     "\" flag: strconv.ParseBool: parsing \"" + v + "\": invalid syntax";
            std::string e = store(*s, v);
            if (!e.empty()) return e;
            break;
          }
          std::string e = store(*s, "true");
          if (!e.empty()) return e;
          continue;
        }
        std::string val = w.substr(k + 1);
        if (!val.empty() && val[0] == '=') val = val.substr(1);
        if (val.empty() && k + 1 >= w.size()) {
          if (i + 1 >= words.size()) return std::string("flag needs an argument: '") + ch + "' in -" + ch;
          val = words[++i];
        }
        std::string e = store(*s, val);
        if (!e.empty()) return e;
        break;
      }
      continue;
    }
    f.args.push_back(w);
  }
  if (!f.sawDash) f.argsBeforeDash = f.args.size();
  if (f.has("namespace")) {
    f.ns = f.get("namespace");
    f.nsGiven = true;
  }
  f.allNs = f.flag("all-namespaces");
  (void)verb;
  return "";
}

std::string joinWords(const std::vector<std::string>& v, const std::string& sep) {
  std::string s;
  for (size_t i = 0; i < v.size(); ++i) s += (i ? sep : "") + v[i];
  return s;
}

std::vector<std::string> splitOn(const std::string& s, char sep) {
  std::vector<std::string> out;
  size_t start = 0;
  while (true) {
    size_t p = s.find(sep, start);
    out.push_back(s.substr(start, p == std::string::npos ? std::string::npos : p - start));
    if (p == std::string::npos) break;
    start = p + 1;
  }
  return out;
}

// [SECTION] dispatch -----------------------------------------------------------------------------

Commands::Commands(Cluster& c, FileAccess files) : c_(c), files_(std::move(files)) {}

void Commands::ensureCluster() {
  if (!c_.initialized) c_.createDefaultCluster();
}

void Commands::stopWatch() {
  if (!watch_) return;
  for (WatchId id : watch_->ids) c_.store.unwatch(id);
  watch_.reset();
}

void Commands::advanceTo(Time t, Out& out) {
  c_.queue.runUntil(t);
  if (watch_ && !watch_->pending.empty()) {
    out.out(watch_->pending);
    watch_->pending.clear();
  }
}

CommandResult Commands::advance(Time ms) {
  Out out;
  ensureCluster();
  advanceTo(c_.queue.now() + ms, out);
  return out.r;
}

CommandResult Commands::exec(const std::string& lineIn, const std::string& stdinText) {
  Out out;
  std::string line = lineIn;
  while (!line.empty() && (line.back() == ' ' || line.back() == '\t' || line.back() == '\r')) line.pop_back();
  size_t s = line.find_first_not_of(" \t");
  if (s == std::string::npos || line[s] == '#') return out.r;
  std::vector<std::string> words;
  std::string err;
  if (!splitWords(line, words, err)) {
    out.err("podplay: " + err + "\n");
    out.r.exitCode = 2;
    return out.r;
  }
  try {
    int rc = 0;
    bool isSimCluster = words.size() >= 2 && words[0] == "sim" && words[1] == "cluster";
    if (!isSimCluster) ensureCluster();
    // Any new command ends an active `get -w` (as typing a new command in a terminal would).
    if (words[0] != "sleep") stopWatch();
    if (words[0] == "kubectl" || words[0] == "k") {
      words.erase(words.begin());
      rc = kubectl(words, stdinText, out);
    } else if (words[0] == "sleep") {
      rc = sleepCmd(words, out);
    } else if (words[0] == "sim") {
      rc = sim(words, out);
    } else if (words[0] == "echo") {
      words.erase(words.begin());
      out.out(joinWords(words) + "\n");
    } else if (findKind(words[0]) == nullptr &&
               std::set<std::string>{"get", "describe", "apply", "create", "delete", "run", "logs", "exec", "label",
                                     "annotate", "taint", "cordon", "uncordon", "drain", "version", "cluster-info", "scale",
                                     "rollout", "set", "autoscale", "expose", "top"}
                   .count(words[0])) {
      rc = kubectl(words, stdinText, out);
    } else {
      out.err("podplay: unknown command \"" + words[0] +
              "\" (expected kubectl ..., sleep DURATION or sim ...; see podplay --help)\n");
      rc = 127;
    }
    // Everything the command set in motion that is due now happens before the next command.
    advanceTo(c_.queue.now(), out);
    out.r.exitCode = rc;
  } catch (const std::exception& e) {
    out.err(std::string("podplay: internal error: ") + e.what() + "\n");
    out.r.exitCode = 1;
  }
  return out.r;
}

int Commands::sleepCmd(const std::vector<std::string>& args, Out& out) {
  if (args.size() != 2) {
    out.err("sleep: usage: sleep DURATION (e.g. 5, 5s, 2m, 1h30m)\n");
    return 1;
  }
  Time d = 0;
  if (!parseDuration(args[1], d) || d < 0) {
    out.err("sleep: invalid time interval '" + args[1] + "'\n");
    return 1;
  }
  if (d > 30LL * 24 * kHour) {
    out.err("sleep: " + args[1] + " is too long (at most 30 days of virtual time at once)\n");
    return 1;
  }
  advanceTo(c_.queue.now() + d, out);
  return 0;
}

static const char* kUsageHint = "See 'kubectl %s --help' for usage.\n";

int Commands::kubectl(std::vector<std::string> words, const std::string& stdinText, Out& out) {
  if (words.empty()) {
    out.err("kubectl controls the Kubernetes cluster manager.\n\n Find more information at: https://kubernetes.io/docs/reference/kubectl/\n");
    return 1;
  }
  // Global flags may come before the verb: kubectl -n kube-system get pods.
  std::vector<std::string> pre;
  while (!words.empty() && words[0].size() > 1 && words[0][0] == '-') {
    pre.push_back(words[0]);
    words.erase(words.begin());
    if ((pre.back() == "-n" || pre.back() == "--namespace") && !words.empty()) {
      pre.push_back(words[0]);
      words.erase(words.begin());
    }
  }
  if (words.empty()) return out.fail("no command given");
  std::string verb = words[0];
  words.insert(words.begin() + 1, pre.begin(), pre.end());
  static const auto specs = verbFlags();
  if (verb == "version") {
    out.out("Client Version: v1.31.0\nKustomize Version: v5.4.2\nServer Version: v1.31.0\n");
    return 0;
  }
  if (verb == "cluster-info") {
    out.out("Kubernetes control plane is running at https://127.0.0.1:6443\nCoreDNS is running at https://127.0.0.1:6443/api/v1/namespaces/kube-system/services/kube-dns:dns/proxy\n\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n");
    return 0;
  }
  std::string specVerb = verb;
  // Commands with subcommands: `rollout status`, `set image`, `top pod`, `create deployment`. The
  // subcommand is the first word after the verb that is not a flag (global flags may come first).
  static const std::map<std::string, std::map<std::string, std::string>> kSub = {
      {"rollout",
       {{"status", "status"}, {"history", "history"}, {"undo", "undo"}, {"pause", "pause"}, {"resume", "resume"},
        {"restart", "restart"}}},
      {"set", {{"image", "image"}, {"resources", "resources"}}},
      {"top", {{"pod", "pod"}, {"pods", "pod"}, {"po", "pod"}, {"node", "node"}, {"nodes", "node"}, {"no", "node"}}},
      {"create", {{"deployment", "deployment"}, {"deploy", "deployment"}}},
  };
  if (auto kit = kSub.find(verb); kit != kSub.end()) {
    size_t i = 1;
    static const std::set<std::string> kValueFlags = {"-n", "--namespace", "-f", "--filename", "-o", "--output",
                                                      "-l", "--selector", "--context", "--kubeconfig"};
    while (i < words.size() && words[i].size() > 1 && words[i][0] == '-') i += kValueFlags.count(words[i]) ? 2 : 1;
    if (i < words.size() && kit->second.count(words[i])) {
      specVerb = verb + " " + kit->second.at(words[i]);
      words.erase(words.begin() + static_cast<long>(i));
    } else if (verb != "create") {
      if (i < words.size())
        return out.fail("unknown command \"" + words[i] + "\" for \"kubectl " + verb + "\"");
      out.err(verb == "top" ? "Display resource (CPU/memory) usage.\n\nAvailable Commands:\n  node          Display resource (CPU/memory) usage of nodes\n  pod           Display resource (CPU/memory) usage of pods\n"
              : verb == "set" ? "Configure application resources.\n\nAvailable Commands:\n  image            Update the image of a pod template\n  resources        Update resource requests/limits on objects with pod templates\n"
                              : "Manage the rollout of one or many resources.\n\nAvailable Commands:\n  history       View rollout history\n  pause         Mark the provided resource as paused\n  restart       Restart a resource\n  resume        Resume a paused resource\n  status        Show the status of the rollout\n  undo          Undo a previous rollout\n");
      return 1;
    }
  }
  auto sit = specs.find(specVerb);
  if (sit == specs.end()) {
    out.err("error: unknown command \"" + verb + "\" for \"kubectl\"\n");
    return 1;
  }
  Flags f;
  f.verb = specVerb;
  std::string perr = parseFlags(verb, words, 1, sit->second, f);
  if (!perr.empty()) {
    out.err("error: " + perr + "\n");
    char buf[128];
    snprintf(buf, sizeof buf, kUsageHint, specVerb.c_str());
    out.err(buf);
    return 1;
  }
  if (f.ns != "default" && !c_.store.get("Namespace", "", f.ns) && verb != "create" && verb != "apply" &&
      verb != "get" && verb != "describe" && verb != "delete") {
    // kubectl itself does not check; the server answers NotFound for the object instead.
  }
  if (specVerb == "create deployment") return cmdCreateDeployment(f, out);
  if (verb == "scale") return cmdScale(f, stdinText, out);
  if (verb == "rollout") return cmdRollout(f, stdinText, out);
  if (verb == "set") return cmdSet(f, stdinText, out);
  if (verb == "autoscale") return cmdAutoscale(f, stdinText, out);
  if (verb == "expose") return cmdExpose(f, stdinText, out);
  if (verb == "top") return cmdTop(f, out);
  if (verb == "get") return cmdGet(f, out);
  if (verb == "describe") return cmdDescribe(f, out);
  if (verb == "apply") return cmdApply(f, stdinText, out, false);
  if (verb == "create") return cmdCreate(f, stdinText, out);
  if (verb == "delete") return cmdDelete(f, stdinText, out);
  if (verb == "run") return cmdRun(f, out);
  if (verb == "logs") return cmdLogs(f, out);
  if (verb == "exec") return cmdExec(f, out);
  if (verb == "label") return cmdLabel(f, out, false);
  if (verb == "taint") return cmdTaint(f, out);
  if (verb == "cordon") return cmdCordon(f, out, true);
  if (verb == "uncordon") return cmdCordon(f, out, false);
  if (verb == "drain") return cmdDrain(f, out);
  if (verb == "annotate") return cmdLabel(f, out, true);
  return out.fail("unknown command \"" + verb + "\" for \"kubectl\"");
}

bool resolveTargets(const std::vector<std::string>& args, std::vector<Target>& out, std::string& err,
                           bool allowAll) {
  out.clear();
  if (args.empty()) return true;
  if (args[0].find('/') != std::string::npos) {
    for (const auto& a : args) {
      auto slash = a.find('/');
      if (slash == std::string::npos) {
        err = "there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'";
        return false;
      }
      const KindInfo* k = findKind(a.substr(0, slash));
      if (!k) {
        err = "the server doesn't have a resource type \"" + a.substr(0, slash) + "\"";
        return false;
      }
      out.push_back({k, a.substr(slash + 1)});
    }
    return true;
  }
  std::vector<const KindInfo*> kinds;
  for (const auto& t : splitOn(args[0], ',')) {
    if (t == "all" && allowAll) {
      for (const char* k : {"Pod", "Service", "Deployment", "ReplicaSet", "HorizontalPodAutoscaler"})
        kinds.push_back(findKind(k));
      continue;
    }
    const KindInfo* k = findKind(t);
    if (!k) {
      err = "the server doesn't have a resource type \"" + t + "\"";
      return false;
    }
    kinds.push_back(k);
  }
  if (args.size() == 1) {
    for (auto* k : kinds) out.push_back({k, ""});
  } else {
    for (auto* k : kinds)
      for (size_t i = 1; i < args.size(); ++i) out.push_back({k, args[i]});
  }
  return true;
}

// [SECTION] get ----------------------------------------------------------------------------------

// --field-selector: "involvedObject.name=web,status.phase!=Running" (dotted JSON paths).
struct FieldReq {
  std::vector<std::string> path;
  std::string value;
  bool negate = false;
};

static bool parseFieldSelector(const std::string& text, std::vector<FieldReq>& out, std::string& err) {
  for (const auto& part : splitOn(text, ',')) {
    if (part.empty()) continue;
    FieldReq r;
    size_t pos = part.find("!=");
    size_t len = 2;
    if (pos != std::string::npos) r.negate = true;
    else if ((pos = part.find("==")) == std::string::npos) {
      pos = part.find('=');
      len = 1;
    }
    if (pos == std::string::npos) {
      err = "invalid selector: '" + text + "'; can't understand '" + part + "'";
      return false;
    }
    r.path = splitOn(part.substr(0, pos), '.');
    r.value = part.substr(pos + len);
    out.push_back(r);
  }
  return true;
}

static bool fieldsMatch(const std::vector<FieldReq>& reqs, const json& obj) {
  for (const auto& r : reqs) {
    const json* cur = &obj;
    for (const auto& p : r.path) {
      if (!cur->is_object() || !cur->contains(p)) {
        cur = nullptr;
        break;
      }
      cur = &(*cur)[p];
    }
    std::string v;
    if (cur && cur->is_string()) v = cur->get<std::string>();
    else if (cur && !cur->is_null()) v = cur->dump();
    if ((v == r.value) == r.negate) return false;
  }
  return true;
}

static std::string listYamlOrJson(const std::vector<ObjPtr>& objs, const std::string& fmt, bool single) {
  if (single && objs.size() == 1) return fmt == "yaml" ? toYaml(*objs[0]) : toJson(*objs[0]) + "\n";
  json list = {{"apiVersion", "v1"}, {"items", json::array()}, {"kind", "List"}, {"metadata", {{"resourceVersion", ""}}}};
  for (const auto& o : objs) list["items"].push_back(*o);
  return fmt == "yaml" ? toYaml(list) : toJson(list) + "\n";
}

int Commands::cmdGet(Flags& f, Out& out) {
  std::vector<Target> targets;
  std::string err;
  if (f.args.empty()) {
    out.err("You must specify the type of resource to get. Use \"kubectl api-resources\" for a complete list of supported resources.\n\n");
    return out.fail("Required resource not specified.\nUse \"kubectl explain <resource>\" for a detailed description of that resource (e.g. kubectl explain pods).\nSee 'kubectl get -h' for help and examples");
  }
  if (!resolveTargets(f.args, targets, err, true)) return out.fail(err);
  bool isAll = false;  // `get all` / `get pods,all`
  for (const auto& t : splitOn(f.args[0], ',')) isAll = isAll || t == "all";
  std::string output = f.get("output");
  PrintOptions po;
  po.showLabels = f.flag("show-labels");
  po.noHeaders = f.flag("no-headers");
  po.allNamespaces = f.allNs;
  for (const auto& l : f.all("label-columns"))
    for (const auto& part : splitOn(l, ',')) po.labelColumns.push_back(part);
  std::string fmt;
  std::string jsonpathTmpl;
  if (output == "wide") po.wide = true;
  else if (output == "yaml" || output == "json" || output == "name") fmt = output;
  else if (output.rfind("jsonpath=", 0) == 0 || output.rfind("jsonpath-as-json=", 0) == 0) {
    fmt = "jsonpath";
    jsonpathTmpl = output.substr(output.find('=') + 1);
  } else if (output.rfind("custom-columns=", 0) == 0) {
    fmt = "custom-columns";
    jsonpathTmpl = output.substr(output.find('=') + 1);
  } else if (!output.empty()) {
    return out.fail("unable to match a printer suitable for the output format \"" + output +
                    "\", allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml");
  }
  Selector sel;
  if (f.has("selector") && !parseSelector(f.get("selector"), sel, err)) return out.fail(err);
  bool watching = f.flag("watch") || f.flag("watch-only");
  std::vector<FieldReq> fields;
  if (f.has("field-selector") && !parseFieldSelector(f.get("field-selector"), fields, err)) return out.fail(err);
  // Distinct kinds in order.
  std::vector<const KindInfo*> kinds;
  for (const auto& t : targets)
    if (std::find(kinds.begin(), kinds.end(), t.kind) == kinds.end()) kinds.push_back(t.kind);
  if (watching && kinds.size() > 1)
    return out.fail("watch is only supported on individual resources and resource collections - more than 1 resource was found");
  po.withKind = kinds.size() > 1 || isAll || f.flag("show-kind");
  std::string sortBy = f.get("sort-by");
  int rc = 0;
  bool printedAny = false;
  std::vector<ObjPtr> allObjs;  // for -o yaml/json/name across kinds
  std::string tables;
  for (const KindInfo* k : kinds) {
    std::string ns = k->namespaced ? (f.allNs ? "" : f.ns) : "";
    std::vector<ObjPtr> objs;
    bool named = false;
    for (const auto& t : targets) {
      if (t.kind != k) continue;
      if (t.name.empty()) {
        for (auto& o : c_.store.list(k->kind, ns))
          if ((sel.empty() || sel.matches((*o)["metadata"].value("labels", json::object()))) && fieldsMatch(fields, *o))
            objs.push_back(o);
      } else {
        named = true;
        auto o = c_.store.get(k->kind, k->namespaced ? f.ns : "", t.name);
        if (!o) {
          if (!f.flag("ignore-not-found"))
            out.err("Error from server (NotFound): " + k->qualifiedPlural() + " \"" + t.name + "\" not found\n");
          rc = 1;
          continue;
        }
        objs.push_back(o);
      }
    }
    (void)named;
    if (fmt.empty() && !sortBy.empty()) {
      // kubectl sorts each kind's table (RuntimeSorter/TableSorter) before printing any of them.
      std::vector<const json*> raw;
      for (auto& o : objs) raw.push_back(o.get());
      std::vector<size_t> order;
      if (!sortByJsonPath(raw, sortBy, true, order, err)) return out.fail(err);
      std::vector<ObjPtr> sorted;
      for (size_t i : order) sorted.push_back(objs[i]);
      objs.swap(sorted);
    }
    for (auto& o : objs) allObjs.push_back(o);
    if (!fmt.empty()) continue;
    if (objs.empty()) continue;
    PrintOptions kpo = po;
    if (!k->namespaced) kpo.allNamespaces = false;
    std::vector<const json*> raw;
    for (auto& o : objs) raw.push_back(o.get());
    std::string table = printTable(raw, k->kind, kpo, c_.queue.now());
    if (printedAny && !po.noHeaders) tables += "\n";
    tables += table;
    printedAny = true;
  }
  if (!fmt.empty() && !sortBy.empty()) {
    // Generic printers get one List of every kind's items (a single named object is no list and
    // is not sorted); SortingPrinter sorts a non-empty List.
    bool singleObj = targets.size() == 1 && !targets[0].name.empty() && allObjs.size() == 1;
    if (!singleObj) {
      std::vector<const json*> raw;
      for (auto& o : allObjs) raw.push_back(o.get());
      std::vector<size_t> order;
      if (!sortByJsonPath(raw, sortBy, false, order, err)) return out.fail(err);
      std::vector<ObjPtr> sorted;
      for (size_t i : order) sorted.push_back(allObjs[i]);
      allObjs.swap(sorted);
    }
  }
  if (fmt.empty()) {
    out.out(tables);
  } else if (fmt == "name") {
    for (auto& o : allObjs) out.out(findKind(objKind(*o))->qualifiedSingular() + "/" + objName(*o) + "\n");
  } else if (fmt == "yaml" || fmt == "json") {
    bool single = targets.size() == 1 && !targets[0].name.empty();
    if (!allObjs.empty() || !single) {
      if (!allObjs.empty() || targets[0].name.empty()) out.out(listYamlOrJson(allObjs, fmt, single));
    }
  } else if (fmt == "jsonpath") {
    json input;
    bool single = targets.size() == 1 && !targets[0].name.empty();
    if (single && allObjs.size() == 1) input = *allObjs[0];
    else {
      input = {{"apiVersion", "v1"}, {"items", json::array()}, {"kind", "List"}, {"metadata", {{"resourceVersion", ""}}}};
      for (auto& o : allObjs) input["items"].push_back(*o);
    }
    std::string text, jerr;
    if (!jsonpath(input, jsonpathTmpl, text, jerr)) return out.fail(jerr);
    out.out(text);
  } else if (fmt == "custom-columns") {
    // NAME:.metadata.name,STATUS:.status.phase
    TableWriter tw;
    std::vector<std::pair<std::string, std::string>> cols;
    for (const auto& spec : splitOn(jsonpathTmpl, ',')) {
      auto colon = spec.find(':');
      if (colon == std::string::npos) return out.fail("custom-columns format requires NAME:JSONPATH pairs, got \"" + spec + "\"");
      cols.push_back({spec.substr(0, colon), spec.substr(colon + 1)});
    }
    if (!po.noHeaders) {
      std::vector<std::string> h;
      for (auto& cdef : cols) h.push_back(cdef.first);
      tw.writeRow(h);
    }
    for (auto& o : allObjs) {
      std::vector<std::string> row;
      for (auto& cdef : cols) {
        std::string expr = cdef.second;
        if (expr.empty() || expr[0] != '{') expr = "{" + expr + "}";
        std::string v, jerr;
        if (!jsonpath(*o, expr, v, jerr)) v = "<none>";
        row.push_back(v.empty() ? "<none>" : v);
      }
      tw.writeRow(row);
    }
    out.out(tw.flush());
  }
  if (allObjs.empty() && rc == 0 && !watching) {
    bool anyNamed = false;
    for (auto& t : targets) anyNamed = anyNamed || !t.name.empty();
    if (!anyNamed) {
      // allResourcesNamespaced: starts as !AllNamespaces; every kind's (empty) table must be namespaced.
      bool namespaced = !f.allNs;
      for (auto* k : kinds) namespaced = namespaced && k->namespaced;
      if (namespaced) out.err("No resources found in " + f.ns + " namespace.\n");
      else out.err("No resources found\n");
    }
  }
  if (!watching) return rc;
  // `get -w`: keep printing one row per change during the following sleeps.
  const KindInfo* k = kinds[0];
  watch_ = std::make_unique<Watch>();
  Watch& w = *watch_;
  w.kind = k->kind;
  w.ns = k->namespaced ? (f.allNs ? "" : f.ns) : "";
  w.name = targets[0].name;
  w.selector = sel;
  w.opts = po;
  w.opts.withKind = false;
  if (!k->namespaced) w.opts.allNamespaces = false;
  w.output = fmt;
  bool eventsCol = f.flag("output-watch-events");
  if (fmt.empty() && !f.flag("watch-only") && !allObjs.empty()) {
    std::vector<std::string> header = tableHeader(k->kind, w.opts);
    if (eventsCol) header.insert(header.begin(), "EVENT");
    if (!w.opts.noHeaders) w.tw.writeRow(header);
    for (auto& o : allObjs) {
      auto row = tableRow(*o, k->kind, w.opts, c_.queue.now());
      if (eventsCol) row.insert(row.begin(), "ADDED   ");
      w.tw.writeRow(row);
    }
    // Replace the plain table printed above with the watch writer's (same layout, widths kept).
    out.r.chunks.clear();
    out.out(w.tw.flush());
    w.headerPrinted = true;
  } else if (fmt.empty() && f.flag("watch-only")) {
    out.r.chunks.clear();
  }
  Commands* self = this;
  std::string wantNs = w.ns, wantName = w.name, kind = k->kind;
  w.ids.push_back(c_.store.watch(kind, [self, wantNs, wantName, kind, eventsCol](const WatchEvent& ev) {
    if (!self->watch_) return;
    Watch& w = *self->watch_;
    const json& o = *ev.obj;
    if (!wantNs.empty() && objNamespace(o) != wantNs) return;
    if (!wantName.empty() && objName(o) != wantName) return;
    if (!w.selector.empty() && !w.selector.matches(o["metadata"].value("labels", json::object()))) return;
    Time now = self->c_.queue.now();
    if (w.output == "name") {
      w.pending += findKind(kind)->qualifiedSingular() + "/" + objName(o) + "\n";
      return;
    }
    if (w.output == "yaml") {
      w.pending += "---\n" + toYaml(o);
      return;
    }
    if (w.output == "json") {
      w.pending += toJson(o) + "\n";
      return;
    }
    if (!w.headerPrinted) {
      std::vector<std::string> header = tableHeader(kind, w.opts);
      if (eventsCol) header.insert(header.begin(), "EVENT");
      if (!w.opts.noHeaders) w.tw.writeRow(header);
      w.headerPrinted = true;
    }
    auto row = tableRow(o, kind, w.opts, now);
    if (eventsCol)
      row.insert(row.begin(), ev.type == WatchType::Added ? "ADDED   " : ev.type == WatchType::Modified ? "MODIFIED" : "DELETED ");
    w.tw.writeRow(row);
    w.pending += w.tw.flush();
  }));
  return rc;
}

// [SECTION] describe -----------------------------------------------------------------------------

int Commands::cmdDescribe(Flags& f, Out& out) {
  if (f.args.empty()) return out.fail("You must specify the type of resource to describe. Use \"kubectl api-resources\" for a complete list of supported resources.");
  std::vector<Target> targets;
  std::string err;
  if (!resolveTargets(f.args, targets, err, false)) return out.fail(err);
  Selector sel;
  if (f.has("selector") && !parseSelector(f.get("selector"), sel, err)) return out.fail(err);
  bool showEvents = !f.has("show-events") || f.flag("show-events");
  Time now = c_.queue.now();
  std::vector<std::string> texts;
  int rc = 0;
  for (const auto& t : targets) {
    std::string ns = t.kind->namespaced ? (f.allNs ? "" : f.ns) : "";
    std::vector<ObjPtr> objs;
    if (t.name.empty()) {
      for (auto& o : c_.store.list(t.kind->kind, ns))
        if (sel.empty() || sel.matches((*o)["metadata"].value("labels", json::object()))) objs.push_back(o);
    } else {
      auto o = c_.store.get(t.kind->kind, t.kind->namespaced ? f.ns : "", t.name);
      if (o) {
        objs.push_back(o);
      } else {
        // No exact match: every object whose name starts with NAME.
        for (auto& cand : c_.store.list(t.kind->kind, ns))
          if (objName(*cand).rfind(t.name, 0) == 0) objs.push_back(cand);
        if (objs.empty()) {
          out.err("Error from server (NotFound): " + t.kind->qualifiedPlural() + " \"" + t.name + "\" not found\n");
          rc = 1;
          continue;
        }
      }
    }
    if (objs.empty() && t.name.empty()) {
      out.err(t.kind->namespaced && !f.allNs ? "No resources found in " + f.ns + " namespace.\n" : "No resources found\n");
    }
    for (auto& o : objs) {
      const json& obj = *o;
      std::string uid = obj["metadata"].value("uid", "");
      std::vector<ObjPtr> evs = c_.store.eventsFor(t.kind->kind, objNamespace(obj), objName(obj));
      std::vector<const json*> events;
      for (auto& e : evs) {
        std::string euid = (*e)["involvedObject"].value("uid", "");
        if (euid.empty() || euid == uid) events.push_back(e.get());
      }
      if (t.kind->kind == "Pod") {
        texts.push_back(describePod(obj, events, now, showEvents));
      } else if (t.kind->kind == "Node") {
        auto pods = c_.store.podsOnNode(objName(obj));
        std::vector<const json*> praw;
        for (auto& p : pods) praw.push_back(p.get());
        auto lease = c_.store.get("Lease", "kube-node-lease", objName(obj));
        texts.push_back(describeNode(obj, praw, events, now, lease.get(), showEvents));
      } else if (t.kind->kind == "Service") {
        auto ep = c_.store.get("Endpoints", objNamespace(obj), objName(obj));
        texts.push_back(describeService(obj, ep.get(), events, now, showEvents));
      } else if (t.kind->kind == "Deployment") {
        std::vector<const json*> owned;
        auto rss = c_.store.ownedBy("ReplicaSet", uid);
        for (auto& rs : rss) owned.push_back(rs.get());
        DeploymentReplicaSets split = splitDeploymentReplicaSets(obj, owned);
        // kubectl's GetAllReplicaSets: the old ReplicaSets that still have replicas, oldest first.
        std::vector<const json*> olds;
        for (const json* rs : split.old)
          if (rs->value("spec", json::object()).value("replicas", 1) != 0) olds.push_back(rs);
        std::stable_sort(olds.begin(), olds.end(), [](const json* a, const json* b) {
          std::string ta = (*a)["metadata"].value("creationTimestamp", ""), tb = (*b)["metadata"].value("creationTimestamp", "");
          if (ta != tb) return ta < tb;
          return objName(*a) < objName(*b);
        });
        texts.push_back(describeDeployment(obj, olds, split.newRS, events, now, showEvents));
      } else if (t.kind->kind == "ReplicaSet") {
        // getPodStatusForController: pods matching the selector whose controller is this ReplicaSet.
        std::vector<const json*> owned;
        auto pods = c_.store.ownedBy("Pod", uid);
        for (auto& p : pods)
          if (labelSelectorMatches(obj["spec"].value("selector", json()), (*p)["metadata"].value("labels", json::object())))
            owned.push_back(p.get());
        texts.push_back(describeReplicaSet(obj, owned, events, now, showEvents));
      } else if (t.kind->kind == "HorizontalPodAutoscaler") {
        texts.push_back(describeHPA(obj, events, now, showEvents));
      } else {
        // Generic: the object as YAML (a fallback until the kind gets its describer).
        texts.push_back("Name:         " + objName(obj) + "\n" + toYaml(obj));
      }
    }
  }
  for (size_t i = 0; i < texts.size(); ++i) out.out((i ? "\n\n" : "") + texts[i]);
  return rc;
}

// [SECTION] apply / create / delete --------------------------------------------------------------

bool Commands::readManifests(Flags& f, const std::string& stdinText, Out& out,
                             std::vector<std::pair<json, std::string>>& objs) {
  auto files = f.all("filename");
  if (files.empty()) {
    out.fail("must specify one of -f and -k");
    return false;
  }
  bool ok = true;
  for (const auto& path : files) {
    if (path.rfind("http://", 0) == 0 || path.rfind("https://", 0) == 0) {
      out.fail("unable to read URL \"" + path +
               "\": podplay runs offline and cannot fetch URLs; paste the manifest instead: kubectl apply -f - <<EOF ... EOF");
      ok = false;
      continue;
    }
    std::vector<std::pair<std::string, std::string>> sources;  // name, text
    if (path == "-") {
      sources.push_back({"STDIN", stdinText});
    } else {
      std::vector<std::string> entries;
      if (files_.list && files_.list(path, entries)) {
        for (const auto& e : entries) {
          if (!(e.size() > 5 && (e.substr(e.size() - 5) == ".yaml" || e.substr(e.size() - 5) == ".json")) &&
              !(e.size() > 4 && e.substr(e.size() - 4) == ".yml"))
            continue;
          std::string text, rerr;
          if (!files_.read || !files_.read(e, text, rerr)) {
            out.fail(rerr);
            ok = false;
            continue;
          }
          sources.push_back({e, text});
        }
      } else {
        std::string text, rerr;
        if (!files_.read || !files_.read(path, text, rerr)) {
          out.fail(rerr.empty() ? "the path \"" + path + "\" does not exist" : rerr);
          ok = false;
          continue;
        }
        sources.push_back({path, text});
      }
    }
    for (const auto& [name, text] : sources) {
      ManifestResult mr = parseManifests(text, name);
      // Documents before a parse error are still applied, as kubectl does.
      for (auto& d : mr.docs) objs.push_back({d.obj, name});
      if (!mr.error.empty()) {
        out.err(mr.error + (mr.error.back() == '\n' ? "" : "\n"));
        ok = false;
      }
    }
  }
  return ok;
}

int Commands::cmdApply(Flags& f, const std::string& stdinText, Out& out, bool createOnly) {
  std::vector<std::pair<json, std::string>> objs;
  bool ok = readManifests(f, stdinText, out, objs);
  if (!ok && objs.empty()) return 1;
  std::string dry = f.get("dry-run", "none");
  if (f.has("dry-run") && dry == "true") dry = "client";
  int rc = ok ? 0 : 1;
  for (auto& [obj, source] : objs) {
    std::string kind = obj.value("kind", "");
    const KindInfo* ki = findKind(kind);
    if (ki && ki->namespaced && f.nsGiven) {
      std::string objNs = obj["metadata"].value("namespace", "");
      if (!objNs.empty() && objNs != f.ns) {
        out.fail("the namespace from the provided object \"" + objNs +
                 "\" does not match the namespace \"" + f.ns + "\". You must pass '--namespace=" + objNs +
                 "' to perform this operation.");
        rc = 1;
        continue;
      }
      obj["metadata"]["namespace"] = f.ns;
    }
    if (!ki || ki->kind != kind) {
      out.err("error: resource mapping not found for name: \"" + obj["metadata"].value("name", "") + "\" namespace: \"" +
              obj["metadata"].value("namespace", "") + "\" from \"" + source + "\": no matches for kind \"" + kind +
              "\" in version \"" + obj.value("apiVersion", "") +
              "\"\nensure CRDs are installed first\n");
      rc = 1;
      continue;
    }
    std::string prefix = ki->qualifiedSingular() + "/" + obj["metadata"].value("name", obj["metadata"].value("generateName", ""));
    if (dry != "none") {
      json copy = obj;
      ApiError e = dry == "server" ? c_.api->prepare(copy) : ApiError{};
      if (!e.empty()) {
        rc = out.apiError(e);
        continue;
      }
      if (f.get("output") == "yaml") out.out(toYaml(dry == "server" ? copy : obj));
      else if (f.get("output") == "json") out.out(toJson(dry == "server" ? copy : obj) + "\n");
      else out.out(prefix + " created" + (dry == "server" ? " (server dry run)\n" : " (dry run)\n"));
      continue;
    }
    StoreResult r;
    std::string verb = "created";
    if (createOnly) r = c_.api->create(obj);
    else r = c_.api->apply(obj, verb);
    if (!r.ok()) {
      const std::string what = createOnly || verb == "created" ? "creating" : "patching";
      if (r.err.reason == "Invalid") {
        rc = out.apiError(r.err);
      } else if (r.err.reason == "BadRequest" && r.err.message.rfind("strict decoding", 0) != 0 &&
                 r.err.message.find("cannot be handled") == std::string::npos) {
        out.err("Error from server (BadRequest): error when " + what + " \"" + source + "\": " + r.err.message + "\n");
        rc = 1;
      } else {
        out.err("Error from server (" + r.err.reason + "): error when " + what + " \"" + source + "\": " + r.err.message + "\n");
        rc = 1;
      }
      continue;
    }
    if (r.obj) prefix = ki->qualifiedSingular() + "/" + objName(*r.obj);
    if (f.get("output") == "name") out.out(prefix + "\n");
    else out.out(prefix + " " + verb + "\n");
  }
  return rc;
}

int Commands::cmdCreate(Flags& f, const std::string& stdinText, Out& out) {
  if (!f.args.empty() && (f.args[0] == "namespace" || f.args[0] == "ns")) {
    if (f.args.size() < 2) return out.fail("exactly one NAME is required, got 0\nSee 'kubectl create namespace -h' for help and examples");
    json ns = {{"apiVersion", "v1"}, {"kind", "Namespace"}, {"metadata", {{"name", f.args[1]}}}};
    auto r = c_.api->create(ns);
    if (!r.ok()) return out.apiError(r.err);
    out.out("namespace/" + f.args[1] + " created\n");
    return 0;
  }
  if (!f.args.empty()) return out.fail("unknown command \"" + f.args[0] + "\" for \"kubectl create\"");
  return cmdApply(f, stdinText, out, true);
}

int Commands::cmdDelete(Flags& f, const std::string& stdinText, Out& out) {
  std::optional<int64_t> grace;
  if (f.has("grace-period")) {
    try {
      grace = std::stoll(f.get("grace-period"));
    } catch (...) {
      return out.fail("invalid argument \"" + f.get("grace-period") + "\" for \"--grace-period\" flag: strconv.ParseInt: parsing \"" +
                      f.get("grace-period") + "\": invalid syntax");
    }
  }
  // --cascade: background (default), foreground, orphan; true/false are deprecated spellings.
  std::string propagation = "Background";
  if (f.has("cascade")) {
    std::string c = f.get("cascade");
    if (c == "true") {
      out.err("warning: --cascade=true is deprecated (boolean value) and can be replaced with --cascade=background.\n");
      c = "background";
    } else if (c == "false") {
      out.err("warning: --cascade=false is deprecated (boolean value) and can be replaced with --cascade=orphan.\n");
      c = "orphan";
    }
    if (c == "background") propagation = "Background";
    else if (c == "foreground") propagation = "Foreground";
    else if (c == "orphan") propagation = "Orphan";
    else return out.fail("invalid cascade value (" + f.get("cascade") + "). Must be \"background\", \"foreground\", or \"orphan\".");
  }
  bool force = f.flag("force");
  if (f.flag("now")) grace = 1;
  if (grace && *grace == 0 && !force) grace = 1;
  if (force && !grace) grace = 0;
  if (force && grace && *grace > 0) force = false;
  std::vector<std::pair<const KindInfo*, std::pair<std::string, std::string>>> victims;  // kind, ns, name
  int rc = 0;
  std::string err;
  if (f.has("filename")) {
    std::vector<std::pair<json, std::string>> objs;
    if (!readManifests(f, stdinText, out, objs)) rc = 1;
    for (auto& [obj, src] : objs) {
      const KindInfo* k = findKind(obj.value("kind", ""));
      if (!k) continue;
      std::string ns = k->namespaced ? obj["metadata"].value("namespace", f.ns) : "";
      victims.push_back({k, {ns, obj["metadata"].value("name", "")}});
    }
  } else {
    std::vector<Target> targets;
    if (f.args.empty()) return out.fail("You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'");
    if (!resolveTargets(f.args, targets, err, false)) return out.fail(err);
    Selector sel;
    if (f.has("selector") && !parseSelector(f.get("selector"), sel, err)) return out.fail(err);
    for (auto& t : targets) {
      std::string ns = t.kind->namespaced ? f.ns : "";
      if (t.name.empty()) {
        if (!f.flag("all") && !f.has("selector"))
          return out.fail("resource(s) were provided, but no name was specified");
        for (auto& o : c_.store.list(t.kind->kind, f.allNs ? "" : ns))
          if (sel.empty() || sel.matches((*o)["metadata"].value("labels", json::object())))
            victims.push_back({t.kind, {objNamespace(*o), objName(*o)}});
      } else {
        victims.push_back({t.kind, {ns, t.name}});
      }
    }
    if (victims.empty()) {
      out.out("No resources found\n");
      return 0;
    }
  }
  if (force && grace && *grace == 0)
    out.err("Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n");
  std::vector<std::pair<const KindInfo*, std::pair<std::string, std::string>>> waitFor;
  for (auto& [k, key] : victims) {
    auto existing = c_.store.get(k->kind, key.first, key.second);
    if (!existing) {
      if (!f.flag("ignore-not-found")) {
        out.err("Error from server (NotFound): " + k->qualifiedPlural() + " \"" + key.second + "\" not found\n");
        rc = 1;
      }
      continue;
    }
    auto r = c_.api->remove(k->kind, key.first, key.second, grace, propagation);
    if (!r.ok()) {
      rc = out.apiError(r.err);
      continue;
    }
    std::string plural = k->qualifiedSingular();
    out.out(plural + " \"" + key.second + "\" " + (force && grace && *grace == 0 ? "force deleted" : "deleted") + "\n");
    waitFor.push_back({k, key});
  }
  // kubectl delete waits (--wait=true) until the objects are gone.
  bool wait = !f.has("wait") || f.flag("wait");
  if (wait) {
    std::vector<std::pair<std::string, std::pair<std::string, std::string>>> objs;
    for (auto& [k, key] : waitFor) objs.push_back({k->kind, key});
    waitGone(objs, kHour, out);
  }
  return rc;
}

// [SECTION] run / logs / exec / label ------------------------------------------------------------

int Commands::cmdRun(Flags& f, Out& out) {
  if (f.args.empty()) return out.fail("NAME is required for run\nSee 'kubectl run -h' for help and examples");
  std::string name = f.args[0];
  if (!f.has("image")) return out.fail("required flag(s) \"image\" not set");
  std::string restart = f.get("restart", "Always");
  if (restart != "Always" && restart != "OnFailure" && restart != "Never")
    return out.fail("invalid restart policy: " + restart);
  json labels = {{"run", name}};
  if (f.has("labels")) {
    labels = json::object();
    for (const auto& kv : splitOn(f.get("labels"), ',')) {
      auto eq = kv.find('=');
      if (eq == std::string::npos) return out.fail("invalid label spec: " + kv);
      labels[kv.substr(0, eq)] = kv.substr(eq + 1);
    }
  }
  json ctr = {{"name", name}, {"image", f.get("image")}, {"resources", json::object()}};
  std::vector<std::string> rest = f.dash;
  for (size_t i = 1; i < f.args.size(); ++i) rest.insert(rest.begin() + (i - 1), f.args[i]);
  if (!rest.empty()) {
    if (f.flag("command")) ctr["command"] = rest;
    else ctr["args"] = rest;
  }
  if (f.has("port")) ctr["ports"] = json::array({{{"containerPort", atoi(f.get("port").c_str())}}});
  if (f.has("env")) {
    json env = json::array();
    for (const auto& e : f.all("env")) {
      auto eq = e.find('=');
      env.push_back({{"name", e.substr(0, eq)}, {"value", eq == std::string::npos ? "" : e.substr(eq + 1)}});
    }
    ctr["env"] = env;
  }
  if (f.has("image-pull-policy")) ctr["imagePullPolicy"] = f.get("image-pull-policy");
  json pod = {{"apiVersion", "v1"},
              {"kind", "Pod"},
              {"metadata", {{"name", name}, {"namespace", f.ns}, {"labels", labels}, {"creationTimestamp", nullptr}}},
              {"spec", {{"containers", json::array({ctr})}, {"dnsPolicy", "ClusterFirst"}, {"restartPolicy", restart}}},
              {"status", json::object()}};
  std::string dry = f.get("dry-run", "none");
  if (f.has("dry-run") && dry != "none") {
    pod["metadata"].erase("namespace");
    if (f.get("output") == "yaml") out.out(toYaml(pod));
    else if (f.get("output") == "json") out.out(toJson(pod) + "\n");
    else out.out("pod/" + name + " created (" + std::string(dry == "server" ? "server dry run" : "dry run") + ")\n");
    return 0;
  }
  pod["metadata"].erase("creationTimestamp");
  pod.erase("status");
  auto r = c_.api->create(pod);
  if (!r.ok()) return out.apiError(r.err);
  out.out("pod/" + name + " created\n");
  return 0;
}

int Commands::cmdLogs(Flags& f, Out& out) {
  if (f.args.empty()) return out.fail("expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples");
  bool failed = false;
  std::string name = podForObject(f.args[0], f.ns, true, out, failed);
  if (failed) return 1;
  std::string container = f.get("container");
  if (f.args.size() > 1 && container.empty()) container = f.args[1];
  auto pod = c_.store.get("Pod", f.ns, name);
  if (!pod) return out.apiError({"NotFound", "pods \"" + name + "\" not found"});
  const json& spec = (*pod)["spec"];
  std::vector<std::string> names;
  for (const auto& ctr : spec.value("containers", json::array())) names.push_back(ctr.value("name", ""));
  std::vector<std::string> inits;
  for (const auto& ctr : spec.value("initContainers", json::array())) inits.push_back(ctr.value("name", ""));
  if (container.empty()) {
    container = names.empty() ? "" : names[0];
    if (names.size() + inits.size() > 1) {
      std::string all = joinWords(names, ", ");
      for (const auto& i : inits) all += ", " + i + " (init)";
      out.err("Defaulted container \"" + container + "\" out of: " + all + "\n");
    }
  } else if (std::find(names.begin(), names.end(), container) == names.end() &&
             std::find(inits.begin(), inits.end(), container) == inits.end()) {
    return out.fail("container " + container + " is not valid for pod " + name);
  }
  std::string node = podNodeName(*pod);
  Kubelet* kl = node.empty() ? nullptr : c_.kubelet(node);
  if (!kl) return out.apiError({"BadRequest", "pod " + name + " does not have a host assigned"});
  std::string text, err;
  if (!kl->logs(f.ns, name, container, f.flag("previous"), text, err)) return out.apiError({"BadRequest", err});
  if (f.has("tail")) {
    int n = atoi(f.get("tail").c_str());
    if (n >= 0) {
      std::vector<std::string> lines = splitOn(text, '\n');
      if (!lines.empty() && lines.back().empty()) lines.pop_back();
      size_t start = lines.size() > static_cast<size_t>(n) ? lines.size() - n : 0;
      text.clear();
      for (size_t i = start; i < lines.size(); ++i) text += lines[i] + "\n";
    }
  }
  out.out(text);
  return 0;
}

int Commands::cmdExec(Flags& f, Out& out) {
  if (f.args.empty()) return out.fail("expected 'exec (POD | TYPE/NAME) [-c CONTAINER] [flags] -- COMMAND [args...]'.\nPOD or TYPE/NAME is a required argument for the exec command\nSee 'kubectl exec -h' for help and examples");
  std::vector<std::string> argv = f.dash;
  if (!f.sawDash) {
    argv.assign(f.args.begin() + 1, f.args.end());
    if (!argv.empty())
      out.err("kubectl exec [POD] [COMMAND] is DEPRECATED and will be removed in a future version. Use kubectl exec [POD] -- [COMMAND] instead.\n");
  }
  if (argv.empty()) return out.fail("you must specify at least one command for the container");
  bool failed = false;
  std::string name = podForObject(f.args[0], f.ns, false, out, failed);
  if (failed) return 1;
  auto pod = c_.store.get("Pod", f.ns, name);
  if (!pod) return out.apiError({"NotFound", "pods \"" + name + "\" not found"});
  std::string phase = (*pod)["status"].value("phase", "");
  if (phase == "Succeeded" || phase == "Failed")
    return out.fail("cannot exec into a container in a completed pod; current phase is " + phase);
  std::string container = f.get("container");
  const json& spec = (*pod)["spec"];
  if (container.empty()) {
    auto ctrs = spec.value("containers", json::array());
    container = ctrs.empty() ? "" : ctrs[0].value("name", "");
    if (ctrs.size() > 1) {
      std::vector<std::string> names;
      for (auto& ctr : ctrs) names.push_back(ctr.value("name", ""));
      out.err("Defaulted container \"" + container + "\" out of: " + joinWords(names, ", ") + "\n");
    }
  }
  std::string node = podNodeName(*pod);
  Kubelet* kl = node.empty() ? nullptr : c_.kubelet(node);
  if (!kl) return out.apiError({"BadRequest", "pod " + name + " does not have a host assigned"});
  Kubelet::ExecResult r = kl->exec(f.ns, name, container, argv);
  if (!r.error.empty()) return out.fail(r.error);
  out.out(r.output);
  if (r.duration > 0) advanceTo(c_.queue.now() + r.duration, out);
  if (r.exitCode != 0) {
    out.err("command terminated with exit code " + std::to_string(r.exitCode) + "\n");
    return r.exitCode;
  }
  return 0;
}

int Commands::cmdLabel(Flags& f, Out& out, bool annotate) {
  const char* field = annotate ? "annotations" : "labels";
  if (f.args.size() < 2) return out.fail(std::string("one or more resources must be specified as <resource> <name> or <resource>/<name>\nSee 'kubectl ") + (annotate ? "annotate" : "label") + " -h' for help and examples");
  // Split resources from key=value / key- arguments.
  std::vector<std::string> res, changes;
  for (const auto& a : f.args) {
    if (a.find('=') != std::string::npos || (a.size() > 1 && a.back() == '-')) changes.push_back(a);
    else res.push_back(a);
  }
  if (changes.empty()) return out.fail(std::string("at least one ") + (annotate ? "annotation" : "label") + " update is required");
  std::vector<Target> targets;
  std::string err;
  if (!resolveTargets(res, targets, err, false)) return out.fail(err);
  std::map<std::string, std::string> set;
  std::vector<std::string> remove;
  for (const auto& ch : changes) {
    auto eq = ch.find('=');
    if (eq == std::string::npos) {
      remove.push_back(ch.substr(0, ch.size() - 1));
      continue;
    }
    std::string k = ch.substr(0, eq), v = ch.substr(eq + 1);
    if (!annotate) {
      auto e1 = isQualifiedName(k);
      if (!e1.empty()) return out.fail("invalid label spec: " + ch);
      auto e2 = isValidLabelValue(v);
      if (!e2.empty()) return out.fail("invalid label value: \"" + ch + "\": " + e2[0]);
    }
    set[k] = v;
  }
  int rc = 0;
  Selector sel;
  if (f.has("selector") && !parseSelector(f.get("selector"), sel, err)) return out.fail(err);
  for (const auto& t : targets) {
    std::vector<std::string> names;
    std::string ns = t.kind->namespaced ? f.ns : "";
    if (t.name.empty()) {
      if (!f.flag("all") && !f.has("selector")) return out.fail("resource(s) were provided, but no name was specified");
      for (auto& o : c_.store.list(t.kind->kind, ns))
        if (sel.empty() || sel.matches((*o)["metadata"].value("labels", json::object()))) names.push_back(objName(*o));
    } else {
      names.push_back(t.name);
    }
    for (const auto& n : names) {
      auto cur = c_.store.get(t.kind->kind, ns, n);
      if (!cur) {
        rc = out.apiError({"NotFound", t.kind->qualifiedPlural() + " \"" + n + "\" not found"});
        continue;
      }
      const json& existing = (*cur)["metadata"].value(field, json::object());
      bool overwriteErr = false;
      for (auto& [k, v] : set) {
        if (existing.contains(k) && existing[k] != v && !f.flag("overwrite")) {
          out.fail("'" + k + "' already has a value (" + existing[k].get<std::string>() + "), and --overwrite is false");
          overwriteErr = true;
        }
      }
      if (overwriteErr) {
        rc = 1;
        continue;
      }
      bool changed = false, onlyRemove = set.empty();
      c_.store.update(t.kind->kind, ns, n, [&](json& o) {
        json& m = o["metadata"][field];
        if (!m.is_object()) m = json::object();
        for (auto& [k, v] : set) {
          if (!m.contains(k) || m[k] != v) changed = true;
          m[k] = v;
        }
        for (auto& k : remove) {
          if (m.contains(k)) changed = true;
          m.erase(k);
        }
        if (m.empty()) o["metadata"].erase(field);
        return true;
      });
      std::string verb = annotate ? "annotated" : (changed ? (onlyRemove ? "unlabeled" : "labeled") : "not labeled");
      out.out(t.kind->qualifiedSingular() + "/" + n + " " + verb + "\n");
    }
  }
  return rc;
}

void Commands::waitGone(const std::vector<std::pair<std::string, std::pair<std::string, std::string>>>& objs,
                        Time limit, Out& out) {
  Time until = c_.queue.now() + limit;
  auto allGone = [&] {
    for (auto& [kind, key] : objs)
      if (c_.store.get(kind, key.first, key.second)) return false;
    return true;
  };
  while (!allGone() && c_.queue.now() < until) {
    Time next = c_.queue.nextTime();
    if (next < 0 || next > until) break;
    advanceTo(next, out);
  }
}

// [SECTION] taint / cordon / uncordon / drain ----------------------------------------------------

static const char* kTaintNameError =
    "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an "
    "alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is "
    "'([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

// Node names from args: "nodes n1 n2", "node/n1", or -l selector.
static std::string nodeTargets(Store& store, Commands::Flags& f, size_t from, std::vector<std::string>& names,
                               std::vector<std::string>& rest) {
  std::string err;
  size_t i = from;
  if (i < f.args.size() && f.args[i].rfind("node/", 0) == 0) {
    names.push_back(f.args[i].substr(5));
    ++i;
  } else if (i < f.args.size() && f.args[i].rfind("nodes/", 0) == 0) {
    names.push_back(f.args[i].substr(6));
    ++i;
  } else {
    if (i >= f.args.size() || !(f.args[i] == "nodes" || f.args[i] == "node" || f.args[i] == "no"))
      return "at least one resource name must be specified since 'all' parameter is not set";
    ++i;
    if (f.has("selector") || f.flag("all")) {
      Selector sel;
      if (f.has("selector") && !parseSelector(f.get("selector"), sel, err)) return err;
      for (auto& n : store.list("Node"))
        if (sel.empty() || sel.matches((*n)["metadata"].value("labels", json::object()))) names.push_back(objName(*n));
    } else if (i < f.args.size()) {
      names.push_back(f.args[i++]);
    }
  }
  rest.assign(f.args.begin() + static_cast<long>(i), f.args.end());
  return "";
}

int Commands::cmdTaint(Flags& f, Out& out) {
  auto usage = [&](const std::string& msg) {
    out.err("error: " + msg + "\nSee 'kubectl taint -h' for help and examples\n");
    return 1;
  };
  std::vector<std::string> names, specs;
  std::string err = nodeTargets(c_.store, f, 0, names, specs);
  if (!err.empty()) return usage(err);
  if (specs.empty()) return usage("at least one taint update is required");
  struct Change {
    std::string key, value, effect;
    bool remove;
  };
  std::vector<Change> changes;
  for (const auto& sp : specs) {
    Change ch{};
    std::string body = sp;
    ch.remove = !body.empty() && body.back() == '-';
    if (ch.remove) body.pop_back();
    auto colon = body.find(':');
    std::string kv = colon == std::string::npos ? body : body.substr(0, colon);
    if (colon != std::string::npos) ch.effect = body.substr(colon + 1);
    auto eq = kv.find('=');
    ch.key = kv.substr(0, eq);
    if (eq != std::string::npos) ch.value = kv.substr(eq + 1);
    if (!ch.remove && colon == std::string::npos)
      return usage("invalid taint spec: " + sp + ", " + kTaintNameError);
    if (!ch.effect.empty() && ch.effect != "NoSchedule" && ch.effect != "PreferNoSchedule" && ch.effect != "NoExecute")
      return usage("invalid taint effect: " + ch.effect + ", unsupported taint effect");
    if (!isQualifiedName(ch.key).empty()) return usage("invalid taint spec: " + sp + ", " + kTaintNameError);
    changes.push_back(ch);
  }
  int rc = 0;
  for (const auto& n : names) {
    auto node = c_.store.get("Node", "", n);
    if (!node) {
      rc = out.apiError({"NotFound", "nodes \"" + n + "\" not found"});
      continue;
    }
    json taints = (*node)["spec"].value("taints", json::array());
    bool added = false, removed = false, bad = false;
    for (const auto& ch : changes) {
      if (ch.remove) {
        json keep = json::array();
        bool found = false;
        for (auto& t : taints) {
          if (t.value("key", "") == ch.key && (ch.effect.empty() || t.value("effect", "") == ch.effect)) found = true;
          else keep.push_back(t);
        }
        if (!found) {
          out.fail("taint \"" + ch.key + (ch.effect.empty() ? "" : ":" + ch.effect) + "\" not found");
          bad = true;
          break;
        }
        taints = keep;
        removed = true;
        continue;
      }
      bool exists = false;
      for (auto& t : taints)
        if (t.value("key", "") == ch.key && t.value("effect", "") == ch.effect) exists = true;
      if (exists && !f.flag("overwrite")) {
        out.fail("node " + n + " already has " + ch.key + " taint(s) with same effect(s) and --overwrite is false");
        bad = true;
        break;
      }
      json nt = {{"key", ch.key}, {"effect", ch.effect}};
      if (!ch.value.empty()) nt["value"] = ch.value;
      if (ch.effect == "NoExecute") nt["timeAdded"] = rfc3339(c_.queue.now());
      json keep = json::array();
      for (auto& t : taints)
        if (!(t.value("key", "") == ch.key && t.value("effect", "") == ch.effect)) keep.push_back(t);
      keep.push_back(nt);
      taints = keep;
      if (exists) removed = true;
      added = true;
    }
    if (bad) {
      rc = 1;
      continue;
    }
    c_.store.update("Node", "", n, [&](json& o) {
      if (taints.empty()) o["spec"].erase("taints");
      else o["spec"]["taints"] = taints;
      return true;
    });
    out.out("node/" + n + " " + (added && removed ? "modified" : added ? "tainted" : "untainted") + "\n");
  }
  return rc;
}

int Commands::cmdCordon(Flags& f, Out& out, bool cordon) {
  std::vector<std::string> names;
  if (f.has("selector")) {
    Selector sel;
    std::string err;
    if (!parseSelector(f.get("selector"), sel, err)) return out.fail(err);
    for (auto& n : c_.store.list("Node"))
      if (sel.matches((*n)["metadata"].value("labels", json::object()))) names.push_back(objName(*n));
  } else {
    for (const auto& a : f.args) names.push_back(a.rfind("node/", 0) == 0 ? a.substr(5) : a);
  }
  if (names.empty())
    return out.fail(std::string("USAGE: ") + (cordon ? "cordon" : "uncordon") + " NODE [flags]\nSee 'kubectl " +
                    (cordon ? "cordon" : "uncordon") + " -h' for help and examples");
  int rc = 0;
  for (const auto& n : names) {
    auto node = c_.store.get("Node", "", n);
    if (!node) {
      rc = out.apiError({"NotFound", "nodes \"" + n + "\" not found"});
      continue;
    }
    bool already = (*node)["spec"].value("unschedulable", false) == cordon;
    if (!already)
      c_.store.update("Node", "", n, [&](json& o) {
        if (cordon) o["spec"]["unschedulable"] = true;
        else o["spec"].erase("unschedulable");
        return true;
      });
    out.out("node/" + n + " " + (already ? "already " : "") + (cordon ? "cordoned" : "uncordoned") + "\n");
  }
  return rc;
}

int Commands::cmdDrain(Flags& f, Out& out) {
  if (f.args.empty()) return out.fail("USAGE: drain NODE [flags]\nSee 'kubectl drain -h' for help and examples");
  std::string n = f.args[0].rfind("node/", 0) == 0 ? f.args[0].substr(5) : f.args[0];
  auto node = c_.store.get("Node", "", n);
  if (!node) return out.apiError({"NotFound", "nodes \"" + n + "\" not found"});
  bool already = (*node)["spec"].value("unschedulable", false);
  if (!already)
    c_.store.update("Node", "", n, [&](json& o) {
      o["spec"]["unschedulable"] = true;
      return true;
    });
  out.out("node/" + n + " " + (already ? "already cordoned" : "cordoned") + "\n");
  // Pods to evict: everything on the node that is not terminal. Pods without a controller need
  // --force; DaemonSet pods need --ignore-daemonsets (and are then skipped).
  std::vector<ObjPtr> evict;
  std::vector<std::string> unmanaged, daemons;
  for (const auto& p : c_.store.podsOnNode(n)) {
    std::string phase = (*p)["status"].value("phase", "");
    if (phase == "Succeeded" || phase == "Failed") continue;
    std::string owner;
    for (const auto& ref : (*p)["metadata"].value("ownerReferences", json::array()))
      if (ref.value("controller", false)) owner = ref.value("kind", "");
    std::string id = objNamespace(*p) + "/" + objName(*p);
    if (owner == "DaemonSet") {
      daemons.push_back(id);
      continue;
    }
    if (owner.empty()) unmanaged.push_back(id);
    evict.push_back(p);
  }
  std::vector<std::string> errors;
  if (!unmanaged.empty() && !f.flag("force"))
    errors.push_back("cannot delete cannot delete Pods that declare no controller (use --force to override): " +
                     joinWords(unmanaged, ", "));
  if (!daemons.empty() && !f.flag("ignore-daemonsets"))
    errors.push_back("cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): " + joinWords(daemons, ", "));
  if (!errors.empty()) {
    std::string e = joinWords(errors, ", ");
    out.err("error: unable to drain node \"" + n + "\" due to error: " + e +
            ", continuing command...\nThere are pending nodes to be drained:\n " + n + "\n" + e + "\n");
    return 1;
  }
  std::vector<std::string> warnings;
  if (!daemons.empty()) warnings.push_back("ignoring DaemonSet-managed Pods: " + joinWords(daemons, ", "));
  if (!unmanaged.empty()) warnings.push_back("deleting Pods that declare no controller: " + joinWords(unmanaged, ", "));
  if (!warnings.empty()) out.err("Warning: " + joinWords(warnings, "; ") + "\n");
  std::optional<int64_t> grace;
  if (f.has("grace-period")) {
    int64_t g = atoll(f.get("grace-period").c_str());
    if (g >= 0) grace = g;
  }
  std::vector<std::pair<std::string, std::pair<std::string, std::string>>> objs;
  for (const auto& p : evict) {
    out.out("evicting pod " + objNamespace(*p) + "/" + objName(*p) + "\n");
    c_.api->remove("Pod", objNamespace(*p), objName(*p), grace);
    objs.push_back({"Pod", {objNamespace(*p), objName(*p)}});
  }
  // Evictions complete as the pods go away (kubectl drain waits for each).
  for (const auto& o : objs) {
    waitGone({o}, kHour, out);
    if (!c_.store.get("Pod", o.second.first, o.second.second)) out.out("pod/" + o.second.second + " evicted\n");
  }
  out.out("node/" + n + " drained\n");
  return 0;
}

// [SECTION] sim verbs ----------------------------------------------------------------------------

int Commands::sim(const std::vector<std::string>& w, Out& out) {
  auto simErr = [&](const std::string& msg) {
    out.err("error: " + msg + "\n");
    return 1;
  };
  if (w.size() < 2) return simErr("usage: sim kill|node|time|cluster ... (see podplay --help)");
  const std::string& verb = w[1];
  if (verb == "time") {
    Time now = c_.queue.now();
    out.out(rfc1123z(now) + " (t=" + goDuration(now - now % 1000) + ")\n");
    return 0;
  }
  if (verb == "cluster") {
    if (w.size() != 3 || (w[2] != "empty" && w[2] != "default"))
      return simErr("usage: sim cluster empty | sim cluster default (must be the first command of a script)");
    if (c_.initialized) return simErr("sim cluster " + w[2] + " must come before any other command");
    if (w[2] == "default") c_.createDefaultCluster();
    c_.initialized = true;
    return 0;
  }
  if (verb == "kill") {
    if (w.size() < 3 || w[2].rfind("pod/", 0) != 0)
      return simErr("usage: sim kill pod/NAME [-c CONTAINER] [--exit-code N | --oom] [-n NAMESPACE]");
    std::string name = w[2].substr(4), container, ns = "default";
    int code = 137;
    bool oom = false, codeGiven = false;
    for (size_t i = 3; i < w.size(); ++i) {
      std::string a = w[i];
      auto val = [&](const std::string& flag) -> std::optional<std::string> {
        if (a == flag && i + 1 < w.size()) return w[++i];
        if (a.rfind(flag + "=", 0) == 0) return a.substr(flag.size() + 1);
        return std::nullopt;
      };
      if (auto v = val("-c")) container = *v;
      else if (auto v2 = val("--container")) container = *v2;
      else if (auto v3 = val("--exit-code")) {
        try {
          code = std::stoi(*v3);
        } catch (...) {
          return simErr("invalid --exit-code \"" + *v3 + "\": must be an integer 0-255");
        }
        if (code < 0 || code > 255) return simErr("invalid --exit-code " + *v3 + ": must be 0-255");
        codeGiven = true;
      } else if (auto v4 = val("-n")) ns = *v4;
      else if (auto v5 = val("--namespace")) ns = *v5;
      else if (a == "--oom") oom = true;
      else return simErr("unknown flag: " + a);
    }
    if (oom && codeGiven) return simErr("--oom and --exit-code cannot be used together");
    auto pod = c_.store.get("Pod", ns, name);
    if (!pod) return out.apiError({"NotFound", "pods \"" + name + "\" not found"});
    Kubelet* kl = c_.kubelet(podNodeName(*pod));
    if (!kl) return simErr("pod " + name + " is not running on a node");
    std::string e = kl->killContainer(ns, name, container, code, oom);
    if (!e.empty()) return simErr(e);
    out.out("pod/" + name + " killed" + (container.empty() ? "" : " (container " + container + ")") +
            (oom ? ": OOMKilled, exit code 137\n" : ": exit code " + std::to_string(code) + "\n"));
    return 0;
  }
  if (verb == "node" && w.size() == 4 && (w[2] == "fail" || w[2] == "recover")) {
    Kubelet* kl = c_.kubelet(w[3]);
    if (!kl) return out.apiError({"NotFound", "nodes \"" + w[3] + "\" not found"});
    bool fail = w[2] == "fail";
    if (kl->down() == fail) return simErr("node " + w[3] + (fail ? " has already failed" : " is not failed"));
    kl->setDown(fail);
    out.out("node/" + w[3] + (fail ? " failed: its kubelet stopped reporting (NotReady after 40s)\n"
                                   : " recovered: its kubelet reports again\n"));
    return 0;
  }
  if (verb == "node") {
    if (w.size() < 4 || w[2] != "add") return simErr("usage: sim node add NAME [--label k=v]... [--taint k=v:Effect]... [--cpu N] [--memory Q] [--pods N] | sim node fail NAME | sim node recover NAME");
    NodeConfig cfg;
    cfg.name = w[3];
    auto errs = isDNS1123Subdomain(cfg.name);
    if (!errs.empty()) return simErr("invalid node name \"" + cfg.name + "\": " + errs[0]);
    for (size_t i = 4; i < w.size(); ++i) {
      std::string a = w[i], v;
      auto eq = a.find('=');
      std::string flag = eq == std::string::npos ? a : a.substr(0, eq);
      if (eq != std::string::npos) v = a.substr(eq + 1);
      else if (i + 1 < w.size()) v = w[++i];
      else return simErr("flag needs an argument: " + a);
      if (flag == "--label") {
        auto e = v.find('=');
        if (e == std::string::npos) return simErr("invalid label \"" + v + "\": expected key=value");
        cfg.labels[v.substr(0, e)] = v.substr(e + 1);
      } else if (flag == "--taint") {
        auto colon = v.rfind(':');
        if (colon == std::string::npos) return simErr("invalid taint \"" + v + "\": expected key[=value]:Effect");
        std::string kv = v.substr(0, colon), eff = v.substr(colon + 1);
        if (eff != "NoSchedule" && eff != "PreferNoSchedule" && eff != "NoExecute")
          return simErr("invalid taint effect: " + eff + ", unsupported taint effect");
        auto e = kv.find('=');
        cfg.taints.push_back({kv.substr(0, e), e == std::string::npos ? "" : kv.substr(e + 1), eff});
      } else if (flag == "--cpu") {
        Quantity q;
        if (!parseQuantity(v, q) || q.milli() <= 0) return simErr("invalid --cpu \"" + v + "\"");
        cfg.cpuMilli = q.milli();
      } else if (flag == "--memory") {
        Quantity q;
        if (!parseQuantity(v, q) || q.value() <= 0) return simErr("invalid --memory \"" + v + "\"");
        cfg.memoryBytes = q.value();
      } else if (flag == "--pods") {
        int n = atoi(v.c_str());
        if (n <= 0) return simErr("invalid --pods \"" + v + "\"");
        cfg.pods = n;
      } else {
        return simErr("unknown flag: " + flag);
      }
    }
    std::string e = c_.addNode(cfg);
    if (!e.empty()) return out.apiError({"AlreadyExists", e});
    out.out("node/" + cfg.name + " added\n");
    return 0;
  }
  return simErr("unknown sim command \"" + verb + "\" (sim kill, sim node add, sim time, sim cluster empty)");
}

}  // namespace podplay
