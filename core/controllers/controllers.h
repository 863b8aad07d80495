// podplay core: the controller manager. Controllers are level-triggered: watch handlers only
// enqueue keys; sync(key) reads fresh state from the store and converges it.
#pragma once
#include "api/store.h"

namespace podplay {

class Cluster;

class Controllers {
 public:
  explicit Controllers(Cluster& c);
  ~Controllers();

 private:
  Cluster& c_;
};

}  // namespace podplay
