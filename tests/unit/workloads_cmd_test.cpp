// Unit tests for kubectl's workload commands (core/command/workloads.*): rollout status messages,
// history, undo target choice, the pod logs/exec pick, top tables, describe hpa, and the flag
// parsing / error wording of scale, rollout, set, autoscale, create deployment, expose, top.
#include <catch2/catch.hpp>

#include "command/workloads.h"
#include "printers/describe.h"
#include "session.h"
#include "util/timefmt.h"

using namespace podplay;

namespace {

json deployment(int64_t replicas, int64_t generation, int64_t observed, json status = json::object()) {
  json d = {{"apiVersion", "apps/v1"},
            {"kind", "Deployment"},
            {"metadata",
             {{"name", "web"},
              {"namespace", "default"},
              {"uid", "d1"},
              {"generation", generation},
              {"annotations", {{"deployment.kubernetes.io/revision", "2"}}}}},
            {"spec",
             {{"replicas", replicas},
              {"selector", {{"matchLabels", {{"app", "web"}}}}},
              {"template",
               {{"metadata", {{"labels", {{"app", "web"}}}}},
                {"spec", {{"containers", json::array({{{"name", "nginx"}, {"image", "nginx:1.26"}}})}}}}}}},
            {"status", status}};
  d["status"]["observedGeneration"] = observed;
  return d;
}

json replicaSet(const std::string& hash, const std::string& image, int64_t revision, int64_t createdSec,
                const std::string& cause = "") {
  json rs = {{"apiVersion", "apps/v1"},
             {"kind", "ReplicaSet"},
             {"metadata",
              {{"name", "web-" + hash},
               {"namespace", "default"},
               {"creationTimestamp", rfc3339(createdSec * kSecond)},
               {"annotations",
                {{"deployment.kubernetes.io/revision", std::to_string(revision)},
                 {"deployment.kubernetes.io/desired-replicas", "3"},
                 {"deployment.kubernetes.io/max-replicas", "4"}}},
               {"ownerReferences", json::array({{{"apiVersion", "apps/v1"},
                                                 {"kind", "Deployment"},
                                                 {"name", "web"},
                                                 {"uid", "d1"},
                                                 {"controller", true}}})}}},
             {"spec",
              {{"replicas", 0},
               {"template",
                {{"metadata", {{"labels", {{"app", "web"}, {"pod-template-hash", hash}}}}},
                 {"spec", {{"containers", json::array({{{"name", "nginx"}, {"image", image}}})}}}}}}}};
  if (!cause.empty()) rs["metadata"]["annotations"]["kubernetes.io/change-cause"] = cause;
  return rs;
}

std::string run(Session& s, const std::string& cmd) { return s.exec(cmd).text(); }

}  // namespace

TEST_CASE("rollout status: one message per deployment state, as rollout_status.go words it") {
  auto msg = [](const json& d, int64_t rev = 0) { return deploymentRolloutStatus(d, rev); };
  // Generation not observed yet.
  RolloutStatus st = msg(deployment(3, 2, 1));
  CHECK(st.message == "Waiting for deployment spec update to be observed...\n");
  CHECK_FALSE(st.done);
  st = msg(deployment(3, 2, 2, {{"replicas", 4}, {"updatedReplicas", 1}, {"availableReplicas", 3}}));
  CHECK(st.message ==
        "Waiting for deployment \"web\" rollout to finish: 1 out of 3 new replicas have been updated...\n");
  st = msg(deployment(3, 2, 2, {{"replicas", 4}, {"updatedReplicas", 3}, {"availableReplicas", 3}}));
  CHECK(st.message == "Waiting for deployment \"web\" rollout to finish: 1 old replicas are pending termination...\n");
  st = msg(deployment(3, 2, 2, {{"replicas", 3}, {"updatedReplicas", 3}, {"availableReplicas", 2}}));
  CHECK(st.message == "Waiting for deployment \"web\" rollout to finish: 2 of 3 updated replicas are available...\n");
  st = msg(deployment(3, 2, 2, {{"replicas", 3}, {"updatedReplicas", 3}, {"availableReplicas", 3}}));
  CHECK(st.message == "deployment \"web\" successfully rolled out\n");
  CHECK(st.done);
  // Scaled to zero: nothing to wait for.
  st = msg(deployment(0, 3, 3));
  CHECK(st.done);
  // Progress deadline: an error, whatever the counts.
  json stuck = deployment(3, 2, 2, {{"replicas", 4}, {"updatedReplicas", 1}});
  stuck["status"]["conditions"] =
      json::array({{{"type", "Progressing"}, {"status", "False"}, {"reason", "ProgressDeadlineExceeded"}}});
  st = msg(stuck);
  CHECK(st.error == "deployment \"web\" exceeded its progress deadline");
  // --revision pins the revision annotation.
  st = msg(deployment(3, 2, 2), 3);
  CHECK(st.error == "desired revision (3) is different from the running revision (2)");
  st = msg(deployment(3, 2, 2, {{"replicas", 3}, {"updatedReplicas", 3}, {"availableReplicas", 3}}), 2);
  CHECK(st.done);
}

