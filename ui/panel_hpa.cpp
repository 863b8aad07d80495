// HPA view: the selected HorizontalPodAutoscaler (autoscaling/v2) over virtual time: its metric's
// utilization against the target, and the replicas it wants (desired) and has (current) between
// minReplicas and maxReplicas; its current conditions and last events. A load control starts and
// stops a load generator (the Kubernetes HPA walkthrough's busybox loop of wget against the
// Service), as console commands: `kubectl run load-generator ...` / `kubectl delete pod load-generator`.
#include <algorithm>
#include <cstdio>

#include "app.h"
#include "imgui.h"
#include "imgui_stdlib.h"
#include "k8s_view.h"
#include "plot.h"
#include "util/timefmt.h"
#include "workload_history.h"

namespace podplay::ui {
namespace {

const ImU32 kUtilColor = IM_COL32(240, 150, 60, 255);
const ImU32 kTargetColor = IM_COL32(230, 230, 230, 200);
const ImU32 kCurrentColor = IM_COL32(80, 160, 240, 255);
const ImU32 kDesiredColor = IM_COL32(120, 220, 120, 255);
const ImU32 kLimitColor = IM_COL32(200, 120, 120, 200);

class HpaPanel : public Panel {
 public:
  const char* id() const override { return "hpa"; }
  const char* title() const override { return "HPA"; }

  void draw(App& app) override {
    const Store& st = app.store();
    std::vector<ObjPtr> hpas = st.list("HorizontalPodAutoscaler");
    WorkloadRef sel = app.selectedHpa();
    if (sel.empty() && !hpas.empty()) {
      app.selectHpa(objNamespace(*hpas.front()), objName(*hpas.front()));
      sel = app.selectedHpa();
    }
    std::string current = sel.empty() ? "select an HPA" : "hpa/" + sel.name;
    if (!sel.empty() && sel.ns != "default") current += " -n " + sel.ns;
    ImGui::SetNextItemWidth(260);
    if (ImGui::BeginCombo("##hpa", current.c_str())) {
      for (const ObjPtr& h : hpas) {
        std::string key = objNamespace(*h) + "/" + objName(*h);
        if (ImGui::Selectable(key.c_str(), objName(*h) == sel.name && objNamespace(*h) == sel.ns))
          app.selectHpa(objNamespace(*h), objName(*h));
      }
      ImGui::EndCombo();
    }
    ObjPtr hp = sel.empty() ? nullptr : st.get("HorizontalPodAutoscaler", sel.ns, sel.name);
    if (!hp) {
      ImGui::TextDisabled(hpas.empty() ? "No HorizontalPodAutoscaler yet: apply \"HPA: php-apache + HPA\" from the\n"
                                         "editor's gallery, then start the load below."
                                       : "This HPA is gone; pick another.");
      return;
    }
    const json& h = *hp;
    header(app, h);
    loadControl(app, h);
    ImGui::Separator();
    charts(app, h);
    conditions(h);
    events(app, h);
  }

 private:
  static std::string nsFlag(const json& o) {
    std::string ns = objNamespace(o);
    return ns == "default" || ns.empty() ? "" : " -n " + ns;
  }

  void header(App& app, const json& h) {
    int cur = -1, target = -1;
    std::string resource;
    hpaUtilization(h, cur, target, resource);
    ImGui::SameLine();
    std::string targets = (resource.empty() ? "" : resource + ": ") + (cur < 0 ? "<unknown>" : std::to_string(cur) + "%") +
                          "/" + (target < 0 ? "?" : std::to_string(target) + "%");
    ImGui::TextColored(cur >= 0 && target >= 0 && cur > target ? ImVec4(1, 0.65f, 0.3f, 1) : ImVec4(0.6f, 0.85f, 1, 1),
                       "TARGETS %s", targets.c_str());
    ImGui::Text("%s/%s   min %d  max %d   replicas %d current, %d desired",
                str(h, {"spec", "scaleTargetRef", "kind"}).c_str(), str(h, {"spec", "scaleTargetRef", "name"}).c_str(),
                intAt(h, {"spec", "minReplicas"}, 1), intAt(h, {"spec", "maxReplicas"}, 1),
                intAt(h, {"status", "currentReplicas"}), intAt(h, {"status", "desiredReplicas"}));
    std::string last = str(h, {"status", "lastScaleTime"});
    Time lt = 0;
    if (!last.empty() && parseRfc3339(last, lt))
      ImGui::TextDisabled("last scale %s (%s ago)", clockTime(lt).c_str(), humanDuration(app.now() - lt).c_str());
    else
      ImGui::TextDisabled("not scaled yet");
  }

