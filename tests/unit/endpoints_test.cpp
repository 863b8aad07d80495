// Endpoints controller (k/k pkg/controller/endpoint) and the service proxy: Endpoints content,
// readiness, named ports, truncation, and HTTP routing from containers.
#include <catch2/catch.hpp>

#include "cluster.h"
#include "controllers/endpoints.h"
#include "runtime/images.h"
#include "runtime/process.h"
#include "session.h"
#include "util/timefmt.h"

using namespace podplay;

namespace {

json makePod(const std::string& name, const std::string& ip, bool ready, json labels = {{"app", "web"}},
             const std::string& phase = "Running") {
  json pod = {{"apiVersion", "v1"},
              {"kind", "Pod"},
              {"metadata", {{"name", name}, {"namespace", "default"}, {"uid", "uid-" + name}, {"labels", labels},
                            {"creationTimestamp", "2024-01-01T10:00:00Z"}}},
              {"spec",
               {{"nodeName", "kind-worker"},
                {"containers", json::array({{{"name", "app"}, {"image", "nginx:1.25"},
                                             {"ports", json::array({{{"name", "http"}, {"containerPort", 8080}, {"protocol", "TCP"}}})}}})}}},
              {"status",
               {{"phase", phase},
                {"conditions", json::array({{{"type", "Ready"}, {"status", ready ? "True" : "False"},
                                             {"lastTransitionTime", "2024-01-01T10:00:05Z"}}})}}}};
  if (!ip.empty()) {
    pod["status"]["podIP"] = ip;
    pod["status"]["podIPs"] = json::array({{{"ip", ip}}});
  }
  return pod;
}

json makeService(json ports, bool publishNotReady = false) {
  json svc = {{"apiVersion", "v1"},
              {"kind", "Service"},
              {"metadata", {{"name", "web"}, {"namespace", "default"}}},
              {"spec", {{"selector", {{"app", "web"}}}, {"ports", ports}, {"clusterIP", "10.96.0.50"}}}};
  if (publishNotReady) svc["spec"]["publishNotReadyAddresses"] = true;
  return svc;
}

std::vector<ObjPtr> ptrs(const std::vector<json>& v) {
  std::vector<ObjPtr> out;
  for (const auto& j : v) out.push_back(std::make_shared<const json>(j));
  return out;
}

}  // namespace

TEST_CASE("endpoints: addresses, notReadyAddresses, named target ports, sorting", "[endpoints]") {
  json svc = makeService(json::parse(R"([{"name":"web","port":80,"protocol":"TCP","targetPort":"http"},
                                          {"name":"metrics","port":9090,"protocol":"TCP","targetPort":9100}])"));
  std::vector<json> pods = {makePod("b", "10.244.1.10", true), makePod("a", "10.244.1.9", true),
                            makePod("c", "10.244.2.3", false), makePod("pending", "", false),
                            makePod("done", "10.244.2.4", false, {{"app", "web"}}, "Succeeded")};
  json deleting = makePod("bye", "10.244.2.5", true);
  deleting["metadata"]["deletionTimestamp"] = "2024-01-01T10:00:09Z";
  pods.push_back(deleting);
  json subsets = EndpointsController::computeSubsets(svc, ptrs(pods));
  // Both ports have the same address set: one subset. Addresses sorted by IP string.
  REQUIRE(subsets.size() == 1);
  json want = json::parse(R"({
    "addresses": [
      {"ip": "10.244.1.10", "nodeName": "kind-worker", "targetRef": {"kind": "Pod", "name": "b", "namespace": "default", "uid": "uid-b"}},
      {"ip": "10.244.1.9", "nodeName": "kind-worker", "targetRef": {"kind": "Pod", "name": "a", "namespace": "default", "uid": "uid-a"}}],
    "notReadyAddresses": [
      {"ip": "10.244.2.3", "nodeName": "kind-worker", "targetRef": {"kind": "Pod", "name": "c", "namespace": "default", "uid": "uid-c"}}],
    "ports": [{"name": "metrics", "port": 9100, "protocol": "TCP"}, {"name": "web", "port": 8080, "protocol": "TCP"}]})");
  CHECK(subsets[0] == want);

  // publishNotReadyAddresses: everyone (but terminal pods) is ready, terminating ones included.
  json pub = EndpointsController::computeSubsets(makeService(svc["spec"]["ports"], true), ptrs(pods));
  REQUIRE(pub.size() == 1);
  CHECK(pub[0]["addresses"].size() == 4);
  CHECK_FALSE(pub[0].contains("notReadyAddresses"));

  // A named port a pod does not have: that pod gets no subset for it.
  json other = makePod("x", "10.244.3.3", true);
  other["spec"]["containers"][0]["ports"][0]["name"] = "web";
  json two = EndpointsController::computeSubsets(svc, ptrs({makePod("a", "10.244.1.9", true), other}));
  // Ports with different address sets go to different subsets (RepackSubsets).
  REQUIRE(two.size() == 2);
  CHECK(two[0]["ports"] == json::parse(R"([{"name":"metrics","port":9100,"protocol":"TCP"}])"));
  CHECK(two[0]["addresses"].size() == 2);
  CHECK(two[1]["ports"] == json::parse(R"([{"name":"web","port":8080,"protocol":"TCP"}])"));
  CHECK(two[1]["addresses"].size() == 1);

  // Headless without ports keeps its addresses; no pods -> no subsets.
  json headless = makeService(json::array());
  headless["spec"]["clusterIP"] = "None";
  json hs = EndpointsController::computeSubsets(headless, ptrs({makePod("a", "10.244.1.9", true)}));
  REQUIRE(hs.size() == 1);
  CHECK_FALSE(hs[0].contains("ports"));
  CHECK(EndpointsController::computeSubsets(svc, {}).empty());
}

