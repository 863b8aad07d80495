// Rollout view: the selected Deployment's ReplicaSets, old and new, over virtual time. A stacked
// chart of each ReplicaSet's pods (ready solid, not ready pale) with the Deployment's desired
// replicas as a line and its rollout marks (new revision, scaled, paused/resumed); the current
// Progressing/Available conditions and paused state; a table of ReplicaSets (revision, images,
// desired/current/ready, their pods as chips). Buttons issue the same commands as the console:
// `kubectl scale`, `kubectl set image`, `kubectl rollout pause|resume|restart|undo|history`.
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

// One colour per revision (the newest is the brightest of its hue).
ImU32 revisionColor(int revision, float alpha = 1.0f) {
  static const ImVec4 palette[] = {{0.26f, 0.52f, 0.90f, 1}, {0.95f, 0.60f, 0.15f, 1}, {0.30f, 0.72f, 0.40f, 1},
                                   {0.75f, 0.40f, 0.85f, 1}, {0.90f, 0.35f, 0.35f, 1}, {0.25f, 0.75f, 0.75f, 1},
                                   {0.85f, 0.80f, 0.30f, 1}, {0.60f, 0.60f, 0.65f, 1}};
  ImVec4 c = palette[static_cast<size_t>(std::max(revision, 0)) % (sizeof palette / sizeof palette[0])];
  return ImGui::ColorConvertFloat4ToU32(ImVec4(c.x, c.y, c.z, alpha));
}

const RsPoint* pointAt(const RsSeries& s, Time t) {
  auto it = std::upper_bound(s.points.begin(), s.points.end(), t, [](Time x, const RsPoint& p) { return x < p.t; });
  if (it == s.points.begin()) return nullptr;
  return &*std::prev(it);
}

class RolloutPanel : public Panel {
 public:
  const char* id() const override { return "rollout"; }
  const char* title() const override { return "Rollout"; }

  void draw(App& app) override {
    const Store& st = app.store();
    std::vector<ObjPtr> deployments = st.list("Deployment");
    WorkloadRef sel = app.selectedDeployment();
    if (sel.empty() && !deployments.empty()) {
      app.selectDeployment(objNamespace(*deployments.front()), objName(*deployments.front()));
      sel = app.selectedDeployment();
    }
    std::string current = sel.empty() ? "select a Deployment" : "deployment/" + sel.name;
    if (!sel.empty() && sel.ns != "default") current += " -n " + sel.ns;
    ImGui::SetNextItemWidth(190);
    if (ImGui::BeginCombo("##deployment", current.c_str())) {
      for (const ObjPtr& d : deployments) {
        std::string key = objNamespace(*d) + "/" + objName(*d);
        if (ImGui::Selectable(key.c_str(), objName(*d) == sel.name && objNamespace(*d) == sel.ns))
          app.selectDeployment(objNamespace(*d), objName(*d));
      }
      ImGui::EndCombo();
    }
    ObjPtr dp = sel.empty() ? nullptr : st.get("Deployment", sel.ns, sel.name);
    if (!dp) {
      ImGui::TextDisabled(deployments.empty()
                              ? "No Deployments yet: apply \"Deployment: rolling update\" from the editor's gallery,\n"
                                "or run `kubectl create deployment web --image=nginx:1.25 --replicas=3`."
                              : "This Deployment is gone; pick another.");
      return;
    }
    const json& d = *dp;
    const std::string uid = str(d, {"metadata", "uid"});
    if (uid != seenUid_) {  // a new selection: the inputs start from its current values
      seenUid_ = uid;
      replicas_ = intAt(d, {"spec", "replicas"}, 1);
      container_ = 0;
      image_.clear();
      undoTo_ = 0;
    }
    header(app, d);
    actions(app, d);
    chart(app, d);
    replicaSets(app, d);
  }

 private:
  std::string target(const json& d) const {
    std::string ns = objNamespace(d);
    return "deployment/" + objName(d) + (ns == "default" || ns.empty() ? "" : " -n " + ns);
  }

