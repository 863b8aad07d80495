// podplay core: time and duration formatting exactly as Kubernetes / Go print them.
#pragma once
#include <string>

#include "sim/types.h"

namespace podplay {

// k8s.io/apimachinery/pkg/util/duration.HumanDuration (AGE columns, "(x3 over 2m)").
std::string humanDuration(Time d);
// Go time.Duration.String() for a millisecond duration: "0s", "500ms", "1.5s", "1m20s", "5m0s".
std::string goDuration(Time d);
// Absolute virtual time -> "2024-01-01T10:00:00Z" (metav1.Time, second precision).
std::string rfc3339(Time t);
// Absolute virtual time -> "Mon, 01 Jan 2024 10:00:00 +0000" (kubectl describe).
std::string rfc1123z(Time t);
// "2024-01-01T10:00:00Z" -> virtual ms; returns false on malformed input.
bool parseRfc3339(const std::string& s, Time& out);
// Script / flag durations: "5" (seconds), "5s", "1.5s", "500ms", "2m", "1h30m". False if invalid.
bool parseDuration(const std::string& s, Time& out);

}  // namespace podplay
