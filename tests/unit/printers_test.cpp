// Unit tests for core/printers: tabwriter engines, get tables, describe, -o yaml/json/jsonpath.
#include <catch2/catch.hpp>

#include "printers/describe.h"
#include "printers/output.h"
#include "printers/printers.h"
#include "printers/tabwriter.h"
#include "util/timefmt.h"

using namespace podplay;

namespace {

Time T(int64_t seconds) { return seconds * kSecond; }
std::string ts(int64_t seconds) { return rfc3339(T(seconds)); }

json containerStatus(const std::string& name, json state, bool ready = false, int restarts = 0) {
  return json{{"name", name}, {"state", std::move(state)}, {"ready", ready}, {"restartCount", restarts}};
}

json podWith(json containerStatuses, std::string phase = "Running") {
  json spec = {{"containers", json::array()}};
  for (const auto& cs : containerStatuses) spec["containers"].push_back({{"name", cs["name"]}, {"image", "img"}});
  return json{{"kind", "Pod"},
              {"metadata", {{"name", "p"}, {"namespace", "default"}, {"creationTimestamp", ts(0)}}},
              {"spec", spec},
              {"status", {{"phase", phase}, {"containerStatuses", containerStatuses}}}};
}

const json kRunning = {{"running", {{"startedAt", "2024-01-01T10:00:00Z"}}}};

json samplePod() {
  return json::parse(R"({
    "apiVersion": "v1", "kind": "Pod",
    "metadata": {"name": "web-7d4b9c8d5-abcde", "namespace": "default", "uid": "u1",
      "creationTimestamp": "2024-01-01T10:00:00Z",
      "labels": {"app": "web", "pod-template-hash": "7d4b9c8d5"},
      "ownerReferences": [{"apiVersion": "apps/v1", "kind": "ReplicaSet", "name": "web-7d4b9c8d5",
                           "uid": "rs1", "controller": true, "blockOwnerDeletion": true}]},
    "spec": {
      "containers": [{"name": "nginx", "image": "nginx:1.25",
        "ports": [{"containerPort": 80, "protocol": "TCP"}],
        "resources": {"limits": {"cpu": "500m", "memory": "128Mi"}, "requests": {"cpu": "250m", "memory": "64Mi"}},
        "livenessProbe": {"httpGet": {"path": "/healthz", "port": 80, "scheme": "HTTP"}, "initialDelaySeconds": 5,
          "timeoutSeconds": 1, "periodSeconds": 10, "successThreshold": 1, "failureThreshold": 3},
        "volumeMounts": [{"name": "kube-api-access-x7k2p", "mountPath": "/var/run/secrets/kubernetes.io/serviceaccount", "readOnly": true}]}],
      "nodeName": "node-1", "priority": 0, "serviceAccountName": "default", "restartPolicy": "Always",
      "tolerations": [
        {"key": "node.kubernetes.io/unreachable", "operator": "Exists", "effect": "NoExecute", "tolerationSeconds": 300},
        {"key": "node.kubernetes.io/not-ready", "operator": "Exists", "effect": "NoExecute", "tolerationSeconds": 300}],
      "volumes": [{"name": "kube-api-access-x7k2p", "projected": {"defaultMode": 420, "sources": [
        {"serviceAccountToken": {"expirationSeconds": 3607, "path": "token"}},
        {"configMap": {"name": "kube-root-ca.crt", "items": [{"key": "ca.crt", "path": "ca.crt"}]}},
        {"downwardAPI": {"items": [{"path": "namespace", "fieldRef": {"apiVersion": "v1", "fieldPath": "metadata.namespace"}}]}}]}}]
    },
    "status": {
      "phase": "Running", "hostIP": "192.168.49.2", "podIP": "10.244.0.5", "podIPs": [{"ip": "10.244.0.5"}],
      "startTime": "2024-01-01T10:00:00Z", "qosClass": "Burstable",
      "conditions": [
        {"type": "PodReadyToStartContainers", "status": "True"},
        {"type": "Initialized", "status": "True"},
        {"type": "Ready", "status": "True"},
        {"type": "ContainersReady", "status": "True"},
        {"type": "PodScheduled", "status": "True"}],
      "containerStatuses": [{"name": "nginx", "containerID": "containerd://4f1c...", "image": "nginx:1.25",
        "imageID": "docker.io/library/nginx@sha256:ab12...", "ready": true, "started": true, "restartCount": 0,
        "state": {"running": {"startedAt": "2024-01-01T10:00:05Z"}}}]
    }
  })");
}

json event(const std::string& type, const std::string& reason, const std::string& from, const std::string& msg,
           int64_t first, int64_t last, int count) {
  return json{{"kind", "Event"},
              {"metadata", {{"name", "ev-" + reason}, {"namespace", "default"}}},
              {"type", type},
              {"reason", reason},
              {"source", {{"component", from}}},
              {"message", msg},
              {"firstTimestamp", ts(first)},
              {"lastTimestamp", ts(last)},
              {"count", count},
              {"involvedObject", {{"kind", "Pod"}, {"name", "web-7d4b9c8d5-abcde"}, {"namespace", "default"}}}};
}

}  // namespace

// ------------------------------------------------------------------------------------------ tabwriter

TEST_CASE("engine A: column widths, padding 3, minwidth 6, last column unpadded", "[printers][tabwriter]") {
  TableWriter tw;
  tw.writeRow({"NAME", "READY", "STATUS", "RESTARTS", "AGE"});
  tw.writeRow({"web-1", "1/1", "Running", "0", "5m"});
  tw.writeRow({"a", "0/1", "ContainerCreating", "0", "2s"});
  CHECK(tw.flush() ==
        "NAME    READY   STATUS              RESTARTS   AGE\n"
        "web-1   1/1     Running             0          5m\n"
        "a       0/1     ContainerCreating   0          2s\n");
}

TEST_CASE("engine A: RememberWidths keeps widths across flushes and only grows", "[printers][tabwriter]") {
  TableWriter tw;
  tw.writeRow({"NAME", "READY", "STATUS"});
  tw.writeRow({"web", "0/1", "Pending"});
  CHECK(tw.flush() == "NAME   READY   STATUS\nweb    0/1     Pending\n");
  tw.writeRow({"web-long-name", "0/1", "ContainerCreating"});
  CHECK(tw.flush() == "web-long-name   0/1     ContainerCreating\n");
  tw.writeRow({"web", "1/1", "Running"});
  CHECK(tw.flush() == "web             1/1     Running\n");
  tw.reset();
  tw.writeRow({"web", "1/1", "Running"});
  CHECK(tw.flush() == "web   1/1   Running\n");  // back to minwidth 6
}

