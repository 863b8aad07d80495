// podplay core: the simulated image registry (which images exist, their size, pull time and
// default behaviour). The catalogue is documented in README ("Known images").
#pragma once
#include <string>
#include <vector>

#include "sim/types.h"

namespace podplay {

struct ImageInfo {
  std::string image;       // as written in the pod spec: "nginx:1.25"
  std::string fullRef;     // "docker.io/library/nginx:1.25"
  std::string repo;        // "nginx" (short name) or "registry.k8s.io/busybox"
  std::string tag;         // "1.25" ("latest" if none)
  bool validName = true;   // false -> InvalidImageName
  bool exists = true;      // false -> ErrImagePull with pullError
  std::string pullError;   // containerd's message, e.g. "rpc error: code = NotFound desc = ..."
  int64_t sizeBytes = 0;
  Time pullTime = 0;       // deterministic pull duration
  std::string imageId;     // "docker.io/library/nginx@sha256:..."
  std::vector<std::string> entrypoint;  // image ENTRYPOINT
  std::vector<std::string> cmd;         // image CMD
  std::string digest;      // "sha256:..." when referenced by digest (then tag is "" unless also given)
  bool known = false;      // in the catalogue (false: a generic image that pulls fine)
  std::string stopSignal = "SIGTERM";  // image STOPSIGNAL (nginx: SIGQUIT)
  // Resource model (metrics pipeline, see metrics/metrics.h): what one running container of this
  // image uses. CPU = idle baseline + CPU time per HTTP request served (+ per request it sends with
  // wget/curl), capped at the container's CPU limit; memory = a fixed working set.
  int64_t idleCpuMilli = 0;           // millicores when idle
  int64_t memoryBytes = 0;            // working set
  int64_t cpuPerRequestMicros = 0;    // CPU time to serve one HTTP request (microseconds)
  int64_t cpuPerClientRequestMicros = 150;  // CPU time of one wget/curl (fork + exec + connect)
};

// Resolve an image reference against the catalogue. Never throws.
ImageInfo lookupImage(const std::string& image);

}  // namespace podplay