TEST_CASE("endpoints controller: follows pods and services; describe and get show it", "[endpoints]") {
  Session s;
  REQUIRE(s.exec("kubectl apply -f -", R"(apiVersion: v1
kind: Service
metadata:
  name: web
  labels:
    tier: front
spec:
  selector:
    app: web
  ports:
  - port: 80
    targetPort: 80
---
apiVersion: v1
kind: Pod
metadata:
  name: web-1
  labels:
    app: web
spec:
  containers:
  - name: nginx
    image: nginx:1.25
    readinessProbe:
      httpGet:
        path: /
        port: 80
      periodSeconds: 5
)").exitCode == 0);
  auto ep = s.store().get("Endpoints", "default", "web");
  REQUIRE(ep);  // created with the Service, empty
  CHECK_FALSE(ep->contains("subsets"));
  CHECK((*ep)["metadata"]["labels"] == json{{"tier", "front"}});
  CHECK((*ep)["metadata"]["annotations"]["endpoints.kubernetes.io/last-change-trigger-time"] == "2024-01-01T10:00:00Z");
  // Running at 3.368s, not ready until the first probe succeeds (t=3.368s + 0s delay, status at t=4s).
  s.exec("sleep 3.5");
  ep = s.store().get("Endpoints", "default", "web");
  REQUIRE(ep->contains("subsets"));
  CHECK((*ep)["subsets"][0].contains("notReadyAddresses"));
  s.exec("sleep 5");
  CHECK(s.exec("kubectl get endpoints web").out() == "NAME   ENDPOINTS       AGE\nweb    10.244.2.2:80   8s\n");
  CHECK(s.exec("kubectl describe svc web").out().find("Endpoints:                10.244.2.2:80\n") != std::string::npos);
  ep = s.store().get("Endpoints", "default", "web");
  std::string trigger = (*ep)["metadata"]["annotations"]["endpoints.kubernetes.io/last-change-trigger-time"];
  auto pod = s.store().get("Pod", "default", "web-1");
  std::string readySince;
  for (const auto& c : (*pod)["status"]["conditions"])
    if (c["type"] == "Ready") readySince = c["lastTransitionTime"];
  CHECK(trigger == readySince);

  // Readiness lost: the address moves to notReadyAddresses; ENDPOINTS column is empty.
  s.exec("kubectl exec web-1 -- rm /usr/share/nginx/html/index.html");
  s.exec("sleep 20");
  CHECK(s.exec("kubectl get endpoints web --no-headers").out() == "web         28s\n");
  // Labels no longer match: out of the Endpoints.
  s.exec("kubectl label pod web-1 app=other --overwrite");
  s.exec("sleep 0.001");
  ep = s.store().get("Endpoints", "default", "web");
  CHECK_FALSE(ep->contains("subsets"));
  // Service deleted: its Endpoints go; the kubernetes Endpoints stays.
  s.exec("kubectl delete svc web");
  CHECK_FALSE(s.store().get("Endpoints", "default", "web"));
  CHECK(s.exec("kubectl get ep").out() == "NAME         ENDPOINTS         AGE\nkubernetes   172.18.0.2:6443   5m28s\n");
}

TEST_CASE("endpoints controller: more than 1000 addresses are truncated", "[endpoints]") {
  Session s;
  Store& store = s.cluster().store;
  REQUIRE(s.exec("kubectl apply -f -", "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: web\n"
                                       "  ports:\n  - port: 80\n    targetPort: 8080\n").exitCode == 0);
  for (int i = 0; i < 1005; ++i) {
    std::string ip = "10.250." + std::to_string(i / 250) + "." + std::to_string(i % 250 + 1);
    json p = makePod("p" + std::to_string(i), ip, i % 2 == 0);
    p["spec"]["nodeName"] = "ghost";  // no kubelet runs them
    store.create(p);
  }
  s.exec("sleep 0.001");
  auto ep = store.get("Endpoints", "default", "web");
  REQUIRE(ep);
  CHECK((*ep)["metadata"]["annotations"]["endpoints.kubernetes.io/over-capacity"] == "truncated");
  const json& ss = (*ep)["subsets"][0];
  CHECK(ss["addresses"].size() == 503);          // every ready address
  CHECK(ss["notReadyAddresses"].size() == 497);  // filled up to 1000
  CHECK(s.exec("kubectl get ep web --no-headers").out() ==
        "web   10.250.0.1:8080,10.250.0.101:8080,10.250.0.103:8080 + 500 more...   0s\n");
}

TEST_CASE("service proxy: names, ClusterIP and pod IPs reach a ready endpoint's targetPort", "[endpoints]") {
  Session s;
  REQUIRE(s.exec("kubectl apply -f -", R"(apiVersion: v1
kind: Pod
metadata:
  name: echo
  labels:
    app: echo
spec:
  containers:
  - name: echo
    image: hashicorp/http-echo:1.0
    args: ["-text=hello", "-listen=:5678"]
---
apiVersion: v1
kind: Service
metadata:
  name: echo
spec:
  selector:
    app: echo
  ports:
  - port: 80
    targetPort: 5678
---
apiVersion: v1
kind: Service
metadata:
  name: empty
spec:
  selector:
    app: nothing
  ports:
  - port: 80
)").exitCode == 0);
  s.exec("kubectl run client --image=busybox:1.36 -- sleep 3600");
  s.exec("sleep 10");
  auto svc = s.store().get("Service", "default", "echo");
  std::string clusterIP = (*svc)["spec"]["clusterIP"];
  std::string podIP = (*s.store().get("Pod", "default", "echo"))["status"]["podIP"];
  for (std::string url : std::vector<std::string>{"http://echo", "http://echo.default", "http://echo.default.svc", "http://echo.default.svc.cluster.local/x",
                          "http://" + clusterIP, "http://" + podIP + ":5678"}) {
    INFO(url);
    auto r = s.exec("kubectl exec client -- wget -qO- " + url);
    CHECK(r.exitCode == 0);
    CHECK(r.out() == "hello\n");
  }
  // The pod's own port 80 is closed; a Service without endpoints refuses.
  auto r = s.exec("kubectl exec client -- wget -qO- http://" + podIP);
  CHECK(r.text() == "wget: can't connect to remote host (" + podIP + "): Connection refused\ncommand terminated with exit code 1\n");
  std::string emptyIP = (*s.store().get("Service", "default", "empty"))["spec"]["clusterIP"];
  r = s.exec("kubectl exec client -- wget http://empty");
  CHECK(r.text() == "Connecting to empty (" + emptyIP + ":80)\nwget: can't connect to remote host (" + emptyIP +
                       "): Connection refused\ncommand terminated with exit code 1\n");
  r = s.exec("kubectl exec client -- nslookup echo");
  CHECK(r.out().find("Address: " + clusterIP + "\n") != std::string::npos);
  // Unknown names still fail to resolve.
  r = s.exec("kubectl exec client -- wget -qO- http://nope");
  CHECK(r.text() == "wget: bad address 'nope'\ncommand terminated with exit code 1\n");
}

TEST_CASE("service proxy: requests spread over the ready endpoints, deterministically", "[endpoints]") {
  auto spread = [](uint64_t seed) {
    Session s(SessionOptions{seed});
    s.exec("kubectl create deployment web --image=nginx:1.25 --replicas=3");
    s.exec("kubectl expose deployment web --port=80");
    s.exec("kubectl run client --image=busybox:1.36 -- sh -c 'sleep 10; for i in $(seq 300); do wget -q -O- http://web >/dev/null; done; sleep 3600'");
    s.exec("sleep 30");
    std::vector<size_t> hits;
    for (const auto& p : s.store().list("Pod", "default")) {
      std::string name = (*p)["metadata"]["name"];
      if (name.rfind("web-", 0) != 0) continue;
      std::string logs = s.exec("kubectl logs " + name).out();
      size_t n = 0;
      for (size_t at = logs.find("\"GET / HTTP/1.1\" 200 615"); at != std::string::npos; at = logs.find("\"GET / HTTP/1.1\"", at + 1)) ++n;
      hits.push_back(n);
    }
    return hits;
  };
  auto a = spread(1);
  REQUIRE(a.size() == 3);
  CHECK(a[0] + a[1] + a[2] == 300);
  for (size_t n : a) CHECK(n > 70);
  CHECK(spread(1) == a);
}

TEST_CASE("container logs rotate at 10 MiB (a chatty client's log stays bounded)", "[endpoints]") {
  ContainerFs fs;
  std::string log;
  ProcessContext ctx;
  ctx.fs = &fs;
  ctx.log = &log;
  std::string line(8191, 'x');
  // 1400 lines of 8 KiB = 11.2 MiB: one rotation, after which the log holds what came since.
  auto p = spawnProcess({"sh", "-c", "i=0; while [ $i -lt 1400 ]; do echo " + line + "; i=$((i+1)); done"},
                        lookupImage("busybox:1.36"), ctx, false);
  REQUIRE(p->resume(0).kind == ProcessStep::Exit);
  CHECK(log.size() == (1400 - 1280) * 8192);
  CHECK(log.size() < 10u * 1024 * 1024);
}
