// Unit tests: event queue, store (resourceVersion, watch, indexes), time formatting.
#include <catch2/catch.hpp>

#include "api/store.h"
#include "sim/event_queue.h"
#include "util/timefmt.h"

using namespace podplay;

TEST_CASE("event queue orders by time then insertion and honours cancel", "[queue]") {
  EventQueue q;
  std::string order;
  q.at(20, [&] { order += "c"; });
  q.at(10, [&] { order += "a"; });
  q.at(10, [&] { order += "b"; });
  EventId d = q.at(15, [&] { order += "X"; });
  q.cancel(d);
  q.runUntil(100);
  REQUIRE(order == "abc");
  REQUIRE(q.now() == 100);
  // Events scheduled during execution at the same time run in the same pass.
  q.after(0, [&] { q.after(0, [&] { order += "e"; }); order += "d"; });
  q.runDue();
  REQUIRE(order == "abcde");
  REQUIRE(q.nextTime() == -1);
}

static json pod(const std::string& name, const std::string& node = "") {
  json p = {{"apiVersion", "v1"}, {"kind", "Pod"}, {"metadata", {{"name", name}, {"namespace", "default"}}},
            {"spec", json::object()}};
  if (!node.empty()) p["spec"]["nodeName"] = node;
  return p;
}

TEST_CASE("store bumps resourceVersion, skips no-op updates, keeps list order", "[store]") {
  EventQueue q;
  Store s(q);
  REQUIRE(s.create(pod("b")).ok());
  REQUIRE(s.create(pod("a")).ok());
  auto dup = s.create(pod("a"));
  REQUIRE(dup.err.reason == "AlreadyExists");
  REQUIRE(dup.err.message == "pods \"a\" already exists");
  auto list = s.list("Pod", "default");
  REQUIRE(list.size() == 2);
  REQUIRE(objName(*list[0]) == "a");
  uint64_t rv = s.resourceVersion();
  s.update("Pod", "default", "a", [](json&) { return true; });
  REQUIRE(s.resourceVersion() == rv);  // unchanged object: no write
  s.update("Pod", "default", "a", [](json& p) {
    p["spec"]["nodeName"] = "n1";
    return true;
  });
  REQUIRE(s.resourceVersion() == rv + 1);
  REQUIRE(s.podsOnNode("n1").size() == 1);
  REQUIRE(s.remove("Pod", "default", "zz").err.message == "pods \"zz\" not found");
}

TEST_CASE("watch events arrive through the queue, filtered by node", "[store]") {
  EventQueue q;
  Store s(q);
  std::vector<std::string> all, onN1;
  s.watch("Pod", [&](const WatchEvent& e) { all.push_back(objName(*e.obj)); });
  s.watch("Pod", [&](const WatchEvent& e) { onN1.push_back(objName(*e.obj) + (e.type == WatchType::Deleted ? "-" : "")); }, std::string("n1"));
  s.create(pod("x"));
  s.create(pod("y", "n1"));
  REQUIRE(all.empty());  // not delivered synchronously
  q.runDue();
  REQUIRE(all == std::vector<std::string>{"x", "y"});
  REQUIRE(onN1 == std::vector<std::string>{"y"});
  s.update("Pod", "default", "x", [](json& p) {
    p["spec"]["nodeName"] = "n1";
    return true;
  });
  s.update("Pod", "default", "y", [](json& p) {
    p["spec"]["nodeName"] = "n2";
    return true;
  });  // moved away: n1's watcher still sees it
  s.remove("Pod", "default", "x");
  q.runDue();
  REQUIRE(onN1 == std::vector<std::string>{"y", "x", "y", "x-"});
}

TEST_CASE("HumanDuration like apimachinery", "[time]") {
  struct C {
    Time ms;
    const char* want;
  } cases[] = {{0, "0s"},           {-500, "0s"},          {-2000, "<invalid>"}, {59000, "59s"},
               {119999, "119s"},    {120000, "2m"},        {125000, "2m5s"},     {600000, "10m"},
               {179 * 60000, "179m"}, {3 * 3600000, "3h"}, {3 * 3600000 + 30 * 60000, "3h30m"},
               {47 * 3600000LL, "47h"}, {49 * 3600000LL, "2d1h"}, {8 * 86400000LL, "8d"},
               {800 * 86400000LL, "2y70d"}, {9 * 365 * 86400000LL, "9y"}};
  for (const auto& c : cases) {
    INFO(c.ms);
    REQUIRE(humanDuration(c.ms) == c.want);
  }
}

TEST_CASE("Go duration strings", "[time]") {
  REQUIRE(goDuration(0) == "0s");
  REQUIRE(goDuration(500) == "500ms");
  REQUIRE(goDuration(10000) == "10s");
  REQUIRE(goDuration(80000) == "1m20s");
  REQUIRE(goDuration(300000) == "5m0s");
  REQUIRE(goDuration(3412) == "3.412s");
  REQUIRE(goDuration(3600000) == "1h0m0s");
}

TEST_CASE("timestamps", "[time]") {
  REQUIRE(rfc3339(0) == "2024-01-01T10:00:00Z");
  REQUIRE(rfc1123z(0) == "Mon, 01 Jan 2024 10:00:00 +0000");
  REQUIRE(rfc1123z(86400000LL * 31) == "Thu, 01 Feb 2024 10:00:00 +0000");
  Time t = 0;
  REQUIRE(parseRfc3339("2024-01-01T10:01:05Z", t));
  REQUIRE(t == 65000);
  Time d = 0;
  REQUIRE(parseDuration("1h30m", d));
  REQUIRE(d == 5400000);
  REQUIRE(parseDuration("5", d));
  REQUIRE(d == 5000);
  REQUIRE(parseDuration("1.5s", d));
  REQUIRE(d == 1500);
  REQUIRE_FALSE(parseDuration("5x", d));
  REQUIRE_FALSE(parseDuration("", d));
}
