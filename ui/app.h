// podplay ui: the playground application, shared by the browser build and the native smoke test.
//
// Index:
//   AppOptions  - what the page's URL can set (?speed= &panels= &readonly= ...).
//   App         - owns the Session, the command history (autosave, export, share), the pacing of the
//                 virtual clock, the console transcript, and the panels.
//   Panel       - the panels, one file each: panel_<name>.cpp. They read App::store() and act only
//                 through App::run(), which goes to Session::exec like a typed command.
//
// The clock: App::tick (once per frame) advances the session by wall time x speed, in steps of one
// event time, within a wall-clock budget per frame (the rest waits for the next frame), so a busy
// cluster slows the virtual clock down instead of the page. After each step the workload history
// (workload_history.h) samples the store. A script can be loaded at once (load) or replayed
// (play): one command per frame, each echoed with its output, its `sleep`s paced at the speed.
#pragma once
#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "event_cache.h"
#include "session.h"
#include "workload_history.h"

namespace podplay::ui {

struct AppOptions {
  uint64_t seed = 1;
  double speed = 1.0;      // virtual seconds per wall second while playing
  bool paused = false;
  bool readonly = false;   // panels issue no commands (the JS API still may)
  std::string panels;      // comma-separated panel ids to show ("cluster,console"); empty = all
  bool autosave = true;    // keep the history in platform storage
};

struct ConsoleLine {
  enum Kind { Command, Out, Err, Info } kind;
  std::string text;  // one line, no newline
};

class App;

class Panel {
 public:
  virtual ~Panel() = default;
  virtual const char* id() const = 0;     // URL name: "cluster", "pod", "editor", ...
  virtual const char* title() const = 0;  // window title
  virtual void draw(App& app) = 0;        // inside an ImGui window that App::draw opened
  bool visible = true;
};

// The object a workload view shows (the kind is the view's: Deployment or HorizontalPodAutoscaler).
struct WorkloadRef {
  std::string ns, name;
  bool empty() const { return name.empty(); }
};

std::unique_ptr<Panel> makeTimePanel();
std::unique_ptr<Panel> makeClusterPanel();
std::unique_ptr<Panel> makePodPanel();
std::unique_ptr<Panel> makeEditorPanel();
std::unique_ptr<Panel> makeConsolePanel();
std::unique_ptr<Panel> makeEventsPanel();
std::unique_ptr<Panel> makeWorkloadsPanel();
std::unique_ptr<Panel> makeRolloutPanel();
std::unique_ptr<Panel> makeHpaPanel();

class App {
 public:
  explicit App(AppOptions opts = {});
  ~App();

  // ---- commands ----
  // Runs a command as if typed: Session::exec, recorded in the history (autosaved), echoed in the
  // console. `stdinText` feeds `-f -`. Never throws.
  CommandResult run(const std::string& line, const std::string& stdinText = "");
  // Runs a read-only command for a panel's display (`kubectl get events`): not recorded, not echoed.
  CommandResult query(const std::string& line);
  // Starts a fresh session and runs `script` in it at once; the script becomes the history.
  CommandResult load(const std::string& script);
  // Starts a fresh session and replays `script` from the next frame on: commands one per frame, each
  // echoed into the console with its output as it runs, each `sleep N` advancing the clock at the
  // current speed. Unpauses the clock. Pausing pauses the replay.
  void play(const std::string& script);
  bool replaying() const { return replayPos_ < replay_.size(); }
  size_t replayPosition() const { return replayPos_; }
  size_t replayLength() const { return replay_.size(); }
  void reset();
  // The session as a script that reproduces it (history, plus a final `sleep` for clock advances).
  std::string exportScript() const;
  // JSON for podplay.state(): clock, pacing, every object by kind.
  std::string stateJson() const;

  // ---- clock ----
  // Frame pacing: advances the virtual clock while playing (and the replay), spending at most the
  // tick budget of wall time; virtual time it could not run in budget is carried to the next frames
  // (at most a quarter second's worth) and then dropped: the clock runs slower, the page stays smooth.
  void tick(double wallSeconds);
  void setTickBudgetMs(double ms) { tickBudgetMs_ = ms; }
  double tickBudgetMs() const { return tickBudgetMs_; }
  Time droppedMs() const { return droppedMs_; }  // virtual time dropped by the budget so far
  void step(Time ms);             // runs `sleep <ms>`
  void stepToNextEvent();
  void setPaused(bool p) { opts_.paused = p; }
  bool paused() const { return opts_.paused; }
  void setSpeed(double s);
  double speed() const { return opts_.speed; }
  Time now() const { return session_->now(); }

  // ---- frame ----
  // Draws every visible panel tiled over `width` x `height` (ImGui::NewFrame already called).
  void draw(float width, float height);
  // Wall-clock ms each panel's draw took (sum and maximum) since the last reset: where a frame goes.
  struct PanelTime {
    double total = 0, max = 0;
    int frames = 0;
  };
  const std::map<std::string, PanelTime>& panelTimes() const { return panelTimes_; }
  void resetPanelTimes() { panelTimes_.clear(); }
  // JS has podplay.on() listeners: for 'command' / 'replay' (cheap), and for 'event' (a scan of the
  // Events, at most every 0.25 s and at most 25 times its own cost apart while the clock plays).
  void setListening(bool on, bool events = true);
  void emitNewEvents();  // podplay.on('event') for new/updated Events