TEST_CASE("engine A: cell sanitizing", "[printers][tabwriter]") {
  CHECK(TableWriter::sanitizeCell("line1\nline2") == "line1...");
  CHECK(TableWriter::sanitizeCell("a\x1b[31mb") == "a^[[31mb");
  CHECK(TableWriter::sanitizeCell("plain") == "plain");
}

TEST_CASE("engine B: per-block alignment, tab-less lines end a block", "[printers][tabwriter]") {
  std::string in =
      "Name:\tweb\n"
      "Namespace:\tdefault\n"
      "IP:\t\n"
      "Containers:\n"
      "  nginx:\n"
      "    Image:\tnginx\n"
      "    Restart Count:\t0\n"
      "Conditions:\n"
      "  Type\tStatus\n"
      "  Ready \tTrue \n";
  CHECK(tabbedString(in) ==
        "Name:       web\n"
        "Namespace:  default\n"
        "IP:         \n"
        "Containers:\n"
        "  nginx:\n"
        "    Image:          nginx\n"
        "    Restart Count:  0\n"
        "Conditions:\n"
        "  Type    Status\n"
        "  Ready   True \n");
}

TEST_CASE("engine B: continuation lines and nested columns", "[printers][tabwriter]") {
  // Lines with fewer cells end the inner column's block but not the outer one.
  std::string in =
      "Labels:\tapp=web\n"
      "\ttier=fe\n"
      "Port:\t<unset>\t80/TCP\n"
      "NodePort:\t<unset>\t30080/TCP\n"
      "Session Affinity:\tNone\n";
  CHECK(tabbedString(in) ==
        "Labels:            app=web\n"
        "                   tier=fe\n"
        "Port:              <unset>  80/TCP\n"
        "NodePort:          <unset>  30080/TCP\n"
        "Session Affinity:  None\n");
}

// ------------------------------------------------------------------------------------------ pod status

TEST_CASE("podStatus: regular containers (printPod rules)", "[printers][pods]") {
  SECTION("name, ready count, restarts, phase") {
    json pod = podWith({containerStatus("a", kRunning, true, 3), containerStatus("b", json::object(), false, 3)},
                       "podPhase");
    CHECK(podStatus(pod) == "podPhase");
    CHECK(podReady(pod) == "1/2");
    CHECK(podRestarts(pod, T(100)) == "6");
  }
  SECTION("waiting reason") {
    json pod = podWith({containerStatus("a", {{"waiting", {{"reason", "ContainerWaitingReason"}}}}, false, 3),
                        containerStatus("b", kRunning, true, 3)});
    CHECK(podStatus(pod) == "ContainerWaitingReason");
    CHECK(podReady(pod) == "1/2");
  }
  SECTION("terminated reason") {
    json pod = podWith({containerStatus("a", {{"terminated", {{"reason", "ContainerTerminatedReason"}}}}, false, 3),
                        containerStatus("b", kRunning, true, 3)});
    CHECK(podStatus(pod) == "ContainerTerminatedReason");
  }
  SECTION("first container wins") {
    json pod = podWith({containerStatus("a", {{"terminated", {{"reason", "First"}}}}),
                        containerStatus("b", {{"waiting", {{"reason", "Second"}}}})});
    CHECK(podStatus(pod) == "First");
  }
  SECTION("terminated without reason: ExitCode / Signal") {
    CHECK(podStatus(podWith({containerStatus("a", {{"terminated", {{"exitCode", 2}}}})})) == "ExitCode:2");
    CHECK(podStatus(podWith({containerStatus("a", {{"terminated", {{"exitCode", 137}, {"signal", 9}}}})})) ==
          "Signal:9");
  }
  SECTION("CrashLoopBackOff with restarts ago") {
    json cs = containerStatus("a", {{"waiting", {{"reason", "CrashLoopBackOff"}}}}, false, 4);
    cs["lastState"] = {{"terminated", {{"exitCode", 1}, {"reason", "Error"}, {"finishedAt", ts(50)}}}};
    json pod = podWith({cs});
    CHECK(podStatus(pod) == "CrashLoopBackOff");
    CHECK(podRestarts(pod, T(60)) == "4 (10s ago)");
    CHECK(podRestarts(pod, T(50 + 5 * 86400)) == "4 (5d ago)");
  }
  SECTION("Completed but a container still running: Running / NotReady by the Ready condition") {
    json pod = podWith({containerStatus("a", {{"terminated", {{"reason", "Completed"}, {"exitCode", 0}}}}),
                        containerStatus("b", kRunning, true)});
    CHECK(podStatus(pod) == "NotReady");
    pod["status"]["conditions"] = json::array({{{"type", "Ready"}, {"status", "True"}}});
    CHECK(podStatus(pod) == "Running");
  }
  SECTION("Succeeded pod shows Completed") {
    json pod = podWith({containerStatus("a", {{"terminated", {{"reason", "Completed"}, {"exitCode", 0}}}})},
                       "Succeeded");
    CHECK(podStatus(pod) == "Completed");
    CHECK(podReady(pod) == "0/1");
  }
  SECTION("status.reason overrides phase (Evicted)") {
    json pod = podWith(json::array(), "Failed");
    pod["status"]["reason"] = "Evicted";
    CHECK(podStatus(pod) == "Evicted");
  }
  SECTION("Pending without statuses") {
    json pod = podWith(json::array(), "Pending");
    pod["spec"]["containers"] = json::array({{{"name", "a"}, {"image", "x"}}});
    CHECK(podStatus(pod) == "Pending");
    CHECK(podReady(pod) == "0/1");
    CHECK(podRestarts(pod, T(0)) == "0");
  }
  SECTION("ContainerCreating") {
    json pod = podWith({containerStatus("a", {{"waiting", {{"reason", "ContainerCreating"}}}})}, "Pending");
    CHECK(podStatus(pod) == "ContainerCreating");
  }
  SECTION("SchedulingGated") {
    json pod = podWith(json::array(), "Pending");
    pod["status"]["conditions"] =
        json::array({{{"type", "PodScheduled"}, {"status", "False"}, {"reason", "SchedulingGated"}}});
    CHECK(podStatus(pod) == "SchedulingGated");
  }
  SECTION("Terminating / NodeLost / terminal phases keep their status") {
    json pod = podWith({containerStatus("a", kRunning, true)});
    pod["metadata"]["deletionTimestamp"] = ts(30);
    CHECK(podStatus(pod) == "Terminating");
    pod["status"]["reason"] = "NodeLost";
    CHECK(podStatus(pod) == "Unknown");
    json done = podWith({containerStatus("a", {{"terminated", {{"reason", "Completed"}, {"exitCode", 0}}}})},
                        "Succeeded");
    done["metadata"]["deletionTimestamp"] = ts(30);
    CHECK(podStatus(done) == "Completed");
  }
}

