// Scheduler: toleration matching, node affinity operators, the FailedScheduling message.
#include <catch2/catch.hpp>

#include "scheduler/scheduler.h"
#include "session.h"

using namespace podplay;

TEST_CASE("ToleratesTaint (core/v1 toleration.go table)", "[scheduler]") {
  struct C {
    json toleration, taint;
    bool want;
  } cases[] = {
      {{{"key", "foo"}, {"operator", "Equal"}, {"value", "bar"}, {"effect", "NoSchedule"}},
       {{"key", "foo"}, {"value", "bar"}, {"effect", "NoSchedule"}}, true},
      {{{"key", "foo"}, {"operator", "Equal"}, {"value", "bar"}, {"effect", "NoSchedule"}},
       {{"key", "foo"}, {"value", "baz"}, {"effect", "NoSchedule"}}, false},
      {{{"key", "foo"}, {"operator", "Exists"}, {"effect", "NoSchedule"}},
       {{"key", "foo"}, {"value", "anything"}, {"effect", "NoSchedule"}}, true},
      {{{"key", "foo"}, {"operator", "Exists"}}, {{"key", "foo"}, {"effect", "NoExecute"}}, true},  // empty effect
      {{{"operator", "Exists"}}, {{"key", "any"}, {"value", "x"}, {"effect", "PreferNoSchedule"}}, true},
      {{{"key", "foo"}, {"operator", "Exists"}, {"effect", "NoExecute"}},
       {{"key", "foo"}, {"effect", "NoSchedule"}}, false},
      {{{"key", "foo"}, {"value", "bar"}}, {{"key", "foo"}, {"value", "bar"}, {"effect", "NoSchedule"}}, true},  // Equal default
      {{{"key", "other"}, {"operator", "Exists"}}, {{"key", "foo"}, {"effect", "NoSchedule"}}, false},
  };
  for (const auto& c : cases) {
    INFO(c.toleration.dump() << " vs " << c.taint.dump());
    REQUIRE(toleratesTaint(c.toleration, c.taint) == c.want);
  }
}

TEST_CASE("node selector terms: In, NotIn, Exists, DoesNotExist, Gt, Lt, matchFields", "[scheduler]") {
  json node = {{"metadata", {{"name", "n1"}, {"labels", {{"zone", "a"}, {"gpus", "4"}}}}}};
  auto term = [](json exprs) { return json{{"matchExpressions", exprs}}; };
  auto expr = [](const char* key, const char* op, json values = json()) {
    json e = {{"key", key}, {"operator", op}};
    if (!values.is_null()) e["values"] = values;
    return e;
  };
  REQUIRE(matchNodeSelectorTerm(term({expr("zone", "In", {"a", "b"})}), node));
  REQUIRE_FALSE(matchNodeSelectorTerm(term({expr("zone", "In", {"b"})}), node));
  REQUIRE(matchNodeSelectorTerm(term({expr("disk", "NotIn", {"ssd"})}), node));  // absent label
  REQUIRE(matchNodeSelectorTerm(term({expr("zone", "Exists")}), node));
  REQUIRE(matchNodeSelectorTerm(term({expr("disk", "DoesNotExist")}), node));
  REQUIRE(matchNodeSelectorTerm(term({expr("gpus", "Gt", {"2"})}), node));
  REQUIRE_FALSE(matchNodeSelectorTerm(term({expr("gpus", "Lt", {"2"})}), node));
  REQUIRE_FALSE(matchNodeSelectorTerm(term({expr("zone", "Gt", {"1"})}), node));  // not an integer
  REQUIRE_FALSE(matchNodeSelectorTerm(json::object(), node));                     // empty term matches nothing
  json fields = {{"matchFields", {{{"key", "metadata.name"}, {"operator", "In"}, {"values", {"n1"}}}}}};
  REQUIRE(matchNodeSelectorTerm(fields, node));
  // ANDed inside a term.
  REQUIRE_FALSE(matchNodeSelectorTerm(term({expr("zone", "In", {"a"}), expr("gpus", "In", {"8"})}), node));
}

TEST_CASE("FailedScheduling: histogram sorted as strings, preemption postfilter", "[scheduler]") {
  Session s;
  s.exec("kubectl run big --image=nginx --dry-run=client -o yaml");
  s.exec("kubectl apply -f -", R"(apiVersion: v1
kind: Pod
metadata:
  name: big
spec:
  containers:
  - name: app
    image: nginx:1.25
    resources:
      requests:
        cpu: "5"
)");
  auto ev = s.exec("kubectl get events --field-selector reason=FailedScheduling -o jsonpath={.items[0].message}").out();
  REQUIRE(ev ==
          "0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, "
          "3 Insufficient cpu. preemption: 0/4 nodes are available: 1 Preemption is not helpful for scheduling, "
          "3 No preemption victims found for incoming pod.");
  // A node that fits makes the scheduler retry at once.
  s.exec("sim node add large --cpu 8");
  auto pod = s.store().get("Pod", "default", "big");
  REQUIRE(podNodeName(*pod) == "large");
}
