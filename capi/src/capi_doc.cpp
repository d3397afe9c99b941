// Documents: parse pages, list articles and diagnostics, statistics, JSON.
#include "capi_guard.hpp"
#include "capi_handles.hpp"

#include "caci/core/append.hpp"
#include "caci/core/json.hpp"
#include "caci/core/parse.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <limits>

#if defined(__linux__) && !defined(__EMSCRIPTEN__)
#include <sys/mman.h>
#endif

using caci::capi::guard;
using caci::capi::guard_void;
using caci::capi::str_of;

namespace {

// caci_doc_to_json_next()'s and caci_doc_to_json_range()'s pieces, ~1 MB: large enough that the
// per-call cost vanishes, small enough to stay in cache.
constexpr size_t kJsonPieceBytes = size_t(1) << 20;

// Sizes of everything a parse appends to, so a parse stopped by out-of-memory (or a bug) can be
// undone and the document stays as it was (caci.h: "the handle is left in its previous valid
// state"). Taking it is O(1); undoing it is O(articles), on the failure path only.
struct DocSnapshot {
  size_t body, meta, files, articles, paragraphs, authors, honorifics, sections, links, diagnostics;
  caci::Stats stats;

  explicit DocSnapshot(const caci::Document &d)
      : body(d.store.body.size()), meta(d.store.meta.size()), files(d.store.files.size()),
        articles(d.store.articles.size()), paragraphs(d.store.paragraphs.size()),
        authors(d.store.authors.size()), honorifics(d.store.honorifics.size()),
        sections(d.store.sections.size()), links(d.store.links.size()),
        diagnostics(d.diagnostics.size()), stats(d.stats) {}

  template <class V> static void truncate(V &v, size_t n) {
    if (v.size() > n) v.erase(v.begin() + static_cast<std::ptrdiff_t>(n), v.end());
  }

  // Shrinking never allocates, so this cannot fail.
  void restore(caci::Document &d) const noexcept {
    caci::ArticleStore &st = d.store;
    st.body.resize(std::min(body, st.body.size()));
    st.meta.resize(std::min(meta, st.meta.size()));
    truncate(st.files, files);
    truncate(st.articles, articles);
    truncate(st.paragraphs, paragraphs);
    truncate(st.authors, authors);
    truncate(st.honorifics, honorifics);
    truncate(st.sections, sections);
    truncate(st.links, links);
    truncate(d.diagnostics, diagnostics);
    if (d.append_log) d.append_log->truncate(articles, diagnostics);
    // Earlier articles may have gained duplicates from the failed page (files added by it).
    for (caci::Article &a : st.articles) {
      auto &dups = a.duplicates;
      while (!dups.empty() && dups.back().file >= files) dups.pop_back();
    }
    d.stats = stats;
    // d.id_table is left alone: entries naming removed articles are ignored by lookups (they check
    // the index and the id), and clearing it would make the next page miss duplicates.
  }
};

}  // namespace