TEST_CASE("podStatus: init containers", "[printers][pods]") {
  auto initPod = [](json initStatuses, int nInit, json statuses = json::array()) {
    json pod = podWith(statuses, "Pending");
    pod["spec"]["containers"] = json::array({{{"name", "app"}, {"image", "x"}}});
    pod["spec"]["initContainers"] = json::array();
    for (int i = 0; i < nInit; ++i)
      pod["spec"]["initContainers"].push_back({{"name", "init" + std::to_string(i)}, {"image", "x"}});
    pod["status"]["initContainerStatuses"] = initStatuses;
    return pod;
  };
  SECTION("Init:i/N while running or waiting without reason") {
    json pod = initPod({containerStatus("init0", {{"terminated", {{"exitCode", 0}, {"reason", "Completed"}}}}),
                        containerStatus("init1", kRunning)},
                       2);
    CHECK(podStatus(pod) == "Init:1/2");
    CHECK(podReady(pod) == "0/1");
    json pod2 = initPod({containerStatus("init0", {{"waiting", {{"reason", "PodInitializing"}}}})}, 1);
    CHECK(podStatus(pod2) == "Init:0/1");
  }
  SECTION("Init:<waiting reason>, restarts summed over init containers") {
    json cs = containerStatus("init0", {{"waiting", {{"reason", "CrashLoopBackOff"}}}}, false, 3);
    cs["lastState"] = {{"terminated", {{"exitCode", 1}, {"finishedAt", ts(40)}}}};
    json pod = initPod({cs}, 1, {containerStatus("app", {{"waiting", {{"reason", "PodInitializing"}}}})});
    CHECK(podStatus(pod) == "Init:CrashLoopBackOff");
    CHECK(podRestarts(pod, T(100)) == "3 (60s ago)");
  }
  SECTION("Init:<terminated reason> / ExitCode / Signal") {
    CHECK(podStatus(initPod({containerStatus("init0", {{"terminated", {{"exitCode", 1}, {"reason", "Error"}}}})}, 1)) ==
          "Init:Error");
    CHECK(podStatus(initPod({containerStatus("init0", {{"terminated", {{"exitCode", 3}}}})}, 1)) == "Init:ExitCode:3");
    CHECK(podStatus(initPod({containerStatus("init0", {{"terminated", {{"exitCode", 137}, {"signal", 9}}}})}, 1)) ==
          "Init:Signal:9");
  }
  SECTION("all init done, regular container PodInitializing") {
    json pod = initPod({containerStatus("init0", {{"terminated", {{"exitCode", 0}, {"reason", "Completed"}}}})}, 1,
                       {containerStatus("app", {{"waiting", {{"reason", "PodInitializing"}}}})});
    CHECK(podStatus(pod) == "PodInitializing");
  }
  SECTION("Initialized condition True overrides a pending init container") {
    json pod = initPod({containerStatus("init0", {{"waiting", {{"reason", "CrashLoopBackOff"}}}})}, 1,
                       {containerStatus("app", kRunning, true)});
    pod["status"]["phase"] = "Running";
    pod["status"]["conditions"] = json::array({{{"type", "Initialized"}, {"status", "True"}}});
    // printPod keeps the init reason (a running container never overwrites it) but counts READY.
    CHECK(podStatus(pod) == "Init:CrashLoopBackOff");
    CHECK(podReady(pod) == "1/1");
  }
  SECTION("sidecar (restartPolicy Always) counts in READY") {
    json pod = initPod({containerStatus("init0", kRunning, true)}, 1, {containerStatus("app", kRunning, true)});
    pod["spec"]["initContainers"][0]["restartPolicy"] = "Always";
    pod["status"]["initContainerStatuses"][0]["started"] = true;
    pod["status"]["phase"] = "Running";
    CHECK(podStatus(pod) == "Running");
    CHECK(podReady(pod) == "2/2");
  }
}

// ------------------------------------------------------------------------------------------ tables

TEST_CASE("get pods table, wide, -A, labels, kind prefix", "[printers][tables]") {
  json pod = samplePod();
  Time now = T(300);
  PrintOptions o;
  CHECK(tableRow(pod, o, now) == std::vector<std::string>{"web-7d4b9c8d5-abcde", "1/1", "Running", "0", "5m"});
  std::vector<const json*> objs = {&pod};
  CHECK(printTable(objs, "Pod", o, now) ==
        "NAME                  READY   STATUS    RESTARTS   AGE\n"
        "web-7d4b9c8d5-abcde   1/1     Running   0          5m\n");
  o.withKind = true;
  CHECK(printTable(objs, "pods", o, now) ==
        "NAME                      READY   STATUS    RESTARTS   AGE\n"
        "pod/web-7d4b9c8d5-abcde   1/1     Running   0          5m\n");
  o = PrintOptions{};
  o.wide = true;
  CHECK(tableRow(pod, o, now) == std::vector<std::string>{"web-7d4b9c8d5-abcde", "1/1", "Running", "0", "5m",
                                                          "10.244.0.5", "node-1", "<none>", "<none>"});
  o = PrintOptions{};
  o.allNamespaces = true;
  o.showLabels = true;
  o.labelColumns = {"app", "example.com/tier"};
  CHECK(tableHeader("Pod", o) ==
        std::vector<std::string>{"NAMESPACE", "NAME", "READY", "STATUS", "RESTARTS", "AGE", "APP", "TIER", "LABELS"});
  CHECK(tableRow(pod, o, now) == std::vector<std::string>{"default", "web-7d4b9c8d5-abcde", "1/1", "Running", "0", "5m",
                                                          "web", "", "app=web,pod-template-hash=7d4b9c8d5"});
  o.noHeaders = true;
  CHECK(printTable({}, "Pod", o, now).empty());
}

