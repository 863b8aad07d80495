// podplay in the browser: SDL2 + WebGL2 + Dear ImGui around ui::App, and the extern "C" functions
// behind the page's JS API (web/podplay-api.js wraps them as window.podplay).
//
// Start-up order: the page's config (URL parameters, parsed by podplay-api.js into
// Module.podplayConfig) picks what the session starts from: #script=, then ?scenario=, then the
// autosaved history in localStorage, else an empty cluster.
#include <GLES3/gl3.h>
#include <SDL.h>
#include <emscripten.h>
#include <emscripten/heap.h>
#include <emscripten/html5.h>

#include <algorithm>
#include <cstdio>
#include <vector>
#include <fstream>
#include <sstream>
#include <string>

#include "app.h"
#include "imgui.h"
#include "imgui_impl_opengl3.h"
#include "imgui_impl_sdl.h"
#include "platform.h"

using namespace podplay;

namespace {

SDL_Window* g_window = nullptr;
SDL_GLContext g_gl = nullptr;
ui::App* g_app = nullptr;
std::string g_ret;  // storage for the const char* results handed to JS
int g_frames = 0;

// Frame timing for podplay.frameStats(): CPU ms spent in ImGui (NewFrame + panels + Render), in the
// simulation (App::tick) and in the whole frame (with the GL draw and event emission).
struct FrameStats {
  int frames = 0;
  double ui = 0, uiMax = 0, tick = 0, tickMax = 0, frame = 0, frameMax = 0;
  int heapGrowths = 0;  // frames in which the wasm heap grew
} g_stats;
size_t g_heap = 0;

EM_JS(char*, podplay_config_json, (), {
  var s = JSON.stringify(Module.podplayConfig || {});
  var n = lengthBytesUTF8(s) + 1;
  var p = _malloc(n);
  stringToUTF8(s, p, n);
  return p;
});

json readConfig() {
  char* p = podplay_config_json();
  json cfg = json::parse(p, nullptr, false);
  free(p);
  return cfg.is_object() ? cfg : json::object();
}

std::string readScenario(const std::string& name) {
  if (name.empty() || name.find('/') != std::string::npos || name.find("..") != std::string::npos) return "";
  for (const char* ext : {"", ".sh", ".txt", ".pp"}) {
    std::ifstream f("/scenarios/" + name + ext);
    if (f) {
      std::ostringstream s;
      s << f.rdbuf();
      return s.str();
    }
  }
  return "";
}

// ImGui 1.86 reads key state once per frame: a key pressed and released within one frame (a fast
// typist, a slow frame, a test driver) would be lost. Such a release is held over to the next frame.
std::vector<SDL_Event> g_heldKeyUps;

void pollEvents() {
  std::vector<SDL_Event> held;
  held.swap(g_heldKeyUps);
  for (SDL_Event& e : held) ImGui_ImplSDL2_ProcessEvent(&e);
  std::vector<SDL_Scancode> downNow;
  SDL_Event e;
  while (SDL_PollEvent(&e)) {
    if (e.type == SDL_KEYDOWN) downNow.push_back(e.key.keysym.scancode);
    if (e.type == SDL_KEYUP &&
        std::find(downNow.begin(), downNow.end(), e.key.keysym.scancode) != downNow.end()) {
      g_heldKeyUps.push_back(e);
      continue;
    }
    ImGui_ImplSDL2_ProcessEvent(&e);
  }
}

void frame() {
  const double t0 = emscripten_get_now();
  pollEvents();

  // The canvas follows its CSS size (the page lays it out).
  double cssW = 0, cssH = 0;
  emscripten_get_element_css_size("#canvas", &cssW, &cssH);
  int w, h;
  SDL_GetWindowSize(g_window, &w, &h);
  if (cssW > 0 && cssH > 0 && (static_cast<int>(cssW) != w || static_cast<int>(cssH) != h))
    SDL_SetWindowSize(g_window, static_cast<int>(cssW), static_cast<int>(cssH));

  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplSDL2_NewFrame();
  const double t1 = emscripten_get_now();
  ImGui::NewFrame();
  ImGuiIO& io = ImGui::GetIO();
  const double t2 = emscripten_get_now();
  g_app->tick(io.DeltaTime);
  const double t3 = emscripten_get_now();
  g_app->draw(io.DisplaySize.x, io.DisplaySize.y);
  ImGui::Render();
  const double t4 = emscripten_get_now();
  glViewport(0, 0, static_cast<int>(io.DisplaySize.x), static_cast<int>(io.DisplaySize.y));
  glClearColor(0.08f, 0.09f, 0.11f, 1);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
  SDL_GL_SwapWindow(g_window);
  g_app->emitNewEvents();
  const double ui = (t2 - t1) + (t4 - t3);
  ++g_stats.frames;
  g_stats.ui += ui;
  g_stats.uiMax = std::max(g_stats.uiMax, ui);
  g_stats.tick += t3 - t2;
  g_stats.tickMax = std::max(g_stats.tickMax, t3 - t2);
  const double whole = emscripten_get_now() - t0;
  if (emscripten_get_heap_size() != g_heap) {
    if (g_heap != 0) ++g_stats.heapGrowths;
    g_heap = emscripten_get_heap_size();
  }
  g_stats.frame += whole;
  g_stats.frameMax = std::max(g_stats.frameMax, whole);
  if (++g_frames == 1) EM_ASM({ if (Module.onFirstFrame) Module.onFirstFrame(); });
}

}  // namespace

