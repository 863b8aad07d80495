// Manifest editor: a gallery of starting manifests, a multiline editor, Apply (`kubectl apply -f -`
// with the text as stdin) and Delete (`kubectl delete -f -`); the command's output below, errors red.
#include "app.h"
#include "gallery.h"
#include "imgui.h"
#include "imgui_stdlib.h"

namespace podplay::ui {
namespace {

class EditorPanel : public Panel {
 public:
  EditorPanel() : text_(manifestGallery().front().yaml) {}
  const char* id() const override { return "editor"; }
  const char* title() const override { return "Manifest editor"; }

  void draw(App& app) override {
    const auto& g = manifestGallery();
    ImGui::SetNextItemWidth(220);
    if (ImGui::BeginCombo("##gallery", g[picked_].title)) {
      for (int i = 0; i < static_cast<int>(g.size()); ++i)
        if (ImGui::Selectable(g[i].title, i == picked_)) {
          picked_ = i;
          text_ = g[i].yaml;
        }
      ImGui::EndCombo();
    }
    ImGui::SameLine();
    ImGui::BeginDisabled(app.readonly());
    if (ImGui::Button("Apply")) apply(app, "kubectl apply -f -");
    ImGui::SameLine();
    if (ImGui::Button("Delete")) apply(app, "kubectl delete -f -");
    ImGui::EndDisabled();

    float resultH = result_.empty() ? 0 : ImGui::GetTextLineHeightWithSpacing() * 3 + 8;
    ImGui::InputTextMultiline("##manifest", &text_, ImVec2(-1, -resultH - 4), ImGuiInputTextFlags_AllowTabInput);
    if (!result_.empty()) {
      ImGui::BeginChild("result", ImVec2(0, resultH), true);
      ImGui::PushStyleColor(ImGuiCol_Text, failed_ ? ImVec4(1, 0.45f, 0.45f, 1) : ImVec4(0.5f, 0.9f, 0.5f, 1));
      ImGui::TextWrapped("%s", result_.c_str());
      ImGui::PopStyleColor();
      ImGui::EndChild();
    }
  }

 private:
  void apply(App& app, const char* cmd) {
    CommandResult r = app.run(cmd, text_);
    result_ = r.text();
    failed_ = r.exitCode != 0;
    if (result_.empty()) result_ = failed_ ? "failed" : "ok";
  }

  int picked_ = 0;
  std::string text_;
  std::string result_;
  bool failed_ = false;
};

}  // namespace

std::unique_ptr<Panel> makeEditorPanel() { return std::make_unique<EditorPanel>(); }

}  // namespace podplay::ui