  // ---- state shared by panels ----
  const Store& store() const { return session_->store(); }
  // The simulator itself, for panels that read components the store does not hold (the kubelet's
  // container timeline, the scheduler's explanation). Read-only by convention: act through run().
  Session& session() { return *session_; }
  bool readonly() const { return opts_.readonly; }
  void setReadonly(bool r) { opts_.readonly = r; }
  std::vector<ConsoleLine>& console() { return console_; }
  void clearConsole() { console_.clear(); }
  uint64_t consoleSerial() const { return consoleSerial_; }  // bumps on every append
  void selectPod(const std::string& ns, const std::string& name) { podNs_ = ns, podName_ = name; }
  const std::string& selectedPodNs() const { return podNs_; }
  const std::string& selectedPodName() const { return podName_; }
  // The Deployment the rollout view shows, the HPA the HPA view shows.
  void selectDeployment(const std::string& ns, const std::string& name) { deployment_ = {ns, name}; }
  const WorkloadRef& selectedDeployment() const { return deployment_; }
  void selectHpa(const std::string& ns, const std::string& name) { hpa_ = {ns, name}; }
  const WorkloadRef& selectedHpa() const { return hpa_; }
  // Brings a panel to the front of its slot (the Pod / Rollout / HPA tabs) on the next frame.
  void showPanel(const std::string& id) { showPanel_ = id; }
  // The manifest editor: text set from outside (podplay.edit) and taken by the editor on its next
  // frame; the markers of its last Apply/Delete ("line 12: spec.replicas: Invalid value: ...").
  struct EditorMark {
    int line = 0;  // 1-based line of the editor's text, 0 if the error names no line
    std::string text;
  };
  void setEditorText(const std::string& t) { editorRequest_ = t, hasEditorRequest_ = true; }
  bool takeEditorText(std::string& out) {
    if (!hasEditorRequest_) return false;
    out.swap(editorRequest_), hasEditorRequest_ = false;
    return true;
  }
  std::vector<EditorMark>& editorMarks() { return editorMarks_; }
  // Replica counts and HPA metrics over virtual time, sampled by the App (read by the views).
  const WorkloadHistory& history() const { return workloads_; }
  uint64_t generation() const { return generation_; }  // bumps on reset/load (new session)

 private:
  void append(ConsoleLine::Kind k, const std::string& text);
  void appendResult(const CommandResult& r);
  void record(const std::string& line, const std::string& stdinText);
  void autosave();
  CommandResult safeExec(const std::string& line, const std::string& stdinText);
  void newSession();
  // Advances the clock by `ms`, one event time (at most WorkloadHistory::kSliceMs) at a time,
  // sampling the history; stops early at `deadline`. Returns the virtual time advanced.
  using Clock = std::chrono::steady_clock;
  Time advanceClock(Time ms, Clock::time_point deadline);
  // A typed `sleep N`: the same as Session::exec("sleep N"), advanced in slices for the history.
  bool runSleep(const std::string& line, CommandResult& r);
  void stepReplay(Clock::time_point deadline);

  AppOptions opts_;
  std::unique_ptr<Session> session_;
  std::vector<std::unique_ptr<Panel>> panels_;
  std::string history_;     // script of what was run, in order
  Time recordedTime_ = 0;   // virtual time the history accounts for
  double pacingMs_ = 0;     // fractional ms not yet advanced
  std::vector<ConsoleLine> console_;
  uint64_t consoleSerial_ = 0;
  std::string podNs_, podName_;
  WorkloadRef deployment_, hpa_;
  std::string editorRequest_;
  bool hasEditorRequest_ = false;
  std::vector<EditorMark> editorMarks_;
  std::string showPanel_;
  std::map<std::string, std::string> slotActive_;  // slot -> id of its front panel
  std::map<std::string, PanelTime> panelTimes_;
  void drawPanel(Panel* p);
  WorkloadHistory workloads_;
  Time lastSampleAt_ = -1;
  double tickBudgetMs_ = 6.0;
  Time droppedMs_ = 0;
  std::vector<ScriptCommand> replay_;
  size_t replayPos_ = 0;
  Time replaySleepLeft_ = -1;  // ms of the current replayed `sleep` still to run; -1 = none started
  uint64_t generation_ = 0;
  bool listening_ = false, listeningEvents_ = false;
  double emitCost_ = 0;  // wall seconds the last Events scan took
  uint64_t emittedRv_ = 0;     // store resourceVersion of the last scan for new Events
  EventCache emitted_;         // the Events podplay.on('event') listeners have seen
  double sinceEmit_ = 0;       // wall seconds since that scan
  bool commandSinceEmit_ = false;
  double sinceAutosave_ = 0;
};

// Formats a duration for a script: "1s", "1500ms", "2m".
std::string scriptDuration(Time ms);

}  // namespace podplay::ui