extern "C" {

// podplay.exec(cmd, stdin) -> the command's output (stdout and stderr interleaved as printed).
EMSCRIPTEN_KEEPALIVE const char* podplay_exec(const char* line, const char* stdinText) {
  CommandResult r = g_app->run(line ? line : "", stdinText ? stdinText : "");
  g_ret = r.text();
  return g_ret.c_str();
}
// podplay.load(script): a fresh cluster running `script`; returns its output.
EMSCRIPTEN_KEEPALIVE const char* podplay_load(const char* script) {
  g_ret = g_app->load(script ? script : "").text();
  return g_ret.c_str();
}
// podplay.load(script, {autoplay: true}): a fresh cluster replaying `script` command by command.
EMSCRIPTEN_KEEPALIVE void podplay_play(const char* script) { g_app->play(script ? script : ""); }
// podplay.show(panel, what): brings a view to the front; "rollout" / "hpa" / "pod" select `what`
// ("name" or "namespace/name") in it.
EMSCRIPTEN_KEEPALIVE void podplay_show(const char* panel, const char* what) {
  std::string p = panel ? panel : "", s = what ? what : "";
  std::string ns = "default", name = s;
  if (size_t slash = s.find('/'); slash != std::string::npos) ns = s.substr(0, slash), name = s.substr(slash + 1);
  if (!name.empty()) {
    if (p == "rollout") g_app->selectDeployment(ns, name);
    else if (p == "hpa") g_app->selectHpa(ns, name);
    else if (p == "pod") g_app->selectPod(ns, name);
  }
  g_app->showPanel(p);
}
// podplay.edit(text): puts `text` in the manifest editor.
EMSCRIPTEN_KEEPALIVE void podplay_edit(const char* text) { g_app->setEditorText(text ? text : ""); }
// podplay.setTickBudget(ms): wall-clock ms per frame the simulation may use (default 6).
EMSCRIPTEN_KEEPALIVE void podplay_set_tick_budget(double ms) { g_app->setTickBudgetMs(ms > 0 ? ms : 6.0); }
EMSCRIPTEN_KEEPALIVE const char* podplay_state() {
  g_ret = g_app->stateJson();
  return g_ret.c_str();
}
EMSCRIPTEN_KEEPALIVE const char* podplay_export() {
  g_ret = g_app->exportScript();
  return g_ret.c_str();
}
EMSCRIPTEN_KEEPALIVE void podplay_set_speed(double x) { g_app->setSpeed(x); }
EMSCRIPTEN_KEEPALIVE void podplay_pause(int paused) { g_app->setPaused(paused != 0); }
EMSCRIPTEN_KEEPALIVE void podplay_reset() { g_app->reset(); }
// Advances the clock by `ms` (a `sleep` command); ms < 0 steps to the next scheduled event.
EMSCRIPTEN_KEEPALIVE void podplay_step(double ms) {
  if (ms < 0) g_app->stepToNextEvent();
  else if (ms > 0) g_app->step(static_cast<Time>(ms));
}
// Bit 0: 'command' / 'replay' listeners; bit 1: 'event' listeners.
EMSCRIPTEN_KEEPALIVE void podplay_set_listening(int flags) { g_app->setListening(flags != 0, (flags & 2) != 0); }
EMSCRIPTEN_KEEPALIVE void podplay_set_readonly(int on) { g_app->setReadonly(on != 0); }
// Shows a pod in the Pod panel: "name" or "namespace/name".
EMSCRIPTEN_KEEPALIVE void podplay_select(const char* what) {
  std::string s = what ? what : "";
  size_t slash = s.find('/');
  if (slash == std::string::npos) g_app->selectPod("default", s);
  else g_app->selectPod(s.substr(0, slash), s.substr(slash + 1));
}
// podplay.frameStats([reset]): average CPU ms per frame since the last reset (JSON).
EMSCRIPTEN_KEEPALIVE const char* podplay_frame_stats(int reset) {
  const FrameStats& s = g_stats;
  const double n = s.frames > 0 ? s.frames : 1;
  json j = {{"frames", s.frames}, {"uiMs", s.ui / n},           {"uiMaxMs", s.uiMax},
            {"tickMs", s.tick / n},  {"tickMaxMs", s.tickMax},     {"frameMs", s.frame / n},
            {"frameMaxMs", s.frameMax}, {"droppedMs", g_app->droppedMs()},
            {"heapMB", static_cast<double>(emscripten_get_heap_size()) / 1048576.0}, {"heapGrowths", s.heapGrowths}};
  json panels = json::object();
  for (auto& [id, t] : g_app->panelTimes())
    panels[id] = {{"avgMs", t.frames ? t.total / t.frames : 0.0}, {"maxMs", t.max}};
  j["panels"] = panels;
  g_ret = j.dump();
  if (reset) g_stats = FrameStats{}, g_app->resetPanelTimes();
  return g_ret.c_str();
}
EMSCRIPTEN_KEEPALIVE double podplay_now() { return static_cast<double>(g_app->now()); }

}  // extern "C"

