#include "printers/output.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <cstdio>
#include <cstring>
#include <deque>
#include <set>
#include <vector>

#include "util/quantity.h"

namespace podplay {
namespace {

// ---------------------------------------------------------------- numbers

// strconv.FormatFloat(f, fmtc, -1, 64) for fmtc 'g' (Go %v) or 'f'/'e' as Go json uses them.
std::string goFloat(double f, char fmtc) {
  if (std::isnan(f)) return "NaN";
  if (std::isinf(f)) return f > 0 ? "+Inf" : "-Inf";
  if (f == 0) return std::signbit(f) ? "-0" : "0";
  // Shortest round-trip scientific form (portable: Emscripten's libc++ lacks floating to_chars).
  char buf[64];
  for (int prec = 0; prec <= 17; ++prec) {
    std::snprintf(buf, sizeof buf, "%.*e", prec, f);
    if (std::strtod(buf, nullptr) == f) break;
  }
  std::string sci(buf);
  // sci = [-]d[.ddd]e[+-]xx
  bool neg = sci[0] == '-';
  if (neg) sci = sci.substr(1);
  size_t epos = sci.find('e');
  std::string mant = sci.substr(0, epos);
  int exp = std::stoi(sci.substr(epos + 1));
  std::string digits;
  for (char c : mant)
    if (c != '.') digits.push_back(c);
  int nd = static_cast<int>(digits.size());
  auto expForm = [&]() {
    std::string r = digits.substr(0, 1);
    if (nd > 1) r += "." + digits.substr(1);
    char eb[16];
    std::snprintf(eb, sizeof eb, "e%c%02d", exp < 0 ? '-' : '+', exp < 0 ? -exp : exp);
    return r + eb;
  };
  auto fixedForm = [&]() {
    int dp = exp + 1;  // digits before the decimal point
    std::string r;
    if (dp <= 0) {
      r = "0." + std::string(static_cast<size_t>(-dp), '0') + digits;
    } else if (dp >= nd) {
      r = digits + std::string(static_cast<size_t>(dp - nd), '0');
    } else {
      r = digits.substr(0, static_cast<size_t>(dp)) + "." + digits.substr(static_cast<size_t>(dp));
    }
    return r;
  };
  std::string r;
  if (fmtc == 'g') r = (exp < -4 || exp >= 6) ? expForm() : fixedForm();  // shortest: eprec = 6
  else if (fmtc == 'e') r = expForm();
  else r = fixedForm();
  return neg ? "-" + r : r;
}

// ---------------------------------------------------------------- Go JSON

void goJsonString(std::string& out, const std::string& s) {
  static const char* hex = "0123456789abcdef";
  out.push_back('"');
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        case '<':
        case '>':
        case '&':
          out += "\\u00";
          out.push_back(hex[c >> 4]);
          out.push_back(hex[c & 15]);
          break;
        default:
          if (c < 0x20) {
            out += "\\u00";
            out.push_back(hex[c >> 4]);
            out.push_back(hex[c & 15]);
          } else {
            out.push_back(static_cast<char>(c));
          }
      }
      ++i;
      continue;
    }
    // Validate one UTF-8 sequence; invalid bytes become U+FFFD.
    int len = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
    bool ok = len > 0 && i + len <= s.size();
    for (int k = 1; ok && k < len; ++k)
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) ok = false;
    if (!ok) {
      out += "\xEF\xBF\xBD";
      ++i;
      continue;
    }
    std::string seq = s.substr(i, static_cast<size_t>(len));
    if (seq == "\xE2\x80\xA8") out += "\\u2028";
    else if (seq == "\xE2\x80\xA9") out += "\\u2029";
    else out += seq;
    i += static_cast<size_t>(len);
  }
  out.push_back('"');
}

void goJson(std::string& out, const json& v, int indent, int depth) {
  auto nl = [&](int d) {
    if (indent < 0) return;
    out.push_back('\n');
    out.append(static_cast<size_t>(indent * d), ' ');
  };
  switch (v.type()) {
    case json::value_t::object: {
      if (v.empty()) {
        out += "{}";
        return;
      }
      out.push_back('{');
      bool first = true;
      for (auto it = v.begin(); it != v.end(); ++it) {
        if (!first) out.push_back(',');
        first = false;
        nl(depth + 1);
        goJsonString(out, it.key());
        out += indent < 0 ? ":" : ": ";
        goJson(out, it.value(), indent, depth + 1);
      }
      nl(depth);
      out.push_back('}');
      return;
    }
    case json::value_t::array: {
      if (v.empty()) {
        out += "[]";
        return;
      }
      out.push_back('[');
      bool first = true;
      for (const auto& e : v) {
        if (!first) out.push_back(',');
        first = false;
        nl(depth + 1);
        goJson(out, e, indent, depth + 1);
      }
      nl(depth);
      out.push_back(']');
      return;
    }
    case json::value_t::string: goJsonString(out, v.get_ref<const std::string&>()); return;
    case json::value_t::boolean: out += v.get<bool>() ? "true" : "false"; return;
    case json::value_t::number_integer: out += std::to_string(v.get<int64_t>()); return;
    case json::value_t::number_unsigned: out += std::to_string(v.get<uint64_t>()); return;
    case json::value_t::number_float: {
      double f = v.get<double>();
      double a = std::fabs(f);
      if (a != 0 && (a < 1e-6 || a >= 1e21)) {
        std::string e = goFloat(f, 'e');
        size_t n = e.size();
        if (n >= 4 && e[n - 4] == 'e' && e[n - 3] == '-' && e[n - 2] == '0') e.erase(n - 2, 1);
        out += e;
      } else {
        out += goFloat(f, 'f');
      }
      return;
    }
    default: out += "null"; return;
  }
}

// ---------------------------------------------------------------- YAML (go-yaml v2 emitter)

bool isDigit(char c) { return c >= '0' && c <= '9'; }

bool parseGoInt(const std::string& s) {
  // strconv.ParseInt/ParseUint(s, 0, 64) after '_' removal (range checked loosely via length).
  size_t i = 0;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
  if (i >= s.size()) return false;
  std::string body = s.substr(i);
  int base = 10;
  if (body.size() > 1 && body[0] == '0') {
    char p = static_cast<char>(std::tolower(static_cast<unsigned char>(body[1])));
    if (p == 'x') base = 16, body = body.substr(2);
    else if (p == 'o') base = 8, body = body.substr(2);
    else if (p == 'b') base = 2, body = body.substr(2);
    else base = 8, body = body.substr(1);
  }
  if (body.empty()) return false;
  for (char c : body) {
    int d;
    if (isDigit(c)) d = c - '0';
    else if (c >= 'a' && c <= 'f') d = c - 'a' + 10;
    else if (c >= 'A' && c <= 'F') d = c - 'A' + 10;
    else return false;
    if (d >= base) return false;
  }
  // Overflowing values fail ParseInt/ParseUint; decimal overflow still matches the float regex.
  if (base == 10 && body.size() > 20) return false;
  return true;
}