TEST_CASE("AGE uses HumanDuration", "[printers][tables]") {
  json pod = samplePod();
  auto ageAt = [&](int64_t s) { return tableRow(pod, PrintOptions{}, T(s))[4]; };
  CHECK(ageAt(0) == "0s");
  CHECK(ageAt(119) == "119s");
  CHECK(ageAt(125) == "2m5s");
  CHECK(ageAt(600) == "10m");
  CHECK(ageAt(179 * 60) == "179m");
  CHECK(ageAt(3 * 3600 + 5 * 60) == "3h5m");
  CHECK(ageAt(30 * 3600) == "30h");
  CHECK(ageAt(3 * 86400 + 4 * 3600) == "3d4h");
  CHECK(ageAt(400 * 86400) == "400d");
  json noTs = pod;
  noTs["metadata"].erase("creationTimestamp");
  CHECK(tableRow(noTs, PrintOptions{}, T(5))[4] == "<unknown>");
}

TEST_CASE("nodes: STATUS and ROLES", "[printers][tables]") {
  json node = json::parse(R"({"kind": "Node", "metadata": {"name": "n1", "creationTimestamp": "2024-01-01T09:00:00Z",
      "labels": {"node-role.kubernetes.io/control-plane": "", "kubernetes.io/role": "worker"}},
    "spec": {}, "status": {"conditions": [{"type": "Ready", "status": "True"}],
      "addresses": [{"type": "InternalIP", "address": "192.168.49.2"}],
      "nodeInfo": {"kubeletVersion": "v1.30.0", "osImage": "Ubuntu", "kernelVersion": "6.1", "containerRuntimeVersion": "containerd://1.7.15"}}})");
  CHECK(nodeStatus(node) == "Ready");
  CHECK(nodeRoles(node) == "control-plane,worker");
  node["spec"]["unschedulable"] = true;
  CHECK(nodeStatus(node) == "Ready,SchedulingDisabled");
  node["status"]["conditions"][0]["status"] = "Unknown";
  CHECK(nodeStatus(node) == "NotReady,SchedulingDisabled");
  node["status"]["conditions"] = json::array();
  node["spec"]["unschedulable"] = false;
  CHECK(nodeStatus(node) == "Unknown");
  PrintOptions o;
  o.wide = true;
  CHECK(tableRow(node, o, T(0)) == std::vector<std::string>{"n1", "Unknown", "control-plane,worker", "60m", "v1.30.0",
                                                            "192.168.49.2", "<none>", "Ubuntu", "6.1",
                                                            "containerd://1.7.15"});
}

TEST_CASE("events, services, deployments, rs, hpa, endpoints, namespaces rows", "[printers][tables]") {
  Time now = T(100);
  json ev = event("Warning", "Unhealthy", "kubelet", "  Liveness probe failed \n", 40, 97, 3);
  ev["involvedObject"]["fieldPath"] = "spec.containers{nginx}";
  ev["source"]["host"] = "node-1";
  CHECK(tableRow(ev, PrintOptions{}, now) ==
        std::vector<std::string>{"3s", "Warning", "Unhealthy", "pod/web-7d4b9c8d5-abcde", "Liveness probe failed"});
  PrintOptions w;
  w.wide = true;
  CHECK(tableRow(ev, w, now) == std::vector<std::string>{"3s", "Warning", "Unhealthy", "pod/web-7d4b9c8d5-abcde",
                                                         "spec.containers{nginx}", "kubelet, node-1",
                                                         "Liveness probe failed", "60s", "3", "ev-Unhealthy"});

  json svc = json::parse(R"({"kind": "Service", "metadata": {"name": "web", "creationTimestamp": "2024-01-01T10:00:00Z"},
    "spec": {"type": "NodePort", "clusterIP": "10.96.0.10", "clusterIPs": ["10.96.0.10"], "selector": {"app": "web"},
      "ports": [{"port": 80, "nodePort": 30080, "protocol": "TCP"}, {"port": 443, "protocol": "TCP"}]}})");
  CHECK(tableRow(svc, w, now) ==
        std::vector<std::string>{"web", "NodePort", "10.96.0.10", "<none>", "80:30080/TCP,443/TCP", "100s", "app=web"});
  svc["spec"]["type"] = "LoadBalancer";
  CHECK(tableRow(svc, PrintOptions{}, now)[3] == "<pending>");
  svc["status"]["loadBalancer"]["ingress"] = json::array({{{"hostname", "a-very-long-hostname.example.com"}}});
  CHECK(tableRow(svc, PrintOptions{}, now)[3] == "a-very-long-h...");

  json dep = json::parse(R"({"kind": "Deployment", "metadata": {"name": "web", "creationTimestamp": "2024-01-01T10:00:00Z"},
    "spec": {"replicas": 3, "selector": {"matchLabels": {"app": "web"}},
      "template": {"spec": {"containers": [{"name": "nginx", "image": "nginx:1.25"}, {"name": "side", "image": "busybox"}]}}},
    "status": {"replicas": 3, "readyReplicas": 2, "updatedReplicas": 3, "availableReplicas": 2}})");
  CHECK(tableRow(dep, w, now) == std::vector<std::string>{"web", "2/3", "3", "2", "100s", "nginx,side",
                                                          "nginx:1.25,busybox", "app=web"});
  PrintOptions k;
  k.withKind = true;
  CHECK(tableRow(dep, k, now)[0] == "deployment.apps/web");

  json rs = dep;
  rs["kind"] = "ReplicaSet";
  rs["spec"]["selector"]["matchLabels"]["pod-template-hash"] = "7d4b9c8d5";
  CHECK(tableRow(rs, w, now) == std::vector<std::string>{"web", "3", "3", "2", "100s", "nginx,side",
                                                         "nginx:1.25,busybox", "app=web,pod-template-hash=7d4b9c8d5"});

  json hpa = json::parse(R"({"kind": "HorizontalPodAutoscaler", "metadata": {"name": "web", "creationTimestamp": "2024-01-01T10:00:00Z"},
    "spec": {"scaleTargetRef": {"kind": "Deployment", "name": "web"}, "minReplicas": 1, "maxReplicas": 5,
      "metrics": [{"type": "Resource", "resource": {"name": "cpu", "target": {"type": "Utilization", "averageUtilization": 80}}}]},
    "status": {"currentReplicas": 1}})");
  CHECK(tableRow(hpa, PrintOptions{}, now) ==
        std::vector<std::string>{"web", "Deployment/web", "cpu: <unknown>/80%", "1", "5", "1", "100s"});
  hpa["status"]["currentMetrics"] = json::array(
      {{{"type", "Resource"}, {"resource", {{"name", "cpu"}, {"current", {{"averageUtilization", 12}}}}}}});
  CHECK(tableRow(hpa, PrintOptions{}, now)[2] == "cpu: 12%/80%");

  json ep = json::parse(R"({"kind": "Endpoints", "metadata": {"name": "web", "creationTimestamp": "2024-01-01T10:00:00Z"},
    "subsets": [{"addresses": [{"ip": "10.244.0.5"}, {"ip": "10.244.0.6"}, {"ip": "10.244.0.7"}, {"ip": "10.244.0.8"}],
                 "ports": [{"port": 80, "protocol": "TCP"}]}]})");
  CHECK(tableRow(ep, PrintOptions{}, now)[1] == "10.244.0.5:80,10.244.0.6:80,10.244.0.7:80 + 1 more...");
  ep.erase("subsets");
  CHECK(tableRow(ep, PrintOptions{}, now)[1] == "<none>");

  json ns = {{"kind", "Namespace"}, {"metadata", {{"name", "default"}, {"creationTimestamp", ts(0)}}},
             {"status", {{"phase", "Active"}}}};
  PrintOptions a;
  a.allNamespaces = true;
  CHECK(tableHeader("Namespace", a) == std::vector<std::string>{"NAME", "STATUS", "AGE"});
  CHECK(tableRow(ns, a, now) == std::vector<std::string>{"default", "Active", "100s"});
}