TEST_CASE("the new ReplicaSet is the oldest whose template equals the deployment's, ignoring the hash") {
  json d = deployment(3, 1, 1);
  json a = replicaSet("aaaa", "nginx:1.25", 1, 0);
  json b = replicaSet("bbbb", "nginx:1.26", 2, 10);
  json c = replicaSet("cccc", "nginx:1.26", 3, 5);  // same template, created earlier: wins
  DeploymentReplicaSets split = splitDeploymentReplicaSets(d, {&a, &b, &c});
  REQUIRE(split.newRS == &c);
  REQUIRE(split.old.size() == 2);
  CHECK(split.old[0] == &a);
  CHECK(split.old[1] == &b);
  json e = replicaSet("eeee", "nginx:1.27", 4, 20);
  split = splitDeploymentReplicaSets(d, {&a, &e});
  CHECK(split.newRS == nullptr);
  CHECK(split.old.size() == 2);
}

TEST_CASE("rollout history: the REVISION table, one revision's template, errors") {
  json d = deployment(3, 2, 2);
  json a = replicaSet("aaaa", "nginx:1.25", 1, 0);
  json b = replicaSet("bbbb", "nginx:1.26", 2, 10, "kubectl set image deployment/web nginx=nginx:1.26 --record=true");
  std::string text, err;
  REQUIRE(deploymentHistory(d, {&b, &a}, 0, text, err));
  CHECK(text ==
        "REVISION  CHANGE-CAUSE\n"
        "1         <none>\n"
        "2         kubectl set image deployment/web nginx=nginx:1.26 --record=true\n");
  REQUIRE(deploymentHistory(d, {&a, &b}, 2, text, err));
  CHECK(text ==
        "Pod Template:\n"
        "  Labels:\tapp=web\n"
        "\tpod-template-hash=bbbb\n"
        "  Annotations:\tkubernetes.io/change-cause: kubectl set image deployment/web nginx=nginx:1.26 --record=true\n"
        "  Containers:\n"
        "   nginx:\n"
        "    Image:\tnginx:1.26\n"
        "    Port:\t<none>\n"
        "    Host Port:\t<none>\n"
        "    Environment:\t<none>\n"
        "    Mounts:\t<none>\n"
        "  Volumes:\t<none>\n"
        "  Node-Selectors:\t<none>\n"
        "  Tolerations:\t<none>\n");
  CHECK_FALSE(deploymentHistory(d, {&a, &b}, 7, text, err));
  CHECK(err == "unable to find the specified revision");
  REQUIRE(deploymentHistory(d, {}, 0, text, err));
  CHECK(text == "No rollout history found.");
}

