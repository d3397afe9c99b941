/*
 * Thin glue between the C ABI (caci.h) and JavaScript: only where a struct crosses the boundary
 * by value, a 64-bit integer would need wasm's i64 legalisation, or an options struct would make
 * JavaScript know a C layout. Everything else is exported from caci.h unchanged (wasm/exports.txt).
 *
 * Results that do not fit one return value go to ONE transfer area: an array of 32-bit words whose
 * address JavaScript reads once (caci_wasm_transfer()). Its word layout is versioned by
 * CACI_WASM_TRANSFER_VERSION; each function below documents which words it writes. 64-bit values
 * are split into (low, high) words; strings are (pointer, byte length) pairs.
 */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "caci/caci.h"

#define CACI_WASM_TRANSFER_VERSION 1u
#define CACI_WASM_TRANSFER_WORDS 16

static uint32_t transfer[CACI_WASM_TRANSFER_WORDS];

#define CACI_WASM_API __attribute__((used, visibility("default")))

static uint32_t ptr_word(const void *p) {
  return (uint32_t)(uintptr_t)p;
}
static void put_u64(int word, uint64_t v) {
  transfer[word] = (uint32_t)v;
  transfer[word + 1] = (uint32_t)(v >> 32);
}
static void put_str(int word, caci_str s) {
  transfer[word] = ptr_word(s.ptr);
  transfer[word + 1] = (uint32_t)s.len;
}
static uint64_t join_u64(uint32_t low, uint32_t high) {
  return ((uint64_t)high << 32) | low;
}

CACI_WASM_API uint32_t caci_wasm_transfer_version(void) {
  return CACI_WASM_TRANSFER_VERSION;
}
/** Address of the transfer area (CACI_WASM_TRANSFER_WORDS 32-bit words). */
CACI_WASM_API uint32_t *caci_wasm_transfer(void) {
  return transfer;
}

/* --------------------------------------------------------------------------------- Document */

/** Creates a document with CACI_PARSE_* flags. Word 0: the caci_doc pointer (0 on failure). */
CACI_WASM_API caci_status caci_wasm_doc_new(uint32_t flags) {
  caci_parse_options opts = CACI_PARSE_OPTIONS_INIT;
  caci_doc *doc = NULL;
  opts.flags = flags;
  caci_status status = caci_doc_new(&opts, &doc);
  transfer[0] = ptr_word(doc);
  return status;
}

/** caci_doc_reserve with a 32-bit size (wasm memory holds less than 4 GiB anyway): room for the
 *  text of `input_bytes` of pages about to be parsed, so the document's text does not grow (and
 *  copy itself) page after page. */
CACI_WASM_API caci_status caci_wasm_doc_reserve(caci_doc *doc, uint32_t input_bytes) {
  return caci_doc_reserve(doc, input_bytes);
}

/** Words 0-1: the JSON text (pointer, length), valid until the next call on doc. */
CACI_WASM_API caci_status caci_wasm_doc_to_json(caci_doc *doc, int format) {
  caci_str out = {NULL, 0};
  caci_status status = caci_doc_to_json(doc, format, &out);
  put_str(0, out);
  return status;
}

/** Words 0-1 file, 2 line, 3 column, 4-5 byte_start, 6-7 byte_end, 8 severity, 9-10 code,
 *  11-12 message. */
CACI_WASM_API caci_status caci_wasm_doc_diagnostic(const caci_doc *doc, uint32_t i) {
  caci_diagnostic d;
  memset(&d, 0, sizeof d);
  caci_status status = caci_doc_diagnostic(doc, i, &d);
  put_str(0, d.file);
  transfer[2] = d.line;
  transfer[3] = d.column;
  put_u64(4, d.byte_start);
  put_u64(6, d.byte_end);
  transfer[8] = (uint32_t)d.severity;
  put_str(9, d.code);
  put_str(11, d.message);
  return status;
}

/** Words 0-1 bytes, 2-3 articles, 4-5 duplicates, 6-7 bytes_articles, 8-9 bytes_boilerplate,
 *  10-11 bytes_unclassified. */
