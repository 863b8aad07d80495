// Scheduler explanation for the selected pod: the last scheduling cycle as kube-scheduler ran it
// (core/scheduler/scheduler.h): per node either the Filter plugin that rejected it with its reasons,
// or the weighted Score of each plugin and the total; the chosen node highlighted; the
// FailedScheduling message when no node fit. The per-node rows are recorded only for clusters of at
// most 100 nodes.
#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "app.h"
#include "cluster.h"
#include "imgui.h"
#include "pod_sections.h"
#include "scheduler/scheduler.h"

namespace podplay::ui {

void drawSchedulerExplanation(App& app, const std::string& ns, const std::string& pod) {
  Cluster& c = app.session().cluster();
  const ScheduleExplanation* ex = c.scheduler ? c.scheduler->explain(ns, pod) : nullptr;
  if (!ex) {
    ImGui::TextDisabled("No scheduling cycle recorded for this pod (bound directly, or not seen by the scheduler yet).");
    return;
  }
  if (!ex->chosen.empty()) {
    ImGui::TextUnformatted("scheduled to");
    ImGui::SameLine();
    ImGui::TextColored(ImVec4(0.5f, 0.9f, 0.5f, 1), "%s", ex->chosen.c_str());
  }
  if (!ex->message.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1, 0.6f, 0.4f, 1));
    ImGui::TextWrapped("FailedScheduling: %s", ex->message.c_str());
    ImGui::PopStyleColor();
  }
  if (ex->rows.empty()) {
    ImGui::TextDisabled("No per-node breakdown: it is recorded only for clusters of at most 100 nodes.");
    return;
  }

  // Score plugins, in name order, as columns.
  std::set<std::string> pluginSet;
  for (const auto& r : ex->rows)
    for (const auto& [name, score] : r.scores) pluginSet.insert(name);
  std::vector<std::string> plugins(pluginSet.begin(), pluginSet.end());
  if (plugins.size() > 40) plugins.resize(40);  // ImGui tables: 64 columns at most

  // Feasible nodes first, best total first; then the filtered ones.
  std::vector<const ScheduleExplanation::Row*> rows;
  for (const auto& r : ex->rows) rows.push_back(&r);
  std::stable_sort(rows.begin(), rows.end(), [](const auto* a, const auto* b) {
    bool fa = a->failedPlugin.empty(), fb = b->failedPlugin.empty();
    if (fa != fb) return fa;
    return fa && a->total > b->total;
  });

  int feasible = static_cast<int>(std::count_if(rows.begin(), rows.end(), [](const auto* r) { return r->failedPlugin.empty(); }));
  ImGui::TextDisabled("%d of %d nodes feasible", feasible, static_cast<int>(rows.size()));
  const int cols = 4 + static_cast<int>(plugins.size());
  const ImGuiTableFlags flags = ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_BordersOuter | ImGuiTableFlags_RowBg |
                                ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_ScrollX | ImGuiTableFlags_ScrollY;
  float height = std::min(ImGui::GetTextLineHeightWithSpacing() * (static_cast<float>(rows.size()) + 2.5f), 320.0f);
  if (!ImGui::BeginTable("sched", cols, flags, ImVec2(0, height))) return;
  ImGui::TableSetupScrollFreeze(1, 1);
  ImGui::TableSetupColumn("node");
  ImGui::TableSetupColumn("result");
  ImGui::TableSetupColumn("filter reasons");
  for (const std::string& p : plugins) ImGui::TableSetupColumn(p.c_str());
  ImGui::TableSetupColumn("total");
  ImGui::TableHeadersRow();
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(rows.size()));
  while (clipper.Step()) {
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
      const auto& r = *rows[i];
      const bool chosen = r.node == ex->chosen;
      ImGui::TableNextRow();
      if (chosen) ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg1, IM_COL32(40, 110, 50, 160));
      ImGui::TableNextColumn();
      if (chosen) ImGui::TextColored(ImVec4(0.6f, 1, 0.6f, 1), "%s", r.node.c_str());
      else ImGui::TextUnformatted(r.node.c_str());
      ImGui::TableNextColumn();
      if (chosen) ImGui::TextColored(ImVec4(0.6f, 1, 0.6f, 1), "chosen");
      else if (r.failedPlugin.empty()) ImGui::TextUnformatted("feasible");
      else ImGui::TextColored(ImVec4(1, 0.55f, 0.45f, 1), "%s", r.failedPlugin.c_str());
      ImGui::TableNextColumn();
      std::string reasons;
      for (const std::string& s : r.reasons) reasons += (reasons.empty() ? "" : "; ") + s;
      if (!reasons.empty()) {
        ImGui::TextUnformatted(reasons.size() > 120 ? (reasons.substr(0, 117) + "...").c_str() : reasons.c_str());
        if (reasons.size() > 120 && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", reasons.c_str());
      } else {
        ImGui::TextDisabled("-");
      }
      for (const std::string& p : plugins) {
        ImGui::TableNextColumn();
        auto it = r.scores.find(p);
        if (it != r.scores.end()) ImGui::Text("%lld", static_cast<long long>(it->second));
        else ImGui::TextDisabled("-");
      }
      ImGui::TableNextColumn();
      if (r.failedPlugin.empty()) ImGui::Text("%lld", static_cast<long long>(r.total));
      else ImGui::TextDisabled("-");
    }
  }
  ImGui::EndTable();
}

}  // namespace podplay::ui
