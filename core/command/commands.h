// podplay core: the command layer (kubectl syntax + `sleep` + `sim ...`). The only way in.
#pragma once
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "api/store.h"
#include "printers/printers.h"
#include "printers/tabwriter.h"
#include "session.h"
#include "util/labels.h"

namespace podplay {

class Cluster;

// How the command layer reads `-f PATH` (the core does no I/O: the CLI passes the real file system,
// the browser a virtual one). read: false + err on failure. list: files of a directory (sorted),
// false if `path` is not a directory.
struct FileAccess {
  std::function<bool(const std::string& path, std::string& content, std::string& err)> read;
  std::function<bool(const std::string& path, std::vector<std::string>& files)> list;
};

// Splits a command line into words like a POSIX shell (quotes, backslashes). False + err on an
// unterminated quote.
bool splitWords(const std::string& line, std::vector<std::string>& words, std::string& err);

class Commands {
 public:
  Commands(Cluster& c, FileAccess files);
  CommandResult exec(const std::string& line, const std::string& stdinText);
  // Advances the clock by ms; rows of an active `get -w` are returned.
  CommandResult advance(Time ms);
  void setFiles(FileAccess f) { files_ = std::move(f); }

  struct Out;  // output under construction
  struct Flags;

 private:
  void ensureCluster();
  void advanceTo(Time t, Out& out);
  void stopWatch();

  int kubectl(std::vector<std::string> args, const std::string& stdinText, Out& out);
  int sim(const std::vector<std::string>& args, Out& out);
  int sleepCmd(const std::vector<std::string>& args, Out& out);

  int cmdGet(Flags& f, Out& out);
  int cmdDescribe(Flags& f, Out& out);
  int cmdApply(Flags& f, const std::string& stdinText, Out& out, bool createOnly);
  int cmdDelete(Flags& f, const std::string& stdinText, Out& out);
  int cmdRun(Flags& f, Out& out);
  int cmdLogs(Flags& f, Out& out);
  int cmdExec(Flags& f, Out& out);
  int cmdLabel(Flags& f, Out& out, bool annotate);
  int cmdTaint(Flags& f, Out& out);
  int cmdCordon(Flags& f, Out& out, bool cordon);
  int cmdDrain(Flags& f, Out& out);
  // Advances the clock until none of the objects exists (kubectl's --wait), at most `limit`.
  void waitGone(const std::vector<std::pair<std::string, std::pair<std::string, std::string>>>& objs, Time limit,
                Out& out);
  int cmdCreate(Flags& f, const std::string& stdinText, Out& out);

  // Workloads (workloads.cpp).
  int cmdScale(Flags& f, const std::string& stdinText, Out& out);
  int cmdRollout(Flags& f, const std::string& stdinText, Out& out);
  int cmdRolloutStatus(Flags& f, const ObjPtr& deploy, Out& out);
  int cmdSet(Flags& f, const std::string& stdinText, Out& out);
  int cmdAutoscale(Flags& f, const std::string& stdinText, Out& out);
  int cmdCreateDeployment(Flags& f, Out& out);
  int cmdExpose(Flags& f, const std::string& stdinText, Out& out);
  int cmdTop(Flags& f, Out& out);
  // Objects named by TYPE NAME / TYPE/NAME / -f / -l / --all, as kubectl's resource builder finds
  // them. Missing named objects are reported (NotFound) in `missing`; false + printed error on bad
  // usage.
  bool builderObjects(Flags& f, const std::string& stdinText, Out& out, bool allowAll, std::vector<ObjPtr>& objs,
                      std::vector<std::string>& missing);
  // Write an updated object as an API update would: defaults, validation (Invalid errors).
  StoreResult updateObject(const json& desired);
  // For logs/exec of deploy/NAME, rs/NAME, ...: the pod kubectl picks. "" + error printed on failure.
  std::string podForObject(const std::string& arg, const std::string& ns, bool forLogs, Out& out, bool& failed);

  bool readManifests(Flags& f, const std::string& stdinText, Out& out, std::vector<std::pair<json, std::string>>& objs);

  Cluster& c_;
  FileAccess files_;
  // Active `get -w`.
  struct Watch {
    std::vector<WatchId> ids;
    std::string kind, ns, name;
    Selector selector;
    PrintOptions opts;
    std::string output;  // "", "name", "yaml", "json"
    TableWriter tw;
    std::string pending;  // rows produced while the clock ran
    bool headerPrinted = false;
  };
  std::unique_ptr<Watch> watch_;
};

}  // namespace podplay
