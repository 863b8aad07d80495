#include "printers/tabwriter.h"

namespace podplay {

int runeCount(const std::string& s) {
  int n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

GoTabWriter::GoTabWriter(int minwidth, int tabwidth, int padding, bool rememberWidths)
    : minwidth_(minwidth), tabwidth_(tabwidth), padding_(padding), remember_(rememberWidths) {
  reset();
}

void GoTabWriter::reset() {
  lines_.clear();
  cell_ = Cell{};
  widths_.clear();
  addLine();
}

int GoTabWriter::terminateCell(bool htab) {
  cell_.htab = htab;
  cell_.width = runeCount(cell_.text);
  lines_.back().push_back(std::move(cell_));
  cell_ = Cell{};
  return static_cast<int>(lines_.back().size());
}

void GoTabWriter::write(const std::string& text) {
  for (char ch : text) {
    switch (ch) {
      case '\t':
      case '\v':
        terminateCell(ch == '\t');
        break;
      case '\n':
      case '\f': {
        int ncells = terminateCell(false);
        addLine();
        if (ch == '\f' || ncells == 1) flush();
        break;
      }
      default:
        cell_.text.push_back(ch);
    }
  }
}

void GoTabWriter::flush() {
  if (!cell_.text.empty()) terminateCell(false);
  format(0, lines_.size());
  reset();
}

std::string GoTabWriter::take() {
  std::string r;
  r.swap(out_);
  return r;
}

void GoTabWriter::writeLines(size_t line0, size_t line1) {
  for (size_t i = line0; i < line1; ++i) {
    const auto& line = lines_[i];
    for (size_t j = 0; j < line.size(); ++j) {
      const Cell& c = line[j];
      out_ += c.text;
      if (j < widths_.size()) {
        int pad = widths_[j] - c.width;
        if (pad > 0) out_.append(static_cast<size_t>(pad), ' ');
      }
    }
    if (i + 1 != lines_.size()) out_.push_back('\n');
  }
}

void GoTabWriter::format(size_t line0, size_t line1) {
  size_t column = widths_.size();
  for (size_t thisLine = line0; thisLine < line1; ++thisLine) {
    if (column + 1 >= lines_[thisLine].size()) continue;  // column >= len(line)-1
    writeLines(line0, thisLine);
    line0 = thisLine;
    int width = minwidth_;
    for (; thisLine < line1; ++thisLine) {
      const auto& line = lines_[thisLine];
      if (column + 1 >= line.size()) break;
      int w = line[column].width + padding_;
      if (w > width) width = w;
    }
    if (remember_) {
      if (maxwidths_.size() < widths_.size())
        maxwidths_.insert(maxwidths_.end(), widths_.begin() + maxwidths_.size(), widths_.end());
      if (maxwidths_.size() == widths_.size()) maxwidths_.push_back(width);
      else if (maxwidths_[widths_.size()] > width) width = maxwidths_[widths_.size()];
      else if (maxwidths_[widths_.size()] < width) maxwidths_[widths_.size()] = width;
    }
    widths_.push_back(width);
    format(line0, thisLine);
    widths_.pop_back();
    line0 = thisLine;  // the outer ++ then skips this line, which has no cell in `column`
  }
  writeLines(line0, line1);
}

TableWriter::TableWriter() : tw_(6, 4, 3, true) {}

std::string TableWriter::sanitizeCell(const std::string& cell) {
  std::string s = cell;
  bool truncated = false;
  size_t brk = s.find_first_of("\f\n\r");
  if (brk != std::string::npos) {
    s.resize(brk);
    truncated = true;
  }
  std::string out;
  out.reserve(s.size() + 3);
  for (char c : s) {
    if (c == '\x1b') out += "^[";
    else out.push_back(c);
  }
  if (truncated) out += "...";
  return out;
}

void TableWriter::writeRow(const std::vector<std::string>& cells) {
  std::string line;
  for (size_t i = 0; i < cells.size(); ++i) {
    if (i) line.push_back('\t');
    line += sanitizeCell(cells[i]);
  }
  line.push_back('\n');
  tw_.write(line);
}

std::string TableWriter::flush() {
  tw_.flush();
  return tw_.take();
}

void TableWriter::reset() {
  tw_.flush();
  tw_.take();
  tw_.forgetWidths();
}

std::string tabbedString(const std::string& text) {
  GoTabWriter tw(0, 8, 2, false);
  tw.write(text);
  tw.flush();
  return tw.take();
}

}  // namespace podplay
