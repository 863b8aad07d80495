// podplay ui: sections of the Pod panel that read the simulator's components directly (read-only):
// the container timeline (kubelet history) and the scheduler's explanation of its last cycle.
#pragma once
#include <string>

#include "sim/types.h"

namespace podplay::ui {

class App;

// Gantt chart of the pod's containers over the last `window` ms of virtual time (panel_timeline.cpp).
// `window` is the zoom, changed by the section's 1m/5m/30m buttons. `node` is the pod's node ("" if
// unscheduled: nothing recorded yet).
void drawPodTimeline(App& app, const std::string& ns, const std::string& pod, const std::string& node, Time& window);

// The scheduler's last cycle for the pod: per node the failing filter and its reasons, or the
// weighted scores; the chosen node highlighted (panel_scheduler.cpp).
void drawSchedulerExplanation(App& app, const std::string& ns, const std::string& pod);

}  // namespace podplay::ui
