// ReplicaSet, Deployment and garbage-collector behaviour through the command layer, asserted at
// exact virtual times (k/k pkg/controller/replicaset, pkg/controller/deployment).
#include <catch2/catch.hpp>

#include "cluster.h"
#include "controllers/deployment.h"
#include "controllers/replicaset.h"
#include "controllers/workload_util.h"
#include "session.h"
#include "util/timefmt.h"

using namespace podplay;

namespace {

std::string deployment(const std::string& name, int replicas, const std::string& image,
                       const std::string& strategy = "", const std::string& extraSpec = "") {
  std::string y = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: " + name + "\nspec:\n";
  if (replicas >= 0) y += "  replicas: " + std::to_string(replicas) + "\n";
  y += strategy + extraSpec;
  y += "  selector:\n    matchLabels:\n      app: " + name + "\n  template:\n    metadata:\n      labels:\n        app: " + name +
       "\n    spec:\n      containers:\n      - name: app\n        image: " + image + "\n";
  return y;
}

void applyYaml(Session& s, const std::string& yaml) {
  auto r = s.exec("kubectl apply -f -", yaml);
  INFO(r.text());
  REQUIRE(r.exitCode == 0);
}

json get(Session& s, const std::string& kind, const std::string& name) {
  auto p = s.store().get(kind, "default", name);
  REQUIRE(p);
  return *p;
}

// ScalingReplicaSet messages of a deployment, in the order they were first recorded.
std::vector<std::string> scalingEvents(Session& s, const std::string& name) {
  std::vector<std::string> out;
  for (const auto& e : s.store().eventsFor("Deployment", "default", name))
    if ((*e).value("reason", "") == "ScalingReplicaSet") out.push_back((*e).value("message", ""));
  return out;
}

std::vector<ObjPtr> replicaSets(Session& s, const std::string& deploy) {
  auto d = s.store().get("Deployment", "default", deploy);
  REQUIRE(d);
  auto v = s.store().ownedBy("ReplicaSet", (*d)["metadata"].value("uid", ""));
  std::sort(v.begin(), v.end(), [](const ObjPtr& a, const ObjPtr& b) { return creationTime(*a) < creationTime(*b) || (creationTime(*a) == creationTime(*b) && objName(*a) < objName(*b)); });
  return v;
}

std::string rsNameSuffix(const std::vector<ObjPtr>& rss, size_t i) { return objName(*rss.at(i)); }

std::string condition(const json& d, const std::string& type, const char* field) {
  for (const auto& c : d["status"].value("conditions", json::array()))
    if (c.value("type", "") == type) return c.value(field, "");
  return "";
}

}  // namespace

TEST_CASE("fenceposts: maxSurge rounds up, maxUnavailable down, both 0 -> 1", "[deployment]") {
  json d = {{"spec", {{"replicas", 3}, {"strategy", {{"type", "RollingUpdate"}, {"rollingUpdate", {{"maxSurge", "25%"}, {"maxUnavailable", "25%"}}}}}}}};
  REQUIRE(DeploymentController::maxSurge(d) == 1);
  REQUIRE(DeploymentController::maxUnavailable(d) == 0 + 1 - 1);  // floor(0.75) = 0
  d["spec"]["replicas"] = 1;
  d["spec"]["strategy"]["rollingUpdate"] = {{"maxSurge", "0%"}, {"maxUnavailable", "10%"}};
  REQUIRE(DeploymentController::maxSurge(d) == 0);
  REQUIRE(DeploymentController::maxUnavailable(d) == 1);
  d["spec"]["replicas"] = 10;
  d["spec"]["strategy"]["rollingUpdate"] = {{"maxSurge", 3}, {"maxUnavailable", 2}};
  REQUIRE(DeploymentController::maxSurge(d) == 3);
  REQUIRE(DeploymentController::maxUnavailable(d) == 2);
  d["spec"]["strategy"] = {{"type", "Recreate"}};
  REQUIRE(DeploymentController::maxSurge(d) == 0);
  REQUIRE(DeploymentController::maxUnavailable(d) == 0);
}

