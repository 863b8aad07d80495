// Cluster view: one card per node (status, labels, taints, allocatable vs requested, its pods as
// chips coloured by STATUS) and a lane of pending pods with the scheduler's reason. Clicking a node
// opens its actions (cordon, drain, taint, label, fail/recover), each a command like the console's;
// clicking a pod selects it for the Pod panel.
#include <algorithm>
#include <unordered_map>
#include <cstdio>
#include <vector>

#include "app.h"
#include "imgui.h"
#include "imgui_stdlib.h"
#include "k8s_view.h"

namespace podplay::ui {
namespace {

// Labels every node carries (kind's defaults): left out of the cards, shown in the node's popup.
bool wellKnownLabel(const std::string& k) {
  for (const char* p : {"beta.kubernetes.io/", "kubernetes.io/arch", "kubernetes.io/os", "kubernetes.io/hostname",
                        "node.kubernetes.io/exclude-from-external-load-balancers"})
    if (k.rfind(p, 0) == 0) return true;
  return false;
}

class ClusterPanel : public Panel {
 public:
  const char* id() const override { return "cluster"; }
  const char* title() const override { return "Cluster"; }

  void draw(App& app) override {
    const Store& st = app.store();
    auto nodes = st.list("Node");
    if (cardsGen_ != app.generation() || cards_.size() > 2 * nodes.size() + 64) cards_.clear(), cardsGen_ = app.generation();
    const float cardW = 270;
    int cols = std::max(1, static_cast<int>(ImGui::GetContentRegionAvail().x / cardW));
    cols = std::min<int>(cols, std::max<size_t>(nodes.size(), 1));
    if (nodes.empty()) ImGui::TextDisabled("No nodes.");
    if (!nodes.empty() && ImGui::BeginTable("nodes", cols, ImGuiTableFlags_Borders | ImGuiTableFlags_SizingStretchSame)) {
      // Only the rows on screen are drawn (500 nodes and 5,000 pods would cost ~100 ms a frame):
      // each row keeps the height it had when last drawn, and rows out of view are that tall
      // but empty. Heights settle within a frame of scrolling a row into view.
      const size_t rows = (nodes.size() + cols - 1) / cols;
      if (cols != rowCols_) rowHeights_.clear(), rowCols_ = cols;
      rowHeights_.resize(rows, kRowEstimate);
      const float padY = ImGui::GetStyle().CellPadding.y;
      for (size_t r = 0; r < rows; ++r) {
        ImGui::TableNextRow(0, rowHeights_[r]);
        ImGui::TableSetColumnIndex(0);
        const ImVec2 start = ImGui::GetCursorScreenPos();
        if (!ImGui::IsRectVisible(ImVec2(start.x, start.y - padY), ImVec2(start.x + 1, start.y - padY + rowHeights_[r])))
          continue;
        float contentH = 0;
        for (int c = 0; c < cols && r * cols + c < nodes.size(); ++c) {
          ImGui::TableSetColumnIndex(c);
          const ObjPtr& n = nodes[r * cols + c];
          float y0 = ImGui::GetCursorScreenPos().y;
          ImGui::PushID(objName(*n).c_str());
          nodeCard(app, n);
          ImGui::PopID();
          contentH = std::max(contentH, ImGui::GetCursorScreenPos().y - y0);
        }
        rowHeights_[r] = contentH + 2 * padY;
      }
      ImGui::EndTable();
    }
    pendingLane(app);
    nodeActions(app);
  }

 private:
  // What a node card shows, derived from the node's and its pods' snapshots. Store objects are
  // immutable snapshots: while the node and its pods are the same pointers the card is unchanged,
  // so a frame only compares pointers for it (5,000 pods' STATUS strings, requests and labels cost
  // milliseconds a frame in the browser).
  struct Chip {
    std::string name, ns, status, ownerKind, ownerName;
    ImVec4 color;
    float width = 0;
  };
  struct Card {
    ObjPtr node;
    std::vector<ObjPtr> pods;
    std::string status, labels, podsLine, cpuLabel, memLabel;
    std::vector<std::string> taints;
    bool ready = false;
    float cpuFrac = 0, memFrac = 0;
    std::vector<Chip> chips;
  };

