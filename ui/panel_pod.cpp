// Pod detail: the selected pod's phase, STATUS, conditions, and each container's state and restart
// count; buttons kill a container (`sim kill pod/NAME -c C --exit-code N | --oom`), delete the pod
// with a grace period, describe it, show its logs. Tabs: Details, Timeline (the containers' Gantt
// chart, panel_timeline.cpp), Scheduling (the scheduler's per-node explanation, panel_scheduler.cpp).
#include <algorithm>

#include "app.h"
#include "imgui.h"
#include "k8s_view.h"
#include "pod_sections.h"

namespace podplay::ui {
namespace {

std::string containerState(const json& cs, const char* which) {
  if (!cs.contains(which) || !cs[which].is_object()) return "";
  const json& st = cs[which];
  if (st.contains("running")) return "Running since " + str(st, {"running", "startedAt"});
  if (st.contains("waiting")) {
    std::string r = str(st, {"waiting", "reason"});
    return "Waiting" + (r.empty() ? "" : ": " + r);
  }
  if (st.contains("terminated")) {
    const json& t = st["terminated"];
    return "Terminated: " + str(t, {"reason"}) + " (exit " + std::to_string(t.value("exitCode", 0)) + ")";
  }
  return "";
}

class PodPanel : public Panel {
 public:
  const char* id() const override { return "pod"; }
  const char* title() const override { return "Pod"; }

  void draw(App& app) override {
    ObjPtr pod = app.store().get("Pod", app.selectedPodNs(), app.selectedPodName());
    std::string current = pod ? objNamespace(*pod) + "/" + objName(*pod) : "select a pod";
    ImGui::SetNextItemWidth(260);
    if (ImGui::BeginCombo("##pod", current.c_str())) {
      for (auto& p : app.store().list("Pod")) {
        std::string key = objNamespace(*p) + "/" + objName(*p);
        if (ImGui::Selectable(key.c_str(), key == current)) app.selectPod(objNamespace(*p), objName(*p));
      }
      ImGui::EndCombo();
    }
    if (!pod) {
      ImGui::TextDisabled(app.store().count("Pod") == 0 ? "No pods yet: apply a manifest or run `kubectl run web --image=nginx`."
                                       : "Click a pod chip in the cluster view.");
      return;
    }
    const json& p = *pod;
    const std::string name = objName(p), ns = objNamespace(p);
    std::string status = podStatus(p);
    ImGui::SameLine();
    ImGui::TextColored(statusColor(status), "%s", status.c_str());
    ImGui::Text("phase %s   node %s   ready %s   restarts %d", str(p, {"status", "phase"}).c_str(),
                podNodeName(p).empty() ? "<none>" : podNodeName(p).c_str(), podReady(p).c_str(), podRestarts(p));

    if (!ImGui::BeginTabBar("podtabs")) return;
    if (ImGui::BeginTabItem("Details")) {
      details(app, p);
      ImGui::EndTabItem();
    }
    if (ImGui::BeginTabItem("Timeline")) {
      ImGui::BeginChild("timeline");
      drawPodTimeline(app, ns, name, podNodeName(p), window_);
      ImGui::EndChild();
      ImGui::EndTabItem();
    }
    if (ImGui::BeginTabItem("Scheduling")) {
      ImGui::BeginChild("scheduling");
      drawSchedulerExplanation(app, ns, name);
      ImGui::EndChild();
      ImGui::EndTabItem();
    }
    ImGui::EndTabBar();
  }

