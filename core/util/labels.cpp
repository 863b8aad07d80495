#include "util/labels.h"

#include <algorithm>
#include <set>

namespace podplay {

namespace {

bool isAlnum(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }
bool isLowerAlnum(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

// ([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]
bool matchQualifiedPart(const std::string& s) {
  if (s.empty() || !isAlnum(s.front()) || !isAlnum(s.back())) return false;
  for (char c : s)
    if (!isAlnum(c) && c != '-' && c != '_' && c != '.') return false;
  return true;
}

// [a-z0-9]([-a-z0-9]*[a-z0-9])?
bool matchDNS1123Label(const std::string& s) {
  if (s.empty() || !isLowerAlnum(s.front()) || !isLowerAlnum(s.back())) return false;
  for (char c : s)
    if (!isLowerAlnum(c) && c != '-') return false;
  return true;
}

bool matchDNS1123Subdomain(const std::string& s) {
  if (s.empty()) return false;
  size_t start = 0;
  while (true) {
    size_t dot = s.find('.', start);
    std::string part = s.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
    if (!matchDNS1123Label(part)) return false;
    if (dot == std::string::npos) return true;
    start = dot + 1;
  }
}

std::string maxLenError(int n) { return "must be no more than " + std::to_string(n) + " characters"; }

const char* kQualifiedNameFmt = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
const char* kQualifiedNameErrMsg =
    "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";

}  // namespace

std::string regexError(const std::string& msg, const std::string& fmt, const std::vector<std::string>& examples) {
  if (examples.empty()) return msg + " (regex used for validation is '" + fmt + "')";
  std::string out = msg + " (e.g. ";
  for (size_t i = 0; i < examples.size(); i++) {
    if (i > 0) out += " or ";
    out += "'" + examples[i] + "', ";
  }
  out += "regex used for validation is '" + fmt + "')";
  return out;
}

std::vector<std::string> isDNS1123Subdomain(const std::string& v) {
  std::vector<std::string> errs;
  if (v.size() > 253) errs.push_back(maxLenError(253));
  if (!matchDNS1123Subdomain(v))
    errs.push_back(regexError(
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must "
        "start and end with an alphanumeric character",
        "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*", {"example.com"}));
  return errs;
}

std::vector<std::string> isDNS1123Label(const std::string& v) {
  std::vector<std::string> errs;
  if (v.size() > 63) errs.push_back(maxLenError(63));
  if (!matchDNS1123Label(v))
    errs.push_back(regexError(
        "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and "
        "end with an alphanumeric character",
        "[a-z0-9]([-a-z0-9]*[a-z0-9])?", {"my-name", "123-abc"}));
  return errs;
}

std::vector<std::string> isDNS1035Label(const std::string& v) {
  std::vector<std::string> errs;
  if (v.size() > 63) errs.push_back(maxLenError(63));
  bool ok = !v.empty() && v.front() >= 'a' && v.front() <= 'z' && isLowerAlnum(v.back());
  for (char c : v)
    if (!isLowerAlnum(c) && c != '-') ok = false;
  if (!ok)
    errs.push_back(regexError(
        "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic "
        "character, and end with an alphanumeric character",
        "[a-z]([-a-z0-9]*[a-z0-9])?", {"my-name", "abc-123"}));
  return errs;
}

std::vector<std::string> isQualifiedName(const std::string& v) {
  std::vector<std::string> errs;
  std::vector<std::string> parts;
  size_t start = 0;
  while (true) {
    size_t sl = v.find('/', start);
    parts.push_back(v.substr(start, sl == std::string::npos ? std::string::npos : sl - start));
    if (sl == std::string::npos) break;
    start = sl + 1;
  }
  std::string name;
  if (parts.size() == 1) {
    name = parts[0];
  } else if (parts.size() == 2) {
    const std::string& prefix = parts[0];
    name = parts[1];
    if (prefix.empty()) {
      errs.push_back("prefix part must be non-empty");
    } else {
      for (auto& m : isDNS1123Subdomain(prefix)) errs.push_back("prefix part " + m);
    }
  } else {
    errs.push_back("a qualified name " +
                   regexError(kQualifiedNameErrMsg, kQualifiedNameFmt, {"MyName", "my.name", "123-abc"}) +
                   " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
    return errs;
  }
  if (name.empty())
    errs.push_back("name part must be non-empty");
  else if (name.size() > 63)
    errs.push_back("name part " + maxLenError(63));
  if (!matchQualifiedPart(name))
    errs.push_back("name part " + regexError(kQualifiedNameErrMsg, kQualifiedNameFmt, {"MyName", "my.name", "123-abc"}));
  return errs;
}

std::vector<std::string> isValidLabelValue(const std::string& v) {
  std::vector<std::string> errs;
  if (v.size() > 63) errs.push_back(maxLenError(63));
  if (!v.empty() && !matchQualifiedPart(v))
    errs.push_back(regexError(
        "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must "
        "start and end with an alphanumeric character",
        "(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?", {"MyValue", "my_value", "12345"}));
  return errs;
}

std::vector<std::string> isValidPortName(const std::string& port) {
  std::vector<std::string> errs;
  if (port.size() > 15) errs.push_back(maxLenError(15));
  bool charset = !port.empty();
  bool letter = false;
  for (char c : port) {
    if (!isLowerAlnum(c) && c != '-') charset = false;
    if (c >= 'a' && c <= 'z') letter = true;
  }
  if (!charset) errs.push_back("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");
  if (!letter) errs.push_back("must contain at least one letter (a-z)");
  if (port.find("--") != std::string::npos) errs.push_back("must not contain consecutive hyphens");
  if (!port.empty() && (port.front() == '-' || port.back() == '-')) errs.push_back("must not begin or end with a hyphen");
  return errs;
}

std::vector<std::string> isValidPortNum(int64_t port) {
  if (port >= 1 && port <= 65535) return {};
  return {"must be between 1 and 65535, inclusive"};
}

// ---------------------------------------------------------------------------------------------
// Requirement / Selector

namespace {

std::string labelOf(const json& labels, const std::string& key, bool& has) {
  has = false;
  if (!labels.is_object()) return "";
  auto it = labels.find(key);
  if (it == labels.end()) return "";
  has = true;
  if (it->is_string()) return it->get<std::string>();
  return it->dump();
}

bool parseInt64(const std::string& s, int64_t& out) {
  if (s.empty()) return false;
  size_t i = 0;
  bool neg = false;
  if (s[0] == '-' || s[0] == '+') {
    neg = s[0] == '-';
    i = 1;
  }
  if (i >= s.size()) return false;
  __int128 v = 0;
  for (; i < s.size(); i++) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
    if (v > (__int128)INT64_MAX + 1) return false;
  }
  if (neg) v = -v;
  if (v > INT64_MAX || v < INT64_MIN) return false;
  out = (int64_t)v;
  return true;
}

}  // namespace

bool Requirement::matches(const json& labels) const {
  bool has;
  std::string v = labelOf(labels, key, has);
  auto in = [&] { return std::find(values.begin(), values.end(), v) != values.end(); };
  switch (op) {
    case Op::Exists: return has;
    case Op::DoesNotExist: return !has;
    case Op::Equals:
    case Op::DoubleEquals:
    case Op::In: return has && in();
    case Op::NotEquals:
    case Op::NotIn: return !has || !in();
    case Op::Gt:
    case Op::Lt: {
      if (!has || values.size() != 1) return false;
      int64_t lv, rv;
      if (!parseInt64(v, lv) || !parseInt64(values[0], rv)) return false;
      return op == Op::Gt ? lv > rv : lv < rv;
    }
  }
  return false;
}

bool Selector::matches(const json& labels) const {
  if (nothing) return false;
  for (auto& r : reqs)
    if (!r.matches(labels)) return false;
  return true;
}

std::string Selector::str() const {
  std::string out;
  for (size_t i = 0; i < reqs.size(); i++) {
    const auto& r = reqs[i];
    if (i) out += ",";
    auto joined = [&] {
      std::string s;
      for (size_t j = 0; j < r.values.size(); j++) s += (j ? "," : "") + r.values[j];
      return s;
    };
    switch (r.op) {
      case Requirement::Op::Exists: out += r.key; break;
      case Requirement::Op::DoesNotExist: out += "!" + r.key; break;
      case Requirement::Op::Equals: out += r.key + "=" + joined(); break;
      case Requirement::Op::DoubleEquals: out += r.key + "==" + joined(); break;
      case Requirement::Op::NotEquals: out += r.key + "!=" + joined(); break;
      case Requirement::Op::In: out += r.key + " in (" + joined() + ")"; break;
      case Requirement::Op::NotIn: out += r.key + " notin (" + joined() + ")"; break;
      case Requirement::Op::Gt: out += r.key + ">" + joined(); break;
      case Requirement::Op::Lt: out += r.key + "<" + joined(); break;
    }
  }
  return out;
}

namespace {

enum class Tok { Error, EndOfString, ClosedPar, Comma, DoesNotExist, DoubleEquals, Equals, GreaterThan, Identifier,
                 In, LessThan, NotEquals, NotIn, OpenPar };

struct Token {
  Tok tok;
  std::string lit;
};

bool isWs(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }
bool isSpecial(char c) { return c == '=' || c == '!' || c == '(' || c == ')' || c == ',' || c == '>' || c == '<'; }

std::vector<Token> lex(const std::string& s) {
  std::vector<Token> out;
  size_t i = 0;
  while (true) {
    while (i < s.size() && isWs(s[i])) i++;
    if (i >= s.size()) {
      out.push_back({Tok::EndOfString, ""});
      return out;
    }
    if (isSpecial(s[i])) {
      // longest match among the special-symbol tokens
      std::string buf;
      Tok last = Tok::Error;
      std::string lastLit;
      size_t j = i;
      while (j < s.size() && isSpecial(s[j])) {
        buf += s[j];
        static const std::vector<std::pair<std::string, Tok>> table = {
            {")", Tok::ClosedPar}, {",", Tok::Comma},  {"!", Tok::DoesNotExist}, {"!=", Tok::NotEquals},
            {"==", Tok::DoubleEquals}, {"=", Tok::Equals}, {">", Tok::GreaterThan}, {"<", Tok::LessThan},
            {"(", Tok::OpenPar}};
        bool found = false;
        for (auto& [k, t] : table)
          if (k == buf) {
            found = true;
            last = t;
            lastLit = buf;
          }
        if (!found) break;
        j++;
      }
      if (last == Tok::Error) {
        out.push_back({Tok::Error, "error expected: keyword found '" + buf + "'"});
        return out;
      }
      out.push_back({last, lastLit});
      i += lastLit.size();
      continue;
    }
    size_t j = i;
    while (j < s.size() && !isWs(s[j]) && !isSpecial(s[j])) j++;
    std::string lit = s.substr(i, j - i);
    i = j;
    if (lit == "in")
      out.push_back({Tok::In, lit});
    else if (lit == "notin")
      out.push_back({Tok::NotIn, lit});
    else
      out.push_back({Tok::Identifier, lit});
  }
}

struct Parser {
  std::vector<Token> toks;
  size_t pos = 0;
  // Values context: keywords in/notin read as identifiers.
  Token look(bool values) {
    Token t = toks[std::min(pos, toks.size() - 1)];
    if (values && (t.tok == Tok::In || t.tok == Tok::NotIn)) t.tok = Tok::Identifier;
    return t;
  }
  Token consume(bool values) {
    Token t = look(values);
    if (pos < toks.size() - 1) pos++;
    return t;
  }
};

std::string invalidNil(const std::string& field, const std::string& value, const std::string& msg) {
  json v = value;
  return field + ": Invalid value: " + v.dump() + ": " + msg;
}

std::string joinMsgs(const std::vector<std::string>& v, const std::string& sep) {
  std::string s;
  for (size_t i = 0; i < v.size(); i++) s += (i ? sep : "") + v[i];
  return s;
}

// NewRequirement's validation (field path rooted at nil: "key", "values[0][key]").
bool newRequirement(const std::string& key, Requirement::Op op, std::vector<std::string> vals, Requirement& out,
                    std::string& err) {
  std::vector<std::string> errs;
  auto kerr = isQualifiedName(key);
  if (!kerr.empty()) errs.push_back(invalidNil("key", key, joinMsgs(kerr, "; ")));
  std::sort(vals.begin(), vals.end());
  vals.erase(std::unique(vals.begin(), vals.end()), vals.end());
  auto valsRepr = [&] {
    std::string s = "[]string{";
    for (size_t i = 0; i < vals.size(); i++) s += (i ? ", " : "") + json(vals[i]).dump();
    return s + "}";
  };
  switch (op) {
    case Requirement::Op::In:
    case Requirement::Op::NotIn:
      if (vals.empty())
        errs.push_back("values: Invalid value: " + valsRepr() + ": for 'in', 'notin' operators, values set can't be empty");
      break;
    case Requirement::Op::Equals:
    case Requirement::Op::DoubleEquals:
    case Requirement::Op::NotEquals:
      if (vals.size() != 1)
        errs.push_back("values: Invalid value: " + valsRepr() + ": exact-match compatibility requires one single value");
      break;
    case Requirement::Op::Exists:
    case Requirement::Op::DoesNotExist:
      if (!vals.empty())
        errs.push_back("values: Invalid value: " + valsRepr() + ": values set must be empty for exists and does not exist");
      break;
    case Requirement::Op::Gt:
    case Requirement::Op::Lt: {
      if (vals.size() != 1)
        errs.push_back("values: Invalid value: " + valsRepr() + ": for 'Gt', 'Lt' operators, exactly one value is required");
      for (size_t i = 0; i < vals.size(); i++) {
        int64_t x;
        if (!parseInt64(vals[i], x))
          errs.push_back(invalidNil("values[" + std::to_string(i) + "]", vals[i],
                                    "for 'Gt', 'Lt' operators, the value must be an integer"));
      }
      break;
    }
  }
  for (size_t i = 0; i < vals.size(); i++) {
    auto verr = isValidLabelValue(vals[i]);
    if (!verr.empty())
      errs.push_back(invalidNil("values[" + std::to_string(i) + "][" + key + "]", vals[i], joinMsgs(verr, "; ")));
  }
  out.key = key;
  out.op = op;
  out.values = vals;
  if (errs.empty()) return true;
  err = errs.size() == 1 ? errs[0] : "[" + joinMsgs(errs, ", ") + "]";
  return false;
}

bool parseRequirement(Parser& p, Requirement& out, std::string& err) {
  // parseKeyAndInferOperator
  bool dne = false;
  Token t = p.consume(true);
  if (t.tok == Tok::DoesNotExist) {
    dne = true;
    t = p.consume(true);
  }
  if (t.tok != Tok::Identifier) {
    err = "found '" + t.lit + "', expected: identifier";
    return false;
  }
  std::string key = t.lit;
  auto kerr = isQualifiedName(key);
  if (!kerr.empty()) {
    err = invalidNil("<nil>", key, joinMsgs(kerr, "; "));
    return false;
  }
  Token la = p.look(true);
  if (la.tok == Tok::EndOfString || la.tok == Tok::Comma) {
    return newRequirement(key, dne ? Requirement::Op::DoesNotExist : Requirement::Op::Exists, {}, out, err);
  }
  if (dne) {
    // "!a=b": apimachinery returns the DoesNotExist requirement here; the caller then trips over '='.
    return newRequirement(key, Requirement::Op::DoesNotExist, {}, out, err);
  }
  // parseOperator
  Token o = p.consume(false);
  Requirement::Op op;
  switch (o.tok) {
    case Tok::In: op = Requirement::Op::In; break;
    case Tok::Equals: op = Requirement::Op::Equals; break;
    case Tok::DoubleEquals: op = Requirement::Op::DoubleEquals; break;
    case Tok::GreaterThan: op = Requirement::Op::Gt; break;
    case Tok::LessThan: op = Requirement::Op::Lt; break;
    case Tok::NotIn: op = Requirement::Op::NotIn; break;
    case Tok::NotEquals: op = Requirement::Op::NotEquals; break;
    default:
      err = "found '" + o.lit + "', expected: in, notin, =, ==, !=, gt, lt";
      return false;
  }
  std::vector<std::string> vals;
  if (op == Requirement::Op::In || op == Requirement::Op::NotIn) {
    // parseValues
    Token a = p.consume(true);
    if (a.tok != Tok::OpenPar) {
      err = "found '" + a.lit + "' expected: '('";
      return false;
    }
    Token b = p.look(true);
    if (b.tok == Tok::Identifier || b.tok == Tok::Comma) {
      // parseIdentifiersList
      std::set<std::string> s;
      while (true) {
        Token c = p.consume(true);
        if (c.tok == Tok::Identifier) {
          s.insert(c.lit);
          Token d = p.look(true);
          if (d.tok == Tok::Comma) continue;
          if (d.tok == Tok::ClosedPar) break;
          err = "found '" + d.lit + "', expected: ',' or ')'";
          return false;
        } else if (c.tok == Tok::Comma) {
          if (s.empty()) s.insert("");
          Token d = p.look(true);
          if (d.tok == Tok::ClosedPar) {
            s.insert("");
            break;
          }
          if (d.tok == Tok::Comma) {
            p.consume(true);
            s.insert("");
          }
        } else {
          err = "found '" + c.lit + "', expected: ',', or identifier";
          return false;
        }
      }
      if (p.consume(true).tok != Tok::ClosedPar) {
        err = "found '" + b.lit + "', expected: ')'";
        return false;
      }
      vals.assign(s.begin(), s.end());
    } else if (b.tok == Tok::ClosedPar) {
      p.consume(true);
      vals.push_back("");
    } else {
      err = "found '" + b.lit + "', expected: ',', ')' or identifier";
      return false;
    }
  } else {
    // parseExactValue
    Token a = p.look(true);
    if (a.tok == Tok::EndOfString || a.tok == Tok::Comma) {
      vals.push_back("");
    } else {
      Token c = p.consume(true);
      if (c.tok != Tok::Identifier) {
        err = "found '" + c.lit + "', expected: identifier";
        return false;
      }
      vals.push_back(c.lit);
    }
  }
  return newRequirement(key, op, vals, out, err);
}

}  // namespace

bool parseSelector(const std::string& text, Selector& out, std::string& err) {
  try {
    Parser p;
    p.toks = lex(text);
    for (auto& t : p.toks)
      if (t.tok == Tok::Error) {
        // The lexer error surfaces through the parser as an unexpected token.
      }
    Selector sel;
    while (true) {
      Token t = p.look(true);
      if (t.tok == Tok::Identifier || t.tok == Tok::DoesNotExist) {
        Requirement r;
        std::string e;
        if (!parseRequirement(p, r, e)) {
          err = "unable to parse requirement: " + e;
          return false;
        }
        sel.reqs.push_back(r);
        Token n = p.consume(true);
        if (n.tok == Tok::EndOfString) break;
        if (n.tok == Tok::Comma) {
          Token n2 = p.look(true);
          if (n2.tok != Tok::Identifier && n2.tok != Tok::DoesNotExist) {
            err = "found '" + n2.lit + "', expected: identifier after ','";
            return false;
          }
          continue;
        }
        err = "found '" + n.lit + "', expected: ',' or 'end of string'";
        return false;
      } else if (t.tok == Tok::EndOfString) {
        break;
      } else {
        err = "found '" + t.lit + "', expected: !, identifier, or 'end of string'";
        return false;
      }
    }
    std::stable_sort(sel.reqs.begin(), sel.reqs.end(),
                     [](const Requirement& a, const Requirement& b) { return a.key < b.key; });
    out = sel;
    return true;
  } catch (...) {
    err = "unable to parse requirement: internal error";
    return false;
  }
}

bool selectorFromLabelSelector(const json& ls, Selector& out, std::string* err) {
  try {
    Selector sel;
    if (ls.is_null()) {
      sel.nothing = true;
      out = sel;
      return true;
    }
    if (!ls.is_object()) {
      if (err) *err = "invalid label selector";
      return false;
    }
    if (ls.contains("matchLabels") && ls["matchLabels"].is_object()) {
      for (auto& [k, v] : ls["matchLabels"].items()) {
        Requirement r;
        std::string e;
        std::string val = v.is_string() ? v.get<std::string>() : v.dump();
        if (!newRequirement(k, Requirement::Op::Equals, {val}, r, e)) {
          if (err) *err = e;
          return false;
        }
        sel.reqs.push_back(r);
      }
    }
    if (ls.contains("matchExpressions") && ls["matchExpressions"].is_array()) {
      for (auto& ex : ls["matchExpressions"]) {
        std::string op = ex.value("operator", "");
        std::string key = ex.value("key", "");
        std::vector<std::string> vals;
        if (ex.contains("values") && ex["values"].is_array())
          for (auto& v : ex["values"]) vals.push_back(v.is_string() ? v.get<std::string>() : v.dump());
        Requirement::Op o;
        if (op == "In")
          o = Requirement::Op::In;
        else if (op == "NotIn")
          o = Requirement::Op::NotIn;
        else if (op == "Exists")
          o = Requirement::Op::Exists;
        else if (op == "DoesNotExist")
          o = Requirement::Op::DoesNotExist;
        else {
          if (err) *err = json(op).dump() + " is not a valid label selector operator";
          return false;
        }
        Requirement r;
        std::string e;
        if (!newRequirement(key, o, vals, r, e)) {
          if (err) *err = e;
          return false;
        }
        sel.reqs.push_back(r);
      }
    }
    std::stable_sort(sel.reqs.begin(), sel.reqs.end(),
                     [](const Requirement& a, const Requirement& b) { return a.key < b.key; });
    out = sel;
    return true;
  } catch (...) {
    if (err) *err = "invalid label selector";
    return false;
  }
}

Selector selectorFromMap(const json& m) {
  Selector sel;
  try {
    if (m.is_object())
      for (auto& [k, v] : m.items()) {
        Requirement r;
        r.key = k;
        r.op = Requirement::Op::Equals;
        r.values = {v.is_string() ? v.get<std::string>() : v.dump()};
        sel.reqs.push_back(r);
      }
  } catch (...) {
  }
  return sel;
}

bool labelSelectorMatches(const json& ls, const json& labels) {
  Selector s;
  if (!selectorFromLabelSelector(ls, s)) return false;
  return s.matches(labels);
}

}  // namespace podplay