extern "C" {

caci_status caci_doc_new(const caci_parse_options *opts, caci_doc **out) {
  if (!out) return CACI_EINVAL;
  *out = nullptr;
  return guard([&]() -> caci_status {
    caci::ParseOptions po;
    caci_status st = caci::capi::parse_options_from_c(opts, po);
    if (st != CACI_OK) return st;
    auto *doc = new caci_doc();
    doc->doc.options = po;
    *out = doc;
    return CACI_OK;
  });
}

void caci_doc_free(caci_doc *doc) {
  delete doc;
}

void caci_doc_clear(caci_doc *doc) {
  if (!doc) return;
  guard_void([&] {
    doc->doc.clear();
    doc->json.clear();
    doc->prefault_begin = nullptr;
    doc->prefault_bytes = 0;
  });
}

caci_status caci_doc_reserve(caci_doc *doc, uint64_t input_bytes) {
  if (!doc) return CACI_EINVAL;
  if (input_bytes > UINT32_MAX) return CACI_ERANGE;
  return guard([&]() -> caci_status {
    caci::reserve_for_input(doc->doc, input_bytes);
    // The part the text will fill (about the input), not the slack.
    const std::string &body = doc->doc.store.body;
    doc->prefault_begin = body.data() + body.size();
    doc->prefault_bytes =
        static_cast<size_t>(std::min<uint64_t>(input_bytes, body.capacity() - body.size()));
    return CACI_OK;
  });
}

size_t caci_doc_prefault(caci_doc *doc, size_t max_bytes) {
#if defined(__linux__) && !defined(__EMSCRIPTEN__) && defined(MADV_POPULATE_WRITE)
  if (!doc) return 0;
  // In 2 MiB steps (one huge page each, see advise_huge_capacity), from the front, where the parser
  // writes first. The kernel maps pages without writing to them, so the parser may be writing the
  // same buffer meanwhile; pages it reached first are skipped. If the text outgrew the reservation
  // and moved, the range is no longer mapped (or is other heap memory, whose contents mapping does
  // not change) and madvise fails or does nothing harmful: stop at the first failure.
  constexpr uintptr_t kStep = uintptr_t(2) << 20;
  const uintptr_t data = reinterpret_cast<uintptr_t>(doc->prefault_begin);
  uintptr_t p = (data + kStep - 1) & ~(kStep - 1);
  const uintptr_t end = (data + doc->prefault_bytes) & ~(kStep - 1);
  const uintptr_t stop = max_bytes < end - std::min(p, end) ? p + max_bytes : end;
  size_t covered = 0;
  for (; p < stop; p += kStep) {
    if (madvise(reinterpret_cast<void *>(p), kStep, MADV_POPULATE_WRITE) != 0) {
      doc->prefault_begin = nullptr;  // nothing more to do
      doc->prefault_bytes = 0;
      return covered;
    }
    covered += kStep;
  }
  doc->prefault_begin = reinterpret_cast<const char *>(p);
  doc->prefault_bytes = end > p ? size_t(end - p) : 0;
  return covered;
#else
  (void)doc;
  (void)max_bytes;
  return 0;
#endif
}

caci_status caci_doc_parse(caci_doc *doc, const char *file_name, size_t file_name_len,
                           const char *bytes, size_t len) {
  if (!doc || (!file_name && file_name_len) || (!bytes && len)) return CACI_EINVAL;
  const DocSnapshot before(doc->doc);
  caci_status st = guard([&] {
    return caci::parse_page(doc->doc, std::string_view(file_name ? file_name : "", file_name_len),
                            std::string_view(bytes ? bytes : "", len));
  });
  // Out of memory or a bug can stop the parser anywhere: undo the page. (CACI_EUTF8 and
  // CACI_ERANGE come from complete, consistent parses whose diagnostics say what happened.)
  if (st == CACI_ENOMEM || st == CACI_EINTERNAL) before.restore(doc->doc);
  return st;
}

caci_status caci_doc_append(caci_doc *dst, caci_doc *src) {
  if (!dst || !src || dst == src) return CACI_EINVAL;
  const DocSnapshot before(dst->doc);
  caci_status st = guard([&] { return caci::append_document(dst->doc, src->doc); });
  if (st == CACI_ENOMEM || st == CACI_EINTERNAL) {
    before.restore(dst->doc);
    return st;
  }
  if (st == CACI_OK) {  // src was cleared, like caci_doc_clear()
    src->json.clear();
    src->prefault_begin = nullptr;
    src->prefault_bytes = 0;
  }
  return st;
}

caci_status caci_doc_add_io_error(caci_doc *doc, const char *file_name, size_t file_name_len,
                                  const char *message, size_t message_len) {
  if (!doc || (!file_name && file_name_len) || (!message && message_len)) return CACI_EINVAL;
  return guard([&]() -> caci_status {
    caci::Document &d = doc->doc;
    caci::ArticleStore &st = d.store;
    if (st.files.size() >= std::numeric_limits<uint32_t>::max() ||
        st.meta.size() + message_len > std::numeric_limits<uint32_t>::max())
      return CACI_ERANGE;
    caci::Diagnostic diag;
    diag.file = static_cast<uint32_t>(st.files.size());
    diag.line = 0;  // the whole file: there is no position
    diag.column = 0;
    diag.severity = caci::Severity::error;
    diag.code = caci::DiagCode::io_error;
    diag.message = {static_cast<uint32_t>(st.meta.size()), static_cast<uint32_t>(message_len)};
    // Reserve first so a failed allocation leaves the document as it was.
    d.diagnostics.reserve(d.diagnostics.size() + 1);
    st.files.reserve(st.files.size() + 1);
    st.meta.reserve(st.meta.size() + message_len);
    std::string name(file_name ? file_name : "", file_name_len);
    st.meta.append(message ? message : "", message_len);
    st.files.push_back(std::move(name));
    d.diagnostics.push_back(diag);
    return CACI_OK;
  });
}

size_t caci_doc_article_count(const caci_doc *doc) {
  return doc ? doc->doc.store.articles.size() : 0;
}

const caci_article *caci_doc_article(const caci_doc *doc, size_t i) {
  if (!doc || i >= doc->doc.store.articles.size()) return nullptr;
  return caci::capi::to_c(&doc->doc.store.articles[i]);
}

size_t caci_doc_diagnostic_count(const caci_doc *doc) {
  return doc ? doc->doc.diagnostics.size() : 0;
}

caci_status caci_doc_diagnostic(const caci_doc *doc, size_t i, caci_diagnostic *out) {
  if (!doc || !out || i >= doc->doc.diagnostics.size()) return CACI_EINVAL;
  const caci::Diagnostic &d = doc->doc.diagnostics[i];
  const caci::ArticleStore &st = doc->doc.store;
  out->file = str_of(st.file_name(d.file));
  out->line = d.line;
  out->column = d.column;
  out->byte_start = d.byte_start;
  out->byte_end = d.byte_end;
  out->severity = d.severity == caci::Severity::error ? CACI_SEVERITY_ERROR : CACI_SEVERITY_WARNING;
  out->code = str_of(caci::diag_code_name(d.code));
  out->message = caci::capi::meta_str(st, d.message);
  return CACI_OK;
}

caci_status caci_doc_stats(const caci_doc *doc, caci_stats *out) {
  if (!doc || !out) return CACI_EINVAL;
  const caci::Stats &s = doc->doc.stats;
  out->bytes = s.bytes;
  out->articles = s.articles;
  out->duplicates = s.duplicates;
  out->bytes_articles = s.bytes_articles;
  out->bytes_boilerplate = s.bytes_boilerplate;
  out->bytes_unclassified = s.bytes_unclassified;
  return CACI_OK;
}

caci_status caci_doc_to_json(caci_doc *doc, int format, caci_str *out) {
  if (!doc || !out || (format != CACI_JSON && format != CACI_JSONL)) return CACI_EINVAL;
  *out = caci::capi::null_str();
  return guard([&]() -> caci_status {
    doc->json.clear();
    caci::write_document_json(
        doc->doc, format == CACI_JSON ? caci::JsonFormat::json : caci::JsonFormat::jsonl,
        doc->json);
    *out = str_of(doc->json);
    return CACI_OK;
  });
}

caci_status caci_doc_to_json_next(caci_doc *doc, int format, uint64_t *cursor, caci_str *out) {
  if (!out) return CACI_EINVAL;
  *out = caci::capi::null_str();
  if (!doc || !cursor || (format != CACI_JSON && format != CACI_JSONL)) return CACI_EINVAL;
  const caci::JsonFormat f = format == CACI_JSON ? caci::JsonFormat::json : caci::JsonFormat::jsonl;
  return guard([&]() -> caci_status {
    doc->json.clear();
    uint64_t next = *cursor;
    if (!caci::write_document_json_part(doc->doc, f, next, kJsonPieceBytes, doc->json))
      return CACI_EINVAL;
    *cursor = next;
    *out = str_of(doc->json);
    return CACI_OK;
  });
}

caci_status caci_doc_json_split(const caci_doc *doc, int format, size_t parts, uint64_t *cursors) {
  constexpr size_t kMaxParts = size_t(1) << 20;
  if (!doc || !cursors || parts == 0 || parts > kMaxParts ||
      (format != CACI_JSON && format != CACI_JSONL))
    return CACI_EINVAL;
  const caci::JsonFormat f = format == CACI_JSON ? caci::JsonFormat::json : caci::JsonFormat::jsonl;
  caci::split_document_json(doc->doc, f, parts, cursors);
  return CACI_OK;
}

caci_status caci_doc_to_json_range(const caci_doc *doc, int format, uint64_t *cursor, uint64_t end,
                                   caci_str *out) {
  if (!out) return CACI_EINVAL;
  *out = caci::capi::null_str();
  if (!doc || !cursor || (format != CACI_JSON && format != CACI_JSONL)) return CACI_EINVAL;
  const caci::JsonFormat f = format == CACI_JSON ? caci::JsonFormat::json : caci::JsonFormat::jsonl;
  // The calling thread's own piece: threads writing ranges of one document share nothing.
  thread_local std::string piece;
  return guard([&]() -> caci_status {
    piece.clear();
    uint64_t next = *cursor;
    if (!caci::write_document_json_range(doc->doc, f, next, end, kJsonPieceBytes, piece))
      return CACI_EINVAL;
    *cursor = next;
    *out = str_of(piece);
    return CACI_OK;
  });
}

}  // extern "C"