  void header(App& app, const json& d) {
    const int desired = intAt(d, {"spec", "replicas"}, 1);
    const bool paused = d.contains("spec") && d["spec"].value("paused", false);
    ImGui::SameLine();
    ImGui::Text("rev %s", str(d, {"metadata", "annotations", "deployment.kubernetes.io/revision"}).c_str());
    if (paused) {
      ImGui::SameLine();
      ImGui::TextColored(ImVec4(0.95f, 0.7f, 0.25f, 1), "PAUSED");
    }
    // kubectl get deployment's columns; the pods that exist when they differ from the desired count.
    ImGui::SameLine(0, 12);
    const int current = intAt(d, {"status", "replicas"}), ready = intAt(d, {"status", "readyReplicas"});
    ImGui::TextColored(ready >= desired ? ImVec4(0.5f, 0.9f, 0.5f, 1) : ImVec4(0.95f, 0.7f, 0.25f, 1), "%d/%d ready", ready, desired);
    ImGui::SameLine();
    ImGui::Text(" %d up-to-date  %d available", intAt(d, {"status", "updatedReplicas"}), intAt(d, {"status", "availableReplicas"}));
    if (current != desired) {
      ImGui::SameLine();
      ImGui::TextColored(ImVec4(0.95f, 0.7f, 0.25f, 1), " %d pods", current);
    }
    std::string strategy = str(d, {"spec", "strategy", "type"});
    if (strategy.empty()) strategy = "RollingUpdate";
    if (strategy == "RollingUpdate") {
      const json& ru = d.contains("spec") && d["spec"].contains("strategy") ? d["spec"]["strategy"].value("rollingUpdate", json::object())
                                                                             : json::object();
      auto show = [](const json& v) { return v.is_string() ? v.get<std::string>() : v.is_number() ? v.dump() : std::string("25%"); };
      strategy += " (maxSurge " + show(ru.value("maxSurge", json())) + ", maxUnavailable " +
                  show(ru.value("maxUnavailable", json())) + ")";
    }
    // The current conditions on one line (their messages in a tooltip), then the strategy.
    const json& conds = d.contains("status") ? d["status"].value("conditions", json::array()) : json::array();
    if (conds.empty()) ImGui::TextDisabled("no conditions yet");
    bool first = true;
    for (const json& c : conds) {
      if (!first) ImGui::SameLine(0, 14);
      first = false;
      bool t = str(c, {"status"}) == "True";
      ImGui::TextColored(t ? ImVec4(0.5f, 0.9f, 0.5f, 1) : ImVec4(1, 0.6f, 0.4f, 1), "%s %s", str(c, {"type"}).c_str(),
                         str(c, {"status"}).c_str());
      ImGui::SameLine(0, 4);
      ImGui::TextDisabled("%s", str(c, {"reason"}).c_str());
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", str(c, {"message"}).c_str());
    }
    ImGui::TextDisabled("%s   %s", strategy.c_str(), templateImages(d).c_str());
    (void)app;
  }

  void actions(App& app, const json& d) {
    const std::string t = target(d);
    const bool paused = d.contains("spec") && d["spec"].value("paused", false);
    ImGui::BeginDisabled(app.readonly());
    ImGui::SetNextItemWidth(90);
    ImGui::InputInt("##replicas", &replicas_);
    replicas_ = std::clamp(replicas_, 0, 1000);
    ImGui::SameLine();
    if (ImGui::Button("Scale")) app.run("kubectl scale " + t + " --replicas=" + std::to_string(replicas_));
    ImGui::SameLine(0, 14);
    if (ImGui::Button(paused ? "Resume" : "Pause")) app.run("kubectl rollout " + std::string(paused ? "resume " : "pause ") + t);
    ImGui::SameLine();
    if (ImGui::Button("Restart")) app.run("kubectl rollout restart " + t);
    // undo: to a revision of its ReplicaSets (0 = the previous one).
    std::vector<int> revisions;
    for (const ObjPtr& rs : app.store().ownedBy("ReplicaSet", str(d, {"metadata", "uid"})))
      if (revisionOf(*rs) > 0) revisions.push_back(revisionOf(*rs));
    std::sort(revisions.rbegin(), revisions.rend());
    ImGui::SameLine(0, 14);
    if (ImGui::Button("Undo"))
      app.run("kubectl rollout undo " + t + (undoTo_ > 0 ? " --to-revision=" + std::to_string(undoTo_) : ""));
    ImGui::SameLine(0, 4);
    ImGui::SetNextItemWidth(120);
    std::string undoLabel = undoTo_ == 0 ? "to previous" : "to revision " + std::to_string(undoTo_);
    if (ImGui::BeginCombo("##undo", undoLabel.c_str())) {
      if (ImGui::Selectable("to previous", undoTo_ == 0)) undoTo_ = 0;
      for (int r : revisions)
        if (ImGui::Selectable(("to revision " + std::to_string(r)).c_str(), undoTo_ == r)) undoTo_ = r;
      ImGui::EndCombo();
    }

    // set image: container + image.
    std::vector<std::pair<std::string, std::string>> containers;
    if (d.contains("spec") && d["spec"].contains("template") && d["spec"]["template"].contains("spec") &&
        d["spec"]["template"]["spec"].contains("containers") && d["spec"]["template"]["spec"]["containers"].is_array())
      for (const json& c : d["spec"]["template"]["spec"]["containers"]) containers.push_back({str(c, {"name"}), str(c, {"image"})});
    if (!containers.empty()) {
      if (container_ >= static_cast<int>(containers.size())) container_ = 0;
      ImGui::SetNextItemWidth(110);
      if (ImGui::BeginCombo("##container", containers[container_].first.c_str())) {
        for (int i = 0; i < static_cast<int>(containers.size()); ++i)
          if (ImGui::Selectable(containers[i].first.c_str(), i == container_)) container_ = i, image_.clear();
        ImGui::EndCombo();
      }
      ImGui::SameLine();
      if (image_.empty()) image_ = containers[container_].second;
      ImGui::SetNextItemWidth(180);
      ImGui::InputTextWithHint("##image", "nginx:1.26", &image_);
      ImGui::SameLine();
      if (ImGui::Button("Set image") && !image_.empty())
        app.run("kubectl set image " + t + " " + shellQuote(containers[container_].first + "=" + image_));
      ImGui::SameLine(0, 14);
    }
    if (ImGui::Button("History")) app.run("kubectl rollout history " + t);
    ImGui::SameLine();
    if (ImGui::Button("Describe"))
      app.run("kubectl describe deployment " + objName(d) + (objNamespace(d) == "default" ? "" : " -n " + objNamespace(d)));
    ImGui::EndDisabled();
  }