bool yamlStyleFloat(const std::string& s) {
  // ^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$
  size_t i = 0, n = s.size();
  if (i < n && (s[i] == '+' || s[i] == '-')) ++i;
  if (i < n && s[i] == '.') {
    ++i;
    size_t st = i;
    while (i < n && isDigit(s[i])) ++i;
    if (i == st) return false;
  } else {
    size_t st = i;
    while (i < n && isDigit(s[i])) ++i;
    if (i == st) return false;
    if (i < n && s[i] == '.') {
      ++i;
      while (i < n && isDigit(s[i])) ++i;
    }
  }
  if (i < n && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < n && (s[i] == '+' || s[i] == '-')) ++i;
    size_t st = i;
    while (i < n && isDigit(s[i])) ++i;
    if (i == st) return false;
  }
  return i == n;
}

bool goParseFloat(const std::string& s) {
  // strconv.ParseFloat accepts decimal/hex floats, inf/infinity/nan (any case), underscores.
  std::string l;
  for (char c : s) l.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  std::string b = l;
  if (!b.empty() && (b[0] == '+' || b[0] == '-')) b = b.substr(1);
  if (b == "inf" || b == "infinity" || b == "nan") return true;
  std::string plain;
  for (char c : l)
    if (c != '_') plain.push_back(c);
  if (yamlStyleFloat(plain)) return true;
  return false;
}

int num(const std::string& s, size_t& i, size_t minD, size_t maxD) {
  size_t st = i;
  int v = 0;
  while (i < s.size() && isDigit(s[i]) && i - st < maxD) v = v * 10 + (s[i++] - '0');
  if (i - st < minD) return -1;
  return v;
}

bool isTimestamp(const std::string& s) {
  size_t i = 0;
  while (i < s.size() && isDigit(s[i])) ++i;
  if (i != 4 || i == s.size() || s[i] != '-') return false;
  ++i;
  int mo = num(s, i, 1, 2);
  if (mo < 1 || mo > 12 || i >= s.size() || s[i] != '-') return false;
  ++i;
  int d = num(s, i, 1, 2);
  if (d < 1 || d > 31) return false;
  if (i == s.size()) return true;
  char sep = s[i];
  if (sep != 'T' && sep != 't' && sep != ' ') return false;
  ++i;
  int h = num(s, i, 1, 2);
  if (h < 0 || h > 23 || i >= s.size() || s[i] != ':') return false;
  ++i;
  int m = num(s, i, 1, 2);
  if (m < 0 || m > 59 || i >= s.size() || s[i] != ':') return false;
  ++i;
  int sec = num(s, i, 1, 2);
  if (sec < 0 || sec > 59) return false;
  if (i < s.size() && s[i] == '.') {
    ++i;
    size_t st = i;
    while (i < s.size() && isDigit(s[i])) ++i;
    if (i == st) return false;
  }
  if (sep == ' ') return i == s.size();
  if (i == s.size()) return false;  // "Z07:00" is required in the T layouts
  if (s[i] == 'Z') return i + 1 == s.size();
  if (s[i] != '+' && s[i] != '-') return false;
  ++i;
  int zh = num(s, i, 2, 2);
  if (zh < 0 || i >= s.size() || s[i] != ':') return false;
  ++i;
  int zm = num(s, i, 2, 2);
  return zm >= 0 && i == s.size();
}

bool isBase60Float(const std::string& s) {
  // ^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$
  size_t i = 0, n = s.size();
  if (i < n && (s[i] == '+' || s[i] == '-')) ++i;
  if (i >= n || !isDigit(s[i])) return false;
  ++i;
  while (i < n && (isDigit(s[i]) || s[i] == '_')) ++i;
  int groups = 0;
  while (i < n && s[i] == ':') {
    ++i;
    if (i + 1 < n && s[i] >= '0' && s[i] <= '5' && isDigit(s[i + 1])) i += 2;
    else if (i < n && isDigit(s[i])) i += 1;
    else return false;
    ++groups;
  }
  if (groups == 0) return false;
  if (i < n && s[i] == '.') {
    ++i;
    while (i < n && (isDigit(s[i]) || s[i] == '_')) ++i;
  }
  return i == n;
}

// resolve("", s) != !!str
bool resolvesNonString(const std::string& s) {
  if (s.empty()) return true;
  char c = s[0];
  bool hintM = std::strchr("yYnNtTfFoO~", c) != nullptr;
  bool hintD = isDigit(c), hintS = c == '+' || c == '-', hintDot = c == '.';
  if (!(hintM || hintD || hintS || hintDot)) return false;
  static const std::set<std::string> special = {
      "~",     "null",  "Null",  "NULL",  "y",     "Y",     "yes",   "Yes",   "YES",   "n",     "N",
      "no",    "No",    "NO",    "true",  "True",  "TRUE",  "false", "False", "FALSE", "on",    "On",
      "ON",    "off",   "Off",   "OFF",   ".nan",  ".NaN",  ".NAN",  ".inf",  ".Inf",  ".INF",  "+.inf",
      "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF"};
  if (special.count(s)) return true;
  if (hintDot) return goParseFloat(s);
  if (hintD || hintS) {
    if (isTimestamp(s)) return true;
    std::string plain;
    for (char ch : s)
      if (ch != '_') plain.push_back(ch);
    if (parseGoInt(plain)) return true;
    if (yamlStyleFloat(plain)) return true;
    if (plain.rfind("0b", 0) == 0 || plain.rfind("-0b", 0) == 0) {
      std::string b = plain.substr(plain[0] == '-' ? 3 : 2);
      if (!b.empty() && b.find_first_not_of("01") == std::string::npos) return true;
    }
  }
  return false;
}

struct ScalarAnalysis {
  bool multiline = false, blockPlainAllowed = true, singleQuotedAllowed = true, blockAllowed = true;
};

