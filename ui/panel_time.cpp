// Time controls: play/pause, step 1s, step to the next scheduled event, speed, the virtual clock,
// reset, and the session's script (export, import, share link).
#include <cstdio>

#include "app.h"
#include "imgui.h"
#include "platform.h"
#include "util/timefmt.h"

namespace podplay::ui {
namespace {

class TimePanel : public Panel {
 public:
  const char* id() const override { return "time"; }
  const char* title() const override { return "Time"; }

  void draw(App& app) override {
    ImGui::TextColored(ImVec4(0.55f, 0.8f, 1, 1), "podplay");
    ImGui::SameLine();
    // The virtual clock is always visible: date-time and the elapsed time since the start.
    ImGui::Text("%s  (+%s)", rfc3339(app.now()).c_str(), goDuration(app.now() - app.now() % 1000).c_str());
    ImGui::SameLine(0, 16);
    if (ImGui::Button(app.paused() ? " Play  " : " Pause ")) app.setPaused(!app.paused());
    ImGui::SameLine();
    ImGui::BeginDisabled(app.readonly());
    if (ImGui::Button("Step 1s")) app.step(kSecond);
    ImGui::SameLine();
    if (ImGui::Button("Next event")) app.stepToNextEvent();
    ImGui::EndDisabled();
    ImGui::SameLine(0, 16);
    ImGui::TextUnformatted("Speed");
    static const double speeds[] = {1, 2, 5, 10, 25, 50, 100};
    for (double s : speeds) {
      ImGui::SameLine();
      char label[16];
      std::snprintf(label, sizeof label, "%gx", s);
      bool on = app.speed() == s;
      if (on) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
      if (ImGui::SmallButton(label)) app.setSpeed(s);
      if (on) ImGui::PopStyleColor();
    }
    ImGui::SameLine(0, 16);
    ImGui::BeginDisabled(app.readonly());
    if (ImGui::Button("Reset")) ImGui::OpenPopup("Reset the cluster?");
    ImGui::EndDisabled();
    ImGui::SameLine();
    if (ImGui::Button("Export")) platform::download("podplay-session.sh", app.exportScript());
    ImGui::SameLine();
    ImGui::BeginDisabled(app.readonly());
    if (ImGui::Button("Import")) platform::pickScriptFile();
    ImGui::EndDisabled();
    ImGui::SameLine();
    if (ImGui::Button("Share")) shared_ = platform::shareLink(app.exportScript());
    if (!shared_.empty() && ImGui::IsItemHovered()) ImGui::SetTooltip("Link copied: %.200s", shared_.c_str());

    if (ImGui::BeginPopupModal("Reset the cluster?", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
      ImGui::TextUnformatted("Start over with a fresh cluster? The history is cleared.");
      if (ImGui::Button("Reset")) {
        app.reset();
        ImGui::CloseCurrentPopup();
      }
      ImGui::SameLine();
      if (ImGui::Button("Cancel")) ImGui::CloseCurrentPopup();
      ImGui::EndPopup();
    }
  }

 private:
  std::string shared_;
};

}  // namespace

std::unique_ptr<Panel> makeTimePanel() { return std::make_unique<TimePanel>(); }

}  // namespace podplay::ui
