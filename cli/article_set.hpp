// The articles of `caci export` and `caci stats`: archive pages parsed into one document, or the
// articles stored in one index file (detected by its magic bytes "CACIIDX\0").
#pragma once

#include "cli.hpp"

#include <string>
#include <vector>

namespace cli {

struct ArticleSet {
  caci_doc *doc = nullptr;      // pages: the parsed document (diagnostics, byte accounting)
  caci_index *index = nullptr;  // an index file: its stored articles (no diagnostics or stats)
  std::string index_path;       // the index file, when the input was one
  std::vector<const caci_article *> articles;  // in input order (pages) or index order
  size_t files = 0;                            // pages read (or 1 for an index)
  uint64_t input_bytes = 0;                    // bytes read from the inputs
  bool text_omitted = false;                   // a search-only index (caci index --no-text)

  ArticleSet() = default;
  ArticleSet(const ArticleSet &) = delete;
  ArticleSet &operator=(const ArticleSet &) = delete;
  ~ArticleSet();

  bool has_byte_accounting() const { return doc != nullptr; }
};

// True when the file begins with the index magic "CACIIDX\0". Unreadable files are "not an index":
// the page loader then reports them.
bool is_index_file(const std::string &path);

// False when `s` is not well-formed UTF-8.
bool is_valid_utf8(std::string_view s);

// `s` with every byte that is not part of well-formed UTF-8 shown as \xHH, for error messages.
std::string printable_name(std::string_view s);

// Loads `inputs` (pages, or exactly one index file) into `set`. `command` names the caller in
// messages ("export"). Errors go to stderr. Returns the exit status: exit_ok; exit_usage for a
// non-UTF-8 file name or an index mixed with pages; exit_invalid_utf8 (--strict); exit_io for an
// unreadable input; exit_other for an index that cannot be loaded (corrupt, unknown version: the
// message names the rebuild command). `fatal` is set when nothing usable was loaded (the caller
// must stop); an unreadable page is not fatal (the readable ones are still exported), --strict is.
// `progress`, when given, follows the pages read (or the index file).
int load_article_set(const char *command, const std::vector<std::string> &inputs,
                     uint32_t parse_flags, ArticleSet &set, bool &fatal,
                     Progress *progress = nullptr);

}  // namespace cli