bool isBreakAt(const std::string& v, size_t i) { return v[i] == '\n' || v[i] == '\r'; }
bool isBlankzAt(const std::string& v, size_t i) {
  return i >= v.size() || v[i] == ' ' || v[i] == '\t' || v[i] == '\n' || v[i] == '\r' || v[i] == '\0';
}
size_t utf8Width(unsigned char c) {
  if ((c & 0x80) == 0) return 1;
  if ((c & 0xE0) == 0xC0) return 2;
  if ((c & 0xF0) == 0xE0) return 3;
  if ((c & 0xF8) == 0xF0) return 4;
  return 1;
}
bool isPrintableAt(const std::string& v, size_t i) {
  unsigned char b = static_cast<unsigned char>(v[i]);
  unsigned char b1 = i + 1 < v.size() ? static_cast<unsigned char>(v[i + 1]) : 0;
  unsigned char b2 = i + 2 < v.size() ? static_cast<unsigned char>(v[i + 2]) : 0;
  return b == 0x0A || (b >= 0x20 && b <= 0x7E) || (b == 0xC2 && b1 >= 0xA0) || (b > 0xC2 && b < 0xED) ||
         (b == 0xED && b1 < 0xA0) || b == 0xEE ||
         (b == 0xEF && !(b1 == 0xBB && b2 == 0xBF) && !(b1 == 0xBF && (b2 == 0xBE || b2 == 0xBF)));
}

ScalarAnalysis analyze(const std::string& v) {
  ScalarAnalysis a;
  if (v.empty()) {
    a.blockPlainAllowed = true;
    a.singleQuotedAllowed = true;
    a.blockAllowed = false;
    return a;
  }
  bool blockInd = false, flowInd = false, lineBreaks = false, special = false;
  bool leadingSpace = false, leadingBreak = false, trailingSpace = false, trailingBreak = false;
  bool breakSpace = false, spaceBreak = false, precededByWs = true, prevSpace = false, prevBreak = false;
  if (v.size() >= 3 && (v.compare(0, 3, "---") == 0 || v.compare(0, 3, "...") == 0)) blockInd = flowInd = true;
  for (size_t i = 0, w; i < v.size(); i += w) {
    w = utf8Width(static_cast<unsigned char>(v[i]));
    bool followedByWs = i + w >= v.size() || v[i + w] == ' ' || v[i + w] == '\t';
    char c = v[i];
    if (i == 0) {
      switch (c) {
        case '#': case ',': case '[': case ']': case '{': case '}': case '&': case '*': case '!': case '|':
        case '>': case '\'': case '"': case '%': case '@': case '`':
          flowInd = blockInd = true;
          break;
        case '?': case ':':
          flowInd = true;
          if (followedByWs) blockInd = true;
          break;
        case '-':
          if (followedByWs) flowInd = blockInd = true;
          break;
        default: break;
      }
    } else {
      switch (c) {
        case ',': case '?': case '[': case ']': case '{': case '}': flowInd = true; break;
        case ':':
          flowInd = true;
          if (followedByWs) blockInd = true;
          break;
        case '#':
          if (precededByWs) flowInd = blockInd = true;
          break;
        default: break;
      }
    }
    if (!isPrintableAt(v, i)) special = true;
    if (c == ' ') {
      if (i == 0) leadingSpace = true;
      if (i + w == v.size()) trailingSpace = true;
      if (prevBreak) breakSpace = true;
      prevSpace = true;
      prevBreak = false;
    } else if (isBreakAt(v, i)) {
      lineBreaks = true;
      if (i == 0) leadingBreak = true;
      if (i + w == v.size()) trailingBreak = true;
      if (prevSpace) spaceBreak = true;
      prevSpace = false;
      prevBreak = true;
    } else {
      prevSpace = prevBreak = false;
    }
    precededByWs = isBlankzAt(v, i);
  }
  a.multiline = lineBreaks;
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) a.blockPlainAllowed = false;
  if (trailingSpace) a.blockAllowed = false;
  if (breakSpace) a.blockPlainAllowed = a.singleQuotedAllowed = false;
  if (spaceBreak || special) a.blockPlainAllowed = a.singleQuotedAllowed = a.blockAllowed = false;
  if (lineBreaks) a.blockPlainAllowed = false;
  (void)flowInd;
  if (blockInd) a.blockPlainAllowed = false;
  return a;
}

class YamlEmitter {
 public:
  std::string out;

  void node(const json& v, int indent) {  // top level
    if (v.is_object() && !v.empty()) mapping(v, indent, true);
    else if (v.is_array() && !v.empty()) sequence(v, indent, true);
    else scalarValue(v, indent);
    if (out.empty() || out.back() != '\n') put('\n');
  }

 private:
  int column = 0;
  static constexpr int kBestWidth = 80;

  void put(char c) {
    out.push_back(c);
    if (c == '\n') column = 0;
    else if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++column;
  }
  void puts(const std::string& s) {
    for (char c : s) put(c);
  }
  void lineStart(int indent) {
    if (!out.empty() && out.back() != '\n') put('\n');
    while (column < indent) put(' ');
  }
  void foldIndent(int indent) {
    put('\n');
    while (column < indent) put(' ');
  }

  void mapping(const json& m, int indent, bool firstOnNewLine) {
    std::vector<std::string> keys;
    for (auto it = m.begin(); it != m.end(); ++it) keys.push_back(it.key());
    std::stable_sort(keys.begin(), keys.end(), yamlKeyLess);
    bool first = true;
    for (const auto& k : keys) {
      if (!first || firstOnNewLine) lineStart(indent);
      first = false;
      scalarString(k, indent, true);
      put(':');
      const json& v = m[k];
      if (v.is_object() && !v.empty()) {
        mapping(v, indent + 2, true);
      } else if (v.is_array() && !v.empty()) {
        sequence(v, indent, true);
      } else {
        put(' ');
        scalarValue(v, indent + 2);
      }
    }
  }

  void sequence(const json& s, int indent, bool firstOnNewLine) {
    bool first = true;
    for (const auto& v : s) {
      if (!first || firstOnNewLine) lineStart(indent);
      first = false;
      put('-');
      put(' ');
      if (v.is_object() && !v.empty()) mapping(v, indent + 2, false);
      else if (v.is_array() && !v.empty()) sequence(v, indent + 2, false);
      else scalarValue(v, indent + 2);
    }
  }

  void scalarValue(const json& v, int contIndent) {
    switch (v.type()) {
      case json::value_t::object: puts("{}"); return;
      case json::value_t::array: puts("[]"); return;
      case json::value_t::string: scalarString(v.get_ref<const std::string&>(), contIndent, false); return;
      case json::value_t::boolean: puts(v.get<bool>() ? "true" : "false"); return;
      case json::value_t::number_integer: puts(std::to_string(v.get<int64_t>())); return;
      case json::value_t::number_unsigned: puts(std::to_string(v.get<uint64_t>())); return;
      case json::value_t::number_float: {
        double f = v.get<double>();
        std::string s = goFloat(f, 'g');
        if (s == "+Inf") s = ".inf";
        else if (s == "-Inf") s = "-.inf";
        else if (s == "NaN") s = ".nan";
        puts(s);
        return;
      }
      default: puts("null"); return;
    }
  }

