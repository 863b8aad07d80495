// The browser's platform for the panels (ui/platform.h): localStorage, downloads, the file picker,
// share links, and podplay.on() listeners, all in JS (EM_JS).
#include <emscripten.h>

#include <cstdlib>
#include <string>

#include "platform.h"

namespace {

EM_JS(void, js_save, (const char* k, const char* v), {
  try { localStorage.setItem(UTF8ToString(k), UTF8ToString(v)); } catch (e) {}
});
EM_JS(char*, js_load, (const char* k), {
  var v = null;
  try { v = localStorage.getItem(UTF8ToString(k)); } catch (e) {}
  if (v === null) v = "";
  var n = lengthBytesUTF8(v) + 1;
  var p = _malloc(n);
  stringToUTF8(v, p, n);
  return p;
});
EM_JS(void, js_emit, (const char* type, const char* payload), {
  if (window.podplay && window.podplay._emit) window.podplay._emit(UTF8ToString(type), UTF8ToString(payload));
});
EM_JS(void, js_download, (const char* name, const char* text), {
  var blob = new Blob([UTF8ToString(text)], {type: "text/x-shellscript"});
  var a = document.createElement("a");
  a.href = URL.createObjectURL(blob);
  a.download = UTF8ToString(name);
  document.body.appendChild(a);
  a.click();
  setTimeout(function() { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
});
EM_JS(void, js_pick, (), {
  var input = document.createElement("input");
  input.type = "file";
  input.accept = ".sh,.txt,text/plain";
  input.onchange = function() {
    if (input.files && input.files[0]) input.files[0].text().then(function(t) { window.podplay.load(t); });
  };
  input.click();
});
EM_JS(char*, js_share, (const char* script), {
  var link = window.podplay ? window.podplay.shareLink(UTF8ToString(script)) : "";
  var n = lengthBytesUTF8(link) + 1;
  var p = _malloc(n);
  stringToUTF8(link, p, n);
  return p;
});

std::string take(char* p) {
  std::string s = p ? p : "";
  std::free(p);
  return s;
}

}  // namespace

namespace podplay::ui::platform {

void save(const std::string& key, const std::string& value) { js_save(key.c_str(), value.c_str()); }
std::string load(const std::string& key) { return take(js_load(key.c_str())); }
void emit(const std::string& type, const std::string& payloadJson) { js_emit(type.c_str(), payloadJson.c_str()); }
void download(const std::string& filename, const std::string& text) { js_download(filename.c_str(), text.c_str()); }
void pickScriptFile() { js_pick(); }
std::string shareLink(const std::string& script) { return take(js_share(script.c_str())); }

}  // namespace podplay::ui::platform
