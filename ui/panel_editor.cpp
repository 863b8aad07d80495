// Manifest editor: a gallery of starting manifests, a multiline editor, Apply (`kubectl apply -f -`
// with the text as stdin) and Delete (`kubectl delete -f -`); the command's output below, errors red.
#include <algorithm>
#include <cstdio>
#include <cstdlib>

#include "app.h"
#include "gallery.h"
#include "imgui.h"
#include "imgui_internal.h"  // the multiline widget's child window, to follow its scroll
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
    // Line-number gutter, scrolled with the text; the line an error names is red.
    const float gutterW = ImGui::CalcTextSize("9999").x + 6;
    ImVec2 gutterPos = ImGui::GetCursorScreenPos();
    ImGui::SetCursorScreenPos(ImVec2(gutterPos.x + gutterW, gutterPos.y));
    ImGui::InputTextMultiline("##manifest", &text_, ImVec2(-1, -resultH - 4), ImGuiInputTextFlags_AllowTabInput);
    drawGutter(gutterPos, gutterW);
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
    // YAML errors name a line ("yaml: line 7: ..."), counted from the document's start.
    errorLine_ = 0;
    size_t p = result_.find("line ");
    if (failed_ && p != std::string::npos) errorLine_ = std::atoi(result_.c_str() + p + 5);
  }

  void drawGutter(ImVec2 pos, float width) {
    ImGuiWindow* parent = ImGui::GetCurrentWindow();
    ImGuiID id = parent->GetID("##manifest");
    char title[512];
    ImFormatString(title, sizeof title, "%s/%s_%08X", parent->Name, "##manifest", id);
    ImGuiWindow* box = ImGui::FindWindowByName(title);
    if (!box) return;
    const float scroll = box->Scroll.y;
    const float lineH = ImGui::GetFontSize();
    const float top = box->Pos.y + ImGui::GetStyle().FramePadding.y;
    const float bottom = box->Pos.y + box->Size.y;
    int lines = 1;
    for (char ch : text_) lines += ch == '\n';
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->PushClipRect(ImVec2(pos.x, box->Pos.y), ImVec2(pos.x + width, bottom), true);
    int first = std::max(0, static_cast<int>((scroll - ImGui::GetStyle().FramePadding.y) / lineH));
    for (int i = first; i < lines; ++i) {
      float y = top + i * lineH - scroll;
      if (y > bottom) break;
      char num[16];
      std::snprintf(num, sizeof num, "%4d", i + 1);
      ImU32 col = (i + 1 == errorLine_) ? IM_COL32(255, 110, 110, 255) : IM_COL32(120, 120, 130, 255);
      dl->AddText(ImVec2(pos.x, y), col, num);
    }
    dl->PopClipRect();
  }

  int errorLine_ = 0;

  int picked_ = 0;
  std::string text_;
  std::string result_;
  bool failed_ = false;
};

}  // namespace

std::unique_ptr<Panel> makeEditorPanel() { return std::make_unique<EditorPanel>(); }

}  // namespace podplay::ui
