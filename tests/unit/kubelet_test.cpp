// Kubelet behaviour through the command layer, asserted at exact virtual times.
#include <catch2/catch.hpp>

#include "cluster.h"
#include "kubelet/kubelet.h"
#include "session.h"
#include "util/timefmt.h"

using namespace podplay;

static json pod(Session& s, const std::string& name) {
  auto p = s.store().get("Pod", "default", name);
  REQUIRE(p);
  return *p;
}

static int restarts(Session& s, const std::string& name) {
  return pod(s, name)["status"]["containerStatuses"][0].value("restartCount", -1);
}

TEST_CASE("crash back-off: immediate, then 10s, 20s, 40s ... capped at 300s", "[kubelet]") {
  Session s;
  REQUIRE(s.exec("kubectl run crash --image=busybox:1.36 -- sh -c 'exit 1'").exitCode == 0);
  // Sandbox 1s + busybox pull 1.072s: first run exits at t=2.072s and restarts at once.
  s.exec("sleep 2.072");
  REQUIRE(restarts(s, "crash") == 1);
  // Restart times from the previous exit: +10s, +20s, +40s, +80s, +160s, +300s, +300s.
  Time t = 2072;
  int expected = 1;
  for (Time wait : {10000, 20000, 40000, 80000, 160000, 300000, 300000}) {
    s.advance(t + wait - 1 - s.now());
    INFO("waiting " << wait);
    REQUIRE(restarts(s, "crash") == expected);
    REQUIRE(pod(s, "crash")["status"]["containerStatuses"][0]["state"]["waiting"].value("reason", "") ==
            "CrashLoopBackOff");
    s.advance(1);
    REQUIRE(restarts(s, "crash") == ++expected);
    t += wait;
  }
  auto waiting = pod(s, "crash")["status"]["containerStatuses"][0];
  REQUIRE(waiting["lastState"]["terminated"].value("exitCode", 0) == 1);
}

TEST_CASE("crash back-off message shows the Go duration", "[kubelet]") {
  Session s;
  s.exec("kubectl run crash --image=busybox:1.36 -- sh -c 'exit 1'");
  s.exec("sleep 3m");  // restarts at 2s, 12s, 32s, 72s, 152s; waiting 160s now
  auto st = pod(s, "crash")["status"]["containerStatuses"][0]["state"]["waiting"];
  REQUIRE(st.value("reason", "") == "CrashLoopBackOff");
  std::string msg = st.value("message", "");
  REQUIRE(msg.rfind("back-off 2m40s restarting failed container=crash pod=crash_default(", 0) == 0);
}

TEST_CASE("a container that ran for more than 10 minutes restarts at once", "[kubelet]") {
  Session s;
  s.exec("kubectl run flaky --image=busybox:1.36 -- sh -c 'sleep 700; exit 1'");
  s.exec("sleep 2.072");
  s.exec("sleep 700");  // first exit: immediate restart
  REQUIRE(restarts(s, "flaky") == 1);
  s.exec("sleep 700");  // second exit 700s after the first back-off update: entry expired
  REQUIRE(restarts(s, "flaky") == 2);
}

TEST_CASE("liveness failure kills after failureThreshold and restarts immediately", "[kubelet]") {
  Session s;
  s.exec(R"(kubectl apply -f - )",
         R"(apiVersion: v1
kind: Pod
metadata:
  name: live
spec:
  terminationGracePeriodSeconds: 5
  containers:
  - name: app
    image: busybox:1.36
    command: ["sh", "-c", "touch /tmp/ok; sleep 20; rm /tmp/ok; sleep 3600"]
    livenessProbe:
      exec:
        command: ["cat", "/tmp/ok"]
      periodSeconds: 5
      failureThreshold: 2
)");
  // Started at 2.072s; probes at 2.072 + 5k; the file goes at 22.072s; failures at 22.072 and
  // 27.072 -> kill; sh ignores TERM -> SIGKILL 5s later (32.072) -> restart at once.
  s.advance(32071);
  REQUIRE(restarts(s, "live") == 0);
  s.advance(1);
  REQUIRE(restarts(s, "live") == 1);
  auto last = pod(s, "live")["status"]["containerStatuses"][0]["lastState"]["terminated"];
  REQUIRE(last.value("exitCode", 0) == 137);
  REQUIRE(last.value("reason", "") == "Error");
}

