#include "api/fieldpath_line.h"

#include "api/manifest.h"

#include <yaml-cpp/yaml.h>

#include <cstdlib>

namespace podplay {

namespace {

// ---- the text as documents ------------------------------------------------------------------------

struct Chunk {
  std::string text;
  int firstLine0 = 0;  // 0-based line of the text where the chunk starts
};

// YAML documents as kubectl splits them (k8s.io/apimachinery's YAMLReader: a line beginning with "---").
std::vector<Chunk> yamlChunks(const std::string& text) {
  std::vector<Chunk> chunks;
  std::vector<std::string> lines = splitLines(text);
  Chunk cur;
  for (size_t i = 0; i < lines.size(); ++i) {
    if (lines[i].rfind("---", 0) == 0) {
      chunks.push_back(std::move(cur));
      cur = Chunk{};
      cur.firstLine0 = static_cast<int>(i) + 1;
      continue;
    }
    cur.text += lines[i] + "\n";
  }
  chunks.push_back(std::move(cur));
  return chunks;
}

// A stream of JSON values (`{...}{...}`): each top-level object with the line it starts on.
std::vector<Chunk> jsonChunks(const std::string& text) {
  std::vector<Chunk> chunks;
  int line0 = 0, depth = 0, startLine = 0;
  size_t start = 0;
  bool inStr = false, esc = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (inStr) {
      if (esc) esc = false;
      else if (c == '\\') esc = true;
      else if (c == '"') inStr = false;
    } else if (c == '"') {
      inStr = true;
    } else if (c == '{' || c == '[') {
      if (depth++ == 0) start = i, startLine = line0;
    } else if (c == '}' || c == ']') {
      if (depth > 0 && --depth == 0) {
        // Keep the object's own columns: pad with the text that precedes it on its first line.
        size_t bol = text.rfind('\n', start);
        bol = bol == std::string::npos ? 0 : bol + 1;
        chunks.push_back({std::string(start - bol, ' ') + text.substr(start, i + 1 - start), startLine});
      }
    }
    if (c == '\n') ++line0;
  }
  return chunks;
}

std::vector<Chunk> documents(const std::string& text) {
  size_t first = text.find_first_not_of(" \t\r\n");
  if (first != std::string::npos && text[first] == '{') return jsonChunks(text);
  return yamlChunks(text);
}

std::string scalar(const YAML::Node& n) {
  if (!n || !n.IsScalar()) return "";
  try {
    return n.Scalar();
  } catch (...) {
    return "";
  }
}

// The value of `key` in mapping `m` and the mark of its key (the line a person reads the field on).
bool findKey(const YAML::Node& m, const std::string& key, YAML::Node& value, YAML::Mark& mark) {
  if (!m.IsMap()) return false;
  for (auto it = m.begin(); it != m.end(); ++it) {
    if (scalar(it->first) == key) {
      value = it->second;
      mark = it->first.Mark();
      return true;
    }
  }
  return false;
}

// Path segments: "spec", "containers", "[0]", "image"; "[key]" holds a map key (may contain dots).
std::vector<std::string> splitPath(const std::string& path) {
  std::vector<std::string> segs;
  std::string cur;
  for (size_t i = 0; i < path.size(); ++i) {
    char c = path[i];
    if (c == '.') {
      if (!cur.empty()) segs.push_back(cur), cur.clear();
    } else if (c == '[') {
      if (!cur.empty()) segs.push_back(cur), cur.clear();
      size_t close = path.find(']', i);
      if (close == std::string::npos) close = path.size();
      segs.push_back(path.substr(i, close - i + 1));
      i = close;
    } else {
      cur += c;
    }
  }
  if (!cur.empty()) segs.push_back(cur);
  return segs;
}

bool isIndex(const std::string& s, size_t& idx) {
  if (s.size() < 3 || s[0] != '[' || s.back() != ']') return false;
  std::string inner = s.substr(1, s.size() - 2);
  if (inner.empty() || inner.find_first_not_of("0123456789") != std::string::npos) return false;
  idx = static_cast<size_t>(std::strtoull(inner.c_str(), nullptr, 10));
  return true;
}

// Walks `path` from `root` (a document), as far as it exists.
FieldLocation walk(const YAML::Node& root, int lineOffset, const std::string& path) {
  FieldLocation loc;
  loc.line = lineOffset + root.Mark().line + 1;
  if (root.Mark().line < 0) loc.line = lineOffset + 1;
  YAML::Node cur = root;
  std::string found;
  auto segs = splitPath(path);
  for (size_t si = 0; si < segs.size(); ++si) {
    const std::string& s = segs[si];
    YAML::Node next;
    YAML::Mark mark;
    bool ok = false;
    size_t idx = 0;
    if (isIndex(s, idx) && cur.IsSequence()) {
      if (idx < cur.size()) {
        next = cur[idx];
        mark = next.Mark();
        ok = true;
      }
    } else if (cur.IsMap()) {
      std::string key = s.size() >= 2 && s[0] == '[' && s.back() == ']' ? s.substr(1, s.size() - 2) : s;
      ok = findKey(cur, key, next, mark);
    }
    if (!ok) return loc;
    found += (s[0] == '[' || found.empty()) ? s : "." + s;
    if (mark.line >= 0) loc.line = lineOffset + mark.line + 1;
    loc.found = found;
    cur = next;
  }
  loc.exact = true;
  return loc;
}

bool matches(const YAML::Node& obj, const std::string& kind, const std::string& name) {
  if (!obj.IsMap()) return false;
  YAML::Node k, meta, n;
  YAML::Mark m;
  if (!findKey(obj, "kind", k, m) || scalar(k) != kind) return false;
  std::string objName;
  if (findKey(obj, "metadata", meta, m) && findKey(meta, "name", n, m)) objName = scalar(n);
  return objName == name;
}

bool isList(const YAML::Node& obj) {
  YAML::Node k, items;
  YAML::Mark m;
  if (!obj.IsMap() || !findKey(obj, "kind", k, m)) return false;
  std::string kind = scalar(k);
  return kind.size() >= 4 && kind.compare(kind.size() - 4, 4, "List") == 0 && findKey(obj, "items", items, m) &&
         items.IsSequence();
}

std::string trim(const std::string& s) {
  size_t a = s.find_first_not_of(" \t\r");
  if (a == std::string::npos) return "";
  size_t b = s.find_last_not_of(" \t\r");
  return s.substr(a, b - a + 1);
}

// "field: message" -> {field, message}; "message" alone when no field precedes it.
void splitCause(const std::string& text, InvalidCause& c) {
  size_t colon = text.find(": ");
  std::string head = colon == std::string::npos ? "" : text.substr(0, colon);
  bool looksLikePath = !head.empty() && head.find(' ') == std::string::npos;
  if (looksLikePath) {
    c.field = head;
    c.message = text.substr(colon + 2);
  } else {
    c.message = text;
  }
}

}  // namespace