  // The stacked chart: per ReplicaSet its pods (ready solid, the rest pale), oldest revision at the bottom.
  void chart(App& app, const json& d) {
    const DeploymentHistory* h = app.history().deployment(str(d, {"metadata", "uid"}));
    timeWindowPicker("rolloutzoom", window_);
    if (!h || h->replicaSets.empty()) {
      ImGui::TextDisabled("No ReplicaSet recorded yet.");
      return;
    }
    const Time now = app.now();
    Time t0 = window_ > 0 ? now - window_ : h->firstSeen;
    if (t0 >= now) t0 = now - kMinute;
    // Series ordered by revision, oldest first (at the bottom of the stack).
    std::vector<const RsSeries*> series;
    for (const RsSeries& s : h->replicaSets) series.push_back(&s);
    std::stable_sort(series.begin(), series.end(), [](const RsSeries* a, const RsSeries* b) { return a->revision < b->revision; });
    // Breakpoints in view, and the tallest stack.
    std::vector<Time> ts = {t0};
    for (const RsSeries* s : series)
      for (const RsPoint& p : s->points)
        if (p.t > t0 && p.t <= now) ts.push_back(p.t);
    std::sort(ts.begin(), ts.end());
    ts.erase(std::unique(ts.begin(), ts.end()), ts.end());
    int maxStack = 1;
    for (Time t : ts) {
      int sum = 0;
      for (const RsSeries* s : series)
        if (const RsPoint* p = pointAt(*s, t)) sum += p->current;
      maxStack = std::max(maxStack, sum);
    }
    for (auto& [t, v] : h->desired) maxStack = std::max(maxStack, v);
    const int ticks = std::min(maxStack + 1, 4);
    const double vmax = niceMax(maxStack + 1, ticks, true);
    Plot p = beginPlot("##rolloutplot", 110, t0, now, 0, vmax, ticks, "%.0f");
    for (size_t i = 0; i < ts.size(); ++i) {
      const Time a = ts[i], b = i + 1 < ts.size() ? ts[i + 1] : now;
      float x1 = p.x(a), x2 = std::max(p.x(b), x1 + 1);
      int base = 0;
      for (const RsSeries* s : series) {
        const RsPoint* pt = pointAt(*s, a);
        if (!pt || pt->current <= 0) continue;
        const int ready = std::min(pt->ready, pt->current);
        if (ready > 0) p.dl->AddRectFilled(ImVec2(x1, p.y(base + ready)), ImVec2(x2, p.y(base)), revisionColor(s->revision));
        if (pt->current > ready)
          p.dl->AddRectFilled(ImVec2(x1, p.y(base + pt->current)), ImVec2(x2, p.y(base + ready)), revisionColor(s->revision, 0.35f));
        base += pt->current;
      }
    }
    std::vector<std::pair<Time, double>> desired;
    for (auto& [t, v] : h->desired) desired.push_back({t, static_cast<double>(v)});
    stepLine(p, desired, IM_COL32(255, 255, 255, 200), 1.5f);
    for (const RolloutMark& m : h->marks) vMark(p, m.t, IM_COL32(255, 220, 120, 200), m.what);
    if (p.hovered) {
      std::string tip = clockTime(p.hoverT) + " (-" + goDuration((now - p.hoverT) / kSecond * kSecond) + ")";
      for (auto it = series.rbegin(); it != series.rend(); ++it) {
        const RsPoint* pt = pointAt(**it, p.hoverT);
        if (!pt) continue;
        char b[200];
        std::snprintf(b, sizeof b, "\nrev %d %s: %d desired, %d current, %d ready, %d available", (*it)->revision,
                      (*it)->name.c_str(), pt->desired, pt->current, pt->ready, pt->available);
        tip += b;
      }
      ImGui::SetTooltip("%s", tip.c_str());
    }
    // Legend: one entry per ReplicaSet, newest first.
    for (auto it = series.rbegin(); it != series.rend(); ++it) {
      std::string label = "rev " + std::to_string((*it)->revision) + " " + (*it)->name + ((*it)->goneAt >= 0 ? " (deleted)" : "");
      legendItem(revisionColor((*it)->revision), label.c_str());
      ImGui::SameLine(0, 12);
    }
    ImGui::TextDisabled("pale: not ready   line: desired");
  }

