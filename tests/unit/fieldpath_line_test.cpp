// Unit tests: API error field paths -> lines of the manifest text (the editor's error markers).
#include <catch2/catch.hpp>

#include "api/fieldpath_line.h"

using namespace podplay;

namespace {

const char* kDeployment = R"(apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    app.kubernetes.io/name: web
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
      - name: nginx
        image: nginx:1.25
      - name: sidecar
        ports:
        - containerPort: 8080
)";

}  // namespace

TEST_CASE("fieldpath: parses one-cause and several-cause Invalid errors") {
  auto one = parseInvalidCauses(
      "The Deployment \"web\" is invalid: spec.template.spec.containers[0].image: Required value\n");
  REQUIRE(one.size() == 1);
  CHECK(one[0].kind == "Deployment");
  CHECK(one[0].name == "web");
  CHECK(one[0].field == "spec.template.spec.containers[0].image");
  CHECK(one[0].message == "Required value");

  auto many = parseInvalidCauses(
      "deployment.apps/ok created\n"
      "The Pod \"p\" is invalid: \n"
      "* spec.containers[0].name: Required value\n"
      "* spec.containers[0].image: Invalid value: \"a b\": must not have spaces\n"
      "The Service \"\" is invalid: metadata.name: Required value: name or generateName is required\n");
  REQUIRE(many.size() == 3);
  CHECK(many[0].kind == "Pod");
  CHECK(many[0].field == "spec.containers[0].name");
  CHECK(many[1].field == "spec.containers[0].image");
  CHECK(many[1].message == "Invalid value: \"a b\": must not have spaces");
  CHECK(many[2].kind == "Service");
  CHECK(many[2].name == "");
  CHECK(many[2].field == "metadata.name");

  CHECK(parseInvalidCauses("error: error parsing STDIN: yaml: line 3: bad").empty());
  auto noField = parseInvalidCauses("The Pod \"x\" is invalid: something went wrong here\n");
  REQUIRE(noField.size() == 1);
  CHECK(noField[0].field == "");
}

TEST_CASE("fieldpath: existing fields map to their key's line") {
  struct Row {
    const char* path;
    int line;
  } rows[] = {
      {"metadata.name", 4},
      {"spec.replicas", 8},
      {"spec.selector.matchLabels", 10},
      {"spec.selector.matchLabels[app]", 11},
      {"metadata.labels[app.kubernetes.io/name]", 6},
      {"spec.template.spec.containers", 17},
      {"spec.template.spec.containers[0]", 18},
      {"spec.template.spec.containers[0].image", 19},
      {"spec.template.spec.containers[1].name", 20},
      {"spec.template.spec.containers[1].ports[0].containerPort", 22},
  };
  for (auto& r : rows) {
    INFO(r.path);
    FieldLocation loc = locateFieldPath(kDeployment, "Deployment", "web", r.path);
    CHECK(loc.line == r.line);
    CHECK(loc.exact);
    CHECK(loc.found == r.path);
  }
}

TEST_CASE("fieldpath: a missing field maps to its nearest existing parent") {
  FieldLocation img = locateFieldPath(kDeployment, "Deployment", "web", "spec.template.spec.containers[1].image");
  CHECK(img.line == 20);  // the item "- name: sidecar"
  CHECK_FALSE(img.exact);
  CHECK(img.found == "spec.template.spec.containers[1]");

  FieldLocation strategy = locateFieldPath(kDeployment, "Deployment", "web", "spec.strategy.rollingUpdate.maxSurge");
  CHECK(strategy.line == 7);
  CHECK(strategy.found == "spec");

  FieldLocation idx = locateFieldPath(kDeployment, "Deployment", "web", "spec.template.spec.containers[5].name");
  CHECK(idx.line == 17);
  CHECK(idx.found == "spec.template.spec.containers");

  FieldLocation top = locateFieldPath(kDeployment, "Deployment", "web", "status");
  CHECK(top.line == 1);  // the document itself
  CHECK(top.found == "");
  CHECK_FALSE(top.exact);
}

