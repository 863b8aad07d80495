// Frame-time profile of the playground, natively (not a test): N pods on M nodes, every panel drawn
// headless as in ui_smoke.cpp, the frame split into ImGui (NewFrame + panels + Render) and the
// simulation (App::tick), paused and while the clock plays at several speeds.
//   build/ui-native/podplay_ui_bench [nodes=500] [pods=5000] [frames=300]
// The browser's own figure is podplay.frameStats() (web/tests/browser.test.cjs); this one finds where
// the time goes without a browser in the loop.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "app.h"
#include "event_cache.h"
#include "imgui.h"
#include "printers/printers.h"

using namespace podplay;
using Clock = std::chrono::steady_clock;

static double ms(Clock::time_point a, Clock::time_point b) {
  return std::chrono::duration<double, std::milli>(b - a).count();
}

struct Stats {
  std::vector<double> ui, tick;
  void print(const char* what) {
    auto summary = [](std::vector<double> v, const char* name) {
      if (v.empty()) return;
      double sum = 0;
      for (double x : v) sum += x;
      std::sort(v.begin(), v.end());
      std::printf("  %-4s avg %6.2f ms  p50 %6.2f  p95 %6.2f  max %7.2f\n", name, sum / v.size(), v[v.size() / 2],
                  v[v.size() * 95 / 100], v.back());
    };
    std::printf("%s (%zu frames)\n", what, ui.size());
    summary(ui, "ui");
    summary(tick, "tick");
  }
  static void panels(ui::App& app) {
    for (auto& [id, t] : app.panelTimes())
      std::printf("    panel %-10s avg %6.2f ms  max %7.2f\n", id.c_str(), t.frames ? t.total / t.frames : 0, t.max);
    app.resetPanelTimes();
  }
};

static Stats run(ui::App& app, int frames, float w, float h) {
  Stats s;
  ImGuiIO& io = ImGui::GetIO();
  for (int f = 0; f < frames; ++f) {
    io.DisplaySize = ImVec2(w, h);
    io.DeltaTime = 1.0f / 60.0f;
    auto t0 = Clock::now();
    ImGui::NewFrame();
    auto t1 = Clock::now();
    app.tick(io.DeltaTime);
    auto t2 = Clock::now();
    app.draw(w, h);
    ImGui::Render();
    app.emitNewEvents();
    auto t3 = Clock::now();
    s.ui.push_back(ms(t0, t1) + ms(t2, t3));
    s.tick.push_back(ms(t1, t2));
  }
  return s;
}

int main(int argc, char** argv) {
  const int nodes = argc > 1 ? std::atoi(argv[1]) : 500;
  const int pods = argc > 2 ? std::atoi(argv[2]) : 5000;
  const int frames = argc > 3 ? std::atoi(argv[3]) : 300;
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;
  unsigned char* pixels;
  int tw, th;
  io.Fonts->GetTexDataAsRGBA32(&pixels, &tw, &th);

  ui::AppOptions opts;
  opts.autosave = false;
  opts.paused = true;
  ui::App app(opts);
  app.setListening(true, false);  // as the page: commands reported, Events only if JS listens
  auto t0 = Clock::now();
  app.run("sim cluster empty");
  for (int i = 0; i < nodes; ++i) app.run("sim node add node" + std::to_string(i) + " --pods " + std::to_string(pods / std::max(nodes, 1) * 2 + 10));
  std::string docs;
  for (int i = 0; i < pods; ++i) {
    char name[16];
    std::snprintf(name, sizeof name, "p%04d", i);
    docs += std::string(i ? "---\n" : "") + "apiVersion: v1\nkind: Pod\nmetadata:\n  name: " + name +
            "\n  labels: {app: load}\nspec:\n  containers:\n  - name: app\n    image: nginx\n"
            "    resources: {requests: {cpu: 10m, memory: 16Mi}}\n";
  }
  app.run("kubectl apply -f -", docs);
  app.run("sleep 30s");
  app.selectPod("default", "p0042");
  std::printf("%d pods on %d nodes set up in %.1f s (%zu events)\n", pods, nodes, ms(t0, Clock::now()) / 1000,
              app.store().count("Event"));

  {  // The parts of the Events panel's refresh with this many events.
    auto t = Clock::now();
    auto events = app.store().list("Event", "default");
    auto t1 = Clock::now();
    for (int i = 0; i < 3; ++i) {
      auto a = Clock::now();
      auto again = app.store().list("Event", "default");
      std::printf("events: list again %.2f ms\n", ms(a, Clock::now()));
    }
    std::vector<const json*> objs;
    for (size_t i = events.size() > 1000 ? events.size() - 1000 : 0; i < events.size(); ++i) objs.push_back(events[i].get());
    PrintOptions po;
    std::string table = printTable(objs, "Event", po, app.now());
    auto t2 = Clock::now();
    std::printf("events: list %.2f ms, printTable(1000) %.2f ms (%zu bytes)\n", ms(t, t1), ms(t1, t2), table.size());
    objs.resize(150);
    auto t3 = Clock::now();
    table = printTable(objs, "Event", po, app.now());
    auto t4 = Clock::now();
    size_t n = 0;
    for (auto& e : events) n += e->find("lastTimestamp") != e->end();
    auto t5 = Clock::now();
    std::printf("events: printTable(150) %.2f ms, keys %.2f ms (%zu)\n", ms(t3, t4), ms(t4, t5), n);
    ui::EventCache cache;
    cache.refresh(app.store(), "default");
    app.run("sleep 5s");  // some Events change
    auto b0 = Clock::now();
    cache.begin(app.store(), "default");
    auto b1 = Clock::now();
    double worst = 0;
    while (true) {
      auto s0 = Clock::now();
      bool done = cache.step(3000);
      worst = std::max(worst, ms(s0, Clock::now()));
      if (done) break;
    }
    std::printf("event cache: begin (list) %.2f ms, worst step %.2f ms (the last one sweeps)\n", ms(b0, b1), worst);
  }
  run(app, 10, 1400, 860);  // warm-up (row heights settle)
  app.resetPanelTimes();
  run(app, frames, 1400, 860).print("paused");
  Stats::panels(app);
  for (double speed : {1.0, 10.0, 100.0}) {
    app.setSpeed(speed);
    app.setPaused(false);
    char what[64];
    std::snprintf(what, sizeof what, "playing %gx", speed);
    Time before = app.now();
    Stats s = run(app, frames, 1400, 860);
    app.setPaused(true);
    s.print(what);
    Stats::panels(app);
    std::printf("  virtual time advanced %.1f s (%.1f s wanted), dropped so far %.1f s\n", (app.now() - before) / 1000.0,
                frames / 60.0 * speed, app.droppedMs() / 1000.0);
  }
  // An embedder listening to podplay.on('event'): the Events are scanned for new ones.
  app.setListening(true, true);
  app.setSpeed(10);
  app.setPaused(false);
  run(app, frames, 1400, 860).print("playing 10x, listening to events");
  app.setPaused(true);
  ImGui::DestroyContext();
  return 0;
}