TEST_CASE("rollout undo: target revision, skip, paused, and the restored template and annotations") {
  json d = deployment(3, 2, 2);
  d["metadata"]["annotations"]["kubectl.kubernetes.io/last-applied-configuration"] = "{}";
  d["metadata"]["annotations"]["kubernetes.io/change-cause"] = "current cause";
  d["metadata"]["annotations"]["team"] = "a";
  json r1 = replicaSet("aaaa", "nginx:1.24", 1, 0, "first");
  json r2 = replicaSet("bbbb", "nginx:1.25", 2, 10);
  json r3 = replicaSet("cccc", "nginx:1.26", 3, 20);  // current template
  SECTION("no --to-revision: the second highest revision") {
    RollbackPlan p = planDeploymentRollback(d, {&r1, &r2, &r3}, 0);
    REQUIRE(p.error.empty());
    REQUIRE(p.rs == &r2);
    CHECK(p.patched["spec"]["template"]["spec"]["containers"][0]["image"] == "nginx:1.25");
    CHECK(p.patched["spec"]["template"]["metadata"]["labels"] == json{{"app", "web"}});
    // Skip-listed annotations stay from the deployment; the rest come from the ReplicaSet.
    json ann = p.patched["metadata"]["annotations"];
    CHECK(ann["kubectl.kubernetes.io/last-applied-configuration"] == "{}");
    CHECK(ann["deployment.kubernetes.io/revision"] == "2");
    CHECK_FALSE(ann.contains("kubernetes.io/change-cause"));
    CHECK_FALSE(ann.contains("team"));
    CHECK_FALSE(ann.contains("deployment.kubernetes.io/desired-replicas"));
  }
  SECTION("--to-revision=1 copies that ReplicaSet's change-cause") {
    RollbackPlan p = planDeploymentRollback(d, {&r1, &r2, &r3}, 1);
    REQUIRE(p.rs == &r1);
    CHECK(p.patched["metadata"]["annotations"]["kubernetes.io/change-cause"] == "first");
  }
  SECTION("errors and skips") {
    CHECK(planDeploymentRollback(d, {&r1, &r2, &r3}, 5).error == "unable to find specified revision 5 in history");
    CHECK(planDeploymentRollback(d, {&r3}, 0).error == "no rollout history found for deployment \"web\"");
    CHECK(planDeploymentRollback(d, {&r1, &r2, &r3}, 3).skipped ==
          "skipped rollback (current template already matches revision 3)");
    json paused = d;
    paused["spec"]["paused"] = true;
    CHECK(planDeploymentRollback(paused, {&r1, &r2, &r3}, 0).error ==
          "you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again");
    // The revision lookup comes first: a missing revision is reported even when paused.
    CHECK(planDeploymentRollback(paused, {&r3}, 0).error == "no rollout history found for deployment \"web\"");
  }
  SECTION("the previous revision matching the template prints revision 0, as kubectl does") {
    json r4 = replicaSet("dddd", "nginx:1.26", 4, 30);
    json same = d;
    same["spec"]["template"]["spec"]["containers"][0]["image"] = "nginx:1.25";
    CHECK(planDeploymentRollback(same, {&r2, &r4}, 0).skipped ==
          "skipped rollback (current template already matches revision 0)");
  }
}

TEST_CASE("logs deploy/x picks the oldest ready running pod; exec the most active one") {
  auto pod = [](const std::string& name, const std::string& node, const std::string& phase, bool ready,
                int64_t readySec, int64_t createdSec, int restarts) {
    json p = {{"kind", "Pod"},
              {"metadata", {{"name", name}, {"creationTimestamp", rfc3339(createdSec * kSecond)}}},
              {"spec", {{"nodeName", node}}},
              {"status",
               {{"phase", phase},
                {"conditions", json::array({{{"type", "Ready"},
                                             {"status", ready ? "True" : "False"},
                                             {"lastTransitionTime", rfc3339(readySec * kSecond)}}})},
                {"containerStatuses", json::array({{{"name", "c"}, {"restartCount", restarts}}})}}}};
    return p;
  };
  json pending = pod("a", "", "Pending", false, 0, 50, 0);
  json notReady = pod("b", "n1", "Running", false, 0, 10, 0);
  json readyNew = pod("c", "n1", "Running", true, 40, 30, 0);
  json readyOld = pod("d", "n1", "Running", true, 20, 20, 0);
  json readyOldRestarted = pod("e", "n1", "Running", true, 20, 25, 2);
  std::vector<const json*> pods = {&pending, &notReady, &readyNew, &readyOld, &readyOldRestarted};
  auto first = [&](bool logs) {
    const json* best = pods[0];
    for (const json* p : pods)
      if (logs ? podBeforeForLogs(*p, *best) : podBeforeForExec(*p, *best)) best = p;
    return best->at("metadata").at("name").get<std::string>();
  };
  // ByLogging: ready longest first, then more restarts first.
  CHECK(first(true) == "e");
  // Reverse ActivePods: ready longest, then fewer restarts, then older.
  CHECK(first(false) == "d");
  CHECK(podBeforeForLogs(notReady, pending));
  CHECK(podBeforeForExec(notReady, pending));
}

