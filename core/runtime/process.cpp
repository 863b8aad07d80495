// podplay core: simulated container processes (see process.h).
//
// Index
//   [SECTION] helpers          strings, paths, time formatting
//   [SECTION] ContainerFs      files, implicit directories ("dir/" markers), mounts
//   [SECTION] AST and parser   the sh subset: words, quoting, $VAR ${..} $(..) $((..)), ; && || ! |,
//                              if/while/until/for, { } ( ), redirections, heredocs, comments
//   [SECTION] Proc, Sh         process state and the resumable interpreter (explicit frame stack)
//   [SECTION] programs         builtins and well-known programs (nginx, agnhost, sleep, ...)
//   [SECTION] public API       spawnProcess, effectiveArgv, startError, seedImageFiles
//
// Programs (argv[0], directory stripped):
//   shell:    sh bash ash dash (-c SCRIPT [$0 args..] | FILE | nothing: exit 0, no tty), exit, break,
//             continue, return, export, unset, set (-e -x -u), shift, cd, pwd, exec, source/., eval,
//             read, trap, wait, local, :, true, false, test/[ (and [[ ]] simply)
//   files:    cat touch rm mkdir rmdir ls cp mv chmod chown ln tee head tail grep wc
//   text:     echo printf seq basename dirname yes(-> blocks) expr(simple)
//   system:   sleep date hostname env printenv id whoami uname ps kill killall pidof pgrep
//   network:  nslookup wget curl nc (-l: TCP listener)
//   servers:  nginx (-g 'daemon off;' | -s quit/stop/reload | -t | -v), /docker-entrypoint.sh,
//             /agnhost liveness|netexec|serve-hostname|pause|test-webserver, /server (liveness image),
//             /goproxy, /pause, /http-echo, python3 -m http.server, httpd-foreground, redis-server,
//             tail -f, docker-php-entrypoint + apache2-foreground (hpa-example: GET / -> "OK!");
//             unknown programs of non-catalogued images (main process): generic server.
//
// HTTP: wget/curl ask ProcessContext::httpRequest (Services, ClusterIPs, pod IPs, localhost go to
// the serving container's Process::serveHttp: status, body, access log); without it (unit tests)
// localhost asks the process's own servers and any other resolving host answers 200.
// Container logs are rotated at 10 MiB like the kubelet's (containerLogMaxSize): `logs` then shows
// only what was written since.
//
// SIGTERM (onSigterm) as PID 1:
//   | PID 1                                  | result | why                                            |
//   |----------------------------------------|--------|------------------------------------------------|
//   | nginx                                  | 0      | graceful/fast shutdown (image STOPSIGNAL QUIT)  |
//   | httpd-foreground, redis-server, pause  | 0      | handle TERM and exit cleanly                   |
//   | agnhost, /server, /goproxy, /http-echo | 2      | Go binary without a TERM handler as PID 1      |
//   | generic server (unknown image)         | 2      | assumed Go-like                                |
//   | sh/bash (no trap), sleep, tail, python | -1     | PID 1 ignores TERM: SIGKILL at grace end (137) |
//   | sh with `trap ... TERM`                | trap   | runs when the foreground command returns       |
#include "runtime/process.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <optional>
#include <set>

#include "util/timefmt.h"

namespace podplay {
namespace {

// ============================================================================================
// [SECTION] helpers
// ============================================================================================

using Strs = std::vector<std::string>;

bool startsWith(const std::string& s, const std::string& p) { return s.rfind(p, 0) == 0; }
bool endsWith(const std::string& s, const std::string& p) {
  return s.size() >= p.size() && s.compare(s.size() - p.size(), p.size(), p) == 0;
}

std::string baseName(const std::string& p) {
  if (p.empty()) return p;
  std::string s = p;
  while (s.size() > 1 && s.back() == '/') s.pop_back();
  size_t i = s.rfind('/');
  return i == std::string::npos ? s : s.substr(i + 1);
}

std::string dirName(const std::string& p) {
  std::string s = p;
  while (s.size() > 1 && s.back() == '/') s.pop_back();
  size_t i = s.rfind('/');
  if (i == std::string::npos) return ".";
  if (i == 0) return "/";
  return s.substr(0, i);
}

// Absolute, normalised path ("." and ".." resolved, no trailing slash except "/").
std::string normPath(const std::string& cwd, const std::string& path) {
  std::string full = !path.empty() && path[0] == '/' ? path : cwd + "/" + path;
  Strs parts;
  size_t i = 0;
  while (i <= full.size()) {
    size_t j = full.find('/', i);
    if (j == std::string::npos) j = full.size();
    std::string c = full.substr(i, j - i);
    if (c == "..") {
      if (!parts.empty()) parts.pop_back();
    } else if (!c.empty() && c != ".") {
      parts.push_back(c);
    }
    i = j + 1;
  }
  std::string out;
  for (const auto& p : parts) out += "/" + p;
  return out.empty() ? "/" : out;
}

bool parseInt(const std::string& s, long long& out) {
  if (s.empty()) return false;
  size_t i = 0;
  if (s[0] == '-' || s[0] == '+') i = 1;
  if (i >= s.size()) return false;
  for (size_t k = i; k < s.size(); ++k)
    if (!isdigit(static_cast<unsigned char>(s[k]))) return false;
  out = strtoll(s.c_str(), nullptr, 10);
  return true;
}

bool isName(const std::string& s) {
  if (s.empty() || !(isalpha(static_cast<unsigned char>(s[0])) || s[0] == '_')) return false;
  for (char c : s)
    if (!(isalnum(static_cast<unsigned char>(c)) || c == '_')) return false;
  return true;
}

Strs splitLines(const std::string& s) {
  Strs out;
  size_t i = 0;
  while (i < s.size()) {
    size_t j = s.find('\n', i);
    if (j == std::string::npos) {
      out.push_back(s.substr(i));
      break;
    }
    out.push_back(s.substr(i, j - i));
    i = j + 1;
  }
  return out;
}

// Glob match with * ? and [...] (simple).
bool globMatch(const char* p, const char* s) {
  for (; *p; ++p) {
    if (*p == '*') {
      while (p[1] == '*') ++p;
      if (!p[1]) return true;
      for (const char* t = s; *t; ++t)
        if (globMatch(p + 1, t)) return true;
      return globMatch(p + 1, s + strlen(s));
    }
    if (!*s) return false;
    if (*p == '?') {
      ++s;
      continue;
    }
    if (*p == '[') {
      const char* q = p + 1;
      bool neg = *q == '!' || *q == '^';
      if (neg) ++q;
      bool match = false;
      while (*q && *q != ']') {
        if (q[1] == '-' && q[2] && q[2] != ']') {
          if (*s >= q[0] && *s <= q[2]) match = true;
          q += 3;
        } else {
          if (*s == *q) match = true;
          ++q;
        }
      }
      if (!*q) return false;
      if (match == neg) return false;
      p = q;
      ++s;
      continue;
    }
    if (*p != *s) return false;
    ++s;
  }
  return !*s;
}
bool globMatch(const std::string& p, const std::string& s) { return globMatch(p.c_str(), s.c_str()); }

// Date parts of an absolute virtual time, from timefmt's formatters.
struct DateParts {
  std::string wd, mon, dd, yyyy, mm, hms;  // "Mon" "Jan" "01" "2024" "01" "10:00:05"
};
DateParts dateParts(Time t) {
  std::string a = rfc1123z(t);  // Mon, 01 Jan 2024 10:00:00 +0000
  std::string b = rfc3339(t);   // 2024-01-01T10:00:00Z
  DateParts d;
  d.wd = a.substr(0, 3);
  d.dd = a.substr(5, 2);
  d.mon = a.substr(8, 3);
  d.yyyy = a.substr(12, 4);
  d.hms = a.substr(17, 8);
  d.mm = b.substr(5, 2);
  return d;
}
// nginx / Go log timestamp: "2024/01/01 10:00:05".
std::string logStamp(Time t) {
  DateParts d = dateParts(t);
  return d.yyyy + "/" + d.mm + "/" + d.dd + " " + d.hms;
}
std::string dateDefault(Time t) {  // busybox/GNU date: "Mon Jan  1 10:00:05 UTC 2024"
  DateParts d = dateParts(t);
  std::string day = d.dd[0] == '0' ? " " + d.dd.substr(1) : d.dd;
  return d.wd + " " + d.mon + " " + day + " " + d.hms + " UTC " + d.yyyy;
}
std::string dateFormat(Time t, const std::string& f) {
  DateParts d = dateParts(t);
  std::string out;
  for (size_t i = 0; i < f.size(); ++i) {
    if (f[i] != '%' || i + 1 >= f.size()) {
      out += f[i];
      continue;
    }
    char c = f[++i];
    switch (c) {
      case 'Y': out += d.yyyy; break;
      case 'y': out += d.yyyy.substr(2); break;
      case 'm': out += d.mm; break;
      case 'd': out += d.dd; break;
      case 'e': out += d.dd[0] == '0' ? " " + d.dd.substr(1) : d.dd; break;
      case 'H': out += d.hms.substr(0, 2); break;
      case 'M': out += d.hms.substr(3, 2); break;
      case 'S': out += d.hms.substr(6, 2); break;
      case 'T': out += d.hms; break;
      case 'F': out += d.yyyy + "-" + d.mm + "-" + d.dd; break;
      case 'D': out += d.mm + "/" + d.dd + "/" + d.yyyy.substr(2); break;
      case 'a': out += d.wd; break;
      case 'b': out += d.mon; break;
      case 'Z': out += "UTC"; break;
      case 'z': out += "+0000"; break;
      case 's': {
        long long s = kEpochUnixSeconds + (t >= 0 ? t / 1000 : (t - 999) / 1000);
        out += std::to_string(s);
        break;
      }
      case 'N': {
        char buf[16];
        snprintf(buf, sizeof buf, "%03lld000000", (long long)(((t % 1000) + 1000) % 1000));
        out += buf;
        break;
      }
      case 'n': out += '\n'; break;
      case '%': out += '%'; break;
      default: out += '%'; out += c;
    }
  }
  return out;
}

}  // namespace

// ============================================================================================
// [SECTION] ContainerFs
// ============================================================================================
// Keys of `local` and Volume::files are file paths; a key ending in '/' marks an (empty) directory.

namespace {
// Longest mount containing `p` (normalised absolute path); rel = path inside the volume.
const Mount* findMount(const std::vector<Mount>& mounts, const std::string& p, std::string& rel) {
  const Mount* best = nullptr;
  for (const auto& m : mounts) {
    std::string mp = normPath("/", m.path);
    if (!m.volume) continue;
    bool inside = p == mp || (mp == "/" ? true : startsWith(p, mp + "/"));
    if (inside && (!best || mp.size() > normPath("/", best->path).size())) best = &m;
  }
  if (best) {
    std::string mp = normPath("/", best->path);
    rel = p == mp ? "" : p.substr(mp == "/" ? 1 : mp.size() + 1);
  }
  return best;
}

bool mapHasDir(const std::map<std::string, std::string>& files, const std::string& dirPrefix) {
  // dirPrefix ends with '/' (or is "" for the root of a volume).
  auto it = files.lower_bound(dirPrefix);
  return it != files.end() && startsWith(it->first, dirPrefix);
}
}  // namespace

bool ContainerFs::exists(const std::string& path) const {
  std::string p = normPath("/", path);
  if (p == "/") return true;
  std::string rel;
  if (const Mount* m = findMount(mounts, p, rel)) {
    if (rel.empty()) return true;
    return m->volume->files.count(rel) || mapHasDir(m->volume->files, rel + "/");
  }
  if (local.count(p) || mapHasDir(local, p + "/")) return true;
  for (const auto& m : mounts)
    if (startsWith(normPath("/", m.path), p + "/")) return true;  // a mount point's parent
  return false;
}

bool ContainerFs::read(const std::string& path, std::string& out) const {
  std::string p = normPath("/", path);
  std::string rel;
  if (const Mount* m = findMount(mounts, p, rel)) {
    auto it = m->volume->files.find(rel);
    if (rel.empty() || it == m->volume->files.end()) return false;
    out = it->second;
    return true;
  }
  auto it = local.find(p);
  if (it == local.end()) return false;
  out = it->second;
  return true;
}

bool ContainerFs::write(const std::string& path, const std::string& content, bool append, std::string& err) {
  std::string p = normPath("/", path);
  std::string rel;
  if (const Mount* m = findMount(mounts, p, rel)) {
    if (m->readOnly) {
      err = "Read-only file system";
      return false;
    }
    if (rel.empty()) {
      err = "Is a directory";
      return false;
    }
    std::string& f = m->volume->files[rel];
    f = append ? f + content : content;
    return true;
  }
  if (p == "/" || mapHasDir(local, p + "/")) {
    err = "Is a directory";
    return false;
  }
  std::string& f = local[p];
  f = append ? f + content : content;
  return true;
}

bool ContainerFs::remove(const std::string& path) {
  std::string p = normPath("/", path);
  std::string rel;
  if (Mount* m = const_cast<Mount*>(findMount(mounts, p, rel))) {
    if (m->readOnly || rel.empty()) return false;
    return m->volume->files.erase(rel) > 0 || m->volume->files.erase(rel + "/") > 0;
  }
  return local.erase(p) > 0 || local.erase(p + "/") > 0;
}

namespace {

// Extra file-system helpers on top of ContainerFs.
bool fsIsFile(const ContainerFs& fs, const std::string& p) {
  std::string s;
  return fs.read(p, s);
}
bool fsIsDir(const ContainerFs& fs, const std::string& p) { return fs.exists(p) && !fsIsFile(fs, p); }

// Names directly inside directory `p` (sorted, unique).
Strs fsList(const ContainerFs& fs, const std::string& dir) {
  std::set<std::string> names;
  std::string p = normPath("/", dir);
  auto collect = [&](const std::map<std::string, std::string>& files, const std::string& prefix) {
    for (auto it = files.lower_bound(prefix); it != files.end() && startsWith(it->first, prefix); ++it) {
      std::string rest = it->first.substr(prefix.size());
      if (rest.empty()) continue;
      size_t s = rest.find('/');
      names.insert(s == std::string::npos ? rest : rest.substr(0, s));
    }
  };
  std::string rel;
  if (const Mount* m = findMount(fs.mounts, p, rel)) {
    collect(m->volume->files, rel.empty() ? "" : rel + "/");
  } else {
    collect(fs.local, p == "/" ? "/" : p + "/");
  }
  for (const auto& m : fs.mounts) {
    std::string mp = normPath("/", m.path);
    std::string prefix = p == "/" ? "/" : p + "/";
    if (startsWith(mp, prefix) && mp != p) {
      std::string rest = mp.substr(prefix.size());
      names.insert(rest.substr(0, rest.find('/')));
    }
  }
  return Strs(names.begin(), names.end());
}

// Remove `p` and everything below it (rm -r).
bool fsRemoveTree(ContainerFs& fs, const std::string& path) {
  std::string p = normPath("/", path);
  bool any = fs.remove(p);
  std::string rel;
  if (const Mount* m = findMount(fs.mounts, p, rel)) {
    if (m->readOnly) return any;
    auto& files = m->volume->files;
    std::string prefix = rel.empty() ? "" : rel + "/";
    for (auto it = files.lower_bound(prefix); it != files.end() && startsWith(it->first, prefix);) {
      it = files.erase(it);
      any = true;
    }
  }
  std::string prefix = p == "/" ? "/" : p + "/";
  for (auto it = fs.local.lower_bound(prefix); it != fs.local.end() && startsWith(it->first, prefix);) {
    it = fs.local.erase(it);
    any = true;
  }
  return any;
}

void fsMkdir(ContainerFs& fs, const std::string& path) {
  std::string p = normPath("/", path);
  if (p == "/" || fs.exists(p)) return;
  std::string rel;
  if (const Mount* m = findMount(fs.mounts, p, rel)) {
    if (!m->readOnly && !rel.empty()) m->volume->files[rel + "/"] = "";
    return;
  }
  fs.local[p + "/"] = "";
}

// ============================================================================================
// [SECTION] AST and parser
// ============================================================================================

struct Part {
  enum Kind { Lit, Param, Cmd, Arith } kind = Lit;
  std::string text;  // literal text, parameter name, or the command / expression source
  bool quoted = false;
  std::string op, arg;  // ${name<op><arg>}: ":-" "-" ":=" "=" ":+" "+" "%" "%%" "#" "##" "len"
};

struct Word {
  std::vector<Part> parts;
  // The word as plain text if it has no expansions and no quotes (keywords, assignments).
  bool plain() const {
    for (const auto& p : parts)
      if (p.kind != Part::Lit || p.quoted) return false;
    return true;
  }
  std::string plainText() const {
    std::string s;
    for (const auto& p : parts) s += p.text;
    return s;
  }
};

struct Redir {
  int fd = 1;
  std::string op;  // ">" ">>" "<" ">&" "<&" "&>" "<<"
  Word target;
  std::shared_ptr<std::string> heredoc;  // "<<": body (filled when the lexer reaches it)
  bool heredocExpand = true;
};

struct Node;
using NodeP = std::shared_ptr<Node>;

struct Node {
  enum Kind { Simple, Pipeline, AndOr, List, If, While, For, Group, Subshell } kind = Simple;
  // Simple
  std::vector<std::pair<std::string, Word>> assigns;
  std::vector<Word> words;
  int line = 1;
  // all kinds: redirections (simple and compound)
  std::vector<Redir> redirs;
  // children: Pipeline commands, AndOr pipelines, List items, If [c1,b1,c2,b2,..,else], While
  // [cond, body], For [body], Group/Subshell [list]
  std::vector<NodeP> kids;
  std::vector<bool> andOps;  // AndOr: true = &&, false = ||
  std::vector<bool> bg;      // List: item ends with '&'
  bool negate = false;       // Pipeline: '!'
  bool hasElse = false;      // If
  bool until = false;        // While
  std::string var;           // For
  std::vector<Word> items;   // For
  bool forInPositional = false;
};

struct ParseError {
  std::string token;  // unexpected token text ("" = end of file)
};

struct Tok {
  enum Type { WordT, Op, Newline, End } type = End;
  std::string op;
  Word word;
  int ioFd = -1;
  int line = 1;
  bool isPlain(const char* s) const { return type == WordT && word.plain() && word.plainText() == s; }
  std::string text() const {
    if (type == Op) return op;
    if (type == Newline) return "newline";
    if (type == End) return "end of file";
    return word.plainText();
  }
};

class Lexer {
 public:
  explicit Lexer(const std::string& s) : s_(s) {}

  Tok next() {
    if (peeked_) {
      peeked_ = false;
      return peek_;
    }
    return lex();
  }
  const Tok& peek() {
    if (!peeked_) {
      peek_ = lex();
      peeked_ = true;
    }
    return peek_;
  }
  // Register a heredoc whose body starts after the next newline.
  void addHeredoc(std::shared_ptr<std::string> body, const std::string& delim, bool stripTabs) {
    pendingDocs_.push_back({std::move(body), delim, stripTabs});
  }
  int line() const { return line_; }

  // Parse the inside of a double-quoted string (used for heredocs and ${x:-word}).
  static Word parseDoubleQuotedBody(const std::string& body) {
    Lexer lx(body);
    Word w;
    lx.pos_ = 0;
    lx.lexDouble(w, /*heredoc=*/true);
    return w;
  }

 private:
  struct Doc {
    std::shared_ptr<std::string> body;
    std::string delim;
    bool strip;
  };

  bool atEnd() const { return pos_ >= s_.size(); }
  char cur() const { return pos_ < s_.size() ? s_[pos_] : '\0'; }
  char at(size_t k) const { return pos_ + k < s_.size() ? s_[pos_ + k] : '\0'; }

  void readHeredocs() {
    for (auto& d : pendingDocs_) {
      std::string body;
      while (!atEnd()) {
        size_t e = s_.find('\n', pos_);
        std::string ln = s_.substr(pos_, e == std::string::npos ? std::string::npos : e - pos_);
        pos_ = e == std::string::npos ? s_.size() : e + 1;
        ++line_;
        if (d.strip)
          while (!ln.empty() && ln[0] == '\t') ln.erase(0, 1);
        if (ln == d.delim) break;
        body += ln + "\n";
      }
      *d.body = body;
    }
    pendingDocs_.clear();
  }

  Tok lex() {
    // skip blanks, comments, line continuations
    while (!atEnd()) {
      char c = cur();
      if (c == ' ' || c == '\t' || c == '\r') {
        ++pos_;
      } else if (c == '\\' && at(1) == '\n') {
        pos_ += 2;
        ++line_;
      } else if (c == '#') {
        while (!atEnd() && cur() != '\n') ++pos_;
      } else {
        break;
      }
    }
    Tok t;
    t.line = line_;
    if (atEnd()) {
      t.type = Tok::End;
      return t;
    }
    char c = cur();
    if (c == '\n') {
      ++pos_;
      ++line_;
      t.type = Tok::Newline;
      readHeredocs();
      return t;
    }
    // IO number: digits followed by < or >
    if (isdigit(static_cast<unsigned char>(c))) {
      size_t k = 0;
      while (isdigit(static_cast<unsigned char>(at(k)))) ++k;
      if (at(k) == '>' || at(k) == '<') {
        t.ioFd = atoi(s_.substr(pos_, k).c_str());
        pos_ += k;
        c = cur();
      }
    }
    static const char* kOps[] = {"&&", "||", ";;", ">>", "<<-", "<<", ">&", "<&", ">|", "&>", ";", "&",
                                 "|",  "(",  ")",  ">",  "<"};
    for (const char* op : kOps) {
      size_t n = strlen(op);
      if (s_.compare(pos_, n, op) == 0) {
        pos_ += n;
        t.type = Tok::Op;
        t.op = op;
        return t;
      }
    }
    t.type = Tok::WordT;
    lexWord(t.word);
    return t;
  }

  static bool isMeta(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == ';' || c == '&' || c == '|' || c == '(' || c == ')' ||
           c == '<' || c == '>' || c == '\r';
  }

  static void addLit(Word& w, const std::string& s, bool quoted) {
    if (!w.parts.empty() && w.parts.back().kind == Part::Lit && w.parts.back().quoted == quoted) {
      w.parts.back().text += s;
    } else {
      Part p;
      p.kind = Part::Lit;
      p.text = s;
      p.quoted = quoted;
      w.parts.push_back(p);
    }
  }

