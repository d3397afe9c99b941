// Fuzz target: build, save, load, and the same answers. The input is a page, then (after the first
// NUL byte) queries separated by NUL bytes. The page is parsed and indexed; every query runs on the
// built index, on the index loaded from its saved bytes, and on the search-only file
// (CACI_SAVE_OMIT_TEXT), and must give the same status, totals, ids and scores on all three, and
// the same snippets and highlights on the first two. Saving the loaded index gives the same bytes,
// and so does an index that took the page with save options (caci_index_take_doc_with).
#include "fuzz_capi_checks.hpp"

#include <cstring>
#include <string>
#include <vector>

using namespace caci_fuzz;

namespace {

struct Answer {
  caci_status status = CACI_OK;
  uint64_t total = 0;
  std::vector<uint64_t> ids;
  std::vector<double> scores;
  std::vector<uint64_t> spans;  // snippet and highlight ranges
  bool operator==(const Answer &o) const {
    return status == o.status && total == o.total && ids == o.ids && scores == o.scores;
  }
};

Answer ask(caci_index *index, std::string_view query) {
  Answer a;
  caci_search_options opts = CACI_SEARCH_OPTIONS_INIT;
  opts.limit = 5;
  caci_results *r = nullptr;
  a.status = caci_index_search(index, query.data(), query.size(), &opts, &r);
  if (a.status != CACI_OK) return a;
  a.total = caci_results_total(r);
  for (size_t i = 0; i < caci_results_count(r); ++i) {
    a.ids.push_back(caci_article_id(caci_results_article(r, i)));
    a.scores.push_back(caci_results_score(r, i));
    uint64_t s = 0, e = 0;
    if (caci_results_snippet(r, i, &s, &e) == CACI_OK) a.spans.insert(a.spans.end(), {s, e});
    for (size_t j = 0; j < caci_results_highlight_count(r, i); ++j)
      if (caci_results_highlight(r, i, j, &s, &e) == CACI_OK) a.spans.insert(a.spans.end(), {s, e});
  }
  caci_results_free(r);
  return a;
}

caci_index *load(const std::string &bytes) {
  caci_index *ix = nullptr;
  const caci_status st = caci_index_load(bytes.data(), bytes.size(), nullptr, &ix);
  if (st == CACI_ENOMEM) return nullptr;
  FUZZ_CHECK(st == CACI_OK);  // a file the library wrote always loads
  return ix;
}

// The same page taken with save options (caci_index_take_doc_with: the text compressed while it is
// indexed, on a second thread for an odd-length page): the same answers as the index built by
// caci_index_add_doc, and the same saved bytes.
void check_taken_for_save(const char *page, size_t page_len, caci_index *built,
                          const std::string &full, const std::vector<std::string_view> &queries) {
  caci_doc *doc = nullptr;
  caci_index *taken = nullptr;
  caci_save_options opts = CACI_SAVE_OPTIONS_INIT;
  opts.threads = 1 + (page_len & 1);
  if (caci_doc_new(nullptr, &doc) == CACI_OK &&
      caci_doc_parse(doc, "page.txt", 8, page, page_len) == CACI_OK &&
      caci_index_new(nullptr, &taken) == CACI_OK &&
      caci_index_take_doc_with(taken, doc, &opts, nullptr) == CACI_OK) {
    for (std::string_view q : queries) {
      const Answer a = ask(built, q), t = ask(taken, q);
      if (a.status != CACI_ENOMEM && t.status != CACI_ENOMEM)
        FUZZ_CHECK(a == t && a.spans == t.spans);
    }
    caci_str saved{};
    if (!full.empty() && caci_index_save(taken, &saved) == CACI_OK)
      FUZZ_CHECK(saved.len == full.size() && std::memcmp(saved.ptr, full.data(), full.size()) == 0);
  }
  caci_index_free(taken);
  caci_doc_free(doc);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const char *bytes = reinterpret_cast<const char *>(data);
  const void *nul = std::memchr(bytes, 0, size);
  const size_t page_len = nul ? size_t(static_cast<const char *>(nul) - bytes) : size;
  std::vector<std::string_view> queries;
  for (size_t at = page_len + 1; at < size;) {
    const void *next = std::memchr(bytes + at, 0, size - at);
    const size_t end = next ? size_t(static_cast<const char *>(next) - bytes) : size;
    queries.emplace_back(bytes + at, end - at);
    at = end + 1;
  }
  if (queries.empty()) queries.emplace_back("the");

  caci_doc *doc = nullptr;
  if (caci_doc_new(nullptr, &doc) != CACI_OK) return 0;
  caci_index *built = nullptr;
  if (caci_doc_parse(doc, "page.txt", 8, bytes, page_len) != CACI_OK ||
      caci_index_new(nullptr, &built) != CACI_OK ||
      caci_index_add_doc(built, doc, nullptr) != CACI_OK) {
    caci_index_free(built);
    caci_doc_free(doc);
    return 0;
  }
  caci_doc_free(doc);
  caci_str saved{}, stripped{};
  std::string full, search_only;
  caci_save_options so = CACI_SAVE_OPTIONS_INIT;
  so.flags = CACI_SAVE_OMIT_TEXT;
  if (caci_index_save(built, &saved) == CACI_OK) full.assign(saved.ptr, saved.len);
  if (caci_index_save_with(built, &so, &stripped) == CACI_OK)
    search_only.assign(stripped.ptr, stripped.len);
  caci_index *loaded = full.empty() ? nullptr : load(full);
  caci_index *lean = search_only.empty() ? nullptr : load(search_only);
  for (std::string_view q : queries) {
    const Answer a = ask(built, q);
    if (a.status == CACI_ENOMEM) continue;
    if (loaded) {
      const Answer b = ask(loaded, q);
      if (b.status != CACI_ENOMEM) FUZZ_CHECK(a == b && a.spans == b.spans);
    }
    if (lean) {
      const Answer c = ask(lean, q);
      if (c.status != CACI_ENOMEM) FUZZ_CHECK(a == c);
    }
  }
  check_taken_for_save(bytes, page_len, built, full, queries);
  if (loaded) {
    caci_str again{};
    if (caci_index_save(loaded, &again) == CACI_OK)
      FUZZ_CHECK(again.len == full.size() && std::memcmp(again.ptr, full.data(), full.size()) == 0);
  }
  caci_index_free(lean);
  caci_index_free(loaded);
  caci_index_free(built);
  return 0;
}