 private:
  void details(App& app, const json& p) {
    const std::string name = objName(p), ns = objNamespace(p);
    const std::string nsFlag = ns == "default" || ns.empty() ? "" : " -n " + ns;
    const json& status_ = p.contains("status") ? p["status"] : json::object();
    if (status_.contains("conditions") && status_["conditions"].is_array() &&
        ImGui::BeginTable("conds", 3, ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingFixedFit)) {
      ImGui::TableSetupColumn("condition");
      ImGui::TableSetupColumn("status");
      ImGui::TableSetupColumn("reason / since", ImGuiTableColumnFlags_WidthStretch);
      ImGui::TableHeadersRow();
      for (auto& c : status_["conditions"]) {
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(str(c, {"type"}).c_str());
        ImGui::TableNextColumn();
        bool t = str(c, {"status"}) == "True";
        ImGui::TextColored(t ? ImVec4(0.5f, 0.9f, 0.5f, 1) : ImVec4(1, 0.6f, 0.4f, 1), "%s", str(c, {"status"}).c_str());
        ImGui::TableNextColumn();
        ImGui::Text("%s %s", str(c, {"reason"}).c_str(), str(c, {"lastTransitionTime"}).c_str());
      }
      ImGui::EndTable();
    }

    std::vector<std::string> containers;
    if (p.contains("spec") && p["spec"].contains("containers") && p["spec"]["containers"].is_array())
      for (auto& c : p["spec"]["containers"]) containers.push_back(str(c, {"name"}));
    if (ImGui::BeginTable("containers", 4, ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingFixedFit)) {
      ImGui::TableSetupColumn("container");
      ImGui::TableSetupColumn("ready");
      ImGui::TableSetupColumn("restarts");
      ImGui::TableSetupColumn("state / last state", ImGuiTableColumnFlags_WidthStretch);
      ImGui::TableHeadersRow();
      for (const std::string& cname : containers) {
        const json* cs = nullptr;
        if (status_.contains("containerStatuses") && status_["containerStatuses"].is_array())
          for (auto& s : status_["containerStatuses"])
            if (str(s, {"name"}) == cname) cs = &s;
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(cname.c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(cs && cs->value("ready", false) ? "yes" : "no");
        ImGui::TableNextColumn();
        ImGui::Text("%d", cs ? cs->value("restartCount", 0) : 0);
        ImGui::TableNextColumn();
        if (!cs) {
          ImGui::TextDisabled("not started");
          continue;
        }
        ImGui::TextUnformatted(containerState(*cs, "state").c_str());
        std::string last = containerState(*cs, "lastState");
        if (!last.empty()) ImGui::TextDisabled("last: %s", last.c_str());
      }
      ImGui::EndTable();
    }

    ImGui::Separator();
    ImGui::BeginDisabled(app.readonly());
    if (container_ >= static_cast<int>(containers.size())) container_ = 0;
    if (!containers.empty()) {
      ImGui::SetNextItemWidth(120);
      if (ImGui::BeginCombo("##container", containers[container_].c_str())) {
        for (int i = 0; i < static_cast<int>(containers.size()); ++i)
          if (ImGui::Selectable(containers[i].c_str(), i == container_)) container_ = i;
        ImGui::EndCombo();
      }
      ImGui::SameLine();
      ImGui::Checkbox("OOM", &oom_);
      ImGui::SameLine();
      ImGui::BeginDisabled(oom_);
      ImGui::SetNextItemWidth(90);
      ImGui::InputInt("exit code", &exitCode_);
      ImGui::EndDisabled();
      ImGui::SameLine();
      if (ImGui::Button("Kill container")) {
        std::string cmd = "sim kill pod/" + name + nsFlag + " -c " + containers[container_];
        cmd += oom_ ? " --oom" : " --exit-code " + std::to_string(exitCode_);
        app.run(cmd);
      }
    }
    ImGui::SetNextItemWidth(90);
    ImGui::InputInt("grace (s)", &grace_);
    grace_ = std::max(grace_, 0);
    ImGui::SameLine();
    if (ImGui::Button("Delete pod")) app.run("kubectl delete pod " + name + nsFlag + " --grace-period=" + std::to_string(grace_));
    ImGui::SameLine();
    if (ImGui::Button("Describe")) app.run("kubectl describe pod " + name + nsFlag);
    ImGui::SameLine();
    if (ImGui::Button("Logs")) app.run("kubectl logs " + name + nsFlag);
    ImGui::EndDisabled();
  }

  int container_ = 0;
  Time window_ = 5 * kMinute;
  int exitCode_ = 1;
  int grace_ = 30;
  bool oom_ = false;
};

}  // namespace

std::unique_ptr<Panel> makePodPanel() { return std::make_unique<PodPanel>(); }

}  // namespace podplay::ui
