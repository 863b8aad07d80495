// Unit tests: manifests, quantities, label selectors, validation messages, defaults.
#include <catch2/catch.hpp>

#include "api/defaults.h"
#include "api/manifest.h"
#include "api/validation.h"
#include "util/labels.h"
#include "util/quantity.h"

using namespace podplay;

namespace {

json podFromYaml(const std::string& y) {
  auto r = parseManifests(y, "web.yaml");
  REQUIRE(r.error == "");
  REQUIRE(r.docs.size() == 1);
  return r.docs[0].obj;
}

std::string invalidMsg(json obj) {
  applyDefaults(obj);
  auto errs = validateObject(obj);
  return formatInvalid(obj["kind"].get<std::string>(), obj["metadata"].value("name", ""), errs);
}

const char* kPod = R"(apiVersion: v1
kind: Pod
metadata:
  name: web
  labels:
    app: web
spec:
  containers:
  - name: web
    image: nginx:1.25
)";

}  // namespace

// ---------------------------------------------------------------------------------------------
TEST_CASE("manifest: yaml scalars are typed like sigs.k8s.io/yaml", "[api][manifest]") {
  auto r = parseManifests(R"(apiVersion: v1
kind: Pod
metadata:
  name: web
a: true
b: yes
c: "true"
d: 42
e: 0x1F
f: 1.5
g: 1e3
h: ~
i: null
j:
k: 'quoted'
l: 010
m: |
  line1
  line2
nn: 1_000
o: -7
p: 1.0
q: on
)",
                          "web.yaml");
  REQUIRE(r.error == "");
  REQUIRE(r.docs.size() == 1);
  const json& o = r.docs[0].obj;
  CHECK(o["a"] == true);
  CHECK(o["b"] == true);
  CHECK(o["c"] == "true");
  CHECK(o["d"] == 42);
  CHECK(o["d"].is_number_integer());
  CHECK(o["e"] == 31);
  CHECK(o["f"] == 1.5);
  CHECK(o["g"] == 1000);
  CHECK(o["g"].is_number_integer());
  CHECK(o["h"].is_null());
  CHECK(o["i"].is_null());
  CHECK(o["j"].is_null());
  CHECK(o["k"] == "quoted");
  CHECK(o["l"] == 8);
  CHECK(o["m"] == "line1\nline2\n");
  CHECK(o["nn"] == 1000);
  CHECK(o.contains("false") == false);
  CHECK(o["o"] == -7);
  CHECK(o["p"] == 1);
  CHECK(o["q"] == true);
  CHECK(r.docs[0].line == 1);
}

TEST_CASE("manifest: multi-document, empty documents, List expansion", "[api][manifest]") {
  auto r = parseManifests(R"(---
# comment only
---
apiVersion: v1
kind: Namespace
metadata:
  name: a
---

---
apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: Pod
  metadata:
    name: p1
- apiVersion: apps/v1
  kind: Deployment
  metadata:
    name: d1
---
apiVersion: v1
kind: PodList
items:
- apiVersion: v1
  kind: Pod
  metadata:
    name: p2
)",
                          "all.yaml");
  REQUIRE(r.error == "");
  REQUIRE(r.docs.size() == 4);
  CHECK(r.docs[0].obj["kind"] == "Namespace");
  CHECK(r.docs[0].line == 4);
  CHECK(r.docs[1].obj["metadata"]["name"] == "p1");
  CHECK(r.docs[2].obj["kind"] == "Deployment");
  CHECK(r.docs[3].obj["metadata"]["name"] == "p2");
}

TEST_CASE("manifest: json input, single and concatenated", "[api][manifest]") {
  auto r = parseManifests(R"({"apiVersion":"v1","kind":"Pod","metadata":{"name":"a"}}
{"apiVersion":"v1","kind":"Pod","metadata":{"name":"b"}})",
                          "pods.json");
  REQUIRE(r.error == "");
  REQUIRE(r.docs.size() == 2);
  CHECK(r.docs[1].obj["metadata"]["name"] == "b");
  CHECK(r.docs[1].line == 2);
  auto bad = parseManifests("{\"apiVersion\": \"v1\", ", "x.json");
  CHECK(bad.error == "error: error parsing x.json: unexpected EOF");
}

TEST_CASE("manifest: kubectl validation errors for kind/apiVersion", "[api][manifest]") {
  auto r = parseManifests("apiVersion: v1\nmetadata:\n  name: web\n", "web.yaml");
  CHECK(r.error ==
        "error: error validating \"web.yaml\": error validating data: kind not set; if you choose to ignore these "
        "errors, turn validation off with --validate=false");
  r = parseManifests("kind: Pod\nmetadata:\n  name: web\n", "STDIN");
  CHECK(r.error ==
        "error: error validating \"STDIN\": error validating data: apiVersion not set; if you choose to ignore these "
        "errors, turn validation off with --validate=false");
  r = parseManifests("metadata:\n  name: web\n", "web.yaml");
  CHECK(r.error ==
        "error: error validating \"web.yaml\": error validating data: [apiVersion not set, kind not set]; if you "
        "choose to ignore these errors, turn validation off with --validate=false");
  // documents before the bad one are still returned
  r = parseManifests("apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n---\nmetadata:\n  name: b\n", "web.yaml");
  CHECK(r.docs.size() == 1);
  CHECK(!r.error.empty());
}

