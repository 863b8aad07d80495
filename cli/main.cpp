// podplay: the headless runner. Reads a script of kubectl / sleep / sim commands and prints what a
// terminal would show.
#include <dirent.h>
#include <sys/stat.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "command/commands.h"
#include "session.h"

static const char* kHelp = R"(podplay - a Kubernetes playground simulator (headless runner)

Usage:
  podplay run [--seed N] [--strict] [--echo] SCRIPT    run a script ("-" = stdin)
  podplay --help

A script is lines of:
  kubectl ...            kubectl commands with kubectl's syntax and output
                         (apply, create, run, get, describe, delete, logs, exec, label, annotate,
                          taint, cordon, uncordon, drain)
                         workloads: create deployment NAME --image=IMG [--replicas=N] [--port=P],
                          scale deploy/NAME --replicas=N, set image deploy/NAME c=img,
                          set resources, rollout status|history|undo|pause|resume|restart,
                          autoscale deploy/NAME --max=N [--min=N] [--cpu-percent=P],
                          expose deploy/NAME --port=P, top pod|node, delete --cascade=...
                         `rollout status` follows the rollout in virtual time (like `sleep`) until
                          it is done, fails, hits --timeout, or 1h has passed
  sleep DURATION         advance the virtual clock: 5, 5s, 2m, 1h30m
  sim kill pod/NAME [-c CONTAINER] [--exit-code N | --oom]
  sim node add NAME [--label k=v]... [--taint k=v:Effect]... [--cpu N] [--memory Q] [--pods N]
  sim node fail NAME     the node's kubelet stops reporting (NotReady after 40s); sim node recover NAME
  sim time               print the virtual clock
  sim cluster empty      (first line) start with no nodes instead of the default kind cluster
  # comment
Heredocs work: kubectl apply -f - <<EOF ... EOF

Options:
  --seed N     seed for every random choice (default 1); same script + seed = same output
  --strict     stop at the first failing command
  --echo       print "$ COMMAND" before each command's output (a terminal transcript)
)";

static bool readFile(const std::string& path, std::string& out, std::string& err) {
  struct stat st;
  if (stat(path.c_str(), &st) != 0) {
    err = "the path \"" + path + "\" does not exist";
    return false;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    err = "open " + path + ": permission denied";
    return false;
  }
  std::stringstream ss;
  ss << in.rdbuf();
  out = ss.str();
  return true;
}

static bool listDir(const std::string& path, std::vector<std::string>& files) {
  struct stat st;
  if (stat(path.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) return false;
  DIR* d = opendir(path.c_str());
  if (!d) return false;
  while (dirent* e = readdir(d)) {
    std::string n = e->d_name;
    if (n == "." || n == "..") continue;
    files.push_back(path + (path.back() == '/' ? "" : "/") + n);
  }
  closedir(d);
  std::sort(files.begin(), files.end());
  return true;
}

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    std::cout << kHelp;
    return args.empty() ? 2 : 0;
  }
  if (args[0] != "run") {
    std::cerr << "podplay: unknown command \"" << args[0] << "\"\n\n" << kHelp;
    return 2;
  }
  podplay::SessionOptions opts;
  std::string script;
  bool haveScript = false;
  for (size_t i = 1; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--strict") opts.strict = true;
    else if (a == "--echo") opts.echo = true;
    else if (a == "--seed" || a.rfind("--seed=", 0) == 0) {
      std::string v = a == "--seed" ? (i + 1 < args.size() ? args[++i] : "") : a.substr(7);
      char* end = nullptr;
      unsigned long long s = strtoull(v.c_str(), &end, 10);
      if (v.empty() || *end) {
        std::cerr << "podplay: --seed needs a non-negative integer, got \"" << v << "\"\n";
        return 2;
      }
      opts.seed = s;
    } else if (!haveScript) {
      script = a;
      haveScript = true;
    } else {
      std::cerr << "podplay: unexpected argument \"" << a << "\"\n";
      return 2;
    }
  }
  if (!haveScript) {
    std::cerr << "podplay: run needs a SCRIPT (or - for stdin)\n";
    return 2;
  }
  std::string text, err;
  if (script == "-") {
    std::stringstream ss;
    ss << std::cin.rdbuf();
    text = ss.str();
  } else if (!readFile(script, text, err)) {
    std::cerr << "podplay: " << err << "\n";
    return 2;
  }
  podplay::Session session(opts);
  session.setFileAccess({readFile, listDir});
  podplay::CommandResult r = session.runScript(text, [](const podplay::OutputChunk& c) {
    if (c.isErr) {
      std::cout << std::flush;
      std::cerr << c.text << std::flush;
    } else {
      std::cout << c.text << std::flush;
    }
  });
  return r.exitCode;
}