TEST_CASE("malformed objects never throw", "[printers][tables]") {
  json junk = {{"kind", "Pod"}, {"metadata", 5}, {"status", {{"containerStatuses", "nope"}}}};
  CHECK_NOTHROW(tableRow(junk, PrintOptions{}, T(0)));
  CHECK_NOTHROW(describePod(junk, {}, T(0)));
  CHECK_NOTHROW(describeNode(junk, {&junk}, {}, T(0)));
  CHECK_NOTHROW(toYaml(junk));
  CHECK(podStatus(json()) == "");
}

// ------------------------------------------------------------------------------------------ describe

TEST_CASE("describe pod matches the kubectl layout (spec sample)", "[printers][describe]") {
  json pod = samplePod();
  Time now = T(60);
  json e1 = event("Normal", "Scheduled", "default-scheduler",
                  "Successfully assigned default/web-7d4b9c8d5-abcde to node-1", 0, 0, 1);
  json e2 = event("Warning", "Unhealthy", "kubelet", "Liveness probe failed: HTTP probe failed with statuscode: 500",
                  37, 57, 3);
  std::string expected =
      "Name:             web-7d4b9c8d5-abcde\n"
      "Namespace:        default\n"
      "Priority:         0\n"
      "Service Account:  default\n"
      "Node:             node-1/192.168.49.2\n"
      "Start Time:       Mon, 01 Jan 2024 10:00:00 +0000\n"
      "Labels:           app=web\n"
      "                  pod-template-hash=7d4b9c8d5\n"
      "Annotations:      <none>\n"
      "Status:           Running\n"
      "IP:               10.244.0.5\n"
      "IPs:\n"
      "  IP:           10.244.0.5\n"
      "Controlled By:  ReplicaSet/web-7d4b9c8d5\n"
      "Containers:\n"
      "  nginx:\n"
      "    Container ID:   containerd://4f1c...\n"
      "    Image:          nginx:1.25\n"
      "    Image ID:       docker.io/library/nginx@sha256:ab12...\n"
      "    Port:           80/TCP\n"
      "    Host Port:      0/TCP\n"
      "    State:          Running\n"
      "      Started:      Mon, 01 Jan 2024 10:00:05 +0000\n"
      "    Ready:          True\n"
      "    Restart Count:  0\n"
      "    Limits:\n"
      "      cpu:     500m\n"
      "      memory:  128Mi\n"
      "    Requests:\n"
      "      cpu:        250m\n"
      "      memory:     64Mi\n"
      "    Liveness:     http-get http://:80/healthz delay=5s timeout=1s period=10s #success=1 #failure=3\n"
      "    Environment:  <none>\n"
      "    Mounts:\n"
      "      /var/run/secrets/kubernetes.io/serviceaccount from kube-api-access-x7k2p (ro)\n"
      "Conditions:\n"
      "  Type                        Status\n"
      "  PodReadyToStartContainers   True \n"
      "  Initialized                 True \n"
      "  Ready                       True \n"
      "  ContainersReady             True \n"
      "  PodScheduled                True \n"
      "Volumes:\n"
      "  kube-api-access-x7k2p:\n"
      "    Type:                    Projected (a volume that contains injected data from multiple sources)\n"
      "    TokenExpirationSeconds:  3607\n"
      "    ConfigMapName:           kube-root-ca.crt\n"
      "    ConfigMapOptional:       <nil>\n"
      "    DownwardAPI:             true\n"
      "QoS Class:                   Burstable\n"
      "Node-Selectors:              <none>\n"
      "Tolerations:                 node.kubernetes.io/not-ready:NoExecute op=Exists for 300s\n"
      "                             node.kubernetes.io/unreachable:NoExecute op=Exists for 300s\n"
      "Events:\n"
      "  Type     Reason     Age               From               Message\n"
      "  ----     ------     ----              ----               -------\n"
      "  Normal   Scheduled  60s               default-scheduler  Successfully assigned default/web-7d4b9c8d5-abcde to node-1\n"
      "  Warning  Unhealthy  3s (x3 over 23s)  kubelet            Liveness probe failed: HTTP probe failed with statuscode: 500\n";
  CHECK(describePod(pod, {&e2, &e1}, now) == expected);

  // No events: "Events:  <none>" joins the block above.
  std::string noEvents = describePod(pod, {}, now);
  const std::string tail = "\nEvents:                      <none>\n";
  CHECK(noEvents.substr(noEvents.size() - tail.size()) == tail);
  // Bare pending pod: no controller, empty IP still padded, no statuses.
  json bare = samplePod();
  bare["metadata"].erase("ownerReferences");
  bare["status"] = {{"phase", "Pending"}, {"qosClass", "BestEffort"}};
  bare["spec"].erase("nodeName");
  std::string out = describePod(bare, {}, now, false);
  CHECK(out.find("Node:             <none>\n") != std::string::npos);
  CHECK(out.find("IP:               \nIPs:              <none>\nContainers:\n") != std::string::npos);
  CHECK(out.find("Container ID") == std::string::npos);
  CHECK(out.find("Events") == std::string::npos);
}