TEST_CASE("a Deployment creates one ReplicaSet <name>-<hash> with revision 1 and its pods", "[deployment]") {
  Session s;
  applyYaml(s, deployment("web", 3, "nginx:1.25"));
  auto rss = replicaSets(s, "web");
  REQUIRE(rss.size() == 1);
  const json& rs = *rss[0];
  std::string hash = rs["metadata"]["labels"].value("pod-template-hash", "");
  REQUIRE(objName(rs) == "web-" + hash);
  REQUIRE(rs["spec"]["selector"]["matchLabels"] == json::object({{"app", "web"}, {"pod-template-hash", hash}}));
  REQUIRE(annotation(rs, "deployment.kubernetes.io/revision") == "1");
  REQUIRE(annotation(rs, "deployment.kubernetes.io/desired-replicas") == "3");
  REQUIRE(annotation(rs, "deployment.kubernetes.io/max-replicas") == "4");
  REQUIRE(annotation(get(s, "Deployment", "web"), "deployment.kubernetes.io/revision") == "1");
  REQUIRE(scalingEvents(s, "web") == std::vector<std::string>{"Scaled up replica set " + objName(rs) + " from 0 to 3"});
  auto pods = s.store().ownedBy("Pod", rs["metadata"].value("uid", ""));
  REQUIRE(pods.size() == 3);
  for (const auto& p : pods) {
    REQUIRE(objName(*p).rfind(objName(rs) + "-", 0) == 0);
    REQUIRE(objName(*p).size() == objName(rs).size() + 6);
    REQUIRE((*p)["metadata"]["labels"].value("pod-template-hash", "") == hash);
  }
  // The ReplicaSet recorded one SuccessfulCreate per pod.
  int creates = 0;
  for (const auto& e : s.store().eventsFor("ReplicaSet", "default", objName(rs)))
    if ((*e).value("reason", "") == "SuccessfulCreate") ++creates;
  REQUIRE(creates == 3);
  // Same template -> same hash (deterministic).
  REQUIRE(templateHash(get(s, "Deployment", "web")["spec"]["template"], 0) == hash);
  // Not available yet: Available False; Progressing True NewReplicaSetCreated, then at once
  // ReplicaSetUpdated (the ReplicaSet reported its 3 new pods).
  json d = get(s, "Deployment", "web");
  REQUIRE(condition(d, "Available", "status") == "False");
  REQUIRE(condition(d, "Progressing", "reason") == "ReplicaSetUpdated");
  REQUIRE(condition(d, "Progressing", "message") == "ReplicaSet \"" + objName(rs) + "\" is progressing.");
  s.exec("sleep 30");
  d = get(s, "Deployment", "web");
  REQUIRE(d["status"].value("availableReplicas", 0) == 3);
  REQUIRE(d["status"].value("updatedReplicas", 0) == 3);
  REQUIRE(condition(d, "Available", "reason") == "MinimumReplicasAvailable");
  REQUIRE(condition(d, "Progressing", "reason") == "NewReplicaSetAvailable");
  REQUIRE(condition(d, "Progressing", "message") == "ReplicaSet \"" + objName(rs) + "\" has successfully progressed.");
  // Conditions order as kubectl describe shows them: Available, then Progressing.
  REQUIRE(d["status"]["conditions"][0].value("type", "") == "Available");
}