  void lexWord(Word& w) {
    while (!atEnd() && !isMeta(cur())) {
      char c = cur();
      if (c == '\\') {
        if (at(1) == '\n') {
          pos_ += 2;
          ++line_;
          continue;
        }
        if (pos_ + 1 < s_.size()) addLit(w, std::string(1, at(1)), true);
        pos_ += 2;
      } else if (c == '\'') {
        size_t e = s_.find('\'', pos_ + 1);
        if (e == std::string::npos) throw ParseError{"'"};
        std::string lit = s_.substr(pos_ + 1, e - pos_ - 1);
        for (char ch : lit)
          if (ch == '\n') ++line_;
        addLit(w, lit, true);
        if (lit.empty()) addLit(w, "", true);
        pos_ = e + 1;
      } else if (c == '"') {
        ++pos_;
        size_t before = w.parts.size();
        lexDouble(w, false);
        if (w.parts.size() == before) addLit(w, "", true);
      } else if (c == '$') {
        lexDollar(w, false);
      } else if (c == '`') {
        lexBackquote(w, false);
      } else {
        addLit(w, std::string(1, c), false);
        ++pos_;
      }
    }
  }

  // Inside "..." (pos_ after the opening quote); stops after the closing quote. In heredoc mode
  // runs to the end of the input and '"' is literal.
  void lexDouble(Word& w, bool heredoc) {
    while (true) {
      if (atEnd()) {
        if (heredoc) return;
        throw ParseError{"\""};
      }
      char c = cur();
      if (c == '"' && !heredoc) {
        ++pos_;
        return;
      }
      if (c == '\\') {
        char n = at(1);
        if (n == '$' || n == '`' || n == '"' || n == '\\') {
          addLit(w, std::string(1, n), true);
          pos_ += 2;
        } else if (n == '\n') {
          pos_ += 2;
          ++line_;
        } else {
          addLit(w, "\\", true);
          ++pos_;
        }
      } else if (c == '$') {
        lexDollar(w, true);
      } else if (c == '`') {
        lexBackquote(w, true);
      } else {
        if (c == '\n') ++line_;
        addLit(w, std::string(1, c), true);
        ++pos_;
      }
    }
  }

  // Position just after the ')' matching an already consumed '(' (quotes and nesting aware).
  size_t matchParen(size_t p) {
    int depth = 1;
    while (p < s_.size()) {
      char c = s_[p];
      if (c == '\\') {
        p += 2;
        continue;
      }
      if (c == '\'') {
        size_t e = s_.find('\'', p + 1);
        if (e == std::string::npos) throw ParseError{"'"};
        p = e + 1;
        continue;
      }
      if (c == '"') {
        ++p;
        while (p < s_.size() && s_[p] != '"') {
          if (s_[p] == '\\') ++p;
          ++p;
        }
        ++p;
        continue;
      }
      if (c == '(') ++depth;
      if (c == ')' && --depth == 0) return p + 1;
      ++p;
    }
    throw ParseError{"("};
  }

  void lexDollar(Word& w, bool quoted) {
    char n = at(1);
    Part p;
    p.quoted = quoted;
    if (n == '(' && at(2) == '(') {
      size_t end = matchParen(pos_ + 3);  // just after the first ')' of "))"
      if (end >= s_.size() || s_[end] != ')') throw ParseError{"("};
      p.kind = Part::Arith;
      p.text = s_.substr(pos_ + 3, end - 1 - (pos_ + 3));
      pos_ = end + 1;
    } else if (n == '(') {
      size_t end = matchParen(pos_ + 2);
      p.kind = Part::Cmd;
      p.text = s_.substr(pos_ + 2, end - 1 - (pos_ + 2));
      pos_ = end;
    } else if (n == '{') {
      size_t e = pos_ + 2;
      int depth = 1;
      while (e < s_.size()) {
        if (s_[e] == '{') ++depth;
        if (s_[e] == '}' && --depth == 0) break;
        ++e;
      }
      if (e >= s_.size()) throw ParseError{"${"};
      std::string inner = s_.substr(pos_ + 2, e - pos_ - 2);
      pos_ = e + 1;
      p.kind = Part::Param;
      if (!inner.empty() && inner[0] == '#' && inner.size() > 1) {
        p.text = inner.substr(1);
        p.op = "len";
      } else {
        size_t k = 0;
        if (!inner.empty() && strchr("?#@*$!0123456789-", inner[0])) {
          k = 1;
        } else {
          while (k < inner.size() && (isalnum(static_cast<unsigned char>(inner[k])) || inner[k] == '_')) ++k;
        }
        p.text = inner.substr(0, k);
        std::string rest = inner.substr(k);
        for (const char* op : {":-", ":=", ":+", ":?", "%%", "##", "-", "=", "+", "?", "%", "#"}) {
          if (startsWith(rest, op)) {
            p.op = op;
            p.arg = rest.substr(strlen(op));
            break;
          }
        }
        if (p.text.empty() || (p.op.empty() && !rest.empty())) throw ParseError{"${" + inner + "}"};
      }
    } else if (n != '\0' && strchr("?#@*$!0123456789-", n)) {
      p.kind = Part::Param;
      p.text = std::string(1, n);
      pos_ += 2;
    } else if (isalpha(static_cast<unsigned char>(n)) || n == '_') {
      size_t k = pos_ + 1;
      while (k < s_.size() && (isalnum(static_cast<unsigned char>(s_[k])) || s_[k] == '_')) ++k;
      p.kind = Part::Param;
      p.text = s_.substr(pos_ + 1, k - pos_ - 1);
      pos_ = k;
    } else {
      addLit(w, "$", quoted);
      ++pos_;
      return;
    }
    w.parts.push_back(p);
  }

  void lexBackquote(Word& w, bool quoted) {
    std::string body;
    size_t p = pos_ + 1;
    while (p < s_.size() && s_[p] != '`') {
      if (s_[p] == '\\' && p + 1 < s_.size() && strchr("$`\\", s_[p + 1])) ++p;
      body += s_[p++];
    }
    if (p >= s_.size()) throw ParseError{"`"};
    pos_ = p + 1;
    Part part;
    part.kind = Part::Cmd;
    part.text = body;
    part.quoted = quoted;
    w.parts.push_back(part);
  }

  const std::string& s_;
  size_t pos_ = 0;
  int line_ = 1;
  bool peeked_ = false;
  Tok peek_;
  std::vector<Doc> pendingDocs_;
};

class Parser {
 public:
  explicit Parser(const std::string& s) : lx_(s) {}

  NodeP parseProgram() {
    NodeP list = parseList({});
    if (lx_.peek().type != Tok::End) throw ParseError{lx_.peek().text()};
    return list;
  }

 private:
  bool isTerminator(const Tok& t, const std::set<std::string>& stops) {
    if (t.type == Tok::End) return true;
    if (t.type == Tok::Op && (t.op == ")" || t.op == ";;")) return true;
    if (t.type == Tok::WordT && t.word.plain() && stops.count(t.word.plainText())) return true;
    return false;
  }

  void skipNewlines() {
    while (lx_.peek().type == Tok::Newline) lx_.next();
  }

  NodeP parseList(const std::set<std::string>& stops) {
    auto list = std::make_shared<Node>();
    list->kind = Node::List;
    while (true) {
      skipNewlines();
      while (lx_.peek().type == Tok::Op && lx_.peek().op == ";") {
        if (list->kids.empty()) throw ParseError{";"};
        lx_.next();
        skipNewlines();
      }
      if (isTerminator(lx_.peek(), stops)) break;
      NodeP item = parseAndOr(stops);
      bool bg = false;
      const Tok& t = lx_.peek();
      if (t.type == Tok::Op && (t.op == ";" || t.op == "&")) {
        bg = t.op == "&";
        lx_.next();
      } else if (t.type == Tok::Newline) {
        lx_.next();
      } else if (!isTerminator(t, stops)) {
        throw ParseError{t.text()};
      }
      list->kids.push_back(item);
      list->bg.push_back(bg);
    }
    return list;
  }

  NodeP parseAndOr(const std::set<std::string>& stops) {
    auto n = std::make_shared<Node>();
    n->kind = Node::AndOr;
    n->kids.push_back(parsePipeline(stops));
    while (lx_.peek().type == Tok::Op && (lx_.peek().op == "&&" || lx_.peek().op == "||")) {
      n->andOps.push_back(lx_.next().op == "&&");
      skipNewlines();
      n->kids.push_back(parsePipeline(stops));
    }
    return n;
  }

  NodeP parsePipeline(const std::set<std::string>& stops) {
    auto n = std::make_shared<Node>();
    n->kind = Node::Pipeline;
    if (lx_.peek().isPlain("!")) {
      lx_.next();
      n->negate = true;
    }
    n->kids.push_back(parseCommand(stops));
    while (lx_.peek().type == Tok::Op && lx_.peek().op == "|") {
      lx_.next();
      skipNewlines();
      n->kids.push_back(parseCommand(stops));
    }
    return n;
  }

  void expectWord(const char* kw) {
    skipNewlines();
    Tok t = lx_.next();
    if (!t.isPlain(kw)) throw ParseError{t.text()};
  }

  bool parseRedir(Node& n) {
    const Tok& t = lx_.peek();
    if (t.type != Tok::Op) return false;
    static const std::set<std::string> kRedirOps = {">", ">>", "<", ">&", "<&", ">|", "&>", "<<", "<<-"};
    if (!kRedirOps.count(t.op)) return false;
    Tok op = lx_.next();
    Redir r;
    r.op = op.op == ">|" ? ">" : op.op;
    r.fd = op.ioFd >= 0 ? op.ioFd : (r.op[0] == '<' ? 0 : 1);
    Tok target = lx_.next();
    if (target.type != Tok::WordT) throw ParseError{target.text()};
    r.target = target.word;
    n.redirs.push_back(r);
    if (r.op == "<<" || r.op == "<<-") {
      bool quoted = false;
      std::string delim;
      for (const auto& p : r.target.parts) {
        if (p.quoted) quoted = true;
        delim += p.text;
      }
      n.redirs.back().heredocExpand = !quoted;
      n.redirs.back().op = "<<";
      n.redirs.back().heredoc = std::make_shared<std::string>();
      lx_.addHeredoc(n.redirs.back().heredoc, delim, r.op == "<<-");
    }
    return true;
  }

  void parseTrailingRedirs(Node& n) {
    while (parseRedir(n)) {
    }
  }

  NodeP parseCommand(const std::set<std::string>& stops) {
    const Tok& t = lx_.peek();
    auto n = std::make_shared<Node>();
    n->line = t.line;
    if (t.type == Tok::Op && t.op == "(") {
      lx_.next();
      n->kind = Node::Subshell;
      n->kids.push_back(parseList({}));
      Tok c = lx_.next();
      if (c.type != Tok::Op || c.op != ")") throw ParseError{c.text()};
      parseTrailingRedirs(*n);
      return n;
    }
    if (t.type == Tok::WordT && t.word.plain()) {
      std::string kw = t.word.plainText();
      if (kw == "{") {
        lx_.next();
        n->kind = Node::Group;
        n->kids.push_back(parseList({"}"}));
        expectWord("}");
        parseTrailingRedirs(*n);
        return n;
      }
      if (kw == "if") {
        lx_.next();
        n->kind = Node::If;
        n->kids.push_back(parseList({"then"}));
        if (n->kids[0]->kids.empty()) throw ParseError{lx_.peek().text()};
        expectWord("then");
        n->kids.push_back(parseList({"elif", "else", "fi"}));
        while (true) {
          skipNewlines();
          Tok k = lx_.next();
          if (k.isPlain("elif")) {
            n->kids.push_back(parseList({"then"}));
            expectWord("then");
            n->kids.push_back(parseList({"elif", "else", "fi"}));
          } else if (k.isPlain("else")) {
            n->kids.push_back(parseList({"fi"}));
            n->hasElse = true;
            expectWord("fi");
            break;
          } else if (k.isPlain("fi")) {
            break;
          } else {
            throw ParseError{k.text()};
          }
        }
        parseTrailingRedirs(*n);
        return n;
      }
      if (kw == "while" || kw == "until") {
        lx_.next();
        n->kind = Node::While;
        n->until = kw == "until";
        n->kids.push_back(parseList({"do"}));
        if (n->kids[0]->kids.empty()) throw ParseError{"do"};
        expectWord("do");
        n->kids.push_back(parseList({"done"}));
        expectWord("done");
        parseTrailingRedirs(*n);
        return n;
      }
      if (kw == "for") {
        lx_.next();
        n->kind = Node::For;
        Tok v = lx_.next();
        if (v.type != Tok::WordT || !isName(v.word.plainText())) throw ParseError{v.text()};
        n->var = v.word.plainText();
        skipNewlines();
        if (lx_.peek().isPlain("in")) {
          lx_.next();
          while (lx_.peek().type == Tok::WordT) n->items.push_back(lx_.next().word);
          Tok sep = lx_.next();
          if (!(sep.type == Tok::Newline || (sep.type == Tok::Op && sep.op == ";"))) throw ParseError{sep.text()};
        } else {
          n->forInPositional = true;
          if (lx_.peek().type == Tok::Op && lx_.peek().op == ";") lx_.next();
        }
        expectWord("do");
        n->kids.push_back(parseList({"done"}));
        expectWord("done");
        parseTrailingRedirs(*n);
        return n;
      }
      static const std::set<std::string> kReserved = {"then", "else", "elif", "fi", "do", "done", "}", "in"};
      if (kReserved.count(kw) && !stops.count(kw)) throw ParseError{kw};
      if (kReserved.count(kw)) throw ParseError{kw};
    }
    // simple command
    n->kind = Node::Simple;
    bool any = false;
    while (true) {
      if (parseRedir(*n)) {
        any = true;
        continue;
      }
      const Tok& w = lx_.peek();
      if (w.type != Tok::WordT) break;
      // assignment: NAME=... before the command name
      if (n->words.empty() && !w.word.parts.empty() && w.word.parts[0].kind == Part::Lit && !w.word.parts[0].quoted) {
        const std::string& lit = w.word.parts[0].text;
        size_t eq = lit.find('=');
        if (eq != std::string::npos && isName(lit.substr(0, eq))) {
          Tok a = lx_.next();
          Word val = a.word;
          val.parts[0].text = lit.substr(eq + 1);
          n->assigns.push_back({lit.substr(0, eq), val});
          any = true;
          continue;
        }
      }
      n->words.push_back(lx_.next().word);
      any = true;
    }
    if (!any) throw ParseError{lx_.peek().text()};
    return n;
  }

  Lexer lx_;
};

// Parse a script; on error returns null and sets the unexpected token.
NodeP parseScript(const std::string& script, std::string& unexpected) {
  try {
    Parser p(script);
    return p.parseProgram();
  } catch (const ParseError& e) {
    unexpected = e.token;
  } catch (...) {
    unexpected = "?";
  }
  return nullptr;
}

// Arithmetic $(( )) evaluator: integers, variables, + - * / % ( ) comparisons && || ! unary -.
class Arith {
 public:
  Arith(const std::string& s, std::function<std::string(const std::string&)> var) : s_(s), var_(std::move(var)) {}
  bool eval(long long& out) {
    try {
      out = orExpr();
      skip();
      return p_ >= s_.size();
    } catch (...) {
      return false;
    }
  }

 private:
  void skip() {
    while (p_ < s_.size() && isspace(static_cast<unsigned char>(s_[p_]))) ++p_;
  }
  bool eat(const char* t) {
    skip();
    size_t n = strlen(t);
    if (s_.compare(p_, n, t) == 0) {
      // do not split "<=" as "<", "&&" as "&" etc.
      if (n == 1 && p_ + 1 < s_.size() && strchr("<>=!&|", t[0]) && s_[p_ + 1] == '=' && t[0] != '=') return false;
      p_ += n;
      return true;
    }
    return false;
  }
  long long orExpr() {
    long long v = andExpr();
    while (eat("||")) {
      long long r = andExpr();
      v = (v || r) ? 1 : 0;
    }
    return v;
  }
  long long andExpr() {
    long long v = cmpExpr();
    while (eat("&&")) {
      long long r = cmpExpr();
      v = (v && r) ? 1 : 0;
    }
    return v;
  }
  long long cmpExpr() {
    long long v = addExpr();
    while (true) {
      if (eat("==")) v = v == addExpr();
      else if (eat("!=")) v = v != addExpr();
      else if (eat("<=")) v = v <= addExpr();
      else if (eat(">=")) v = v >= addExpr();
      else if (eat("<")) v = v < addExpr();
      else if (eat(">")) v = v > addExpr();
      else return v;
    }
  }
  long long addExpr() {
    long long v = mulExpr();
    while (true) {
      if (eat("+")) v += mulExpr();
      else if (eat("-")) v -= mulExpr();
      else return v;
    }
  }
  long long mulExpr() {
    long long v = unary();
    while (true) {
      if (eat("*")) {
        v *= unary();
      } else if (eat("/") || eat("%")) {
        char op = s_[p_ - 1];
        long long r = unary();
        if (r == 0) throw 0;
        v = op == '/' ? v / r : v % r;
      } else {
        return v;
      }
    }
  }
  long long unary() {
    if (eat("-")) return -unary();
    if (eat("+")) return unary();
    if (eat("!")) return !unary();
    skip();
    if (eat("(")) {
      long long v = orExpr();
      if (!eat(")")) throw 0;
      return v;
    }
    skip();
    size_t st = p_;
    if (p_ < s_.size() && isdigit(static_cast<unsigned char>(s_[p_]))) {
      while (p_ < s_.size() && isalnum(static_cast<unsigned char>(s_[p_]))) ++p_;
      return strtoll(s_.substr(st, p_ - st).c_str(), nullptr, 0);
    }
    if (p_ < s_.size() && s_[p_] == '$') ++p_, st = p_;
    while (p_ < s_.size() && (isalnum(static_cast<unsigned char>(s_[p_])) || s_[p_] == '_')) ++p_;
    if (p_ == st) throw 0;
    std::string v = var_(s_.substr(st, p_ - st));
    long long x = 0;
    if (!v.empty() && !parseInt(v, x)) {
      Arith inner(v, var_);
      if (!inner.eval(x)) throw 0;
    }
    return x;
  }
  const std::string s_;
  size_t p_ = 0;
  std::function<std::string(const std::string&)> var_;
};


// ============================================================================================
// [SECTION] Proc, Sh
// ============================================================================================

enum class Flavor { Ash, Dash, Bash };  // busybox ash, Debian's dash as /bin/sh, bash

// What the image's userland looks like.
struct ImageTraits {
  bool scratch = false;   // no shell, only its own binary
  bool gnu = false;       // Debian/Ubuntu coreutils messages, dash as sh
  bool bash = true, nslookup = true, wget = true, curl = true, nc = true, ps = true, killall = true;
  bool python = false, nginx = false, httpd = false, redis = false, agnhost = false;
  bool phpApache = false;  // registry.k8s.io/hpa-example (php:5-apache)
  bool oldNslookup = false;  // busybox <= 1.28 output format
  Strs ownBinaries;          // scratch images: the programs that exist
};

ImageTraits traitsFor(const ImageInfo& img) {
  ImageTraits t;
  const std::string& r = img.repo;
  bool alpineTag = img.tag == "alpine" || endsWith(img.tag, "-alpine");
  if (!img.known) {
    t.python = t.nginx = t.httpd = t.redis = t.agnhost = true;
    return t;
  }
  if (r == "registry.k8s.io/pause") {
    t.scratch = true;
    t.ownBinaries = {"pause"};
  } else if (r == "hashicorp/http-echo") {
    t.scratch = true;
    t.ownBinaries = {"http-echo"};
  } else if (endsWith(r, "/goproxy")) {
    t.scratch = true;
    t.ownBinaries = {"goproxy"};
  } else if (endsWith(r, "/liveness")) {
    t.scratch = true;
    t.ownBinaries = {"server"};
  }
  if (t.scratch) return t;
  bool busyboxish = r == "busybox" || endsWith(r, "/busybox") || r == "alpine" || alpineTag ||
                    r == "registry.k8s.io/e2e-test-images/agnhost";
  t.gnu = !busyboxish;
  if (busyboxish) {
    t.bash = false;
    t.curl = r == "nginx" || endsWith(r, "/agnhost");
  } else {
    t.nslookup = t.nc = t.killall = false;
    t.wget = r == "python";
    t.curl = r == "nginx" || r == "python";
    t.ps = r == "python";
  }
  t.python = r == "python";
  t.nginx = r == "nginx";
  t.httpd = r == "httpd";
  t.redis = r == "redis";
  t.agnhost = endsWith(r, "/agnhost");
  if (t.agnhost) t.bash = true;
  t.phpApache = endsWith(r, "/hpa-example");
  if (t.phpApache) t.curl = true;
  t.oldNslookup = (r != "busybox" && endsWith(r, "/busybox")) || (r == "busybox" && img.tag == "1.28");
  return t;
}

struct Listener {
  enum Kind { Nginx, Httpd, Liveness, Any200, PyHttp, Tcp, PhpApache } kind = Any200;
  int port = 80;  // -1: every port
  std::string prog;
  Time started = 0;
  std::string root;  // Nginx/Httpd/PyHttp document root
  std::string text;  // http-echo body
  std::string sub;   // agnhost subcommand (serve-hostname answers the hostname)
  bool background = false;
  int pid = 1;
};

struct Sink {
  enum Kind { Primary, Null, File, Buffer } kind = Primary;
  std::string path;
  std::shared_ptr<std::string> buf;
};
struct Io {
  Sink out, err;
};
struct Input {
  std::string data;
  size_t pos = 0;
};

// Process-wide state shared by the interpreter and nested shells.
struct Proc {
  ProcessContext ctx;
  ImageInfo image;
  ImageTraits traits;
  bool isExec = false;
  std::string out;   // exec output
  std::string pid1;  // PID 1 program ("sh", "nginx", ...)
  bool pid1Go = false;  // PID 1 is a Go-like server without a TERM handler (exit 2)
  std::vector<Listener> listeners;
  bool finished = false;
  int exitCode = 0;
  Strs stopRequests;
  std::map<std::string, std::string> traps;  // "TERM" "INT" "QUIT" "EXIT" -> handler
  bool termPending = false;
  bool exitTrapRan = false;
  bool bgBlocked = false;  // a background job blocks forever (`sleep infinity &`, a server)
  Time bgUntil = 0;        // background sleeps end
  Time now = 0;
  int substDepth = 0;

