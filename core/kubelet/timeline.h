// podplay core: what happened to a pod's containers over virtual time, for the UI's timeline (Gantt).
// Recorded by the kubelet; read-only for everyone else. Bounded: the oldest entries are dropped.
#pragma once
#include <deque>
#include <string>

#include "sim/types.h"

namespace podplay {

struct TimelineSegment {
  std::string container;
  bool init = false;
  Time start = 0;
  Time end = -1;            // -1: still open
  std::string state;        // "Waiting", "Running", "Terminated"
  std::string reason;       // waiting/terminated reason ("CrashLoopBackOff", "Error", ...); "" when running
  bool ready = false;       // Running and ready
  int restartCount = 0;
  Time backoffUntil = -1;   // CrashLoopBackOff / ImagePullBackOff: when the kubelet retries
  std::string backoff;      // "40s"
};

struct TimelineMark {
  std::string container;
  Time at = 0;
  std::string kind;    // "startup", "liveness", "readiness", "postStart", "preStop", "kill", "pull"
  bool ok = true;
  std::string detail;  // probe output, hook result, kill reason
};

struct PodTimeline {
  std::deque<TimelineSegment> segments;
  std::deque<TimelineMark> marks;
  static constexpr size_t kMaxSegments = 1000;
  static constexpr size_t kMaxMarks = 4000;
  void mark(TimelineMark m) {
    marks.push_back(std::move(m));
    if (marks.size() > kMaxMarks) marks.pop_front();
  }
};

}  // namespace podplay