  void replicaSets(App& app, const json& d) {
    std::vector<ObjPtr> rsList = app.store().ownedBy("ReplicaSet", str(d, {"metadata", "uid"}));
    std::sort(rsList.begin(), rsList.end(), [](const ObjPtr& a, const ObjPtr& b) { return revisionOf(*a) > revisionOf(*b); });
    const int newest = rsList.empty() ? 0 : revisionOf(*rsList.front());
    if (!ImGui::BeginTable("replicasets", 7, ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingFixedFit)) return;
    ImGui::TableSetupColumn("REV");
    ImGui::TableSetupColumn("REPLICASET");
    ImGui::TableSetupColumn("DESIRED");
    ImGui::TableSetupColumn("CURRENT");
    ImGui::TableSetupColumn("READY");
    ImGui::TableSetupColumn("AGE");
    ImGui::TableSetupColumn("IMAGES / PODS", ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableHeadersRow();
    for (const ObjPtr& rsp : rsList) {
      const json& rs = *rsp;
      const int rev = revisionOf(rs);
      const bool isNew = rev == newest;
      ImGui::PushID(objName(rs).c_str());
      ImGui::TableNextColumn();
      ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(revisionColor(rev)), "%d%s", rev, isNew ? " new" : "");
      ImGui::TableNextColumn();
      if (isNew) ImGui::TextUnformatted(objName(rs).c_str());
      else ImGui::TextDisabled("%s", objName(rs).c_str());
      ImGui::TableNextColumn();
      ImGui::Text("%d", intAt(rs, {"spec", "replicas"}, 1));
      ImGui::TableNextColumn();
      ImGui::Text("%d", intAt(rs, {"status", "replicas"}));
      ImGui::TableNextColumn();
      ImGui::Text("%d", intAt(rs, {"status", "readyReplicas"}));
      ImGui::TableNextColumn();
      Time created = 0;
      parseRfc3339(str(rs, {"metadata", "creationTimestamp"}), created);
      ImGui::TextUnformatted(humanDuration(app.now() - created).c_str());
      ImGui::TableNextColumn();
      ImGui::TextDisabled("%s", templateImages(rs).c_str());
      podChips(app, rs);
      ImGui::PopID();
    }
    ImGui::EndTable();
  }

  // The ReplicaSet's pods as chips coloured by STATUS; a click shows the pod in the Pod view.
  void podChips(App& app, const json& rs) {
    std::vector<ObjPtr> pods = app.store().ownedBy("Pod", str(rs, {"metadata", "uid"}));
    const size_t kMaxChips = 40;
    float avail = ImGui::GetContentRegionAvail().x, used = 0;
    for (size_t i = 0; i < pods.size() && i < kMaxChips; ++i) {
      const json& pod = *pods[i];
      std::string name = objName(pod), status = podStatus(pod);
      std::string label = name.size() > 6 ? name.substr(name.size() - 5) : name;  // the pod's random suffix
      float w = ImGui::CalcTextSize(label.c_str()).x + ImGui::GetStyle().FramePadding.x * 2;
      if (used > 0 && used + w < avail) ImGui::SameLine(0, 3);
      else used = 0;
      used += w + 3;
      ImVec4 c = statusColor(status);
      ImGui::PushStyleColor(ImGuiCol_Button, c);
      ImGui::PushID(name.c_str());
      if (ImGui::SmallButton(label.c_str())) {
        app.selectPod(objNamespace(pod), name);
        app.showPanel("pod");
      }
      ImGui::PopID();
      ImGui::PopStyleColor();
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s\n%s  ready %s  restarts %d\nControlled By: ReplicaSet/%s", name.c_str(),
                                                    status.c_str(), podReady(pod).c_str(), podRestarts(pod), objName(rs).c_str());
    }
    if (pods.size() > kMaxChips) ImGui::TextDisabled("... and %zu more", pods.size() - kMaxChips);
  }

  std::string seenUid_;
  int replicas_ = 1;
  int container_ = 0;
  std::string image_;
  int undoTo_ = 0;
  Time window_ = 0;  // all that was recorded
};

}  // namespace

std::unique_ptr<Panel> makeRolloutPanel() { return std::make_unique<RolloutPanel>(); }

}  // namespace podplay::ui