  enum class Style { Plain, Single, Double, Literal };

  void scalarString(const std::string& s, int indent, bool simpleKey) {
    Style style;
    bool canUsePlain = !resolvesNonString(s) && !isBase60Float(s);
    if (s.find('\n') != std::string::npos) style = Style::Literal;
    else if (canUsePlain) style = Style::Plain;
    else style = Style::Double;
    ScalarAnalysis a = analyze(s);
    if (simpleKey && a.multiline) style = Style::Double;
    if (style == Style::Plain) {
      if (!a.blockPlainAllowed) style = Style::Single;
      if (s.empty() && simpleKey) style = Style::Single;
    }
    if (style == Style::Single && !a.singleQuotedAllowed) style = Style::Double;
    if (style == Style::Literal && (!a.blockAllowed || simpleKey)) style = Style::Double;
    bool allowBreaks = !simpleKey;
    switch (style) {
      case Style::Plain: writePlain(s, indent, allowBreaks); break;
      case Style::Single: writeSingle(s, indent, allowBreaks); break;
      case Style::Double: writeDouble(s, indent, allowBreaks); break;
      case Style::Literal: writeLiteral(s, indent); break;
    }
  }

  void writePlain(const std::string& v, int indent, bool allowBreaks) {
    bool spaces = false;
    for (size_t i = 0; i < v.size();) {
      if (v[i] == ' ') {
        bool nextSpace = i + 1 < v.size() && v[i + 1] == ' ';
        if (allowBreaks && !spaces && column > kBestWidth && !nextSpace) foldIndent(indent);
        else put(' ');
        ++i;
        spaces = true;
      } else {
        size_t w = utf8Width(static_cast<unsigned char>(v[i]));
        for (size_t k = 0; k < w && i < v.size(); ++k) put(v[i++]);
        spaces = false;
      }
    }
  }

  void writeSingle(const std::string& v, int indent, bool allowBreaks) {
    put('\'');
    bool spaces = false, breaks = false;
    for (size_t i = 0; i < v.size();) {
      if (v[i] == ' ') {
        if (allowBreaks && !spaces && column > kBestWidth && i > 0 && i < v.size() - 1 && v[i + 1] != ' ')
          foldIndent(indent);
        else put(' ');
        ++i;
        spaces = true;
      } else if (isBreakAt(v, i)) {
        if (!breaks && v[i] == '\n') put('\n');
        put('\n');
        ++i;
        breaks = true;
      } else {
        if (breaks) {
          while (column < indent) put(' ');
        }
        if (v[i] == '\'') put('\'');
        size_t w = utf8Width(static_cast<unsigned char>(v[i]));
        for (size_t k = 0; k < w && i < v.size(); ++k) put(v[i++]);
        spaces = breaks = false;
      }
    }
    put('\'');
  }

  void writeDouble(const std::string& v, int indent, bool allowBreaks) {
    static const char* hex = "0123456789ABCDEF";
    put('"');
    bool spaces = false;
    for (size_t i = 0; i < v.size();) {
      unsigned char c = static_cast<unsigned char>(v[i]);
      size_t w = utf8Width(c);
      bool bom = c == 0xEF && i + 2 < v.size() && static_cast<unsigned char>(v[i + 1]) == 0xBB &&
                 static_cast<unsigned char>(v[i + 2]) == 0xBF;
      if (!isPrintableAt(v, i) || bom || isBreakAt(v, i) || c == '"' || c == '\\') {
        // decode rune
        uint32_t r = c;
        if (w > 1 && i + w <= v.size()) {
          r = c & (0xFF >> (w + 1));
          for (size_t k = 1; k < w; ++k) r = (r << 6) | (static_cast<unsigned char>(v[i + k]) & 0x3F);
        } else {
          w = 1;
        }
        put('\\');
        switch (r) {
          case 0x00: put('0'); break;
          case 0x07: put('a'); break;
          case 0x08: put('b'); break;
          case 0x09: put('t'); break;
          case 0x0A: put('n'); break;
          case 0x0B: put('v'); break;
          case 0x0C: put('f'); break;
          case 0x0D: put('r'); break;
          case 0x1B: put('e'); break;
          case 0x22: put('"'); break;
          case 0x5C: put('\\'); break;
          case 0x85: put('N'); break;
          case 0xA0: put('_'); break;
          case 0x2028: put('L'); break;
          case 0x2029: put('P'); break;
          default: {
            int digits;
            if (r <= 0xFF) put('x'), digits = 2;
            else if (r <= 0xFFFF) put('u'), digits = 4;
            else put('U'), digits = 8;
            for (int k = (digits - 1) * 4; k >= 0; k -= 4) put(hex[(r >> k) & 0xF]);
          }
        }
        i += w;
        spaces = false;
      } else if (c == ' ') {
        if (allowBreaks && !spaces && column > kBestWidth && i > 0 && i < v.size() - 1) {
          foldIndent(indent);
          if (v[i + 1] == ' ') put('\\');
        } else {
          put(' ');
        }
        ++i;
        spaces = true;
      } else {
        for (size_t k = 0; k < w && i < v.size(); ++k) put(v[i++]);
        spaces = false;
      }
    }
    put('"');
  }

  void writeLiteral(const std::string& v, int indent) {
    put('|');
    if (!v.empty() && (v[0] == ' ' || isBreakAt(v, 0))) put('2');
    if (v.empty() || !isBreakAt(v, v.size() - 1)) put('-');
    else if (v.size() == 1 || isBreakAt(v, v.size() - 2)) put('+');
    put('\n');
    bool breaks = true;
    for (size_t i = 0; i < v.size();) {
      if (isBreakAt(v, i)) {
        put('\n');
        ++i;
        breaks = true;
      } else {
        if (breaks) {
          while (column < indent) put(' ');
          breaks = false;
        }
        put(v[i++]);
      }
    }
  }
};

// ---------------------------------------------------------------- JSONPath

struct JPath;  // forward

struct JStep {
  enum Kind { Field, Recursive, Wildcard, Index, Slice, Union, Filter, KeyUnion } kind = Field;
  std::string name;               // Field / Recursive(field or "*")
  std::vector<std::string> keys;  // KeyUnion
  std::vector<long long> idx;     // Union of indices
  long long a = 0, b = 0, step = 1;
  bool hasA = false, hasB = false, hasStep = false;
  // Filter
  std::vector<JStep> lhs;
  bool lhsFromRoot = false;
  std::string op;  // "", ==, !=, <, >, <=, >=
  json rhs;
  std::vector<JStep> rhsPath;
  bool rhsIsPath = false;
};