CACI_WASM_API caci_status caci_wasm_doc_stats(const caci_doc *doc) {
  caci_stats s;
  memset(&s, 0, sizeof s);
  caci_status status = caci_doc_stats(doc, &s);
  put_u64(0, s.bytes);
  put_u64(2, s.articles);
  put_u64(4, s.duplicates);
  put_u64(6, s.bytes_articles);
  put_u64(8, s.bytes_boilerplate);
  put_u64(10, s.bytes_unclassified);
  return status;
}

/* ---------------------------------------------------------------------------------- Article */

/* Selectors for caci_wasm_article_str(): one entry point for every caci_str getter of caci.h. */
enum {
  CACI_WASM_STR_CATEGORY = 0,
  CACI_WASM_STR_TITLE = 1,
  CACI_WASM_STR_AUTHOR_NAME = 2,        /* i = author */
  CACI_WASM_STR_AUTHOR_AFFILIATION = 3, /* i = author */
  CACI_WASM_STR_AUTHOR_HONORIFIC = 4,   /* i = author, j = honorific */
  CACI_WASM_STR_LEAD = 5,               /* i = paragraph */
  CACI_WASM_STR_PHOTO_CREDIT = 6,
  CACI_WASM_STR_SECTION_HEADING = 7,   /* i = section */
  CACI_WASM_STR_SECTION_PARAGRAPH = 8, /* i = section, j = paragraph */
  CACI_WASM_STR_BIO = 9,               /* i = paragraph */
  CACI_WASM_STR_LINK_TITLE = 10,       /* i = link */
  CACI_WASM_STR_TEXT = 11
};

/** Words 0-1: the selected string (pointer 0 = null). Returns the pointer. */
CACI_WASM_API uint32_t caci_wasm_article_str(const caci_article *a, int which, uint32_t i,
                                             uint32_t j) {
  caci_str s = {NULL, 0};
  switch (which) {
  case CACI_WASM_STR_CATEGORY: s = caci_article_category(a); break;
  case CACI_WASM_STR_TITLE: s = caci_article_title(a); break;
  case CACI_WASM_STR_AUTHOR_NAME: s = caci_article_author_name(a, i); break;
  case CACI_WASM_STR_AUTHOR_AFFILIATION: s = caci_article_author_affiliation(a, i); break;
  case CACI_WASM_STR_AUTHOR_HONORIFIC: s = caci_article_author_honorific(a, i, j); break;
  case CACI_WASM_STR_LEAD: s = caci_article_lead(a, i); break;
  case CACI_WASM_STR_PHOTO_CREDIT: s = caci_article_photo_credit(a); break;
  case CACI_WASM_STR_SECTION_HEADING: s = caci_article_section_heading(a, i); break;
  case CACI_WASM_STR_SECTION_PARAGRAPH: s = caci_article_section_paragraph(a, i, j); break;
  case CACI_WASM_STR_BIO: s = caci_article_bio(a, i); break;
  case CACI_WASM_STR_LINK_TITLE: s = caci_article_link_title(a, i); break;
  case CACI_WASM_STR_TEXT: s = caci_article_text(a); break;
  default: break;
  }
  put_str(0, s);
  return ptr_word(s.ptr);
}

/** Words 0-1: the content id (low, high). */
CACI_WASM_API void caci_wasm_article_id(const caci_article *a) {
  put_u64(0, caci_article_id(a));
}

/** Words 0-2: year, month, day. */
CACI_WASM_API void caci_wasm_article_date(const caci_article *a) {
  caci_date d = caci_article_date(a);
  transfer[0] = (uint32_t)d.year;
  transfer[1] = (uint32_t)d.month;
  transfer[2] = (uint32_t)d.day;
}

/** The article's source (duplicate < 0) or its duplicate-th duplicate. Words 0-1 file, 2 line,
 *  3-4 byte_start, 5-6 byte_end. */
CACI_WASM_API void caci_wasm_article_source(const caci_article *a, int duplicate) {
  caci_source s =
      duplicate < 0 ? caci_article_source(a) : caci_article_duplicate(a, (size_t)duplicate);
  put_str(0, s.file);
  transfer[2] = s.line;
  put_u64(3, s.byte_start);
  put_u64(5, s.byte_end);
}

/** Writes the 16 hex digits of the id (low, high) plus a NUL to out (17 bytes). */
CACI_WASM_API void caci_wasm_id_format(uint32_t low, uint32_t high, char *out) {
  caci_id_format(join_u64(low, high), out);
}