TEST_CASE("rolling update 3 replicas 25%/25%: new 1, old 2, new 2, old 1, new 3, old 0", "[deployment]") {
  Session s;
  applyYaml(s, deployment("web", 3, "nginx:1.25"));
  s.exec("sleep 30");
  applyYaml(s, deployment("web", 3, "nginx:1.26"));
  s.exec("sleep 60");
  auto rss = replicaSets(s, "web");
  REQUIRE(rss.size() == 2);
  std::string oldRS = objName(*rss[0]), newRS = objName(*rss[1]);
  REQUIRE(annotation(*rss[1], "deployment.kubernetes.io/revision") == "2");
  REQUIRE(scalingEvents(s, "web") == std::vector<std::string>{
                                         "Scaled up replica set " + oldRS + " from 0 to 3",
                                         "Scaled up replica set " + newRS + " from 0 to 1",
                                         "Scaled down replica set " + oldRS + " from 3 to 2",
                                         "Scaled up replica set " + newRS + " from 1 to 2",
                                         "Scaled down replica set " + oldRS + " from 2 to 1",
                                         "Scaled up replica set " + newRS + " from 2 to 3",
                                         "Scaled down replica set " + oldRS + " from 1 to 0",
                                     });
  json d = get(s, "Deployment", "web");
  REQUIRE(annotation(d, "deployment.kubernetes.io/revision") == "2");
  REQUIRE(d["status"].value("replicas", 0) == 3);
  REQUIRE(d["status"].value("updatedReplicas", 0) == 3);
  REQUIRE(d["metadata"].value("generation", 0) == 2);
  REQUIRE(d["status"].value("observedGeneration", 0) == 2);
  // Going back to the first template reuses its ReplicaSet: revision 3, history "1".
  applyYaml(s, deployment("web", 3, "nginx:1.25"));
  s.exec("sleep 60");
  rss = replicaSets(s, "web");
  REQUIRE(rss.size() == 2);
  REQUIRE(objName(*rss[0]) == oldRS);
  REQUIRE(annotation(*rss[0], "deployment.kubernetes.io/revision") == "3");
  REQUIRE(annotation(*rss[0], "deployment.kubernetes.io/revision-history") == "1");
  REQUIRE(rss[0]->at("spec").value("replicas", -1) == 3);
  REQUIRE(rss[1]->at("spec").value("replicas", -1) == 0);
}

TEST_CASE("maxSurge 0 / maxUnavailable 1 scales the old ReplicaSet down first", "[deployment]") {
  Session s;
  std::string strategy = "  strategy:\n    rollingUpdate:\n      maxSurge: 0\n      maxUnavailable: 1\n";
  applyYaml(s, deployment("web", 3, "nginx:1.25", strategy));
  s.exec("sleep 30");
  applyYaml(s, deployment("web", 3, "nginx:1.26", strategy));
  auto rss = replicaSets(s, "web");
  REQUIRE(rss.size() == 2);
  std::string oldRS = objName(*rss[0]), newRS = objName(*rss[1]);
  auto ev = scalingEvents(s, "web");
  REQUIRE(ev.size() == 3);
  REQUIRE(ev[1] == "Scaled down replica set " + oldRS + " from 3 to 2");
  REQUIRE(ev[2] == "Scaled up replica set " + newRS + " from 0 to 1");
  s.exec("sleep 60");
  ev = scalingEvents(s, "web");
  REQUIRE(ev.back() == "Scaled up replica set " + newRS + " from 2 to 3");
  REQUIRE(get(s, "ReplicaSet", oldRS)["spec"].value("replicas", -1) == 0);
}

TEST_CASE("proportional scaling mid-rollout (the kubernetes.io example: 10 -> 15, surge 3)", "[deployment]") {
  Session s;
  std::string strategy = "  strategy:\n    rollingUpdate:\n      maxSurge: 3\n      maxUnavailable: 2\n";
  applyYaml(s, deployment("web", 10, "nginx:1.25", strategy));
  s.exec("sleep 60");
  REQUIRE(get(s, "Deployment", "web")["status"].value("availableReplicas", 0) == 10);
  applyYaml(s, deployment("web", 10, "nginx:1.161", strategy));  // this tag does not exist
  s.exec("sleep 30");
  auto rss = replicaSets(s, "web");
  REQUIRE(rss.size() == 2);
  REQUIRE((*rss[0])["spec"].value("replicas", -1) == 8);
  REQUIRE((*rss[1])["spec"].value("replicas", -1) == 5);
  applyYaml(s, deployment("web", 15, "nginx:1.161", strategy));
  s.exec("sleep 1");
  rss = replicaSets(s, "web");
  REQUIRE((*rss[0])["spec"].value("replicas", -1) == 11);
  REQUIRE((*rss[1])["spec"].value("replicas", -1) == 7);
  auto ev = scalingEvents(s, "web");
  REQUIRE(ev[ev.size() - 2] == "Scaled up replica set " + objName(*rss[0]) + " from 8 to 11");
  REQUIRE(ev.back() == "Scaled up replica set " + objName(*rss[1]) + " from 5 to 7");
}