TEST_CASE("manifest: YAML syntax errors read like go-yaml", "[api][manifest]") {
  const std::string pre = "error: error parsing web.yaml: error converting YAML to JSON: ";
  CHECK(parseManifests("apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: web\n    "
                       "image: nginx: latest\n",
                       "web.yaml")
            .error == pre + "yaml: line 8: mapping values are not allowed in this context");
  CHECK(parseManifests("apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n labels:\n    a: b\n", "web.yaml").error ==
        pre + "yaml: line 4: did not find expected key");
  CHECK(parseManifests("apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n   image: b\n", "web.yaml").error ==
        pre + "yaml: line 5: did not find expected key");
  CHECK(parseManifests("a:\n  - b\n  c: d\n", "web.yaml").error == pre + "yaml: line 2: did not find expected '-' indicator");
  CHECK(parseManifests("apiVersion: v1\nkind: Pod\nmetadata:\n\tname: web\n", "web.yaml").error ==
        pre + "yaml: line 4: found character that cannot start any token");
  CHECK(parseManifests("apiVersion: v1\nkind: Pod\nmetadata\n  name: web\n", "web.yaml").error ==
        pre + "yaml: line 4: could not find expected ':'");
  CHECK(parseManifests("apiVersion: v1\nkind: Pod\nfoo\n", "web.yaml").error ==
        pre + "yaml: line 4: could not find expected ':'");
  CHECK(parseManifests("a: [b, c\nd: e\n", "web.yaml").error == pre + "yaml: line 1: did not find expected ',' or ']'");
  // line numbers restart in each document (kubectl converts documents one by one)
  CHECK(parseManifests("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n---\napiVersion: v1\nkind: Pod\nmetadata:\n "
                       " name: web: x\n",
                       "web.yaml")
            .error == pre + "yaml: line 4: mapping values are not allowed in this context");
}

TEST_CASE("manifest: merge keys and anchors", "[api][manifest]") {
  auto r = parseManifests(R"(apiVersion: v1
kind: Pod
metadata:
  name: web
  labels: &l
    app: web
  annotations:
    <<: *l
    extra: "1"
)",
                          "web.yaml");
  REQUIRE(r.error == "");
  CHECK(r.docs[0].obj["metadata"]["annotations"] == json({{"app", "web"}, {"extra", "1"}}));
}