TEST_CASE("fieldpath: multi-document YAML picks the document of the named object") {
  std::string text = std::string("# two objects\n") +
                     "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: a\n    image: x\n"
                     "---\n" + kDeployment +  // lines 11..32
                     "---\n"
                     "apiVersion: v1\nkind: Pod\nmetadata:\n  name: other\nspec:\n  containers:\n  - name: b\n";
  CHECK(locateFieldPath(text, "Pod", "web", "spec.containers[0].image").line == 9);
  CHECK(locateFieldPath(text, "Deployment", "web", "spec.template.spec.containers[0].image").line == 10 + 19);
  FieldLocation other = locateFieldPath(text, "Pod", "other", "spec.containers[0].image");
  CHECK(other.line == 33 + 7);  // "- name: b"
  CHECK_FALSE(other.exact);
  CHECK(locateFieldPath(text, "Pod", "nope", "spec").line == 0);
  CHECK(locateFieldPath(text, "Service", "web", "spec").line == 0);
}

TEST_CASE("fieldpath: JSON text and List items") {
  const char* json1 =
      "{\n"
      "  \"apiVersion\": \"v1\",\n"
      "  \"kind\": \"Pod\",\n"
      "  \"metadata\": {\"name\": \"j\"},\n"
      "  \"spec\": {\n"
      "    \"containers\": [\n"
      "      {\n"
      "        \"name\": \"app\",\n"
      "        \"image\": \"\"\n"
      "      }\n"
      "    ]\n"
      "  }\n"
      "}\n"
      "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"k\"},\"spec\":{}}\n";
  CHECK(locateFieldPath(json1, "Pod", "j", "spec.containers[0].image").line == 9);
  CHECK(locateFieldPath(json1, "Pod", "j", "spec.containers[0]").line == 7);
  CHECK(locateFieldPath(json1, "Pod", "j", "metadata.name").line == 4);
  FieldLocation k = locateFieldPath(json1, "Pod", "k", "spec.containers");
  CHECK(k.line == 14);
  CHECK(k.found == "spec");

  const char* list =
      "apiVersion: v1\n"
      "kind: List\n"
      "items:\n"
      "- apiVersion: v1\n"
      "  kind: Pod\n"
      "  metadata:\n"
      "    name: a\n"
      "- apiVersion: v1\n"
      "  kind: Pod\n"
      "  metadata:\n"
      "    name: b\n"
      "  spec:\n"
      "    containers: []\n";
  CHECK(locateFieldPath(list, "Pod", "b", "spec.containers").line == 13);
  CHECK(locateFieldPath(list, "Pod", "a", "spec.containers").line == 4);
}

TEST_CASE("fieldpath: bad text never throws") {
  CHECK(locateFieldPath("kind: [unterminated\n  : : {", "Pod", "x", "spec").line == 0);
  CHECK(locateFieldPath("", "Pod", "x", "spec").line == 0);
  CHECK(locateFieldPath("{\"kind\": ", "Pod", "x", "spec").line == 0);
  CHECK(locateFieldPath(kDeployment, "Deployment", "web", "spec..[x][").line > 0);
}

TEST_CASE("fieldpath: yaml errors are placed in the failing document") {
  std::string text = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: ok\n---\napiVersion: v1\nkind: Pod\nmetadata:\n"
                     "  name: bad\n   oops: [\n";
  // go-yaml counts from the failing document's first line (the line after "---").
  CHECK(locateYamlError(text, "error: error parsing STDIN: error converting YAML to JSON: yaml: line 5: x") == 10);
  CHECK(locateYamlError("a: b\nc d\n", "error converting YAML to JSON: yaml: line 2: could not find expected ':'") == 2);
  CHECK(locateYamlError(text, "The Pod \"x\" is invalid") == 0);
}