  void emit(const std::string& s) {
    if (isExec) {
      out += s;
    } else if (ctx.log) {
      // The kubelet rotates container logs at containerLogMaxSize (10Mi); `kubectl logs` reads only
      // the current file, so after a rotation it shows what was written since.
      if (ctx.log->size() + s.size() > kLogRotateBytes) ctx.log->clear();
      *ctx.log += s;
    }
  }
  static constexpr size_t kLogRotateBytes = 10 * 1024 * 1024;
  bool resolves(const std::string& host) const {
    if (host == "localhost" || host == "127.0.0.1" || host == "::1" || host == "0.0.0.0") return true;
    auto h = ctx.env.find("HOSTNAME");
    if (h != ctx.env.end() && h->second == host) return true;
    return ctx.resolve ? ctx.resolve(host) : false;
  }
};

struct Res {
  enum Kind { Done, Sleep, Block, Exit, Break, Continue, Push } kind = Done;
  int status = 0;
  Time wait = 0;
  std::string prog;
  static Res done(int s) { return Res{Done, s, 0, ""}; }
  static Res sleep(Time w) { return Res{Sleep, 0, w, "sleep"}; }
  static Res block(const std::string& p) { return Res{Block, 0, 0, p}; }
};

struct Frame {
  const Node* node = nullptr;
  NodeP owned;  // keeps a parsed script alive
  int stage = 0;
  size_t idx = 0;
  int status = 0;
  bool cond = false;      // exit status is tested: no errexit
  bool boundary = false;  // nested shell / subshell / trap: `exit` stops here
  bool bg = false;        // background job (`&`)
  bool direct = false;    // the container's argv itself (not a script command)
  size_t ioMark = 0, inMark = 0;
  Strs items;
  std::shared_ptr<std::string> pipeBuf;
  // saved shell state restored when the frame ends (nested shells)
  std::optional<Strs> savedPos;
  std::optional<std::string> savedZero;
  std::optional<Flavor> savedFlavor;
  std::optional<std::map<std::string, std::string>> savedVars;
  std::optional<std::string> savedCwd;
  std::vector<std::pair<std::string, std::optional<std::string>>> restore;  // VAR=x cmd
  Time until = 0;
  std::string prog;
  bool execReplace = false;
  bool isWait = false;
};

constexpr long kMaxSteps = 200000;

class Sh {
 public:
  Sh(Proc& p, bool instant) : p_(p), instant_(instant) { io_.push_back(Io{}); }

  Proc& p_;
  bool instant_;
  std::map<std::string, std::string> vars;
  std::set<std::string> exported;
  Strs pos;
  std::string zero = "sh";
  Flavor flavor = Flavor::Ash;
  std::string cwd = "/";
  int last = 0;
  bool errexit = false, xtrace = false, nounset = false;
  std::vector<Frame> frames;
  std::vector<Io> io_;
  std::vector<std::shared_ptr<Input>> in_;
  std::optional<Frame> pending_;  // frame a builtin asks to push (Res::Push)
  int substStatus = 0;

  // ---- output ---------------------------------------------------------------------------
  void writeSink(const Sink& s, const std::string& text) {
    if (text.empty()) return;
    switch (s.kind) {
      case Sink::Primary: p_.emit(text); break;
      case Sink::Null: break;
      case Sink::File: {
        std::string e;
        if (p_.ctx.fs) p_.ctx.fs->write(s.path, text, true, e);
        break;
      }
      case Sink::Buffer: *s.buf += text; break;
    }
  }
  void out(const std::string& t) { writeSink(io_.back().out, t); }
  void err(const std::string& t) { writeSink(io_.back().err, t); }

  std::string readAllInput() {
    if (in_.empty()) return "";
    auto& i = *in_.back();
    std::string s = i.pos < i.data.size() ? i.data.substr(i.pos) : "";
    i.pos = i.data.size();
    return s;
  }
  bool readLine(std::string& line) {
    if (in_.empty()) return false;
    auto& i = *in_.back();
    if (i.pos >= i.data.size()) return false;
    size_t e = i.data.find('\n', i.pos);
    if (e == std::string::npos) {
      line = i.data.substr(i.pos);
      i.pos = i.data.size();
    } else {
      line = i.data.substr(i.pos, e - i.pos);
      i.pos = e + 1;
    }
    return true;
  }

  // ---- messages -------------------------------------------------------------------------
  int curLine() const {
    for (auto it = frames.rbegin(); it != frames.rend(); ++it)
      if (it->node && it->node->kind == Node::Simple) return it->node->line;
    return 1;
  }
  std::string prefix() const {
    switch (flavor) {
      case Flavor::Ash: return zero + ": ";
      case Flavor::Dash: return zero + ": " + std::to_string(curLine()) + ": ";
      case Flavor::Bash: return zero + ": line " + std::to_string(curLine()) + ": ";
    }
    return zero + ": ";
  }
  std::string fileErr(const std::string& prog, const std::string& path, const std::string& busyboxVerb,
                      const std::string& gnuVerb, const std::string& reason) const {
    // busybox: "cat: can't open 'x': No such file or directory"; GNU: "cat: x: No such ..."/"rm: cannot remove 'x': ..."
    if (!p_.traits.gnu) return prog + ": " + busyboxVerb + " '" + path + "': " + reason + "\n";
    if (gnuVerb.empty()) return prog + ": " + path + ": " + reason + "\n";
    return prog + ": " + gnuVerb + " '" + path + "': " + reason + "\n";
  }

  // ---- variables ------------------------------------------------------------------------
  bool getVar(const std::string& name, std::string& v) const {
    if (name == "?") return v = std::to_string(last), true;
    if (name == "#") return v = std::to_string(pos.size()), true;
    if (name == "$") return v = p_.isExec ? "7" : "1", true;
    if (name == "!") return v = "", true;
    if (name == "-") return v = std::string(errexit ? "e" : "") + (xtrace ? "x" : ""), true;
    if (name == "0") return v = zero, true;
    if (name == "@" || name == "*") {
      v.clear();
      for (size_t i = 0; i < pos.size(); ++i) v += (i ? " " : "") + pos[i];
      return true;
    }
    if (name.size() == 1 && isdigit(static_cast<unsigned char>(name[0]))) {
      size_t i = static_cast<size_t>(name[0] - '0');
      if (i == 0 || i > pos.size()) return false;
      v = pos[i - 1];
      return true;
    }
    auto it = vars.find(name);
    if (it == vars.end()) {
      if (name == "PWD") return v = cwd, true;
      return false;
    }
    v = it->second;
    return true;
  }

  std::string cmdSubst(const std::string& script);

  // Remove a glob pattern prefix/suffix (${v#p} ${v##p} ${v%p} ${v%%p}).
  static std::string trimPattern(const std::string& v, const std::string& pat, bool suffix, bool longest) {
    size_t n = v.size();
    if (!suffix) {
      if (longest) {
        for (size_t k = n + 1; k-- > 0;)
          if (globMatch(pat, v.substr(0, k))) return v.substr(k);
      } else {
        for (size_t k = 0; k <= n; ++k)
          if (globMatch(pat, v.substr(0, k))) return v.substr(k);
      }
    } else {
      if (longest) {
        for (size_t k = 0; k <= n; ++k)
          if (globMatch(pat, v.substr(k))) return v.substr(0, k);
      } else {
        for (size_t k = n + 1; k-- > 0;)
          if (globMatch(pat, v.substr(k))) return v.substr(0, k);
      }
    }
    return v;
  }

  std::string expandArg(const std::string& arg) {
    Word w;
    try {
      w = Lexer::parseDoubleQuotedBody(arg);
    } catch (...) {
      return arg;
    }
    return expandString(w);
  }

  // Value of one expansion part; false on a fatal expansion error (message written).
  bool partValue(const Part& pt, std::string& v) {
    if (pt.kind == Part::Cmd) {
      v = cmdSubst(pt.text);
      return true;
    }
    if (pt.kind == Part::Arith) {
      std::string expr = expandArg(pt.text);
      long long x = 0;
      Arith a(expr, [this](const std::string& n) {
        std::string s;
        getVar(n, s);
        return s;
      });
      if (!a.eval(x)) {
        err(prefix() + "arithmetic syntax error\n");
        return false;
      }
      v = std::to_string(x);
      return true;
    }
    bool set = getVar(pt.text, v);
    const std::string& op = pt.op;
    if (op == "len") {
      v = std::to_string(set ? v.size() : 0);
      return true;
    }
    bool empty = !set || v.empty();
    if (op == ":-" || op == "-") {
      if (op == ":-" ? empty : !set) v = expandArg(pt.arg);
    } else if (op == ":=" || op == "=") {
      if (op == ":=" ? empty : !set) {
        v = expandArg(pt.arg);
        vars[pt.text] = v;
      }
    } else if (op == ":+" || op == "+") {
      v = (op == ":+" ? !empty : set) ? expandArg(pt.arg) : "";
    } else if (op == ":?" || op == "?") {
      if (op == ":?" ? empty : !set) {
        std::string msg = pt.arg.empty() ? "parameter not set" : expandArg(pt.arg);
        err(prefix() + pt.text + ": " + msg + "\n");
        return false;
      }
    } else if (op == "%" || op == "%%" || op == "#" || op == "##") {
      v = trimPattern(v, expandArg(pt.arg), op[0] == '%', op.size() == 2);
    } else if (!set && nounset && pt.text != "@" && pt.text != "*") {
      err(prefix() + pt.text + ": parameter not set\n");
      return false;
    }
    return true;
  }

  struct Field {
    std::string s;
    bool any = false;
    bool glob = false;
  };

  // Expand a word into fields (word splitting of unquoted expansions, globbing).
  bool expandWord(const Word& w, Strs& outFields, bool split = true) {
    std::vector<Field> fields;
    Field cur;
    for (const auto& pt : w.parts) {
      if (pt.kind == Part::Lit) {
        cur.s += pt.text;
        if (pt.quoted) cur.any = true;
        else if (pt.text.find_first_of("*?[") != std::string::npos) cur.glob = true;
        continue;
      }
      if (pt.kind == Part::Param && pt.text == "@" && pt.op.empty() && pt.quoted) {
        for (size_t i = 0; i < pos.size(); ++i) {
          if (i > 0) {
            fields.push_back(cur);
            cur = Field{};
          }
          cur.s += pos[i];
          cur.any = true;
        }
        continue;
      }
      std::string v;
      if (!partValue(pt, v)) return false;
      if (pt.quoted || !split) {
        cur.s += v;
        cur.any = true;
        continue;
      }
      // field splitting on blanks
      size_t i = 0;
      bool first = true;
      while (i < v.size()) {
        size_t st = i;
        while (st < v.size() && isspace(static_cast<unsigned char>(v[st]))) ++st;
        if (st > i && (!cur.s.empty() || cur.any) && (first || true)) {
          fields.push_back(cur);
          cur = Field{};
        }
        if (st >= v.size()) break;
        size_t en = st;
        while (en < v.size() && !isspace(static_cast<unsigned char>(v[en]))) ++en;
        if (!first && st == i && (!cur.s.empty() || cur.any)) {
          fields.push_back(cur);
          cur = Field{};
        }
        cur.s += v.substr(st, en - st);
        cur.any = true;
        if (v.substr(st, en - st).find_first_of("*?[") != std::string::npos) cur.glob = true;
        first = false;
        i = en;
      }
    }
    if (!cur.s.empty() || cur.any) fields.push_back(cur);
    for (auto& f : fields) {
      if (f.glob && split && p_.ctx.fs) {
        Strs m = glob(f.s);
        if (!m.empty()) {
          outFields.insert(outFields.end(), m.begin(), m.end());
          continue;
        }
      }
      outFields.push_back(f.s);
    }
    return true;
  }

  Strs glob(const std::string& pat) {
    Strs out;
    size_t slash = pat.rfind('/');
    std::string dir = slash == std::string::npos ? "" : pat.substr(0, slash + 1);
    std::string base = slash == std::string::npos ? pat : pat.substr(slash + 1);
    if (dir.find_first_of("*?[") != std::string::npos || base.empty()) return out;
    std::string absDir = normPath(cwd, dir.empty() ? "." : dir);
    for (const auto& name : fsList(*p_.ctx.fs, absDir)) {
      if (name[0] == '.' && base[0] != '.') continue;
      if (globMatch(base, name)) out.push_back(dir + name);
    }
    return out;
  }

  std::string expandString(const Word& w) {
    Strs f;
    expandWord(w, f, false);
    std::string s;
    for (size_t i = 0; i < f.size(); ++i) s += (i ? " " : "") + f[i];
    return s;
  }

  // ---- files ----------------------------------------------------------------------------
  std::string abs(const std::string& path) const { return normPath(cwd, path); }
  bool parentExists(const std::string& absPath) const {
    return p_.ctx.fs && p_.ctx.fs->exists(dirName(absPath));
  }
  // Write a file; err gets the reason ("Read-only file system", "No such file or directory").
  bool writeFile(const std::string& absPath, const std::string& content, bool append, std::string& reason) {
    if (!p_.ctx.fs) return true;
    if (!parentExists(absPath)) {
      reason = "No such file or directory";
      return false;
    }
    return p_.ctx.fs->write(absPath, content, append, reason);
  }

  // ---- redirections ---------------------------------------------------------------------
  bool applyRedirs(const std::vector<Redir>& rs) {
    if (rs.empty()) return true;
    io_.push_back(io_.back());
    for (const auto& r : rs) {
      if (r.op == "<<") {
        auto inp = std::make_shared<Input>();
        std::string body = r.heredoc ? *r.heredoc : "";
        inp->data = r.heredocExpand ? expandArg(body) : body;
        in_.push_back(inp);
        continue;
      }
      std::string target = expandString(r.target);
      Io& cur = io_.back();
      if (r.op == ">&" || r.op == "<&") {
        long long fd = 0;
        if (parseInt(target, fd)) {
          if (r.fd == 2 && fd == 1) cur.err = cur.out;
          else if (r.fd == 1 && fd == 2) cur.out = cur.err;
          continue;
        }
        if (target == "-") {
          (r.fd == 2 ? cur.err : cur.out) = Sink{Sink::Null, "", nullptr};
          continue;
        }
      }
      if (r.op == "<") {
        auto inp = std::make_shared<Input>();
        if (target != "/dev/null") {
          std::string path = abs(target);
          if (!p_.ctx.fs || !p_.ctx.fs->read(path, inp->data)) {
            if (flavor == Flavor::Ash) err(prefix() + "can't open '" + target + "': No such file or directory\n");
            else if (flavor == Flavor::Dash) err(prefix() + "cannot open " + target + ": No such file\n");
            else err(prefix() + target + ": No such file or directory\n");
            return false;
          }
        }
        in_.push_back(inp);
        continue;
      }
      Sink s;
      if (target == "/dev/null") {
        s.kind = Sink::Null;
      } else if (target == "/dev/stdout" || target == "/proc/1/fd/1") {
        s = p_.isExec && target == "/proc/1/fd/1" ? Sink{} : cur.out;
      } else if (target == "/dev/stderr" || target == "/proc/1/fd/2") {
        s = p_.isExec && target == "/proc/1/fd/2" ? Sink{} : cur.err;
      } else {
        std::string path = abs(target);
        std::string reason;
        if (p_.isExec && (target == "/proc/1/fd/1" || target == "/proc/1/fd/2")) {
          s = Sink{};
        } else if (!writeFile(path, "", r.op == ">>", reason)) {
          if (flavor == Flavor::Ash)
            err(prefix() + "can't create " + target + ": " +
                (reason == "No such file or directory" ? "nonexistent directory" : reason) + "\n");
          else if (flavor == Flavor::Dash)
            err(prefix() + "cannot create " + target + ": " +
                (reason == "No such file or directory" ? "Directory nonexistent" : reason) + "\n");
          else
            err(prefix() + target + ": " + reason + "\n");
          return false;
        } else {
          s.kind = Sink::File;
          s.path = path;
        }
      }
      if (r.op == "&>" || (r.op == ">&" && r.fd == 1)) {
        cur.out = s;
        cur.err = s;
      } else if (r.fd == 2) {
        cur.err = s;
      } else {
        cur.out = s;
      }
    }
    return true;
  }

  // ---- frames ---------------------------------------------------------------------------
  bool pushNode(const Node* n, bool cond, NodeP owned = nullptr) {
    Frame f;
    f.node = n;
    f.owned = std::move(owned);
    f.cond = cond || (!frames.empty() && frames.back().cond);
    f.ioMark = io_.size();
    f.inMark = in_.size();
    if (n->kind != Node::Simple && !n->redirs.empty()) {
      if (!applyRedirs(n->redirs)) {
        io_.resize(f.ioMark);
        in_.resize(f.inMark);
        last = 1;
        return false;
      }
    }
    frames.push_back(std::move(f));
    return true;
  }

  void popFrame(int status) {
    Frame f = std::move(frames.back());
    frames.pop_back();
    for (auto it = f.restore.rbegin(); it != f.restore.rend(); ++it) {
      if (it->second) vars[it->first] = *it->second;
      else vars.erase(it->first);
    }
    if (io_.size() > f.ioMark) io_.resize(f.ioMark);
    if (in_.size() > f.inMark) in_.resize(f.inMark);
    if (f.savedVars) vars = *f.savedVars;
    if (f.savedPos) pos = *f.savedPos;
    if (f.savedZero) zero = *f.savedZero;
    if (f.savedFlavor) flavor = *f.savedFlavor;
    if (f.savedCwd) cwd = *f.savedCwd;
    if (f.stage == 2 && !f.prog.empty()) {
      // a foreground server ended: stop listening
      auto& ls = p_.listeners;
      ls.erase(std::remove_if(ls.begin(), ls.end(),
                              [&](const Listener& l) { return !l.background && l.prog == f.prog; }),
               ls.end());
    }
    last = status;
  }

  // `exit`: unwind to the nearest nested shell (or end the process).
  void doExit(int code) {
    while (!frames.empty()) {
      bool b = frames.back().boundary || frames.back().bg;
      popFrame(code);
      if (b) {
        last = code;
        return;
      }
    }
    last = code;
  }

  void doBreak(bool cont, long long n) {
    for (size_t i = frames.size(); i-- > 0;) {
      const Frame& f = frames[i];
      if (f.boundary || f.bg) return;
      if (f.node && (f.node->kind == Node::While || f.node->kind == Node::For)) {
        if (--n > 0) continue;
        while (frames.size() > i + 1) popFrame(0);
        if (cont) {
          if (frames.back().node->kind == Node::While) frames.back().stage = 0;
        } else {
          popFrame(0);
        }
        last = 0;
        return;
      }
    }
  }

  bool inBackground() const {
    for (const auto& f : frames)
      if (f.bg) return true;
    return false;
  }
  // A background job would wait: it keeps running "elsewhere"; the script goes on.
  void detachBackground(const Res& r) {
    if (r.kind == Res::Sleep) p_.bgUntil = std::max(p_.bgUntil, p_.now + r.wait);
    if (r.kind == Res::Block) p_.bgBlocked = true;
    if (r.kind == Res::Block) {
      for (auto& l : p_.listeners)
        if (l.prog == r.prog) l.background = true;
    }
    while (!frames.empty()) {
      bool b = frames.back().bg;
      popFrame(0);
      if (b) break;
    }
    last = 0;
  }

  void finishSimple(int status) {
    Frame& f = frames.back();
    bool execReplace = f.execReplace, cond = f.cond;
    if (execReplace) {
      doExit(status);
      return;
    }
    popFrame(status);
    if (errexit && status != 0 && !cond) {
      doExit(status);
      return;
    }
    afterCommand();
  }

  // Deferred TERM trap: runs once the foreground command returns.
  void afterCommand() {
    if (instant_ || !p_.termPending) return;
    p_.termPending = false;
    auto it = p_.traps.find("TERM");
    if (it == p_.traps.end() || it->second.empty()) return;
    pushScript(it->second, false);
  }

  bool pushScript(const std::string& script, bool boundary) {
    std::string bad;
    NodeP root = parseScript(script, bad);
    if (!root) {
      err(prefix() + "syntax error: unexpected \"" + bad + "\"\n");
      last = 2;
      return false;
    }
    pushNode(root.get(), false, root);
    frames.back().boundary = boundary;
    return true;
  }

  // ---- the run loop ---------------------------------------------------------------------
  // Runs until the process must wait; returns the step.
  ProcessStep run() {
    long steps = 0;
    while (true) {
      if (frames.empty()) {
        if (!instant_ && !p_.exitTrapRan && p_.traps.count("EXIT") && !p_.traps["EXIT"].empty()) {
          p_.exitTrapRan = true;
          int keep = last;
          exitTrapStatus_ = keep;
          pushScript(p_.traps["EXIT"], true);
          continue;
        }
        if (exitTrapStatus_ >= 0 && !instant_) last = exitTrapStatus_;  // the status the shell exited with
        return ProcessStep{ProcessStep::Exit, 0, last};
      }
      if (++steps > kMaxSteps) return ProcessStep{ProcessStep::Block, 0, 0};  // busy loop forever
      ProcessStep y;
      if (step(y)) return y;
    }
  }

  int exitTrapStatus_ = -1;

  bool step(ProcessStep& y);
  bool stepSimple(Frame& f, ProcessStep& y);
  Res dispatch(const Strs& argv, Frame& f);
  Res program(const std::string& name, const Strs& argv, Frame& f);
  Res nestedShell(const Strs& argv, Frame& f);
  bool handleRes(const Res& r, ProcessStep& y);