  const Card& card(App& app, const ObjPtr& node) {
    const std::string name = objName(*node);
    std::vector<ObjPtr> pods = app.store().podsOnNode(name);
    Card& c = cards_[name];
    if (c.node == node && c.pods == pods) return c;
    c = Card{};
    c.node = node;
    c.pods = std::move(pods);
    c.status = nodeStatus(*node);
    c.ready = c.status.rfind("Ready", 0) == 0;
    const json& meta = (*node)["metadata"];
    if (meta.contains("labels") && meta["labels"].is_object())
      for (auto& [k, v] : meta["labels"].items()) {
        if (wellKnownLabel(k)) continue;
        c.labels += k + "=" + (v.is_string() ? v.get<std::string>() : v.dump()) + " ";
      }
    if (node->contains("spec") && (*node)["spec"].contains("taints") && (*node)["spec"]["taints"].is_array())
      for (auto& t : (*node)["spec"]["taints"]) {
        std::string v = str(t, {"value"});
        c.taints.push_back("taint " + str(t, {"key"}) + (v.empty() ? "" : "=" + v) + ":" + str(t, {"effect"}));
      }
    // Allocatable vs requested (pods that still hold resources).
    double cpuReq = 0, memReq = 0;
    int podCount = 0;
    for (auto& p : c.pods) {
      if (podTerminal(*p)) continue;
      double cpu, mem;
      podRequests(*p, cpu, mem);
      cpuReq += cpu, memReq += mem;
      ++podCount;
    }
    double cpuAlloc = parseCpuMilli(str(*node, {"status", "allocatable", "cpu"}));
    double memAlloc = parseBytes(str(*node, {"status", "allocatable", "memory"}));
    std::string podsAlloc = str(*node, {"status", "allocatable", "pods"});
    c.cpuFrac = cpuAlloc > 0 ? static_cast<float>(cpuReq / cpuAlloc) : 0.0f;
    c.memFrac = memAlloc > 0 ? static_cast<float>(memReq / memAlloc) : 0.0f;
    c.cpuLabel = formatCpuMilli(cpuReq) + " / " + formatCpuMilli(cpuAlloc);
    c.memLabel = formatBytes(memReq) + " / " + formatBytes(memAlloc);
    c.podsLine = "pods " + std::to_string(podCount) + " / " + (podsAlloc.empty() ? "?" : podsAlloc);
    for (auto& p : c.pods) {
      Chip chip;
      chip.name = objName(*p), chip.ns = objNamespace(*p), chip.status = podStatus(*p);
      chip.color = statusColor(chip.status);
      chip.width = ImGui::CalcTextSize(chip.name.c_str()).x + ImGui::GetStyle().FramePadding.x * 2;
      controllerOf(*p, chip.ownerKind, chip.ownerName);
      c.chips.push_back(std::move(chip));
    }
    return c;
  }

  void nodeCard(App& app, const ObjPtr& nodePtr) {
    const Card& c = card(app, nodePtr);
    const std::string name = objName(*nodePtr);
    ImGui::PushStyleColor(ImGuiCol_Text, c.ready ? ImVec4(0.5f, 0.9f, 0.5f, 1) : ImVec4(1, 0.45f, 0.45f, 1));
    if (ImGui::Selectable(("# " + name).c_str(), false)) {
      actionNode_ = name;
      openPopup_ = true;  // opened at window level: the card's PushID would change the popup id
    }
    ImGui::PopStyleColor();
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Node actions: cordon, drain, taint, label, fail...");
    ImGui::TextDisabled("%s", c.status.c_str());
    if (!c.labels.empty()) {
      ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.6f, 0.7f, 0.85f, 1));
      ImGui::TextWrapped("%s", c.labels.c_str());
      ImGui::PopStyleColor();
    }
    for (const std::string& t : c.taints) ImGui::TextColored(ImVec4(0.95f, 0.65f, 0.3f, 1), "%s", t.c_str());
    bar("cpu", c.cpuFrac, c.cpuLabel);
    bar("mem", c.memFrac, c.memLabel);
    ImGui::TextDisabled("%s", c.podsLine.c_str());

    // Pod chips.
    float avail = ImGui::GetContentRegionAvail().x, used = 0;
    for (size_t i = 0; i < c.chips.size(); ++i) {
      const float w = c.chips[i].width;
      if (used > 0 && used + w < avail) ImGui::SameLine(0, 4);
      else used = 0;
      chip(app, c.chips[i], *c.pods[i]);
      used += w + 4;
    }
  }