int main(int, char**) {
  SDL_SetHint(SDL_HINT_EMSCRIPTEN_KEYBOARD_ELEMENT, "#canvas");
  if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_TIMER | SDL_INIT_EVENTS) != 0) {
    std::printf("podplay: SDL_Init failed: %s\n", SDL_GetError());
    return 1;
  }
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_ES);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 0);
  SDL_GL_SetAttribute(SDL_GL_DOUBLEBUFFER, 1);
  double cssW = 1280, cssH = 800;
  emscripten_get_element_css_size("#canvas", &cssW, &cssH);
  g_window = SDL_CreateWindow("podplay", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, static_cast<int>(cssW),
                              static_cast<int>(cssH), SDL_WINDOW_OPENGL | SDL_WINDOW_RESIZABLE);
  g_gl = g_window ? SDL_GL_CreateContext(g_window) : nullptr;
  if (!g_gl) {
    std::printf("podplay: no WebGL2 context: %s\n", SDL_GetError());
    EM_ASM({ if (Module.onNoWebGL) Module.onNoWebGL(); });
    return 1;
  }
  SDL_GL_MakeCurrent(g_window, g_gl);

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // the layout is computed; nothing to persist
  ImGui::StyleColorsDark();
  ImGui::GetStyle().WindowRounding = 0;
  ImGui_ImplSDL2_InitForOpenGL(g_window, g_gl);
  ImGui_ImplOpenGL3_Init("#version 300 es");

  json cfg = readConfig();
  ui::AppOptions opts;
  if (cfg.contains("speed") && cfg["speed"].is_number()) opts.speed = cfg["speed"].get<double>();
  opts.readonly = cfg.value("readonly", false);
  if (cfg.contains("panels") && cfg["panels"].is_string()) opts.panels = cfg["panels"].get<std::string>();
  static ui::App app(opts);
  g_app = &app;

  std::string script = cfg.contains("script") && cfg["script"].is_string() ? cfg["script"].get<std::string>() : "";
  std::string scenario = cfg.contains("scenario") && cfg["scenario"].is_string() ? cfg["scenario"].get<std::string>() : "";
  bool fromUrl = !script.empty() || !scenario.empty();
  if (script.empty() && !scenario.empty()) {
    script = readScenario(scenario);
    if (script.empty()) app.console().push_back({ui::ConsoleLine::Err, "podplay: no scenario named " + scenario});
  }
  if (script.empty() && !fromUrl && !cfg.value("fresh", false)) script = ui::platform::load("podplay.history");
  // A scenario or shared script opens paused at its end, or with &autoplay=1 is replayed command by
  // command at the page's speed.
  const bool autoplay = fromUrl && cfg.value("autoplay", false);
  if (!script.empty() && autoplay) app.play(script);
  else if (!script.empty()) app.load(script);
  else app.console().push_back({ui::ConsoleLine::Info, "# podplay: type a command (kubectl get nodes), or apply a manifest"});
  app.setPaused(fromUrl && !autoplay);

  EM_ASM({ if (Module.onPodplayReady) Module.onPodplayReady(); });
  emscripten_set_main_loop(frame, 0, true);
  return 0;
}
