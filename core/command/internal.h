// podplay core: pieces of the command layer shared by its source files (commands.cpp: parsing,
// dispatch, get/describe/apply/delete/...; workloads.cpp: scale, rollout, set, autoscale, create
// deployment, expose, top). Not part of the public interface (commands.h).
#pragma once
#include <map>
#include <string>
#include <vector>

#include "api/kinds.h"
#include "command/commands.h"

namespace podplay {

// Output being built for one command.
struct Commands::Out {
  CommandResult r;
  void out(const std::string& s) {
    if (s.empty()) return;
    if (!r.chunks.empty() && !r.chunks.back().isErr)
      r.chunks.back().text += s;
    else
      r.chunks.push_back({false, s});
  }
  void err(const std::string& s) {
    if (s.empty()) return;
    if (!r.chunks.empty() && r.chunks.back().isErr)
      r.chunks.back().text += s;
    else
      r.chunks.push_back({true, s});
  }
  int fail(const std::string& msg) {  // "error: ..." line
    err("error: " + msg + "\n");
    return 1;
  }
  int apiError(const ApiError& e) {
    if (e.reason == "Invalid")
      err(e.message + "\n");
    else
      err("Error from server (" + e.reason + "): " + e.message + "\n");
    return 1;
  }
};

// A flag of a kubectl (sub)command. type: 0 string, 'b' bool (no value), 'i' integer
// (strconv.ParseInt), 'd' duration (time.ParseDuration); the parser rejects bad values with
// pflag's wording.
struct FlagSpec {
  const char* name;
  char shorthand;
  bool value;  // takes a value
  char type = 0;
};

struct Commands::Flags {
  std::string verb;  // "get", "rollout status", ...
  std::vector<std::string> args;
  std::vector<std::string> dash;  // after --
  bool sawDash = false;
  size_t argsBeforeDash = 0;  // cobra's ArgsLenAtDash
  std::map<std::string, std::vector<std::string>> vals;
  std::vector<std::string> order;  // flags as given ("--name=value"), for --record
  std::string ns = "default";
  bool nsGiven = false;
  bool allNs = false;
  bool has(const std::string& n) const { return vals.count(n) > 0; }
  std::string get(const std::string& n, const std::string& def = "") const {
    auto it = vals.find(n);
    return it == vals.end() || it->second.empty() ? def : it->second.back();
  }
  bool flag(const std::string& n) const {
    auto it = vals.find(n);
    if (it == vals.end()) return false;
    return it->second.back() != "false";
  }
  std::vector<std::string> all(const std::string& n) const {
    auto it = vals.find(n);
    return it == vals.end() ? std::vector<std::string>{} : it->second;
  }
  // Integer flag value (already validated by the parser), or def.
  int64_t num(const std::string& n, int64_t def) const {
    if (!has(n)) return def;
    return std::stoll(get(n));
  }
};

// Resource arguments: "pods", "pods web db", "pod/web", "pods,nodes", "all".
struct Target {
  const KindInfo* kind;
  std::string name;  // "" = all
};
bool resolveTargets(const std::vector<std::string>& args, std::vector<Target>& out, std::string& err, bool allowAll);

std::string joinWords(const std::vector<std::string>& v, const std::string& sep = " ");
std::vector<std::string> splitOn(const std::string& s, char sep);

// Go's time.ParseDuration for flag values ("30s", "1m30s", "0"); false + err (pflag wording:
// `time: invalid duration "x"`, `time: missing unit in duration "5"`).
bool parseGoDuration(const std::string& s, Time& out, std::string& err);

}  // namespace podplay
