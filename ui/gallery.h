// podplay ui: starting manifests for the editor's gallery.
#pragma once
#include <vector>

namespace podplay::ui {

struct GalleryItem {
  const char* title;
  const char* yaml;
};
const std::vector<GalleryItem>& manifestGallery();

}  // namespace podplay::ui