TEST_CASE("top tables: every cell tab-terminated, so lines end in padding") {
  std::vector<TopNodeRow> nodes = {{"kind-worker", true, 250, 1024LL << 20, 4000, 8LL << 30},
                                   {"kind-control-plane", true, 1200, 700LL << 20, 4000, 8LL << 30},
                                   {"kind-worker2", false, 0, 0, 4000, 8LL << 30}};
  // Nodes without metrics come last; the table is flushed once, so their cells widen the columns.
  CHECK(printTopNodes(nodes, false, "") ==
        "NAME                 CPU(cores)   CPU%        MEMORY(bytes)   MEMORY%     \n"
        "kind-control-plane   1200m        30%         700Mi           8%          \n"
        "kind-worker          250m         6%          1024Mi          12%         \n"
        "kind-worker2         <unknown>    <unknown>   <unknown>       <unknown>   \n");
  CHECK(printTopNodes({nodes[0], nodes[1]}, true, "cpu") ==
        "kind-control-plane   1200m   30%   700Mi    8%    \n"
        "kind-worker          250m    6%    1024Mi   12%   \n");
  CHECK(printTopNodes({nodes[2]}, false, "").empty());
  std::vector<TopPodRow> pods = {{"default", "web-b", {{"nginx", 3, 4LL << 20}}},
                                 {"default", "web-a", {{"nginx", 1, 9LL << 20}, {"sidecar", 5, 1LL << 20}}}};
  CHECK(printTopPods(pods, false, false, false, "", false) ==
        "NAME    CPU(cores)   MEMORY(bytes)   \n"
        "web-a   6m           10Mi            \n"
        "web-b   3m           4Mi             \n");
  CHECK(printTopPods(pods, true, true, true, "memory", false) ==
        "default   web-a   nginx     1m    9Mi   \n"
        "default   web-a   sidecar   5m    1Mi   \n"
        "default   web-b   nginx     3m    4Mi   \n");
  CHECK(printTopPods(pods, false, false, false, "cpu", true) ==
        "NAME    CPU(cores)   MEMORY(bytes)   \n"
        "web-a   6m           10Mi            \n"
        "web-b   3m           4Mi             \n"
        "        ________     ________        \n"
        "        9m           14Mi            \n");
}

TEST_CASE("describe hpa: the metric label sets the width of the whole block") {
  json hpa = json::parse(R"({
    "apiVersion": "autoscaling/v2", "kind": "HorizontalPodAutoscaler",
    "metadata": {"name": "web", "namespace": "default", "creationTimestamp": "2024-01-01T10:00:00Z"},
    "spec": {"scaleTargetRef": {"apiVersion": "apps/v1", "kind": "Deployment", "name": "web"},
             "minReplicas": 1, "maxReplicas": 10,
             "metrics": [{"type": "Resource", "resource": {"name": "cpu", "target": {"type": "Utilization", "averageUtilization": 50}}},
                         {"type": "Resource", "resource": {"name": "memory", "target": {"type": "AverageValue", "averageValue": "200Mi"}}}]},
    "status": {"currentReplicas": 3, "desiredReplicas": 4,
               "currentMetrics": [{"type": "Resource", "resource": {"name": "cpu", "current": {"averageUtilization": 62, "averageValue": "124m"}}},
                                  {"type": "Resource", "resource": {"name": "memory", "current": {"averageValue": "104857600"}}}],
               "conditions": [{"type": "AbleToScale", "status": "True", "reason": "SucceededRescale", "message": "the HPA controller was able to update the target scale to 4"}]}
  })");
  CHECK(describeHPA(hpa, {}, 60 * kSecond) ==
        "Name:                                                  web\n"
        "Namespace:                                             default\n"
        "Labels:                                                <none>\n"
        "Annotations:                                           <none>\n"
        "CreationTimestamp:                                     Mon, 01 Jan 2024 10:00:00 +0000\n"
        "Reference:                                             Deployment/web\n"
        "Metrics:                                               ( current / target )\n"
        "  resource cpu on pods  (as a percentage of request):  62% (124m) / 50%\n"
        "  resource memory on pods:                             104857600 / 200Mi\n"
        "Min replicas:                                          1\n"
        "Max replicas:                                          10\n"
        "Deployment pods:                                       3 current / 4 desired\n"
        "Conditions:\n"
        "  Type         Status  Reason            Message\n"
        "  ----         ------  ------            -------\n"
        "  AbleToScale  True    SucceededRescale  the HPA controller was able to update the target scale to 4\n"
        "Events:        <none>\n");  // joins the Conditions block (engine B)
  // No status yet: <unknown> current, and a behavior block when set.
  json fresh = hpa;
  fresh["status"] = {{"currentReplicas", 0}, {"desiredReplicas", 0}};
  fresh["spec"]["metrics"].erase(1);
  fresh["spec"]["behavior"] = json::parse(R"({"scaleDown": {"stabilizationWindowSeconds": 300, "selectPolicy": "Max",
      "policies": [{"type": "Percent", "value": 100, "periodSeconds": 15}]}})");
  CHECK(describeHPA(fresh, {}, 0, false) ==
        "Name:                                                  web\n"
        "Namespace:                                             default\n"
        "Labels:                                                <none>\n"
        "Annotations:                                           <none>\n"
        "CreationTimestamp:                                     Mon, 01 Jan 2024 10:00:00 +0000\n"
        "Reference:                                             Deployment/web\n"
        "Metrics:                                               ( current / target )\n"
        "  resource cpu on pods  (as a percentage of request):  <unknown> / 50%\n"
        "Min replicas:                                          1\n"
        "Max replicas:                                          10\n"
        "Behavior:\n"
        "  Scale Down:\n"
        "    Stabilization Window: 300 seconds\n"
        "    Select Policy: Max\n"
        "    Policies:\n"
        "      - Type: Percent  Value: 100  Period: 15 seconds\n"
        "Deployment pods:       0 current / 0 desired\n");  // same block as the policy line
}