TEST_CASE("phases follow restartPolicy", "[kubelet]") {
  Session s;
  s.exec("kubectl run ok --image=busybox:1.36 --restart=Never -- true");
  s.exec("kubectl run bad --image=busybox:1.36 --restart=Never -- false");
  s.exec("kubectl run retry --image=busybox:1.36 --restart=OnFailure -- false");
  s.exec("sleep 5");
  REQUIRE(pod(s, "ok")["status"].value("phase", "") == "Succeeded");
  REQUIRE(pod(s, "bad")["status"].value("phase", "") == "Failed");
  REQUIRE(pod(s, "retry")["status"].value("phase", "") == "Running");
  REQUIRE(s.exec("kubectl get pods --no-headers").out() ==
          "bad     0/1   Error              0            5s\n"
          "ok      0/1   Completed          0            5s\n"
          "retry   0/1   CrashLoopBackOff   1 (3s ago)   5s\n");
}

TEST_CASE("graceful deletion: preStop, TERM, KILL at the end of the grace period", "[kubelet]") {
  Session s;
  s.exec("kubectl apply -f -", R"(apiVersion: v1
kind: Pod
metadata:
  name: slow
spec:
  terminationGracePeriodSeconds: 10
  containers:
  - name: app
    image: busybox:1.36
    command: ["sh", "-c", "sleep 3600"]
)");
  s.exec("sleep 5");
  auto r = s.exec("kubectl delete pod slow --wait=false");
  REQUIRE(r.out() == "pod \"slow\" deleted\n");
  s.advance(9999);
  REQUIRE(s.store().get("Pod", "default", "slow"));
  REQUIRE(s.exec("kubectl get pod slow --no-headers").out().find("Terminating") != std::string::npos);
  s.advance(1);
  REQUIRE_FALSE(s.store().get("Pod", "default", "slow"));
}

TEST_CASE("same script and seed give identical output; another seed may differ", "[determinism]") {
  const char* script =
      "kubectl run a --image=nginx:1.25\nkubectl run b --image=nginx:1.25\nkubectl run c --image=nginx:1.25\n"
      "sleep 10\nkubectl get pods -o wide\nkubectl get pods -o yaml\n";
  SessionOptions o;
  Session s1(o), s2(o);
  std::string a = s1.runScript(script).text(), b = s2.runScript(script).text();
  REQUIRE(a == b);
  REQUIRE(a.find("Running") != std::string::npos);
}

TEST_CASE("the kubelet records a timeline: segments, back-off countdown, probe marks", "[kubelet][timeline]") {
  Session s;
  s.exec("kubectl run crash --image=busybox:1.36 -- sh -c 'exit 1'");
  s.exec("sleep 15");
  auto pod = s.store().get("Pod", "default", "crash");
  REQUIRE(pod);
  Kubelet* k = s.cluster().kubelet(podNodeName(*pod));
  REQUIRE(k);
  const PodTimeline* tl = k->timeline("default", "crash");
  REQUIRE(tl);
  // ContainerCreating, then Error(1), CrashLoopBackOff (back-off 10s until 12.072s), Error(2), ...
  std::vector<std::string> seen;
  for (const auto& seg : tl->segments) seen.push_back(seg.state + "/" + seg.reason);
  REQUIRE(seen.size() >= 4);
  REQUIRE(seen[0] == "Waiting/ContainerCreating");
  bool sawBackoff = false;
  for (const auto& seg : tl->segments)
    if (seg.reason == "CrashLoopBackOff" && seg.backoffUntil == 12072) {
      sawBackoff = true;
      REQUIRE(seg.backoff == "10s");
      REQUIRE(seg.end == 12072);
    }
  REQUIRE(sawBackoff);
  REQUIRE(tl->segments.back().end == -1);
}