  void loadControl(App& app, const json& h) {
    if (service_.empty() || hpaUid_ != str(h, {"metadata", "uid"})) {
      hpaUid_ = str(h, {"metadata", "uid"});
      service_ = str(h, {"spec", "scaleTargetRef", "name"});
    }
    ObjPtr gen = app.store().get("Pod", objNamespace(h), "load-generator");
    ImGui::BeginDisabled(app.readonly());
    ImGui::TextUnformatted("load");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(140);
    ImGui::InputTextWithHint("##service", "service", &service_);
    ImGui::SameLine();
    ImGui::BeginDisabled(gen != nullptr || service_.empty());
    if (ImGui::Button("Start load"))
      app.run("kubectl run load-generator --image=busybox:1.28 --restart=Never" + nsFlag(h) +
              " -- /bin/sh -c \"while sleep 0.01; do wget -q -O- http://" + service_ + "; done\"");
    ImGui::EndDisabled();
    ImGui::SameLine();
    ImGui::BeginDisabled(gen == nullptr);
    if (ImGui::Button("Stop load")) app.run("kubectl delete pod load-generator" + nsFlag(h));
    ImGui::EndDisabled();
    ImGui::SameLine();
    if (ImGui::Button("Describe")) app.run("kubectl describe hpa " + objName(h) + nsFlag(h));
    ImGui::EndDisabled();
    ImGui::SameLine();
    if (gen) ImGui::TextColored(statusColor(podStatus(*gen)), "load-generator %s", podStatus(*gen).c_str());
    else ImGui::TextDisabled("no load-generator");
  }

  void charts(App& app, const json& h) {
    const HpaHistory* hist = app.history().hpa(str(h, {"metadata", "uid"}));
    timeWindowPicker("hpazoom", window_);
    if (!hist || hist->points.empty()) {
      ImGui::TextDisabled("Nothing recorded yet.");
      return;
    }
    const Time now = app.now();
    Time t0 = window_ > 0 ? now - window_ : hist->firstSeen;
    if (t0 >= now) t0 = now - kMinute;
    // Utilization vs target.
    std::vector<std::pair<Time, double>> util, cur, des;
    int maxUtil = 0, maxRep = 1, target = -1, minR = 1, maxR = 1;
    for (const HpaPoint& p : hist->points) {
      if (p.utilization >= 0) util.push_back({p.t, static_cast<double>(p.utilization)});
      cur.push_back({p.t, static_cast<double>(p.current)});
      des.push_back({p.t, static_cast<double>(p.desired)});
      if (p.t >= t0 || &p == &hist->points.back()) {
        maxUtil = std::max(maxUtil, p.utilization);
        maxRep = std::max({maxRep, p.current, p.desired, p.maxReplicas});
      }
      target = p.target, minR = p.minReplicas, maxR = p.maxReplicas;
    }
    // The legend, on the zoom buttons' line.
    ImGui::SameLine(0, 16);
    legendItem(kUtilColor, "utilization");
    ImGui::SameLine(0, 10);
    legendItem(kTargetColor, "target");
    ImGui::SameLine(0, 10);
    legendItem(kDesiredColor, "desired");
    ImGui::SameLine(0, 10);
    legendItem(kCurrentColor, "current");
    ImGui::SameLine(0, 10);
    legendItem(kLimitColor, "min/max");
    ImGui::TextDisabled("utilization (%% of request)");
    double umax = niceMax(std::max({100.0, maxUtil * 1.1, target * 2.0}), 4, true);
    Plot u = beginPlot("##util", 70, t0, now, 0, umax, 4, "%.0f%%");
    if (target >= 0) hLine(u, target, kTargetColor, true, ("target " + std::to_string(target) + "%").c_str());
    stepLine(u, util, kUtilColor);
    if (u.hovered) tooltipAt(*hist, u.hoverT, now);
    ImGui::TextDisabled("replicas");
    const int rTicks = std::min(maxRep + 1, 4);
    Plot r = beginPlot("##replicas", 70, t0, now, 0, niceMax(maxRep + 1, rTicks, true), rTicks, "%.0f");
    hLine(r, maxR, kLimitColor, true, ("max " + std::to_string(maxR)).c_str());
    hLine(r, minR, kLimitColor, true, ("min " + std::to_string(minR)).c_str());
    stepLine(r, des, kDesiredColor, 3.0f);
    stepLine(r, cur, kCurrentColor, 1.5f);
    if (r.hovered) tooltipAt(*hist, r.hoverT, now);
  }

