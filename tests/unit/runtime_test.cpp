// Tests for core/runtime: the image catalogue (images.cpp) and simulated processes (process.cpp).
#include <catch2/catch.hpp>

#include <functional>
#include <memory>

#include "runtime/images.h"
#include "runtime/process.h"

using namespace podplay;
using Strs = std::vector<std::string>;

namespace {

// A container instance: files, log and its main process, driven in virtual time.
struct Box {
  ImageInfo image;
  ContainerFs fs;
  std::string log;
  std::unique_ptr<Process> main;
  Time now = 0;
  std::function<bool(const std::string&)> resolve = [](const std::string&) { return false; };

  explicit Box(const std::string& img) : image(lookupImage(img)) { seedImageFiles(image, fs); }

  ProcessContext ctx() {
    ProcessContext c;
    c.fs = &fs;
    c.log = &log;
    c.env = {{"HOSTNAME", "web"}, {"GREETING", "hello"}};
    c.podNamespace = "demo";
    c.containerStartedAt = now;
    c.resolve = [this](const std::string& h) { return resolve(h); };
    c.processRunning = [this](const std::string& n) { return main && main->runsProgram(n); };
    c.stopProcess = [this](const std::string& n) {
      if (main) main->requestStop(n, now);
    };
    return c;
  }
  void start(const Strs& argv) { main = spawnProcess(argv, image, ctx(), false); }
  void startDefault() { start(effectiveArgv({}, {}, image)); }
  // Resume the main process now; on Sleep, remember when to wake up.
  ProcessStep step() { return main->resume(now); }
  // Advance virtual time to `t`, resuming the main process at each of its wake-ups on the way.
  ProcessStep runUntil(Time t) {
    ProcessStep s = main->resume(now);
    while (s.kind == ProcessStep::Sleep && now + s.wait <= t) {
      now += s.wait;
      s = main->resume(now);
    }
    if (now < t) now = t;
    return s;
  }
};

struct ExecResult {
  std::string output;
  int exitCode = -1;
  Time took = 0;
  bool blocked = false;
};

// Run an exec (hook, probe, kubectl exec) to completion, advancing the box's clock through sleeps;
// the main process is resumed at each exec wake-up when it asked to be (stopRequested()).
ExecResult exec(Box& b, const Strs& argv, Time limit = 3600 * kSecond) {
  auto p = spawnProcess(argv, b.image, b.ctx(), true);
  Time start = b.now;
  ExecResult r;
  while (true) {
    ProcessStep s = p->resume(b.now);
    if (b.main && b.main->stopRequested()) b.main->resume(b.now);
    if (s.kind == ProcessStep::Exit) {
      r.exitCode = s.exitCode;
      break;
    }
    if (s.kind == ProcessStep::Block || b.now - start >= limit) {
      r.blocked = true;
      break;
    }
    b.now += s.wait;
    if (b.main) b.main->resume(b.now);
  }
  r.output = p->output();
  r.took = b.now - start;
  return r;
}

// Run a script as a main process with no sleeps expected; returns {exit code, log}.
std::pair<int, std::string> runScript(const std::string& image, const Strs& argv) {
  Box b(image);
  b.start(argv);
  ProcessStep s = b.runUntil(24 * kHour);
  return {s.kind == ProcessStep::Exit ? s.exitCode : -1, b.log};
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// images
// ---------------------------------------------------------------------------------------------

TEST_CASE("lookupImage normalises references like containerd", "[runtime][images]") {
  struct Case {
    std::string image, fullRef, repo, tag;
    bool known;
  };
  std::vector<Case> cases = {
      {"nginx", "docker.io/library/nginx:latest", "nginx", "latest", true},
      {"nginx:1.25", "docker.io/library/nginx:1.25", "nginx", "1.25", true},
      {"docker.io/library/nginx:1.27-alpine", "docker.io/library/nginx:1.27-alpine", "nginx", "1.27-alpine", true},
      {"busybox", "docker.io/library/busybox:latest", "busybox", "latest", true},
      {"registry.k8s.io/busybox", "registry.k8s.io/busybox:latest", "registry.k8s.io/busybox", "latest", true},
      {"user/app:v1", "docker.io/user/app:v1", "user/app", "v1", false},
      {"localhost:5000/app:1.0", "localhost:5000/app:1.0", "localhost:5000/app", "1.0", false},
      {"registry.k8s.io/e2e-test-images/agnhost:2.40", "registry.k8s.io/e2e-test-images/agnhost:2.40",
       "registry.k8s.io/e2e-test-images/agnhost", "2.40", true},
      {"hashicorp/http-echo", "docker.io/hashicorp/http-echo:latest", "hashicorp/http-echo", "latest", true},
  };
  for (const auto& c : cases) {
    INFO(c.image);
    ImageInfo i = lookupImage(c.image);
    CHECK(i.validName);
    CHECK(i.exists);
    CHECK(i.pullError == "");
    CHECK(i.fullRef == c.fullRef);
    CHECK(i.repo == c.repo);
    CHECK(i.tag == c.tag);
    CHECK(i.known == c.known);
  }
}

TEST_CASE("lookupImage sizes, pull times, ENTRYPOINT/CMD", "[runtime][images]") {
  ImageInfo n = lookupImage("nginx:1.25");
  CHECK(n.sizeBytes == 71034572);
  CHECK(n.pullTime == 3368);
  CHECK(n.entrypoint == Strs{"/docker-entrypoint.sh"});
  CHECK(n.cmd == Strs{"nginx", "-g", "daemon off;"});
  CHECK(n.stopSignal == "SIGQUIT");
  ImageInfo a = lookupImage("nginx:alpine");
  CHECK(a.sizeBytes == 20478129);
  CHECK(a.pullTime == 1683);
  ImageInfo old = lookupImage("nginx:1.14.2");
  CHECK(old.entrypoint.empty());
  CHECK(old.stopSignal == "SIGTERM");
  ImageInfo b = lookupImage("busybox");
  CHECK(b.sizeBytes == 2155242);
  CHECK(b.pullTime == 1072);
  CHECK(b.entrypoint.empty());
  CHECK(b.cmd == Strs{"sh"});
  ImageInfo g = lookupImage("example.com/team/app:2");
  CHECK(g.sizeBytes == 50000000);
  CHECK(g.pullTime == 2667);
  CHECK(g.entrypoint.empty());
  CHECK(g.cmd.empty());
  CHECK(lookupImage("registry.k8s.io/e2e-test-images/agnhost:2.40").entrypoint == Strs{"/agnhost"});
  CHECK(lookupImage("registry.k8s.io/pause:3.9").entrypoint == Strs{"/pause"});
  CHECK(lookupImage("registry.k8s.io/liveness").cmd == Strs{"/server"});
}

TEST_CASE("lookupImage imageId is deterministic", "[runtime][images]") {
  ImageInfo a = lookupImage("nginx:1.25"), b = lookupImage("nginx:1.25"), c = lookupImage("nginx:1.24");
  const std::string prefix = "docker.io/library/nginx@sha256:";
  REQUIRE(a.imageId.size() == prefix.size() + 64);
  CHECK(a.imageId.compare(0, prefix.size(), prefix) == 0);
  CHECK(a.imageId.substr(prefix.size()).find_first_not_of("0123456789abcdef") == std::string::npos);
  CHECK(a.imageId == b.imageId);
  CHECK(a.imageId != c.imageId);
  std::string digest = "sha256:" + std::string(64, 'a');
  ImageInfo d = lookupImage("nginx@" + digest);
  CHECK(d.exists);
  CHECK(d.tag == "");
  CHECK(d.digest == digest);
  CHECK(d.fullRef == "docker.io/library/nginx@" + digest);
  CHECK(d.imageId == "docker.io/library/nginx@" + digest);
}

TEST_CASE("lookupImage pull errors are containerd's", "[runtime][images]") {
  ImageInfo t = lookupImage("nginx:1.161");
  CHECK(t.validName);
  CHECK_FALSE(t.exists);
  CHECK(t.pullError ==
        "rpc error: code = NotFound desc = failed to pull and unpack image \"docker.io/library/nginx:1.161\": "
        "failed to resolve reference \"docker.io/library/nginx:1.161\": docker.io/library/nginx:1.161: not found");
  ImageInfo r = lookupImage("doesnotexist");
  CHECK_FALSE(r.exists);
  CHECK(r.pullError ==
        "rpc error: code = Unknown desc = failed to pull and unpack image \"docker.io/library/doesnotexist:latest\": "
        "failed to resolve reference \"docker.io/library/doesnotexist:latest\": pull access denied, repository "
        "does not exist or may require authorization: server message: insufficient_scope: authorization failed");
  for (const char* img : {"my-nonexistent-image:v1", "acme/no-such-thing", "notfound"}) {
    INFO(img);
    CHECK_FALSE(lookupImage(img).exists);
    CHECK(lookupImage(img).pullError.find("pull access denied") != std::string::npos);
  }
}

TEST_CASE("lookupImage rejects invalid names (InvalidImageName)", "[runtime][images]") {
  for (const char* img : {"Nginx", "nginx:1.25 ", "", "ngi nx", "nginx::1", "user/App:v1", "nginx@sha256:xyz",
                          "-nginx", "nginx:-x"}) {
    INFO(img);
    ImageInfo i = lookupImage(img);
    CHECK_FALSE(i.validName);
    CHECK_FALSE(i.exists);
  }
  CHECK(lookupImage("my_org/my-app.v2:1.0_rc-1").validName);
}

TEST_CASE("effectiveArgv follows docker semantics", "[runtime][process]") {
  ImageInfo nginx = lookupImage("nginx:1.25");
  ImageInfo busybox = lookupImage("busybox");
  struct Case {
    Strs command, args;
    const ImageInfo* image;
    Strs want;
  };
  std::vector<Case> cases = {
      {{}, {}, &nginx, {"/docker-entrypoint.sh", "nginx", "-g", "daemon off;"}},
      {{}, {"nginx-debug", "-g", "daemon off;"}, &nginx, {"/docker-entrypoint.sh", "nginx-debug", "-g", "daemon off;"}},
      {{"sleep"}, {"10"}, &nginx, {"sleep", "10"}},
      {{"sh", "-c", "echo hi"}, {}, &nginx, {"sh", "-c", "echo hi"}},
      {{}, {}, &busybox, {"sh"}},
      {{}, {"sleep", "3600"}, &busybox, {"sleep", "3600"}},
      {{"/bin/sh", "-c"}, {"echo $0"}, &busybox, {"/bin/sh", "-c", "echo $0"}},
  };
  for (const auto& c : cases) CHECK(effectiveArgv(c.command, c.args, *c.image) == c.want);
}

TEST_CASE("startError reports programs missing from the image", "[runtime][process]") {
  CHECK(startError({"sleep", "10"}, lookupImage("busybox")) == "");
  CHECK(startError({"nginx"}, lookupImage("nginx")) == "");
  CHECK(startError({"whatever"}, lookupImage("example.com/app:1")) == "");
  CHECK(startError({"foo"}, lookupImage("busybox")) ==
        "failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create "
        "failed: unable to start container process: exec: \"foo\": executable file not found in $PATH: unknown");
  CHECK(startError({"sh"}, lookupImage("registry.k8s.io/pause:3.9")) ==
        "failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create "
        "failed: unable to start container process: exec: \"sh\": executable file not found in $PATH: unknown");
  CHECK(startError({"bash"}, lookupImage("busybox")) != "");
  CHECK(startError({"bash"}, lookupImage("ubuntu")) == "");
}

// ---------------------------------------------------------------------------------------------
// the shell
// ---------------------------------------------------------------------------------------------

TEST_CASE("shell: exit codes, && || !, unknown commands", "[runtime][shell]") {
  struct Case {
    std::string image, script;
    int code;
    std::string log;
  };
  std::vector<Case> cases = {
      {"busybox", "exit 3", 3, ""},
      {"busybox", "true", 0, ""},
      {"busybox", "false", 1, ""},
      {"busybox", "false || echo x", 0, "x\n"},
      {"busybox", "true && echo y", 0, "y\n"},
      {"busybox", "false && echo y", 1, ""},
      {"busybox", "! true", 1, ""},
      {"busybox", "! false && echo negated", 0, "negated\n"},
      {"busybox", "false; echo $?", 0, "1\n"},
      {"busybox", "foo", 127, "sh: foo: not found\n"},
      {"busybox", "foo; echo after $?", 0, "sh: foo: not found\nafter 127\n"},
      {"nginx", "foo", 127, "sh: 1: foo: not found\n"},
      {"ubuntu", "echo; bar", 127, "\nsh: 1: bar: not found\n"},
      {"ubuntu", "echo\nbar", 127, "\nsh: 2: bar: not found\n"},
      {"busybox", "bash -c true", 127, "sh: bash: not found\n"},
      {"busybox", "if then", 2, "sh: syntax error: unexpected \"then\"\n"},
      {"busybox", "set -e; false; echo unreachable", 1, ""},
      {"busybox", "set -e; false || true; echo reached", 0, "reached\n"},
      {"busybox", "exit 300", 44, ""},
      {"busybox", "trap 'echo bye' EXIT; echo hi; exit 3", 3, "hi\nbye\n"},
      {"busybox", "(exit 4); echo sub $?", 0, "sub 4\n"},
  };
  for (const auto& c : cases) {
    INFO(c.image << ": " << c.script);
    auto [code, log] = runScript(c.image, {"sh", "-c", c.script});
    CHECK(code == c.code);
    CHECK(log == c.log);
  }
  auto [code, log] = runScript("ubuntu", {"bash", "-c", "echo a\nnope"});
  CHECK(code == 127);
  CHECK(log == "a\nbash: line 2: nope: command not found\n");
  auto [c2, l2] = runScript("busybox", {"/bin/sh", "-c", "nope"});
  CHECK(c2 == 127);
  CHECK(l2 == "/bin/sh: nope: not found\n");
}

TEST_CASE("shell: words, quoting and expansions", "[runtime][shell]") {
  struct Case {
    std::string script, log;
  };
  std::vector<Case> cases = {
      {"echo hello $HOSTNAME", "hello web\n"},
      {"echo \"$GREETING world\" '$GREETING' \\$x", "hello world $GREETING $x\n"},
      {"x=5; echo ${x} ${y:-dflt} ${#GREETING} ${x:+set}", "5 dflt 5 set\n"},
      {"f=/a/b/c.txt; echo ${f##*/} ${f%.txt} ${f#/a}", "c.txt /a/b/c /b/c.txt\n"},
      {"echo $((1 + 2 * 3)) $(( (1+2)*3 )) $((10 % 4))", "7 9 2\n"},
      {"i=0; i=$((i+1)); echo $i", "1\n"},
      {"echo $(echo inner) `echo back`", "inner back\n"},
      {"echo ns=$(cat /var/run/secrets/kubernetes.io/serviceaccount/namespace)", "ns=demo\n"},
      {"v='a   b'; echo $v; echo \"$v\"", "a b\na   b\n"},
      {"echo -n no-newline; echo", "no-newline\n"},
      {"echo -e 'a\\tb\\nc'", "a\tb\nc\n"},
      {"printf '%s=%d\\n' a 1 b 2", "a=1\nb=2\n"},
      {"printf '%5s|%-3s|%03d\\n' x y 7", "    x|y  |007\n"},
      {"for x in a b c; do echo $x; done", "a\nb\nc\n"},
      {"set -- p q; for a; do echo $a; done; echo $#", "p\nq\n2\n"},
      {"n=0; while [ $n -lt 3 ]; do n=$((n+1)); echo n$n; done", "n1\nn2\nn3\n"},
      {"n=0; until [ $n -ge 2 ]; do n=$((n+1)); done; echo $n", "2\n"},
      {"for i in 1 2 3 4; do if [ $i = 2 ]; then continue; fi; if [ $i -eq 4 ]; then break; fi; echo $i; done",
       "1\n3\n"},
      {"if [ -f /etc/passwd ]; then echo file; elif true; then echo no; else echo no; fi", "file\n"},
      {"if [ -d /tmp ] && [ ! -e /nope ] && [ -z \"\" ] && [ -n x ]; then echo ok; fi", "ok\n"},
      {"test 3 -gt 2 -a abc != abd && echo t", "t\n"},
      {"{ echo a; echo b; } > /tmp/g; cat /tmp/g", "a\nb\n"},
      {"echo one > /tmp/f; echo two >> /tmp/f; cat /tmp/f", "one\ntwo\n"},
      {"echo hidden > /dev/null; cat /nope 2>/dev/null; echo $?", "1\n"},
      {"cat /nope 2>&1 | grep -c open", "1\n"},
      {"printf 'a\\nb\\nab\\n' | grep a | wc -l", "2\n"},
      {"echo hi | tr a-z A-Z", "HI\n"},
      {"cat <<EOF\nhost=$HOSTNAME\nEOF", "host=web\n"},
      {"cat <<'EOF'\nhost=$HOSTNAME\nEOF", "host=$HOSTNAME\n"},
      {"echo 'x y' | while read a b; do echo \"[$a][$b]\"; done", "[x][y]\n"},
      {"touch /tmp/a.log /tmp/b.log; echo /tmp/*.log", "/tmp/a.log /tmp/b.log\n"},
      {"mkdir -p /data/x/y && ls /data/x && rm -r /data/x && ls /data", "y\n"},
      {"sh -c 'echo $0 $1' zero one", "zero one\n"},
      {"FOO=bar sh -c 'echo $FOO'; echo \"[$FOO]\"", "bar\n[]\n"},
      {"export A=1; env | grep ^A=", "A=1\n"},
      {"hostname; date; date +%Y-%m-%dT%H:%M:%S", "web\nMon Jan  1 10:00:00 UTC 2024\n2024-01-01T10:00:00\n"},
      {"seq 3; seq 2 2 6", "1\n2\n3\n2\n4\n6\n"},
      {"# a comment\necho a # trailing\n", "a\n"},
      {"echo a \\\n  b", "a b\n"},
      {"eval 'echo ev'; x=$(exit 7); echo $?", "ev\n7\n"},
  };
  for (const auto& c : cases) {
    INFO(c.script);
    auto [code, log] = runScript("busybox", {"sh", "-c", c.script});
    CHECK(code == 0);
    CHECK(log == c.log);
  }
}

TEST_CASE("shell: file errors match busybox and GNU", "[runtime][shell]") {
  struct Case {
    std::string image, script;
    int code;
    std::string log;
  };
  std::vector<Case> cases = {
      {"busybox", "cat /tmp/healthy", 1, "cat: can't open '/tmp/healthy': No such file or directory\n"},
      {"nginx", "cat /tmp/healthy", 1, "cat: /tmp/healthy: No such file or directory\n"},
      {"busybox", "rm /tmp/x", 1, "rm: can't remove '/tmp/x': No such file or directory\n"},
      {"nginx", "rm /tmp/x", 1, "rm: cannot remove '/tmp/x': No such file or directory\n"},
      {"busybox", "rm -f /tmp/x", 0, ""},
      {"busybox", "echo x > /nodir/f", 1, "sh: can't create /nodir/f: nonexistent directory\n"},
      {"nginx", "echo x > /nodir/f", 2, "sh: 1: cannot create /nodir/f: Directory nonexistent\n"},
      {"busybox", "ls /nope", 1, "ls: /nope: No such file or directory\n"},
      {"nginx", "ls /nope", 2, "ls: cannot access '/nope': No such file or directory\n"},
      {"busybox", "mkdir /tmp", 1, "mkdir: can't create directory '/tmp': File exists\n"},
      {"busybox", "sleep abc", 1, "sleep: invalid number 'abc'\n"},
  };
  for (const auto& c : cases) {
    INFO(c.image << ": " << c.script);
    auto [code, log] = runScript(c.image, {"sh", "-c", c.script});
    CHECK(code == c.code);
    CHECK(log == c.log);
  }
}

TEST_CASE("shell: sleeps are resumable in virtual time", "[runtime][shell]") {
  Box b("busybox");
  b.start({"sh", "-c", "echo start; sleep 2; echo mid; sleep 0.5; sleep 1m; echo end; exit 4"});
  ProcessStep s = b.step();
  CHECK(s.kind == ProcessStep::Sleep);
  CHECK(s.wait == 2000);
  CHECK(b.log == "start\n");
  CHECK(b.main->name() == "sh");
  CHECK(b.main->runsProgram("sleep"));
  // an early resume does not advance the script
  b.now = 1500;
  s = b.step();
  CHECK(s.kind == ProcessStep::Sleep);
  CHECK(s.wait == 500);
  b.now = 2000;
  s = b.step();
  CHECK(s.kind == ProcessStep::Sleep);
  CHECK(s.wait == 500);
  CHECK(b.log == "start\nmid\n");
  b.now = 2500;
  s = b.step();
  CHECK(s.wait == 60000);
  b.now = 62500;
  s = b.step();
  CHECK(s.kind == ProcessStep::Exit);
  CHECK(s.exitCode == 4);
  CHECK(b.log == "start\nmid\nend\n");
  CHECK(b.step().exitCode == 4);
}

TEST_CASE("shell: sh without -c and no tty exits 0; sleep infinity blocks", "[runtime][shell]") {
  Box b("busybox");
  b.startDefault();
  ProcessStep s = b.step();
  CHECK(s.kind == ProcessStep::Exit);
  CHECK(s.exitCode == 0);
  Box p("python:3.12");
  p.startDefault();
  CHECK(p.step().kind == ProcessStep::Exit);
  Box c("busybox");
  c.start({"sleep", "infinity"});
  CHECK(c.step().kind == ProcessStep::Block);
  CHECK(c.main->name() == "sleep");
  Box t("busybox");
  t.start({"tail", "-f", "/dev/null"});
  CHECK(t.step().kind == ProcessStep::Block);
  Box w("busybox");
  w.start({"sh", "-c", "while true; do :; done"});
  CHECK(w.step().kind == ProcessStep::Block);  // a busy loop never yields: it runs forever
}

// ---------------------------------------------------------------------------------------------
// kubernetes.io examples
// ---------------------------------------------------------------------------------------------

TEST_CASE("liveness exec example: /tmp/healthy exists for 30s", "[runtime][examples]") {
  Box b("registry.k8s.io/busybox");
  b.start(effectiveArgv({}, {"/bin/sh", "-c", "touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600"},
                        b.image));
  ProcessStep s = b.step();
  CHECK(s.kind == ProcessStep::Sleep);
  CHECK(s.wait == 30000);
  struct Probe {
    Time at;
    int code;
    std::string output;
  };
  std::vector<Probe> probes = {
      {5000, 0, ""},
      {25000, 0, ""},
      {35000, 1, "cat: can't open '/tmp/healthy': No such file or directory\n"},
      {45000, 1, "cat: can't open '/tmp/healthy': No such file or directory\n"},
  };
  for (const auto& p : probes) {
    s = b.runUntil(p.at);
    CHECK(s.kind == ProcessStep::Sleep);
    ExecResult r = exec(b, {"cat", "/tmp/healthy"});
    CHECK(r.exitCode == p.code);
    CHECK(r.output == p.output);
    CHECK(r.took == 0);
  }
  CHECK(b.main->onSigterm(b.now) == -1);  // sh as PID 1 ignores TERM
  CHECK(b.log == "");
}

TEST_CASE("agnhost liveness: /healthz 200 for 10s, then 500", "[runtime][examples]") {
  for (const std::string& img : {"registry.k8s.io/e2e-test-images/agnhost:2.40", "registry.k8s.io/liveness"}) {
    INFO(img);
    Box b(img);
    b.now = 1000;
    b.start(effectiveArgv({}, img == "registry.k8s.io/liveness" ? Strs{"/server"} : Strs{"liveness"}, b.image));
    CHECK(b.step().kind == ProcessStep::Block);
    CHECK(b.main->tcpListening(8080));
    CHECK_FALSE(b.main->tcpListening(80));
    CHECK(b.main->httpGet(8080, "/healthz", 4000) == 200);
    CHECK(b.main->httpGet(8080, "/healthz", 11000) == 200);
    CHECK(b.main->httpGet(8080, "/healthz", 11001) == 500);
    CHECK(b.main->httpGet(8080, "/healthz", 13000) == 500);
    CHECK(b.main->httpGet(8080, "/other", 2000) == 404);
    CHECK(b.main->httpGet(80, "/healthz", 2000) == 0);
    CHECK(b.main->onSigterm(14000) == 2);
    CHECK(b.main->httpGet(8080, "/healthz", 14000) == 0);
  }
}

TEST_CASE("nginx: entrypoint logs, HTTP from files, graceful stop", "[runtime][examples]") {
  Box b("nginx:1.25");
  b.now = 5000;
  b.startDefault();
  CHECK(b.step().kind == ProcessStep::Block);
  CHECK(b.main->name() == "nginx");
  CHECK(b.log ==
        "/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration\n"
        "/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/\n"
        "/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh\n"
        "10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf\n"
        "10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf\n"
        "/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh\n"
        "/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh\n"
        "/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh\n"
        "/docker-entrypoint.sh: Configuration complete; ready for start up\n"
        "2024/01/01 10:00:05 [notice] 1#1: using the \"epoll\" event method\n"
        "2024/01/01 10:00:05 [notice] 1#1: nginx/1.25.5\n"
        "2024/01/01 10:00:05 [notice] 1#1: built by gcc 12.2.0 (Debian 12.2.0-14) \n"
        "2024/01/01 10:00:05 [notice] 1#1: OS: Linux 6.8.0-podplay\n"
        "2024/01/01 10:00:05 [notice] 1#1: getrlimit(RLIMIT_NOFILE): 1048576:1048576\n"
        "2024/01/01 10:00:05 [notice] 1#1: start worker processes\n"
        "2024/01/01 10:00:05 [notice] 1#1: start worker process 29\n"
        "2024/01/01 10:00:05 [notice] 1#1: start worker process 30\n");
  struct Get {
    std::string path;
    int code;
  };
  for (const auto& g : std::vector<Get>{{"/", 200}, {"/index.html", 200}, {"/50x.html", 200}, {"/nope", 404},
                                        {"/?q=1", 200}}) {
    INFO(g.path);
    CHECK(b.main->httpGet(80, g.path, b.now) == g.code);
  }
  CHECK(b.main->httpGet(8080, "/", b.now) == 0);
  CHECK(b.main->tcpListening(80));
  std::string page;
  REQUIRE(b.fs.read("/usr/share/nginx/html/index.html", page));
  CHECK(page.size() == 615);
  // kubectl exec web -- rm /usr/share/nginx/html/index.html
  ExecResult r = exec(b, {"rm", "/usr/share/nginx/html/index.html"});
  CHECK(r.exitCode == 0);
  CHECK(r.output == "");
  CHECK(b.main->httpGet(80, "/", b.now) == 403);
  // SIGQUIT (the image's STOPSIGNAL): graceful shutdown, exit 0
  b.now = 65000;
  size_t before = b.log.size();
  CHECK(b.main->onSigterm(b.now) == 0);
  CHECK(b.log.substr(before) ==
        "2024/01/01 10:01:05 [notice] 1#1: signal 3 (SIGQUIT) received, shutting down\n"
        "2024/01/01 10:01:05 [notice] 29#29: gracefully shutting down\n"
        "2024/01/01 10:01:05 [notice] 30#30: gracefully shutting down\n"
        "2024/01/01 10:01:05 [notice] 29#29: exiting\n"
        "2024/01/01 10:01:05 [notice] 30#30: exiting\n"
        "2024/01/01 10:01:05 [notice] 29#29: exit\n"
        "2024/01/01 10:01:05 [notice] 30#30: exit\n"
        "2024/01/01 10:01:05 [notice] 1#1: signal 17 (SIGCHLD) received from 30\n"
        "2024/01/01 10:01:05 [notice] 1#1: worker process 30 exited with code 0\n"
        "2024/01/01 10:01:05 [notice] 1#1: worker process 29 exited with code 0\n"
        "2024/01/01 10:01:05 [notice] 1#1: exit\n");
  CHECK(b.step().kind == ProcessStep::Exit);
  CHECK(b.main->httpGet(80, "/", b.now) == 0);
}

TEST_CASE("nginx: old images log nothing; mounts override the html dir", "[runtime][examples]") {
  Box b("nginx:1.14.2");
  auto vol = std::make_shared<Volume>();
  vol->files["index.html"] = "<h1>mine</h1>\n";
  b.fs.mounts.push_back(Mount{"/usr/share/nginx/html", vol, true});
  b.startDefault();
  CHECK(b.step().kind == ProcessStep::Block);
  CHECK(b.log == "");
  CHECK(b.main->httpGet(80, "/", 0) == 200);
  CHECK(b.main->httpGet(80, "/50x.html", 0) == 404);  // the image's file is hidden by the mount
  ExecResult r = exec(b, {"sh", "-c", "echo x > /usr/share/nginx/html/index.html"});
  CHECK(r.exitCode == 2);
  CHECK(r.output == "sh: 1: cannot create /usr/share/nginx/html/index.html: Read-only file system\n");
  ExecResult c = exec(b, {"cat", "/usr/share/nginx/html/index.html"});
  CHECK(c.output == "<h1>mine</h1>\n");
  ExecResult rm = exec(b, {"rm", "/usr/share/nginx/html/index.html"});
  CHECK(rm.exitCode == 1);
  CHECK(rm.output == "rm: cannot remove '/usr/share/nginx/html/index.html': Read-only file system\n");
}

TEST_CASE("nginx: a ConfigMap default.conf changes the port", "[runtime][examples]") {
  Box b("nginx:1.25");
  auto vol = std::make_shared<Volume>();
  vol->files["default.conf"] = "server {\n  listen 8080;\n  location / { root /srv/www; }\n}\n";
  b.fs.mounts.push_back(Mount{"/etc/nginx/conf.d", vol, true});
  b.fs.local["/srv/www/index.html"] = "hi";
  b.startDefault();
  CHECK(b.step().kind == ProcessStep::Block);
  CHECK(b.log.find("10-listen-on-ipv6-by-default.sh: info: can not modify /etc/nginx/conf.d/default.conf "
                   "(read-only file system?)\n") != std::string::npos);
  CHECK_FALSE(b.main->tcpListening(80));
  CHECK(b.main->httpGet(8080, "/", 0) == 200);
}

TEST_CASE("init container waits for a Service via nslookup", "[runtime][examples]") {
  Box b("busybox:1.28");
  bool serviceExists = false;
  b.resolve = [&](const std::string& h) { return serviceExists && h == "myservice.demo.svc.cluster.local"; };
  b.start({"sh", "-c",
           "until nslookup myservice.$(cat /var/run/secrets/kubernetes.io/serviceaccount/namespace).svc.cluster.local; "
           "do echo waiting for myservice; sleep 2; done"});
  ProcessStep s = b.step();
  CHECK(s.kind == ProcessStep::Sleep);
  CHECK(s.wait == 2000);
  const std::string miss =
      "Server:    10.96.0.10\nAddress 1: 10.96.0.10 kube-dns.kube-system.svc.cluster.local\n\n"
      "nslookup: can't resolve 'myservice.demo.svc.cluster.local'\nwaiting for myservice\n";
  CHECK(b.log == miss);
  s = b.runUntil(5000);  // t=2s and t=4s: still missing
  CHECK(s.kind == ProcessStep::Sleep);
  CHECK(b.log == miss + miss + miss);
  serviceExists = true;
  s = b.runUntil(6000);
  CHECK(s.kind == ProcessStep::Exit);
  CHECK(s.exitCode == 0);
  CHECK(b.now == 6000);
  CHECK(b.log.substr(3 * miss.size()) ==
        "Server:    10.96.0.10\nAddress 1: 10.96.0.10 kube-dns.kube-system.svc.cluster.local\n\n"
        "Name:      myservice.demo.svc.cluster.local\n"
        "Address 1: 10.96.141.215 myservice.demo.svc.cluster.local\n");
}

TEST_CASE("nslookup: newer busybox output and ctx.lookup", "[runtime][examples]") {
  Box b("busybox:1.36");
  b.resolve = [](const std::string& h) { return h == "db"; };
  b.start({"sleep", "3600"});
  b.step();
  ExecResult miss = exec(b, {"nslookup", "web-svc"});
  CHECK(miss.exitCode == 1);
  CHECK(miss.output ==
        "Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\n** server can't find web-svc: NXDOMAIN\n\n"
        "** server can't find web-svc: NXDOMAIN\n\n");
  auto p = [&] {
    ProcessContext c = b.ctx();
    c.lookup = [](const std::string&) { return std::string("10.96.100.7"); };
    return spawnProcess({"nslookup", "db"}, b.image, c, true);
  }();
  ProcessStep s = p->resume(0);
  CHECK(s.exitCode == 0);
  CHECK(p->output() == "Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\nName:\tdb\nAddress: 10.96.100.7\n\n");
  Box n("nginx");
  n.start({"sleep", "1"});
  ExecResult r = exec(n, {"sh", "-c", "nslookup db"});
  CHECK(r.exitCode == 127);
  CHECK(r.output == "sh: 1: nslookup: not found\n");
}

TEST_CASE("postStart writes a file that the container can read", "[runtime][examples]") {
  Box b("nginx");
  b.startDefault();
  b.step();
  ExecResult hook = exec(b, {"/bin/sh", "-c", "echo Hello from the postStart handler > /usr/share/message"});
  CHECK(hook.exitCode == 0);
  CHECK(hook.output == "");
  ExecResult cat = exec(b, {"cat", "/usr/share/message"});
  CHECK(cat.exitCode == 0);
  CHECK(cat.output == "Hello from the postStart handler\n");
}

TEST_CASE("preStop: nginx -s quit; while killall -0 nginx; do sleep 1; done", "[runtime][examples]") {
  const Strs preStop = {"/bin/sh", "-c", "nginx -s quit; while killall -0 nginx; do sleep 1; done"};
  SECTION("alpine image: killall exists, the loop waits for nginx to exit") {
    Box b("nginx:1.25-alpine");
    b.now = 1000;
    b.startDefault();
    CHECK(b.step().kind == ProcessStep::Block);
    b.now = 20000;
    auto hook = spawnProcess(preStop, b.image, b.ctx(), true);
    ProcessStep s = hook->resume(b.now);
    CHECK(s.kind == ProcessStep::Sleep);  // nginx has not exited yet
    CHECK(s.wait == 1000);
    CHECK(hook->output() == "2024/01/01 10:00:20 [notice] 40#40: signal process started\n");
    REQUIRE(b.main->stopRequested());
    ProcessStep m = b.main->resume(b.now);
    CHECK(m.kind == ProcessStep::Exit);
    CHECK(m.exitCode == 0);
    CHECK(b.log.find("2024/01/01 10:00:20 [notice] 1#1: signal 3 (SIGQUIT) received, shutting down\n") !=
          std::string::npos);
    CHECK(b.log.substr(b.log.size() - 39) == "2024/01/01 10:00:20 [notice] 1#1: exit\n");
    b.now = 21000;
    s = hook->resume(b.now);
    CHECK(s.kind == ProcessStep::Exit);
    CHECK(s.exitCode == 0);
  }
  SECTION("debian image: killall is missing, the loop ends at once") {
    Box b("nginx:1.25");
    b.startDefault();
    b.step();
    ExecResult r = exec(b, preStop);
    CHECK(r.exitCode == 0);
    CHECK(r.took == 0);
    CHECK(r.output == "2024/01/01 10:00:00 [notice] 40#40: signal process started\n/bin/sh: 1: killall: not found\n");
    CHECK(b.step().kind == ProcessStep::Exit);
  }
}

TEST_CASE("exec: sleep then exit; stop of a foreground nginx under sh", "[runtime][examples]") {
  Box b("busybox");
  b.start({"sh", "-c", "sleep 3600"});
  b.step();
  auto e = spawnProcess({"sleep", "5"}, b.image, b.ctx(), true);
  ProcessStep s = e->resume(0);
  CHECK(s.kind == ProcessStep::Sleep);
  CHECK(s.wait == 5000);
  s = e->resume(5000);
  CHECK(s.kind == ProcessStep::Exit);
  CHECK(s.exitCode == 0);
  CHECK(e->output() == "");
  auto o = spawnProcess({"sh", "-c", "echo out; echo err >&2; exit 3"}, b.image, b.ctx(), true);
  s = o->resume(0);
  CHECK(s.exitCode == 3);
  CHECK(o->output() == "out\nerr\n");
  CHECK(b.log == "");
  auto missing = spawnProcess({"foo"}, b.image, b.ctx(), true);
  CHECK(missing->resume(0).exitCode == 127);
  CHECK(missing->output() ==
        "OCI runtime exec failed: exec failed: unable to start container process: exec: \"foo\": executable file "
        "not found in $PATH: unknown\n");

  Box n("nginx:alpine");
  n.start({"sh", "-c", "nginx -g 'daemon off;'; echo nginx exited $?"});
  CHECK(n.step().kind == ProcessStep::Block);
  CHECK(n.main->name() == "sh");
  CHECK(n.main->runsProgram("nginx"));
  CHECK(n.main->onSigterm(0) == -1);  // TERM goes to sh, which ignores it
  CHECK(n.main->requestStop("nginx", 0));
  ProcessStep m = n.main->resume(0);
  CHECK(m.kind == ProcessStep::Exit);
  CHECK(m.exitCode == 0);
  CHECK(n.log.substr(n.log.size() - 15) == "nginx exited 0\n");
}

TEST_CASE("SIGTERM per PID 1 program", "[runtime][process]") {
  struct Case {
    std::string image;
    Strs argv;
    int code;
  };
  std::vector<Case> cases = {
      {"busybox", {"sh", "-c", "sleep 100"}, -1},
      {"busybox", {"sleep", "3600"}, -1},
      {"nginx", {}, 0},
      {"registry.k8s.io/pause:3.9", {}, 0},
      {"registry.k8s.io/e2e-test-images/agnhost:2.40", {"/agnhost", "netexec", "--http-port=8080"}, 2},
      {"registry.k8s.io/goproxy:0.1", {}, 2},
      {"hashicorp/http-echo", {"/http-echo", "-text=hi"}, 2},
      {"example.com/app:1", {}, 2},
      {"python:3.12", {"python3", "-m", "http.server"}, -1},
      {"redis", {}, 0},
      {"httpd", {}, 0},
      {"busybox", {"sh", "-c", "trap 'echo bye; exit 0' TERM; sleep infinity & wait"}, 0},
  };
  for (const auto& c : cases) {
    INFO(c.image);
    Box b(c.image);
    b.start(c.argv.empty() ? effectiveArgv({}, {}, b.image) : c.argv);
    ProcessStep s = b.step();
    CHECK(s.kind != ProcessStep::Exit);
    CHECK(b.main->onSigterm(1000) == c.code);
    if (c.code >= 0) CHECK(b.main->resume(1000).exitCode == c.code);
  }
}

TEST_CASE("trap: TERM during a foreground sleep runs after it", "[runtime][process]") {
  Box b("busybox");
  b.start({"sh", "-c", "trap 'echo graceful; exit 0' TERM; echo up; sleep 10; echo after"});
  CHECK(b.step().wait == 10000);
  CHECK(b.main->onSigterm(2000) == -1);
  b.now = 10000;
  ProcessStep s = b.step();
  CHECK(s.kind == ProcessStep::Exit);
  CHECK(s.exitCode == 0);
  CHECK(b.log == "up\ngraceful\n");
}

TEST_CASE("servers: http-echo, goproxy, python, generic image, pause", "[runtime][process]") {
  Box e("hashicorp/http-echo:1.0");
  e.start(effectiveArgv({}, {"-text=hello", "-listen=:8080"}, e.image));
  CHECK(e.step().kind == ProcessStep::Block);
  CHECK(e.log == "2024/01/01 10:00:00 [INFO] server is listening on :8080\n");
  CHECK(e.main->httpGet(8080, "/anything", 0) == 200);
  CHECK(e.main->httpGet(5678, "/", 0) == 0);
  Box e2("hashicorp/http-echo");
  e2.startDefault();
  ProcessStep s = e2.step();
  CHECK(s.exitCode == 127);
  CHECK(e2.log == "Missing -text option!\n");

  Box g("registry.k8s.io/goproxy:0.1");
  g.startDefault();
  CHECK(g.step().kind == ProcessStep::Block);
  CHECK(g.main->tcpListening(8080));
  CHECK(g.main->httpGet(8080, "/", 0) == 200);

  Box py("python:3.12");
  py.start({"python3", "-m", "http.server", "8080"});
  CHECK(py.step().kind == ProcessStep::Block);
  CHECK(py.main->httpGet(8080, "/", 0) == 200);
  CHECK(py.main->httpGet(8080, "/nope", 0) == 404);
  CHECK(py.log == "");

  Box gen("ghcr.io/acme/api:v3");
  gen.startDefault();
  CHECK(gen.step().kind == ProcessStep::Block);
  CHECK(gen.main->httpGet(3000, "/healthz", 0) == 200);
  CHECK(gen.main->tcpListening(9999));
  Box gen2("ghcr.io/acme/api:v3");
  gen2.start({"/app", "--port=8080"});
  CHECK(gen2.step().kind == ProcessStep::Block);
  CHECK(gen2.main->name() == "app");

  Box pause("registry.k8s.io/pause:3.10");
  pause.startDefault();
  CHECK(pause.step().kind == ProcessStep::Block);
  CHECK_FALSE(pause.main->tcpListening(80));
  CHECK(pause.main->onSigterm(0) == 0);
  CHECK(pause.log == "Shutting down, got signal: Terminated\n");
  ExecResult r = exec(pause, {"sh"});
  CHECK(r.exitCode == 127);
}

TEST_CASE("wget and curl succeed iff the host resolves", "[runtime][process]") {
  Box b("busybox");
  b.resolve = [](const std::string& h) { return h == "web"; };
  b.start({"sleep", "100"});
  b.step();
  ExecResult ok = exec(b, {"wget", "-q", "-O", "/tmp/page", "http://web"});
  CHECK(ok.exitCode == 0);
  CHECK(ok.output == "");
  CHECK(b.fs.exists("/tmp/page"));
  ExecResult bad = exec(b, {"wget", "-qO-", "http://nope:8080/x"});
  CHECK(bad.exitCode == 1);
  CHECK(bad.output == "wget: bad address 'nope:8080'\n");
  Box n("nginx");
  n.resolve = [](const std::string&) { return false; };
  n.startDefault();
  n.step();
  ExecResult c = exec(n, {"curl", "-s", "http://nope"});
  CHECK(c.exitCode == 6);
  CHECK(c.output == "");
  ExecResult c2 = exec(n, {"curl", "http://nope"});
  CHECK(c2.output == "curl: (6) Could not resolve host: nope\n");
  // the main process asking its own server
  Box self("nginx:alpine");
  self.start({"sh", "-c", "nginx; sleep 1; wget -q -O - http://localhost/ | grep -c Welcome; curl -s -o /dev/null localhost/x; echo $?"});
  CHECK(self.step().wait == 1000);
  self.now = 1000;
  CHECK(self.step().kind == ProcessStep::Exit);
  CHECK(self.log.substr(self.log.size() - 4) == "2\n0\n");
}

TEST_CASE("ContainerFs: mounts, longest path wins, directories", "[runtime][fs]") {
  ContainerFs fs;
  auto a = std::make_shared<Volume>(), b = std::make_shared<Volume>();
  a->files["x"] = "A";
  b->files["x"] = "B";
  fs.mounts.push_back(Mount{"/data", a, false});
  fs.mounts.push_back(Mount{"/data/sub", b, true});
  fs.local["/data/x"] = "local";
  std::string out, err;
  REQUIRE(fs.read("/data/x", out));
  CHECK(out == "A");
  REQUIRE(fs.read("/data/sub/x", out));
  CHECK(out == "B");
  CHECK(fs.exists("/data"));
  CHECK(fs.exists("/data/sub"));
  CHECK_FALSE(fs.exists("/data/y"));
  CHECK(fs.write("/data/y", "1", false, err));
  CHECK(a->files["y"] == "1");
  CHECK(fs.write("/data/y", "2", true, err));
  CHECK(a->files["y"] == "12");
  CHECK_FALSE(fs.write("/data/sub/y", "1", false, err));
  CHECK(err == "Read-only file system");
  CHECK(fs.remove("/data/y"));
  CHECK_FALSE(fs.remove("/data/y"));
  fs.local["/etc/conf/app.yaml"] = "k: v";
  CHECK(fs.exists("/etc/conf"));
  CHECK(fs.exists("/etc/conf/"));
  CHECK(fs.exists("/etc/./conf/../conf/app.yaml"));
}
