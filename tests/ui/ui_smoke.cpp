// Headless smoke test of the playground's panels (native, no GPU), after ImGui's example_null:
// a context, a display size, a built font atlas, and NewFrame/Render with no renderer.
// A scripted scenario runs through App::run while every panel is drawn; then the mouse sweeps the
// screen clicking everywhere. IM_ASSERT is active (see web/cmake/imgui.cmake): any misuse of ImGui's
// API aborts. Exit code 0 = pass.
#include <cstdio>
#include <cstdlib>
#include <string>

#include "api/fieldpath_line.h"
#include "app.h"
#include "gallery.h"
#include "k8s_view.h"
#include "imgui.h"
#include "cluster.h"
#include "kubelet/kubelet.h"
#include "pod_sections.h"
#include "scheduler/scheduler.h"

using namespace podplay;

static int failures = 0;
#define CHECK(cond)                                                         \
  do {                                                                      \
    if (!(cond)) {                                                          \
      std::fprintf(stderr, "ui_smoke: CHECK failed line %d: %s\n", __LINE__, #cond); \
      ++failures;                                                           \
    }                                                                       \
  } while (0)

// The Pod panel shows one tab at a time: its Timeline and Scheduling sections are also drawn in a
// window of their own on every frame, for the selected pod and a second one (`sectionsPod`).
static std::string sectionsPod = "crashy";
static Time timelineWindow = 5 * kMinute;
static int frameNo = 0;

static void sections(ui::App& app, const std::string& ns, const std::string& name, float w, float h) {
  ObjPtr pod = app.store().get("Pod", ns, name);
  std::string node = pod ? podNodeName(*pod) : "";
  ui::drawPodTimeline(app, ns, name, node, timelineWindow);
  ui::drawSchedulerExplanation(app, ns, name);
}

// The rollout, HPA and workloads views share slots with other panels (tabs): they are also drawn in
// windows of their own on every frame.
static std::unique_ptr<ui::Panel> extraRollout, extraHpa, extraWorkloads;

static void frame(ui::App& app, float w, float h) {
  ImGuiIO& io = ImGui::GetIO();
  io.DisplaySize = ImVec2(w, h);
  io.DeltaTime = 1.0f / 60.0f;
  ImGui::NewFrame();
  app.tick(io.DeltaTime);
  app.draw(w, h);
  if (!extraRollout) extraRollout = ui::makeRolloutPanel(), extraHpa = ui::makeHpaPanel(), extraWorkloads = ui::makeWorkloadsPanel();
  int k = 0;
  for (ui::Panel* p : {extraRollout.get(), extraHpa.get(), extraWorkloads.get()}) {
    ImGui::SetNextWindowPos(ImVec2(w * 0.05f + 30.0f * k, h * 0.05f + 30.0f * k), ImGuiCond_Always);
    ImGui::SetNextWindowSize(ImVec2(w * 0.5f, h * 0.6f), ImGuiCond_Always);
    if (ImGui::Begin((std::string("smoke: ") + p->title()).c_str())) p->draw(app);
    ImGui::End();
    ++k;
  }
  ++frameNo;
  static const Time zooms[] = {kMinute, 5 * kMinute, 30 * kMinute};
  if (frameNo % 97 == 0) timelineWindow = zooms[(frameNo / 97) % 3];
  ImGui::SetNextWindowPos(ImVec2(w * 0.5f, h * 0.5f), ImGuiCond_Always);
  ImGui::SetNextWindowSize(ImVec2(w * 0.45f, h * 0.45f), ImGuiCond_Always);
  if (ImGui::Begin("smoke: pod sections")) {
    sections(app, app.selectedPodNs(), app.selectedPodName(), w, h);
    ImGui::Separator();
    sections(app, "default", sectionsPod, w, h);
    sections(app, "default", "no-such-pod", w, h);
  }
  ImGui::End();
  app.emitNewEvents();
  ImGui::Render();
}

int main() {
  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;
  unsigned char* pixels;
  int tw, th;
  io.Fonts->GetTexDataAsRGBA32(&pixels, &tw, &th);

  ui::AppOptions opts;
  opts.speed = 10;
  ui::App app(opts);
  app.setListening(true);

  // The scenario: each step at a frame number; every panel is drawn on every frame in between.
  struct Step {
    int frame;
    std::string cmd, stdinText;
  };
  const std::string manifest =
      "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: nginx\n    image: nginx\n";
  // Init container, a crash-looping container (back-off), a probed container with a postStart hook.
  const std::string crashy =
      "apiVersion: v1\nkind: Pod\nmetadata:\n  name: crashy\nspec:\n  initContainers:\n  - name: setup\n"
      "    image: busybox:1.36\n    command: [sh, -c, \"echo init; sleep 5\"]\n  containers:\n  - name: app\n"
      "    image: busybox:1.36\n    command: [sh, -c, \"echo starting; sleep 1; exit 1\"]\n  - name: web\n"
      "    image: nginx:1.25\n    readinessProbe: {httpGet: {path: /, port: 80}, periodSeconds: 5}\n"
      "    livenessProbe: {httpGet: {path: /, port: 80}, periodSeconds: 10}\n"
      "    lifecycle: {postStart: {exec: {command: [sh, -c, \"echo hi\"]}}, preStop: {exec: {command: [sh, -c, \"sleep 2\"]}}}\n";
  const std::string huge =
      "apiVersion: v1\nkind: Pod\nmetadata:\n  name: huge\nspec:\n  containers:\n  - name: huge\n    image: nginx\n"
      "    resources: {requests: {cpu: \"64\"}}\n";
  auto galleryYaml = [](const std::string& title) -> std::string {
    for (const ui::GalleryItem& g : ui::manifestGallery())
      if (title == g.title) return g.yaml;
    std::fprintf(stderr, "ui_smoke: no gallery item %s\n", title.c_str());
    ++failures;
    return "";
  };
  frame(app, 1280, 800);  // the session sets its cluster up on its first clock step
  auto nodes = app.store().list("Node");
  const std::string n1 = nodes.empty() ? "node-1" : objName(*nodes.front());
  const std::string n2 = nodes.size() < 2 ? n1 : objName(*nodes.back());
  const std::vector<Step> steps = {
      {5, "kubectl get nodes", ""},
      {10, "kubectl run hello --image=nginx", ""},
      {15, "kubectl apply -f -", manifest},
      {20, "kubectl apply -f -", "kind: [unterminated\n  : : :"},  // malformed
      {25, "no-such-command --flag", ""},
      {30, "kubectl create deployment web --image=nginx --replicas=3", ""},
      {32, "kubectl apply -f -", crashy},
      {34, "kubectl apply -f -", huge},  // fits no node: FailedScheduling
      // A rolling update, paused and resumed, scaled, undone, restarted; an HPA under load.
      {36, "kubectl apply -f -", galleryYaml("Deployment: rolling update")},
      {38, "sleep 20s", ""},
      {41, "kubectl set image deployment/web nginx=nginx:1.26", ""},
      {43, "sleep 3s", ""},
      {44, "kubectl rollout pause deployment/web", ""},
      {46, "sleep 5s", ""},
      {47, "kubectl rollout resume deployment/web", ""},
      {48, "sleep 30s", ""},
      {52, "kubectl scale deployment/web --replicas=6", ""},
      {54, "kubectl rollout undo deployment/web", ""},
      {56, "kubectl rollout restart deployment/web", ""},
      {58, "kubectl apply -f -", galleryYaml("HPA: php-apache + HPA")},
      {59, "kubectl apply -f -", galleryYaml("Deployment: canary (pause)")},
      {60, "kubectl get pods -o wide", ""},
      {62, "kubectl run load-generator --image=busybox:1.28 --restart=Never -- /bin/sh -c \"while sleep 0.01; do wget -q -O- http://php-apache; done\"", ""},
      {64, "sleep 2m", ""},
      {66, "kubectl apply -f -", galleryYaml("Deployment: invalid (errors on lines)")},
      {70, "kubectl cordon " + n1, ""},
      {80, "kubectl taint nodes " + n2 + " dedicated=gpu:NoSchedule", ""},
      {90, "sim kill pod/hello -c hello --exit-code 2", ""},
      {100, "kubectl get events", ""},
      {110, "kubectl uncordon " + n1, ""},
      {120, "kubectl delete pod hello --grace-period=0", ""},
      {130, std::string(100000, 'x'), ""},  // a huge input line
  };
  size_t next = 0;
  const int frames = 200;
  for (int f = 0; f < frames; ++f) {
    while (next < steps.size() && steps[next].frame == f) {
      app.run(steps[next].cmd, steps[next].stdinText);
      ++next;
    }
    if (f == 40) {
      auto pods = app.store().list("Pod");
      if (!pods.empty()) app.selectPod(objNamespace(*pods.front()), objName(*pods.front()));
    }
    if (f == 50) app.stepToNextEvent();
    if (f == 45) app.selectDeployment("default", "web"), app.showPanel("rollout");
    if (f == 75) app.showPanel("hpa");
    if (f == 95) app.showPanel("pod");
    if (f == 150) app.setEditorText(galleryYaml("Deployment: invalid (errors on lines)"));
    if (f == 140) app.setSpeed(100);
    // Alternate sizes: a wide desktop and a narrow embed.
    frame(app, f % 50 < 40 ? 1280.0f : 640.0f, f % 50 < 40 ? 800.0f : 480.0f);
  }
  CHECK(!app.console().empty());
  {  // The new sections had something to draw: a crash loop in the timeline, a scheduling failure.
    ObjPtr crashy = app.store().get("Pod", "default", "crashy");
    CHECK(crashy != nullptr);
    Kubelet* k = crashy ? app.session().cluster().kubelet(podNodeName(*crashy)) : nullptr;
    const PodTimeline* tl = k ? k->timeline("default", "crashy") : nullptr;
    CHECK(tl != nullptr);
    bool backoff = false, init = false;
    if (tl)
      for (auto& seg : tl->segments) backoff |= seg.reason == "CrashLoopBackOff", init |= seg.init;
    CHECK(backoff);
    CHECK(init);
    const ScheduleExplanation* ex = app.session().cluster().scheduler->explain("default", "huge");
    CHECK(ex != nullptr && !ex->message.empty() && !ex->rows.empty());
  }
  {  // The rollout view had two ReplicaSets to show (old and new), the HPA view a history.
    ObjPtr web = app.store().get("Deployment", "default", "web");
    CHECK(web != nullptr);
    const ui::DeploymentHistory* dh = web ? app.history().deployment(ui::str(*web, {"metadata", "uid"})) : nullptr;
    CHECK(dh != nullptr);
    CHECK(dh && dh->replicaSets.size() >= 2);
    CHECK(dh && !dh->marks.empty());
    CHECK(app.store().get("Deployment", "default", "shop") != nullptr);  // the canary manifest applies
    CHECK(app.store().get("Service", "default", "shop") != nullptr);
    ObjPtr hpa = app.store().get("HorizontalPodAutoscaler", "default", "php-apache");
    CHECK(hpa != nullptr);
    const ui::HpaHistory* hh = hpa ? app.history().hpa(ui::str(*hpa, {"metadata", "uid"})) : nullptr;
    CHECK(hh && !hh->points.empty());
    // The invalid gallery manifest's causes map to lines of its text.
    std::string bad = galleryYaml("Deployment: invalid (errors on lines)");
    auto causes = parseInvalidCauses(app.run("kubectl apply -f -", bad).text());
    CHECK(!causes.empty());
    for (auto& c : causes) CHECK(locateFieldPath(bad, c.kind, c.name, c.field).line > 0);
  }
  if (std::getenv("UI_SMOKE_VERBOSE"))
    for (auto& l : app.console()) std::printf("%s\n", l.text.substr(0, 200).c_str());
  CHECK(app.store().list("Node").size() >= 1);
  CHECK(app.now() > 0);

  // The exported script replays to the same clock.
  std::string script = app.exportScript();
  CHECK(script.find("kubectl run hello") != std::string::npos);
  CHECK(script.find("sleep ") != std::string::npos);
  Time before = app.now();
  size_t podsBefore = app.store().list("Pod").size();
  app.load(script);
  CHECK(app.now() == before);
  CHECK(app.store().list("Pod").size() == podsBefore);
  CHECK(!app.stateJson().empty());

  // Replay: a script played command by command, its sleeps paced by the clock; the same end state.
  {
    const std::string replay = "kubectl run r1 --image=nginx\nsleep 3s\nkubectl get pods\nsleep 1s\n";
    app.setSpeed(100);
    app.play(replay);
    const Time start = app.now();
    int guard = 0;
    while (app.replaying() && ++guard < 500) frame(app, 1280, 800);
    CHECK(!app.replaying());
    CHECK(guard > 3);  // it took several frames: the sleeps were paced, not jumped
    CHECK(app.now() >= start + 4000);
    CHECK(app.exportScript().rfind(replay, 0) == 0);
    CHECK(app.store().get("Pod", "default", "r1") != nullptr);
    bool echoed = false;
    for (auto& l : app.console()) echoed |= l.text == "$ sleep 3s";
    CHECK(echoed);
    app.load(script);
  }

  // Mouse sweep: click on a grid over the whole screen (opens popups, presses buttons, selects
  // chips). Nothing may assert or throw.
  app.setPaused(false);
  for (int y = 5; y < 800; y += 23)
    for (int x = 5; x < 1280; x += 37) {
      io.MousePos = ImVec2(static_cast<float>(x), static_cast<float>(y));
      io.MouseDown[0] = true;
      frame(app, 1280, 800);
      io.MouseDown[0] = false;
      frame(app, 1280, 800);
    }
  // Readonly: the same sweep must not run commands.
  app.setReadonly(true);
  size_t lines = app.console().size();
  std::string hist = app.exportScript();
  for (int y = 5; y < 800; y += 41)
    for (int x = 5; x < 1280; x += 53) {
      io.MousePos = ImVec2(static_cast<float>(x), static_cast<float>(y));
      io.MouseDown[0] = true;
      frame(app, 1280, 800);
      io.MouseDown[0] = false;
      frame(app, 1280, 800);
    }
  (void)lines;
  CHECK(app.exportScript().rfind(hist.substr(0, hist.rfind("sleep")), 0) == 0);

  extraRollout.reset(), extraHpa.reset(), extraWorkloads.reset();
  ImGui::DestroyContext();
  std::printf("ui_smoke: %d frames + mouse sweep, %zu console lines, clock %lld ms: %s\n", frames,
              app.console().size(), static_cast<long long>(app.now()), failures ? "FAILED" : "ok");
  std::printf("%d passed, %d failed\n", failures ? 0 : 1, failures ? 1 : 0);
  return failures ? 1 : 0;
}