  static void tooltipAt(const HpaHistory& hist, Time t, Time now) {
    auto it = std::upper_bound(hist.points.begin(), hist.points.end(), t, [](Time x, const HpaPoint& p) { return x < p.t; });
    if (it == hist.points.begin()) return;
    const HpaPoint& p = *std::prev(it);
    ImGui::SetTooltip("%s (-%s)\nutilization %s / target %d%%\nreplicas %d current, %d desired (min %d, max %d)",
                      clockTime(t).c_str(), goDuration((now - t) / kSecond * kSecond).c_str(),
                      p.utilization < 0 ? "<unknown>" : (std::to_string(p.utilization) + "%").c_str(), p.target, p.current,
                      p.desired, p.minReplicas, p.maxReplicas);
  }

  static void conditions(const json& h) {
    const json& conds = h.contains("status") ? h["status"].value("conditions", json::array()) : json::array();
    if (conds.empty()) return;
    if (!ImGui::BeginTable("hpaconds", 3, ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingFixedFit)) return;
    ImGui::TableSetupColumn("condition");
    ImGui::TableSetupColumn("status");
    ImGui::TableSetupColumn("reason: message", ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableHeadersRow();
    for (const json& c : conds) {
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(str(c, {"type"}).c_str());
      ImGui::TableNextColumn();
      bool t = str(c, {"status"}) == "True";
      ImGui::TextColored(t ? ImVec4(0.5f, 0.9f, 0.5f, 1) : ImVec4(1, 0.6f, 0.4f, 1), "%s", str(c, {"status"}).c_str());
      ImGui::TableNextColumn();
      ImGui::TextWrapped("%s: %s", str(c, {"reason"}).c_str(), str(c, {"message"}).c_str());
    }
    ImGui::EndTable();
  }

  static void events(App& app, const json& h) {
    std::vector<ObjPtr> evs = app.store().eventsFor("HorizontalPodAutoscaler", objNamespace(h), objName(h));
    ImGui::TextDisabled("events (%zu)", evs.size());
    const size_t kLast = 8;
    for (size_t i = evs.size() > kLast ? evs.size() - kLast : 0; i < evs.size(); ++i) {
      const json& e = *evs[i];
      Time last = 0;
      std::string ts = str(e, {"lastTimestamp"});
      if (ts.empty()) ts = str(e, {"eventTime"});
      parseRfc3339(ts, last);
      bool warning = str(e, {"type"}) == "Warning";
      ImGui::TextColored(warning ? ImVec4(1, 0.6f, 0.4f, 1) : ImVec4(0.7f, 0.7f, 0.7f, 1), "%-6s %-22s %s",
                         humanDuration(app.now() - last).c_str(), str(e, {"reason"}).c_str(), str(e, {"message"}).c_str());
    }
  }

  std::string hpaUid_, service_;
  Time window_ = 0;  // all that was recorded
};

}  // namespace

std::unique_ptr<Panel> makeHpaPanel() { return std::make_unique<HpaPanel>(); }

}  // namespace podplay::ui
