// Unit tests for kubectl get output helpers: --sort-by (kubectl get/sorter.go) and jsonpath ranges.
#include <catch2/catch.hpp>

#include "printers/output.h"

using namespace podplay;

namespace {

std::vector<size_t> sorted(const std::vector<json>& objs, const std::string& by, bool table = false) {
  std::vector<const json*> raw;
  for (const auto& o : objs) raw.push_back(&o);
  std::vector<size_t> order;
  std::string err;
  REQUIRE(sortByJsonPath(raw, by, table, order, err));
  CHECK(err.empty());
  return order;
}

std::string sortErr(const std::vector<json>& objs, const std::string& by, bool table) {
  std::vector<const json*> raw;
  for (const auto& o : objs) raw.push_back(&o);
  std::vector<size_t> order;
  std::string err;
  CHECK_FALSE(sortByJsonPath(raw, by, table, order, err));
  return err;
}

json named(const std::string& n, json extra = json::object()) {
  json o = {{"metadata", {{"name", n}}}};
  o.merge_patch(extra);
  return o;
}

}  // namespace

TEST_CASE("relaxedJsonPath accepts the four kubectl spellings", "[get][sort]") {
  std::string out, err;
  for (const char* in : {"metadata.name", ".metadata.name", "{metadata.name}", "{.metadata.name}"}) {
    REQUIRE(relaxedJsonPath(in, out, err));
    CHECK(out == "{.metadata.name}");
  }
  REQUIRE(relaxedJsonPath(".", out, err));
  CHECK(out == "{..}");
  CHECK_FALSE(relaxedJsonPath("{.metadata.name", out, err));
  CHECK(err == "unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'");
  CHECK_FALSE(relaxedJsonPath("{.a}{.b}", out, err));
}

TEST_CASE("sort-by: strings naturally, numbers numerically, quantities by value", "[get][sort]") {
  std::vector<json> objs = {named("web-10"), named("web-9"), named("api"), named("web-010")};
  CHECK(sorted(objs, ".metadata.name") == std::vector<size_t>{2, 1, 0, 3});

  std::vector<json> nums = {named("a", {{"spec", {{"replicas", 10}}}}), named("b", {{"spec", {{"replicas", 2}}}}),
                            named("c", {{"spec", {{"replicas", 1.5}}}})};
  CHECK(sorted(nums, "{.spec.replicas}") == std::vector<size_t>{2, 1, 0});

  std::vector<json> qty = {named("a", {{"cpu", "2"}}), named("b", {{"cpu", "500m"}}), named("c", {{"cpu", "1Gi"}}),
                           named("d", {{"cpu", "16"}})};
  CHECK(sorted(qty, ".cpu") == std::vector<size_t>{1, 0, 3, 2});
}

TEST_CASE("sort-by: timestamps by time, missing fields first, stable", "[get][sort]") {
  std::vector<json> objs = {
      named("c", {{"metadata", {{"creationTimestamp", "2024-05-01T10:00:09Z"}}}}),
      named("a", {{"metadata", {{"creationTimestamp", "2024-05-01T10:00:10Z"}}}}),
      named("x"),
      named("b", {{"metadata", {{"creationTimestamp", "2024-05-01T10:00:09Z"}}}}),
      named("y"),
  };
  CHECK(sorted(objs, ".metadata.creationTimestamp") == std::vector<size_t>{2, 4, 0, 3, 1});
}

TEST_CASE("sort-by errors follow kubectl", "[get][sort]") {
  std::vector<json> objs = {named("a"), named("b")};
  CHECK(sortErr(objs, ".metadata.foo", false) == "couldn't find any field with path \"{.metadata.foo}\" in the list of objects");
  CHECK(sortErr(objs, ".metadata.foo", true) == "couldn't find any field with path \"{.metadata.foo}\" in the list of objects");
  // The table sorter falls back to the raw text when the relaxed form does not apply.
  CHECK(sortErr(objs, "{.a}{.b}", true) == "couldn't find any field with path \"{.a}{.b}\" in the list of objects");
  CHECK(sortErr(objs, "{.a}{.b}", false).rfind("unexpected path string", 0) == 0);
  // Empty lists are not checked by the generic printers.
  CHECK(sorted({}, ".metadata.foo").empty());
}

TEST_CASE("jsonpath range over a one-item list runs once on the item", "[get][jsonpath]") {
  json list = {{"apiVersion", "v1"}, {"kind", "List"}, {"items", json::array({named("web")})}};
  std::string out, err;
  REQUIRE(jsonpath(list, "{range .items[*]}{.metadata.name}{\"\\n\"}{end}", out, err));
  CHECK(out == "web\n");
  list["items"].push_back(named("api"));
  REQUIRE(jsonpath(list, "{range .items[*]}{.metadata.name}{\"\\n\"}{end}", out, err));
  CHECK(out == "web\napi\n");
  // `{range .items}` ranges once over the array itself (client-go does not unwrap it).
  REQUIRE(jsonpath(list, "{range .items}[{.metadata.name}]{end}", out, err));
  CHECK(out == "[]");
}
