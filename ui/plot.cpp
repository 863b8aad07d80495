#include "plot.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "util/timefmt.h"

namespace podplay::ui {

std::string clockTime(Time t) {
  std::string s = rfc3339(t);
  return s.size() >= 19 ? s.substr(11, 8) : s;
}

double niceMax(double v, int ticks, bool integer) {
  if (!(v > 0) || ticks <= 0) return 1;
  const double raw = v / ticks;
  double mag = std::pow(10.0, std::floor(std::log10(raw)));
  for (double m : {1.0, 2.0, 2.5, 5.0, 10.0}) {
    double step = m * mag;
    if (integer && step < 1) continue;
    if (integer && std::fmod(step, 1.0) != 0) continue;
    if (step >= raw - 1e-9) return step * ticks;
  }
  return 10 * mag * ticks;
}

void timeWindowPicker(const char* id, Time& window, bool withAll) {
  ImGui::PushID(id);
  ImGui::TextUnformatted("window");
  static const std::pair<Time, const char*> zooms[] = {
      {kMinute, "1m"}, {5 * kMinute, "5m"}, {30 * kMinute, "30m"}, {0, "all"}};
  for (auto& [w, label] : zooms) {
    if (w == 0 && !withAll) continue;
    ImGui::SameLine();
    bool on = window == w;
    if (on) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
    if (ImGui::SmallButton(label)) window = w;
    if (on) ImGui::PopStyleColor();
  }
  ImGui::PopID();
}

float Plot::x(Time t) const {
  double f = static_cast<double>(t - t0) / static_cast<double>(std::max<Time>(t1 - t0, 1));
  return p0.x + static_cast<float>(std::clamp(f, 0.0, 1.0)) * (p1.x - p0.x);
}

float Plot::y(double v) const {
  double f = (v - vmin) / (vmax - vmin > 0 ? vmax - vmin : 1.0);
  return p1.y - static_cast<float>(std::clamp(f, 0.0, 1.0)) * (p1.y - p0.y);
}

Plot beginPlot(const char* id, float height, Time t0, Time t1, double vmin, double vmax, int yTicks,
               const char* yFormat) {
  Plot p;
  p.dl = ImGui::GetWindowDrawList();
  p.t0 = t0, p.t1 = std::max(t1, t0 + 1), p.vmin = vmin, p.vmax = vmax > vmin ? vmax : vmin + 1;
  const float lineH = ImGui::GetTextLineHeight();
  const float left = ImGui::CalcTextSize("0000%").x + 6;
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const float w = std::max(ImGui::GetContentRegionAvail().x, 120.0f);
  ImGui::InvisibleButton(id, ImVec2(w, height + lineH + 4));
  p.hovered = ImGui::IsItemHovered();
  p.p0 = ImVec2(origin.x + left, origin.y + lineH * 0.5f);
  p.p1 = ImVec2(origin.x + w - 4, origin.y + height);
  const ImU32 grid = IM_COL32(255, 255, 255, 28), text = IM_COL32(160, 160, 160, 255);
  p.dl->AddRectFilled(p.p0, p.p1, IM_COL32(255, 255, 255, 8));
  // Value grid.
  for (int i = 0; i <= yTicks; ++i) {
    double v = p.vmin + (p.vmax - p.vmin) * i / std::max(yTicks, 1);
    float y = p.y(v);
    p.dl->AddLine(ImVec2(p.p0.x, y), ImVec2(p.p1.x, y), grid);
    char b[32];
    std::snprintf(b, sizeof b, yFormat, v);
    float tw = ImGui::CalcTextSize(b).x;
    p.dl->AddText(ImVec2(p.p0.x - tw - 4, y - lineH / 2), text, b);
  }
  // Time axis: ticks every 10s / 1m / 5m / ... relative to t1.
  const Time span = p.t1 - p.t0;
  static const Time steps[] = {10 * kSecond, 30 * kSecond, kMinute, 5 * kMinute, 10 * kMinute, 30 * kMinute, kHour, 6 * kHour};
  Time tick = steps[0];
  for (Time s : steps) {
    tick = s;
    if (span / s <= 6) break;
  }
  for (Time back = 0; back <= span; back += tick) {
    float x = p.x(p.t1 - back);
    p.dl->AddLine(ImVec2(x, p.p0.y), ImVec2(x, p.p1.y + 3), grid);
    std::string lbl = back == 0 ? "now" : "-" + goDuration(back);
    if (lbl.size() > 3 && lbl.compare(lbl.size() - 3, 3, "m0s") == 0) lbl.resize(lbl.size() - 2);
    if (lbl.size() > 3 && lbl.compare(lbl.size() - 4, 4, "h0m0") == 0) lbl.resize(lbl.size() - 3);
    float tw = ImGui::CalcTextSize(lbl.c_str()).x;
    float tx = std::clamp(x - tw / 2, p.p0.x, p.p1.x - tw);
    p.dl->AddText(ImVec2(tx, p.p1.y + 3), text, lbl.c_str());
  }
  if (p.hovered) {
    float mx = ImGui::GetIO().MousePos.x;
    double f = std::clamp((mx - p.p0.x) / std::max(p.p1.x - p.p0.x, 1.0f), 0.0f, 1.0f);
    p.hoverT = p.t0 + static_cast<Time>(f * static_cast<double>(p.t1 - p.t0));
    float x = p.x(p.hoverT);
    p.dl->AddLine(ImVec2(x, p.p0.y), ImVec2(x, p.p1.y), IM_COL32(255, 255, 255, 90));
  }
  return p;
}

void stepLine(const Plot& p, const std::vector<std::pair<Time, double>>& pts, ImU32 col, float thickness) {
  if (pts.empty()) return;
  p.dl->PushClipRect(ImVec2(p.p0.x - 1, p.p0.y - 2), ImVec2(p.p1.x + 1, p.p1.y + 2), true);
  // Only the points in view (and the one before it) are drawn.
  auto first = std::upper_bound(pts.begin(), pts.end(), p.t0, [](Time t, const std::pair<Time, double>& q) { return t < q.first; });
  if (first != pts.begin()) --first;
  float prevY = -1;
  for (auto it = first; it != pts.end() && it->first <= p.t1; ++it) {
    Time end = std::next(it) == pts.end() ? p.t1 : std::min(std::next(it)->first, p.t1);
    float x1 = p.x(std::max(it->first, p.t0)), x2 = p.x(end), y = p.y(it->second);
    if (prevY >= 0 && prevY != y) p.dl->AddLine(ImVec2(x1, prevY), ImVec2(x1, y), col, thickness);
    p.dl->AddLine(ImVec2(x1, y), ImVec2(std::max(x2, x1 + 1), y), col, thickness);
    prevY = y;
  }
  p.dl->PopClipRect();
}

void hLine(const Plot& p, double v, ImU32 col, bool dashed, const char* label) {
  float y = p.y(v);
  if (!dashed) {
    p.dl->AddLine(ImVec2(p.p0.x, y), ImVec2(p.p1.x, y), col, 1.0f);
  } else {
    for (float x = p.p0.x; x < p.p1.x; x += 8) p.dl->AddLine(ImVec2(x, y), ImVec2(std::min(x + 4, p.p1.x), y), col, 1.0f);
  }
  if (label) {
    ImVec2 ts = ImGui::CalcTextSize(label);
    p.dl->AddText(ImVec2(p.p1.x - ts.x - 2, y - ts.y - 1), col, label);
  }
}

void vMark(const Plot& p, Time t, ImU32 col, const std::string& label) {
  if (t < p.t0 || t > p.t1) return;
  float x = p.x(t);
  p.dl->AddLine(ImVec2(x, p.p0.y), ImVec2(x, p.p1.y), col, 1.0f);
  p.dl->PushClipRect(p.p0, p.p1, true);
  p.dl->AddText(ImVec2(x + 2, p.p0.y + 1), col, label.c_str());
  p.dl->PopClipRect();
}

void legendItem(ImU32 col, const char* text) {
  const float lineH = ImGui::GetTextLineHeight();
  ImVec2 q = ImGui::GetCursorScreenPos();
  float s = lineH * 0.7f, y = q.y + (lineH - s) / 2;
  ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(q.x, y), ImVec2(q.x + s, y + s), col);
  ImGui::Dummy(ImVec2(s, lineH));
  ImGui::SameLine(0, 3);
  ImGui::TextDisabled("%s", text);
}

}  // namespace podplay::ui