/* ------------------------------------------------------------------------------------ Index */

/** Creates an index. A NaN parameter keeps its default (so JavaScript never needs to know the
 *  defaults or the layout of caci_index_options); flags: CACI_INDEX_NO_* (saved with the index,
 *  as natively). Word 0: the caci_index (0 on failure). */
CACI_WASM_API caci_status caci_wasm_index_new(float k1, float b, float w_title, float w_authors,
                                              float w_lead, float w_sections, float w_bio,
                                              uint32_t flags) {
  caci_index_options opts;
  caci_index *index = NULL;
  caci_status status = caci_index_options_init(&opts, CACI_INDEX_OPTIONS_VERSION);
  if (status == CACI_OK) {
    if (!isnan(k1)) opts.k1 = k1;
    if (!isnan(b)) opts.b = b;
    if (!isnan(w_title)) opts.field_weights[CACI_FIELD_TITLE] = w_title;
    if (!isnan(w_authors)) opts.field_weights[CACI_FIELD_AUTHORS] = w_authors;
    if (!isnan(w_lead)) opts.field_weights[CACI_FIELD_LEAD] = w_lead;
    if (!isnan(w_sections)) opts.field_weights[CACI_FIELD_SECTIONS] = w_sections;
    if (!isnan(w_bio)) opts.field_weights[CACI_FIELD_BIO] = w_bio;
    opts.flags = flags;
    status = caci_index_new(&opts, &index);
  }
  transfer[0] = ptr_word(index);
  return status;
}

/** Word 0: the number of articles added. */
CACI_WASM_API caci_status caci_wasm_index_add_doc(caci_index *index, const caci_doc *doc) {
  size_t added = 0;
  caci_status status = caci_index_add_doc(index, doc, &added);
  transfer[0] = (uint32_t)added;
  return status;
}

CACI_WASM_API caci_status caci_wasm_index_remove(caci_index *index, uint32_t low, uint32_t high) {
  return caci_index_remove(index, join_u64(low, high));
}

CACI_WASM_API const caci_article *caci_wasm_index_find(const caci_index *index, uint32_t low,
                                                       uint32_t high) {
  return caci_index_find(index, join_u64(low, high));
}

/** Words 0-1: the article JSON (pointer, length), valid until the next call on index. */
CACI_WASM_API caci_status caci_wasm_index_article_json(caci_index *index, uint32_t low,
                                                       uint32_t high) {
  caci_str out = {NULL, 0};
  caci_status status = caci_index_article_json(index, join_u64(low, high), &out);
  put_str(0, out);
  return status;
}

/** Words 0-1: the saved bytes (pointer, length), valid until the next call on index. flags:
 *  CACI_SAVE_* (CACI_SAVE_OMIT_TEXT: a search-only file). */
CACI_WASM_API caci_status caci_wasm_index_save(caci_index *index, uint32_t flags) {
  caci_str out = {NULL, 0};
  caci_save_options opts = CACI_SAVE_OPTIONS_INIT;
  opts.flags = flags;
  caci_status status = caci_index_save_with(index, &opts, &out);
  put_str(0, out);
  return status;
}

/** Loads with default options. Word 0: the caci_index (0 on failure; see caci_last_load_error). */
CACI_WASM_API caci_status caci_wasm_index_load(const void *bytes, uint32_t len) {
  caci_index *index = NULL;
  caci_status status = caci_index_load(bytes, len, NULL, &index);
  transfer[0] = ptr_word(index);
  return status;
}

/** Opens bytes in place (the caller keeps them until the index is freed). Word 0: the caci_index
 *  (0 on failure; see caci_last_load_error). */
CACI_WASM_API caci_status caci_wasm_index_load_view(const void *bytes, uint32_t len) {
  caci_index *index = NULL;
  caci_status status = caci_index_load_view(bytes, len, NULL, &index);
  transfer[0] = ptr_word(index);
  return status;
}

/** Words 0-1: the problem found (pointer, length), empty when CACI_OK. */
CACI_WASM_API caci_status caci_wasm_index_verify(caci_index *index) {
  caci_str message = {NULL, 0};
  caci_status status = caci_index_verify(index, &message);
  put_str(0, message);
  return status;
}