  // programs
  Res echo(const Strs& a);
  Res printfCmd(const Strs& a);
  int test(Strs a);
  Res nginx(const Strs& a, Frame& f);
  Res agnhost(const Strs& a, Frame& f);
  Res serve(Listener l, bool foreground);
  Res nslookup(const Strs& a);
  Res fetch(const std::string& prog, const Strs& a);
  Res fileCmd(const std::string& name, const Strs& a);
  bool running(const std::string& name) const;
  void stopSelf(const std::string& name);
};

bool Sh::step(ProcessStep& y) {
  Frame& f = frames.back();
  const Node& n = *f.node;
  switch (n.kind) {
    case Node::Simple:
      return stepSimple(f, y);
    case Node::List: {
      if (f.idx < n.kids.size()) {
        size_t i = f.idx++;
        const Node* kid = n.kids[i].get();
        if (n.bg[i]) {
          size_t depth = frames.size();
          if (pushNode(kid, true)) frames.back().bg = true;
          (void)depth;
        } else {
          pushNode(kid, false);
        }
      } else {
        popFrame(last);
      }
      return false;
    }
    case Node::AndOr: {
      if (f.stage == 0) {
        f.stage = 1;
        f.idx = 0;
        pushNode(n.kids[0].get(), n.kids.size() > 1);
        return false;
      }
      while (f.idx + 1 < n.kids.size()) {
        bool isAnd = n.andOps[f.idx];
        ++f.idx;
        if (isAnd == (last == 0)) {
          pushNode(n.kids[f.idx].get(), f.idx + 1 < n.kids.size());
          return false;
        }
      }
      popFrame(last);
      return false;
    }
    case Node::Pipeline: {
      size_t total = n.kids.size();
      if (f.stage == 1) {  // a command returned
        if (f.idx < total) {
          // capture of the previous stage becomes the next stage's input
          std::string data = f.pipeBuf ? *f.pipeBuf : "";
          io_.resize(f.ioMark);
          in_.resize(f.inMark);
          auto inp = std::make_shared<Input>();
          inp->data = data;
          in_.push_back(inp);
        }
      }
      if (f.idx < total) {
        size_t i = f.idx++;
        f.stage = 1;
        if (i + 1 < total) {
          if (total > 1 && i > 0) {
            // keep the input pushed above
          }
          f.pipeBuf = std::make_shared<std::string>();
          Io pio = io_.back();
          pio.out = Sink{Sink::Buffer, "", f.pipeBuf};
          io_.push_back(pio);
        }
        pushNode(n.kids[i].get(), n.negate);
        return false;
      }
      int st = last;
      if (n.negate) st = st == 0 ? 1 : 0;
      popFrame(st);
      return false;
    }
    case Node::If: {
      if (f.stage == 0) {
        f.stage = 1;
        f.idx = 0;
        pushNode(n.kids[0].get(), true);
        return false;
      }
      if (f.stage == 1) {
        if (last == 0) {
          f.stage = 2;
          pushNode(n.kids[f.idx + 1].get(), false);
          return false;
        }
        f.idx += 2;
        size_t pairs = (n.kids.size() - (n.hasElse ? 1 : 0));
        if (f.idx < pairs) {
          pushNode(n.kids[f.idx].get(), true);
          return false;
        }
        if (n.hasElse) {
          f.stage = 2;
          pushNode(n.kids.back().get(), false);
          return false;
        }
        popFrame(0);
        return false;
      }
      popFrame(last);
      return false;
    }
    case Node::While: {
      if (f.stage == 0) {
        f.stage = 1;
        pushNode(n.kids[0].get(), true);
        return false;
      }
      if (f.stage == 1) {
        bool ok = (last == 0) != n.until;
        if (!ok) {
          popFrame(f.status);
          return false;
        }
        f.stage = 2;
        pushNode(n.kids[1].get(), false);
        return false;
      }
      f.status = last;
      f.stage = 0;
      return false;
    }
    case Node::For: {
      if (f.stage == 0) {
        f.stage = 1;
        if (n.forInPositional) {
          f.items = pos;
        } else {
          for (const auto& w : n.items)
            if (!expandWord(w, f.items)) {
              popFrame(1);
              return false;
            }
        }
        f.idx = 0;
      } else {
        f.status = last;
      }
      if (f.idx < f.items.size()) {
        vars[n.var] = f.items[f.idx++];
        pushNode(n.kids[0].get(), false);
        return false;
      }
      popFrame(f.status);
      return false;
    }
    case Node::Group:
    case Node::Subshell: {
      if (f.stage == 0) {
        f.stage = 1;
        if (n.kind == Node::Subshell) {
          f.boundary = true;
          f.savedVars = vars;
          f.savedCwd = cwd;
        }
        pushNode(n.kids[0].get(), false);
        return false;
      }
      popFrame(last);
      return false;
    }
  }
  popFrame(last);
  return false;
}

bool Sh::stepSimple(Frame& f, ProcessStep& y) {
  const Node& n = *f.node;
  if (f.stage == 1) {  // sleeping
    if (p_.now < f.until && !instant_) {
      y = ProcessStep{ProcessStep::Sleep, f.until - p_.now, 0};
      return true;
    }
    finishSimple(0);
    return false;
  }
  if (f.stage == 2) {  // blocked forever (a server, sleep infinity, wait)
    if (instant_) {
      finishSimple(0);
      return false;
    }
    y = ProcessStep{ProcessStep::Block, 0, 0};
    return true;
  }
  if (f.stage == 3) {  // a nested script returned
    finishSimple(last);
    return false;
  }
  // stage 0: expand and run
  substStatus = 0;
  Strs argv;
  for (const auto& w : n.words) {
    if (!expandWord(w, argv)) {
      finishSimple(flavor == Flavor::Bash ? 1 : 2);
      return false;
    }
  }
  std::vector<std::pair<std::string, std::string>> assigns;
  for (const auto& a : n.assigns) assigns.push_back({a.first, expandString(a.second)});
  if (argv.empty()) {
    for (const auto& a : assigns) vars[a.first] = a.second;
    int st = substStatus;
    if (!applyRedirs(n.redirs)) st = 1;
    finishSimple(st);
    return false;
  }
  if (xtrace) {
    std::string t = "+";
    for (const auto& a : argv) t += " " + a;
    err(t + "\n");
  }
  if (!applyRedirs(n.redirs)) {
    finishSimple(flavor == Flavor::Dash ? 2 : 1);
    return false;
  }
  for (const auto& a : assigns) {
    auto it = vars.find(a.first);
    f.restore.push_back({a.first, it == vars.end() ? std::nullopt : std::optional<std::string>(it->second)});
    vars[a.first] = a.second;
  }
  Res r = dispatch(argv, frames.back());
  return handleRes(r, y);
}

bool Sh::handleRes(const Res& r, ProcessStep& y) {
  Frame& f = frames.back();
  switch (r.kind) {
    case Res::Done:
      finishSimple(r.status);
      return false;
    case Res::Sleep:
      if (instant_) {
        finishSimple(0);
        return false;
      }
      if (inBackground()) {
        detachBackground(r);
        return false;
      }
      f.stage = 1;
      f.until = p_.now + r.wait;
      f.prog = r.prog;
      y = ProcessStep{ProcessStep::Sleep, r.wait, 0};
      return true;
    case Res::Block:
      if (instant_) {  // command substitution of a blocking command: give up
        while (!frames.empty()) popFrame(0);
        return false;
      }
      if (inBackground()) {
        detachBackground(r);
        return false;
      }
      f.stage = 2;
      f.prog = r.prog;
      f.isWait = r.prog == "wait";
      y = ProcessStep{ProcessStep::Block, 0, 0};
      return true;
    case Res::Exit:
      doExit(r.status);
      return false;
    case Res::Break:
    case Res::Continue:
      popFrame(0);
      doBreak(r.kind == Res::Continue, r.status);
      return false;
    case Res::Push:
      f.stage = 3;
      if (pending_) {
        frames.push_back(std::move(*pending_));
        pending_.reset();
      }
      return false;
  }
  return false;
}

std::string Sh::cmdSubst(const std::string& script) {
  if (p_.substDepth > 20) return "";
  Sh sub(p_, true);
  sub.vars = vars;
  sub.exported = exported;
  sub.pos = pos;
  sub.zero = zero;
  sub.flavor = flavor;
  sub.cwd = cwd;
  sub.last = last;
  auto buf = std::make_shared<std::string>();
  sub.io_.back().out = Sink{Sink::Buffer, "", buf};
  sub.io_.back().err = io_.back().err;
  ++p_.substDepth;
  if (sub.pushScript(script, true)) sub.run();
  --p_.substDepth;
  substStatus = sub.last;
  std::string s = *buf;
  while (!s.empty() && s.back() == '\n') s.pop_back();
  return s;
}

// ============================================================================================
// [SECTION] programs
// ============================================================================================

std::string joinArgs(const Strs& a, size_t from, const std::string& sep = " ") {
  std::string s;
  for (size_t i = from; i < a.size(); ++i) s += (i > from ? sep : "") + a[i];
  return s;
}

// Value of "--flag=v", "--flag v", "-flag=v", "-flag v" in args (Go flag / cobra style).
bool flagValue(const Strs& a, const std::string& name, std::string& v) {
  for (size_t i = 0; i < a.size(); ++i) {
    for (const std::string& p : {"--" + name, "-" + name}) {
      if (a[i] == p && i + 1 < a.size()) {
        v = a[i + 1];
        return true;
      }
      if (startsWith(a[i], p + "=")) {
        v = a[i].substr(p.size() + 1);
        return true;
      }
    }
  }
  return false;
}

std::string interpretEscapes(const std::string& s, bool& stop) {
  std::string o;
  stop = false;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '\\' || i + 1 >= s.size()) {
      o += s[i];
      continue;
    }
    char c = s[++i];
    switch (c) {
      case 'n': o += '\n'; break;
      case 't': o += '\t'; break;
      case 'r': o += '\r'; break;
      case 'a': o += '\a'; break;
      case 'b': o += '\b'; break;
      case 'f': o += '\f'; break;
      case 'v': o += '\v'; break;
      case 'e': o += '\x1b'; break;
      case '\\': o += '\\'; break;
      case 'c': stop = true; return o;
      case '0': {
        int v = 0, k = 0;
        while (k < 3 && i + 1 < s.size() && s[i + 1] >= '0' && s[i + 1] <= '7') v = v * 8 + (s[++i] - '0'), ++k;
        o += static_cast<char>(v);
        break;
      }
      default: o += '\\'; o += c;
    }
  }
  return o;
}

Res Sh::echo(const Strs& a) {
  size_t i = 1;
  bool nl = true, esc = flavor == Flavor::Dash;
  while (i < a.size() && a[i].size() > 1 && a[i][0] == '-' &&
         a[i].find_first_not_of("neE", 1) == std::string::npos) {
    for (char c : a[i].substr(1)) {
      if (c == 'n') nl = false;
      if (c == 'e') esc = true;
      if (c == 'E') esc = false;
    }
    ++i;
  }
  std::string s = joinArgs(a, i);
  bool stop = false;
  if (esc) s = interpretEscapes(s, stop);
  if (nl && !stop) s += "\n";
  out(s);
  return Res::done(0);
}

Res Sh::printfCmd(const Strs& a) {
  if (a.size() < 2) {
    err("printf: usage: printf format [arguments]\n");
    return Res::done(2);
  }
  const std::string fmt = a[1];
  size_t ai = 2;
  std::string o;
  bool stop = false;
  int status = 0;
  do {
    size_t used = ai;
    for (size_t i = 0; i < fmt.size(); ++i) {
      char c = fmt[i];
      if (c == '\\') {
        std::string e = fmt.substr(i, 2);
        if (i + 1 < fmt.size() && fmt[i + 1] == '0') {
          size_t k = i + 2;
          while (k < fmt.size() && k < i + 5 && fmt[k] >= '0' && fmt[k] <= '7') ++k;
          e = fmt.substr(i, k - i);
        }
        o += interpretEscapes(e, stop);
        i += e.size() - 1;
        continue;
      }
      if (c != '%') {
        o += c;
        continue;
      }
      size_t j = i + 1;
      while (j < fmt.size() && strchr("-+ #0", fmt[j])) ++j;
      while (j < fmt.size() && (isdigit(static_cast<unsigned char>(fmt[j])) || fmt[j] == '.')) ++j;
      if (j >= fmt.size()) {
        o += fmt.substr(i);
        break;
      }
      char conv = fmt[j];
      std::string spec = fmt.substr(i, j - i);
      std::string arg = ai < a.size() ? a[ai] : "";
      if (conv != '%') ++ai;
      char buf[512];
      switch (conv) {
        case '%': o += '%'; break;
        case 's': snprintf(buf, sizeof buf, (spec + "s").c_str(), arg.c_str()); o += buf; break;
        case 'b': o += interpretEscapes(arg, stop); break;
        case 'c': o += arg.empty() ? "" : arg.substr(0, 1); break;
        case 'd': case 'i': case 'u': case 'x': case 'X': case 'o': {
          long long v = 0;
          if (!arg.empty() && !parseInt(arg, v)) {
            err("printf: invalid number '" + arg + "'\n");  // busybox
            status = 1;
          }
          std::string f = spec + "ll" + (conv == 'i' ? 'd' : conv);
          snprintf(buf, sizeof buf, f.c_str(), v);
          o += buf;
          break;
        }
        case 'f': case 'e': case 'g': {
          double v = arg.empty() ? 0 : strtod(arg.c_str(), nullptr);
          snprintf(buf, sizeof buf, (spec + conv).c_str(), v);
          o += buf;
          break;
        }
        default: o += spec + conv;
      }
      i = j;
    }
    if (ai == used) break;  // format consumed no argument
  } while (ai < a.size() && !stop);
  out(o);
  return Res::done(status);
}

// test / [ : 0 true, 1 false, 2 error.
int Sh::test(Strs a) {
  ContainerFs* fs = p_.ctx.fs;
  auto num = [&](const std::string& s, long long& v) {
    if (parseInt(s, v)) return true;
    if (flavor == Flavor::Ash) err(prefix() + "invalid number '" + s + "'\n");
    else if (flavor == Flavor::Dash) err(prefix() + "[: Illegal number: " + s + "\n");
    else err(prefix() + "[: " + s + ": integer expression expected\n");
    return false;
  };
  std::function<int(size_t, size_t)> expr = [&](size_t b, size_t e) -> int {
    size_t n = e - b;
    if (n == 0) return 1;
    // -o / -a (left to right, -a binds tighter)
    for (size_t i = b + 1; i + 1 < e; ++i)
      if (a[i] == "-o") {
        int l = expr(b, i);
        if (l == 2) return 2;
        int r = expr(i + 1, e);
        if (r == 2) return 2;
        return (l == 0 || r == 0) ? 0 : 1;
      }
    for (size_t i = b + 1; i + 1 < e; ++i)
      if (a[i] == "-a") {
        int l = expr(b, i);
        if (l == 2) return 2;
        int r = expr(i + 1, e);
        if (r == 2) return 2;
        return (l == 0 && r == 0) ? 0 : 1;
      }
    if (a[b] == "!" && n > 1) {
      int r = expr(b + 1, e);
      return r == 2 ? 2 : (r == 0 ? 1 : 0);
    }
    if (a[b] == "(" && a[e - 1] == ")" && n > 2) return expr(b + 1, e - 1);
    if (n == 1) return a[b].empty() ? 1 : 0;
    if (n == 2) {
      const std::string& op = a[b];
      const std::string& x = a[b + 1];
      std::string p = abs(x);
      if (op == "-z") return x.empty() ? 0 : 1;
      if (op == "-n") return x.empty() ? 1 : 0;
      if (op == "-e" || op == "-r" || op == "-w") return fs && !x.empty() && fs->exists(p) ? 0 : 1;
      if (op == "-f") return fs && !x.empty() && fsIsFile(*fs, p) ? 0 : 1;
      if (op == "-d") return fs && !x.empty() && fsIsDir(*fs, p) ? 0 : 1;
      if (op == "-s") {
        std::string c;
        return fs && fs->read(p, c) && !c.empty() ? 0 : 1;
      }
      if (op == "-x") return fs && (fsIsDir(*fs, p) || endsWith(x, ".sh")) ? 0 : 1;
      if (op == "-L" || op == "-h" || op == "-p" || op == "-S" || op == "-b" || op == "-c") return 1;
      if (op == "-t") return 1;
      err(prefix() + (flavor == Flavor::Bash ? "[: " + op + ": unary operator expected\n" : "[: " + op + ": unknown operand\n"));
      return 2;
    }
    if (n == 3) {
      const std::string &l = a[b], &op = a[b + 1], &r = a[b + 2];
      if (op == "=" || op == "==") return l == r ? 0 : 1;
      if (op == "!=") return l != r ? 0 : 1;
      if (op == "<") return l < r ? 0 : 1;
      if (op == ">") return l > r ? 0 : 1;
      static const std::set<std::string> kNum = {"-eq", "-ne", "-lt", "-le", "-gt", "-ge"};
      if (kNum.count(op)) {
        long long x = 0, y = 0;
        if (!num(l, x) || !num(r, y)) return 2;
        bool v = op == "-eq" ? x == y : op == "-ne" ? x != y : op == "-lt" ? x < y : op == "-le" ? x <= y
                 : op == "-gt" ? x > y : x >= y;
        return v ? 0 : 1;
      }
    }
    err(prefix() + "[: syntax error\n");
    return 2;
  };
  return expr(0, a.size());
}

bool Sh::running(const std::string& name) const {
  if (p_.isExec) return p_.ctx.processRunning ? p_.ctx.processRunning(name) : false;
  if (p_.pid1 == name) return true;
  for (const auto& l : p_.listeners)
    if (l.prog == name) return true;
  return false;
}

void Sh::stopSelf(const std::string& name) {
  if (p_.isExec) {
    if (p_.ctx.stopProcess) p_.ctx.stopProcess(name);
    return;
  }
  auto& ls = p_.listeners;
  ls.erase(std::remove_if(ls.begin(), ls.end(), [&](const Listener& l) { return l.background && l.prog == name; }),
           ls.end());
}

Res Sh::serve(Listener l, bool foreground) {
  l.started = p_.now;
  l.background = !foreground;
  if (p_.isExec) return foreground ? Res::block(l.prog) : Res::done(0);  // an exec's server: nobody probes it
  p_.listeners.push_back(l);
  return foreground ? Res::block(l.prog) : Res::done(0);
}

std::string nginxVersion(const std::string& tag) {
  std::string t = tag;
  if (endsWith(t, "-alpine")) t = t.substr(0, t.size() - 7);
  if (t.empty() || t == "latest" || t == "mainline" || t == "alpine" || t == "1.27") return "1.27.3";
  if (t == "stable" || t == "1.26") return "1.26.2";
  static const std::map<std::string, std::string> kLatestPatch = {
      {"1.25", "1.25.5"}, {"1.24", "1.24.0"}, {"1.23", "1.23.4"}, {"1.22", "1.22.1"},
      {"1.21", "1.21.6"}, {"1.20", "1.20.2"}, {"1.19", "1.19.10"}};
  auto it = kLatestPatch.find(t);
  if (it != kLatestPatch.end()) return it->second;
  return t;
}

// Ports and root from the nginx configuration (listen N; root DIR;), default :80 and the html dir.
void nginxConfig(const ContainerFs* fs, std::vector<int>& ports, std::string& root) {
  root = "/usr/share/nginx/html";
  if (!fs) return;
  Strs confs = {"/etc/nginx/nginx.conf"};
  for (const auto& n : fsList(*fs, "/etc/nginx/conf.d"))
    if (endsWith(n, ".conf")) confs.push_back("/etc/nginx/conf.d/" + n);
  bool rootSet = false;
  for (const auto& c : confs) {
    std::string text;
    if (!fs->read(c, text)) continue;
    for (std::string ln : splitLines(text)) {
      size_t h = ln.find('#');
      if (h != std::string::npos) ln = ln.substr(0, h);
      size_t k = ln.find_first_not_of(" \t");
      if (k == std::string::npos) continue;
      ln = ln.substr(k);
      if (startsWith(ln, "listen ") || startsWith(ln, "listen\t")) {
        std::string v = ln.substr(7);
        v = v.substr(v.find_first_not_of(" \t"));
        if (startsWith(v, "[::]:")) continue;
        size_t colon = v.rfind(':');
        if (colon != std::string::npos) v = v.substr(colon + 1);
        long long port = atoll(v.c_str());
        if (port > 0 && std::find(ports.begin(), ports.end(), port) == ports.end()) ports.push_back((int)port);
      } else if (!rootSet && startsWith(ln, "root ")) {
        std::string v = ln.substr(5);
        v = v.substr(0, v.find(';'));
        v = v.substr(v.find_first_not_of(" \t"));
        while (!v.empty() && (v.back() == ' ' || v.back() == '\t')) v.pop_back();
        if (!v.empty()) {
          root = v;
          rootSet = true;
        }
      }
    }
  }
  if (ports.empty()) ports.push_back(80);
}

const char* kNginxDefaultConf =
    "server {\n"
    "    listen       80;\n"
    "    listen  [::]:80;\n"
    "    server_name  localhost;\n"
    "\n"
    "    #access_log  /var/log/nginx/host.access.log  main;\n"
    "\n"
    "    location / {\n"
    "        root   /usr/share/nginx/html;\n"
    "        index  index.html index.htm;\n"
    "    }\n"
    "\n"
    "    #error_page  404              /404.html;\n"
    "\n"
    "    # redirect server error pages to the static page /50x.html\n"
    "    #\n"
    "    error_page   500 502 503 504  /50x.html;\n"
    "    location = /50x.html {\n"
    "        root   /usr/share/nginx/html;\n"
    "    }\n"
    "}\n";

Res Sh::nginx(const Strs& a, Frame& f) {
  std::string stamp = logStamp(p_.now);
  std::string ver = nginxVersion(p_.image.tag);
  std::string sig, directives;
  bool testOnly = false;
  for (size_t i = 1; i < a.size(); ++i) {
    if (a[i] == "-s" && i + 1 < a.size()) sig = a[++i];
    else if (a[i] == "-g" && i + 1 < a.size()) directives += a[++i];
    else if (a[i] == "-c" || a[i] == "-p" || a[i] == "-e") ++i;
    else if (a[i] == "-t" || a[i] == "-T" || a[i] == "-q") testOnly = true;
    else if (a[i] == "-v" || a[i] == "-V") {
      err("nginx version: nginx/" + ver + "\n");
      return Res::done(0);
    } else if (a[i] == "-h" || a[i] == "-?") {
      err("nginx version: nginx/" + ver + "\nUsage: nginx [-?hvVtTq] [-s signal] [-p prefix]\n"
          "             [-e filename] [-c filename] [-g directives]\n");
      return Res::done(0);
    } else {
      err("nginx: invalid option: \"" + a[i].substr(a[i][0] == '-' ? 1 : 0) + "\"\n");
      return Res::done(1);
    }
  }
  if (testOnly) {
    err("nginx: the configuration file /etc/nginx/nginx.conf syntax is ok\n"
        "nginx: configuration file /etc/nginx/nginx.conf test is successful\n");
    return Res::done(0);
  }
  int myPid = p_.isExec ? 40 : 7;
  if (!sig.empty()) {
    static const std::set<std::string> kSigs = {"stop", "quit", "reopen", "reload"};
    if (!kSigs.count(sig)) {
      err("nginx: invalid option: \"-s " + sig + "\"\n");
      return Res::done(1);
    }
    std::string pfx = stamp + " [notice] " + std::to_string(myPid) + "#" + std::to_string(myPid) + ": ";
    err(pfx + "signal process started\n");
    if (!running("nginx")) {
      err(stamp + " [error] " + std::to_string(myPid) + "#" + std::to_string(myPid) +
          ": open() \"/run/nginx.pid\" failed (2: No such file or directory)\n");
      return Res::done(1);
    }
    if (sig == "stop" || sig == "quit") stopSelf("nginx");
    return Res::done(0);
  }
  // the server
  bool bound = false;
  for (const auto& l : p_.listeners)
    if (l.prog == "nginx") bound = true;
  if (bound || (p_.isExec && p_.ctx.processRunning && p_.ctx.processRunning("nginx"))) {
    for (int i = 0; i < 5; ++i)
      err(stamp + " [emerg] " + std::to_string(myPid) + "#" + std::to_string(myPid) +
          ": bind() to 0.0.0.0:80 failed (98: Address already in use)\n");
    err("nginx: [emerg] bind() to 0.0.0.0:80 failed (98: Address already in use)\n");
    err(stamp + " [emerg] " + std::to_string(myPid) + "#" + std::to_string(myPid) + ": still could not bind()\n");
    err("nginx: [emerg] still could not bind()\n");
    return Res::done(1);
  }
  bool foreground = directives.find("daemon off") != std::string::npos;
  int pid = (f.execReplace && !p_.isExec && frames.size() <= 2) ? 1 : myPid;
  bool notices = !p_.image.entrypoint.empty() || !p_.image.known;  // 1.19+ images log at notice level
  if (notices) {
    std::string pfx = stamp + " [notice] " + std::to_string(pid) + "#" + std::to_string(pid) + ": ";
    bool alpine = p_.image.tag == "alpine" || endsWith(p_.image.tag, "-alpine");
    err(pfx + "using the \"epoll\" event method\n");
    err(pfx + "nginx/" + ver + "\n");
    err(pfx + (alpine ? "built by gcc 13.2.1 20240309 (Alpine 13.2.1_git20240309) \n"
                      : "built by gcc 12.2.0 (Debian 12.2.0-14) \n"));
    err(pfx + "OS: Linux 6.8.0-podplay\n");
    err(pfx + "getrlimit(RLIMIT_NOFILE): 1048576:1048576\n");
    err(pfx + "start worker processes\n");
    err(pfx + "start worker process " + std::to_string(pid + 28) + "\n");
    err(pfx + "start worker process " + std::to_string(pid + 29) + "\n");
  }
  std::vector<int> ports;
  std::string root;
  nginxConfig(p_.ctx.fs, ports, root);
  Res r;
  for (int port : ports) {
    Listener l;
    l.kind = Listener::Nginx;
    l.port = port;
    l.prog = "nginx";
    l.root = root;
    l.pid = pid;
    r = serve(l, foreground);
  }
  return r;
}