TEST_CASE("progress deadline: Progressing False ProgressDeadlineExceeded", "[deployment]") {
  Session s;
  applyYaml(s, deployment("web", 2, "nginx:1.25", "", "  progressDeadlineSeconds: 30\n"));
  s.exec("sleep 30");
  Time t0 = s.now();
  applyYaml(s, deployment("web", 2, "nginx:1.161", "", "  progressDeadlineSeconds: 30\n"));
  s.exec("sleep 30");
  json d = get(s, "Deployment", "web");
  REQUIRE(condition(d, "Progressing", "status") == "True");
  s.exec("sleep 1");
  d = get(s, "Deployment", "web");
  REQUIRE(condition(d, "Progressing", "status") == "False");
  REQUIRE(condition(d, "Progressing", "reason") == "ProgressDeadlineExceeded");
  auto rss = replicaSets(s, "web");
  REQUIRE(condition(d, "Progressing", "message") == "ReplicaSet \"" + objName(*rss[1]) + "\" has timed out progressing.");
  REQUIRE(condition(d, "Progressing", "lastUpdateTime") == rfc3339(t0 + 31000));
  // The old pods keep serving: Available stays True (2 - maxUnavailable 0 = 2 available).
  REQUIRE(condition(d, "Available", "status") == "True");
}

TEST_CASE("Recreate: old pods are gone before the new ReplicaSet scales up", "[deployment]") {
  Session s;
  std::string strategy = "  strategy:\n    type: Recreate\n";
  applyYaml(s, deployment("web", 2, "busybox:1.36\n        command: [\"sleep\", \"3600\"]", strategy));
  s.exec("sleep 30");
  applyYaml(s, deployment("web", 2, "busybox:1.36\n        command: [\"sleep\", \"3601\"]", strategy));
  auto rss = replicaSets(s, "web");
  REQUIRE(rss.size() == 1);  // the new one waits: sleep ignores TERM, 30s grace
  auto ev = scalingEvents(s, "web");
  REQUIRE(ev.back() == "Scaled down replica set " + objName(*rss[0]) + " from 2 to 0");
  s.exec("sleep 29");
  REQUIRE(replicaSets(s, "web").size() == 1);
  s.exec("sleep 2");
  rss = replicaSets(s, "web");
  REQUIRE(rss.size() == 2);
  REQUIRE(scalingEvents(s, "web").back() == "Scaled up replica set " + objName(*rss[1]) + " from 0 to 2");
}

TEST_CASE("paused: template changes wait for resume; scaling still happens", "[deployment]") {
  Session s;
  applyYaml(s, deployment("web", 2, "nginx:1.25"));
  s.exec("sleep 30");
  applyYaml(s, deployment("web", 2, "nginx:1.26", "", "  paused: true\n"));
  json d = get(s, "Deployment", "web");
  REQUIRE(replicaSets(s, "web").size() == 1);
  REQUIRE(condition(d, "Progressing", "status") == "Unknown");
  REQUIRE(condition(d, "Progressing", "reason") == "DeploymentPaused");
  REQUIRE(condition(d, "Progressing", "message") == "Deployment is paused");
  applyYaml(s, deployment("web", 4, "nginx:1.26", "", "  paused: true\n"));
  s.exec("sleep 1");
  auto rss = replicaSets(s, "web");
  REQUIRE(rss.size() == 1);
  REQUIRE((*rss[0])["spec"].value("replicas", -1) == 4);
  applyYaml(s, deployment("web", 4, "nginx:1.26"));
  d = get(s, "Deployment", "web");
  REQUIRE(replicaSets(s, "web").size() == 2);
  s.exec("sleep 60");
  d = get(s, "Deployment", "web");
  REQUIRE(condition(d, "Progressing", "reason") == "NewReplicaSetAvailable");
}

