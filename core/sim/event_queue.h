// podplay core: the virtual clock and its event queue (modelled on ns-3's scheduler).
// Events are ordered by (time, insertion sequence), so ties resolve deterministically.
// Cancel leaves a tombstone; the event is skipped when popped.
#pragma once
#include <functional>
#include <queue>
#include <unordered_set>
#include <vector>

#include "sim/types.h"

namespace podplay {

using EventId = uint64_t;

class EventQueue {
 public:
  using Fn = std::function<void()>;

  Time now() const { return now_; }
  // Schedule fn at absolute time `at` (clamped to now). Returns an id usable with cancel().
  EventId at(Time at, Fn fn);
  // Schedule fn `delay` ms from now.
  EventId after(Time delay, Fn fn) { return at(now_ + delay, std::move(fn)); }
  void cancel(EventId id);
  // Run every event due at or before `t`, in order, then set the clock to `t`.
  void runUntil(Time t);
  // Run events due now (time <= now) only.
  void runDue() { runUntil(now_); }
  // Time of the next live event, or -1 if none.
  Time nextTime();
  size_t pending() const { return heap_.size() - cancelled_.size(); }
  uint64_t executed() const { return executed_; }

 private:
  struct Item {
    Time t;
    EventId seq;
    Fn fn;
  };
  struct Later {
    bool operator()(const Item& a, const Item& b) const {
      return a.t != b.t ? a.t > b.t : a.seq > b.seq;
    }
  };
  std::priority_queue<Item, std::vector<Item>, Later> heap_;
  std::unordered_set<EventId> cancelled_;
  Time now_ = 0;
  EventId nextSeq_ = 1;
  uint64_t executed_ = 0;
};

}  // namespace podplay