struct JNode {
  enum Kind { Text, Path, Range, End } kind = Text;
  std::string text;  // Text
  std::vector<JStep> steps;
  bool fromRoot = false;
};

class JParseError : public std::exception {
 public:
  explicit JParseError(std::string m) : msg(std::move(m)) {}
  const char* what() const noexcept override { return msg.c_str(); }
  std::string msg;
};

std::string unquote(const std::string& s) {
  // strconv.Unquote for "..." and '...'
  std::string r;
  if (s.size() < 2) return s;
  for (size_t i = 1; i + 1 < s.size(); ++i) {
    char c = s[i];
    if (c == '\\' && i + 2 < s.size()) {
      char n = s[++i];
      switch (n) {
        case 'n': r += '\n'; break;
        case 't': r += '\t'; break;
        case 'r': r += '\r'; break;
        case '\\': r += '\\'; break;
        case '"': r += '"'; break;
        case '\'': r += '\''; break;
        case 'a': r += '\a'; break;
        case 'b': r += '\b'; break;
        case 'f': r += '\f'; break;
        case 'v': r += '\v'; break;
        case '0': r += '\0'; break;
        default:
          r += '\\';
          r += n;
      }
    } else {
      r += c;
    }
  }
  return r;
}

class JParser {
 public:
  explicit JParser(const std::string& s) : s_(s) {}

  std::vector<JStep> parsePath(bool& fromRoot) {
    std::vector<JStep> steps;
    fromRoot = false;
    skipWs();
    if (pos_ < s_.size() && (s_[pos_] == '$' || s_[pos_] == '@')) {
      fromRoot = s_[pos_] == '$';
      ++pos_;
    }
    while (pos_ < s_.size()) {
      char c = s_[pos_];
      if (c == '.') {
        if (pos_ + 1 < s_.size() && s_[pos_ + 1] == '.') {
          pos_ += 2;
          JStep st;
          st.kind = JStep::Recursive;
          if (pos_ < s_.size() && s_[pos_] == '[') {
            st.name = "";
          } else {
            st.name = ident();
          }
          steps.push_back(st);
          continue;
        }
        ++pos_;
        if (pos_ < s_.size() && s_[pos_] == '*') {
          ++pos_;
          JStep st;
          st.kind = JStep::Wildcard;
          steps.push_back(st);
          continue;
        }
        std::string id = ident();
        if (id.empty()) continue;  // "{.}" or ".[...]"
        JStep st;
        st.kind = JStep::Field;
        st.name = id;
        steps.push_back(st);
      } else if (c == '[') {
        steps.push_back(bracket());
      } else {
        break;
      }
    }
    return steps;
  }
  bool atEnd() {
    skipWs();
    return pos_ >= s_.size();
  }
  size_t pos() const { return pos_; }

 private:
  const std::string& s_;
  size_t pos_ = 0;

  void skipWs() {
    while (pos_ < s_.size() && (s_[pos_] == ' ' || s_[pos_] == '\t')) ++pos_;
  }

  std::string ident() {
    std::string r;
    while (pos_ < s_.size()) {
      char c = s_[pos_];
      if (c == '\\' && pos_ + 1 < s_.size()) {
        r += s_[pos_ + 1];
        pos_ += 2;
        continue;
      }
      if (c == '.' || c == '[' || c == ']' || c == ' ' || c == '\t' || c == '(' || c == ')' || c == '=' ||
          c == '!' || c == '<' || c == '>' || c == ',' || c == '}' || c == '{')
        break;
      r += c;
      ++pos_;
    }
    return r;
  }

  std::string readQuoted() {
    char q = s_[pos_];
    size_t st = pos_++;
    while (pos_ < s_.size() && s_[pos_] != q) {
      if (s_[pos_] == '\\') ++pos_;
      ++pos_;
    }
    if (pos_ >= s_.size()) throw JParseError("unclosed quote");
    ++pos_;
    return unquote(s_.substr(st, pos_ - st));
  }

  JStep bracket() {
    ++pos_;  // '['
    skipWs();
    JStep st;
    if (pos_ < s_.size() && s_[pos_] == '*') {
      ++pos_;
      skipWs();
      expect(']');
      st.kind = JStep::Wildcard;
      return st;
    }
    if (pos_ < s_.size() && s_[pos_] == '?') {
      ++pos_;
      skipWs();
      expect('(');
      st.kind = JStep::Filter;
      st.lhs = parsePath(st.lhsFromRoot);
      skipWs();
      if (pos_ < s_.size() && s_[pos_] != ')') {
        std::string op;
        while (pos_ < s_.size() && std::strchr("=!<>", s_[pos_])) op += s_[pos_++];
        if (op.empty() || (op != "==" && op != "!=" && op != "<" && op != ">" && op != "<=" && op != ">="))
          throw JParseError("unrecognized filter operator " + op);
        st.op = op;
        skipWs();
        if (pos_ < s_.size() && (s_[pos_] == '"' || s_[pos_] == '\'')) {
          st.rhs = readQuoted();
        } else if (pos_ < s_.size() && (s_[pos_] == '@' || s_[pos_] == '$')) {
          bool fr;
          st.rhsPath = parsePath(fr);
          st.rhsIsPath = true;
        } else {
          std::string lit;
          while (pos_ < s_.size() && s_[pos_] != ')' && s_[pos_] != ' ') lit += s_[pos_++];
          if (lit == "true") st.rhs = true;
          else if (lit == "false") st.rhs = false;
          else {
            try {
              size_t used = 0;
              if (lit.find_first_of(".eE") != std::string::npos) {
                double d = std::stod(lit, &used);
                st.rhs = d;
              } else {
                long long v = std::stoll(lit, &used);
                st.rhs = v;
              }
              if (used != lit.size()) throw JParseError("bad literal");
            } catch (const JParseError&) {
              throw;
            } catch (...) {
              throw JParseError("unrecognized identifier " + lit);
            }
          }
        }
        skipWs();
      }
      expect(')');
      skipWs();
      expect(']');
      return st;
    }
    if (pos_ < s_.size() && (s_[pos_] == '\'' || s_[pos_] == '"')) {
      st.kind = JStep::KeyUnion;
      while (true) {
        skipWs();
        if (pos_ < s_.size() && (s_[pos_] == '\'' || s_[pos_] == '"')) st.keys.push_back(readQuoted());
        else throw JParseError("invalid array index");
        skipWs();
        if (pos_ < s_.size() && s_[pos_] == ',') {
          ++pos_;
          continue;
        }
        break;
      }
      expect(']');
      return st;
    }
    // indices / slices
    std::string body;
    while (pos_ < s_.size() && s_[pos_] != ']') body += s_[pos_++];
    expect(']');
    auto parseInt = [](const std::string& t, long long& out) {
      std::string x;
      for (char c : t)
        if (c != ' ') x += c;
      if (x.empty()) return false;
      try {
        size_t used = 0;
        out = std::stoll(x, &used);
        if (used != x.size()) throw JParseError("invalid array index " + t);
      } catch (const JParseError&) {
        throw;
      } catch (...) {
        throw JParseError("invalid array index " + t);
      }
      return true;
    };
    if (body.find(':') != std::string::npos) {
      st.kind = JStep::Slice;
      std::vector<std::string> parts;
      size_t p = 0;
      while (true) {
        size_t q = body.find(':', p);
        parts.push_back(body.substr(p, q == std::string::npos ? std::string::npos : q - p));
        if (q == std::string::npos) break;
        p = q + 1;
      }
      if (parts.size() > 3) throw JParseError("invalid array index " + body);
      st.hasA = parseInt(parts[0], st.a);
      st.hasB = parts.size() > 1 && parseInt(parts[1], st.b);
      st.hasStep = parts.size() > 2 && parseInt(parts[2], st.step);
      return st;
    }
    st.kind = JStep::Union;
    size_t p = 0;
    while (true) {
      size_t q = body.find(',', p);
      long long v;
      if (!parseInt(body.substr(p, q == std::string::npos ? std::string::npos : q - p), v))
        throw JParseError("invalid array index " + body);
      st.idx.push_back(v);
      if (q == std::string::npos) break;
      p = q + 1;
    }
    if (st.idx.size() == 1) st.kind = JStep::Index;
    return st;
  }

