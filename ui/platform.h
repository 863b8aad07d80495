// podplay ui: what the host page provides to the panels. One header, two implementations chosen by
// CMake: web/platform_web.cpp (localStorage, downloads, JS listeners) and
// tests/ui/platform_null.cpp (in memory, for the native smoke test).
#pragma once
#include <string>

namespace podplay::ui::platform {

// Persistent key/value storage (localStorage in the browser). load() returns "" when absent.
void save(const std::string& key, const std::string& value);
std::string load(const std::string& key);
// Notify listeners registered with podplay.on(type, cb); payload is a JSON document.
void emit(const std::string& type, const std::string& payloadJson);
// Offer `text` as a file download named `filename`.
void download(const std::string& filename, const std::string& text);
// Ask the user for a script file; the host calls podplay.load() with its contents.
void pickScriptFile();
// Put the session in the page's address (#script=<base64url>) and copy the link to the clipboard.
// Returns the link.
std::string shareLink(const std::string& script);

}  // namespace podplay::ui::platform
