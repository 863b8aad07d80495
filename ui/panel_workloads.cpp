// Workloads: the Deployments (kubectl get deployments' READY / UP-TO-DATE / AVAILABLE / AGE) and
// HorizontalPodAutoscalers (REFERENCE / TARGETS / MINPODS / MAXPODS / REPLICAS) of the cluster.
// Clicking a Deployment opens it in the Rollout view, an HPA in the HPA view.
#include <algorithm>

#include "app.h"
#include "imgui.h"
#include "k8s_view.h"
#include "util/timefmt.h"
#include "workload_history.h"

namespace podplay::ui {
namespace {

std::string age(const json& o, Time now) {
  Time created = 0;
  if (!parseRfc3339(str(o, {"metadata", "creationTimestamp"}), created)) return "<unknown>";
  return humanDuration(now - created);
}

class WorkloadsPanel : public Panel {
 public:
  const char* id() const override { return "workloads"; }
  const char* title() const override { return "Workloads"; }

  void draw(App& app) override {
    const Store& st = app.store();
    std::vector<ObjPtr> deployments = st.list("Deployment"), hpas = st.list("HorizontalPodAutoscaler");
    if (deployments.empty() && hpas.empty()) {
      ImGui::TextDisabled("No Deployments or HPAs yet (the editor's gallery has some).");
      return;
    }
    const ImGuiTableFlags flags = ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_RowBg;
    const Time now = app.now();
    if (!deployments.empty() && ImGui::BeginTable("deployments", 6, flags)) {
      ImGui::TableSetupColumn("DEPLOYMENT", ImGuiTableColumnFlags_WidthStretch);
      ImGui::TableSetupColumn("READY");
      ImGui::TableSetupColumn("UP-TO-DATE");
      ImGui::TableSetupColumn("AVAILABLE");
      ImGui::TableSetupColumn("AGE");
      ImGui::TableSetupColumn("");
      ImGui::TableHeadersRow();
      const WorkloadRef& sel = app.selectedDeployment();
      for (const ObjPtr& dp : deployments) {
        const json& d = *dp;
        const std::string name = objName(d), ns = objNamespace(d);
        const int desired = intAt(d, {"spec", "replicas"}, 1), ready = intAt(d, {"status", "readyReplicas"});
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        std::string label = (ns == "default" ? name : ns + "/" + name) + "##" + ns + "/" + name;
        if (ImGui::Selectable(label.c_str(), sel.name == name && sel.ns == ns, ImGuiSelectableFlags_SpanAllColumns)) {
          app.selectDeployment(ns, name);
          app.showPanel("rollout");
        }
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("Open deployment/%s in the Rollout view", name.c_str());
        ImGui::TableNextColumn();
        ImGui::TextColored(ready >= desired ? ImVec4(0.5f, 0.9f, 0.5f, 1) : ImVec4(0.95f, 0.7f, 0.25f, 1), "%d/%d", ready, desired);
        ImGui::TableNextColumn();
        ImGui::Text("%d", intAt(d, {"status", "updatedReplicas"}));
        ImGui::TableNextColumn();
        ImGui::Text("%d", intAt(d, {"status", "availableReplicas"}));
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(age(d, now).c_str());
        ImGui::TableNextColumn();
        if (d.contains("spec") && d["spec"].value("paused", false)) ImGui::TextColored(ImVec4(0.95f, 0.7f, 0.25f, 1), "paused");
      }
      ImGui::EndTable();
    }
    if (!hpas.empty() && ImGui::BeginTable("hpas", 7, flags)) {
      ImGui::TableSetupColumn("HPA", ImGuiTableColumnFlags_WidthStretch);
      ImGui::TableSetupColumn("REFERENCE");
      ImGui::TableSetupColumn("TARGETS");
      ImGui::TableSetupColumn("MINPODS");
      ImGui::TableSetupColumn("MAXPODS");
      ImGui::TableSetupColumn("REPLICAS");
      ImGui::TableSetupColumn("AGE");
      ImGui::TableHeadersRow();
      const WorkloadRef& sel = app.selectedHpa();
      for (const ObjPtr& hp : hpas) {
        const json& h = *hp;
        const std::string name = objName(h), ns = objNamespace(h);
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        std::string label = (ns == "default" ? name : ns + "/" + name) + "##hpa" + ns + "/" + name;
        if (ImGui::Selectable(label.c_str(), sel.name == name && sel.ns == ns, ImGuiSelectableFlags_SpanAllColumns)) {
          app.selectHpa(ns, name);
          app.showPanel("hpa");
        }
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("Open hpa/%s in the HPA view", name.c_str());
        ImGui::TableNextColumn();
        ImGui::Text("%s/%s", str(h, {"spec", "scaleTargetRef", "kind"}).c_str(), str(h, {"spec", "scaleTargetRef", "name"}).c_str());
        ImGui::TableNextColumn();
        int cur = -1, target = -1;
        std::string resource;
        hpaUtilization(h, cur, target, resource);
        ImGui::Text("%s%s/%s", resource.empty() ? "" : (resource + ": ").c_str(),
                    cur < 0 ? "<unknown>" : (std::to_string(cur) + "%").c_str(),
                    target < 0 ? "?" : (std::to_string(target) + "%").c_str());
        ImGui::TableNextColumn();
        ImGui::Text("%d", intAt(h, {"spec", "minReplicas"}, 1));
        ImGui::TableNextColumn();
        ImGui::Text("%d", intAt(h, {"spec", "maxReplicas"}, 1));
        ImGui::TableNextColumn();
        ImGui::Text("%d", intAt(h, {"status", "currentReplicas"}));
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(age(h, now).c_str());
      }
      ImGui::EndTable();
    }
  }
};

}  // namespace

std::unique_ptr<Panel> makeWorkloadsPanel() { return std::make_unique<WorkloadsPanel>(); }

}  // namespace podplay::ui
