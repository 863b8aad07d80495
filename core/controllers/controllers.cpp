#include "controllers/controllers.h"

#include "cluster.h"

namespace podplay {

Controllers::Controllers(Cluster& c) : c_(c) {}
Controllers::~Controllers() = default;

}  // namespace podplay
