// podplay core: copy-free lookups into Kubernetes objects (hot paths: scheduler, controllers).
// Missing or mistyped fields yield a shared empty object/array instead of a copy or a throw.
#pragma once
#include <initializer_list>

#include "sim/types.h"

namespace podplay {

// obj[path[0]][path[1]]... if every step is an object, else an empty object.
inline const json& objectAt(const json& obj, std::initializer_list<const char*> path) {
  static const json kEmpty = json::object();
  const json* cur = &obj;
  for (const char* p : path) {
    if (!cur->is_object()) return kEmpty;
    auto it = cur->find(p);
    if (it == cur->end()) return kEmpty;
    cur = &*it;
  }
  return cur->is_object() ? *cur : kEmpty;
}

// obj[a][b] if it is an array, else an empty array.
inline const json& arrayAt(const json& obj, const char* a, const char* b) {
  static const json kEmpty = json::array();
  auto ia = obj.find(a);
  if (ia == obj.end() || !ia->is_object()) return kEmpty;
  auto ib = ia->find(b);
  return ib == ia->end() || !ib->is_array() ? kEmpty : *ib;
}

}  // namespace podplay
