// kubectl console: an input line with history (up/down), and the transcript exactly as the CLI
// prints it (stderr in red). Every command from every panel and from the JS API appears here.
#include <cstring>

#include "app.h"
#include "imgui.h"
#include "imgui_stdlib.h"

namespace podplay::ui {
namespace {

class ConsolePanel : public Panel {
 public:
  const char* id() const override { return "console"; }
  const char* title() const override { return "kubectl console"; }

  void draw(App& app) override {
    const float inputH = ImGui::GetFrameHeightWithSpacing() + 2;
    ImGui::BeginChild("transcript", ImVec2(0, -inputH), false, ImGuiWindowFlags_HorizontalScrollbar);
    auto& lines = app.console();
    ImGuiListClipper clip;
    clip.Begin(static_cast<int>(lines.size()));
    while (clip.Step())
      for (int i = clip.DisplayStart; i < clip.DisplayEnd; ++i) {
        const ConsoleLine& l = lines[i];
        ImVec4 c = l.kind == ConsoleLine::Err       ? ImVec4(1, 0.45f, 0.45f, 1)
                   : l.kind == ConsoleLine::Command ? ImVec4(0.55f, 0.8f, 1, 1)
                   : l.kind == ConsoleLine::Info    ? ImVec4(0.6f, 0.6f, 0.6f, 1)
                                                    : ImGui::GetStyleColorVec4(ImGuiCol_Text);
        ImGui::PushStyleColor(ImGuiCol_Text, c);
        ImGui::TextUnformatted(l.text.data(), l.text.data() + l.text.size());
        ImGui::PopStyleColor();
      }
    if (app.consoleSerial() != seenSerial_) {
      seenSerial_ = app.consoleSerial();
      ImGui::SetScrollHereY(1.0f);
    }
    ImGui::EndChild();

    ImGui::BeginDisabled(app.readonly());
    ImGui::TextUnformatted("$");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(-60);
    const ImGuiInputTextFlags flags = ImGuiInputTextFlags_EnterReturnsTrue | ImGuiInputTextFlags_CallbackHistory;
    if (focus_) {
      ImGui::SetKeyboardFocusHere();
      focus_ = false;
    }
    if (ImGui::InputText("##cmd", &input_, flags, &ConsolePanel::historyCallback, this)) {
      submit(app);
      focus_ = true;
    }
    ImGui::SameLine();
    if (ImGui::Button("Run")) submit(app);
    ImGui::EndDisabled();
  }

 private:
  void submit(App& app) {
    std::string line = input_;
    input_.clear();
    historyPos_ = -1;
    if (line.find_first_not_of(" \t") == std::string::npos) return;
    if (history_.empty() || history_.back() != line) history_.push_back(line);
    if (line == "clear") {
      app.clearConsole();
      return;
    }
    app.run(line);
  }

  static int historyCallback(ImGuiInputTextCallbackData* d) {
    auto* self = static_cast<ConsolePanel*>(d->UserData);
    if (d->EventFlag != ImGuiInputTextFlags_CallbackHistory || self->history_.empty()) return 0;
    int n = static_cast<int>(self->history_.size());
    int prev = self->historyPos_;
    if (d->EventKey == ImGuiKey_UpArrow)
      self->historyPos_ = self->historyPos_ < 0 ? n - 1 : std::max(0, self->historyPos_ - 1);
    else if (d->EventKey == ImGuiKey_DownArrow && self->historyPos_ >= 0)
      self->historyPos_ = self->historyPos_ + 1 >= n ? -1 : self->historyPos_ + 1;
    if (prev != self->historyPos_) {
      d->DeleteChars(0, d->BufTextLen);
      if (self->historyPos_ >= 0) d->InsertChars(0, self->history_[self->historyPos_].c_str());
    }
    return 0;
  }

  std::string input_;
  std::vector<std::string> history_;
  int historyPos_ = -1;
  uint64_t seenSerial_ = 0;
  bool focus_ = true;
};

}  // namespace

std::unique_ptr<Panel> makeConsolePanel() { return std::make_unique<ConsolePanel>(); }

}  // namespace podplay::ui