// Apache error-log time stamp: "[Mon Jan 01 10:00:05.000000 2024]".
std::string apacheStamp(Time now) {
  DateParts d = dateParts(now);
  char us[16];
  snprintf(us, sizeof us, "%03lld000", (long long)(((now % 1000) + 1000) % 1000));
  return "[" + d.wd + " " + d.mon + " " + d.dd + " " + d.hms + "." + us + " " + d.yyyy + "]";
}

// Access-log time: "01/Jan/2024:10:00:05 +0000" (nginx $time_local, apache %t).
std::string accessStamp(Time now) {
  DateParts d = dateParts(now);
  return d.dd + "/" + d.mon + "/" + d.yyyy + ":" + d.hms + " +0000";
}

std::string klog(Time now, const std::string& file, const std::string& msg) {
  DateParts d = dateParts(now);
  char ms[16];
  snprintf(ms, sizeof ms, "%03lld000", (long long)(((now % 1000) + 1000) % 1000));
  return "I" + d.mm + d.dd + " " + d.hms + "." + ms + "       1 " + file + "] " + msg + "\n";
}

Res Sh::agnhost(const Strs& a, Frame& f) {
  if (a.size() < 2 || a[1] == "--help" || a[1] == "-h" || a[1] == "help") {
    out("agnhost is a test image used in the Kubernetes e2e tests.\n\nUsage:\n  agnhost [command]\n\n"
        "Available Commands:\n  liveness        Starts a http server that fails its /healthz after 10 seconds\n"
        "  netexec         Creates HTTP(S), UDP, and (optionally) SCTP servers with various endpoints\n"
        "  pause           Pauses the execution\n"
        "  serve-hostname  Serves the hostname\n"
        "  test-webserver  Creates a test webserver\n");
    return Res::done(0);
  }
  std::string sub = a[1];
  Strs rest(a.begin() + 2, a.end());
  Listener l;
  l.prog = "agnhost";
  if (sub == "liveness") {
    l.kind = Listener::Liveness;
    l.port = 8080;
  } else if (sub == "netexec") {
    std::string v;
    l.port = flagValue(rest, "http-port", v) ? atoi(v.c_str()) : 8080;
    std::string udp = flagValue(rest, "udp-port", v) ? v : "8081";
    err(klog(p_.now, "log.go:245", "Started HTTP server on port " + std::to_string(l.port)));
    err(klog(p_.now, "log.go:245", "Started UDP server on port  " + udp));
  } else if (sub == "serve-hostname") {
    std::string v;
    l.port = flagValue(rest, "port", v) ? atoi(v.c_str()) : 9376;
    err(klog(p_.now, "serve_hostname.go:109", "Serving on port " + std::to_string(l.port) + "."));
  } else if (sub == "test-webserver") {
    std::string v;
    l.port = flagValue(rest, "port", v) ? atoi(v.c_str()) : 80;
  } else if (sub == "pause") {
    out("Paused\n");
    return Res::block("agnhost");
  } else {
    err("Error: unknown command \"" + sub + "\" for \"agnhost\"\nRun 'agnhost --help' for usage.\n");
    return Res::done(1);
  }
  l.sub = sub;
  if (!p_.isExec && f.execReplace) p_.pid1Go = true;
  return serve(l, true);
}

Res Sh::nslookup(const Strs& a) {
  Strs args;
  for (size_t i = 1; i < a.size(); ++i)
    if (a[i][0] != '-') args.push_back(a[i]);
  if (args.empty()) {
    err("BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: nslookup [-type=QUERY_TYPE] "
        "[-debug] HOST [DNS_SERVER]\n\nQuery DNS about HOST\n");
    return Res::done(1);
  }
  const std::string& host = args[0];
  bool ok = p_.resolves(host);
  std::string addr;
  if (ok) {
    if (host == "localhost") addr = "127.0.0.1";
    else if (p_.ctx.lookup) addr = p_.ctx.lookup(host);
    if (addr.empty()) {
      uint64_t h = 1469598103934665603ULL;
      for (unsigned char c : host) h = (h ^ c) * 1099511628211ULL;
      addr = "10.96." + std::to_string((h >> 8) % 256) + "." + std::to_string(h % 254 + 1);
    }
  }
  if (p_.traits.oldNslookup) {
    out("Server:    10.96.0.10\nAddress 1: 10.96.0.10 kube-dns.kube-system.svc.cluster.local\n\n");
    if (!ok) {
      err("nslookup: can't resolve '" + host + "'\n");
      return Res::done(1);
    }
    out("Name:      " + host + "\nAddress 1: " + addr + " " + host + "\n");
    return Res::done(0);
  }
  out("Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\n");
  if (!ok) {
    out("** server can't find " + host + ": NXDOMAIN\n\n** server can't find " + host + ": NXDOMAIN\n\n");
    return Res::done(1);
  }
  out("Name:\t" + host + "\nAddress: " + addr + "\n\n");
  return Res::done(0);
}

// wget / curl. Success iff the host resolves (localhost in the main process asks its own server).
Res Sh::fetch(const std::string& prog, const Strs& a) {
  bool quiet = false, spider = false, fail = false, headOnly = false, silent = false, showErr = false;
  std::string outFile, url;
  bool wget = prog == "wget";
  for (size_t i = 1; i < a.size(); ++i) {
    const std::string& x = a[i];
    if (wget) {
      if (x == "-q" || x == "--quiet") quiet = true;
      else if (x == "--spider") spider = true;
      else if (x == "-O" && i + 1 < a.size()) outFile = a[++i];
      else if (startsWith(x, "-O") && x.size() > 2) outFile = x.substr(2);
      else if (startsWith(x, "--output-document=")) outFile = x.substr(18);
      else if ((x == "-T" || x == "-U" || x == "--header" || x == "-Y") && i + 1 < a.size()) ++i;
      else if (x == "-qO-" || x == "-qO" ) { quiet = true; outFile = x == "-qO-" ? "-" : (i + 1 < a.size() ? a[++i] : "-"); }
      else if (x[0] != '-') url = x;
    } else {
      if (x == "-s" || x == "--silent") silent = true;
      else if (x == "-S" || x == "--show-error") showErr = true;
      else if (x == "-f" || x == "--fail") fail = true;
      else if (x == "-I" || x == "--head") headOnly = true;
      else if (x == "-sS" || x == "-Ss") silent = showErr = true;
      else if (x == "-fsS" || x == "-sf" || x == "-fs" || x == "-sSf" || x == "-fsSL" || x == "-sSL" || x == "-fsL")
        silent = fail = true, showErr = x.find('S') != std::string::npos;
      else if ((x == "-o" || x == "--output") && i + 1 < a.size()) outFile = a[++i];
      else if ((x == "-m" || x == "--max-time" || x == "-H" || x == "-X" || x == "-d" || x == "-w" ||
                x == "--connect-timeout" || x == "-u" || x == "-A") && i + 1 < a.size()) ++i;
      else if (x[0] != '-') url = x;
    }
  }
  if (url.empty()) {
    if (wget) err("BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: wget [-cqS] [--spider] [-O FILE] URL...\n");
    else err("curl: try 'curl --help' or 'curl --manual' for more information\n");
    return Res::done(wget ? 1 : 2);
  }
  std::string rest = url;
  size_t sch = rest.find("://");
  std::string scheme = "http";
  if (sch != std::string::npos) {
    scheme = rest.substr(0, sch);
    rest = rest.substr(sch + 3);
  }
  size_t slash = rest.find('/');
  std::string hostport = rest.substr(0, slash);
  std::string path = slash == std::string::npos ? "/" : rest.substr(slash);
  std::string host = hostport;
  int port = scheme == "https" ? 443 : 80;
  size_t colon = hostport.rfind(':');
  if (colon != std::string::npos) {
    host = hostport.substr(0, colon);
    port = atoi(hostport.substr(colon + 1).c_str());
  }
  bool local = host == "localhost" || host == "127.0.0.1" || host == "0.0.0.0";
  int status = 0;
  std::string body;
  if (!p_.resolves(host)) {
    if (wget) err("wget: bad address '" + hostport + "'\n");
    else if (!silent || showErr) err("curl: (6) Could not resolve host: " + host + "\n");
    return Res::done(wget ? 1 : 6);
  }
  std::string ip = local ? "127.0.0.1" : host;  // the address connected to, as clients print it
  HttpRoute route;
  if (p_.ctx.httpRequest) {
    std::string agent = wget ? (p_.traits.gnu ? "Wget/1.21.3" : "Wget")
                             : (p_.traits.gnu ? "curl/7.88.1" : "curl/8.9.1");
    route = p_.ctx.httpRequest(host, port, path, agent);
  }
  if (route.routed) {
    status = route.response.status;
    body = route.response.body;
    if (!route.ip.empty()) ip = route.ip;
  } else if (local && !p_.isExec && p_.ctx.fs) {
    status = 0;
    for (const auto& l : p_.listeners)
      if (l.port == port || l.port == -1) status = 200;
    if (status) {
      // ask our own server
      for (const auto& l : p_.listeners) {
        if (l.port != port && l.port != -1) continue;
        if (l.kind == Listener::Nginx || l.kind == Listener::Httpd) {
          std::string file = l.root + (endsWith(path, "/") ? path + "index.html" : path);
          if (p_.ctx.fs->read(file, body)) status = 200;
          else status = (path == "/" && l.kind == Listener::Nginx) ? 403 : 404;
        } else if (l.kind == Listener::Liveness) {
          status = path == "/healthz" ? (p_.now - l.started > 10000 ? 500 : 200) : 404;
          body = status == 200 ? "ok" : "error";
        } else {
          body = l.text.empty() ? "ok\n" : l.text + "\n";
          status = 200;
        }
        break;
      }
    }
  } else {
    status = 200;
    body = "<!DOCTYPE html>\n<html>\n<head><title>" + host + "</title></head>\n<body>\n<p>" + host +
           "</p>\n</body>\n</html>\n";
  }
  std::string conn = ip + ":" + std::to_string(port);
  if (status == 0) {
    if (wget) {
      if (!quiet) err("Connecting to " + hostport + " (" + conn + ")\n");
      err("wget: can't connect to remote host (" + ip + "): Connection refused\n");
      return Res::done(1);
    }
    if (!silent || showErr)
      err("curl: (7) Failed to connect to " + host + " port " + std::to_string(port) +
          " after 0 ms: Couldn't connect to server\n");
    return Res::done(7);
  }
  if (wget) {
    if (!quiet) err("Connecting to " + hostport + " (" + conn + ")\n");
    if (status >= 400) {
      static const std::map<int, std::string> kText = {{403, "Forbidden"}, {404, "Not Found"}, {500, "Internal Server Error"}};
      auto it = kText.find(status);
      err("wget: server returned error: HTTP/1.1 " + std::to_string(status) + " " +
          (it == kText.end() ? "Error" : it->second) + "\n");
      return Res::done(1);
    }
    if (spider) {
      if (!quiet) err("remote file exists\n");
      return Res::done(0);
    }
    std::string name = outFile.empty() ? (baseName(path).empty() || path == "/" ? "index.html" : baseName(path)) : outFile;
    if (name == "-") {
      out(body);
      return Res::done(0);
    }
    std::string reason;
    if (!writeFile(abs(name), body, false, reason)) {
      err("wget: can't open '" + name + "': " + reason + "\n");
      return Res::done(1);
    }
    if (!quiet) {
      char line[160];
      snprintf(line, sizeof line, "%-20s 100%% |********************************| %5zu  0:00:00 ETA\n",
               baseName(name).c_str(), body.size());
      err("saving to '" + name + "'\n" + line + "'" + name + "' saved\n");
    }
    return Res::done(0);
  }
  if (fail && status >= 400) {
    if (!silent || showErr) err("curl: (22) The requested URL returned error: " + std::to_string(status) + "\n");
    return Res::done(22);
  }
  if (headOnly) {
    out("HTTP/1.1 " + std::to_string(status) + (status == 200 ? " OK" : "") + "\r\n\r\n");
    return Res::done(0);
  }
  if (!outFile.empty() && outFile != "-") {
    std::string reason;
    if (!writeFile(abs(outFile), body, false, reason)) {
      err("curl: (23) Failure writing output to destination\n");
      return Res::done(23);
    }
    return Res::done(0);
  }
  out(body);
  return Res::done(0);
}

// File utilities: cat touch rm mkdir rmdir ls cp mv tee head tail grep wc chmod chown ln.
Res Sh::fileCmd(const std::string& name, const Strs& a) {
  ContainerFs* fs = p_.ctx.fs;
  ContainerFs dummy;
  if (!fs) fs = &dummy;
  bool gnu = p_.traits.gnu;
  Strs opts, args;
  bool endOpts = false;
  for (size_t i = 1; i < a.size(); ++i) {
    if (!endOpts && a[i] == "--") endOpts = true;
    else if (!endOpts && a[i].size() > 1 && a[i][0] == '-' && !(name == "head" || name == "tail" || name == "grep"))
      opts.push_back(a[i]);
    else args.push_back(a[i]);
  }
  auto has = [&](char c) {
    for (const auto& o : opts)
      if (o[1] != '-' && o.find(c) != std::string::npos) return true;
    return false;
  };
  int status = 0;
  if (name == "cat") {
    if (args.empty()) {
      out(readAllInput());
      return Res::done(0);
    }
    for (const auto& f : args) {
      if (f == "-") {
        out(readAllInput());
        continue;
      }
      if (f == "/dev/null") continue;
      std::string c, p = abs(f);
      if (fs->read(p, c)) {
        out(c);
      } else if (fs->exists(p)) {
        err(gnu ? "cat: " + f + ": Is a directory\n" : "cat: read error: Is a directory\n");
        status = 1;
      } else {
        err(fileErr("cat", f, "can't open", "", "No such file or directory"));
        status = 1;
      }
    }
    return Res::done(status);
  }
  if (name == "touch") {
    for (const auto& f : args) {
      std::string p = abs(f);
      if (fs->exists(p)) continue;
      std::string reason;
      if (!writeFile(p, "", true, reason)) {
        err(gnu ? "touch: cannot touch '" + f + "': " + reason + "\n" : "touch: " + f + ": " + reason + "\n");
        status = 1;
      }
    }
    return Res::done(status);
  }
  if (name == "rm" || name == "rmdir") {
    bool force = has('f'), rec = has('r') || has('R');
    for (const auto& f : args) {
      std::string p = abs(f);
      std::string rel;
      const Mount* m = findMount(fs->mounts, p, rel);
      if (!fs->exists(p)) {
        if (!force || name == "rmdir") {
          err(name == "rmdir" ? (gnu ? "rmdir: failed to remove '" + f + "': No such file or directory\n"
                                     : "rmdir: '" + f + "': No such file or directory\n")
                              : fileErr("rm", f, "can't remove", "cannot remove", "No such file or directory"));
          status = 1;
        }
        continue;
      }
      bool dir = fsIsDir(*fs, p);
      if (m && (m->readOnly || rel.empty())) {
        err(fileErr(name, f, "can't remove", "cannot remove",
                    rel.empty() ? "Device or resource busy" : "Read-only file system"));
        status = 1;
        continue;
      }
      if (name == "rmdir") {
        if (!dir) {
          err("rmdir: '" + f + "': Not a directory\n");
          status = 1;
        } else if (!fsList(*fs, p).empty()) {
          err(gnu ? "rmdir: failed to remove '" + f + "': Directory not empty\n"
                  : "rmdir: '" + f + "': Directory not empty\n");
          status = 1;
        } else {
          fsRemoveTree(*fs, p);
        }
        continue;
      }
      if (dir && !rec) {
        err(gnu ? "rm: cannot remove '" + f + "': Is a directory\n" : "rm: '" + f + "' is a directory\n");
        status = 1;
        continue;
      }
      if (dir) fsRemoveTree(*fs, p);
      else fs->remove(p);
    }
    if (args.empty() && !force) {
      err(gnu ? "rm: missing operand\nTry 'rm --help' for more information.\n" : "rm: missing operand\n");
      return Res::done(1);
    }
    return Res::done(status);
  }
  if (name == "mkdir") {
    bool parents = has('p');
    for (const auto& f : args) {
      std::string p = abs(f);
      if (fs->exists(p)) {
        if (!parents) {
          err(fileErr("mkdir", f, "can't create directory", "cannot create directory", "File exists"));
          status = 1;
        }
        continue;
      }
      if (!parents && !fs->exists(dirName(p))) {
        err(fileErr("mkdir", f, "can't create directory", "cannot create directory", "No such file or directory"));
        status = 1;
        continue;
      }
      std::string rel;
      const Mount* m = findMount(fs->mounts, p, rel);
      if (m && m->readOnly) {
        err(fileErr("mkdir", f, "can't create directory", "cannot create directory", "Read-only file system"));
        status = 1;
        continue;
      }
      // create each missing ancestor too
      Strs chain;
      for (std::string q = p; q != "/" && !fs->exists(q); q = dirName(q)) chain.push_back(q);
      for (auto it = chain.rbegin(); it != chain.rend(); ++it) fsMkdir(*fs, *it);
    }
    return Res::done(status);
  }
  if (name == "ls") {
    bool longFmt = has('l'), all = has('a') || has('A');
    if (args.empty()) args.push_back(".");
    Strs files, dirs;
    for (const auto& f : args) {
      std::string p = abs(f);
      if (!fs->exists(p)) {
        err(gnu ? "ls: cannot access '" + f + "': No such file or directory\n"
                : "ls: " + f + ": No such file or directory\n");
        status = gnu ? 2 : 1;
      } else if (fsIsDir(*fs, p)) {
        dirs.push_back(f);
      } else {
        files.push_back(f);
      }
    }
    DateParts d = dateParts(p_.ctx.containerStartedAt);
    std::string when = d.mon + " " + (d.dd[0] == '0' ? " " + d.dd.substr(1) : d.dd) + " " + d.hms.substr(0, 5);
    auto entry = [&](const std::string& shown, const std::string& p) {
      if (!longFmt) return shown + "\n";
      std::string c;
      bool file = fs->read(p, c);
      char buf[256];
      if (gnu)
        snprintf(buf, sizeof buf, "%s 1 root root %5zu %s %s\n", file ? "-rw-r--r--" : "drwxr-xr-x",
                 file ? c.size() : (size_t)4096, when.c_str(), shown.c_str());
      else
        snprintf(buf, sizeof buf, "%s    1 root     root     %9zu %s %s\n", file ? "-rw-r--r--" : "drwxr-xr-x",
                 file ? c.size() : (size_t)4096, when.c_str(), shown.c_str());
      return std::string(buf);
    };
    std::string o;
    for (const auto& f : files) o += entry(f, abs(f));
    for (size_t i = 0; i < dirs.size(); ++i) {
      if (args.size() > 1) o += (o.empty() ? "" : "\n") + dirs[i] + ":\n";
      Strs names = fsList(*fs, abs(dirs[i]));
      if (longFmt && gnu) o += "total " + std::to_string(names.size() * 4) + "\n";
      for (const auto& n : names) {
        if (n[0] == '.' && !all) continue;
        o += entry(n, abs(dirs[i]) + "/" + n);
      }
    }
    out(o);
    return Res::done(status);
  }
  if (name == "cp" || name == "mv") {
    if (args.size() < 2) {
      err(name + ": missing file operand\n");
      return Res::done(1);
    }
    std::string dst = abs(args.back());
    for (size_t i = 0; i + 1 < args.size(); ++i) {
      std::string src = abs(args[i]), c;
      if (!fs->read(src, c)) {
        err(gnu ? name + ": cannot stat '" + args[i] + "': No such file or directory\n"
                : name + ": can't stat '" + args[i] + "': No such file or directory\n");
        status = 1;
        continue;
      }
      std::string target = fsIsDir(*fs, dst) ? dst + "/" + baseName(src) : dst;
      std::string reason;
      if (!writeFile(target, c, false, reason)) {
        err(name + ": can't create '" + args.back() + "': " + reason + "\n");
        status = 1;
        continue;
      }
      if (name == "mv") fs->remove(src);
    }
    return Res::done(status);
  }
  if (name == "tee") {
    std::string data = readAllInput();
    bool append = has('a');
    for (const auto& f : args) {
      std::string reason;
      if (!writeFile(abs(f), data, append, reason)) {
        err("tee: " + f + ": " + reason + "\n");
        status = 1;
      }
    }
    out(data);
    return Res::done(status);
  }
  if (name == "head" || name == "tail") {
    long long n = 10;
    bool follow = false;
    Strs files;
    for (size_t i = 0; i < args.size(); ++i) {
      const std::string& x = args[i];
      if (x == "-n" && i + 1 < args.size()) n = atoll(args[++i].c_str());
      else if (startsWith(x, "-n")) n = atoll(x.c_str() + 2);
      else if (x == "-f" || x == "-F") follow = true;
      else if (x.size() > 1 && x[0] == '-' && isdigit(static_cast<unsigned char>(x[1]))) n = atoll(x.c_str() + 1);
      else if (x.size() > 1 && x[0] == '-') continue;
      else files.push_back(x);
    }
    std::string data;
    if (files.empty()) {
      data = follow ? "" : readAllInput();
    } else {
      for (const auto& f : files) {
        if (f == "/dev/null") continue;
        std::string c;
        if (!fs->read(abs(f), c)) {
          err(gnu ? name + ": cannot open '" + f + "' for reading: No such file or directory\n"
                  : name + ": can't open '" + f + "': No such file or directory\n");
          status = 1;
          continue;
        }
        data += c;
      }
    }
    Strs lines = splitLines(data);
    size_t from = 0, to = lines.size();
    if (name == "head") to = std::min(lines.size(), (size_t)std::max(0LL, n));
    else from = lines.size() > (size_t)std::max(0LL, n) ? lines.size() - (size_t)n : 0;
    std::string o;
    for (size_t i = from; i < to; ++i) o += lines[i] + "\n";
    out(o);
    if (follow && name == "tail") return Res::block("tail");
    return Res::done(status);
  }
  if (name == "grep") {
    bool quiet = false, invert = false, count = false, icase = false, numbers = false;
    Strs rest;
    for (size_t i = 0; i < args.size(); ++i) {
      const std::string& x = args[i];
      if (x.size() > 1 && x[0] == '-' && rest.empty()) {
        if (x == "-e" && i + 1 < args.size()) {
          rest.push_back(args[++i]);
          continue;
        }
        for (char c : x.substr(1)) {
          if (c == 'q' || c == 's') quiet = quiet || c == 'q';
          if (c == 'v') invert = true;
          if (c == 'c') count = true;
          if (c == 'i') icase = true;
          if (c == 'n') numbers = true;
        }
      } else {
        rest.push_back(x);
      }
    }
    if (rest.empty()) {
      err("Usage: grep [-qvcin] PATTERN [FILE]...\n");
      return Res::done(2);
    }
    std::string pat = rest[0];
    std::string data;
    if (rest.size() == 1) {
      data = readAllInput();
    } else {
      for (size_t i = 1; i < rest.size(); ++i) {
        std::string c;
        if (!fs->read(abs(rest[i]), c)) {
          err(gnu ? "grep: " + rest[i] + ": No such file or directory\n"
                  : "grep: " + rest[i] + ": No such file or directory\n");
          status = 2;
          continue;
        }
        data += c;
      }
    }
    auto lower = [](std::string s) {
      for (auto& c : s) c = static_cast<char>(tolower(static_cast<unsigned char>(c)));
      return s;
    };
    // patterns: alternatives "a|b" / "a\|b"; ^ and $ anchors; otherwise substring
    Strs alts;
    std::string p2 = pat;
    for (size_t k; (k = p2.find("\\|")) != std::string::npos;) p2.replace(k, 2, "|");
    size_t st = 0;
    while (true) {
      size_t k = p2.find('|', st);
      alts.push_back(p2.substr(st, k == std::string::npos ? std::string::npos : k - st));
      if (k == std::string::npos) break;
      st = k + 1;
    }
    auto matchOne = [&](const std::string& line, std::string alt) {
      std::string l = icase ? lower(line) : line;
      if (icase) alt = lower(alt);
      bool a0 = !alt.empty() && alt[0] == '^', a1 = !alt.empty() && alt.back() == '$';
      std::string core = alt.substr(a0 ? 1 : 0, alt.size() - (a0 ? 1 : 0) - (a1 ? 1 : 0));
      if (a0 && a1) return l == core;
      if (a0) return startsWith(l, core);
      if (a1) return endsWith(l, core);
      if (core.find_first_of(".*") != std::string::npos) {
        std::string g = "*";
        for (size_t i = 0; i < core.size(); ++i) {
          if (core[i] == '.' && i + 1 < core.size() && core[i + 1] == '*') {
            g += "*";
            ++i;
          } else if (core[i] == '.') {
            g += "?";
          } else {
            g += core[i];
          }
        }
        return globMatch(g + "*", l);
      }
      return l.find(core) != std::string::npos;
    };
    int matches = 0;
    std::string o;
    Strs lines = splitLines(data);
    for (size_t i = 0; i < lines.size(); ++i) {
      bool m = false;
      for (const auto& alt : alts) m = m || matchOne(lines[i], alt);
      if (m != invert) {
        ++matches;
        o += (numbers ? std::to_string(i + 1) + ":" : "") + lines[i] + "\n";
      }
    }
    if (!quiet) out(count ? std::to_string(matches) + "\n" : o);
    return Res::done(status == 2 && matches == 0 ? 2 : (matches ? 0 : 1));
  }
  if (name == "wc") {
    std::string data;
    std::string label;
    if (args.empty()) {
      data = readAllInput();
    } else {
      for (const auto& f : args) {
        std::string c;
        if (!fs->read(abs(f), c)) {
          err("wc: " + f + ": No such file or directory\n");
          return Res::done(1);
        }
        data += c;
      }
      label = " " + args[0];
    }
    long long l = std::count(data.begin(), data.end(), '\n'), c = (long long)data.size(), w = 0;
    bool inw = false;
    for (char ch : data) {
      bool sp = isspace(static_cast<unsigned char>(ch));
      if (!sp && !inw) ++w;
      inw = !sp;
    }
    std::string o;
    if (has('l') || has('w') || has('c')) {
      Strs parts;
      if (has('l')) parts.push_back(std::to_string(l));
      if (has('w')) parts.push_back(std::to_string(w));
      if (has('c')) parts.push_back(std::to_string(c));
      o = joinArgs(parts, 0);
    } else {
      char buf[96];
      snprintf(buf, sizeof buf, "%7lld %7lld %7lld", l, w, c);
      o = buf;
    }
    out(o + label + "\n");
    return Res::done(0);
  }
  if (name == "chmod" || name == "chown" || name == "ln" || name == "chgrp") {
    if (name != "ln")
      for (size_t i = 1; i < args.size(); ++i)
        if (!fs->exists(abs(args[i]))) {
          err(gnu ? name + ": cannot access '" + args[i] + "': No such file or directory\n"
                  : name + ": " + args[i] + ": No such file or directory\n");
          status = 1;
        }
    return Res::done(status);
  }
  return Res::done(0);
}