  void expect(char c) {
    skipWs();
    if (pos_ >= s_.size() || s_[pos_] != c) throw JParseError(std::string("expected ") + c);
    ++pos_;
  }
};

std::vector<JNode> parseTemplate(const std::string& t) {
  std::vector<JNode> nodes;
  size_t i = 0;
  std::string textBuf;
  while (i < t.size()) {
    if (t[i] != '{') {
      textBuf += t[i++];
      continue;
    }
    if (!textBuf.empty()) {
      JNode n;
      n.kind = JNode::Text;
      n.text = textBuf;
      nodes.push_back(n);
      textBuf.clear();
    }
    // find matching '}' honoring quotes
    size_t j = i + 1;
    char quote = 0;
    int depth = 0;
    for (; j < t.size(); ++j) {
      char c = t[j];
      if (quote) {
        if (c == '\\') ++j;
        else if (c == quote) quote = 0;
        continue;
      }
      if (c == '"' || c == '\'') quote = c;
      else if (c == '[') ++depth;
      else if (c == ']') --depth;
      else if (c == '}' && depth <= 0) break;
    }
    if (j >= t.size()) throw JParseError("unclosed action");
    std::string action = t.substr(i + 1, j - i - 1);
    i = j + 1;
    // trim
    size_t b = action.find_first_not_of(" \t\n");
    size_t e = action.find_last_not_of(" \t\n");
    action = b == std::string::npos ? "" : action.substr(b, e - b + 1);
    if (action == "end") {
      JNode n;
      n.kind = JNode::End;
      nodes.push_back(n);
      continue;
    }
    bool isRange = action.rfind("range", 0) == 0 && (action.size() == 5 || action[5] == ' ' || action[5] == '\t');
    std::string expr = isRange ? action.substr(5) : action;
    {
      size_t bb = expr.find_first_not_of(" \t");
      expr = bb == std::string::npos ? "" : expr.substr(bb);
    }
    if (!isRange && !expr.empty() && (expr[0] == '"' || expr[0] == '\'')) {
      JNode n;
      n.kind = JNode::Text;
      n.text = unquote(expr);
      nodes.push_back(n);
      continue;
    }
    JParser p(expr);
    JNode n;
    n.kind = isRange ? JNode::Range : JNode::Path;
    n.steps = p.parsePath(n.fromRoot);
    if (!p.atEnd()) throw JParseError("unrecognized character in action: " + expr.substr(p.pos()));
    nodes.push_back(n);
  }
  if (!textBuf.empty()) {
    JNode n;
    n.kind = JNode::Text;
    n.text = textBuf;
    nodes.push_back(n);
  }
  return nodes;
}

using Vals = std::vector<const json*>;

void recurseCollect(const json* v, Vals& out) {
  out.push_back(v);
  if (v->is_object())
    for (auto it = v->begin(); it != v->end(); ++it) recurseCollect(&*it, out);
  else if (v->is_array())
    for (const auto& e : *v) recurseCollect(&e, out);
}

Vals applySteps(const Vals& in, const std::vector<JStep>& steps, const json* root, std::string& err);

