// Events: `kubectl get events` as the CLI prints it, refreshed live when the store changes or the
// clock crosses a second (the AGE column). While the clock plays the store changes every frame, so a
// refresh happens at most every kMinRefresh wall seconds, and never more often than 25 times its own
// cost (a refresh that takes 10 ms waits at least 250 ms): the panel spends at most ~4% of the
// frames' time. Past kMaxEvents events (5,000 pods make ~25,000, whose full table takes ~1 s to
// print in the browser) it shows the kRecent most recent, in the same table layout, from an
// EventCache (only new or changed Events are read), refreshed at most every kLargeRefresh seconds
// and spread over frames (kSlice Events a frame).
#include <algorithm>
#include <chrono>
#include <vector>

#include "app.h"
#include "event_cache.h"
#include "imgui.h"
#include "printers/printers.h"

namespace podplay::ui {
namespace {

class EventsPanel : public Panel {
 public:
  const char* id() const override { return "events"; }
  const char* title() const override { return "Events"; }

  void draw(App& app) override {
    bool changed = ImGui::Checkbox("all namespaces (-A)", &all_);
    uint64_t rv = app.store().resourceVersion();
    Time sec = app.now() / kSecond;
    const bool forced = changed || gen_ != app.generation();
    if (forced) cache_.clear();
    if (cache_.refreshing()) {
      // A large refresh in progress: kSlice more Events this frame; the table once all are read.
      if (cache_.step(kSlice)) text_ = recentTable(app);
    } else if (forced || rv != rv_ || sec != sec_) {
      const double wall = ImGui::GetTime();
      const bool large = app.store().count("Event") > kMaxEvents;
      if (forced || wall - refreshedAt_ >= std::max(large ? kLargeRefresh : kMinRefresh, 25.0 * lastCost_)) {
        const auto t0 = std::chrono::steady_clock::now();
        rv_ = rv, sec_ = sec, gen_ = app.generation(), refreshedAt_ = wall;
        if (large) {
          cache_.begin(app.store(), all_ ? "" : "default");  // the list; its reading from the next frame on
        } else {
          text_ = app.query(all_ ? "kubectl get events -A" : "kubectl get events").text();
        }
        lastCost_ = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
      }
    }
    ImGui::BeginChild("events", ImVec2(0, 0), false, ImGuiWindowFlags_HorizontalScrollbar);
    ImGui::TextUnformatted(text_.data(), text_.data() + text_.size());
    ImGui::EndChild();
  }

 private:
  static constexpr size_t kMaxEvents = 300;
  static constexpr size_t kRecent = 150;
  static constexpr double kMinRefresh = 0.25;
  static constexpr double kLargeRefresh = 2.0;
  static constexpr size_t kSlice = 3000;  // Events read per frame during a large refresh

  // The kRecent most recent events (by lastTimestamp) of the cache, oldest first, as `kubectl get
  // events` lays them out.
  std::string recentTable(App& app) const {
    std::vector<const json*> objs = cache_.recent(kRecent);
    PrintOptions opts;
    opts.allNamespaces = all_;
    return "# the " + std::to_string(objs.size()) + " most recent of " + std::to_string(cache_.size()) +
           " events (kubectl get events in the console lists them all)\n" + printTable(objs, "Event", opts, app.now());
  }

  bool all_ = false;
  double refreshedAt_ = -1e9;
  double lastCost_ = 0;  // wall seconds the last refresh took
  uint64_t rv_ = 0, gen_ = 0;
  Time sec_ = -1;
  std::string text_;
  EventCache cache_;
};

}  // namespace

std::unique_ptr<Panel> makeEventsPanel() { return std::make_unique<EventsPanel>(); }

}  // namespace podplay::ui