TEST_CASE("apply keeps replicas set by scale/HPA when the manifest omits them", "[deployment]") {
  Session s;
  applyYaml(s, deployment("web", -1, "nginx:1.25"));
  REQUIRE(get(s, "Deployment", "web")["spec"].value("replicas", 0) == 1);
  s.cluster().store.update("Deployment", "default", "web", [](json& o) {
    o["spec"]["replicas"] = 4;
    return true;
  });
  auto r = s.exec("kubectl apply -f -", deployment("web", -1, "nginx:1.25"));
  REQUIRE(r.out() == "deployment.apps/web unchanged\n");
  REQUIRE(get(s, "Deployment", "web")["spec"].value("replicas", 0) == 4);
  // With replicas in the manifest, apply sets them back.
  r = s.exec("kubectl apply -f -", deployment("web", 2, "nginx:1.25"));
  REQUIRE(r.out() == "deployment.apps/web configured\n");
  REQUIRE(get(s, "Deployment", "web")["spec"].value("replicas", 0) == 2);
  // The controller's revision annotation survives apply.
  REQUIRE(annotation(get(s, "Deployment", "web"), "deployment.kubernetes.io/revision") == "1");
}

TEST_CASE("deleting a Deployment deletes its ReplicaSets and their pods", "[deployment][gc]") {
  Session s;
  applyYaml(s, deployment("web", 2, "nginx:1.25"));
  s.exec("sleep 30");
  auto r = s.exec("kubectl delete deployment web");
  REQUIRE(r.exitCode == 0);
  s.exec("sleep 0");
  REQUIRE(s.store().count("ReplicaSet") == 0);
  for (const auto& p : s.store().list("Pod", "default")) REQUIRE(podTerminating(*p));
  s.exec("sleep 5");
  REQUIRE(s.store().list("Pod", "default").empty());
}

TEST_CASE("a ReplicaSet adopts matching orphans and deletes the least useful pods first", "[replicaset]") {
  Session s;
  s.exec("kubectl run stray --image=nginx:1.25 --labels=app=web");
  s.exec("sleep 30");
  std::string rs =
      "apiVersion: apps/v1\nkind: ReplicaSet\nmetadata:\n  name: web\nspec:\n  replicas: 2\n  selector:\n    matchLabels:\n"
      "      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n"
      "      - name: nginx\n        image: nginx:1.25\n";
  applyYaml(s, rs);
  json stray = get(s, "Pod", "stray");
  REQUIRE(controllerUid(stray) == get(s, "ReplicaSet", "web")["metadata"].value("uid", ""));
  REQUIRE(s.store().list("Pod", "default").size() == 2);  // adopted one, created one
  // Scale to 1: the new pod (not Ready yet) goes, the Ready adopted one stays.
  std::string one = rs;
  one.replace(one.find("replicas: 2"), 11, "replicas: 1");
  applyYaml(s, one);
  for (const auto& p : s.store().list("Pod", "default"))
    if (objName(*p) != "stray") REQUIRE(podTerminating(*p));
  REQUIRE_FALSE(podTerminating(get(s, "Pod", "stray")));
  // A pod whose labels stop matching is released, and replaced.
  s.exec("kubectl label pod stray app=other --overwrite");
  s.exec("sleep 0");
  REQUIRE(controllerUid(get(s, "Pod", "stray")).empty());
  REQUIRE(get(s, "ReplicaSet", "web")["status"].value("replicas", 0) == 1);
}

TEST_CASE("minReadySeconds: available only after being Ready that long", "[replicaset]") {
  Session s;
  applyYaml(s, deployment("web", 1, "nginx:1.25", "", "  minReadySeconds: 10\n"));
  s.exec("sleep 30");
  json rs = *replicaSets(s, "web")[0];
  auto pods = s.store().ownedBy("Pod", rs["metadata"].value("uid", ""));
  REQUIRE(pods.size() == 1);
  Time ready = podReadySince(*pods[0]);
  REQUIRE(ready > 0);
  Session s2;
  applyYaml(s2, deployment("web", 1, "nginx:1.25", "", "  minReadySeconds: 10\n"));
  s2.advance(ready + 10000 - s2.now());
  REQUIRE(get(s2, "Deployment", "web")["status"].value("availableReplicas", 0) == 0);
  s2.advance(1);
  REQUIRE(get(s2, "Deployment", "web")["status"].value("availableReplicas", 0) == 1);
}