  static void bar(const char* what, float f, const std::string& label) {
    ImVec4 c = f > 1.0f ? ImVec4(0.8f, 0.2f, 0.2f, 1) : f > 0.85f ? ImVec4(0.8f, 0.6f, 0.1f, 1) : ImVec4(0.25f, 0.5f, 0.8f, 1);
    ImGui::PushStyleColor(ImGuiCol_PlotHistogram, c);
    ImGui::TextUnformatted(what);
    ImGui::SameLine(36);
    ImGui::ProgressBar(std::min(f, 1.0f), ImVec2(-1, 0), label.c_str());
    ImGui::PopStyleColor();
  }

  void chip(App& app, const Chip& c, const json& pod) {
    bool selected = app.selectedPodName() == c.name && app.selectedPodNs() == c.ns;
    ImGui::PushStyleColor(ImGuiCol_Button, c.color);
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, ImVec4(c.color.x + 0.1f, c.color.y + 0.1f, c.color.z + 0.1f, 1));
    if (selected) ImGui::PushStyleVar(ImGuiStyleVar_FrameBorderSize, 2.0f);
    ImGui::PushID(c.ns.c_str());
    if (ImGui::SmallButton(c.name.c_str())) app.selectPod(c.ns, c.name);
    ImGui::PopID();
    if (selected) ImGui::PopStyleVar();
    ImGui::PopStyleColor(2);
    // Pods with a controller carry a stripe in their owner's colour (a ReplicaSet's pods look alike).
    if (!c.ownerName.empty()) {
      ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
      ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(a.x + 1, b.y - 3), ImVec2(b.x - 1, b.y), ownerColor(c.ownerName));
    }
    if (ImGui::IsItemHovered()) {
      std::string owner;
      if (!c.ownerName.empty()) {
        owner = "\nControlled By: " + c.ownerKind + "/" + c.ownerName;
        if (c.ownerKind == "ReplicaSet")
          if (ObjPtr rs = app.store().get("ReplicaSet", c.ns, c.ownerName)) {
            std::string k, n;
            controllerOf(*rs, k, n);
            if (!n.empty()) owner += " (" + k + "/" + n + ")";
          }
      }
      ImGui::SetTooltip("%s/%s\n%s  ready %s  restarts %d%s", c.ns.c_str(), c.name.c_str(), c.status.c_str(),
                        podReady(pod).c_str(), podRestarts(pod), owner.c_str());
    }
  }

  // A pending pod's chip (not cached: the lane shows only the lines on screen).
  void chip(App& app, const json& pod) {
    Chip c;
    c.name = objName(pod), c.ns = objNamespace(pod), c.status = podStatus(pod), c.color = statusColor(c.status);
    controllerOf(pod, c.ownerKind, c.ownerName);
    chip(app, c, pod);
  }

  // The ownerReference with controller: true.
  static void controllerOf(const json& o, std::string& kind, std::string& name) {
    kind.clear(), name.clear();
    auto meta = o.find("metadata");
    if (meta == o.end() || !meta->is_object()) return;
    auto refs = meta->find("ownerReferences");
    if (refs == meta->end() || !refs->is_array()) return;
    for (const json& r : *refs)
      if (r.is_object() && r.value("controller", false)) {
        kind = str(r, {"kind"}), name = str(r, {"name"});
        return;
      }
  }

  static ImU32 ownerColor(const std::string& owner) {
    uint32_t h = 2166136261u;
    for (unsigned char c : owner) h = (h ^ c) * 16777619u;
    ImVec4 rgb;
    ImGui::ColorConvertHSVtoRGB(static_cast<float>(h % 360) / 360.0f, 0.55f, 1.0f, rgb.x, rgb.y, rgb.z);
    return ImGui::ColorConvertFloat4ToU32(ImVec4(rgb.x, rgb.y, rgb.z, 1));
  }

  void pendingLane(App& app) {
    auto pending = app.store().podsOnNode("");
    ImGui::Separator();
    ImGui::Text("Pending (unscheduled): %d", static_cast<int>(pending.size()));
    // One line per pod (the reason is cut, in full in its tooltip), clipped to the visible lines.
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(pending.size()), ImGui::GetTextLineHeightWithSpacing());
    while (clipper.Step())
      for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
        const ObjPtr& p = pending[i];
        chip(app, *p);
        std::string reason;
        if (p->contains("status") && (*p)["status"].contains("conditions") && (*p)["status"]["conditions"].is_array())
          for (auto& c : (*p)["status"]["conditions"])
            if (str(c, {"type"}) == "PodScheduled" && str(c, {"status"}) != "True")
              reason = str(c, {"reason"}) + ": " + str(c, {"message"});
        if (reason.empty()) reason = "waiting for the scheduler";
        ImGui::SameLine();
        ImGui::TextUnformatted(reason.c_str());
        if (ImGui::IsItemHovered() && ImGui::CalcTextSize(reason.c_str()).x > ImGui::GetContentRegionAvail().x)
          ImGui::SetTooltip("%s", reason.c_str());
      }
  }

  void nodeActions(App& app) {
    if (openPopup_) {
      ImGui::OpenPopup("node-actions");
      openPopup_ = false;
    }
    if (!ImGui::BeginPopup("node-actions")) return;
    auto node = app.store().get("Node", "", actionNode_);
    if (!node) {
      ImGui::TextDisabled("node %s is gone", actionNode_.c_str());
      ImGui::EndPopup();
      return;
    }
    const std::string& n = actionNode_;
    ImGui::Text("node/%s  (%s)", n.c_str(), nodeStatus(*node).c_str());
    ImGui::Separator();
    ImGui::BeginDisabled(app.readonly());
    bool cordoned = node->contains("spec") && (*node)["spec"].value("unschedulable", false);
    if (ImGui::Button(cordoned ? "Uncordon" : "Cordon")) app.run(std::string(cordoned ? "kubectl uncordon " : "kubectl cordon ") + n);
    ImGui::SameLine();
    if (ImGui::Button("Drain")) app.run("kubectl drain " + n + " --ignore-daemonsets");
    ImGui::SameLine();
    if (ImGui::Button("Drain --force")) app.run("kubectl drain " + n + " --ignore-daemonsets --force --delete-emptydir-data");
    if (ImGui::Button("Fail node")) app.run("sim node fail " + n);
    ImGui::SameLine();
    if (ImGui::Button("Recover node")) app.run("sim node recover " + n);
    if (ImGui::Button("Describe")) app.run("kubectl describe node " + n);

    ImGui::Separator();
    ImGui::TextDisabled("Taints");
    if (node->contains("spec") && (*node)["spec"].contains("taints") && (*node)["spec"]["taints"].is_array())
      for (auto& t : (*node)["spec"]["taints"]) {
        std::string v = str(t, {"value"});
        std::string spec = str(t, {"key"}) + (v.empty() ? "" : "=" + v) + ":" + str(t, {"effect"});
        ImGui::PushID(spec.c_str());
        if (ImGui::SmallButton("x")) app.run("kubectl taint nodes " + n + " " + shellQuote(spec + "-"));
        ImGui::PopID();
        ImGui::SameLine();
        ImGui::TextUnformatted(spec.c_str());
      }
    ImGui::SetNextItemWidth(200);
    ImGui::InputTextWithHint("##taint", "key=value:NoSchedule", &taint_);
    ImGui::SameLine();
    if (ImGui::Button("Add taint") && !taint_.empty()) app.run("kubectl taint nodes " + n + " " + shellQuote(taint_));

    ImGui::Separator();
    ImGui::TextDisabled("Labels");
    if ((*node)["metadata"].contains("labels") && (*node)["metadata"]["labels"].is_object())
      for (auto& [k, v] : (*node)["metadata"]["labels"].items()) {
        ImGui::PushID(k.c_str());
        if (ImGui::SmallButton("x")) app.run("kubectl label nodes " + n + " " + shellQuote(k + "-"));
        ImGui::PopID();
        ImGui::SameLine();
        ImGui::Text("%s=%s", k.c_str(), v.is_string() ? v.get<std::string>().c_str() : v.dump().c_str());
      }
    ImGui::SetNextItemWidth(200);
    ImGui::InputTextWithHint("##label", "key=value", &label_);
    ImGui::SameLine();
    if (ImGui::Button("Set label") && !label_.empty())
      app.run("kubectl label nodes " + n + " " + shellQuote(label_) + " --overwrite");
    ImGui::EndDisabled();
    ImGui::EndPopup();
  }

  std::string actionNode_, taint_, label_;
  std::unordered_map<std::string, Card> cards_;  // node name -> its card as last derived
  uint64_t cardsGen_ = 0;
  bool openPopup_ = false;
  static constexpr float kRowEstimate = 160;  // a node card's height before it was first drawn
  std::vector<float> rowHeights_;              // per table row of node cards, as last drawn
  int rowCols_ = 0;
};

}  // namespace

std::unique_ptr<Panel> makeClusterPanel() { return std::make_unique<ClusterPanel>(); }

}  // namespace podplay::ui