TEST_CASE("describe pod: terminating, init containers, env, last state", "[printers][describe]") {
  json pod = samplePod();
  pod["metadata"]["deletionTimestamp"] = ts(90);
  pod["metadata"]["deletionGracePeriodSeconds"] = 30;
  pod["spec"]["initContainers"] = json::array({{{"name", "init"}, {"image", "busybox"}, {"command", {"sh", "-c", "true"}}}});
  pod["status"]["initContainerStatuses"] = json::array(
      {{{"name", "init"},
        {"ready", true},
        {"restartCount", 0},
        {"containerID", "containerd://i"},
        {"imageID", "busybox@sha"},
        {"state", {{"terminated", {{"exitCode", 0}, {"reason", "Completed"}, {"startedAt", ts(1)}, {"finishedAt", ts(2)}}}}}}});
  auto& c = pod["spec"]["containers"][0];
  c["env"] = json::array({{{"name", "MY_POD"}, {"valueFrom", {{"fieldRef", {{"apiVersion", "v1"}, {"fieldPath", "metadata.name"}}}}}},
                          {{"name", "PLAIN"}, {"value", "x"}},
                          {{"name", "S"}, {"valueFrom", {{"secretKeyRef", {{"name", "s"}, {"key", "k"}}}}}}});
  pod["status"]["containerStatuses"][0]["lastState"] = {
      {"terminated", {{"exitCode", 137}, {"reason", "Error"}, {"startedAt", ts(3)}, {"finishedAt", ts(4)}}}};
  std::string out = describePod(pod, {}, T(60));
  CHECK(out.find("Status:                    Terminating (lasts <invalid>)\n"
                 "Termination Grace Period:  30s\n") != std::string::npos);
  CHECK(out.find("Init Containers:\n  init:\n    Container ID:  containerd://i\n") != std::string::npos);
  CHECK(out.find("    Command:\n      sh\n      -c\n      true\n    State:          Terminated\n"
                 "      Reason:       Completed\n      Exit Code:    0\n") != std::string::npos);
  CHECK(out.find("    Last State:     Terminated\n      Reason:       Error\n      Exit Code:    137\n") !=
        std::string::npos);
  CHECK(out.find("      MY_POD:  web-7d4b9c8d5-abcde (v1:metadata.name)\n") != std::string::npos);
  CHECK(out.find("      PLAIN:   x\n") != std::string::npos);
  CHECK(out.find("      S:       <set to the key 'k' in secret 's'>  Optional: false\n") != std::string::npos);
}

TEST_CASE("QoS class and probes", "[printers][describe]") {
  json pod = samplePod();
  pod["status"].erase("qosClass");
  CHECK(podQosClass(pod) == "Burstable");
  pod["spec"]["containers"][0]["resources"] = {{"limits", {{"cpu", "1"}, {"memory", "1Gi"}}},
                                               {"requests", {{"cpu", "1000m"}, {"memory", "1024Mi"}}}};
  CHECK(podQosClass(pod) == "Guaranteed");
  pod["spec"]["containers"][0].erase("resources");
  CHECK(podQosClass(pod) == "BestEffort");
  CHECK(describeProbe(json::parse(R"({"exec": {"command": ["cat", "/tmp/healthy"]}, "periodSeconds": 5,
        "timeoutSeconds": 1, "successThreshold": 1, "failureThreshold": 3})")) ==
        "exec [cat /tmp/healthy] delay=0s timeout=1s period=5s #success=1 #failure=3");
  CHECK(describeProbe(json::parse(R"({"tcpSocket": {"port": 8080}, "periodSeconds": 10, "timeoutSeconds": 1,
        "successThreshold": 1, "failureThreshold": 3})")) ==
        "tcp-socket :8080 delay=0s timeout=1s period=10s #success=1 #failure=3");
  CHECK(canonicalQuantity("1.5") == "1500m");
  CHECK(canonicalQuantity("2048Mi") == "2Gi");
  CHECK(canonicalQuantity("1000") == "1k");
  CHECK(canonicalQuantity("100m") == "100m");
  CHECK(canonicalQuantity("1536Mi") == "1536Mi");
  CHECK(canonicalQuantity("0") == "0");
}

TEST_CASE("describe node", "[printers][describe]") {
  json node = json::parse(R"({"kind": "Node",
    "metadata": {"name": "node-1", "creationTimestamp": "2024-01-01T09:00:00Z",
      "labels": {"node-role.kubernetes.io/control-plane": ""}, "annotations": {"node.alpha.kubernetes.io/ttl": "0"}},
    "spec": {"podCIDR": "10.244.0.0/24", "podCIDRs": ["10.244.0.0/24"]},
    "status": {
      "capacity": {"cpu": "4", "memory": "8Gi", "pods": "110", "ephemeral-storage": "100Gi"},
      "allocatable": {"cpu": "4", "memory": "8Gi", "pods": "110", "ephemeral-storage": "100Gi"},
      "conditions": [{"type": "MemoryPressure", "status": "False", "lastHeartbeatTime": "2024-01-01T10:04:50Z",
        "lastTransitionTime": "2024-01-01T09:00:00Z", "reason": "KubeletHasSufficientMemory",
        "message": "kubelet has sufficient memory available"}],
      "addresses": [{"type": "InternalIP", "address": "192.168.49.2"}, {"type": "Hostname", "address": "node-1"}],
      "nodeInfo": {"containerRuntimeVersion": "containerd://1.7.15", "kubeletVersion": "v1.30.0", "kubeProxyVersion": "v1.30.0",
        "operatingSystem": "linux", "architecture": "amd64"}}})");
  json pod = samplePod();
  json done = samplePod();
  done["metadata"]["name"] = "finished";
  done["status"]["phase"] = "Succeeded";
  std::string out = describeNode(node, {&pod, &done}, {}, T(300));
  std::string expected =
      "Name:               node-1\n"
      "Roles:              control-plane\n"
      "Labels:             node-role.kubernetes.io/control-plane=\n"
      "Annotations:        node.alpha.kubernetes.io/ttl: 0\n"
      "CreationTimestamp:  Mon, 01 Jan 2024 09:00:00 +0000\n"
      "Taints:             <none>\n"
      "Unschedulable:      false\n"
      "Lease:\n"
      "  HolderIdentity:  node-1\n"
      "  AcquireTime:     <unset>\n"
      "  RenewTime:       <unset>\n"
      "Conditions:\n"
      "  Type             Status  LastHeartbeatTime                 LastTransitionTime                Reason                       Message\n"
      "  ----             ------  -----------------                 ------------------                ------                       -------\n"
      "  MemoryPressure   False   Mon, 01 Jan 2024 10:04:50 +0000   Mon, 01 Jan 2024 09:00:00 +0000   KubeletHasSufficientMemory   kubelet has sufficient memory available\n"
      "Addresses:\n"
      "  InternalIP:  192.168.49.2\n"
      "  Hostname:    node-1\n"
      "Capacity:\n"
      "  cpu:                4\n"
      "  ephemeral-storage:  100Gi\n"
      "  memory:             8Gi\n"
      "  pods:               110\n"
      "Allocatable:\n"
      "  cpu:                4\n"
      "  ephemeral-storage:  100Gi\n"
      "  memory:             8Gi\n"
      "  pods:               110\n"
      "System Info:\n"
      "  Machine ID:                 \n"
      "  System UUID:                \n"
      "  Boot ID:                    \n"
      "  Kernel Version:             \n"
      "  OS Image:                   \n"
      "  Operating System:           linux\n"
      "  Architecture:               amd64\n"
      "  Container Runtime Version:  containerd://1.7.15\n"
      "  Kubelet Version:            v1.30.0\n"
      "  Kube-Proxy Version:         v1.30.0\n"
      "PodCIDR:                      10.244.0.0/24\n"
      "PodCIDRs:                     10.244.0.0/24\n"
      "Non-terminated Pods:          (1 in total)\n"
      "  Namespace                   Name                   CPU Requests  CPU Limits  Memory Requests  Memory Limits  Age\n"
      "  ---------                   ----                   ------------  ----------  ---------------  -------------  ---\n"
      "  default                     web-7d4b9c8d5-abcde    250m (6%)     500m (12%)  64Mi (0%)        128Mi (1%)     5m\n"
      "Allocated resources:\n"
      "  (Total limits may be over 100 percent, i.e., overcommitted.)\n"
      "  Resource           Requests   Limits\n"
      "  --------           --------   ------\n"
      "  cpu                250m (6%)  500m (12%)\n"
      "  memory             64Mi (0%)  128Mi (1%)\n"
      "  ephemeral-storage  0 (0%)     0 (0%)\n"
      "Events:              <none>\n";
  CHECK(out == expected);
}

