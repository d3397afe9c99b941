// Shared pieces of the caci command-line tool. The tool is a client of the public C ABI only
// (caci.h): it never includes a core header.
#pragma once

#include "caci/caci.h"
#include "help.hpp"

#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

namespace cli {

class Progress;  // progress.hpp

// Exit statuses, documented in `caci --help`.
enum Exit : int {
  exit_ok = 0,
  exit_invalid_utf8 = 1,  // invalid UTF-8 under --strict
  exit_usage = 2,         // bad command line or malformed query
  exit_io = 3,            // a file could not be read or written
  exit_other = 4,         // any other failure (out of memory, input over a format limit, bug)
};

// Keeps the most serious exit status: other > I/O > invalid UTF-8 (usage errors return at once).
inline int worse_exit(int current, int next) {
  auto rank = [](int e) {
    return e == exit_other ? 3 : e == exit_io ? 2 : e == exit_invalid_utf8 ? 1 : 0;
  };
  return rank(next) > rank(current) ? next : current;
}

// Reads a whole file ("-" = stdin) into `buf` (reused between calls). On failure returns false and
// sets `error` to a readable reason.
bool read_file(const std::string &path, std::string &buf, std::string &error);
// Size in bytes of the file at `path`; 0 if it cannot be read.
uint64_t file_size(const std::string &path);
// Writes all of `data` to `path` ("-" or empty = stdout). A file is replaced atomically
// (write_file_atomically): on failure the old file is intact. Returns false with `error` on
// failure.
bool write_file(const std::string &path, std::string_view data, std::string &error);
bool stdout_is_tty();

// Appends a JSON string literal for `s` (escaping as the library does; invalid UTF-8 -> U+FFFD).
void append_json_string(std::string &out, std::string_view s);

inline std::string_view view(caci_str s) {
  return s.ptr ? std::string_view(s.ptr, s.len) : std::string_view();
}

// Plain-text rendering of the Markdown reference pages shown by --help.
std::string markdown_to_text(std::string_view md);

// Parses number options: returns false if `text` is not a whole decimal number <= max.
bool parse_uint(std::string_view text, uint32_t max, uint32_t &out);

// The parsing options every command accepts (--strict, --fold-quotes): sets the flag and returns
// true when `arg` is one of them.
inline bool parse_flag_option(std::string_view arg, uint32_t &flags) {
  if (arg == "--strict")
    flags |= CACI_PARSE_STRICT;
  else if (arg == "--fold-quotes")
    flags |= CACI_PARSE_FOLD_QUOTES;
  else
    return false;
  return true;
}

// One command-line option: `--name=value` is split once here; otherwise the value, when the
// option takes one, is the next argument.
struct Option {
  std::string_view name;
  std::string_view inline_value;
  bool has_inline_value = false;

  explicit Option(std::string_view arg) : name(arg) {
    size_t eq = arg.find('=');
    if (arg.rfind("--", 0) == 0 && eq != std::string_view::npos) {
      name = arg.substr(0, eq);
      inline_value = arg.substr(eq + 1);
      has_inline_value = true;
    }
  }
  // The option's value; advances `i` past it when it is the next argument. False when missing.
  bool value(int argc, char **argv, int &i, std::string_view &out) const {
    if (has_inline_value) {
      out = inline_value;
      return true;
    }
    if (i + 1 >= argc) return false;
    out = argv[++i];
    return true;
  }
};

// Walks a command's arguments the way every caci command reads them: operands ("-" for stdin,
// anything not starting with '-', everything after "--") are collected into operands();
// "-h"/"--help" prints the command's help and ends the walk with help_shown(). next() stops at
// each other option for the command to handle; value() takes its value, inline ("--x=v") or the
// next argument. `dash_words_are_operands`: "-word" is an operand (a query's NOT), not an option.
class ArgWalker {
public:
  ArgWalker(int argc, char **argv, const char *command, bool dash_words_are_operands = false)
      : argc_(argc), argv_(argv), command_(command), dash_words_(dash_words_are_operands) {}

  bool next() {
    while (++i_ < argc_) {
      const std::string_view a = argv_[i_];
      const bool dash_word = dash_words_ && a.size() > 1 && a[1] != '-' && a != "-h";
      if (done_ || a == "-" || a.empty() || a[0] != '-' || dash_word) {
        operands_.emplace_back(a);
      } else if (a == "--") {
        done_ = true;
      } else if (a == "-h" || a == "--help") {
        std::fputs(command_help(command_).c_str(), stdout);
        help_shown_ = true;
        return false;
      } else {
        option_ = Option(a);
        return true;
      }
    }
    return false;
  }
  std::string_view arg() const { return argv_[i_]; }
  const char *arg_cstr() const { return argv_[i_]; }
  const Option &option() const { return option_; }
  bool value(std::string_view &out) { return option_.value(argc_, argv_, i_, out); }
  bool help_shown() const { return help_shown_; }
  std::vector<std::string> &operands() { return operands_; }

private:
  int argc_;
  char **argv_;
  const char *command_;
  bool dash_words_;
  int i_ = -1;
  bool done_ = false;
  bool help_shown_ = false;
  Option option_{std::string_view()};
  std::vector<std::string> operands_;
};

// Pages read into one document so duplicates merge across files.
struct PageSet {
  caci_doc *doc = nullptr;
  size_t files = 0;
  size_t unreadable = 0;
  uint64_t bytes = 0;
  double parse_seconds = 0;
  bool invalid_utf8 = false;  // some page had invalid UTF-8 under CACI_PARSE_STRICT
  int exit_status = exit_ok;
};

// Creates ps.doc with `parse_flags` and parses every path into it; errors go to stderr (naming the
// file) and into ps.exit_status. Returns false only if the document could not be created.
// `progress`, when given, is told of every file done (and cleared before each message).
bool load_pages(const std::vector<std::string> &paths, uint32_t parse_flags, PageSet &ps,
                Progress *progress = nullptr);
// load_pages() on `threads` threads (it falls back to load_pages() for one thread or a small
// input): consecutive pages are parsed in batches, each into a document of its own thread, and the
// batches appended to ps.doc in page order (caci_doc_append), so ps.doc, the messages and the
// progress line are those of load_pages(). ps.parse_seconds is the wall time of reading + parsing.
bool load_pages_parallel(const std::vector<std::string> &paths, uint32_t parse_flags, PageSet &ps,
                         Progress *progress, unsigned threads);
// The threads caci parse and caci index parse on by default: two where the machine has two cores
// or more (more would mostly wait: the batches are appended in order), otherwise one.
unsigned default_parse_threads();
// Prints the readable --summary report of a page set to stderr; `json_bytes`/`json_seconds` (when
// non-zero) report the serialisation too.
void print_summary(const PageSet &ps, size_t json_bytes = 0, double json_seconds = 0);

// Prints "caci: <what>: <status name>" to stderr and returns the exit status for `status`.
int report_status(const char *what, caci_status status);

// Prints "caci COMMAND: " + printf(fmt, arg) and a pointer to the command's --help on stderr;
// returns exit_usage.
int usage_error(const char *command, const char *fmt, const char *arg);

// Subcommands.
int cmd_parse(int argc, char **argv);
int cmd_index(int argc, char **argv);
int cmd_search(int argc, char **argv);
int cmd_complete(int argc, char **argv);
int cmd_related(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_stats(int argc, char **argv);
int cmd_verify(int argc, char **argv);

}  // namespace cli
