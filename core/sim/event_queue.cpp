#include "sim/event_queue.h"

namespace podplay {

EventId EventQueue::at(Time t, Fn fn) {
  if (t < now_) t = now_;
  EventId id = nextSeq_++;
  heap_.push(Item{t, id, std::move(fn)});
  return id;
}

void EventQueue::cancel(EventId id) {
  if (id != 0) cancelled_.insert(id);
}

Time EventQueue::nextTime() {
  while (!heap_.empty()) {
    auto it = cancelled_.find(heap_.top().seq);
    if (it == cancelled_.end()) return heap_.top().t;
    cancelled_.erase(it);
    heap_.pop();
  }
  return -1;
}

void EventQueue::runUntil(Time t) {
  while (!heap_.empty() && heap_.top().t <= t) {
    Item item = std::move(const_cast<Item&>(heap_.top()));
    heap_.pop();
    auto it = cancelled_.find(item.seq);
    if (it != cancelled_.end()) {
      cancelled_.erase(it);
      continue;
    }
    now_ = item.t;
    ++executed_;
    item.fn();
  }
  if (t > now_) now_ = t;
}

}  // namespace podplay