// ---------------------------------------------------------------------------------------------
TEST_CASE("quantity: parse and canonical form", "[util][quantity]") {
  Quantity q;
  REQUIRE(parseQuantity("100m", q));
  CHECK(q.milli() == 100);
  CHECK(q.value() == 1);
  CHECK(q.str() == "100m");
  REQUIRE(parseQuantity("0.5", q));
  CHECK(q.milli() == 500);
  CHECK(q.str() == "500m");
  REQUIRE(parseQuantity("1", q));
  CHECK(q.milli() == 1000);
  CHECK(q.str() == "1");
  REQUIRE(parseQuantity("128Mi", q));
  CHECK(q.value() == 128LL * 1024 * 1024);
  CHECK(q.str() == "128Mi");
  REQUIRE(parseQuantity("1Gi", q));
  CHECK(q.value() == 1073741824LL);
  REQUIRE(parseQuantity("1.5Gi", q));
  CHECK(q.str() == "1536Mi");
  REQUIRE(parseQuantity("1G", q));
  CHECK(q.value() == 1000000000LL);
  CHECK(q.str() == "1G");
  REQUIRE(parseQuantity("1e3", q));
  CHECK(q.value() == 1000);
  CHECK(q.str() == "1e3");
  REQUIRE(parseQuantity("500k", q));
  CHECK(q.value() == 500000);
  REQUIRE(parseQuantity("2000m", q));
  CHECK(q.str() == "2");
  REQUIRE(parseQuantity("1500m", q));
  CHECK(q.str() == "1500m");
  REQUIRE(parseQuantity("1000", q));
  CHECK(q.str() == "1k");
  REQUIRE(parseQuantity("0.1m", q));  // below milli: rounds up
  CHECK(q.milli() == 1);
  REQUIRE(parseQuantity("-1", q));
  CHECK(q.str() == "-1");
  REQUIRE(parseQuantity(json(0.25), q));
  CHECK(q.str() == "250m");
  REQUIRE(parseQuantity(json(2), q));
  CHECK(q.milli() == 2000);
  std::string err;
  CHECK_FALSE(parseQuantity("abc", q, &err));
  CHECK(err == "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
  CHECK_FALSE(parseQuantity("", q, &err));
  CHECK_FALSE(parseQuantity("1Gb", q, &err));
  CHECK(err == kQuantityFormatError);
  CHECK_FALSE(parseQuantity("1kk", q, &err));
  CHECK(err == "unable to parse quantity's suffix");
  CHECK_FALSE(parseQuantity(json(true), q, &err));
}

TEST_CASE("quantity: describe formatting helpers", "[util][quantity]") {
  CHECK(formatMilliCpu(250) == "250m");
  CHECK(formatMilliCpu(2000) == "2");
  CHECK(formatMilliCpu(0) == "0");
  CHECK(formatMilliCpu(1500) == "1500m");
  CHECK(formatBytes(64LL * 1024 * 1024) == "64Mi");
  CHECK(formatBytes(3LL * 1024 * 1024 * 1024) == "3Gi");
  CHECK(formatBytes(1000000) == "1000000");
  CHECK(formatBytes(0) == "0");
  CHECK(formatBytes(1000) == "1k");
}

// ---------------------------------------------------------------------------------------------
TEST_CASE("labels: selector parsing and matching", "[util][labels]") {
  json l = {{"app", "web"}, {"tier", "front"}, {"n", "5"}};
  auto m = [&](const std::string& s, const json& labels) {
    Selector sel;
    std::string err;
    REQUIRE(parseSelector(s, sel, err));
    return sel.matches(labels);
  };
  CHECK(m("app=web", l));
  CHECK(m("app==web", l));
  CHECK_FALSE(m("app!=web", l));
  CHECK(m("app!=db", l));
  CHECK(m("app in (web, db)", l));
  CHECK_FALSE(m("app notin (web,db)", l));
  CHECK(m("app", l));
  CHECK_FALSE(m("!app", l));
  CHECK(m("!missing", l));
  CHECK(m("app=web,tier=front", l));
  CHECK_FALSE(m("app=web,tier=back", l));
  CHECK(m("missing!=x", l));
  CHECK(m("n>3", l));
  CHECK_FALSE(m("n<3", l));
  CHECK(m("", l));
  Selector s;
  std::string err;
  REQUIRE(parseSelector("tier in (b,a),app=web", s, err));
  CHECK(s.str() == "app=web,tier in (a,b)");
}

TEST_CASE("labels: selector parse errors", "[util][labels]") {
  Selector s;
  std::string err;
  CHECK(parseSelector("app=", s, err));
  CHECK_FALSE(parseSelector("app in", s, err));
  CHECK(err == "unable to parse requirement: found '' expected: '('");
  CHECK_FALSE(parseSelector("app in (a", s, err));
  CHECK(err == "unable to parse requirement: found '', expected: ',' or ')'");
  CHECK_FALSE(parseSelector(",app", s, err));
  CHECK(err == "found ',', expected: !, identifier, or 'end of string'");
  CHECK_FALSE(parseSelector("app=web,", s, err));
  CHECK(err == "found '', expected: identifier after ','");
  CHECK_FALSE(parseSelector("app=a=b", s, err));
  CHECK(err == "found '=', expected: ',' or 'end of string'");
  CHECK_FALSE(parseSelector("a@b=c", s, err));
  CHECK(err ==
        "unable to parse requirement: <nil>: Invalid value: \"a@b\": name part must consist of alphanumeric characters, "
        "'-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or "
        "'123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')");
  CHECK_FALSE(parseSelector("app=a@b", s, err));
  CHECK(err ==
        "unable to parse requirement: values[0][app]: Invalid value: \"a@b\": a valid label must be an empty string or "
        "consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character "
        "(e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is "
        "'(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')");
  CHECK(parseSelector("app", s, err));
}

TEST_CASE("labels: LabelSelector json", "[util][labels]") {
  json sel = {{"matchLabels", {{"app", "web"}}},
              {"matchExpressions", json::array({{{"key", "tier"}, {"operator", "In"}, {"values", {"a", "b"}}},
                                                {{"key", "x"}, {"operator", "DoesNotExist"}}})}};
  CHECK(labelSelectorMatches(sel, {{"app", "web"}, {"tier", "a"}}));
  CHECK_FALSE(labelSelectorMatches(sel, {{"app", "web"}, {"tier", "c"}}));
  CHECK_FALSE(labelSelectorMatches(sel, {{"app", "web"}, {"tier", "a"}, {"x", "1"}}));
  CHECK(labelSelectorMatches(json::object(), {{"any", "thing"}}));
  CHECK_FALSE(labelSelectorMatches(nullptr, {{"any", "thing"}}));
  Selector s;
  std::string err;
  CHECK_FALSE(selectorFromLabelSelector({{"matchExpressions", json::array({{{"key", "a"}, {"operator", "Foo"}}})}}, s, &err));
  CHECK(err == "\"Foo\" is not a valid label selector operator");
  CHECK(selectorFromMap({{"app", "web"}}).matches({{"app", "web"}, {"b", "c"}}));
}

TEST_CASE("labels: name validators", "[util][labels]") {
  CHECK(isDNS1123Subdomain("web-1.example").empty());
  CHECK(isDNS1123Subdomain("Web_1") ==
        std::vector<std::string>{"a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' "
                                 "or '.', and must start and end with an alphanumeric character (e.g. 'example.com', "
                                 "regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-"
                                 "z0-9])?)*')"});
  CHECK(isDNS1123Label(std::string(64, 'a')).size() == 1);
  CHECK(isDNS1123Label(std::string(64, 'a'))[0] == "must be no more than 63 characters");
  CHECK(isQualifiedName("example.com/app").empty());
  CHECK(isQualifiedName("/app")[0] == "prefix part must be non-empty");
  CHECK(isValidLabelValue("").empty());
  CHECK(isValidPortName("http").empty());
  CHECK(isValidPortName("8080") == std::vector<std::string>{"must contain at least one letter (a-z)"});
}

// ---------------------------------------------------------------------------------------------
TEST_CASE("validation: pod basics", "[api][validation]") {
  json pod = podFromYaml(kPod);
  json p = pod;
  applyDefaults(p);
  CHECK(validateObject(p).empty());

  p = pod;
  p["spec"]["containers"][0].erase("image");
  CHECK(invalidMsg(p) == "The Pod \"web\" is invalid: spec.containers[0].image: Required value");

  p = pod;
  p["metadata"]["name"] = "Web_1";
  CHECK(invalidMsg(p) ==
        "The Pod \"Web_1\" is invalid: metadata.name: Invalid value: \"Web_1\": a lowercase RFC 1123 subdomain must "
        "consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric "
        "character (e.g. 'example.com', regex used for validation is "
        "'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')");

  p = pod;
  p["metadata"].erase("name");
  CHECK(invalidMsg(p) == "The Pod \"\" is invalid: metadata.name: Required value: name or generateName is required");

  p = pod;
  p["spec"]["containers"] = json::array();
  CHECK(invalidMsg(p) == "The Pod \"web\" is invalid: spec.containers: Required value");

  p = pod;
  p["spec"]["containers"].push_back({{"name", "web"}, {"image", "busybox"}});
  CHECK(invalidMsg(p) == "The Pod \"web\" is invalid: spec.containers[1].name: Duplicate value: \"web\"");

  p = pod;
  p["spec"]["containers"][0]["name"] = "Web";
  CHECK(invalidMsg(p) ==
        "The Pod \"web\" is invalid: spec.containers[0].name: Invalid value: \"Web\": a lowercase RFC 1123 label must "
        "consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character "
        "(e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')");

  p = pod;
  p["spec"]["restartPolicy"] = "Sometimes";
  CHECK(invalidMsg(p) ==
        "The Pod \"web\" is invalid: spec.restartPolicy: Unsupported value: \"Sometimes\": supported values: "
        "\"Always\", \"OnFailure\", \"Never\"");

  p = pod;
  p["spec"]["containers"][0]["imagePullPolicy"] = "Sometimes";
  CHECK(invalidMsg(p) ==
        "The Pod \"web\" is invalid: spec.containers[0].imagePullPolicy: Unsupported value: \"Sometimes\": supported "
        "values: \"Always\", \"IfNotPresent\", \"Never\"");

  p = pod;
  p["metadata"]["labels"]["bad key"] = "x";
  CHECK(invalidMsg(p) ==
        "The Pod \"web\" is invalid: metadata.labels: Invalid value: \"bad key\": name part must consist of "
        "alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. "
        "'MyName',  or 'my.name',  or '123-abc', regex used for validation is "
        "'([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')");
}

TEST_CASE("validation: multiple causes (kubectl multiline and server bracket form)", "[api][validation]") {
  json p = podFromYaml(kPod);
  p["spec"]["containers"][0].erase("image");
  p["spec"]["restartPolicy"] = "Sometimes";
  applyDefaults(p);
  auto errs = validateObject(p);
  REQUIRE(errs.size() == 2);
  CHECK(formatInvalid("Pod", "web", errs) ==
        "The Pod \"web\" is invalid: \n* spec.containers[0].image: Required value\n* spec.restartPolicy: Unsupported "
        "value: \"Sometimes\": supported values: \"Always\", \"OnFailure\", \"Never\"");
  CHECK(formatInvalidStatus("Pod", "web", errs) ==
        "Pod \"web\" is invalid: [spec.containers[0].image: Required value, spec.restartPolicy: Unsupported value: "
        "\"Sometimes\": supported values: \"Always\", \"OnFailure\", \"Never\"]");
  CHECK(formatInvalid("Pod", "web", {}) == "The Pod \"web\" is invalid");
}

TEST_CASE("validation: ports, resources, probes", "[api][validation]") {
  json pod = podFromYaml(kPod);
  json p = pod;
  p["spec"]["containers"][0]["ports"] = json::array({{{"containerPort", 0}}});
  CHECK(invalidMsg(p) == "The Pod \"web\" is invalid: spec.containers[0].ports[0].containerPort: Required value");
  p["spec"]["containers"][0]["ports"] = json::array({{{"containerPort", 70000}}});
  CHECK(invalidMsg(p) ==
        "The Pod \"web\" is invalid: spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 "
        "and 65535, inclusive");
  p["spec"]["containers"][0]["ports"] = json::array({{{"containerPort", 80}, {"protocol", "HTTP"}}});
  CHECK(invalidMsg(p) ==
        "The Pod \"web\" is invalid: spec.containers[0].ports[0].protocol: Unsupported value: \"HTTP\": supported "
        "values: \"SCTP\", \"TCP\", \"UDP\"");

  p = pod;
  p["spec"]["containers"][0]["resources"] = {{"requests", {{"cpu", "2"}}}, {"limits", {{"cpu", "1"}}}};
  CHECK(invalidMsg(p) ==
        "The Pod \"web\" is invalid: spec.containers[0].resources.requests: Invalid value: \"2\": must be less than or "
        "equal to cpu limit of 1");
  p["spec"]["containers"][0]["resources"] = {{"requests", {{"memory", "256Mi"}}}, {"limits", {{"memory", "128Mi"}}}};
  CHECK(invalidMsg(p) ==
        "The Pod \"web\" is invalid: spec.containers[0].resources.requests: Invalid value: \"256Mi\": must be less than "
        "or equal to memory limit of 128Mi");
  p["spec"]["containers"][0]["resources"] = {{"limits", {{"cpu", "-1"}}}};
  CHECK(invalidMsg(p) ==
        "The Pod \"web\" is invalid: \n* spec.containers[0].resources.limits[cpu]: Invalid value: \"-1\": must be "
        "greater than or equal to 0\n* spec.containers[0].resources.requests[cpu]: Invalid value: \"-1\": must be "
        "greater than or equal to 0");

  p = pod;
  p["spec"]["containers"][0]["livenessProbe"] = {{"periodSeconds", 5}};
  CHECK(invalidMsg(p) ==
        "The Pod \"web\" is invalid: spec.containers[0].livenessProbe: Required value: must specify a handler type");
  p["spec"]["containers"][0]["livenessProbe"] = {{"httpGet", {{"port", 80}}}, {"successThreshold", 2}};
  CHECK(invalidMsg(p) ==
        "The Pod \"web\" is invalid: spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1");
  p["spec"]["containers"][0]["livenessProbe"] = {{"httpGet", {{"port", 80}}}, {"tcpSocket", {{"port", 80}}}};
  CHECK(invalidMsg(p) ==
        "The Pod \"web\" is invalid: spec.containers[0].livenessProbe.tcpSocket: Forbidden: may not specify more than 1 "
        "handler type");
  p["spec"]["containers"][0]["livenessProbe"] = {{"exec", {{"command", {"true"}}}}, {"periodSeconds", -1}};
  CHECK(invalidMsg(p) ==
        "The Pod \"web\" is invalid: spec.containers[0].livenessProbe.periodSeconds: Invalid value: -1: must be greater "
        "than or equal to 0");
  p = pod;
  p["spec"]["containers"][0]["readinessProbe"] = {{"tcpSocket", {{"port", 80}}}, {"successThreshold", 3}};
  CHECK(validateObject([&] { json q = p; applyDefaults(q); return q; }()).empty());
}

TEST_CASE("validation: init containers, tolerations", "[api][validation]") {
  json pod = podFromYaml(kPod);
  json p = pod;
  p["spec"]["initContainers"] = json::array({{{"name", "init"}, {"image", "busybox"},
                                              {"readinessProbe", {{"exec", {{"command", {"true"}}}}}}}});
  CHECK(invalidMsg(p) ==
        "The Pod \"web\" is invalid: spec.initContainers[0].readinessProbe: Forbidden: may not be set for init "
        "containers without restartPolicy=Always");
  p["spec"]["initContainers"][0]["restartPolicy"] = "Always";
  CHECK(validateObject([&] { json q = p; applyDefaults(q); return q; }()).empty());
  p["spec"]["initContainers"][0]["name"] = "web";
  CHECK(invalidMsg(p) == "The Pod \"web\" is invalid: spec.initContainers[0].name: Duplicate value: \"web\"");

  p = pod;
  p["spec"]["tolerations"] = json::array({{{"key", "pool"}, {"operator", "Exists"}, {"value", "build"}, {"effect", "NoSchedule"}}});
  CHECK(invalidMsg(p) ==
        "The Pod \"web\" is invalid: spec.tolerations[0].operator: Invalid value: core.Toleration{Key:\"pool\", "
        "Operator:\"Exists\", Value:\"build\", Effect:\"NoSchedule\", TolerationSeconds:(*int64)(nil)}: value must be "
        "empty when `operator` is 'Exists'");
  p["spec"]["tolerations"] = json::array({{{"key", "pool"}, {"operator", "Equal"}, {"value", "x"}, {"effect", "NoRun"}}});
  CHECK(invalidMsg(p) ==
        "The Pod \"web\" is invalid: spec.tolerations[0].effect: Unsupported value: \"NoRun\": supported values: "
        "\"NoSchedule\", \"PreferNoSchedule\", \"NoExecute\"");
  p["spec"]["tolerations"] = json::array({{{"operator", "Equal"}, {"value", "x"}}});
  CHECK(invalidMsg(p) ==
        "The Pod \"web\" is invalid: spec.tolerations[0].operator: Invalid value: \"Equal\": operator must be Exists "
        "when `key` is empty, which means \"match all values and all keys\"");
}

TEST_CASE("validation: deployment and replicaset", "[api][validation]") {
  const char* dep = R"(apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: web
        image: nginx
)";
  json d = podFromYaml(dep);
  json q = d;
  applyDefaults(q);
  CHECK(validateObject(q).empty());

  json x = d;
  x["spec"]["replicas"] = -1;
  CHECK(invalidMsg(x) ==
        "The Deployment \"web\" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0");

  x = d;
  x["spec"].erase("selector");
  CHECK(invalidMsg(x) ==
        "The Deployment \"web\" is invalid: \n* spec.selector: Required value\n* spec.template.metadata.labels: Invalid "
        "value: map[string]string{\"app\":\"web\"}: `selector` does not match template `labels`");

  x = d;
  x["spec"]["template"]["metadata"]["labels"]["app"] = "x";
  CHECK(invalidMsg(x) ==
        "The Deployment \"web\" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"x\"}: "
        "`selector` does not match template `labels`");

  x = d;
  x["spec"]["strategy"] = {{"rollingUpdate", {{"maxSurge", 0}, {"maxUnavailable", 0}}}};
  CHECK(invalidMsg(x) ==
        "The Deployment \"web\" is invalid: spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0: may not be 0 "
        "when `maxSurge` is 0");

  x = d;
  x["spec"]["template"]["spec"]["restartPolicy"] = "Never";
  CHECK(invalidMsg(x) ==
        "The Deployment \"web\" is invalid: spec.template.spec.restartPolicy: Unsupported value: \"Never\": supported "
        "values: \"Always\"");

  x = d;
  x["kind"] = "ReplicaSet";
  x["spec"].erase("strategy");
  x["spec"]["replicas"] = -2;
  CHECK(invalidMsg(x) ==
        "The ReplicaSet \"web\" is invalid: spec.replicas: Invalid value: -2: must be greater than or equal to 0");
}

