// podplay core: a Session is one simulated cluster plus the command layer that drives it.
//
// This is the only way in: the CLI, the browser console, the UI's buttons, the JS API and the tests
// all call exec()/runScript(). A Session owns its virtual clock, seeded RNG, API store and every
// component (scheduler, one kubelet per node, controllers). No globals: several sessions may coexist.
#pragma once
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "api/store.h"
#include "sim/types.h"

namespace podplay {

// Output of one command, in the order a terminal would show it. kubectl writes errors and
// warnings to stderr (isErr = true).
struct OutputChunk {
  bool isErr = false;
  std::string text;
};

struct CommandResult {
  std::vector<OutputChunk> chunks;
  int exitCode = 0;
  std::string text() const;  // all chunks concatenated
  std::string out() const;   // stdout chunks only
  std::string err() const;   // stderr chunks only
};

struct SessionOptions {
  uint64_t seed = 1;
  bool echo = false;    // runScript: print "$ <command>" before each command's output
  bool strict = false;  // runScript: stop at the first failing command
};

class Cluster;  // the simulated components (core/cluster.h)
class Commands;
struct FileAccess;

// One command of a script, after heredoc and continuation handling.
struct ScriptCommand {
  std::string line;       // the command line to execute
  std::string stdinText;  // heredoc body, if any
  std::string display;    // the line as written (with its <<EOF), for echo
  int lineNo = 0;
};
// Splits a script into commands. On a malformed heredoc returns {} and sets err.
std::vector<ScriptCommand> splitScript(const std::string& script, std::string& err);

class Session {
 public:
  explicit Session(SessionOptions opts = {});
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  // Execute one command line: `kubectl ...`, `sleep 10s`, `sim ...`. `stdinText` feeds `-f -`.
  CommandResult exec(const std::string& line, const std::string& stdinText = "");
  // Execute a whole script (comments, blank lines, heredocs `<<EOF`). Output of every command in
  // order. exitCode is non-zero if any command failed.
  // `onChunk`, if set, receives each piece of output as soon as it exists (the CLI streams it).
  CommandResult runScript(const std::string& script,
                          const std::function<void(const OutputChunk&)>& onChunk = nullptr);

  // Advance the virtual clock by `ms` as `sleep` does (UI frame pacing). Output produced by an active
  // `get -w` during that time is returned.
  CommandResult advance(Time ms);
  // Time of the next scheduled simulation event (-1 if none): the UI's "step to next event".
  Time nextEventTime();
  Time now() const;
  uint64_t seed() const { return opts_.seed; }

  // How `-f PATH` reads files (the CLI passes the real file system; the browser a virtual one).
  void setFileAccess(FileAccess files);

  // Read-only view of cluster state for the UI and tests.
  const Store& store() const;
  Cluster& cluster();

 private:
  SessionOptions opts_;
  std::unique_ptr<Cluster> cluster_;
  std::unique_ptr<Commands> commands_;
};

}  // namespace podplay
