#include "app.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <sstream>

#include "api/kinds.h"
#include "imgui.h"
#include "platform.h"
#include "util/timefmt.h"

namespace podplay::ui {

static const char* kHistoryKey = "podplay.history";
static const size_t kConsoleMaxLines = 20000;

std::string scriptDuration(Time ms) {
  if (ms % kMinute == 0 && ms >= kMinute) return std::to_string(ms / kMinute) + "m";
  if (ms % kSecond == 0) return std::to_string(ms / kSecond) + "s";
  return std::to_string(ms) + "ms";
}

App::App(AppOptions opts) : opts_(std::move(opts)) {
  newSession();
  panels_.push_back(makeTimePanel());
  panels_.push_back(makeClusterPanel());
  panels_.push_back(makeConsolePanel());
  panels_.push_back(makePodPanel());
  panels_.push_back(makeEditorPanel());
  panels_.push_back(makeEventsPanel());
  panels_.push_back(makeWorkloadsPanel());
  panels_.push_back(makeRolloutPanel());
  panels_.push_back(makeHpaPanel());
  if (!opts_.panels.empty()) {
    std::string list = "," + opts_.panels + ",";
    for (auto& p : panels_)
      p->visible = list.find(std::string(",") + p->id() + ",") != std::string::npos;
  }
}

App::~App() = default;

void App::newSession() {
  SessionOptions so;
  so.seed = opts_.seed;
  session_ = std::make_unique<Session>(so);
  history_.clear();
  editorMarks_.clear();
  recordedTime_ = session_->now();
  pacingMs_ = 0;
  emittedRv_ = 0;
  emitted_.clear();
  commandSinceEmit_ = true;
  workloads_.clear();
  lastSampleAt_ = -1;
  replay_.clear();
  replayPos_ = 0;
  replaySleepLeft_ = -1;
  ++generation_;
}

// ---- commands ------------------------------------------------------------------------------------

CommandResult App::safeExec(const std::string& line, const std::string& stdinText) {
  try {
    return session_->exec(line, stdinText);
  } catch (const std::exception& e) {
    CommandResult r;
    r.chunks.push_back({true, std::string("podplay: internal error: ") + e.what() + "\n"});
    r.exitCode = 1;
    return r;
  } catch (...) {
    CommandResult r;
    r.chunks.push_back({true, "podplay: internal error\n"});
    r.exitCode = 1;
    return r;
  }
}

void App::append(ConsoleLine::Kind k, const std::string& text) {
  size_t start = 0;
  while (start <= text.size()) {
    size_t nl = text.find('\n', start);
    if (nl == std::string::npos) {
      if (start < text.size()) console_.push_back({k, text.substr(start)});
      break;
    }
    console_.push_back({k, text.substr(start, nl - start)});
    start = nl + 1;
  }
  if (console_.size() > kConsoleMaxLines)
    console_.erase(console_.begin(), console_.begin() + (console_.size() - kConsoleMaxLines));
  ++consoleSerial_;
}

void App::appendResult(const CommandResult& r) {
  for (auto& c : r.chunks) append(c.isErr ? ConsoleLine::Err : ConsoleLine::Out, c.text);
}

void App::record(const std::string& line, const std::string& stdinText) {
  if (stdinText.empty()) {
    history_ += line + "\n";
  } else {
    std::string marker = "EOF";
    while (("\n" + stdinText + "\n").find("\n" + marker + "\n") != std::string::npos) marker += "_";
    history_ += line + " <<" + marker + "\n" + stdinText;
    if (stdinText.back() != '\n') history_ += "\n";
    history_ += marker + "\n";
  }
}

// `sleep DURATION` exactly as the command layer accepts it (anything else goes to Session::exec).
static bool parseSleep(const std::string& line, Time& d) {
  std::istringstream in(line);
  std::string w0, w1, extra;
  in >> w0 >> w1;
  if (w0 != "sleep" || w1.empty() || (in >> extra)) return false;
  return parseDuration(w1, d) && d > 0 && d <= 30LL * 24 * kHour;
}

bool App::runSleep(const std::string& line, CommandResult& r) {
  Time d = 0;
  if (!parseSleep(line, d)) return false;
  // Session::exec("sleep N") runs the event queue up to now + N; so do these slices, one after the
  // other, with a history sample between them.
  const Time target = session_->now() + d;
  try {
    while (session_->now() < target) {
      CommandResult c = session_->advance(std::min<Time>(target - session_->now(), WorkloadHistory::kSliceMs));
      for (auto& ch : c.chunks) r.chunks.push_back(std::move(ch));
      workloads_.sample(store());
    }
  } catch (const std::exception& e) {
    r.chunks.push_back({true, std::string("podplay: internal error: ") + e.what() + "\n"});
    r.exitCode = 1;
  }
  return true;
}

Time App::advanceClock(Time ms, Clock::time_point deadline) {
  const Time start = session_->now(), target = start + ms;
  // History samples at most every kSampleEvery of virtual time while the clock runs, and at the end.
  constexpr Time kSampleEvery = 100;
  try {
    while (session_->now() < target) {
      const Time now = session_->now();
      Time next = session_->nextEventTime();
      Time to = next < 0 || next > target ? target : next;
      if (to <= now) to = now + 1;
      to = std::min({to, target, now + WorkloadHistory::kSliceMs});
      appendResult(session_->advance(to - now));
      if (session_->now() - lastSampleAt_ >= kSampleEvery) {
        workloads_.sample(store());
        lastSampleAt_ = session_->now();
      }
      if (Clock::now() >= deadline) break;
    }
  } catch (const std::exception& e) {
    append(ConsoleLine::Err, std::string("podplay: internal error: ") + e.what());
  }
  workloads_.sample(store());
  lastSampleAt_ = session_->now();
  return session_->now() - start;
}

CommandResult App::run(const std::string& rawLine, const std::string& stdinText) {
  std::string line = rawLine;
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r' || line.back() == ' ')) line.pop_back();
  if (line.empty()) return {};
  // Clock advances made by frame pacing since the last command become one `sleep` in the history.
  if (session_->now() > recordedTime_) history_ += "sleep " + scriptDuration(session_->now() - recordedTime_) + "\n";
  append(ConsoleLine::Command, "$ " + (line.size() > 2000 ? line.substr(0, 2000) + "..." : line));
  CommandResult r;
  if (!stdinText.empty() || !runSleep(line, r)) r = safeExec(line, stdinText);
  workloads_.sample(store());
  appendResult(r);
  record(line, stdinText);
  commandSinceEmit_ = true;
  recordedTime_ = session_->now();
  autosave();
  if (listening_) {
    json ev = {{"command", line}, {"exitCode", r.exitCode}, {"output", r.text()}};
    platform::emit("command", ev.dump(-1, ' ', false, json::error_handler_t::replace));
  }
  return r;
}

CommandResult App::query(const std::string& line) { return safeExec(line, ""); }

CommandResult App::load(const std::string& script) {
  newSession();
  CommandResult r;
  // Session::runScript, one command at a time (sleeps in slices) so that the history is sampled.
  std::string err;
  std::vector<ScriptCommand> cmds = splitScript(script, err);
  if (!err.empty()) {
    r.chunks.push_back({true, "podplay: " + err + "\n"});
    r.exitCode = 2;
  }
  for (const ScriptCommand& c : cmds) {
    CommandResult one;
    if (!c.stdinText.empty() || !runSleep(c.line, one)) one = safeExec(c.line, c.stdinText);
    workloads_.sample(store());
    for (auto& ch : one.chunks) r.chunks.push_back(std::move(ch));
    if (one.exitCode != 0) r.exitCode = 1;
  }
  history_ = script;
  if (!history_.empty() && history_.back() != '\n') history_ += "\n";
  recordedTime_ = session_->now();
  append(ConsoleLine::Info, "# loaded a script (" + std::to_string(std::count(script.begin(), script.end(), '\n')) +
                                " lines); the clock is at " + rfc3339(session_->now()));
  appendResult(r);
  autosave();
  return r;
}

void App::play(const std::string& script) {
  newSession();
  std::string err;
  replay_ = splitScript(script, err);
  replayPos_ = 0;
  replaySleepLeft_ = -1;
  append(ConsoleLine::Info, "# replaying a script (" + std::to_string(replay_.size()) + " commands) at " +
                                (std::ostringstream() << opts_.speed).str() + "x");
  if (!err.empty()) append(ConsoleLine::Err, "podplay: " + err);
  opts_.paused = false;
  autosave();
}

void App::stepReplay(Clock::time_point deadline) {
  bool ranCommand = false;
  while (replaying()) {
    const ScriptCommand& c = replay_[replayPos_];
    Time d = 0;
    if (c.stdinText.empty() && parseSleep(c.line, d)) {
      if (replaySleepLeft_ < 0) {
        append(ConsoleLine::Command, "$ " + c.line);
        replaySleepLeft_ = d;
        if (session_->now() > recordedTime_) {  // pacing before the sleep (none while replaying)
          history_ += "sleep " + scriptDuration(session_->now() - recordedTime_) + "\n";
          recordedTime_ = session_->now();
        }
      }
      const Time budget = std::min<Time>(replaySleepLeft_, static_cast<Time>(pacingMs_));
      const Time done = budget > 0 ? advanceClock(budget, deadline) : 0;
      pacingMs_ = std::max(0.0, pacingMs_ - static_cast<double>(done));
      replaySleepLeft_ -= done;
      if (replaySleepLeft_ > 0) return;  // the rest in the next frames
      // The whole sleep ran: record it as the script wrote it (unless commands were typed meanwhile).
      Time since = session_->now() - recordedTime_;
      if (since > 0) history_ += (since == d ? c.line : "sleep " + scriptDuration(since)) + "\n";
      recordedTime_ = session_->now();
      replaySleepLeft_ = -1;
      ++replayPos_;
      continue;
    }
    if (ranCommand) return;  // one command per frame: the console shows them arrive one by one
    const ScriptCommand cmd = c;
    const uint64_t gen = generation_;
    ++replayPos_;
    run(cmd.line, cmd.stdinText);
    if (generation_ != gen) return;  // a listener loaded another session: this replay is over
    ranCommand = true;
    pacingMs_ = 0;  // between a script's commands the clock only moves through its sleeps
  }
  append(ConsoleLine::Info, "# replay finished");
  autosave();
  if (listening_) platform::emit("replay", json{{"done", true}, {"commands", replay_.size()}}.dump());
  replay_.clear();
  replayPos_ = 0;
}

void App::reset() {
  newSession();
  console_.clear();
  append(ConsoleLine::Info, "# new cluster");
  podNs_.clear(), podName_.clear();
  deployment_ = {}, hpa_ = {};
  autosave();
}

std::string App::exportScript() const {
  std::string s = history_;
  if (session_->now() > recordedTime_) s += "sleep " + scriptDuration(session_->now() - recordedTime_) + "\n";
  return s;
}

void App::autosave() {
  sinceAutosave_ = 0;
  if (opts_.autosave) platform::save(kHistoryKey, exportScript());
}

std::string App::stateJson() const {
  json s;
  s["now"] = session_->now();
  s["clock"] = rfc3339(session_->now());
  s["paused"] = opts_.paused;
  s["speed"] = opts_.speed;
  s["readonly"] = opts_.readonly;
  s["resourceVersion"] = store().resourceVersion();
  s["nextEventTime"] = session_->nextEventTime();
  s["replay"] = {{"active", replaying()}, {"position", replayPos_}, {"total", replay_.size()}};
  s["droppedMs"] = droppedMs_;
  // What the views show (for tests and embedders): the front panel of each tabbed slot, the selected
  // workloads, and the sampled history's size.
  json views = json::object();
  for (auto& [slot, id] : slotActive_) views[slot] = id;
  s["views"] = views;
  s["selected"] = {{"pod", podNs_.empty() ? "" : podNs_ + "/" + podName_},
                   {"deployment", deployment_.empty() ? "" : deployment_.ns + "/" + deployment_.name},
                   {"hpa", hpa_.empty() ? "" : hpa_.ns + "/" + hpa_.name}};
  json hd = json::array(), hh = json::array();
  for (auto& d : workloads_.deployments()) {
    json rs = json::array();
    for (auto& r : d.replicaSets) {
      int maxCurrent = 0;
      for (auto& p : r.points) maxCurrent = std::max(maxCurrent, p.current);
      rs.push_back({{"name", r.name}, {"revision", r.revision}, {"points", r.points.size()}, {"maxReplicas", maxCurrent}});
    }
    hd.push_back({{"namespace", d.ns}, {"name", d.name}, {"replicaSets", rs}, {"marks", d.marks.size()}});
  }
  for (auto& h : workloads_.hpas()) {
    int maxDesired = 0, maxUtil = -1;
    for (auto& p : h.points) maxDesired = std::max(maxDesired, p.desired), maxUtil = std::max(maxUtil, p.utilization);
    hh.push_back({{"namespace", h.ns}, {"name", h.name}, {"points", h.points.size()}, {"maxDesired", maxDesired},
                  {"maxUtilization", maxUtil}});
  }
  s["history"] = {{"deployments", hd}, {"hpas", hh}};
  json marks = json::array();
  for (const EditorMark& m : editorMarks_) marks.push_back({{"line", m.line}, {"text", m.text}});
  s["editor"] = {{"marks", marks}};
  json objects = json::object();
  for (const KindInfo& k : allKinds()) {
    auto list = store().list(k.kind);
    if (list.empty()) continue;
    json arr = json::array();
    for (auto& o : list) arr.push_back(*o);
    objects[k.kind] = std::move(arr);
  }
  s["nodes"] = objects.contains("Node") ? objects["Node"] : json::array();
  s["pods"] = objects.contains("Pod") ? objects["Pod"] : json::array();
  s["objects"] = std::move(objects);
  return s.dump(-1, ' ', false, json::error_handler_t::replace);
}

// ---- clock ---------------------------------------------------------------------------------------

void App::setSpeed(double s) {
  if (!(s > 0)) s = 1;
  opts_.speed = std::clamp(s, 0.1, 1000.0);
}

void App::tick(double wall) {
  sinceAutosave_ += wall;
  sinceEmit_ += wall;
  const Clock::time_point deadline =
      Clock::now() + std::chrono::microseconds(static_cast<int64_t>(tickBudgetMs_ * 1000.0));
  if (!opts_.paused) {
    wall = std::clamp(wall, 0.0, 0.25);  // a background tab does not fast-forward the cluster
    pacingMs_ += wall * opts_.speed * 1000.0;
    // Virtual time the budget could not run waits at most a quarter second (of wall time), then is
    // dropped: the clock slows down rather than the page.
    const double cap = std::max(250.0 * opts_.speed, 1.0);
    if (pacingMs_ > cap) {
      droppedMs_ += static_cast<Time>(pacingMs_ - cap);
      pacingMs_ = cap;
    }
    if (replaying()) {
      stepReplay(deadline);
    } else {
      Time ms = static_cast<Time>(pacingMs_);
      if (ms > 0) pacingMs_ -= static_cast<double>(advanceClock(ms, deadline));
    }
  }
  if (sinceAutosave_ > 5.0 && session_->now() > recordedTime_) autosave();
}

void App::step(Time ms) { run("sleep " + scriptDuration(ms)); }

void App::stepToNextEvent() {
  Time t = session_->nextEventTime();
  if (t < 0) {
    append(ConsoleLine::Info, "# no scheduled event");
    return;
  }
  step(std::max<Time>(t - session_->now(), 1));
}

void App::setListening(bool on, bool events) {
  const bool wasListening = listeningEvents_;
  listening_ = on, listeningEvents_ = on && events;
  // New listeners hear of Events from now on: those that exist are marked as seen.
  if (listeningEvents_ && !wasListening) {
    emitted_.clear();
    emitted_.refresh(store(), "");
    emittedRv_ = store().resourceVersion();
  }
}

void App::emitNewEvents() {
  if (!listeningEvents_ || store().resourceVersion() == emittedRv_) return;
  // While the clock plays the store changes every frame: with thousands of Events even listing them
  // costs milliseconds, so scans are at least kEmitEvery and 25 times their cost apart (at once
  // after a command).
  constexpr double kEmitEvery = 0.25;
  if (!commandSinceEmit_ && sinceEmit_ < std::max(kEmitEvery, 25.0 * emitCost_)) return;
  commandSinceEmit_ = false, sinceEmit_ = 0;
  const Clock::time_point t0 = Clock::now();
  emittedRv_ = store().resourceVersion();
  for (const ObjPtr& e : emitted_.refresh(store(), ""))
    platform::emit("event", e->dump(-1, ' ', false, json::error_handler_t::replace));
  emitCost_ = std::chrono::duration<double>(Clock::now() - t0).count();
}

// ---- frame ---------------------------------------------------------------------------------------

namespace {

// Where each panel goes: a slot in the left or right column, with a share of its height. Panels that
// share a slot (the Pod, Rollout and HPA views) are tabs of one window.
struct SlotDef {
  const char* slot;
  int column;  // 0 left, 1 right
  int order;   // top to bottom
  float weight;
};
SlotDef slotOf(const std::string& id) {
  if (id == "cluster") return {"cluster", 0, 0, 0.50f};
  if (id == "workloads") return {"workloads", 0, 1, 0.14f};
  if (id == "console") return {"console", 0, 2, 0.36f};
  if (id == "pod" || id == "rollout" || id == "hpa") return {"detail", 1, 0, 0.44f};
  if (id == "editor") return {"editor", 1, 1, 0.33f};
  return {"events", 1, 2, 0.23f};
}

}  // namespace

void App::drawPanel(Panel* p) {
  const Clock::time_point t0 = Clock::now();
  p->draw(*this);
  const double ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
  PanelTime& pt = panelTimes_[p->id()];
  pt.total += ms, pt.max = std::max(pt.max, ms), ++pt.frames;
}

void App::draw(float width, float height) {
  // Tiled layout: the time bar on top; cluster, workloads and console on the left; the detail views
  // (pod, rollout, HPA), editor and events on the right. Hidden panels give their room to the others.
  struct Slot {
    std::string name;
    int order = 0;
    float weight = 0;
    std::vector<Panel*> panels;
  };
  Panel* time = nullptr;
  std::vector<Slot> columns[2];
  for (auto& p : panels_) {
    if (!p->visible) continue;
    std::string id = p->id();
    if (id == "time") {
      time = p.get();
      continue;
    }
    SlotDef def = slotOf(id);
    auto& col = columns[def.column];
    auto it = std::find_if(col.begin(), col.end(), [&](const Slot& s) { return s.name == def.slot; });
    if (it == col.end()) {
      col.push_back({def.slot, def.order, def.weight, {}});
      it = col.end() - 1;
    }
    it->panels.push_back(p.get());
  }
  for (auto& col : columns)
    std::stable_sort(col.begin(), col.end(), [](const Slot& a, const Slot& b) { return a.order < b.order; });
  // An empty workloads list takes less room.
  for (Slot& s : columns[0])
    if (s.name == "workloads" && store().count("Deployment") + store().count("HorizontalPodAutoscaler") +
                                         store().count("ReplicaSet") == 0)
      s.weight = 0.07f;
  // Only one column: everything in it.
  if (columns[0].empty()) std::swap(columns[0], columns[1]);

  const ImGuiWindowFlags fixed = ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse |
                                 ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus;
  float top = 0;
  if (time) {
    float h = ImGui::GetFrameHeight() + ImGui::GetStyle().WindowPadding.y * 2 + 2;
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImVec2(width, h));
    ImGui::Begin(time->title(), nullptr, fixed | ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoScrollbar);
    drawPanel(time);
    ImGui::End();
    top = h;
  }
  float leftW = columns[1].empty() ? width : std::floor(width * 0.56f);
  auto column = [&](std::vector<Slot>& col, float x, float w) {
    float total = 0;
    for (auto& c : col) total += c.weight;
    float y = top;
    for (size_t i = 0; i < col.size(); ++i) {
      Slot& slot = col[i];
      float h = i + 1 == col.size() ? height - y : std::floor((height - top) * slot.weight / total);
      ImGui::SetNextWindowPos(ImVec2(x, y));
      ImGui::SetNextWindowSize(ImVec2(w, h));
      y += h;
      if (slot.panels.size() == 1) {
        Panel* p = slot.panels[0];
        if (ImGui::Begin((std::string(p->title()) + "###" + slot.name).c_str(), nullptr, fixed)) drawPanel(p);
        ImGui::End();
        continue;
      }
      // Several panels: a tab bar in place of the title bar.
      if (ImGui::Begin(("###" + slot.name).c_str(), nullptr, fixed | ImGuiWindowFlags_NoTitleBar) &&
          ImGui::BeginTabBar("##slot")) {
        for (Panel* p : slot.panels) {
          ImGuiTabItemFlags f = showPanel_ == p->id() ? ImGuiTabItemFlags_SetSelected : 0;
          if (ImGui::BeginTabItem(p->title(), nullptr, f)) {
            slotActive_[slot.name] = p->id();
            ImGui::BeginChild(p->id());
            drawPanel(p);
            ImGui::EndChild();
            ImGui::EndTabItem();
          }
        }
        ImGui::EndTabBar();
      }
      ImGui::End();
    }
  };
  column(columns[0], 0, leftW);
  column(columns[1], leftW, width - leftW);
  showPanel_.clear();
}

}  // namespace podplay::ui
