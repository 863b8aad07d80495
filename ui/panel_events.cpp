// Events: `kubectl get events` as the CLI prints it, refreshed live when the store changes or the
// clock crosses a second (the AGE column). Past kMaxEvents events (5,000 pods make ~25,000, a 2 MB
// table that takes ~1 s to print in the browser) it shows the most recent kMaxEvents in the same
// table layout, refreshed at most every kLargeRefresh wall seconds.
#include <algorithm>
#include <vector>

#include "app.h"
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
    if (changed || rv != rv_ || sec != sec_ || gen_ != app.generation()) {
      const double wall = ImGui::GetTime();
      const bool large = app.store().count("Event") > kMaxEvents;
      if (!large || changed || gen_ != app.generation() || wall - refreshedAt_ >= kLargeRefresh) {
        rv_ = rv, sec_ = sec, gen_ = app.generation(), refreshedAt_ = wall;
        text_ = large ? recent(app) : app.query(all_ ? "kubectl get events -A" : "kubectl get events").text();
      }
    }
    ImGui::BeginChild("events", ImVec2(0, 0), false, ImGuiWindowFlags_HorizontalScrollbar);
    ImGui::TextUnformatted(text_.data(), text_.data() + text_.size());
    ImGui::EndChild();
  }

 private:
  static constexpr size_t kMaxEvents = 1000;
  static constexpr double kLargeRefresh = 2.0;

  // The kMaxEvents most recent events (by lastTimestamp), oldest first, as `kubectl get events` lays them out.
  std::string recent(App& app) const {
    auto events = app.store().list("Event", all_ ? "" : "default");
    auto last = [](const ObjPtr& e) -> const std::string& {
      static const std::string none;
      auto it = e->find("lastTimestamp");
      return it != e->end() && it->is_string() ? it->get_ref<const std::string&>() : none;
    };
    const size_t total = events.size(), n = std::min(total, kMaxEvents);
    std::nth_element(events.begin(), events.begin() + (total - n), events.end(),
                     [&](const ObjPtr& a, const ObjPtr& b) { return last(a) < last(b); });
    std::vector<ObjPtr> tail(events.begin() + (total - n), events.end());
    std::stable_sort(tail.begin(), tail.end(), [&](const ObjPtr& a, const ObjPtr& b) { return last(a) < last(b); });
    std::vector<const json*> objs;
    for (auto& e : tail) objs.push_back(e.get());
    PrintOptions opts;
    opts.allNamespaces = all_;
    return "# the " + std::to_string(n) + " most recent of " + std::to_string(total) +
           " events (kubectl get events in the console lists them all)\n" + printTable(objs, "Event", opts, app.now());
  }

  bool all_ = false;
  double refreshedAt_ = -1e9;
  uint64_t rv_ = 0, gen_ = 0;
  Time sec_ = -1;
  std::string text_;
};

}  // namespace

std::unique_ptr<Panel> makeEventsPanel() { return std::make_unique<EventsPanel>(); }

}  // namespace podplay::ui
