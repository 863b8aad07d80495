// podplay ui: the playground application, shared by the browser build and the native smoke test.
//
// Index:
//   AppOptions  - what the page's URL can set (?speed= &panels= &readonly= ...).
//   App         - owns the Session, the command history (autosave, export, share), the pacing of the
//                 virtual clock, the console transcript, and the panels.
//   Panel       - the panels, one file each: panel_<name>.cpp. They read App::store() and act only
//                 through App::run(), which goes to Session::exec like a typed command.
#pragma once
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "session.h"

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

std::unique_ptr<Panel> makeTimePanel();
std::unique_ptr<Panel> makeClusterPanel();
std::unique_ptr<Panel> makePodPanel();
std::unique_ptr<Panel> makeEditorPanel();
std::unique_ptr<Panel> makeConsolePanel();
std::unique_ptr<Panel> makeEventsPanel();

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
  // Starts a fresh session and runs `script` in it; the script becomes the history.
  CommandResult load(const std::string& script);
  void reset();
  // The session as a script that reproduces it (history, plus a final `sleep` for clock advances).
  std::string exportScript() const;
  // JSON for podplay.state(): clock, pacing, every object by kind.
  std::string stateJson() const;

  // ---- clock ----
  void tick(double wallSeconds);  // frame pacing: advances the virtual clock while playing
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
  void setListening(bool on) { listening_ = on; }  // JS has podplay.on() listeners
  void emitNewEvents();                            // podplay.on('event') for new/updated Events

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
  uint64_t generation() const { return generation_; }  // bumps on reset/load (new session)

 private:
  void append(ConsoleLine::Kind k, const std::string& text);
  void appendResult(const CommandResult& r);
  void record(const std::string& line, const std::string& stdinText);
  void autosave();
  CommandResult safeExec(const std::string& line, const std::string& stdinText);
  void newSession();

  AppOptions opts_;
  std::unique_ptr<Session> session_;
  std::vector<std::unique_ptr<Panel>> panels_;
  std::string history_;     // script of what was run, in order
  Time recordedTime_ = 0;   // virtual time the history accounts for
  double pacingMs_ = 0;     // fractional ms not yet advanced
  std::vector<ConsoleLine> console_;
  uint64_t consoleSerial_ = 0;
  std::string podNs_, podName_;
  uint64_t generation_ = 0;
  bool listening_ = false;
  uint64_t emittedRv_ = 0;
  std::map<std::string, std::string> emittedEvents_;  // uid -> resourceVersion
  double sinceAutosave_ = 0;
};

// Formats a duration for a script: "1s", "1500ms", "2m".
std::string scriptDuration(Time ms);

}  // namespace podplay::ui
