// podplay printers: the two kubectl alignment engines (see spec kubectl-output.md §0).
//
// GoTabWriter is a faithful port of Go's text/tabwriter (padchar ' ', no AlignRight/Debug/escape
// handling) including github.com/liggitt/tabwriter's RememberWidths flag:
//   - cells are tab-terminated; text after a line's last TAB is not part of any column;
//   - a column "block" is a run of consecutive lines that have a cell in that column;
//   - width = max(minwidth, widest cell (in runes) + padding);
//   - a line without any TAB flushes the buffer (ends every block);
//   - RememberWidths: per-column widths survive flushes and only grow.
#pragma once
#include <string>
#include <vector>

namespace podplay {

class GoTabWriter {
 public:
  GoTabWriter(int minwidth, int tabwidth, int padding, bool rememberWidths);
  // Buffers text; may format and emit buffered lines (a completed line with a single cell flushes).
  void write(const std::string& text);
  // Formats everything buffered (including a trailing partial line).
  void flush();
  // Returns the formatted output produced so far and clears it.
  std::string take();
  // Forgets remembered widths (RememberWidths only).
  void forgetWidths() { maxwidths_.clear(); }
  const std::vector<int>& rememberedWidths() const { return maxwidths_; }

 private:
  struct Cell {
    std::string text;
    int width = 0;
    bool htab = false;
  };
  int terminateCell(bool htab);
  void addLine() { lines_.emplace_back(); }
  void reset();
  void format(size_t line0, size_t line1);
  void writeLines(size_t line0, size_t line1);

  int minwidth_, tabwidth_, padding_;
  bool remember_;
  std::vector<std::vector<Cell>> lines_;
  Cell cell_;
  std::vector<int> widths_;
  std::vector<int> maxwidths_;
  std::string out_;
};

// Engine A: `kubectl get` tables (minwidth 6, tabwidth 4, padding 3, RememberWidths).
// Rows are written one at a time; widths persist across flush() calls until reset(), so
// `get -w` can print the initial list, flush, then print and flush one row per event.
class TableWriter {
 public:
  TableWriter();
  // Buffers one row. Cells are sanitized like cli-runtime's table printer (cut at the first
  // \n/\r/\f + "...", ESC -> "^[").
  void writeRow(const std::vector<std::string>& cells);
  // Formats buffered rows and returns the text (every row ends in '\n').
  std::string flush();
  // New kind: forget remembered widths and drop anything buffered.
  void reset();
  const std::vector<int>& rememberedWidths() const { return tw_.rememberedWidths(); }

  static std::string sanitizeCell(const std::string& cell);

 private:
  GoTabWriter tw_;
};

// Engine B: kubectl describe's tabbedString (minwidth 0, tabwidth 8, padding 2, flags 0).
std::string tabbedString(const std::string& text);

// Number of runes (UTF-8 code points) in s, as Go's utf8.RuneCount.
int runeCount(const std::string& s);

}  // namespace podplay