TEST_CASE("workload commands: flag parsing and kubectl's error wording") {
  Session s;
  CHECK(run(s, "kubectl scale deployment web") == "error: required flag(s) \"replicas\" not set\n");
  CHECK(run(s, "kubectl scale deployment web --replicas=x") ==
        "error: invalid argument \"x\" for \"--replicas\" flag: strconv.ParseInt: parsing \"x\": invalid syntax\n"
        "See 'kubectl scale --help' for usage.\n");
  CHECK(run(s, "kubectl scale deployment web --replicas=-1") ==
        "error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0\n");
  CHECK(run(s, "kubectl scale deployment web --replicas=2") ==
        "Error from server (NotFound): deployments.apps \"web\" not found\n");
  CHECK(run(s, "kubectl scale deployment --replicas=2") ==
        "error: resource(s) were provided, but no name was specified\n");
  CHECK(run(s, "kubectl rollout status") == "error: required resource not specified\n");
  CHECK(run(s, "kubectl rollout bogus deploy/web") == "error: unknown command \"bogus\" for \"kubectl rollout\"\n");
  CHECK(run(s, "kubectl rollout status deploy/web --timeout=5") ==
        "error: invalid argument \"5\" for \"--timeout\" flag: time: missing unit in duration \"5\"\n"
        "See 'kubectl rollout status --help' for usage.\n");
  CHECK(run(s, "kubectl rollout history deploy/web --revision=-1") ==
        "error: revision must be a positive integer: -1\n");
  CHECK(run(s, "kubectl create deployment") ==
        "error: exactly one NAME is required, got 0\nSee 'kubectl create deployment -h' for help and examples\n");
  CHECK(run(s, "kubectl create deployment web") == "error: required flag(s) \"image\" not set\n");
  CHECK(run(s, "kubectl create deployment web --image=nginx -r x") ==
        "error: invalid argument \"x\" for \"-r, --replicas\" flag: strconv.ParseInt: parsing \"x\": invalid syntax\n"
        "See 'kubectl create deployment --help' for usage.\n");
  CHECK(run(s, "kubectl create deployment web --image=a --image=b -- sleep 1") ==
        "error: cannot specify multiple --image options and command\n");
  CHECK(run(s, "kubectl autoscale deployment web") == "error: required flag(s) \"max\" not set\n");
  CHECK(run(s, "kubectl autoscale deployment web --max=3 --min=5") ==
        "error: --max=MAXPODS must be larger or equal to --min=MINPODS, max: 3, min: 5\n");
  CHECK(run(s, "kubectl set image deployment/web") == "error: at least one image update is required\n");
  CHECK(run(s, "kubectl set image nginx=nginx:1.26") ==
        "error: one or more resources must be specified as <resource> <name> or <resource>/<name>\n");
  CHECK(run(s, "kubectl set image deployment/web a=b deployment/x") ==
        "error: all resources must be specified before image changes: deployment/x\n");
  CHECK(run(s, "kubectl set resources deployment web") ==
        "error: you must specify an update to requests or limits (in the form of --requests/--limits)\n");
  CHECK(run(s, "kubectl top pod --sort-by=name") == "error: --sort-by accepts only cpu or memory\n");
  CHECK(run(s, "kubectl delete deployment web --cascade=bogus") ==
        "error: invalid cascade value (bogus). Must be \"background\", \"foreground\", or \"orphan\".\n");
}

