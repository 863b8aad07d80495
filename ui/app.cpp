#include "app.h"

#include <algorithm>
#include <cmath>
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
  recordedTime_ = session_->now();
  pacingMs_ = 0;
  emittedEvents_.clear();
  emittedRv_ = 0;
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

CommandResult App::run(const std::string& rawLine, const std::string& stdinText) {
  std::string line = rawLine;
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r' || line.back() == ' ')) line.pop_back();
  if (line.empty()) return {};
  // Clock advances made by frame pacing since the last command become one `sleep` in the history.
  if (session_->now() > recordedTime_) history_ += "sleep " + scriptDuration(session_->now() - recordedTime_) + "\n";
  append(ConsoleLine::Command, "$ " + (line.size() > 2000 ? line.substr(0, 2000) + "..." : line));
  CommandResult r = safeExec(line, stdinText);
  appendResult(r);
  record(line, stdinText);
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
  try {
    r = session_->runScript(script);
  } catch (const std::exception& e) {
    r.chunks.push_back({true, std::string("podplay: internal error: ") + e.what() + "\n"});
    r.exitCode = 1;
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

void App::reset() {
  newSession();
  console_.clear();
  append(ConsoleLine::Info, "# new cluster");
  podNs_.clear(), podName_.clear();
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
  if (!opts_.paused) {
    wall = std::clamp(wall, 0.0, 0.25);  // a background tab does not fast-forward the cluster
    pacingMs_ += wall * opts_.speed * 1000.0;
    Time ms = static_cast<Time>(pacingMs_);
    if (ms > 0) {
      pacingMs_ -= static_cast<double>(ms);
      CommandResult r;
      try {
        r = session_->advance(ms);
      } catch (const std::exception& e) {
        r.chunks.push_back({true, std::string("podplay: internal error: ") + e.what() + "\n"});
      }
      appendResult(r);
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

void App::emitNewEvents() {
  if (!listening_ || store().resourceVersion() == emittedRv_) return;
  emittedRv_ = store().resourceVersion();
  for (auto& e : store().list("Event")) {
    std::string uid = (*e)["metadata"].value("uid", objNamespace(*e) + "/" + objName(*e));
    std::string rv = (*e)["metadata"].value("resourceVersion", "");
    auto it = emittedEvents_.find(uid);
    if (it != emittedEvents_.end() && it->second == rv) continue;
    emittedEvents_[uid] = rv;
    platform::emit("event", e->dump(-1, ' ', false, json::error_handler_t::replace));
  }
}

// ---- frame ---------------------------------------------------------------------------------------

void App::draw(float width, float height) {
  // Tiled layout: the time bar on top; cluster + console on the left; pod, editor, events on the
  // right. Hidden panels give their room to the others.
  Panel* time = nullptr;
  std::vector<std::pair<Panel*, float>> left, right;
  for (auto& p : panels_) {
    if (!p->visible) continue;
    std::string id = p->id();
    if (id == "time") time = p.get();
    else if (id == "cluster") left.push_back({p.get(), 0.62f});
    else if (id == "console") left.push_back({p.get(), 0.38f});
    else if (id == "pod") right.push_back({p.get(), 0.32f});
    else if (id == "editor") right.push_back({p.get(), 0.40f});
    else right.push_back({p.get(), 0.28f});
  }
  const ImGuiWindowFlags fixed = ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse |
                                 ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus;
  float top = 0;
  if (time) {
    float h = ImGui::GetFrameHeight() + ImGui::GetStyle().WindowPadding.y * 2 + 2;
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImVec2(width, h));
    ImGui::Begin(time->title(), nullptr, fixed | ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoScrollbar);
    time->draw(*this);
    ImGui::End();
    top = h;
  }
  float leftW = right.empty() ? width : left.empty() ? 0 : std::floor(width * 0.56f);
  auto column = [&](std::vector<std::pair<Panel*, float>>& col, float x, float w) {
    float total = 0;
    for (auto& c : col) total += c.second;
    float y = top;
    for (size_t i = 0; i < col.size(); ++i) {
      float h = i + 1 == col.size() ? height - y : std::floor((height - top) * col[i].second / total);
      ImGui::SetNextWindowPos(ImVec2(x, y));
      ImGui::SetNextWindowSize(ImVec2(w, h));
      if (ImGui::Begin(col[i].first->title(), nullptr, fixed)) col[i].first->draw(*this);
      ImGui::End();
      y += h;
    }
  };
  column(left, 0, leftW);
  column(right, leftW, width - leftW);
}

}  // namespace podplay::ui
