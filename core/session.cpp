#include "session.h"

#include "cluster.h"
#include "command/commands.h"

namespace podplay {

std::string CommandResult::text() const {
  std::string s;
  for (const auto& c : chunks) s += c.text;
  return s;
}
std::string CommandResult::out() const {
  std::string s;
  for (const auto& c : chunks)
    if (!c.isErr) s += c.text;
  return s;
}
std::string CommandResult::err() const {
  std::string s;
  for (const auto& c : chunks)
    if (c.isErr) s += c.text;
  return s;
}

Session::Session(SessionOptions opts)
    : opts_(opts), cluster_(std::make_unique<Cluster>(opts.seed)), commands_(std::make_unique<Commands>(*cluster_, FileAccess{})) {}

Session::~Session() = default;

void Session::setFileAccess(FileAccess files) { commands_->setFiles(std::move(files)); }

CommandResult Session::exec(const std::string& line, const std::string& stdinText) {
  return commands_->exec(line, stdinText);
}

CommandResult Session::advance(Time ms) { return commands_->advance(ms); }

Time Session::nextEventTime() { return cluster_->queue.nextTime(); }
Time Session::now() const { return cluster_->queue.now(); }
const Store& Session::store() const { return cluster_->store; }
Cluster& Session::cluster() { return *cluster_; }

std::vector<ScriptCommand> splitScript(const std::string& script, std::string& err) {
  std::vector<ScriptCommand> cmds;
  std::vector<std::string> lines;
  size_t start = 0;
  while (start <= script.size()) {
    size_t nl = script.find('\n', start);
    std::string l = script.substr(start, nl == std::string::npos ? std::string::npos : nl - start);
    if (!l.empty() && l.back() == '\r') l.pop_back();
    lines.push_back(l);
    if (nl == std::string::npos) break;
    start = nl + 1;
  }
  for (size_t i = 0; i < lines.size(); ++i) {
    std::string line = lines[i];
    int lineNo = static_cast<int>(i) + 1;
    // Continuation lines ending in a backslash.
    while (!line.empty() && line.back() == '\\' && i + 1 < lines.size()) {
      line.pop_back();
      line += lines[++i];
    }
    size_t s = line.find_first_not_of(" \t");
    if (s == std::string::npos || line[s] == '#') continue;
    ScriptCommand cmd;
    cmd.line = line;
    cmd.lineNo = lineNo;
    // Heredoc: ... <<EOF / <<'EOF' / <<-EOF ; also `cat <<EOF | kubectl apply -f -`.
    size_t h = line.find("<<");
    if (h != std::string::npos) {
      size_t p = h + 2;
      bool dash = p < line.size() && line[p] == '-';
      if (dash) ++p;
      while (p < line.size() && line[p] == ' ') ++p;
      size_t q = p;
      while (q < line.size() && line[q] != ' ' && line[q] != '|') ++q;
      std::string word = line.substr(p, q - p);
      if (word.size() >= 2 && (word[0] == '\'' || word[0] == '"') && word.back() == word[0])
        word = word.substr(1, word.size() - 2);
      if (word.empty()) {
        err = "line " + std::to_string(lineNo) + ": heredoc needs a delimiter word (<<EOF)";
        return {};
      }
      std::string rest = line.substr(0, h) + line.substr(q);
      // `cat <<EOF | kubectl ...`
      size_t pipe = rest.find('|');
      if (rest.find_first_not_of(" \t") != std::string::npos && rest.substr(rest.find_first_not_of(" \t"), 3) == "cat" &&
          pipe != std::string::npos)
        rest = rest.substr(pipe + 1);
      cmd.line = rest;
      bool closed = false;
      std::string body;
      for (++i; i < lines.size(); ++i) {
        std::string bl = lines[i];
        std::string cmp = bl;
        if (dash) cmp.erase(0, cmp.find_first_not_of('\t') == std::string::npos ? cmp.size() : cmp.find_first_not_of('\t'));
        if (cmp == word) {
          closed = true;
          break;
        }
        if (dash) bl = cmp;
        body += bl + "\n";
      }
      if (!closed) {
        err = "line " + std::to_string(lineNo) + ": here-document delimited by end-of-file (wanted `" + word + "')";
        return {};
      }
      cmd.stdinText = body;
      cmd.display = line;
    }
    cmds.push_back(cmd);
  }
  return cmds;
}

CommandResult Session::runScript(const std::string& script,
                                 const std::function<void(const OutputChunk&)>& onChunk) {
  CommandResult all;
  auto emit = [&](OutputChunk c) {
    if (onChunk) onChunk(c);
    all.chunks.push_back(std::move(c));
  };
  std::string err;
  auto cmds = splitScript(script, err);
  if (!err.empty()) {
    emit({true, "podplay: " + err + "\n"});
    all.exitCode = 2;
    return all;
  }
  for (const auto& cmd : cmds) {
    if (opts_.echo) emit({false, "$ " + (cmd.display.empty() ? cmd.line : cmd.display) + "\n"});
    CommandResult r = exec(cmd.line, cmd.stdinText);
    for (auto& c : r.chunks) emit(std::move(c));
    if (r.exitCode != 0) {
      all.exitCode = 1;
      if (opts_.strict) break;
    }
  }
  return all;
}

}  // namespace podplay
