#include "event_cache.h"

#include <algorithm>

namespace podplay::ui {

void EventCache::clear() {
  entries_.clear();
  byTime_.clear();
  snapshot_.clear();
  pos_ = 0;
  sweeping_ = false;
}

std::vector<ObjPtr> EventCache::refresh(const Store& store, const std::string& ns) {
  std::vector<ObjPtr> changed;
  begin(store, ns);
  step(snapshot_.size(), &changed);
  return changed;
}

void EventCache::begin(const Store& store, const std::string& ns) {
  snapshot_ = store.list("Event", ns);
  pos_ = 0;
  sweeping_ = true;
  ++stamp_;
}

bool EventCache::step(size_t n, std::vector<ObjPtr>* changed) {
  for (size_t end = std::min(snapshot_.size(), pos_ + n); pos_ < end; ++pos_) {
    ObjPtr& e = snapshot_[pos_];
    auto it = entries_.find(e.get());
    if (it != entries_.end()) {
      it->second.stamp = stamp_;
      continue;
    }
    Entry entry;
    auto last = e->find("lastTimestamp");
    if (last != e->end() && last->is_string()) entry.last = last->get<std::string>();
    entry.last += '\x1f' + objNamespace(*e) + '/' + objName(*e);
    entry.stamp = stamp_;
    byTime_.insert({entry.last, e.get()});
    if (changed) changed->push_back(e);
    entry.obj = e;
    entries_.emplace(entry.obj.get(), std::move(entry));
  }
  if (pos_ < snapshot_.size()) return false;
  if (sweeping_) {
    // Events replaced by a newer snapshot, or deleted (expired).
    for (auto it = entries_.begin(); it != entries_.end();) {
      if (it->second.stamp == stamp_) {
        ++it;
        continue;
      }
      byTime_.erase({it->second.last, it->first});
      it = entries_.erase(it);
    }
    sweeping_ = false;
    snapshot_.clear();
    pos_ = 0;
  }
  return true;
}

std::vector<const json*> EventCache::recent(size_t n) const {
  std::vector<const json*> out;
  auto it = byTime_.end();
  for (size_t i = 0; i < n && it != byTime_.begin(); ++i) out.push_back((--it)->second);
  return {out.rbegin(), out.rend()};
}

}  // namespace podplay::ui
