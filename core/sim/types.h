// podplay core: basic types shared by every component.
#pragma once
#include <cstdint>
#include <nlohmann/json.hpp>

namespace podplay {

// Virtual time in milliseconds since the simulation epoch (see kEpochUnixSeconds).
using Time = int64_t;
constexpr Time kSecond = 1000;
constexpr Time kMinute = 60 * kSecond;
constexpr Time kHour = 60 * kMinute;

// Wall-clock instant that virtual time 0 corresponds to: Mon, 01 Jan 2024 10:00:00 +0000.
constexpr int64_t kEpochUnixSeconds = 1704103200;

// Objects are stored as JSON, exactly as the API server would serve them. nlohmann::json keeps keys
// sorted, which is also how kubectl prints -o yaml / -o json.
using json = nlohmann::json;

}  // namespace podplay
