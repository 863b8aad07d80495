// podplay ui: small plotting helpers over virtual time for the rollout and HPA views (ImDrawList):
// a zoom picker, a frame with a time axis, value-to-pixel mapping, step lines.
#pragma once
#include <string>
#include <vector>

#include "imgui.h"
#include "sim/types.h"

namespace podplay::ui {

// 1m / 5m / 30m / all buttons; `window` 0 = everything recorded (from `since`).
void timeWindowPicker(const char* id, Time& window, bool withAll = true);

// A plot area over [t0, t1] x [vmin, vmax], laid out by beginPlot (reserves its space with a Dummy).
struct Plot {
  ImDrawList* dl = nullptr;
  ImVec2 p0, p1;  // the data area on screen
  Time t0 = 0, t1 = 1;
  double vmin = 0, vmax = 1;
  bool hovered = false;
  Time hoverT = 0;  // virtual time under the mouse when hovered
  float x(Time t) const;
  float y(double v) const;
};

// Reserves a full-width plot of `height` px: a left margin for the value labels, a time axis below
// (labels relative to t1, "now"), horizontal grid lines at `yTicks` (labelled with `yFormat`, e.g.
// "%.0f%%"). t0 < t1 must hold (the caller clamps).
Plot beginPlot(const char* id, float height, Time t0, Time t1, double vmin, double vmax, int yTicks,
               const char* yFormat);
// A step line through (t, v) points (each holds until the next; the last until p.t1).
void stepLine(const Plot& p, const std::vector<std::pair<Time, double>>& pts, ImU32 col, float thickness = 2.0f);
// A horizontal line at v (dashed when `dashed`), with an optional label at its right end.
void hLine(const Plot& p, double v, ImU32 col, bool dashed, const char* label = nullptr);
// A vertical marker at t with a short label at the top.
void vMark(const Plot& p, Time t, ImU32 col, const std::string& label);
// A little coloured square and a text, on the current line (for legends).
void legendItem(ImU32 col, const char* text);

// The smallest vmax >= v such that vmax / ticks is a round step (1, 2, 2.5, 5 x 10^n; whole
// numbers when `integer`).
double niceMax(double v, int ticks, bool integer);

// "10:04:05" from the virtual clock.
std::string clockTime(Time t);

}  // namespace podplay::ui