int cmpJson(const json& a, const json& b, bool& ok) {
  ok = true;
  if (a.is_number() && b.is_number()) {
    double x = a.get<double>(), y = b.get<double>();
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (a.is_string() && b.is_string()) {
    const auto& x = a.get_ref<const std::string&>();
    const auto& y = b.get_ref<const std::string&>();
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (a.is_boolean() && b.is_boolean()) return a.get<bool>() == b.get<bool>() ? 0 : (a.get<bool>() ? 1 : -1);
  ok = false;
  return 0;
}

Vals applyStep(const Vals& in, const JStep& st, const json* root, std::string& err) {
  Vals out;
  for (const json* v : in) {
    switch (st.kind) {
      case JStep::Field:
        if (v->is_object()) {
          auto it = v->find(st.name);
          if (it != v->end()) out.push_back(&*it);
        }
        break;
      case JStep::KeyUnion:
        if (v->is_object())
          for (const auto& k : st.keys) {
            auto it = v->find(k);
            if (it != v->end()) out.push_back(&*it);
          }
        break;
      case JStep::Wildcard:
        if (v->is_object() || v->is_array())
          for (auto it = v->begin(); it != v->end(); ++it) out.push_back(&*it);
        break;
      case JStep::Recursive: {
        Vals all;
        recurseCollect(v, all);
        if (st.name.empty()) {
          out.insert(out.end(), all.begin(), all.end());
        } else if (st.name == "*") {
          for (const json* x : all)
            if (x->is_object() || x->is_array())
              for (auto it = x->begin(); it != x->end(); ++it) out.push_back(&*it);
        } else {
          for (const json* x : all)
            if (x->is_object()) {
              auto it = x->find(st.name);
              if (it != x->end()) out.push_back(&*it);
            }
        }
        break;
      }
      case JStep::Index:
      case JStep::Union: {
        if (!v->is_array()) {
          err = "not array or slice";
          return {};
        }
        long long n = static_cast<long long>(v->size());
        for (long long i : st.idx) {
          long long k = i < 0 ? i + n : i;
          if (k < 0 || k >= n) {
            err = "array index out of bounds: index " + std::to_string(i) + ", length " + std::to_string(n);
            return {};
          }
          out.push_back(&(*v)[static_cast<size_t>(k)]);
        }
        break;
      }
      case JStep::Slice: {
        if (!v->is_array()) {
          err = "not array or slice";
          return {};
        }
        long long n = static_cast<long long>(v->size());
        long long a = st.hasA ? st.a : 0, b = st.hasB ? st.b : n, step = st.hasStep ? st.step : 1;
        if (a < 0) a += n;
        if (b < 0) b += n;
        a = std::max(0LL, std::min(a, n));
        b = std::max(0LL, std::min(b, n));
        if (step <= 0) step = 1;
        for (long long k = a; k < b; k += step) out.push_back(&(*v)[static_cast<size_t>(k)]);
        break;
      }
      case JStep::Filter: {
        if (!v->is_array()) break;
        for (const auto& e : *v) {
          Vals lv = applySteps({st.lhsFromRoot ? root : &e}, st.lhs, root, err);
          if (!err.empty()) return {};
          if (st.op.empty()) {
            if (!lv.empty()) out.push_back(&e);
            continue;
          }
          if (lv.empty()) continue;
          json rhs = st.rhs;
          if (st.rhsIsPath) {
            Vals rv = applySteps({&e}, st.rhsPath, root, err);
            if (rv.empty()) continue;
            rhs = *rv[0];
          }
          bool ok;
          int c = cmpJson(*lv[0], rhs, ok);
          bool pass = false;
          if (!ok) {
            pass = st.op == "!=";
          } else if (st.op == "==") pass = c == 0;
          else if (st.op == "!=") pass = c != 0;
          else if (st.op == "<") pass = c < 0;
          else if (st.op == ">") pass = c > 0;
          else if (st.op == "<=") pass = c <= 0;
          else if (st.op == ">=") pass = c >= 0;
          if (pass) out.push_back(&e);
        }
        break;
      }
    }
  }
  return out;
}

Vals applySteps(const Vals& in, const std::vector<JStep>& steps, const json* root, std::string& err) {
  Vals cur = in;
  for (const auto& st : steps) {
    cur = applyStep(cur, st, root, err);
    if (!err.empty()) return {};
  }
  return cur;
}

std::string valueText(const json& v) {
  switch (v.type()) {
    case json::value_t::object:
    case json::value_t::array: return toGoJsonCompact(v);
    case json::value_t::string: return v.get<std::string>();
    case json::value_t::boolean: return v.get<bool>() ? "true" : "false";
    case json::value_t::number_integer: return std::to_string(v.get<int64_t>());
    case json::value_t::number_unsigned: return std::to_string(v.get<uint64_t>());
    case json::value_t::number_float: return goFloat(v.get<double>(), 'g');
    default: return "<nil>";
  }
}

// Executes nodes[b, e) against `cur`; returns false on error.
bool execNodes(const std::vector<JNode>& nodes, size_t b, size_t e, const json* cur, const json* root,
               std::string& out, std::string& err) {
  for (size_t i = b; i < e; ++i) {
    const JNode& n = nodes[i];
    if (n.kind == JNode::Text) {
      out += n.text;
    } else if (n.kind == JNode::Path) {
      Vals vals = applySteps({n.fromRoot ? root : cur}, n.steps, root, err);
      if (!err.empty()) return false;
      for (size_t k = 0; k < vals.size(); ++k) {
        if (k) out += ' ';
        out += valueText(*vals[k]);
      }
    } else if (n.kind == JNode::Range) {
      int depth = 1;
      size_t j = i + 1;
      for (; j < e; ++j) {
        if (nodes[j].kind == JNode::Range) ++depth;
        else if (nodes[j].kind == JNode::End && --depth == 0) break;
      }
      if (j >= e) {
        err = "unclosed range";  // not reached: checked at parse
        return false;
      }
      Vals vals = applySteps({n.fromRoot ? root : cur}, n.steps, root, err);
      if (!err.empty()) return false;
      // client-go ranges over the path's results, never over the elements of a single result:
      // `{range .items[*]}` with one item runs once (on that item), `{range .items}` runs once
      // on the whole array.
      for (const json* item : vals)
        if (!execNodes(nodes, i + 1, j, item, root, out, err)) return false;
      i = j;
    } else {
      err = "not in range, nothing to end";
      return false;
    }
  }
  return true;
}

}  // namespace

bool yamlKeyLess(const std::string& as, const std::string& bs) {
  // go-yaml v2 keyList.Less for string keys (byte-wise approximation of its rune logic).
  const std::string& a = as;
  const std::string& b = bs;
  auto isLetter = [](unsigned char c) { return std::isalpha(c) || c >= 0x80; };
  for (size_t i = 0; i < a.size() && i < b.size(); ++i) {
    if (a[i] == b[i]) continue;
    unsigned char ac = static_cast<unsigned char>(a[i]), bc = static_cast<unsigned char>(b[i]);
    bool al = isLetter(ac), bl = isLetter(bc);
    if (al && bl) return ac < bc;
    if (al || bl) return bl;
    long long an = 0, bn = 0;
    if (a[i] == '0' || b[i] == '0') {
      for (size_t j = i; j-- > 0 && isDigit(a[j]);) {
        if (a[j] != '0') {
          an = 1;
          bn = 1;
          break;
        }
      }
    }
    size_t ai = i, bi = i;
    for (; ai < a.size() && isDigit(a[ai]); ++ai) an = an * 10 + (a[ai] - '0');
    for (; bi < b.size() && isDigit(b[bi]); ++bi) bn = bn * 10 + (b[bi] - '0');
    if (an != bn) return an < bn;
    if (ai != bi) return ai < bi;
    return ac < bc;
  }
  return a.size() < b.size();
}

std::string toYaml(const json& obj) {
  YamlEmitter e;
  e.node(obj, 0);
  return e.out;
}

std::string toJson(const json& obj) {
  std::string out;
  goJson(out, obj, 4, 0);
  out.push_back('\n');
  return out;
}

std::string toGoJsonCompact(const json& v) {
  std::string out;
  goJson(out, v, -1, 0);
  return out;
}

bool jsonpath(const json& obj, const std::string& tmpl, std::string& out, std::string& err) {
  out.clear();
  err.clear();
  std::vector<JNode> nodes;
  try {
    nodes = parseTemplate(tmpl);
  } catch (const std::exception& e) {
    err = std::string("error parsing jsonpath ") + tmpl + ", " + e.what();
    return false;
  }
  int depth = 0;
  for (const auto& n : nodes) {
    if (n.kind == JNode::Range) ++depth;
    if (n.kind == JNode::End && --depth < 0) {
      err = "error executing jsonpath \"" + tmpl + "\": not in range, nothing to end";
      return false;
    }
  }
  if (depth != 0) {
    err = "error parsing jsonpath " + tmpl + ", unclosed range";  // kubectl: unexpected EOF-ish
    return false;
  }
  std::string e2;
  try {
    if (!execNodes(nodes, 0, nodes.size(), &obj, &obj, out, e2)) {
      err = "error executing jsonpath \"" + tmpl + "\": Error executing template: " + e2 +
            ". Printing more information for debugging the template:\n\ttemplate was:\n\t\t" + tmpl +
            "\n\tobject given to jsonpath engine was:\n\t\t" + toGoJsonCompact(obj) + "\n\n";
      return false;
    }
  } catch (const std::exception& e) {
    err = std::string("error executing jsonpath: ") + e.what();
    return false;
  }
  return true;
}

}  // namespace podplay

