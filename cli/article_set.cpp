// Loading the inputs of `caci export` and `caci stats`: pages or one index file.
#include "article_set.hpp"

#include "progress.hpp"

#include <cstring>
#include <limits>

namespace cli {

namespace {

const char kMagic[8] = {'C', 'A', 'C', 'I', 'I', 'D', 'X', '\0'};

// Length of the well-formed UTF-8 sequence at s[i], or 0 when it is not one.
size_t utf8_sequence(std::string_view s, size_t i) {
  const auto *p = reinterpret_cast<const unsigned char *>(s.data());
  unsigned char c = p[i];
  if (c < 0x80) return 1;
  size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0;
  if (len == 0 || c > 0xF4 || i + len > s.size()) return 0;
  for (size_t k = 1; k < len; ++k)
    if ((p[i + k] & 0xC0) != 0x80) return 0;
  if (len == 3) {
    unsigned cp = ((c & 0x0Fu) << 12) | ((p[i + 1] & 0x3Fu) << 6);
    if (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  } else if (len == 4) {
    unsigned cp = ((c & 0x07u) << 18) | ((p[i + 1] & 0x3Fu) << 12);
    if (cp < 0x10000 || cp > 0x10FFFF) return 0;
  }
  return len;
}

// Every live article of the index, in the index's own order (an empty query matches them all;
// ties in relevance keep that order).
int collect_index_articles(ArticleSet &set) {
  size_t n = caci_index_article_count(set.index);
  if (n == 0) return exit_ok;
  if (n > std::numeric_limits<uint32_t>::max()) return report_status("index", CACI_ERANGE);
  caci_search_options so = CACI_SEARCH_OPTIONS_INIT;
  so.limit = static_cast<uint32_t>(n);
  so.flags = CACI_SEARCH_NO_SNIPPETS;
  caci_results *r = nullptr;
  caci_status st = caci_index_search(set.index, "", 0, &so, &r);
  if (st != CACI_OK) return report_status("cannot list the articles of the index", st);
  size_t count = caci_results_count(r);
  set.articles.reserve(count);
  for (size_t i = 0; i < count; ++i) {
    const caci_article *a = caci_results_article(r, i);  // owned by the index
    if (caci_article_flags(a) & CACI_FLAG_TEXT_OMITTED) set.text_omitted = true;
    set.articles.push_back(a);
  }
  caci_results_free(r);
  return exit_ok;
}

int load_index(const char *command, ArticleSet &set) {
  // Opened in place (mapped): only what the command reads is touched.
  caci_status st = caci_index_open_file(set.index_path.c_str(), nullptr, &set.index);
  if (st == CACI_ENOTFOUND || st == CACI_EIO) {
    std::fprintf(stderr, "caci %s: %s\n", command, caci_last_load_error());
    return exit_io;
  }
  set.files = 1;
  set.input_bytes = file_size(set.index_path);
  if (st == CACI_OK) {
    // These commands read every article's text: a damaged chunk is an error, not empty text.
    caci_str problem{};
    st = caci_index_verify(set.index, &problem);
    if (st != CACI_OK) {
      std::fprintf(stderr,
                   "caci %s: cannot load index '%s': %.*s (%s)\n"
                   "  If the file is damaged, rebuild it: caci index -o %s PAGES...\n",
                   command, set.index_path.c_str(), static_cast<int>(problem.len),
                   problem.ptr ? problem.ptr : "", caci_status_str(st), set.index_path.c_str());
      return exit_other;
    }
  }
  if (st == CACI_EVERSION) {
    std::fprintf(stderr,
                 "caci %s: cannot load index '%s': %s\n"
                 "  This index was written by another version of libcaci. Rebuild it from the "
                 "pages:\n"
                 "    caci index -o %s PAGES...\n",
                 command, set.index_path.c_str(), caci_last_load_error(), set.index_path.c_str());
    return exit_other;
  }
  if (st != CACI_OK) {
    std::fprintf(stderr,
                 "caci %s: cannot load index '%s': %s (%s)\n"
                 "  If the file is damaged, rebuild it: caci index -o %s PAGES...\n",
                 command, set.index_path.c_str(), caci_last_load_error(), caci_status_str(st),
                 set.index_path.c_str());
    return st == CACI_EIO ? exit_io : exit_other;
  }
  return collect_index_articles(set);
}

}  // namespace

ArticleSet::~ArticleSet() {
  caci_doc_free(doc);
  caci_index_free(index);
}

bool is_index_file(const std::string &path) {
  if (path == "-") return false;
  std::FILE *f = std::fopen(path.c_str(), "rb");
  if (!f) return false;
  char head[sizeof kMagic];
  size_t n = std::fread(head, 1, sizeof head, f);
  std::fclose(f);
  return n == sizeof head && std::memcmp(head, kMagic, sizeof head) == 0;
}

bool is_valid_utf8(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    size_t len = utf8_sequence(s, i);
    if (len == 0) return false;
    i += len;
  }
  return true;
}

std::string printable_name(std::string_view s) {
  static const char hex[] = "0123456789ABCDEF";
  std::string out;
  for (size_t i = 0; i < s.size();) {
    size_t len = utf8_sequence(s, i);
    if (len == 0) {
      auto c = static_cast<unsigned char>(s[i]);
      out += "\\x";
      out += hex[c >> 4];
      out += hex[c & 0xF];
      ++i;
    } else {
      out.append(s.substr(i, len));
      i += len;
    }
  }
  return out;
}

int load_article_set(const char *command, const std::vector<std::string> &inputs,
                     uint32_t parse_flags, ArticleSet &set, bool &fatal, Progress *progress) {
  fatal = true;
  // File names end up in the output (source_file, notes, diagnostics), which is UTF-8 throughout.
  for (const std::string &path : inputs) {
    if (!is_valid_utf8(path)) {
      std::fprintf(stderr,
                   "caci %s: the file name '%s' is not valid UTF-8; it would appear in the output "
                   "as the article's source, which must be UTF-8. Rename the file (for example "
                   "with convmv) and try again.\n",
                   command, printable_name(path).c_str());
      return exit_usage;
    }
  }
  std::vector<std::string> pages;
  for (const std::string &path : inputs) {
    if (is_index_file(path)) {
      if (!set.index_path.empty() || !pages.empty()) {
        std::fprintf(stderr,
                     "caci %s: '%s' is an index file: give either one index file or pages, not "
                     "both\n",
                     command, path.c_str());
        return exit_usage;
      }
      set.index_path = path;
    } else {
      if (!set.index_path.empty()) {
        std::fprintf(stderr,
                     "caci %s: '%s' follows the index file '%s': give either one index file or "
                     "pages, not both\n",
                     command, path.c_str(), set.index_path.c_str());
        return exit_usage;
      }
      pages.push_back(path);
    }
  }
  if (!set.index_path.empty()) {
    if (progress) progress->set_inputs({set.index_path});
    int status = load_index(command, set);
    if (progress) {
      progress->clear();
      progress->file_done(set.input_bytes);
    }
    fatal = status != exit_ok;
    return status;
  }

  PageSet ps;
  bool created = load_pages(pages, parse_flags, ps, progress);
  set.doc = ps.doc;
  set.files = ps.files - ps.unreadable;
  set.input_bytes = ps.bytes;
  if (!created || ps.invalid_utf8) return ps.exit_status;  // --strict: nothing is exported
  size_t n = caci_doc_article_count(set.doc);
  set.articles.reserve(n);
  for (size_t i = 0; i < n; ++i) set.articles.push_back(caci_doc_article(set.doc, i));
  fatal = false;
  return ps.exit_status;
}

}  // namespace cli