// Shell builtins, then programs.
Res Sh::dispatch(const Strs& argv, Frame& f) {
  const std::string& a0 = argv[0];
  // special builtins (no directory prefix)
  if (a0 == "exit" || a0 == "return") {
    long long code = last;
    if (argv.size() > 1 && !parseInt(argv[1], code)) {
      err(prefix() + "exit: Illegal number: " + argv[1] + "\n");
      code = 2;
    }
    return Res{Res::Exit, static_cast<int>(code & 0xff), 0, ""};
  }
  if (a0 == "break" || a0 == "continue") {
    long long n = 1;
    if (argv.size() > 1) parseInt(argv[1], n);
    return Res{a0 == "break" ? Res::Break : Res::Continue, static_cast<int>(std::max(1LL, n)), 0, ""};
  }
  if (a0 == ":" || a0 == "true") return Res::done(0);
  if (a0 == "false") return Res::done(1);
  if (a0 == "export" || a0 == "local" || a0 == "readonly") {
    if (argv.size() == 1 && a0 == "export") {
      std::string o;
      for (const auto& n : exported)
        if (vars.count(n)) o += "export " + n + "='" + vars[n] + "'\n";
      out(o);
    }
    for (size_t i = 1; i < argv.size(); ++i) {
      if (argv[i][0] == '-') continue;
      size_t eq = argv[i].find('=');
      std::string n = argv[i].substr(0, eq);
      if (eq != std::string::npos) vars[n] = argv[i].substr(eq + 1);
      if (a0 == "export") exported.insert(n);
      // keep `VAR=x export VAR` from being undone by the temporary-assignment restore
      auto& r = f.restore;
      r.erase(std::remove_if(r.begin(), r.end(), [&](const auto& p) { return p.first == n; }), r.end());
    }
    return Res::done(0);
  }
  if (a0 == "unset") {
    for (size_t i = 1; i < argv.size(); ++i)
      if (argv[i][0] != '-') vars.erase(argv[i]), exported.erase(argv[i]);
    return Res::done(0);
  }
  if (a0 == "set") {
    if (argv.size() == 1) {
      std::string o;
      for (const auto& [k, v] : vars) o += k + "='" + v + "'\n";
      out(o);
      return Res::done(0);
    }
    for (size_t i = 1; i < argv.size(); ++i) {
      const std::string& o = argv[i];
      if (o == "--") {
        pos.assign(argv.begin() + i + 1, argv.end());
        break;
      }
      if (o == "-o" || o == "+o") {
        if (i + 1 < argv.size()) {
          if (argv[i + 1] == "errexit") errexit = o[0] == '-';
          if (argv[i + 1] == "xtrace") xtrace = o[0] == '-';
          if (argv[i + 1] == "nounset") nounset = o[0] == '-';
          ++i;
        }
        continue;
      }
      if (o[0] == '-' || o[0] == '+') {
        bool on = o[0] == '-';
        for (char c : o.substr(1)) {
          if (c == 'e') errexit = on;
          if (c == 'x') xtrace = on;
          if (c == 'u') nounset = on;
        }
      } else {
        pos.assign(argv.begin() + i, argv.end());
        break;
      }
    }
    return Res::done(0);
  }
  if (a0 == "shift") {
    long long n = 1;
    if (argv.size() > 1) parseInt(argv[1], n);
    if (n > (long long)pos.size()) return Res::done(1);
    pos.erase(pos.begin(), pos.begin() + n);
    return Res::done(0);
  }
  if (a0 == "cd") {
    std::string t = argv.size() > 1 ? argv[1] : "/root";
    std::string p = abs(t);
    if (!p_.ctx.fs || !fsIsDir(*p_.ctx.fs, p)) {
      if (flavor == Flavor::Bash) err(prefix() + "cd: " + t + ": No such file or directory\n");
      else err(prefix() + "cd: can't cd to " + t + (flavor == Flavor::Ash ? ": No such file or directory" : "") + "\n");
      return Res::done(flavor == Flavor::Dash ? 2 : 1);
    }
    cwd = p;
    vars["PWD"] = p;
    return Res::done(0);
  }
  if (a0 == "pwd") {
    out(cwd + "\n");
    return Res::done(0);
  }
  if (a0 == "exec") {
    if (argv.size() == 1) {
      f.ioMark = io_.size();  // redirections stay for the rest of the shell
      f.inMark = in_.size();
      return Res::done(0);
    }
    Strs rest(argv.begin() + 1, argv.end());
    f.execReplace = true;
    bool topShell = !p_.isExec && !instant_;
    for (size_t i = 0; i + 1 < frames.size(); ++i)
      if (frames[i].boundary && i > 0 && !frames[i - 1].direct) topShell = false;
    if (topShell) p_.pid1 = baseName(rest[0]);
    return dispatch(rest, f);
  }
  if (a0 == "source" || a0 == "." || a0 == "eval") {
    std::string script;
    if (a0 == "eval") {
      script = joinArgs(argv, 1);
    } else {
      if (argv.size() < 2 || !p_.ctx.fs || !p_.ctx.fs->read(abs(argv[1]), script)) {
        err(prefix() + a0 + ": can't open '" + (argv.size() > 1 ? argv[1] : "") + "'\n");
        return Res::done(flavor == Flavor::Bash ? 1 : 2);
      }
    }
    std::string bad;
    NodeP root = parseScript(script, bad);
    if (!root) {
      err(prefix() + "syntax error: unexpected \"" + bad + "\"\n");
      return Res::done(2);
    }
    Frame nf;
    nf.node = root.get();
    nf.owned = root;
    nf.cond = f.cond;
    nf.ioMark = io_.size();
    nf.inMark = in_.size();
    pending_ = std::move(nf);
    return Res{Res::Push, 0, 0, ""};
  }
  if (a0 == "read") {
    Strs names;
    for (size_t i = 1; i < argv.size(); ++i) {
      if (argv[i] == "-p" || argv[i] == "-t" || argv[i] == "-u") {
        ++i;
        continue;
      }
      if (argv[i][0] != '-') names.push_back(argv[i]);
    }
    if (names.empty()) names.push_back("REPLY");
    std::string line;
    if (!readLine(line)) {
      for (const auto& n : names) vars[n] = "";
      return Res::done(1);
    }
    for (size_t i = 0; i < names.size(); ++i) {
      size_t s = line.find_first_not_of(" \t");
      line = s == std::string::npos ? "" : line.substr(s);
      if (i + 1 == names.size()) {
        while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) line.pop_back();
        vars[names[i]] = line;
      } else {
        size_t e = line.find_first_of(" \t");
        vars[names[i]] = line.substr(0, e);
        line = e == std::string::npos ? "" : line.substr(e);
      }
    }
    return Res::done(0);
  }
  if (a0 == "trap") {
    if (argv.size() < 3) return Res::done(0);
    std::string handler = argv[1];
    for (size_t i = 2; i < argv.size(); ++i) {
      std::string s = argv[i];
      if (startsWith(s, "SIG")) s = s.substr(3);
      if (s == "15") s = "TERM";
      if (s == "2") s = "INT";
      if (s == "3") s = "QUIT";
      if (s == "0") s = "EXIT";
      if (s == "1") s = "HUP";
      if (handler == "-") p_.traps.erase(s);
      else p_.traps[s] = handler;
    }
    return Res::done(0);
  }
  if (a0 == "wait") {
    if (p_.bgBlocked) return Res::block("wait");
    if (p_.bgUntil > p_.now) {
      Res r = Res::sleep(p_.bgUntil - p_.now);
      r.prog = "wait";
      return r;
    }
    return Res::done(0);
  }
  if (a0 == "echo") return echo(argv);
  if (a0 == "printf") return printfCmd(argv);
  if (a0 == "test" || a0 == "[" || a0 == "[[") {
    Strs t(argv.begin() + 1, argv.end());
    if (a0 != "test") {
      std::string close = a0 == "[" ? "]" : "]]";
      if (t.empty() || t.back() != close) {
        err(prefix() + "[: missing ]\n");
        return Res::done(2);
      }
      t.pop_back();
    }
    return Res::done(test(t));
  }
  if (a0 == "command" && argv.size() > 2 && argv[1] == "-v") {
    std::string n = baseName(argv[2]);
    static const std::set<std::string> kKnown = {"sh", "cat", "echo", "sleep", "ls", "nginx", "curl", "wget",
                                                 "nslookup", "python3", "python", "bash"};
    if (kKnown.count(n)) {
      out((n == "echo" ? n : "/bin/" + n) + "\n");
      return Res::done(0);
    }
    return Res::done(1);
  }
  if (a0 == "type" && argv.size() > 1) {
    out(argv[1] + " is /bin/" + argv[1] + "\n");
    return Res::done(0);
  }
  return program(baseName(a0), argv, f);
}

Res Sh::nestedShell(const Strs& argv, Frame& f) {
  std::string sh = baseName(argv[0]);
  Flavor fl = sh == "bash" ? Flavor::Bash : (p_.traits.gnu ? Flavor::Dash : Flavor::Ash);
  size_t i = 1;
  bool hasC = false, e = false, x = false;
  while (i < argv.size() && argv[i].size() > 1 && (argv[i][0] == '-' || argv[i][0] == '+')) {
    const std::string& o = argv[i];
    if (o == "--") {
      ++i;
      break;
    }
    if (o == "-o" || o == "+o") {
      i += 2;
      continue;
    }
    if (startsWith(o, "--")) {
      ++i;
      continue;
    }
    for (char c : o.substr(1)) {
      if (c == 'c') hasC = true;
      if (c == 'e') e = o[0] == '-';
      if (c == 'x') x = o[0] == '-';
    }
    ++i;
  }
  Strs rest(argv.begin() + std::min(i, argv.size()), argv.end());
  std::string newZero = argv[0];
  Strs newPos;
  std::string script;
  if (hasC) {
    if (rest.empty()) {
      err(argv[0] + ": -c requires an argument\n");
      return Res::done(2);
    }
    script = rest[0];
    if (rest.size() > 1) {
      newZero = rest[1];
      newPos.assign(rest.begin() + 2, rest.end());
    }
  } else if (!rest.empty()) {
    if (!p_.ctx.fs || !p_.ctx.fs->read(abs(rest[0]), script)) {
      if (fl == Flavor::Ash) err(argv[0] + ": can't open '" + rest[0] + "': No such file or directory\n");
      else if (fl == Flavor::Dash) err(argv[0] + ": 0: cannot open " + rest[0] + ": No such file\n");
      else err(argv[0] + ": " + rest[0] + ": No such file or directory\n");
      return Res::done(fl == Flavor::Bash ? 127 : 2);
    }
    newZero = rest[0];
    newPos.assign(rest.begin() + 1, rest.end());
  } else {
    script = readAllInput();  // `echo cmd | sh`; no tty and nothing to read: exits at once
    if (script.empty()) return Res::done(0);
  }
  std::string bad;
  NodeP root = parseScript(script, bad);
  if (!root) {
    if (fl == Flavor::Ash) err(newZero + ": syntax error: unexpected \"" + bad + "\"\n");
    else if (fl == Flavor::Dash) err(newZero + ": 1: Syntax error: \"" + bad + "\" unexpected\n");
    else err(newZero + ": -c: line 1: syntax error near unexpected token `" + bad + "'\n");
    return Res::done(2);
  }
  Frame nf;
  nf.node = root.get();
  nf.owned = root;
  nf.boundary = true;
  nf.ioMark = io_.size();
  nf.inMark = in_.size();
  nf.savedVars = vars;
  nf.savedPos = pos;
  nf.savedZero = zero;
  nf.savedFlavor = flavor;
  nf.savedCwd = cwd;
  zero = newZero;
  pos = newPos;
  flavor = fl;
  if (e) errexit = true;
  if (x) xtrace = true;
  pending_ = std::move(nf);
  return Res{Res::Push, 0, 0, ""};
}

bool isShellName(const std::string& n) { return n == "sh" || n == "bash" || n == "ash" || n == "dash"; }