TEST_CASE("workload commands on a live deployment") {
  Session s;
  CHECK(run(s, "kubectl create deployment web --image=nginx:1.25 --replicas=2") == "deployment.apps/web created\n");
  CHECK(run(s, "kubectl create deployment web --image=nginx:1.25") ==
        "error: failed to create deployment: deployments.apps \"web\" already exists\n");
  CHECK(run(s, "kubectl rollout status deployment/web --watch=false").rfind("Waiting for deployment", 0) == 0);
  std::string status = run(s, "kubectl rollout status deployment/web");
  CHECK(status.size() > std::string("deployment \"web\" successfully rolled out\n").size());
  CHECK(status.substr(status.size() - 41) == "deployment \"web\" successfully rolled out\n");
  CHECK(run(s, "kubectl scale deployment/web --replicas=3 --current-replicas=1") ==
        "error: Expected replicas to be 1, was 2\n");
  CHECK(run(s, "kubectl scale deploy web --replicas=3") == "deployment.apps/web scaled\n");
  CHECK(run(s, "kubectl rollout pause deployment/web") == "deployment.apps/web paused\n");
  CHECK(run(s, "kubectl rollout pause deployment/web") == "error: deployments.apps \"web\" is already paused\n");
  CHECK(run(s, "kubectl rollout restart deployment/web") ==
        "error: deployments.apps \"web\" can't restart paused deployment (run rollout resume first)\n");
  CHECK(run(s, "kubectl rollout resume deployment/web") == "deployment.apps/web resumed\n");
  CHECK(run(s, "kubectl rollout resume deployment/web") == "error: deployments.apps \"web\" is not paused\n");
  CHECK(run(s, "kubectl set image deployment/web nginx=nginx:1.25") == "");  // no change: nothing printed
  CHECK(run(s, "kubectl set image deployment/web foo=bar") == "error: unable to find container named \"foo\"\n");
  CHECK(run(s, "kubectl rollout restart deployment/web") == "deployment.apps/web restarted\n");
  CHECK(run(s, "kubectl rollout restart deployment/web") ==
        "error: failed to create patch for web: if restart has already been triggered within the past second, please "
        "wait before attempting to trigger another\n");
  CHECK(run(s, "kubectl get deployment web -o jsonpath={.spec.template.metadata.annotations}") ==
        "{\"kubectl.kubernetes.io/restartedAt\":\"" + rfc3339(s.now()) + "\"}");
  CHECK(run(s, "kubectl rollout status pod/nope") == "Error from server (NotFound): pods \"nope\" not found\n");
  CHECK(run(s, "kubectl autoscale deployment web --max=5") == "horizontalpodautoscaler.autoscaling/web autoscaled\n");
  CHECK(run(s, "kubectl get hpa web -o jsonpath={.spec.metrics[0].resource.target.averageUtilization}") == "80");
  CHECK(run(s, "kubectl autoscale deployment web --max=5") ==
        "Error from server (AlreadyExists): horizontalpodautoscalers.autoscaling \"web\" already exists\n");
  CHECK(run(s, "kubectl expose deployment web --port=80") == "service/web exposed\n");
  CHECK(run(s, "kubectl get svc web -o jsonpath={.spec.selector}") == "{\"app\":\"web\"}");
  CHECK(run(s, "kubectl rollout undo deployment/web --to-revision=9") ==
        "error: unable to find specified revision 9 in history\n");
  CHECK(run(s, "kubectl delete deployment web") == "deployment.apps \"web\" deleted\n");
}
