// podplay ui: the store's Events, indexed for the Events panel and podplay.on('event'). Listing
// 25,000 Events is cheap-ish (their shared pointers); reading a field of each is not (~1 us per
// object: every one is a cache miss). Objects in the store are immutable snapshots, so an Event that
// changed is a new pointer: refresh() reads fields only of the Events it has not seen, and keeps them
// ordered by lastTimestamp for recent().
#pragma once
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "api/store.h"

namespace podplay::ui {

class EventCache {
 public:
  // Brings the cache up to date with the store's Events in `ns` ("" = every namespace). Returns the
  // Events created or changed since the last call (all of them on the first call), in store order.
  std::vector<ObjPtr> refresh(const Store& store, const std::string& ns);
  // The same in slices, for a caller that spreads the work over frames: begin() takes the store's
  // list (the snapshot the refresh works on), each step() reads up to `n` of its Events; step()
  // returns true when the refresh is complete (the cache then matches the snapshot).
  void begin(const Store& store, const std::string& ns);
  bool step(size_t n, std::vector<ObjPtr>* changed = nullptr);
  bool refreshing() const { return pos_ < snapshot_.size() || sweeping_; }
  // The `n` most recent Events (by lastTimestamp), oldest first.
  std::vector<const json*> recent(size_t n) const;
  size_t size() const { return entries_.size(); }
  void clear();

 private:
  struct Entry {
    ObjPtr obj;
    std::string last;  // lastTimestamp (RFC 3339: orders as text), then namespace/name
    uint64_t stamp = 0;
  };
  std::unordered_map<const json*, Entry> entries_;
  std::set<std::pair<std::string, const json*>> byTime_;
  uint64_t stamp_ = 0;
  std::vector<ObjPtr> snapshot_;
  size_t pos_ = 0;
  bool sweeping_ = false;
};

}  // namespace podplay::ui