Res Sh::program(const std::string& name, const Strs& argv, Frame& f) {
  const ImageTraits& t = p_.traits;
  auto notFound = [&]() -> Res {
    if (f.direct) {
      if (p_.isExec) {
        out("OCI runtime exec failed: exec failed: unable to start container process: exec: \"" + argv[0] +
            "\": executable file not found in $PATH: unknown\n");
        return Res::done(127);
      }
      return Res::done(128);  // StartError (see startError())
    }
    if (flavor == Flavor::Bash)
      err(prefix() + argv[0] + (argv[0].find('/') != std::string::npos ? ": No such file or directory\n" : ": command not found\n"));
    else
      err(prefix() + argv[0] + ": not found\n");
    return Res::done(127);
  };
  if (t.scratch && std::find(t.ownBinaries.begin(), t.ownBinaries.end(), name) == t.ownBinaries.end())
    return notFound();
  // a script file in the container (a ConfigMap-mounted start.sh)
  if (argv[0].find('/') != std::string::npos && p_.ctx.fs && fsIsFile(*p_.ctx.fs, abs(argv[0])) &&
      name != "docker-entrypoint.sh") {
    Strs shArgv = {"sh", argv[0]};
    shArgv.insert(shArgv.end(), argv.begin() + 1, argv.end());
    return nestedShell(shArgv, f);
  }
  if (isShellName(name)) {
    if (name == "bash" && !t.bash) return notFound();
    return nestedShell(argv, f);
  }
  Strs args(argv.begin() + 1, argv.end());
  if (name == "sleep") {
    if (args.empty()) {
      err(t.gnu ? "sleep: missing operand\nTry 'sleep --help' for more information.\n" : "sleep: missing operand\n");
      return Res::done(1);
    }
    Time total = 0;
    for (const auto& s : args) {
      if (s == "infinity" || s == "inf") return Res::block("sleep");
      Time d = 0;
      std::string v = s;
      if (endsWith(v, "d")) {
        double days = strtod(v.c_str(), nullptr);
        d = static_cast<Time>(days * 86400000);
      } else if (!parseDuration(v, d) || endsWith(v, "ms")) {
        err(t.gnu ? "sleep: invalid time interval '" + s + "'\nTry 'sleep --help' for more information.\n"
                  : "sleep: invalid number '" + s + "'\n");
        return Res::done(1);
      }
      total += d;
    }
    return Res::sleep(total);
  }
  if (name == "cat" || name == "touch" || name == "rm" || name == "rmdir" || name == "mkdir" || name == "ls" ||
      name == "cp" || name == "mv" || name == "tee" || name == "head" || name == "tail" || name == "grep" ||
      name == "egrep" || name == "wc" || name == "chmod" || name == "chown" || name == "chgrp" || name == "ln") {
    if (name == "tail") {
      for (const auto& x : args)
        if ((x == "-f" || x == "-F") && std::find(args.begin(), args.end(), "/dev/null") != args.end())
          return Res::block("tail");
    }
    return fileCmd(name == "egrep" ? "grep" : name, argv);
  }
  if (name == "date") {
    std::string fmt;
    for (const auto& x : args)
      if (!x.empty() && x[0] == '+') fmt = x.substr(1);
    out((fmt.empty() ? dateDefault(p_.now) : dateFormat(p_.now, fmt)) + "\n");
    return Res::done(0);
  }
  if (name == "hostname") {
    std::string h;
    if (!getVar("HOSTNAME", h) && p_.ctx.fs) p_.ctx.fs->read("/etc/hostname", h);
    while (!h.empty() && h.back() == '\n') h.pop_back();
    out(h + "\n");
    return Res::done(0);
  }
  if (name == "env" || name == "printenv") {
    size_t i = 0;
    std::vector<std::pair<std::string, std::optional<std::string>>> saved;
    while (name == "env" && i < args.size() && args[i].find('=') != std::string::npos && args[i][0] != '-') {
      std::string n = args[i].substr(0, args[i].find('='));
      auto it = vars.find(n);
      saved.push_back({n, it == vars.end() ? std::nullopt : std::optional<std::string>(it->second)});
      vars[n] = args[i].substr(n.size() + 1);
      exported.insert(n);
      ++i;
    }
    if (name == "env" && i < args.size()) {
      Strs sub(args.begin() + i, args.end());
      for (auto& s : saved) f.restore.push_back(s);
      return dispatch(sub, f);
    }
    if (name == "printenv" && !args.empty()) {
      std::string o;
      int st = 0;
      for (const auto& n : args) {
        if (exported.count(n) && vars.count(n)) o += vars[n] + "\n";
        else st = 1;
      }
      out(o);
      return Res::done(st);
    }
    std::string o;
    for (const auto& n : exported)
      if (vars.count(n)) o += n + "=" + vars[n] + "\n";
    out(o);
    for (auto it = saved.rbegin(); it != saved.rend(); ++it) {
      if (it->second) vars[it->first] = *it->second;
      else vars.erase(it->first);
    }
    return Res::done(0);
  }
  if (name == "id") {
    out("uid=0(root) gid=0(root) groups=0(root)\n");
    return Res::done(0);
  }
  if (name == "whoami") {
    out("root\n");
    return Res::done(0);
  }
  if (name == "uname") {
    std::string h;
    getVar("HOSTNAME", h);
    bool all = !args.empty() && args[0] == "-a";
    out(all ? "Linux " + h + " 6.8.0-podplay #1 SMP PREEMPT_DYNAMIC x86_64 GNU/Linux\n" : "Linux\n");
    return Res::done(0);
  }
  if (name == "seq") {
    long long a = 1, inc = 1, b = 0;
    bool ok = true;
    if (args.size() == 1) ok = parseInt(args[0], b);
    else if (args.size() == 2) ok = parseInt(args[0], a) && parseInt(args[1], b);
    else if (args.size() >= 3) ok = parseInt(args[0], a) && parseInt(args[1], inc) && parseInt(args[2], b);
    if (!ok || args.empty() || inc == 0) {
      err("seq: invalid argument\n");
      return Res::done(1);
    }
    std::string o;
    for (long long v = a; (inc > 0 ? v <= b : v >= b) && o.size() < 1000000; v += inc) o += std::to_string(v) + "\n";
    out(o);
    return Res::done(0);
  }
  if (name == "basename" || name == "dirname") {
    if (args.empty()) return Res::done(1);
    std::string r = name == "basename" ? baseName(args[0]) : dirName(args[0]);
    if (name == "basename" && args.size() > 1 && endsWith(r, args[1]) && r != args[1])
      r = r.substr(0, r.size() - args[1].size());
    out(r + "\n");
    return Res::done(0);
  }
  if (name == "expr") {
    std::string e = joinArgs(args, 0);
    long long v = 0;
    Arith ar(e, [this](const std::string& n) {
      std::string s;
      getVar(n, s);
      return s;
    });
    if (!ar.eval(v)) {
      err("expr: syntax error\n");
      return Res::done(2);
    }
    out(std::to_string(v) + "\n");
    return Res::done(v == 0 ? 1 : 0);
  }
  if (name == "yes") return Res::block("yes");
  if (name == "tr") {  // tr [-d] SET1 [SET2] with a-z ranges
    bool del = !args.empty() && args[0] == "-d";
    Strs sets(args.begin() + (del ? 1 : 0), args.end());
    auto expand = [](const std::string& set) {
      std::string o;
      for (size_t i = 0; i < set.size(); ++i) {
        if (i + 2 < set.size() && set[i + 1] == '-') {
          for (int c = (unsigned char)set[i]; c <= (unsigned char)set[i + 2]; ++c) o += static_cast<char>(c);
          i += 2;
        } else if (set[i] == '\\' && i + 1 < set.size() && set[i + 1] == 'n') {
          o += '\n';
          ++i;
        } else {
          o += set[i];
        }
      }
      return o;
    };
    if (sets.empty() || (!del && sets.size() < 2)) {
      err("tr: missing operand\n");
      return Res::done(1);
    }
    std::string a1 = expand(sets[0]), a2 = del ? "" : expand(sets[1]);
    std::string o;
    for (char c : readAllInput()) {
      size_t k = a1.find(c);
      if (k == std::string::npos) o += c;
      else if (!del) o += a2.empty() ? c : a2[std::min(k, a2.size() - 1)];
    }
    out(o);
    return Res::done(0);
  }
  if (name == "ps") {
    if (!t.ps) return notFound();
    std::string o = "PID   USER     TIME  COMMAND\n";
    if (!p_.isExec) o += "    1 root      0:00 " + p_.pid1 + "\n";
    else if (p_.ctx.processRunning) o += "    1 root      0:00 " + std::string("(main)") + "\n";
    o += std::string(p_.isExec ? "   40" : "    7") + " root      0:00 ps " + joinArgs(args, 0) + "\n";
    out(o);
    return Res::done(0);
  }
  if (name == "kill") {
    Strs pids;
    bool probe = false;
    for (size_t i = 0; i < args.size(); ++i) {
      if (args[i] == "-s" || args[i] == "-n") {
        ++i;
        continue;
      }
      if (args[i] == "-0") probe = true;
      else if (args[i][0] != '-') pids.push_back(args[i]);
    }
    if (pids.empty()) {
      err(prefix() + "kill: usage: kill [-s sigspec | -signum | -sigspec] pid | jobspec ... or kill -l [sigspec]\n");
      return Res::done(2);
    }
    int st = 0;
    for (const auto& p : pids) {
      if (p == "1") {
        if (!probe) stopSelf("1");
        continue;
      }
      err(prefix() + "kill: can't kill pid " + p + ": No such process\n");
      st = 1;
    }
    return Res::done(st);
  }
  if (name == "killall" || name == "pidof" || name == "pgrep" || name == "pkill") {
    if ((name == "killall" || name == "pkill") && !t.killall) return notFound();
    if ((name == "pgrep" || name == "pkill") && !t.ps) return notFound();
    bool probe = false, quiet = false;
    Strs names;
    for (const auto& x : args) {
      if (x == "-0") probe = true;
      else if (x == "-q") quiet = true;
      else if (x[0] != '-') names.push_back(x);
    }
    int st = 0;
    std::string o;
    for (const auto& n : names) {
      bool r = running(n);
      if (name == "pidof" || name == "pgrep") {
        if (r) o += std::string(name == "pidof" && !o.empty() ? " " : "") + "1" + (name == "pgrep" ? "\n" : "");
        else st = 1;
        continue;
      }
      if (!r) {
        if (!quiet && name == "killall") err("killall: " + n + ": no process killed\n");
        st = 1;
      } else if (!probe) {
        stopSelf(n);
      }
    }
    if (name == "pidof" && !o.empty()) o += "\n";
    out(o);
    return Res::done(st);
  }
  if (name == "nslookup") {
    if (!t.nslookup) return notFound();
    return nslookup(argv);
  }
  if (name == "wget" || name == "curl") {
    if ((name == "wget" && !t.wget) || (name == "curl" && !t.curl)) return notFound();
    return fetch(name, argv);
  }
  if (name == "nc" || name == "netcat") {
    if (!t.nc) return notFound();
    bool listen = false, zero = false;
    std::string port;
    Strs pos2;
    for (size_t i = 0; i < args.size(); ++i) {
      const std::string& x = args[i];
      if (x[0] == '-') {
        if (x.find('l') != std::string::npos) listen = true;
        if (x.find('z') != std::string::npos) zero = true;
        if (x.find('p') != std::string::npos && i + 1 < args.size()) port = args[++i];
        else if ((x == "-w" || x == "-W") && i + 1 < args.size()) ++i;
      } else {
        pos2.push_back(x);
      }
    }
    if (listen) {
      if (port.empty() && !pos2.empty()) port = pos2.back();
      Listener l;
      l.kind = Listener::Tcp;
      l.port = atoi(port.c_str());
      l.prog = "nc";
      return serve(l, true);
    }
    if (pos2.empty() || !p_.resolves(pos2[0])) {
      if (!pos2.empty()) err("nc: bad address '" + pos2[0] + "'\n");
      return Res::done(1);
    }
    (void)zero;
    return Res::done(0);
  }
  // ---- servers and image programs ----
  if (name == "nginx" || name == "nginx-debug") {
    if (!t.nginx) return notFound();
    if (!p_.isExec && f.execReplace && frames.size() <= 2) p_.pid1 = "nginx";
    return nginx(argv, f);
  }
  if (name == "docker-entrypoint.sh") {
    if (!t.nginx && !t.redis) return notFound();
    if (args.empty()) return Res::done(0);
    if (t.redis || p_.image.repo == "redis") {
      Strs next = args;
      if (next[0][0] == '-') next.insert(next.begin(), "redis-server");
      f.execReplace = true;
      if (!p_.isExec && frames.size() <= 2) p_.pid1 = baseName(next[0]);
      return dispatch(next, f);
    }
    std::string quiet;
    bool isQuiet = getVar("NGINX_ENTRYPOINT_QUIET_LOGS", quiet) && !quiet.empty();
    if ((args[0] == "nginx" || args[0] == "nginx-debug") && !isQuiet) {
      const std::string e = "/docker-entrypoint.sh: ";
      std::string ver = nginxVersion(p_.image.tag);
      bool v125 = ver >= "1.25";
      std::string o;
      o += e + "/docker-entrypoint.d/ is not empty, will attempt to perform configuration\n";
      o += e + "Looking for shell scripts in /docker-entrypoint.d/\n";
      o += e + "Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh\n";
      std::string conf;
      std::string rel;
      const Mount* m = p_.ctx.fs ? findMount(p_.ctx.fs->mounts, "/etc/nginx/conf.d/default.conf", rel) : nullptr;
      bool have = p_.ctx.fs && p_.ctx.fs->read("/etc/nginx/conf.d/default.conf", conf);
      const std::string s10 = "10-listen-on-ipv6-by-default.sh: info: ";
      if (m && m->readOnly) {
        o += s10 + "can not modify /etc/nginx/conf.d/default.conf (read-only file system?)\n";
      } else if (!have) {
        o += s10 + "/etc/nginx/conf.d/default.conf is not a file or does not exist\n";
      } else if (conf != kNginxDefaultConf) {
        o += s10 + "Getting the checksum of /etc/nginx/conf.d/default.conf\n";
        o += s10 + "/etc/nginx/conf.d/default.conf differs from the packaged version\n";
      } else {
        o += s10 + "Getting the checksum of /etc/nginx/conf.d/default.conf\n";
        o += s10 + "Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf\n";
      }
      if (v125) o += e + "Sourcing /docker-entrypoint.d/15-local-resolvers.envsh\n";
      o += e + "Launching /docker-entrypoint.d/20-envsubst-on-templates.sh\n";
      o += e + "Launching /docker-entrypoint.d/30-tune-worker-processes.sh\n";
      o += e + "Configuration complete; ready for start up\n";
      out(o);
    }
    f.execReplace = true;
    if (!p_.isExec && frames.size() <= 2) p_.pid1 = baseName(args[0]);
    return dispatch(args, f);
  }
  if (name == "agnhost") {
    if (!t.agnhost) return notFound();
    return agnhost(argv, f);
  }
  if (name == "server" || name == "goproxy") {  // the liveness image's /server, goproxy's /goproxy
    if (!t.scratch && p_.image.known) return notFound();
    Listener l;
    l.kind = name == "server" ? Listener::Liveness : Listener::Any200;
    l.port = 8080;
    l.prog = name;
    if (!p_.isExec && f.execReplace) p_.pid1Go = true;
    return serve(l, true);
  }
  if (name == "pause") {
    if (!t.scratch && p_.image.known) return notFound();
    return Res::block("pause");
  }
  if (name == "http-echo") {
    if (!t.scratch && p_.image.known) return notFound();
    std::string text, listen = ":5678";
    flagValue(args, "text", text);
    flagValue(args, "listen", listen);
    if (text.empty()) getVar("ECHO_TEXT", text);
    if (text.empty()) {
      err("Missing -text option!\n");
      return Res::done(127);
    }
    Listener l;
    l.kind = Listener::Any200;
    l.port = atoi(listen.substr(listen.rfind(':') + 1).c_str());
    l.prog = "http-echo";
    l.text = text;
    err(logStamp(p_.now) + " [INFO] server is listening on " + listen + "\n");
    if (!p_.isExec && f.execReplace) p_.pid1Go = true;
    return serve(l, true);
  }
  if (name == "python" || name == "python3" || startsWith(name, "python3.")) {
    if (!t.python) return notFound();
    if (args.empty()) return Res::done(0);  // REPL without a tty: EOF on stdin
    size_t i = 0;
    while (i < args.size() && (args[i] == "-u" || args[i] == "-B" || args[i] == "-q")) ++i;
    if (i < args.size() && (args[i] == "--version" || args[i] == "-V")) {
      out("Python 3.12.7\n");
      return Res::done(0);
    }
    if (i + 1 < args.size() && args[i] == "-m" && args[i + 1] == "http.server") {
      Listener l;
      l.kind = Listener::PyHttp;
      l.port = 8000;
      l.prog = name;
      l.root = cwd;
      for (size_t k = i + 2; k < args.size(); ++k) {
        if ((args[k] == "-d" || args[k] == "--directory") && k + 1 < args.size()) l.root = abs(args[++k]);
        else if ((args[k] == "-b" || args[k] == "--bind") && k + 1 < args.size()) ++k;
        else if (isdigit(static_cast<unsigned char>(args[k][0]))) l.port = atoi(args[k].c_str());
      }
      std::string unbuf;
      if ((getVar("PYTHONUNBUFFERED", unbuf) && !unbuf.empty()) || (i > 0 && args[0] == "-u"))
        out("Serving HTTP on 0.0.0.0 port " + std::to_string(l.port) + " (http://0.0.0.0:" +
            std::to_string(l.port) + "/) ...\n");
      return serve(l, true);
    }
    if (i + 1 < args.size() && args[i] == "-c") {
      // Tiny subset: print("..."), time.sleep(N), import lines; translated to sh and run.
      std::string code = args[i + 1], script;
      for (char& c : code)
        if (c == ';') c = '\n';
      for (std::string ln : splitLines(code)) {
        size_t k = ln.find_first_not_of(" \t");
        if (k == std::string::npos) continue;
        ln = ln.substr(k);
        if (startsWith(ln, "print(") && endsWith(ln, ")")) {
          std::string inner = ln.substr(6, ln.size() - 7);
          if (inner.size() >= 2 && (inner[0] == '"' || inner[0] == '\'') && inner.back() == inner[0])
            inner = inner.substr(1, inner.size() - 2);
          std::string q;
          for (char c : inner) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
          script += "echo '" + q + "'\n";
        } else if (startsWith(ln, "time.sleep(") && endsWith(ln, ")")) {
          script += "sleep " + ln.substr(11, ln.size() - 12) + "\n";
        } else if (startsWith(ln, "sys.exit(") && endsWith(ln, ")")) {
          script += "exit " + ln.substr(9, ln.size() - 10) + "\n";
        }
      }
      Strs shArgv = {"sh", "-c", script};
      return nestedShell(shArgv, f);
    }
    if (i < args.size() && args[i][0] != '-') {
      std::string c;
      if (!p_.ctx.fs || !p_.ctx.fs->read(abs(args[i]), c)) {
        err(name + ": can't open file '" + abs(args[i]) + "': [Errno 2] No such file or directory\n");
        return Res::done(2);
      }
      return Res::done(0);
    }
    return Res::done(0);
  }
  if (name == "httpd-foreground" || name == "httpd") {
    if (!t.httpd) return notFound();
    DateParts d = dateParts(p_.now);
    char us[16];
    snprintf(us, sizeof us, "%03lld000", (long long)(((p_.now % 1000) + 1000) % 1000));
    std::string stamp = "[" + d.wd + " " + d.mon + " " + d.dd + " " + d.hms + "." + us + " " + d.yyyy + "]";
    err("AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using " +
        std::string("127.0.0.1") + ". Set the 'ServerName' directive globally to suppress this message\n");
    err(stamp + " [mpm_event:notice] [pid 1:tid 1] AH00489: Apache/2.4.62 (Unix) configured -- resuming normal operations\n");
    err(stamp + " [core:notice] [pid 1:tid 1] AH00094: Command line: 'httpd -D FOREGROUND'\n");
    Listener l;
    l.kind = Listener::Httpd;
    l.port = 80;
    l.prog = "httpd";
    l.root = "/usr/local/apache2/htdocs";
    if (!p_.isExec && f.execReplace && frames.size() <= 2) p_.pid1 = "httpd";
    return serve(l, true);
  }
  if (name == "docker-php-entrypoint") {
    if (!t.phpApache) return notFound();
    if (args.empty()) return Res::done(0);
    Strs next = args;
    if (next[0][0] == '-') next.insert(next.begin(), "apache2-foreground");
    f.execReplace = true;
    if (!p_.isExec && frames.size() <= 2) p_.pid1 = baseName(next[0]);
    return dispatch(next, f);
  }
  if (name == "apache2-foreground" || name == "apache2") {
    if (!t.phpApache) return notFound();
    bool bound = false;
    for (const auto& l : p_.listeners)
      if (l.prog == "apache2") bound = true;
    if (bound || (p_.isExec && p_.ctx.processRunning && p_.ctx.processRunning("apache2"))) {
      err("(98)Address already in use: AH00072: make_sock: could not bind to address [::]:80\n"
          "(98)Address already in use: AH00072: make_sock: could not bind to address 0.0.0.0:80\n"
          "no listening sockets available, shutting down\nAH00015: Unable to open logs\n");
      return Res::done(1);
    }
    std::string host = p_.ctx.podIP.empty() ? "127.0.0.1" : p_.ctx.podIP;
    std::string ah = "AH00558: apache2: Could not reliably determine the server's fully qualified domain name, using " +
                     host + ". Set the 'ServerName' directive globally to suppress this message\n";
    err(ah + ah);
    err(apacheStamp(p_.now) + " [mpm_prefork:notice] [pid 1] AH00163: Apache/2.4.10 (Debian) PHP/5.6.31 configured -- resuming normal operations\n");
    err(apacheStamp(p_.now) + " [core:notice] [pid 1] AH00094: Command line: 'apache2 -D FOREGROUND'\n");
    Listener l;
    l.kind = Listener::PhpApache;
    l.port = 80;
    l.prog = "apache2";
    l.root = "/var/www/html";
    if (!p_.isExec && f.execReplace && frames.size() <= 2) p_.pid1 = "apache2";
    return serve(l, true);
  }
  if (name == "redis-server") {
    if (!t.redis) return notFound();
    DateParts d = dateParts(p_.now);
    std::string st = d.dd + " " + d.mon + " " + d.yyyy + " " + d.hms + ".000";
    std::string o;
    o += "1:C " + st + " * oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo\n";
    o += "1:C " + st + " * Redis version=7.2.5, bits=64, commit=00000000, modified=0, pid=1, just started\n";
    o += "1:C " + st + " # Warning: no config file specified, using the default config. In order to specify a config file use redis-server /path/to/redis.conf\n";
    o += "1:M " + st + " * monotonic clock: POSIX clock_gettime\n";
    o += "1:M " + st + " * Running mode=standalone, port=6379.\n";
    o += "1:M " + st + " * Server initialized\n";
    o += "1:M " + st + " * Ready to accept connections tcp\n";
    out(o);
    Listener l;
    l.kind = Listener::Tcp;
    l.port = 6379;
    l.prog = "redis-server";
    if (!p_.isExec && f.execReplace && frames.size() <= 2) p_.pid1 = "redis-server";
    return serve(l, true);
  }
  if (name == "redis-cli") {
    if (!t.redis) return notFound();
    bool ping = !args.empty() && args.back() == "ping";
    bool up = running("redis-server");
    if (!up) {
      err("Could not connect to Redis at 127.0.0.1:6379: Connection refused\n");
      return Res::done(1);
    }
    out(ping ? "PONG\n" : "OK\n");
    return Res::done(0);
  }
  // Unknown program. A non-catalogued image's main process runs "its" binary: a generic server.
  if (!p_.image.known && !p_.isExec && !instant_) {
    Listener l;
    l.kind = Listener::Any200;
    l.port = -1;
    l.prog = name;
    if (f.execReplace) p_.pid1Go = true;
    return serve(l, true);
  }
  return notFound();
}

}  // namespace

// ============================================================================================
// [SECTION] public API
// ============================================================================================

namespace {

const char* kNginxIndex =
    "<!DOCTYPE html>\n<html>\n<head>\n<title>Welcome to nginx!</title>\n<style>\n"
    "html { color-scheme: light dark; }\nbody { width: 35em; margin: 0 auto;\n"
    "font-family: Tahoma, Verdana, Arial, sans-serif; }\n</style>\n</head>\n<body>\n"
    "<h1>Welcome to nginx!</h1>\n"
    "<p>If you see this page, the nginx web server is successfully installed and\n"
    "working. Further configuration is required.</p>\n\n"
    "<p>For online documentation and support please refer to\n"
    "<a href=\"http://nginx.org/\">nginx.org</a>.<br/>\n"
    "Commercial support is available at\n"
    "<a href=\"http://nginx.com/\">nginx.com</a>.</p>\n\n"
    "<p><em>Thank you for using nginx.</em></p>\n</body>\n</html>\n";

const char* kNginx50x =
    "<!DOCTYPE html>\n<html>\n<head>\n<title>Error</title>\n<style>\n"
    "html { color-scheme: light dark; }\nbody { width: 35em; margin: 0 auto;\n"
    "font-family: Tahoma, Verdana, Arial, sans-serif; }\n</style>\n</head>\n<body>\n"
    "<h1>An error occurred.</h1>\n"
    "<p>Sorry, the page you are looking for is currently unavailable.<br/>\n"
    "Please try again later.</p>\n"
    "<p>If you are the system administrator of this resource then you should check\n"
    "the error log for details.</p>\n"
    "<p><em>Faithfully yours, nginx.</em></p>\n</body>\n</html>\n";

const char* kNginxConf =
    "\nuser  nginx;\nworker_processes  auto;\n\nerror_log  /var/log/nginx/error.log notice;\n"
    "pid        /var/run/nginx.pid;\n\n\nevents {\n    worker_connections  1024;\n}\n\n\nhttp {\n"
    "    include       /etc/nginx/mime.types;\n    default_type  application/octet-stream;\n\n"
    "    log_format  main  '$remote_addr - $remote_user [$time_local] \"$request\" '\n"
    "                      '$status $body_bytes_sent \"$http_referer\" '\n"
    "                      '\"$http_user_agent\" \"$http_x_forwarded_for\"';\n\n"
    "    access_log  /var/log/nginx/access.log  main;\n\n    sendfile        on;\n    #tcp_nopush     on;\n\n"
    "    keepalive_timeout  65;\n\n    #gzip  on;\n\n    include /etc/nginx/conf.d/*.conf;\n}\n";

// The php-apache server of the HPA walkthrough (kubernetes/kubernetes test/images/hpa-example).
const char* kHpaExampleIndex =
    "<?php\n  $x = 0.0001;\n  for ($i = 0; $i <= 1000000; $i++) {\n    $x += sqrt($x);\n  }\n  echo \"OK!\";\n?>\n";

// Exit code when program `prog` gets TERM (or the image's stop signal); -1 = ignored.
int stopCode(const std::string& prog, bool pid1) {
  if (prog == "nginx" || prog == "nginx-debug" || prog == "httpd" || prog == "httpd-foreground" ||
      prog == "redis-server" || prog == "pause" || prog == "apache2" || prog == "apache2-foreground")
    return 0;
  if (prog == "agnhost" || prog == "server" || prog == "goproxy" || prog == "http-echo") return 2;
  if (isShellName(prog) || prog == "docker-entrypoint.sh") return -1;
  return pid1 ? -1 : 143;
}

class ProcessImpl : public Process {
 public:
  ProcessImpl(const Strs& argv, const ImageInfo& image, ProcessContext ctx, bool isExec) : sh_(p_, false) {
    p_.ctx = std::move(ctx);
    p_.image = image;
    p_.traits = traitsFor(image);
    p_.isExec = isExec;
    p_.now = p_.ctx.containerStartedAt;
    sh_.flavor = p_.traits.gnu ? Flavor::Dash : Flavor::Ash;
    sh_.vars["PATH"] = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
    sh_.vars["HOME"] = "/root";
    sh_.exported = {"PATH", "HOME"};
    for (const auto& [k, v] : p_.ctx.env) {
      sh_.vars[k] = v;
      sh_.exported.insert(k);
    }
    if (image.repo == "httpd") sh_.cwd = "/usr/local/apache2";
    else if (image.repo == "redis") sh_.cwd = "/data";
    if (!isExec && p_.ctx.fs) seedPodFiles();
    if (argv.empty()) {
      if (image.known) {
        p_.finished = true;
        p_.exitCode = 128;
        return;
      }
      root_ = literalCommand({"/app"});
    } else {
      root_ = literalCommand(argv);
    }
    p_.pid1 = baseName(root_->words[0].parts[0].text);
    sh_.pushNode(root_.get(), false);
    sh_.frames.back().direct = true;
    sh_.frames.back().execReplace = true;
  }