// ---------------------------------------------------------------- --sort-by (kubectl get/sorter.go)
namespace podplay {
namespace {

// github.com/fvbommel/sortorder.NaturalLess: digit runs compare as numbers, digits before others.
bool naturalLess(const std::string& a, const std::string& b) {
  size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    bool da = isDigit(a[i]), db = isDigit(b[j]);
    if (da != db) return da;
    if (!da) {
      if (a[i] != b[j]) return static_cast<unsigned char>(a[i]) < static_cast<unsigned char>(b[j]);
      ++i;
      ++j;
      continue;
    }
    for (; i < a.size() && a[i] == '0'; ++i) {
    }
    for (; j < b.size() && b[j] == '0'; ++j) {
    }
    size_t nz1 = i, nz2 = j;
    for (; i < a.size() && isDigit(a[i]); ++i) {
    }
    for (; j < b.size() && isDigit(b[j]); ++j) {
    }
    if (i - nz1 != j - nz2) return i - nz1 < j - nz2;
    std::string n1 = a.substr(nz1, i - nz1), n2 = b.substr(nz2, j - nz2);
    if (n1 != n2) return n1 < n2;
    if (nz1 != nz2) return nz1 < nz2;
  }
  return a.size() < b.size();
}

// isLess for unstructured values (the reflect.Interface case): numbers numerically, strings as
// quantities when both parse, else naturally (RFC 3339 timestamps thus sort by time). Other
// combinations are unsortable in kubectl (it exits); they keep their order here.
bool valueLess(const json& a, const json& b) {
  if (a.is_null() && b.is_null()) return false;
  if (a.is_null()) return true;
  if (b.is_null()) return false;
  if (a.is_number() && b.is_number()) {
    if (a.is_number_float() || b.is_number_float()) return a.get<double>() < b.get<double>();
    if (a.is_number_unsigned() && b.is_number_unsigned()) return a.get<uint64_t>() < b.get<uint64_t>();
    return a.get<int64_t>() < b.get<int64_t>();
  }
  if (a.is_string() && b.is_string()) {
    const auto& x = a.get_ref<const std::string&>();
    const auto& y = b.get_ref<const std::string&>();
    Quantity qx, qy;
    if (parseQuantity(x, qx) && parseQuantity(y, qy)) return qx.cmp(qy) < 0;
    return naturalLess(x, y);
  }
  return false;
}

// parser.FindResults(obj)[0][0]: the first value the template's first node yields (a text node
// yields its text). Nothing -> false.
bool firstResult(const std::vector<JNode>& nodes, const json& obj, json& out) {
  if (nodes.empty()) return false;
  const JNode& n = nodes[0];
  if (n.kind == JNode::Text) {
    out = n.text;
    return true;
  }
  if (n.kind != JNode::Path) return false;
  std::string err;
  Vals vals = applySteps({&obj}, n.steps, &obj, err);
  if (!err.empty() || vals.empty()) return false;
  out = *vals[0];
  return true;
}

}  // namespace

bool relaxedJsonPath(const std::string& in, std::string& out, std::string& err) {
  // ^\{\.?([^{}]+)\}$|^\.?([^{}]+)$
  if (in.empty()) {
    out = in;
    return true;
  }
  std::string s = in;
  if (s.size() >= 2 && s.front() == '{' && s.back() == '}') s = s.substr(1, s.size() - 2);
  if (s.size() > 1 && s[0] == '.') s = s.substr(1);  // `\.?` is optional: "." itself is the field
  if (s.empty() || s.find_first_of("{}") != std::string::npos) {
    err = "unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'";
    return false;
  }
  out = "{." + s + "}";
  return true;
}

bool sortByJsonPath(const std::vector<const json*>& objs, const std::string& sortBy, bool table,
                    std::vector<size_t>& order, std::string& err) {
  order.clear();
  for (size_t i = 0; i < objs.size(); ++i) order.push_back(i);
  err.clear();
  std::string field;
  if (!relaxedJsonPath(sortBy, field, err)) {
    if (!table) return false;  // SortObjects returns the error; NewRuntimeSorter uses the raw text
    err.clear();
    field = sortBy;
  }
  // Generic printers (-o name/yaml/json/jsonpath/custom-columns) sort only a non-empty List;
  // the table sorter parses the path even for an empty table and checks the field from one row on.
  if (objs.empty() && !table) return true;
  std::vector<JNode> nodes;
  try {
    nodes = parseTemplate(field);
  } catch (const std::exception& e) {
    err = table ? std::string("sorting error: ") + e.what() : e.what();
    return false;
  }
  if (objs.empty()) return true;
  std::vector<json> vals(objs.size());
  std::vector<bool> has(objs.size(), false);
  bool found = false;
  for (size_t i = 0; i < objs.size(); ++i) {
    has[i] = firstResult(nodes, *objs[i], vals[i]);
    found = found || has[i];
  }
  if (!found) {
    err = "couldn't find any field with path \"" + field + "\" in the list of objects";
    return false;
  }
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    if (!has[a]) return static_cast<bool>(has[b]);
    if (!has[b]) return false;
    return valueLess(vals[a], vals[b]);
  });
  return true;
}

}  // namespace podplay