TEST_CASE("validation: service, namespace, node, hpa", "[api][validation]") {
  json svc = {{"apiVersion", "v1"}, {"kind", "Service"}, {"metadata", {{"name", "web"}}},
              {"spec", {{"selector", {{"app", "web"}}}, {"ports", json::array({{{"port", 80}}})}}}};
  json s = svc;
  applyDefaults(s);
  CHECK(validateObject(s).empty());
  s = svc;
  s["spec"]["ports"] = json::array();
  CHECK(invalidMsg(s) == "The Service \"web\" is invalid: spec.ports: Required value");
  s = svc;
  s["spec"]["type"] = "Magic";
  CHECK(invalidMsg(s) ==
        "The Service \"web\" is invalid: spec.type: Unsupported value: \"Magic\": supported values: \"ClusterIP\", "
        "\"ExternalName\", \"LoadBalancer\", \"NodePort\"");
  s = svc;
  s["metadata"]["name"] = "1web";
  CHECK(invalidMsg(s) ==
        "The Service \"1web\" is invalid: metadata.name: Invalid value: \"1web\": a DNS-1035 label must consist of lower "
        "case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric "
        "character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')");

  json ns = {{"apiVersion", "v1"}, {"kind", "Namespace"}, {"metadata", {{"name", "Dev"}}}};
  CHECK(invalidMsg(ns) ==
        "The Namespace \"Dev\" is invalid: metadata.name: Invalid value: \"Dev\": a lowercase RFC 1123 label must "
        "consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character "
        "(e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')");

  json hpa = {{"apiVersion", "autoscaling/v2"}, {"kind", "HorizontalPodAutoscaler"}, {"metadata", {{"name", "web"}}},
              {"spec", {{"scaleTargetRef", {{"apiVersion", "apps/v1"}, {"kind", "Deployment"}, {"name", "web"}}},
                        {"minReplicas", 2}, {"maxReplicas", 5}}}};
  json h = hpa;
  applyDefaults(h);
  CHECK(validateObject(h).empty());
  h = hpa;
  h["spec"]["minReplicas"] = 0;
  CHECK(invalidMsg(h) ==
        "The HorizontalPodAutoscaler \"web\" is invalid: spec.minReplicas: Invalid value: 0: must be greater than or "
        "equal to 1");
  h = hpa;
  h["spec"]["maxReplicas"] = 1;
  CHECK(invalidMsg(h) ==
        "The HorizontalPodAutoscaler \"web\" is invalid: spec.maxReplicas: Invalid value: 1: must be greater than or "
        "equal to `minReplicas`");
  h = hpa;
  h["spec"]["scaleTargetRef"].erase("name");
  CHECK(invalidMsg(h) == "The HorizontalPodAutoscaler \"web\" is invalid: spec.scaleTargetRef.name: Required value");
}

