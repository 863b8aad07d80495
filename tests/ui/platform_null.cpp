// The platform for the native smoke test: storage in memory, everything else recorded or ignored.
#include <map>

#include "platform.h"

namespace podplay::ui::platform {

static std::map<std::string, std::string>& storage() {
  static std::map<std::string, std::string> s;
  return s;
}
void save(const std::string& key, const std::string& value) { storage()[key] = value; }
std::string load(const std::string& key) {
  auto it = storage().find(key);
  return it == storage().end() ? "" : it->second;
}
void emit(const std::string&, const std::string&) {}
void download(const std::string&, const std::string&) {}
void pickScriptFile() {}
std::string shareLink(const std::string&) { return "#script="; }

}  // namespace podplay::ui::platform
