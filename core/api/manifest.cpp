#include "api/manifest.h"

#include <yaml-cpp/yaml.h>

#include <cmath>
#include <cstdlib>
#include <sstream>

namespace podplay {

namespace {

const char* kStopValidate = "if you choose to ignore these errors, turn validation off with --validate=false";

int indentOf(const std::string& l) {
  int i = 0;
  while (i < (int)l.size() && (l[i] == ' ' || l[i] == '\t')) i++;
  return i;
}

bool isBlankOrComment(const std::string& l) {
  size_t i = l.find_first_not_of(" \t");
  return i == std::string::npos || l[i] == '#';
}

std::string trimmed(const std::string& l) {
  size_t a = l.find_first_not_of(" \t");
  if (a == std::string::npos) return "";
  size_t b = l.find_last_not_of(" \t");
  return l.substr(a, b - a + 1);
}

bool isSeqEntry(const std::string& l) {
  std::string t = trimmed(l);
  return t == "-" || (t.size() >= 2 && t[0] == '-' && (t[1] == ' ' || t[1] == '\t'));
}

// A line holding a mapping key: "key:" or "key: value" (outside quotes, roughly).
bool hasMappingColon(const std::string& l) {
  bool sq = false, dq = false;
  for (size_t i = 0; i < l.size(); i++) {
    char c = l[i];
    if (c == '\'' && !dq) sq = !sq;
    else if (c == '"' && !sq) dq = !dq;
    else if (c == '#' && !sq && !dq && (i == 0 || l[i - 1] == ' ')) return false;
    else if (c == ':' && !sq && !dq && (i + 1 == l.size() || l[i + 1] == ' ' || l[i + 1] == '\t')) return true;
  }
  return false;
}

bool isSimpleWord(const std::string& t) {
  if (t.empty()) return false;
  for (char c : t)
    if (!(std::isalnum((unsigned char)c) || c == '_' || c == '-' || c == '.' || c == '/')) return false;
  return t[0] != '-' && t[0] != '.';
}

// "yaml: line N: msg" in go-yaml's numbering. scanner errors report problem line + 1, parser errors the
// 0-based problem line; a 0 line drops the prefix.
std::string goYamlError(const std::string& msg, int line0, bool scanner) {
  int n = scanner ? (line0 != 0 ? line0 + 1 : 0) : line0;
  if (n <= 0) return "yaml: " + msg;
  return "yaml: line " + std::to_string(n) + ": " + msg;
}

// Map a yaml-cpp exception to go-yaml's wording.
std::string translateYamlError(const std::string& cppMsg, int line0, const std::vector<std::string>& lines) {
  auto lineAt = [&](int i) -> std::string { return i >= 0 && i < (int)lines.size() ? lines[i] : std::string(); };
  auto prevContent = [&](int from) -> int {
    for (int i = from - 1; i >= 0; i--)
      if (!isBlankOrComment(lines[i])) return i;
    return -1;
  };
  if (cppMsg == YAML::ErrorMsg::MAP_VALUE) {
    std::string l = lineAt(line0);
    size_t firstNonWs = l.find_first_not_of(" ");
    if (firstNonWs != std::string::npos && l[firstNonWs] == '\t')
      return goYamlError("found character that cannot start any token", line0, true);
    int p = prevContent(line0);
    if (p >= 0) {
      std::string t = trimmed(lineAt(p));
      if (!hasMappingColon(lineAt(p)) && !isSeqEntry(lineAt(p)) && t[0] != '{' && t[0] != '[' && t[0] != '"' &&
          t[0] != '\'' && indentOf(lineAt(p)) <= indentOf(lineAt(line0)) && t != "---")
        return goYamlError("could not find expected ':'", line0, true);
    }
    return goYamlError("mapping values are not allowed in this context", line0, true);
  }
  if (cppMsg == YAML::ErrorMsg::UNKNOWN_TOKEN || cppMsg.rfind("illegal tab", 0) == 0 ||
      cppMsg == YAML::ErrorMsg::TAB_IN_INDENTATION)
    return goYamlError("found character that cannot start any token", line0, true);
  if (cppMsg == YAML::ErrorMsg::END_OF_MAP || cppMsg == YAML::ErrorMsg::END_OF_SEQ) {
    std::string l = lineAt(line0);
    int i = indentOf(l);
    int prev = -1;
    for (int k = line0 - 1; k >= 0; k--) {
      if (isBlankOrComment(lines[k])) continue;
      if (indentOf(lines[k]) <= i) {
        prev = k;
        break;
      }
    }
    if (prev >= 0 && isSeqEntry(lines[prev])) {
      int seqCol = indentOf(lines[prev]);
      int parent = -1;
      for (int k = prev - 1; k >= 0; k--) {
        if (isBlankOrComment(lines[k])) continue;
        int ind = indentOf(lines[k]);
        if (ind == seqCol && isSeqEntry(lines[k])) continue;
        if (ind <= seqCol) {
          parent = k;
          break;
        }
      }
      if (parent >= 0 && indentOf(lines[parent]) == seqCol)
        return goYamlError("did not find expected key", line0, false);
      return goYamlError("did not find expected '-' indicator", line0, false);
    }
    return goYamlError("did not find expected key", line0, false);
  }
  if (cppMsg == YAML::ErrorMsg::END_OF_MAP_FLOW) return goYamlError("did not find expected ',' or '}'", line0, false);
  if (cppMsg == YAML::ErrorMsg::END_OF_SEQ_FLOW) return goYamlError("did not find expected ',' or ']'", line0, false);
  if (cppMsg == YAML::ErrorMsg::BLOCK_ENTRY)
    return goYamlError("block sequence entries are not allowed in this context", line0, true);
  if (cppMsg == YAML::ErrorMsg::MAP_KEY) return goYamlError("mapping keys are not allowed in this context", line0, true);
  if (cppMsg.rfind(YAML::ErrorMsg::INVALID_ESCAPE, 0) == 0)
    return goYamlError("found unknown escape character while parsing a quoted scalar", line0, true);
  if (cppMsg == YAML::ErrorMsg::EOF_IN_SCALAR) return goYamlError("found unexpected end of stream", line0, true);
  if (cppMsg == YAML::ErrorMsg::UNKNOWN_ANCHOR) return "yaml: unknown anchor referenced";
  return goYamlError(cppMsg, line0, true);
}

// Pre-check for a bare top-level word after a "key: value" line, which yaml-cpp folds into the previous
// scalar but go-yaml rejects ("could not find expected ':'").
bool bareTopLevelWord(const std::vector<std::string>& lines, int& line0) {
  int lastKey = -1;
  int depth = 0;
  for (int i = 0; i < (int)lines.size(); i++) {
    const std::string& l = lines[i];
    if (isBlankOrComment(l)) continue;
    for (char c : l) {
      if (c == '[' || c == '{') depth++;
      if (c == ']' || c == '}') depth--;
    }
    if (depth != 0) return false;
    if (indentOf(l) != 0) {
      lastKey = -1;
      continue;
    }
    std::string t = trimmed(l);
    if (hasMappingColon(l)) {
      size_t c = l.find(':');
      std::string rest = trimmed(l.substr(c + 1));
      // only a plain inline value can be (wrongly) continued
      lastKey = (!rest.empty() && rest[0] != '|' && rest[0] != '>' && rest[0] != '"' && rest[0] != '\'' &&
                 rest[0] != '&' && rest[0] != '!' && rest[0] != '#')
                    ? i
                    : -1;
      continue;
    }
    if (lastKey >= 0 && isSimpleWord(t)) {
      line0 = i + 1;  // go-yaml reports the line after the bare word (problem mark + 1 applied later)
      return true;
    }
    lastKey = -1;
  }
  return false;
}

json numberFromDouble(double d) {
  if (std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 9.2e18) return json((int64_t)d);
  return json(d);
}

json convertNode(const YAML::Node& n, int depth);

void mergeInto(json& obj, const json& src) {
  if (!src.is_object()) return;
  for (auto& [k, v] : src.items())
    if (!obj.contains(k)) obj[k] = v;
}

json convertNode(const YAML::Node& n, int depth) {
  if (depth > 200) return nullptr;
  switch (n.Type()) {
    case YAML::NodeType::Undefined:
    case YAML::NodeType::Null:
      return nullptr;
    case YAML::NodeType::Scalar: {
      const std::string& tag = n.Tag();
      const std::string& v = n.Scalar();
      if (tag == "?" ) return resolveYamlScalar(v);
      if (tag == "tag:yaml.org,2002:int" || tag == "tag:yaml.org,2002:float" || tag == "tag:yaml.org,2002:bool" ||
          tag == "tag:yaml.org,2002:null")
        return resolveYamlScalar(v);
      return json(v);  // "!" (quoted / block scalar), !!str, custom tags
    }
    case YAML::NodeType::Sequence: {
      json arr = json::array();
      for (const auto& it : n) arr.push_back(convertNode(it, depth + 1));
      return arr;
    }
    case YAML::NodeType::Map: {
      json obj = json::object();
      std::vector<json> merges;
      for (const auto& it : n) {
        std::string key;
        if (it.first.IsScalar()) {
          if (it.first.Tag() == "?") {
            json k = resolveYamlScalar(it.first.Scalar());
            key = k.is_string() ? k.get<std::string>() : (k.is_null() ? "null" : k.dump());
          } else {
            key = it.first.Scalar();
          }
        } else if (it.first.IsNull()) {
          key = "null";
        } else {
          key = convertNode(it.first, depth + 1).dump();
        }
        if (key == "<<" && it.first.Tag() == "?") {
          json m = convertNode(it.second, depth + 1);
          if (m.is_array())
            for (auto& e : m) merges.push_back(e);
          else
            merges.push_back(m);
          continue;
        }
        obj[key] = convertNode(it.second, depth + 1);
      }
      for (auto& m : merges) mergeInto(obj, m);
      return obj;
    }
  }
  return nullptr;
}

std::string kindCheck(const json& obj) {
  // kubectl validation getObjectKind
  std::vector<std::string> errs;
  if (!obj.is_object()) return "invalid object to validate";
  auto av = obj.find("apiVersion");
  if (av == obj.end() || av->is_null())
    errs.push_back("apiVersion not set");
  else if (!av->is_string())
    errs.push_back("apiVersion isn't string type");
  auto k = obj.find("kind");
  if (k == obj.end() || k->is_null())
    errs.push_back("kind not set");
  else if (!k->is_string())
    errs.push_back("kind isn't string type");
  if (errs.empty()) return "";
  if (errs.size() == 1) return errs[0];
  std::string s = "[";
  for (size_t i = 0; i < errs.size(); i++) s += (i ? ", " : "") + errs[i];
  return s + "]";
}

bool isListKind(const json& obj) {
  if (!obj.is_object()) return false;
  auto k = obj.find("kind");
  if (k == obj.end() || !k->is_string()) return false;
  std::string kind = k->get<std::string>();
  return kind.size() >= 4 && kind.compare(kind.size() - 4, 4, "List") == 0 && obj.contains("items") &&
         (obj["items"].is_array() || obj["items"].is_null());
}

// Adds obj (expanding Lists) to res; returns false and sets res.error on an invalid object.
bool addObject(ManifestResult& res, const json& obj, int line, const std::string& source) {
  std::string kerr = kindCheck(obj);
  if (!kerr.empty()) {
    res.error = "error: error validating \"" + source + "\": error validating data: " + kerr + "; " + kStopValidate;
    return false;
  }
  if (isListKind(obj)) {
    if (obj["items"].is_array())
      for (const auto& item : obj["items"]) {
        if (!item.is_object() || !item.contains("kind") || !item["kind"].is_string() ||
            item["kind"].get<std::string>().empty()) {
          res.error = "error: unable to decode \"" + source + "\": Object 'Kind' is missing in '" + item.dump() + "'";
          return false;
        }
        if (!addObject(res, item, line, source)) return false;
      }
    return true;
  }
  res.docs.push_back({obj, line});
  return true;
}

void parseJsonStream(const std::string& text, const std::string& source, ManifestResult& res) {
  std::istringstream in(text);
  while (true) {
    in >> std::ws;
    if (in.eof() || in.peek() == EOF) return;
    std::streamoff start = in.tellg();
    int line = 1;
    for (std::streamoff i = 0; i < start && i < (std::streamoff)text.size(); i++)
      if (text[(size_t)i] == '\n') line++;
    json j;
    try {
      in >> j;
    } catch (const json::parse_error& e) {
      std::string what = e.what();
      size_t off = e.byte;
      std::string msg;
      if (what.find("unexpected end of input") != std::string::npos) {
        msg = "unexpected EOF";
      } else {
        size_t abs = (size_t)start + (off > 0 ? off - 1 : 0);
        char c = abs < text.size() ? text[abs] : ' ';
        msg = "json: offset " + std::to_string(off) + ": invalid character '" + std::string(1, c) +
              "' looking for beginning of value";
      }
      res.error = "error: error parsing " + source + ": " + msg;
      return;
    } catch (...) {
      res.error = "error: error parsing " + source + ": unexpected EOF";
      return;
    }
    if (j.is_null()) continue;
    if (!addObject(res, j, line, source)) return;
  }
}

}  // namespace

json resolveYamlScalar(const std::string& in) {
  static const char* nulls[] = {"", "~", "null", "Null", "NULL"};
  for (auto* s : nulls)
    if (in == s) return nullptr;
  static const char* trues[] = {"y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"};
  static const char* falses[] = {"n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"};
  for (auto* s : trues)
    if (in == s) return true;
  for (auto* s : falses)
    if (in == s) return false;
  char c = in[0];
  if (!(std::isdigit((unsigned char)c) || c == '+' || c == '-' || c == '.')) return in;
  // ints: strconv.ParseInt(plain without '_', 0, 64)
  std::string plain;
  for (char ch : in)
    if (ch != '_') plain += ch;
  {
    size_t i = 0;
    bool neg = false;
    if (plain[0] == '+' || plain[0] == '-') {
      neg = plain[0] == '-';
      i = 1;
    }
    int base = 10;
    size_t digitsFrom = i;
    if (plain.size() > i + 1 && plain[i] == '0' && (plain[i + 1] == 'x' || plain[i + 1] == 'X')) {
      base = 16;
      digitsFrom = i + 2;
    } else if (plain.size() > i + 1 && plain[i] == '0' && (plain[i + 1] == 'b' || plain[i + 1] == 'B')) {
      base = 2;
      digitsFrom = i + 2;
    } else if (plain.size() > i + 1 && plain[i] == '0' && (plain[i + 1] == 'o' || plain[i + 1] == 'O')) {
      base = 8;
      digitsFrom = i + 2;
    } else if (plain.size() > i + 1 && plain[i] == '0') {
      base = 8;
      digitsFrom = i + 1;
    }
    bool ok = digitsFrom < plain.size();
    unsigned __int128 v = 0;
    for (size_t k = digitsFrom; ok && k < plain.size(); k++) {
      int d;
      char ch = plain[k];
      if (ch >= '0' && ch <= '9') d = ch - '0';
      else if (ch >= 'a' && ch <= 'f') d = 10 + ch - 'a';
      else if (ch >= 'A' && ch <= 'F') d = 10 + ch - 'A';
      else { ok = false; break; }
      if (d >= base) { ok = false; break; }
      v = v * base + d;
      if (v > (unsigned __int128)UINT64_MAX) { ok = false; break; }
    }
    if (ok) {
      if (!neg && v <= (unsigned __int128)INT64_MAX) return json((int64_t)v);
      if (neg && v <= (unsigned __int128)INT64_MAX + 1) return json((int64_t)(-(__int128)v));
      if (!neg) return json((uint64_t)v);
    }
  }
  // floats: ^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$
  {
    size_t i = 0;
    const std::string& s = in;
    if (s[i] == '+' || s[i] == '-') i++;
    size_t st = i;
    bool ok = true;
    if (i < s.size() && s[i] == '.') {
      i++;
      size_t d = i;
      while (i < s.size() && std::isdigit((unsigned char)s[i])) i++;
      if (i == d) ok = false;
    } else {
      while (i < s.size() && std::isdigit((unsigned char)s[i])) i++;
      if (i == st) ok = false;
      if (i < s.size() && s[i] == '.') {
        i++;
        while (i < s.size() && std::isdigit((unsigned char)s[i])) i++;
      }
    }
    if (ok && i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
      i++;
      if (i < s.size() && (s[i] == '+' || s[i] == '-')) i++;
      size_t d = i;
      while (i < s.size() && std::isdigit((unsigned char)s[i])) i++;
      if (i == d) ok = false;
    }
    if (ok && i == s.size()) {
      double d = std::strtod(s.c_str(), nullptr);
      if (std::isfinite(d)) return numberFromDouble(d);
    }
  }
  static const char* infs[] = {".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF",
                               ".nan", ".NaN", ".NAN"};
  for (auto* s : infs)
    if (in == s) return in;  // not representable in JSON; kept as text
  return in;
}

std::vector<std::string> splitLines(const std::string& text) {
  std::vector<std::string> lines;
  std::string cur;
  for (char c : text) {
    if (c == '\n') {
      if (!cur.empty() && cur.back() == '\r') cur.pop_back();
      lines.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  if (!cur.empty()) lines.push_back(cur);
  return lines;
}

ManifestResult parseManifests(const std::string& text, const std::string& source) {
  ManifestResult res;
  try {
    size_t first = text.find_first_not_of(" \t\r\n");
    if (first == std::string::npos) return res;
    if (text[first] == '{') {
      parseJsonStream(text, source, res);
      return res;
    }
    std::vector<std::string> lines = splitLines(text);
    // Split into documents like k8s.io/apimachinery yaml.YAMLReader: a line beginning with "---".
    size_t i = 0;
    while (i <= lines.size()) {
      std::vector<std::string> chunk;
      int startLine = (int)i;  // 0-based first line of chunk
      while (i < lines.size()) {
        const std::string& l = lines[i];
        if (l.rfind("---", 0) == 0) {
          std::string rest = trimmed(l.substr(3));
          if (!rest.empty() && rest[0] != '#') {
            res.error = "error: error parsing " + source + ": invalid Yaml document separator: " + rest;
            return res;
          }
          break;
        }
        chunk.push_back(l);
        i++;
      }
      bool atSep = i < lines.size();
      // content?
      int firstContent = -1;
      for (int k = 0; k < (int)chunk.size(); k++)
        if (!isBlankOrComment(chunk[k])) {
          firstContent = k;
          break;
        }
      if (firstContent >= 0) {
        std::string doc;
        for (auto& l : chunk) doc += l + "\n";
        int bad;
        if (bareTopLevelWord(chunk, bad)) {
          res.error = "error: error parsing " + source + ": error converting YAML to JSON: " +
                      goYamlError("could not find expected ':'", bad, true);
          return res;
        }
        YAML::Node node;
        try {
          node = YAML::Load(doc);
        } catch (const YAML::Exception& e) {
          res.error = "error: error parsing " + source + ": error converting YAML to JSON: " +
                      translateYamlError(e.msg, e.mark.line, chunk);
          return res;
        }
        json obj = convertNode(node, 0);
        if (!obj.is_null()) {
          if (!addObject(res, obj, startLine + firstContent + 1, source)) return res;
        }
      }
      if (!atSep) break;
      i++;  // skip separator
    }
  } catch (const std::exception& e) {
    res.error = std::string("error: error parsing ") + source + ": " + e.what();
  } catch (...) {
    res.error = "error: error parsing " + source + ": unknown error";
  }
  return res;
}

}  // namespace podplay