TEST_CASE("decode: type errors and unknown fields", "[api][decode]") {
  json pod = podFromYaml(kPod);
  CHECK(decodeError(pod) == "");
  json p = pod;
  p["spec"]["containers"][0]["ports"] = json::array({{{"containerPort", "80"}}});
  CHECK(decodeError(p) ==
        "Pod in version \"v1\" cannot be handled as a Pod: json: cannot unmarshal string into Go struct field "
        "ContainerPort.spec.containers.ports.containerPort of type int32");
  p = pod;
  p["spec"]["containers"][0]["imagee"] = "nginx";
  CHECK(decodeError(p) ==
        "Pod in version \"v1\" cannot be handled as a Pod: strict decoding error: unknown field \"spec.containers[0].imagee\"");
  p["spec"]["foo"] = 1;
  CHECK(decodeError(p) ==
        "Pod in version \"v1\" cannot be handled as a Pod: strict decoding error: unknown field "
        "\"spec.containers[0].imagee\", unknown field \"spec.foo\"");
  p = pod;
  p["spec"]["containers"][0]["resources"] = {{"limits", {{"cpu", "lots"}}}};
  CHECK(decodeError(p) ==
        "Pod in version \"v1\" cannot be handled as a Pod: quantities must match the regular expression "
        "'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
  p = pod;
  p["spec"]["containers"][0]["env"] = json::array({{{"name", "A"}, {"value", 1}}});
  CHECK(decodeError(p) ==
        "Pod in version \"v1\" cannot be handled as a Pod: json: cannot unmarshal number into Go struct field "
        "EnvVar.spec.containers.env.value of type string");
  p = pod;
  p["spec"]["containers"] = "web";
  CHECK(decodeError(p) ==
        "Pod in version \"v1\" cannot be handled as a Pod: json: cannot unmarshal string into Go struct field "
        "PodSpec.spec.containers of type []v1.Container");
  p = pod;
  p["metadata"]["labels"]["n"] = 1;
  CHECK(decodeError(p) ==
        "Pod in version \"v1\" cannot be handled as a Pod: json: cannot unmarshal number into Go struct field "
        "ObjectMeta.metadata.labels of type string");
  p = pod;
  p["spec"]["containers"][0]["livenessProbe"] = {{"httpGet", {{"port", true}}}};
  CHECK(decodeError(p) ==
        "Pod in version \"v1\" cannot be handled as a Pod: json: cannot unmarshal bool into Go value of type int32");
  p = pod;
  p["spec"]["containers"][0]["livenessProbe"] = {{"periodSeconds", 1.5}};
  CHECK(decodeError(p) ==
        "Pod in version \"v1\" cannot be handled as a Pod: json: cannot unmarshal number 1.5 into Go struct field "
        "Probe.spec.containers.livenessProbe.periodSeconds of type int32");
  p = pod;
  p["spec"]["containers"][0]["securityContext"] = {{"anything", {{"goes", 1}}}};
  CHECK(decodeError(p) == "");

  json d = {{"apiVersion", "apps/v1"}, {"kind", "Deployment"}, {"metadata", {{"name", "web"}}},
            {"spec", {{"replicas", "3"}}}};
  CHECK(decodeError(d) ==
        "Deployment in version \"v1\" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct "
        "field DeploymentSpec.spec.replicas of type int32");
  d["spec"] = {{"replicas", 3}, {"template", {{"spec", {{"containers", json::array({{{"name", "a"}, {"image", "b"}, {"Image", "c"}}})}}}}}};
  CHECK(decodeError(d) ==
        "Deployment in version \"v1\" cannot be handled as a Deployment: strict decoding error: unknown field "
        "\"spec.template.spec.containers[0].Image\"");
  json h = {{"apiVersion", "autoscaling/v2"}, {"kind", "HorizontalPodAutoscaler"}, {"metadata", {{"name", "w"}}},
            {"spec", {{"maxReplicas", "5"}}}};
  CHECK(decodeError(h) ==
        "HorizontalPodAutoscaler in version \"v2\" cannot be handled as a HorizontalPodAutoscaler: json: cannot "
        "unmarshal string into Go struct field HorizontalPodAutoscalerSpec.spec.maxReplicas of type int32");
}

// ---------------------------------------------------------------------------------------------
TEST_CASE("defaults: pod", "[api][defaults]") {
  json p = podFromYaml(R"(apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: web
    image: nginx
    ports:
    - containerPort: 80
    resources:
      limits:
        cpu: 500m
    livenessProbe:
      httpGet:
        port: 80
  - name: side
    image: busybox:1.36
)");
  applyDefaults(p);
  const json& s = p["spec"];
  CHECK(s["restartPolicy"] == "Always");
  CHECK(s["terminationGracePeriodSeconds"] == 30);
  CHECK(s["dnsPolicy"] == "ClusterFirst");
  CHECK(s["schedulerName"] == "default-scheduler");
  CHECK(s["securityContext"] == json::object());
  CHECK(s["serviceAccountName"] == "default");
  CHECK(s["serviceAccount"] == "default");
  CHECK(s["enableServiceLinks"] == true);
  CHECK(s["preemptionPolicy"] == "PreemptLowerPriority");
  CHECK(s["priority"] == 0);
  const json& c0 = s["containers"][0];
  CHECK(c0["imagePullPolicy"] == "Always");
  CHECK(s["containers"][1]["imagePullPolicy"] == "IfNotPresent");
  CHECK(c0["terminationMessagePath"] == "/dev/termination-log");
  CHECK(c0["terminationMessagePolicy"] == "File");
  CHECK(c0["ports"][0]["protocol"] == "TCP");
  CHECK(c0["resources"]["requests"]["cpu"] == "500m");
  CHECK(s["containers"][1]["resources"] == json::object());
  const json& lp = c0["livenessProbe"];
  CHECK(lp["timeoutSeconds"] == 1);
  CHECK(lp["periodSeconds"] == 10);
  CHECK(lp["successThreshold"] == 1);
  CHECK(lp["failureThreshold"] == 3);
  CHECK(lp["httpGet"]["scheme"] == "HTTP");
  CHECK(lp["httpGet"]["path"] == "/");
  REQUIRE(s["tolerations"].size() == 2);
  CHECK(s["tolerations"][0] == json{{"effect", "NoExecute"}, {"key", "node.kubernetes.io/not-ready"},
                                    {"operator", "Exists"}, {"tolerationSeconds", 300}});
  CHECK(s["tolerations"][1]["key"] == "node.kubernetes.io/unreachable");
  CHECK(!s.contains("volumes"));

  // already tolerated: nothing added; idempotent
  json q = podFromYaml(kPod);
  q["spec"]["tolerations"] = json::array({{{"operator", "Exists"}}});
  applyDefaults(q);
  CHECK(q["spec"]["tolerations"].size() == 1);
  json again = q;
  applyDefaults(again);
  CHECK(again == q);
}

TEST_CASE("defaults: image pull policy by tag", "[api][defaults]") {
  auto policy = [](const std::string& image) {
    json p = {{"apiVersion", "v1"}, {"kind", "Pod"}, {"metadata", {{"name", "a"}}},
              {"spec", {{"containers", json::array({{{"name", "a"}, {"image", image}}})}}}};
    applyDefaults(p);
    return p["spec"]["containers"][0]["imagePullPolicy"].get<std::string>();
  };
  CHECK(policy("nginx") == "Always");
  CHECK(policy("nginx:latest") == "Always");
  CHECK(policy("nginx:1.25") == "IfNotPresent");
  CHECK(policy("localhost:5000/nginx") == "Always");
  CHECK(policy("localhost:5000/nginx:v1") == "IfNotPresent");
  CHECK(policy("nginx@sha256:abcd") == "IfNotPresent");
}

TEST_CASE("defaults: deployment, replicaset, service, hpa", "[api][defaults]") {
  json d = {{"apiVersion", "apps/v1"}, {"kind", "Deployment"}, {"metadata", {{"name", "web"}}},
            {"spec", {{"template", {{"spec", {{"containers", json::array({{{"name", "a"}, {"image", "b:1"},
                                                                           {"resources", {{"limits", {{"cpu", "1"}}}}}}})}}}}}}}};
  applyDefaults(d);
  CHECK(d["spec"]["replicas"] == 1);
  CHECK(d["spec"]["strategy"] ==
        json{{"type", "RollingUpdate"}, {"rollingUpdate", {{"maxSurge", "25%"}, {"maxUnavailable", "25%"}}}});
  CHECK(d["spec"]["revisionHistoryLimit"] == 10);
  CHECK(d["spec"]["progressDeadlineSeconds"] == 600);
  const json& ts = d["spec"]["template"]["spec"];
  CHECK(ts["restartPolicy"] == "Always");
  CHECK(!ts.contains("serviceAccountName"));
  CHECK(!ts.contains("tolerations"));
  CHECK(!ts["containers"][0]["resources"].contains("requests"));  // only pods copy limits to requests

  json rs = {{"apiVersion", "apps/v1"}, {"kind", "ReplicaSet"}, {"metadata", {{"name", "r"}}}, {"spec", json::object()}};
  applyDefaults(rs);
  CHECK(rs["spec"]["replicas"] == 1);

  json svc = {{"apiVersion", "v1"}, {"kind", "Service"}, {"metadata", {{"name", "web"}}},
              {"spec", {{"ports", json::array({{{"port", 80}}, {{"port", 443}, {"targetPort", "https"}}})}}}};
  applyDefaults(svc);
  CHECK(svc["spec"]["type"] == "ClusterIP");
  CHECK(svc["spec"]["sessionAffinity"] == "None");
  CHECK(svc["spec"]["ports"][0]["protocol"] == "TCP");
  CHECK(svc["spec"]["ports"][0]["targetPort"] == 80);
  CHECK(svc["spec"]["ports"][1]["targetPort"] == "https");
  CHECK(svc["spec"]["internalTrafficPolicy"] == "Cluster");

  json h = {{"apiVersion", "autoscaling/v2"}, {"kind", "HorizontalPodAutoscaler"}, {"metadata", {{"name", "web"}}},
            {"spec", {{"maxReplicas", 3}}}};
  applyDefaults(h);
  CHECK(h["spec"]["minReplicas"] == 1);
  CHECK(h["spec"]["metrics"][0]["resource"]["target"]["averageUtilization"] == 80);
}
