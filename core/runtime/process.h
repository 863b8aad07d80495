// podplay core: the simulated container runtime's processes.
//
// A container's main process, an exec (kubectl exec, exec probes, exec hooks) and the behaviour of
// well-known images are all modelled as a Process: a small shell interpreter (sh -c subset) plus
// built-in programs (nginx, agnhost, sleep, ...). A Process runs in virtual time: resume() executes
// instantly-completing commands until it must wait (sleep), blocks forever (a server), or exits.
// It never reads the wall clock; `now` is passed in.
#pragma once
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "runtime/images.h"
#include "sim/types.h"

namespace podplay {

// Storage shared by containers of a pod (an emptyDir volume); survives container restarts.
struct Volume {
  std::map<std::string, std::string> files;  // relative path -> content
};

struct Mount {
  std::string path;  // mountPath, e.g. "/work-dir"
  std::shared_ptr<Volume> volume;
  bool readOnly = false;
};

// One container instance's view of files: its own writable layer (seeded from the image) plus mounts.
// Paths are absolute; directories exist implicitly.
class ContainerFs {
 public:
  std::map<std::string, std::string> local;  // absolute path -> content
  std::vector<Mount> mounts;

  bool exists(const std::string& path) const;
  bool read(const std::string& path, std::string& out) const;
  // Returns false (and sets err) on a read-only mount.
  bool write(const std::string& path, const std::string& content, bool append, std::string& err);
  bool remove(const std::string& path);
};

// An HTTP request as a container's server sees it, and its answer.
struct HttpRequest {
  int port = 80;
  std::string path = "/";
  std::string clientIp;   // for access logs ("10.244.2.3")
  std::string userAgent;  // "Wget", "curl/7.88.1"
};
struct HttpResponse {
  int status = 0;  // 0: nothing listens on the port (connection refused)
  std::string body;
};
// Where an HTTP request sent from a container went (ProcessContext::httpRequest): Service names and
// ClusterIPs are load-balanced to a ready endpoint (kube-proxy), pod IPs go to that pod.
struct HttpRoute {
  bool routed = false;  // false: not a Service or pod address (the caller's generic behaviour applies)
  std::string ip;       // the address connected to (ClusterIP or pod IP), for client messages
  HttpResponse response;  // status 0: connection refused (no ready endpoint, nothing listening)
};

// What a process may see of the world around it.
struct ProcessContext {
  ContainerFs* fs = nullptr;                 // the container's files
  std::string* log = nullptr;                // stdout+stderr of this container instance (for `logs`)
  std::map<std::string, std::string> env;    // container env (+ HOSTNAME etc.)
  std::string podNamespace = "default";
  std::string podIP;  // the pod's IP ("" before the sandbox has one)
  Time containerStartedAt = 0;
  // Name resolution for nslookup/wget: true if `host` resolves (e.g. an existing Service).
  std::function<bool(const std::string& host)> resolve;
  // For execs: is a process named `name` running in this container (killall -0, pidof)?
  std::function<bool(const std::string& name)> processRunning;
  // For execs: ask the main process to stop gracefully (`nginx -s quit`, `kill 1`).
  std::function<void(const std::string& name)> stopProcess;
  // Optional: the address `host` resolves to (nslookup prints it); "" or unset -> a placeholder.
  std::function<std::string(const std::string& host)> lookup;
  // Optional: send an HTTP GET to host:port (wget/curl). Unset -> every resolving host answers 200.
  std::function<HttpRoute(const std::string& host, int port, const std::string& path, const std::string& userAgent)>
      httpRequest;
};

struct ProcessStep {
  enum Kind { Sleep, Block, Exit } kind = Exit;
  Time wait = 0;   // Sleep: resume after this many ms
  int exitCode = 0;  // Exit
};

class Process {
 public:
  virtual ~Process() = default;
  // Runs until the process must wait. Call first right after spawn, then at each Sleep's end.
  virtual ProcessStep resume(Time now) = 0;
  // Output of an exec so far (exec probes report it as the failure message). Main processes log
  // into ctx.log instead.
  virtual const std::string& output() const = 0;
  // Network behaviour (only meaningful for a container's main process).
  // HTTP GET: status code, or 0 if nothing listens on `port` (connection refused).
  virtual int httpGet(int port, const std::string& path, Time now) = 0;
  // A request routed to this container (Service traffic, pod IP): status and body, like httpGet but
  // with the body the server sends; servers that log requests (nginx, apache) write an access log line.
  virtual HttpResponse serveHttp(const HttpRequest& req, Time now) { return {httpGet(req.port, req.path, now), ""}; }
  virtual bool tcpListening(int port) const = 0;
  // SIGTERM: returns the exit code if the process exits at once (e.g. nginx -> 0), or -1 if it
  // ignores TERM (a shell or sleep as PID 1): the kubelet then SIGKILLs it when the grace ends (137).
  virtual int onSigterm(Time now) = 0;
  // True once a graceful stop was requested through ctx.stopProcess (the process exits at its next
  // resume; the kubelet calls resume(now) again after such a request).
  virtual bool stopRequested() const = 0;
  // Program name of PID 1 ("nginx", "sh", "sleep", "agnhost") for processRunning().
  virtual std::string name() const = 0;
  // Deliver a graceful stop aimed at program `name` ("nginx" for `nginx -s quit`, "1" for `kill 1`)
  // from an exec's ctx.stopProcess. Returns true if it affected this process: PID 1 (exits at the
  // next resume with its TERM/QUIT exit code), a foreground child (it ends, the script goes on) or a
  // daemonised server. stopRequested() is true until the next resume(now) consumes the request.
  virtual bool requestStop(const std::string& name, Time now) = 0;
  // True if PID 1 or a program it currently runs (foreground or background server) is `name`
  // (for ctx.processRunning: `sh -c "nginx -g 'daemon off;'"` runs both "sh" and "nginx").
  virtual bool runsProgram(const std::string& name) const = 0;
};

// Start a process. `argv` is the effective command (pod command/args merged with the image's
// ENTRYPOINT/CMD by effectiveArgv). `image` gives well-known images their behaviour. `isExec` marks
// an exec inside a running container (hooks, probes, kubectl exec). Never throws: an unknown program
// behaves like a shell's "sh: foo: not found" (exit 127).
std::unique_ptr<Process> spawnProcess(const std::vector<std::string>& argv, const ImageInfo& image,
                                      ProcessContext ctx, bool isExec);

// Docker semantics: command replaces ENTRYPOINT (and drops CMD); args replace CMD.
std::vector<std::string> effectiveArgv(const std::vector<std::string>& command,
                                       const std::vector<std::string>& args, const ImageInfo& image);

// The runtime's start error for argv in this image ("" if it can start): containerd's message for a
// program that does not exist, e.g. `failed to create containerd task: ... exec: "foo": executable
// file not found in $PATH: unknown` (kubelet: StartError, exit code 128), or "no command specified"
// for an empty argv of a catalogued image (CreateContainerError).
std::string startError(const std::vector<std::string>& argv, const ImageInfo& image);

// Seed a new container instance's writable layer with the image's files (nginx's html, ...).
void seedImageFiles(const ImageInfo& image, ContainerFs& fs);

}  // namespace podplay
