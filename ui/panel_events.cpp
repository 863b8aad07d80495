// Events: `kubectl get events` as the CLI prints it, refreshed live when the store changes or the
// clock crosses a second (the AGE column).
#include "app.h"
#include "imgui.h"

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
      rv_ = rv, sec_ = sec, gen_ = app.generation();
      CommandResult r = app.query(all_ ? "kubectl get events -A" : "kubectl get events");
      text_ = r.text();
    }
    ImGui::BeginChild("events", ImVec2(0, 0), false, ImGuiWindowFlags_HorizontalScrollbar);
    ImGui::TextUnformatted(text_.data(), text_.data() + text_.size());
    ImGui::EndChild();
  }

 private:
  bool all_ = false;
  uint64_t rv_ = 0, gen_ = 0;
  Time sec_ = -1;
  std::string text_;
};

}  // namespace

std::unique_ptr<Panel> makeEventsPanel() { return std::make_unique<EventsPanel>(); }

}  // namespace podplay::ui