TEST_CASE("describe deployment / service layouts", "[printers][describe]") {
  json dep = json::parse(R"({"kind": "Deployment", "metadata": {"name": "web", "namespace": "default",
      "creationTimestamp": "2024-01-01T10:00:00Z", "labels": {"app": "web"},
      "annotations": {"deployment.kubernetes.io/revision": "2"}},
    "spec": {"replicas": 3, "selector": {"matchLabels": {"app": "web"}}, "minReadySeconds": 0,
      "strategy": {"type": "RollingUpdate", "rollingUpdate": {"maxUnavailable": "25%", "maxSurge": "25%"}},
      "template": {"metadata": {"labels": {"app": "web"}}, "spec": {"containers": [{"name": "nginx", "image": "nginx:1.25",
        "ports": [{"containerPort": 80, "protocol": "TCP"}]}]}}},
    "status": {"replicas": 3, "updatedReplicas": 3, "readyReplicas": 3, "availableReplicas": 3,
      "conditions": [{"type": "Available", "status": "True", "reason": "MinimumReplicasAvailable"},
                     {"type": "Progressing", "status": "True", "reason": "NewReplicaSetAvailable"}]}})");
  json oldRs = {{"metadata", {{"name", "web-5d59d67564"}}}, {"spec", {{"replicas", 0}}}, {"status", {{"replicas", 0}}}};
  json newRs = {{"metadata", {{"name", "web-7d4b9c8d5"}}}, {"spec", {{"replicas", 3}}}, {"status", {{"replicas", 3}}}};
  std::string expected =
      "Name:                   web\n"
      "Namespace:              default\n"
      "CreationTimestamp:      Mon, 01 Jan 2024 10:00:00 +0000\n"
      "Labels:                 app=web\n"
      "Annotations:            deployment.kubernetes.io/revision: 2\n"
      "Selector:               app=web\n"
      "Replicas:               3 desired | 3 updated | 3 total | 3 available | 0 unavailable\n"
      "StrategyType:           RollingUpdate\n"
      "MinReadySeconds:        0\n"
      "RollingUpdateStrategy:  25% max unavailable, 25% max surge\n"
      "Pod Template:\n"
      "  Labels:  app=web\n"
      "  Containers:\n"
      "   nginx:\n"
      "    Image:         nginx:1.25\n"
      "    Port:          80/TCP\n"
      "    Host Port:     0/TCP\n"
      "    Environment:   <none>\n"
      "    Mounts:        <none>\n"
      "  Volumes:         <none>\n"
      "  Node-Selectors:  <none>\n"
      "  Tolerations:     <none>\n"
      "Conditions:\n"
      "  Type           Status  Reason\n"
      "  ----           ------  ------\n"
      "  Available      True    MinimumReplicasAvailable\n"
      "  Progressing    True    NewReplicaSetAvailable\n"
      "OldReplicaSets:  web-5d59d67564 (0/0 replicas created)\n"
      "NewReplicaSet:   web-7d4b9c8d5 (3/3 replicas created)\n"
      "Events:          <none>\n";
  CHECK(describeDeployment(dep, {&oldRs}, &newRs, {}, T(0)) == expected);

  json svc = json::parse(R"({"kind": "Service", "metadata": {"name": "web", "namespace": "default"},
    "spec": {"type": "ClusterIP", "clusterIP": "10.96.1.2", "clusterIPs": ["10.96.1.2"], "selector": {"app": "web"},
      "ipFamilies": ["IPv4"], "ipFamilyPolicy": "SingleStack", "sessionAffinity": "None", "internalTrafficPolicy": "Cluster",
      "ports": [{"port": 80, "targetPort": 80, "protocol": "TCP"}]}})");
  json eps = json::parse(R"({"subsets": [{"addresses": [{"ip": "10.244.0.5"}], "ports": [{"port": 80, "protocol": "TCP"}]}]})");
  std::string out = describeService(svc, &eps, {}, T(0));
  CHECK(out.find("Port:                     <unset>  80/TCP\n"
                 "TargetPort:               80/TCP\n"
                 "Endpoints:                10.244.0.5:80\n") != std::string::npos);
  CHECK(out.find("Internal Traffic Policy:  Cluster\nEvents:                   <none>\n") != std::string::npos);
}