/** Completions. Word 0: the caci_terms (0 on failure). */
CACI_WASM_API caci_status caci_wasm_index_complete(caci_index *index, const char *prefix,
                                                   uint32_t len, uint32_t n) {
  caci_terms *terms = NULL;
  caci_status status = caci_index_complete(index, prefix, len, n, &terms);
  transfer[0] = ptr_word(terms);
  return status;
}

/** Words 0-1: the i-th term (pointer, length), 2-3: its article count. */
CACI_WASM_API caci_status caci_wasm_terms_get(const caci_terms *terms, uint32_t i) {
  caci_str term = {NULL, 0};
  uint64_t docs = 0;
  caci_status status = caci_terms_get(terms, i, &term, &docs);
  put_str(0, term);
  put_u64(2, docs);
  return status;
}

/** Related articles of the article with id (low, high). Word 0: the caci_results (0 on failure). */
CACI_WASM_API caci_status caci_wasm_index_related(caci_index *index, uint32_t low, uint32_t high,
                                                  uint32_t n) {
  caci_results *results = NULL;
  caci_status status = caci_index_related(index, join_u64(low, high), n, &results);
  transfer[0] = ptr_word(results);
  return status;
}

/** Words 0-1: the j-th "did you mean" query (pointer, length), 2-3: its total. */
CACI_WASM_API caci_status caci_wasm_results_suggestion(const caci_results *results, uint32_t j) {
  caci_str query = {NULL, 0};
  uint64_t total = 0;
  caci_status status = caci_results_suggestion(results, j, &query, &total);
  put_str(0, query);
  put_u64(2, total);
  return status;
}

/** Words 0-1: message (pointer, length), 2: byte offset into the query. */
CACI_WASM_API caci_status caci_wasm_index_error(const caci_index *index) {
  caci_str message = {NULL, 0};
  size_t offset = 0;
  caci_status status = caci_index_error(index, &message, &offset);
  put_str(0, message);
  transfer[2] = (uint32_t)offset;
  return status;
}

/* ----------------------------------------------------------------------------------- Search */

/** Runs a query. Word 0: the caci_results (0 on failure). */
CACI_WASM_API caci_status caci_wasm_index_search(caci_index *index, const char *query,
                                                 uint32_t query_len, uint32_t limit,
                                                 uint32_t offset, uint32_t sort, uint32_t flags,
                                                 uint32_t snippet_bytes) {
  caci_search_options opts = CACI_SEARCH_OPTIONS_INIT;
  caci_results *results = NULL;
  opts.limit = limit;
  opts.offset = offset;
  opts.sort = sort;
  opts.flags = flags;
  opts.snippet_bytes = snippet_bytes;
  caci_status status = caci_index_search(index, query, query_len, &opts, &results);
  transfer[0] = ptr_word(results);
  return status;
}

/** Total hits as a double (exact below 2^53). */
CACI_WASM_API double caci_wasm_results_total(const caci_results *results) {
  return (double)caci_results_total(results);
}

/** Words 0-1: snippet [start, end) byte offsets into the article text (each below 4 GiB). */
CACI_WASM_API caci_status caci_wasm_results_snippet(const caci_results *results, uint32_t i) {
  uint64_t start = 0, end = 0;
  caci_status status = caci_results_snippet(results, i, &start, &end);
  transfer[0] = (uint32_t)start;
  transfer[1] = (uint32_t)end;
  return status;
}

/** Words 0-1: the j-th highlight [start, end) byte offsets into the article text. */
CACI_WASM_API caci_status caci_wasm_results_highlight(const caci_results *results, uint32_t i,
                                                      uint32_t j) {
  uint64_t start = 0, end = 0;
  caci_status status = caci_results_highlight(results, i, j, &start, &end);
  transfer[0] = (uint32_t)start;
  transfer[1] = (uint32_t)end;
  return status;
}

/** Words 0-1: the value (pointer, length); 2-3: its count. */
CACI_WASM_API caci_status caci_wasm_results_facet(const caci_results *results, int facet,
                                                  uint32_t j) {
  caci_str value = {NULL, 0};
  uint64_t count = 0;
  caci_status status = caci_results_facet(results, facet, j, &value, &count);
  put_str(0, value);
  put_u64(2, count);
  return status;
}
