// Pod timeline (Gantt): one row per container of the selected pod (init containers first) over the
// last 1m / 5m / 30m of virtual time, from the kubelet's history (core/kubelet/timeline.h).
// Segments are coloured by state: Waiting grey (amber for back-off and image pull errors), Running
// green (darker while not ready), Terminated blue when Completed, red otherwise. Probe results are
// ticks above the bar (green ok, red failed), hooks (postStart/preStop) are triangles, image pulls
// dots, kills a red line through the bar. Hovering shows the reason / detail.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "app.h"
#include "cluster.h"
#include "imgui.h"
#include "kubelet/kubelet.h"
#include "plot.h"
#include "pod_sections.h"
#include "util/timefmt.h"

namespace podplay::ui {
namespace {

bool isPullError(const std::string& r) {
  return r == "ImagePullBackOff" || r == "ErrImagePull" || r == "ErrImageNeverPull" || r == "InvalidImageName";
}

ImU32 segmentColor(const TimelineSegment& s) {
  if (s.state == "Running") return s.ready ? IM_COL32(52, 168, 83, 255) : IM_COL32(30, 95, 48, 255);
  if (s.state == "Terminated") return s.reason == "Completed" ? IM_COL32(66, 110, 190, 255) : IM_COL32(200, 55, 55, 255);
  if (s.reason == "CrashLoopBackOff" || isPullError(s.reason) || s.backoffUntil >= 0) return IM_COL32(214, 150, 30, 255);
  return IM_COL32(110, 110, 110, 255);  // Waiting: ContainerCreating, PodInitializing, ...
}

ImU32 markColor(const TimelineMark& m) {
  if (!m.ok) return IM_COL32(235, 70, 70, 255);
  if (m.kind == "postStart" || m.kind == "preStop") return IM_COL32(180, 130, 230, 255);
  if (m.kind == "pull") return IM_COL32(90, 190, 220, 255);
  if (m.kind == "kill") return IM_COL32(255, 110, 60, 255);
  return IM_COL32(90, 210, 110, 255);
}

bool isProbe(const std::string& k) { return k == "startup" || k == "liveness" || k == "readiness"; }

// "10:04:05" from the virtual clock.
std::string clockOf(Time t) {
  std::string s = rfc3339(t);
  return s.size() >= 19 ? s.substr(11, 8) : s;
}

// Seconds rounded up, Go style ("12s", "2m30s").
std::string secondsUp(Time ms) { return goDuration(std::max<Time>(0, (ms + kSecond - 1) / kSecond * kSecond)); }

std::string backoffText(const TimelineSegment& s, Time now) {
  std::string b = "back-off " + (s.backoff.empty() ? std::string("?") : s.backoff);
  Time left = s.backoffUntil - now;
  return b + (left > 0 ? ", restarting in " + secondsUp(left) : ", restarting now");
}

std::string segmentLabel(const TimelineSegment& s) {
  if (s.state == "Running") return s.ready ? "Running" : "Running (not ready)";
  return s.reason.empty() ? s.state : s.reason;
}

struct Row {
  std::string container;
  bool init = false;
};

}  // namespace

void drawPodTimeline(App& app, const std::string& ns, const std::string& pod, const std::string& node, Time& window) {
  const Time now = app.now();
  ImGui::PushID("timeline");
  timeWindowPicker("zoom", window, false);
  if (window <= 0) window = 5 * kMinute;

  Kubelet* k = node.empty() ? nullptr : app.session().cluster().kubelet(node);
  const PodTimeline* tl = k ? k->timeline(ns, pod) : nullptr;
  if (!tl || tl->segments.empty()) {
    ImGui::TextDisabled(node.empty() ? "Not scheduled yet: no kubelet runs this pod."
                                     : "No container history recorded for this pod yet.");
    ImGui::PopID();
    return;
  }

  // Rows: the containers as they first appear (the kubelet records init containers first).
  std::vector<Row> rows;
  for (const TimelineSegment& s : tl->segments)
    if (std::none_of(rows.begin(), rows.end(), [&](const Row& r) { return r.container == s.container && r.init == s.init; }))
      rows.push_back({s.container, s.init});
  std::stable_partition(rows.begin(), rows.end(), [](const Row& r) { return r.init; });

  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float lineH = ImGui::GetTextLineHeight();
  float labelW = 40;
  for (const Row& r : rows)
    labelW = std::max(labelW, ImGui::CalcTextSize((r.init ? "init " + r.container : r.container).c_str()).x);
  labelW = std::min(labelW, 160.0f) + 10;
  const float availW = std::max(ImGui::GetContentRegionAvail().x, 120.0f);
  const float barW = std::max(availW - labelW - 6, 60.0f);
  const float markBand = 7, barH = 14, rowGap = 5, rowH = markBand + barH + rowGap;
  const Time t0 = now - window;
  ImVec2 origin = ImGui::GetCursorScreenPos();
  const float barX0 = origin.x + labelW;
  auto xOf = [&](Time t) {
    double f = static_cast<double>(t - t0) / static_cast<double>(window);
    return barX0 + static_cast<float>(std::clamp(f, 0.0, 1.0)) * barW;
  };

  // Time axis: ticks every 10s / 1m / 5m, labelled relative to now.
  const Time tick = window <= kMinute ? 10 * kSecond : window <= 5 * kMinute ? kMinute : 5 * kMinute;
  const float axisH = lineH + 4;
  const float rowsTop = origin.y + axisH;
  const float rowsBottom = rowsTop + rowH * static_cast<float>(rows.size());
  const ImU32 gridCol = IM_COL32(255, 255, 255, 28), axisText = IM_COL32(160, 160, 160, 255);
  dl->AddLine(ImVec2(barX0, rowsTop - 1), ImVec2(barX0 + barW, rowsTop - 1), IM_COL32(255, 255, 255, 60));
  for (Time back = 0; back <= window; back += tick) {
    float x = xOf(now - back);
    dl->AddLine(ImVec2(x, rowsTop - 4), ImVec2(x, rowsBottom), gridCol);
    std::string lbl = back == 0 ? "now" : "-" + goDuration(back);
    if (lbl.size() > 3 && lbl.compare(lbl.size() - 3, 3, "m0s") == 0) lbl.resize(lbl.size() - 2);  // "-5m0s" -> "-5m"
    float tw = ImGui::CalcTextSize(lbl.c_str()).x;
    float tx = std::clamp(x - tw / 2, barX0, barX0 + barW - tw);
    dl->AddText(ImVec2(tx, origin.y), axisText, lbl.c_str());
  }
  ImGui::Dummy(ImVec2(availW, axisH));

  std::string tooltip;
  std::vector<std::string> backoffLines;
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  for (size_t ri = 0; ri < rows.size(); ++ri) {
    const Row& row = rows[ri];
    ImGui::PushID(static_cast<int>(ri));
    ImVec2 p = ImGui::GetCursorScreenPos();
    ImGui::InvisibleButton("row", ImVec2(availW, rowH));
    const bool hovered = ImGui::IsItemHovered();
    ImGui::PopID();
    const float barTop = p.y + markBand, barBottom = barTop + barH;
    std::string label = row.init ? "init " + row.container : row.container;
    dl->PushClipRect(ImVec2(p.x, p.y), ImVec2(barX0 - 4, p.y + rowH), true);
    dl->AddText(ImVec2(p.x, barTop + (barH - lineH) / 2),
                row.init ? IM_COL32(170, 170, 200, 255) : IM_COL32(230, 230, 230, 255), label.c_str());
    dl->PopClipRect();
    dl->AddRectFilled(ImVec2(barX0, barTop), ImVec2(barX0 + barW, barBottom), IM_COL32(255, 255, 255, 12));

    dl->PushClipRect(ImVec2(barX0, p.y), ImVec2(barX0 + barW + 1, p.y + rowH), true);
    for (const TimelineSegment& s : tl->segments) {
      if (s.container != row.container || s.init != row.init) continue;
      Time end = s.end < 0 ? now : s.end;
      if (end < t0 || s.start > now) continue;
      float x1 = xOf(s.start), x2 = std::max(xOf(end), x1 + 1);
      dl->AddRectFilled(ImVec2(x1, barTop), ImVec2(x2, barBottom), segmentColor(s));
      if (x2 - x1 > 3) dl->AddLine(ImVec2(x1, barTop), ImVec2(x1, barBottom), IM_COL32(0, 0, 0, 90));
      std::string text = segmentLabel(s);
      if (s.end < 0 && s.backoffUntil >= 0) {
        backoffLines.push_back(label + ": " + s.reason + ", " + backoffText(s, now));
        text = s.reason + ": " + backoffText(s, now);
        if (ImGui::CalcTextSize(text.c_str()).x + 6 > x2 - x1) text = backoffText(s, now);
      }
      float tw = ImGui::CalcTextSize(text.c_str()).x;
      if (tw + 6 <= x2 - x1) dl->AddText(ImVec2(x1 + 3, barTop + (barH - lineH) / 2), IM_COL32(255, 255, 255, 230), text.c_str());
      if (hovered && tooltip.empty() && mouse.y >= barTop && mouse.y < barBottom + rowGap && mouse.x >= x1 && mouse.x < x2) {
        tooltip = label + ": " + segmentLabel(s) + "\n" + clockOf(s.start) + " - " +
                  (s.end < 0 ? "now" : clockOf(s.end)) + "  (" + goDuration(end - s.start) + ")\nrestarts " +
                  std::to_string(s.restartCount);
        if (s.backoffUntil >= 0) tooltip += "\n" + (s.end < 0 ? backoffText(s, now) : "back-off " + s.backoff);
      }
    }
    // Marks: probes as ticks above the bar, hooks as triangles, pulls as dots, kills as a line.
    std::string markTip;
    float markDist = 5;
    for (const TimelineMark& m : tl->marks) {
      if (m.container != row.container || m.at < t0 || m.at > now) continue;
      float x = xOf(m.at);
      ImU32 col = markColor(m);
      if (isProbe(m.kind)) {
        float top = m.kind == "readiness" ? p.y + 3 : p.y + 1;
        dl->AddLine(ImVec2(x, top), ImVec2(x, barTop - 1), col, m.ok ? 1.0f : 2.0f);
      } else if (m.kind == "kill") {
        dl->AddLine(ImVec2(x, p.y), ImVec2(x, barBottom + 2), col, 2.0f);
        dl->AddTriangleFilled(ImVec2(x - 4, p.y), ImVec2(x + 4, p.y), ImVec2(x, p.y + 5), col);
      } else if (m.kind == "pull") {
        dl->AddCircleFilled(ImVec2(x, p.y + markBand / 2), 2.5f, col);
      } else {  // postStart / preStop
        dl->AddTriangleFilled(ImVec2(x - 4, p.y), ImVec2(x + 4, p.y), ImVec2(x, barTop), col);
        dl->AddLine(ImVec2(x, barTop), ImVec2(x, barBottom), col);
      }
      float d = std::fabs(mouse.x - x);
      if (hovered && mouse.y < barTop + 2 && d < markDist) {
        markDist = d;
        markTip = row.container + ": " + m.kind + (isProbe(m.kind) ? " probe " : " ") + (m.ok ? "ok" : "failed") +
                  " at " + clockOf(m.at) + (m.detail.empty() ? "" : "\n" + m.detail.substr(0, 400));
      }
    }
    dl->PopClipRect();
    if (!markTip.empty()) tooltip = markTip;
  }
  if (!tooltip.empty()) ImGui::SetTooltip("%s", tooltip.c_str());

  for (const std::string& l : backoffLines) ImGui::TextColored(ImVec4(0.95f, 0.7f, 0.25f, 1), "%s", l.c_str());

  // Legend.
  auto legend = [&](ImU32 col, const char* what, bool tickMark = false) {
    ImVec2 q = ImGui::GetCursorScreenPos();
    float s = lineH * 0.7f, y = q.y + (lineH - s) / 2;
    if (tickMark) dl->AddLine(ImVec2(q.x + s / 2, y), ImVec2(q.x + s / 2, y + s), col, 2.0f);
    else dl->AddRectFilled(ImVec2(q.x, y), ImVec2(q.x + s, y + s), col);
    ImGui::Dummy(ImVec2(s, lineH));
    ImGui::SameLine(0, 3);
    ImGui::TextDisabled("%s", what);
    ImGui::SameLine(0, 10);
  };
  legend(IM_COL32(110, 110, 110, 255), "waiting");
  legend(IM_COL32(214, 150, 30, 255), "back-off");
  legend(IM_COL32(52, 168, 83, 255), "ready");
  legend(IM_COL32(30, 95, 48, 255), "not ready");
  legend(IM_COL32(66, 110, 190, 255), "completed");
  legend(IM_COL32(200, 55, 55, 255), "failed");
  legend(IM_COL32(90, 210, 110, 255), "probe ok", true);
  legend(IM_COL32(235, 70, 70, 255), "probe failed", true);
  legend(IM_COL32(180, 130, 230, 255), "hook", true);
  legend(IM_COL32(255, 110, 60, 255), "kill", true);
  ImGui::NewLine();
  ImGui::PopID();
}

}  // namespace podplay::ui