  ProcessStep resume(Time now) override {
    try {
      if (p_.finished) return ProcessStep{ProcessStep::Exit, 0, p_.exitCode};
      p_.now = now;
      needsResume_ = false;
      handleStops();
      if (p_.finished) return ProcessStep{ProcessStep::Exit, 0, p_.exitCode};
      ProcessStep s = sh_.run();
      if (s.kind == ProcessStep::Exit) finish(s.exitCode);
      return s;
    } catch (...) {
      finish(1);
      return ProcessStep{ProcessStep::Exit, 0, 1};
    }
  }

  const std::string& output() const override { return p_.out; }

  int httpGet(int port, const std::string& rawPath, Time now) override {
    if (p_.finished) return 0;
    std::string path = rawPath.substr(0, rawPath.find('?'));
    if (path.empty() || path[0] != '/') path = "/" + path;
    for (const auto& l : p_.listeners) {
      if (l.port != port && l.port != -1) continue;
      const ContainerFs* fs = p_.ctx.fs;
      switch (l.kind) {
        case Listener::Nginx: {
          if (!fs) return 200;
          bool dirReq = endsWith(path, "/");
          std::string full = normPath("/", l.root + path);
          if (dirReq) {
            if (fsIsFile(*fs, full + "/index.html")) return 200;
            if (fsIsFile(*fs, full + "/index.htm")) return 200;
            return fs->exists(full) ? 403 : 404;
          }
          if (fsIsFile(*fs, full)) return 200;
          return fs->exists(full) ? 301 : 404;
        }
        case Listener::Httpd:
        case Listener::PyHttp: {
          if (!fs) return 200;
          std::string full = normPath("/", l.root + path);
          if (fs->exists(full)) return endsWith(path, "/") || fsIsFile(*fs, full) ? 200 : 301;
          return 404;
        }
        case Listener::Liveness:
          if (path == "/healthz") return now - l.started > 10000 ? 500 : 200;
          if (path == "/started") return 200;
          if (path == "/redirect") return 302;
          return 404;
        case Listener::Any200:
          return 200;
        case Listener::PhpApache: {
          if (path == "/") return 200;
          if (!fs) return 404;
          std::string full = normPath("/", l.root + path);
          if (fsIsFile(*fs, full)) return 200;
          return fs->exists(full) ? 301 : 404;
        }
        case Listener::Tcp:
          return 0;  // not an HTTP server
      }
    }
    return 0;
  }

  HttpResponse serveHttp(const HttpRequest& req, Time now) override {
    HttpResponse r;
    try {
      r.status = httpGet(req.port, req.path, now);
      if (r.status == 0) return r;
      p_.now = std::max(p_.now, now);
      std::string path = req.path.substr(0, req.path.find('?'));
      if (path.empty() || path[0] != '/') path = "/" + path;
      const Listener* lp = nullptr;
      for (const auto& l : p_.listeners)
        if (l.port == req.port || l.port == -1) {
          lp = &l;
          break;
        }
      if (!lp) return r;
      const Listener& l = *lp;
      const ContainerFs* fs = p_.ctx.fs;
      std::string client = req.clientIp.empty() ? "127.0.0.1" : req.clientIp;
      std::string agent = req.userAgent.empty() ? "-" : req.userAgent;
      switch (l.kind) {
        case Listener::Nginx: {
          std::string full = normPath("/", l.root + path);
          if (r.status == 200 && fs) {
            if (endsWith(path, "/")) {
              if (!fs->read(full + "/index.html", r.body)) fs->read(full + "/index.htm", r.body);
            } else {
              fs->read(full, r.body);
            }
          } else if (r.status != 200) {
            static const std::map<int, std::string> kTitle = {{301, "301 Moved Permanently"}, {403, "403 Forbidden"},
                                                              {404, "404 Not Found"}};
            auto it = kTitle.find(r.status);
            std::string t = it == kTitle.end() ? std::to_string(r.status) : it->second;
            r.body = "<html>\r\n<head><title>" + t + "</title></head>\r\n<body>\r\n<center><h1>" + t +
                     "</h1></center>\r\n<hr><center>nginx/" + nginxVersion(p_.image.tag) + "</center>\r\n</body>\r\n</html>\r\n";
          }
          p_.emit(client + " - - [" + stampFor(now) + "] \"GET " + req.path + " HTTP/1.1\" " + std::to_string(r.status) +
                  " " + std::to_string(r.body.size()) + " \"-\" \"" + agent + "\" \"-\"\n");
          break;
        }
        case Listener::Httpd:
        case Listener::PyHttp: {
          if (r.status == 200 && fs) {
            std::string full = normPath("/", l.root + path);
            if (endsWith(path, "/")) fs->read(full + "/index.html", r.body);
            else fs->read(full, r.body);
          }
          break;
        }
        case Listener::Liveness:
          r.body = r.status == 200 ? "ok" : (r.status == 500 ? "error: " + std::to_string((now - l.started) / 1000) : "");
          break;
        case Listener::Any200:
          if (l.prog == "agnhost" && l.sub == "serve-hostname") {
            auto h = p_.ctx.env.find("HOSTNAME");
            r.body = h == p_.ctx.env.end() ? "" : h->second;
          } else {
            r.body = l.text.empty() ? "ok\n" : l.text + "\n";
          }
          break;
        case Listener::PhpApache: {
          if (r.status == 200) {
            r.body = "OK!";
          } else {
            std::string host = p_.ctx.podIP.empty() ? "127.0.0.1" : p_.ctx.podIP;
            r.body = "<!DOCTYPE HTML PUBLIC \"-//IETF//DTD HTML 2.0//EN\">\n<html><head>\n<title>404 Not Found</title>\n"
                     "</head><body>\n<h1>Not Found</h1>\n<p>The requested URL " + path +
                     " was not found on this server.</p>\n<hr>\n<address>Apache/2.4.10 (Debian) Server at " + host +
                     " Port " + std::to_string(req.port) + "</address>\n</body></html>\n";
          }
          // apache's combined log format; %O counts the response headers too.
          p_.emit(client + " - - [" + stampFor(now) + "] \"GET " + req.path + " HTTP/1.1\" " + std::to_string(r.status) +
                  " " + std::to_string(r.body.size() + 195) + " \"-\" \"" + agent + "\"\n");
          break;
        }
        case Listener::Tcp:
          break;
      }
    } catch (...) {
    }
    return r;
  }

  bool tcpListening(int port) const override {
    if (p_.finished) return false;
    for (const auto& l : p_.listeners)
      if (l.port == port || l.port == -1) return true;
    return false;
  }

  int onSigterm(Time now) override {
    try {
      if (p_.finished) return p_.exitCode;
      p_.now = now;
      if (isShellName(p_.pid1) || p_.pid1 == "docker-entrypoint.sh") {
        auto it = p_.traps.find("TERM");
        if (it == p_.traps.end() || it->second.empty()) return -1;
        p_.termPending = true;
        if (!sh_.frames.empty()) {
          Frame& top = sh_.frames.back();
          if (top.node && top.node->kind == Node::Simple && top.isWait && top.stage >= 1) {
            sh_.finishSimple(143);  // `wait` returns 128+15, then the trap runs
            ProcessStep s = sh_.run();
            if (s.kind == ProcessStep::Exit) {
              finish(s.exitCode);
              return s.exitCode;
            }
            needsResume_ = true;  // a new wait: the kubelet should call resume(now)
          }
        }
        return -1;
      }
      int code = p_.pid1Go ? 2 : stopCode(p_.pid1, true);
      if (code < 0) return -1;
      logShutdown(p_.pid1);
      finish(code);
      return code;
    } catch (...) {
      return -1;
    }
  }

  bool stopRequested() const override { return !p_.stopRequests.empty() || needsResume_; }

  std::string name() const override { return p_.pid1; }

  bool requestStop(const std::string& target, Time now) override {
    if (p_.finished) return false;
    bool hit = target == "1" ? true : runsProgram(target);
    if (target == "1" && (isShellName(p_.pid1) || p_.pid1 == "docker-entrypoint.sh")) {
      auto it = p_.traps.find("TERM");
      hit = it != p_.traps.end() && !it->second.empty();
    }
    if (hit) p_.stopRequests.push_back(target);
    return hit;
  }

  bool runsProgram(const std::string& n) const override {
    if (p_.finished) return false;
    if (p_.pid1 == n) return true;
    if (!sh_.frames.empty()) {
      const Frame& top = sh_.frames.back();
      if ((top.stage == 1 || top.stage == 2) && top.prog == n) return true;
    }
    for (const auto& l : p_.listeners)
      if (l.prog == n) return true;
    return false;
  }

 private:
  static NodeP literalCommand(const Strs& argv) {
    auto n = std::make_shared<Node>();
    n->kind = Node::Simple;
    for (const auto& a : argv) {
      Word w;
      Part p;
      p.kind = Part::Lit;
      p.quoted = true;
      p.text = a;
      w.parts.push_back(p);
      n->words.push_back(w);
    }
    return n;
  }

  void seedPodFiles() {
    ContainerFs& fs = *p_.ctx.fs;
    std::string err;
    auto put = [&](const std::string& path, const std::string& content) {
      if (!fs.exists(path)) fs.write(path, content, false, err);
    };
    auto h = p_.ctx.env.find("HOSTNAME");
    if (h != p_.ctx.env.end()) put("/etc/hostname", h->second + "\n");
    const std::string& ns = p_.ctx.podNamespace;
    put("/etc/resolv.conf", "search " + ns + ".svc.cluster.local svc.cluster.local cluster.local\n"
                            "nameserver 10.96.0.10\noptions ndots:5\n");
    put("/var/run/secrets/kubernetes.io/serviceaccount/namespace", ns);
  }

  void finish(int code) {
    p_.finished = true;
    p_.exitCode = code;
    p_.listeners.clear();
    sh_.frames.clear();
  }

  void logShutdown(const std::string& prog) {
    std::string stamp = logStamp(p_.now);
    if (prog == "nginx") {
      int pid = 1;
      for (const auto& l : p_.listeners)
        if (l.prog == "nginx") pid = l.pid;
      bool notices = !p_.image.entrypoint.empty() || !p_.image.known;
      if (!notices) return;
      std::string m = std::to_string(pid), w1 = std::to_string(pid + 28), w2 = std::to_string(pid + 29);
      std::string o;
      o += stamp + " [notice] " + m + "#" + m + ": signal 3 (SIGQUIT) received, shutting down\n";
      for (const auto& w : {w1, w2}) o += stamp + " [notice] " + w + "#" + w + ": gracefully shutting down\n";
      for (const auto& w : {w1, w2}) o += stamp + " [notice] " + w + "#" + w + ": exiting\n";
      for (const auto& w : {w1, w2}) o += stamp + " [notice] " + w + "#" + w + ": exit\n";
      o += stamp + " [notice] " + m + "#" + m + ": signal 17 (SIGCHLD) received from " + w2 + "\n";
      o += stamp + " [notice] " + m + "#" + m + ": worker process " + w2 + " exited with code 0\n";
      o += stamp + " [notice] " + m + "#" + m + ": worker process " + w1 + " exited with code 0\n";
      o += stamp + " [notice] " + m + "#" + m + ": exit\n";
      p_.emit(o);
    } else if (prog == "pause") {
      p_.emit("Shutting down, got signal: Terminated\n");
    } else if (prog == "redis-server") {
      DateParts d = dateParts(p_.now);
      std::string st = d.dd + " " + d.mon + " " + d.yyyy + " " + d.hms + ".000";
      long long unixSecs = kEpochUnixSeconds + p_.now / 1000;
      p_.emit("1:signal-handler (" + std::to_string(unixSecs) + ") Received SIGTERM scheduling shutdown...\n" +
              "1:M " + st + " * User requested shutdown...\n" + "1:M " + st +
              " * Saving the final RDB snapshot before exiting.\n" + "1:M " + st + " * DB saved on disk\n" +
              "1:M " + st + " # Redis is now ready to exit, bye bye...\n");
    } else if (prog == "apache2" || prog == "apache2-foreground") {
      p_.emit(apacheStamp(p_.now) + " [mpm_prefork:notice] [pid 1] AH00169: caught SIGTERM, shutting down\n");
    } else if (prog == "httpd" || prog == "httpd-foreground") {
      DateParts d = dateParts(p_.now);
      p_.emit("[" + d.wd + " " + d.mon + " " + d.dd + " " + d.hms + ".000000 " + d.yyyy +
              "] [mpm_event:notice] [pid 1:tid 1] AH00492: caught SIGWINCH, shutting down gracefully\n");
    }
  }

  void handleStops() {
    Strs reqs;
    reqs.swap(p_.stopRequests);
    for (std::string target : reqs) {
      if (p_.finished) return;
      if (target == "1") {
        if (isShellName(p_.pid1) || p_.pid1 == "docker-entrypoint.sh") {
          p_.termPending = true;
          if (!sh_.frames.empty() && sh_.frames.back().isWait && sh_.frames.back().stage >= 1)
            sh_.finishSimple(143);
          continue;
        }
        target = p_.pid1;
      }
      if (!sh_.frames.empty()) {
        Frame& top = sh_.frames.back();
        if (top.node && top.node->kind == Node::Simple && (top.stage == 1 || top.stage == 2) && top.prog == target) {
          bool pid1 = top.execReplace && top.prog == p_.pid1;
          int code = (pid1 && p_.pid1Go) ? 2 : stopCode(target, false);
          if (pid1 && code < 0) continue;
          logShutdown(target);
          sh_.finishSimple(code < 0 ? 143 : code);
          continue;
        }
      }
      bool any = false;
      for (const auto& l : p_.listeners)
        if (l.background && l.prog == target) any = true;
      if (any) {
        logShutdown(target);
        auto& ls = p_.listeners;
        ls.erase(std::remove_if(ls.begin(), ls.end(),
                                [&](const Listener& l) { return l.background && l.prog == target; }),
                 ls.end());
      }
    }
  }

  // Access-log time stamps change once a second; a busy server formats each one once.
  const std::string& stampFor(Time now) {
    Time sec = now / 1000;
    if (sec != stampSec_) {
      stampSec_ = sec;
      stamp_ = accessStamp(now);
    }
    return stamp_;
  }

  Proc p_;
  Sh sh_;
  NodeP root_;
  bool needsResume_ = false;
  Time stampSec_ = -1;
  std::string stamp_;
};

bool programExists(const std::string& name, const ImageTraits& t) {
  if (t.scratch) return std::find(t.ownBinaries.begin(), t.ownBinaries.end(), name) != t.ownBinaries.end();
  static const std::set<std::string> kCommon = {
      "sh", "ash", "dash", "sleep", "cat", "touch", "rm", "rmdir", "mkdir", "ls", "cp", "mv", "tee", "head",
      "tail", "grep", "egrep", "wc", "chmod", "chown", "chgrp", "ln", "date", "hostname", "env", "printenv",
      "id", "whoami", "uname", "seq", "basename", "dirname", "expr", "yes", "kill", "pidof", "echo", "printf", "tr",
      "test", "[", "true", "false", "pwd"};
  if (kCommon.count(name)) return true;
  if (name == "bash") return t.bash;
  if (name == "nslookup") return t.nslookup;
  if (name == "wget") return t.wget;
  if (name == "curl") return t.curl;
  if (name == "nc" || name == "netcat") return t.nc;
  if (name == "ps" || name == "pgrep" || name == "pkill") return t.ps;
  if (name == "killall") return t.killall;
  if (name == "python" || name == "python3") return t.python;
  if (name == "nginx" || name == "nginx-debug") return t.nginx;
  if (name == "docker-entrypoint.sh") return t.nginx || t.redis;
  if (name == "httpd" || name == "httpd-foreground") return t.httpd;
  if (name == "redis-server" || name == "redis-cli") return t.redis;
  if (name == "agnhost") return t.agnhost;
  if (name == "docker-php-entrypoint" || name == "apache2-foreground" || name == "apache2" || name == "php")
    return t.phpApache;
  return false;
}

class DeadProcess : public Process {
 public:
  ProcessStep resume(Time) override { return ProcessStep{ProcessStep::Exit, 0, 1}; }
  const std::string& output() const override { return out_; }
  int httpGet(int, const std::string&, Time) override { return 0; }
  bool tcpListening(int) const override { return false; }
  int onSigterm(Time) override { return 1; }
  bool stopRequested() const override { return false; }
  std::string name() const override { return ""; }
  bool requestStop(const std::string&, Time) override { return false; }
  bool runsProgram(const std::string&) const override { return false; }

 private:
  std::string out_;
};

}  // namespace

std::unique_ptr<Process> spawnProcess(const std::vector<std::string>& argv, const ImageInfo& image,
                                      ProcessContext ctx, bool isExec) {
  try {
    return std::make_unique<ProcessImpl>(argv, image, std::move(ctx), isExec);
  } catch (...) {
    return std::make_unique<DeadProcess>();
  }
}

std::vector<std::string> effectiveArgv(const std::vector<std::string>& command,
                                       const std::vector<std::string>& args, const ImageInfo& image) {
  std::vector<std::string> argv;
  if (!command.empty()) {
    argv = command;
    argv.insert(argv.end(), args.begin(), args.end());
    return argv;
  }
  argv = image.entrypoint;
  const auto& tail = args.empty() ? image.cmd : args;
  argv.insert(argv.end(), tail.begin(), tail.end());
  return argv;
}

std::string startError(const std::vector<std::string>& argv, const ImageInfo& image) {
  try {
    if (argv.empty()) return image.known ? "no command specified" : "";
    if (!image.known) return "";
    std::string name = baseName(argv[0]);
    ImageTraits t = traitsFor(image);
    if (programExists(name, t)) return "";
    bool path = argv[0].find('/') != std::string::npos;
    if (path && !t.scratch) return "";  // may be a script in a volume; the process reports it
    std::string why = path ? "exec: \"" + argv[0] + "\": stat " + argv[0] + ": no such file or directory"
                           : "exec: \"" + argv[0] + "\": executable file not found in $PATH";
    return "failed to create containerd task: failed to create shim task: OCI runtime create failed: runc "
           "create failed: unable to start container process: " +
           why + ": unknown";
  } catch (...) {
    return "";
  }
}

void seedImageFiles(const ImageInfo& image, ContainerFs& fs) {
  try {
    for (const char* d : {"/bin/", "/dev/", "/etc/", "/home/", "/proc/", "/root/", "/run/", "/sys/", "/tmp/",
                          "/usr/", "/usr/bin/", "/usr/local/", "/usr/local/bin/", "/usr/share/", "/var/",
                          "/var/log/", "/var/run/", "/var/tmp/"})
      fs.local[d] = "";
    ImageTraits t = traitsFor(image);
    if (t.scratch) return;
    fs.local["/etc/passwd"] = "root:x:0:0:root:/root:/bin/sh\n";
    const std::string& r = image.repo;
    bool alpine = !t.gnu && image.known && r != "busybox" && !endsWith(r, "/busybox");
    if (alpine) {
      fs.local["/etc/os-release"] =
          "NAME=\"Alpine Linux\"\nID=alpine\nVERSION_ID=3.20.3\nPRETTY_NAME=\"Alpine Linux v3.20\"\n"
          "HOME_URL=\"https://alpinelinux.org/\"\nBUG_REPORT_URL=\"https://gitlab.alpinelinux.org/alpine/aports/-/issues\"\n";
    } else if (r == "ubuntu") {
      fs.local["/etc/os-release"] =
          "PRETTY_NAME=\"Ubuntu 24.04.1 LTS\"\nNAME=\"Ubuntu\"\nVERSION_ID=\"24.04\"\nVERSION=\"24.04.1 LTS (Noble "
          "Numbat)\"\nVERSION_CODENAME=noble\nID=ubuntu\nID_LIKE=debian\n";
    } else if (t.gnu) {
      fs.local["/etc/os-release"] =
          "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nNAME=\"Debian GNU/Linux\"\nVERSION_ID=\"12\"\n"
          "VERSION=\"12 (bookworm)\"\nVERSION_CODENAME=bookworm\nID=debian\n";
    }
    if (r == "nginx") {
      fs.local["/etc/nginx/nginx.conf"] = kNginxConf;
      fs.local["/etc/nginx/conf.d/default.conf"] = kNginxDefaultConf;
      fs.local["/etc/nginx/mime.types"] = "types {\n    text/html  html htm shtml;\n    text/css  css;\n}\n";
      fs.local["/usr/share/nginx/html/"] = "";
      fs.local["/usr/share/nginx/html/index.html"] = kNginxIndex;
      fs.local["/usr/share/nginx/html/50x.html"] = kNginx50x;
      fs.local["/var/cache/nginx/"] = "";
      fs.local["/var/log/nginx/"] = "";
      if (!image.entrypoint.empty()) {
        fs.local["/docker-entrypoint.sh"] = "#!/bin/sh\n# vim:sw=4:ts=4:et\n\nset -e\n";
        fs.local["/docker-entrypoint.d/10-listen-on-ipv6-by-default.sh"] = "#!/bin/sh\n";
        fs.local["/docker-entrypoint.d/20-envsubst-on-templates.sh"] = "#!/bin/sh\n";
        fs.local["/docker-entrypoint.d/30-tune-worker-processes.sh"] = "#!/bin/sh\n";
      }
    } else if (r == "httpd") {
      fs.local["/usr/local/apache2/htdocs/index.html"] = "<html><body><h1>It works!</h1></body></html>\n";
      fs.local["/usr/local/apache2/conf/httpd.conf"] = "ServerRoot \"/usr/local/apache2\"\nListen 80\n";
      fs.local["/usr/local/bin/httpd-foreground"] = "#!/bin/sh\nset -e\nrm -f /usr/local/apache2/logs/httpd.pid\nexec httpd -DFOREGROUND \"$@\"\n";
    } else if (r == "redis") {
      fs.local["/data/"] = "";
    } else if (t.phpApache) {
      fs.local["/var/www/html/index.php"] = kHpaExampleIndex;
      fs.local["/usr/local/bin/docker-php-entrypoint"] =
          "#!/bin/sh\nset -e\n\n# first arg is `-f` or `--some-option`\nif [ \"${1#-}\" != \"$1\" ]; then\n"
          "\tset -- apache2-foreground \"$@\"\nfi\n\nexec \"$@\"\n";
      fs.local["/usr/local/bin/apache2-foreground"] = "#!/bin/bash\nset -e\n\nrm -f /var/run/apache2/apache2.pid\n\nexec apache2 -DFOREGROUND \"$@\"\n";
    }
  } catch (...) {
  }
}

}  // namespace podplay