// ------------------------------------------------------------------------------------------ output

TEST_CASE("toYaml: go-yaml v2 layout and quoting", "[printers][yaml]") {
  json obj = json::parse(R"({"apiVersion": "v1", "kind": "Pod",
    "metadata": {"name": "web", "creationTimestamp": "2024-01-01T10:00:00Z",
      "labels": {"app": "web", "node-role.kubernetes.io/control-plane": ""},
      "annotations": {"deployment.kubernetes.io/revision": "1", "note": "a: b", "flag": "true", "star": "*x",
                      "multi": "line1\nline2\n", "nonl": "x\ny"}},
    "spec": {"containers": [{"name": "nginx", "image": "nginx:1.25", "args": ["-c", "echo hi"],
      "ports": [{"containerPort": 80}], "resources": {}}], "volumes": [], "priority": 0, "enableServiceLinks": true},
    "status": {"phase": "Pending", "startTime": null}})");
  std::string expected =
      "apiVersion: v1\n"
      "kind: Pod\n"
      "metadata:\n"
      "  annotations:\n"
      "    deployment.kubernetes.io/revision: \"1\"\n"
      "    flag: \"true\"\n"
      "    multi: |\n"
      "      line1\n"
      "      line2\n"
      "    nonl: |-\n"
      "      x\n"
      "      y\n"
      "    note: 'a: b'\n"
      "    star: '*x'\n"
      "  creationTimestamp: \"2024-01-01T10:00:00Z\"\n"
      "  labels:\n"
      "    app: web\n"
      "    node-role.kubernetes.io/control-plane: \"\"\n"
      "  name: web\n"
      "spec:\n"
      "  containers:\n"
      "  - args:\n"
      "    - -c\n"
      "    - echo hi\n"
      "    image: nginx:1.25\n"
      "    name: nginx\n"
      "    ports:\n"
      "    - containerPort: 80\n"
      "    resources: {}\n"
      "  enableServiceLinks: true\n"
      "  priority: 0\n"
      "  volumes: []\n"
      "status:\n"
      "  phase: Pending\n"
      "  startTime: null\n";
  CHECK(toYaml(obj) == expected);
}

TEST_CASE("toYaml: long strings fold at 80 columns; key order", "[printers][yaml]") {
  json obj = {{"message",
               "0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, "
               "2 Insufficient cpu."}};
  CHECK(toYaml(obj) ==
        "message: '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane:\n"
        "  }, 2 Insufficient cpu.'\n");
  CHECK(yamlKeyLess("a2", "a10"));
  CHECK(yamlKeyLess("a_b", "aB"));
  CHECK(!yamlKeyLess("b", "a"));
  CHECK(toYaml(json{{"v", "1.5"}, {"w", "08"}, {"x", "0x1F"}, {"y", "yes"}, {"z", "1:20"}}) ==
        "v: \"1.5\"\nw: \"08\"\nx: \"0x1F\"\n\"y\": \"yes\"\nz: \"1:20\"\n");
  CHECK(toYaml(json{{"tab", "a\tb"}, {"f", 1.5}, {"big", 1e6}}) == "big: 1e+06\nf: 1.5\ntab: \"a\\tb\"\n");
}

TEST_CASE("toJson: 4-space indent, Go escaping", "[printers][json]") {
  json obj = {{"b", json::array()}, {"a", {{"x", 1}, {"y", "<none> & more"}}}, {"c", json::object()}, {"d", 1.0}};
  CHECK(toJson(obj) ==
        "{\n"
        "    \"a\": {\n"
        "        \"x\": 1,\n"
        "        \"y\": \"\\u003cnone\\u003e \\u0026 more\"\n"
        "    },\n"
        "    \"b\": [],\n"
        "    \"c\": {},\n"
        "    \"d\": 1\n"
        "}\n");
  CHECK(toGoJsonCompact(json{{"running", {{"startedAt", "2024-01-01T10:00:05Z"}}}}) ==
        "{\"running\":{\"startedAt\":\"2024-01-01T10:00:05Z\"}}");
}

TEST_CASE("jsonpath", "[printers][jsonpath]") {
  json pod = samplePod();
  json list = {{"apiVersion", "v1"}, {"kind", "List"}, {"items", json::array({pod, pod})}};
  list["items"][1]["metadata"]["name"] = "other";
  std::string out, err;
  CHECK(jsonpath(pod, "{.metadata.name}", out, err));
  CHECK(out == "web-7d4b9c8d5-abcde");
  CHECK(jsonpath(list, "{.items[*].metadata.name}", out, err));
  CHECK(out == "web-7d4b9c8d5-abcde other");
  CHECK(jsonpath(pod, "{.status.containerStatuses[0].state}", out, err));
  CHECK(out == "{\"running\":{\"startedAt\":\"2024-01-01T10:00:05Z\"}}");
  CHECK(jsonpath(list, "{range .items[*]}{.metadata.name}{\"\\t\"}{.status.phase}{\"\\n\"}{end}", out, err));
  CHECK(out == "web-7d4b9c8d5-abcde\tRunning\nother\tRunning\n");
  CHECK(jsonpath(pod, "{.status.conditions[?(@.type==\"Ready\")].status}", out, err));
  CHECK(out == "True");
  CHECK(jsonpath(pod, "name={.metadata.name} ip={.status.podIP}", out, err));
  CHECK(out == "name=web-7d4b9c8d5-abcde ip=10.244.0.5");
  CHECK(jsonpath(pod, "{.metadata.missing}", out, err));
  CHECK(out == "");
  CHECK(jsonpath(pod, "{.metadata.labels.app}{.spec.containers[-1].ports[0].containerPort}", out, err));
  CHECK(out == "web80");
  CHECK(jsonpath(pod, "{.metadata.labels['pod-template-hash']}", out, err));
  CHECK(out == "7d4b9c8d5");
  CHECK(jsonpath(pod, "{..image}", out, err));
  CHECK(out == "nginx:1.25 nginx:1.25");
  CHECK(jsonpath(pod, "{.spec.containers[*].ports}", out, err));
  CHECK(out == "[{\"containerPort\":80,\"protocol\":\"TCP\"}]");
  CHECK_FALSE(jsonpath(pod, "{.metadata.name", out, err));
  CHECK(err.find("unclosed action") != std::string::npos);
  CHECK_FALSE(jsonpath(list, "{.items[5]}", out, err));
  CHECK(err.find("array index out of bounds: index 5, length 2") != std::string::npos);
}
