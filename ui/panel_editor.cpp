// Manifest editor: a gallery of starting manifests, a multiline editor, Apply (`kubectl apply -f -`
// with the text as stdin) and Delete (`kubectl delete -f -`); the command's output below, errors red.
// Errors are placed on the lines they name: a YAML error's `line N` (in the failing document), and
// each cause of an API `Invalid` error (`spec.template.spec.containers[0].image: Required value`) on
// the line of that field, or of its nearest existing parent when the field is missing, in the
// document of the object the error names (core/api/fieldpath_line.h). Those lines are red in the
// gutter and tinted in the text, and listed as "line N: field: message" (a click scrolls there).
#include <algorithm>
#include <cstdio>
#include <cstdlib>

#include "api/fieldpath_line.h"
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
    std::string incoming;
    if (app.takeEditorText(incoming)) {
      text_ = incoming;
      result_.clear();
      app.editorMarks().clear();
    }
    if (gen_ != app.generation()) {  // a new session: the last result is stale
      gen_ = app.generation();
      result_.clear();
    }
    const auto& g = manifestGallery();
    ImGui::SetNextItemWidth(220);
    if (ImGui::BeginCombo("##gallery", g[picked_].title)) {
      for (int i = 0; i < static_cast<int>(g.size()); ++i)
        if (ImGui::Selectable(g[i].title, i == picked_)) {
          picked_ = i;
          text_ = g[i].yaml;
          result_.clear();
          app.editorMarks().clear();
        }
      ImGui::EndCombo();
    }
    ImGui::SameLine();
    ImGui::BeginDisabled(app.readonly());
    if (ImGui::Button("Apply")) apply(app, "kubectl apply -f -");
    ImGui::SameLine();
    if (ImGui::Button("Delete")) apply(app, "kubectl delete -f -");
    ImGui::EndDisabled();

    const auto& marks = app.editorMarks();
    const float lineH = ImGui::GetTextLineHeightWithSpacing();
    const int listed = static_cast<int>(std::min<size_t>(marks.size(), 4));
    float resultH = result_.empty() ? 0 : lineH * static_cast<float>(listed > 0 ? 2 + listed : 3) + 8;
    // Line-number gutter, scrolled with the text; the lines errors name are red.
    const float gutterW = ImGui::CalcTextSize("9999").x + 6;
    ImVec2 gutterPos = ImGui::GetCursorScreenPos();
    ImGui::SetCursorScreenPos(ImVec2(gutterPos.x + gutterW, gutterPos.y));
    ImGui::InputTextMultiline("##manifest", &text_, ImVec2(-1, -resultH - 4), ImGuiInputTextFlags_AllowTabInput);
    drawGutter(app, gutterPos, gutterW);
    if (!result_.empty()) {
      ImGui::BeginChild("result", ImVec2(0, resultH), true);
      for (const App::EditorMark& m : marks) {
        if (m.line <= 0) continue;
        ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1, 0.6f, 0.45f, 1));
        std::string label = "line " + std::to_string(m.line) + ": " + m.text;
        if (ImGui::Selectable(label.c_str(), false)) scrollTo_ = m.line;
        ImGui::PopStyleColor();
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("Show line %d", m.line);
      }
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
    auto& marks = app.editorMarks();
    marks.clear();
    if (!failed_) return;
    // A YAML error names a line of the document that failed to parse.
    if (int line = locateYamlError(text_, result_); line > 0) {
      size_t p = result_.find("yaml: line ");
      std::string what = result_.substr(p);
      if (size_t colon = what.find(": ", 11); colon != std::string::npos) what = what.substr(colon + 2);
      what = what.substr(0, what.find('\n'));
      marks.push_back({line, what});
    }
    // API validation errors: each cause on the line of its field (or its nearest existing parent).
    for (const InvalidCause& c : parseInvalidCauses(result_)) {
      FieldLocation loc = c.field.empty() ? FieldLocation{} : locateFieldPath(text_, c.kind, c.name, c.field);
      std::string text = (c.field.empty() ? "" : c.field + ": ") + c.message;
      if (loc.line > 0 && !loc.exact) text += loc.found.empty() ? "  (in " + c.kind + " " + c.name + ")" : "  (at " + loc.found + ")";
      marks.push_back({loc.line, text});
    }
    if (!marks.empty() && marks.front().line > 0) scrollTo_ = marks.front().line;
  }

  static bool marked(const std::vector<App::EditorMark>& marks, int line) {
    for (const App::EditorMark& m : marks)
      if (m.line == line) return true;
    return false;
  }

  void drawGutter(App& app, ImVec2 pos, float width) {
    ImGuiWindow* parent = ImGui::GetCurrentWindow();
    ImGuiID id = parent->GetID("##manifest");
    char title[512];
    ImFormatString(title, sizeof title, "%s/%s_%08X", parent->Name, "##manifest", id);
    ImGuiWindow* box = ImGui::FindWindowByName(title);
    if (!box) return;
    const float lineH = ImGui::GetFontSize();
    const float padY = ImGui::GetStyle().FramePadding.y;
    if (scrollTo_ > 0) {  // bring a marked line into view (a third from the top)
      ImGui::SetScrollY(box, std::max(0.0f, (scrollTo_ - 1) * lineH - box->Size.y / 3));
      scrollTo_ = 0;
    }
    const float scroll = box->Scroll.y;
    const float top = box->Pos.y + padY;
    const float bottom = box->Pos.y + box->Size.y;
    int lines = 1;
    for (char ch : text_) lines += ch == '\n';
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->PushClipRect(ImVec2(pos.x, box->Pos.y), ImVec2(pos.x + width, bottom), true);
    int first = std::max(0, static_cast<int>((scroll - padY) / lineH));
    for (int i = first; i < lines; ++i) {
      float y = top + i * lineH - scroll;
      if (y > bottom) break;
      char num[16];
      std::snprintf(num, sizeof num, "%4d", i + 1);
      const bool bad = marked(app.editorMarks(), i + 1);
      dl->AddText(ImVec2(pos.x, y), bad ? IM_COL32(255, 110, 110, 255) : IM_COL32(120, 120, 130, 255), num);
      // The text line itself gets a red tint (drawn over the text box, which is a child window).
      if (bad) {
        ImDrawList* boxDl = box->DrawList;
        boxDl->PushClipRect(box->InnerClipRect.Min, box->InnerClipRect.Max, true);
        boxDl->AddRectFilled(ImVec2(box->Pos.x, y), ImVec2(box->Pos.x + box->Size.x, y + lineH), IM_COL32(255, 80, 80, 48));
        boxDl->PopClipRect();
      }
    }
    dl->PopClipRect();
  }

  int picked_ = 0;
  std::string text_;
  std::string result_;
  bool failed_ = false;
  int scrollTo_ = 0;
  uint64_t gen_ = 0;
};

}  // namespace

std::unique_ptr<Panel> makeEditorPanel() { return std::make_unique<EditorPanel>(); }

}  // namespace podplay::ui