std::vector<InvalidCause> parseInvalidCauses(const std::string& output) {
  std::vector<InvalidCause> causes;
  std::vector<std::string> lines = splitLines(output);
  for (size_t i = 0; i < lines.size(); ++i) {
    const std::string& l = lines[i];
    size_t the = l.find("The ");
    size_t inv = l.find("\" is invalid");
    if (the == std::string::npos || inv == std::string::npos || inv < the) continue;
    size_t q = l.find(" \"", the + 4);
    if (q == std::string::npos || q > inv) continue;
    InvalidCause base;
    base.kind = l.substr(the + 4, q - (the + 4));
    base.name = l.substr(q + 2, inv - (q + 2));
    std::string rest = l.substr(inv + std::string("\" is invalid").size());
    if (rest.rfind(":", 0) == 0) rest = trim(rest.substr(1));
    if (!rest.empty()) {
      InvalidCause c = base;
      splitCause(rest, c);
      causes.push_back(c);
      continue;
    }
    // One cause per following "* field: message" line.
    while (i + 1 < lines.size() && lines[i + 1].rfind("* ", 0) == 0) {
      InvalidCause c = base;
      splitCause(lines[++i].substr(2), c);
      causes.push_back(c);
    }
  }
  return causes;
}

FieldLocation locateFieldPath(const std::string& text, const std::string& kind, const std::string& name,
                              const std::string& path) {
  try {
    for (const Chunk& ch : documents(text)) {
      YAML::Node doc;
      try {
        doc = YAML::Load(ch.text);
      } catch (const YAML::Exception&) {
        continue;
      }
      if (matches(doc, kind, name)) return walk(doc, ch.firstLine0, path);
      if (isList(doc)) {
        YAML::Node items;
        YAML::Mark m;
        findKey(doc, "items", items, m);
        for (size_t i = 0; i < items.size(); ++i)
          if (matches(items[i], kind, name)) return walk(items[i], ch.firstLine0, path);
      }
    }
  } catch (...) {
  }
  return {};
}

int locateYamlError(const std::string& text, const std::string& errorText) {
  size_t p = errorText.find("yaml: line ");
  if (p == std::string::npos) return 0;
  int n = std::atoi(errorText.c_str() + p + 11);
  if (n <= 0) return 0;
  size_t first = text.find_first_not_of(" \t\r\n");
  if (first != std::string::npos && text[first] == '{') return n;
  std::vector<Chunk> chunks = yamlChunks(text);
  // The document that fails: the first one yaml-cpp rejects; else (kubectl's own checks, such as a
  // bare word at the top level) the first whose line N is a top-level line without a colon.
  for (const Chunk& ch : chunks) {
    try {
      YAML::Load(ch.text);
    } catch (const YAML::Exception&) {
      return ch.firstLine0 + n;
    } catch (...) {
    }
  }
  for (const Chunk& ch : chunks) {
    std::vector<std::string> lines = splitLines(ch.text);
    if (n <= static_cast<int>(lines.size())) {
      const std::string& l = lines[n - 1];
      if (!l.empty() && l[0] != ' ' && l[0] != '#' && l.find(':') == std::string::npos) return ch.firstLine0 + n;
    }
  }
  return n;
}

}  // namespace podplay
