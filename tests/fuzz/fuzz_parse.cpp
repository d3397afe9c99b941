// Fuzz target: caci_doc_parse + caci_doc_to_json. The first byte selects options: bit 0 strict,
// bit 1 fold quotes, bit 2 split the rest into two files at (byte >> 3) / 31 of its length.
// Oracles: statuses, byte accounting (stats add up to the input), spans inside their file, every
// view valid UTF-8, JSON and JSONL output syntactically valid; split in two, the two files parsed
// into two documents and appended give the same JSON as one document.
#include "fuzz_capi_checks.hpp"

#include <string>
#include <string_view>

using namespace caci_fuzz;

static void parse_part(caci_doc *doc, bool strict, std::string_view name, std::string_view bytes,
                       uint64_t *parsed_bytes) {
  const caci_status st = caci_doc_parse(doc, name.data(), name.size(), bytes.data(), bytes.size());
  if (st == CACI_ENOMEM) return;
  const bool valid = utf8_valid(bytes);
  if (strict && !valid)
    FUZZ_CHECK(st == CACI_EUTF8);
  else
    FUZZ_CHECK(st == CACI_OK);
  *parsed_bytes += bytes.size();
}

static void check_append_matches(const caci_parse_options &opts, bool strict,
                                 std::string_view first, std::string_view second,
                                 const std::string &single_json) {
  caci_doc *a = nullptr, *b = nullptr;
  if (caci_doc_new(&opts, &a) == CACI_OK && caci_doc_new(&opts, &b) == CACI_OK) {
    uint64_t ignored = 0;
    parse_part(a, strict, "first.txt", first, &ignored);
    parse_part(b, strict, "second.txt", second, &ignored);
    caci_str json{};
    if (caci_doc_append(a, b) == CACI_OK) {
      FUZZ_CHECK(caci_doc_article_count(b) == 0);
      if (caci_doc_to_json(a, CACI_JSON, &json) == CACI_OK)
        FUZZ_CHECK(std::string_view(json.ptr, json.len) == single_json);
    }
  }
  caci_doc_free(b);
  caci_doc_free(a);
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size == 0) return 0;
  const uint8_t mode = data[0];
  const std::string_view input(reinterpret_cast<const char *>(data) + 1, size - 1);
  caci_parse_options opts = CACI_PARSE_OPTIONS_INIT;
  const bool strict = mode & 1;
  if (strict) opts.flags |= CACI_PARSE_STRICT;
  if (mode & 2) opts.flags |= CACI_PARSE_FOLD_QUOTES;

  caci_doc *doc = nullptr;
  if (caci_doc_new(&opts, &doc) != CACI_OK) return 0;
  uint64_t parsed = 0;
  size_t sizes[2] = {input.size(), 0};
  if (mode & 4) {
    const size_t cut = input.size() * (mode >> 3) / 31;
    parse_part(doc, strict, "first.txt", input.substr(0, cut), &parsed);
    parse_part(doc, strict, "second.txt", input.substr(cut), &parsed);
    sizes[0] = cut;
    sizes[1] = input.size() - cut;
  } else {
    parse_part(doc, strict, "page.txt", input, &parsed);
  }

  caci_stats stats{};
  FUZZ_CHECK(caci_doc_stats(doc, &stats) == CACI_OK);
  FUZZ_CHECK(stats.bytes == parsed);
  FUZZ_CHECK(stats.bytes ==
             stats.bytes_articles + stats.bytes_boilerplate + stats.bytes_unclassified);
  const size_t articles = caci_doc_article_count(doc);
  FUZZ_CHECK(stats.articles == articles);
  for (size_t i = 0; i < articles; ++i) {
    const caci_article *a = caci_doc_article(doc, i);
    check_article(a);
    const caci_source src = caci_article_source(a);
    const size_t file_size =
        std::string_view(src.file.ptr, src.file.len) == "second.txt" ? sizes[1] : sizes[0];
    FUZZ_CHECK(src.byte_end <= file_size);
    FUZZ_CHECK(src.line >= 1);
  }
  FUZZ_CHECK(caci_doc_article(doc, articles) == nullptr);
  for (size_t i = 0, n = caci_doc_diagnostic_count(doc); i < n; ++i) {
    caci_diagnostic d{};
    FUZZ_CHECK(caci_doc_diagnostic(doc, i, &d) == CACI_OK);
    FUZZ_CHECK(str_ok(d.file) && str_ok(d.code) && str_ok(d.message) && d.code.len > 0);
    FUZZ_CHECK(d.line >= 1 && d.column >= 1);
    FUZZ_CHECK(d.byte_start <= d.byte_end && d.byte_end <= input.size());
    FUZZ_CHECK(d.severity == CACI_SEVERITY_WARNING || d.severity == CACI_SEVERITY_ERROR);
  }

  caci_str json{};
  if (caci_doc_to_json(doc, CACI_JSON, &json) == CACI_OK) {
    FUZZ_CHECK(json.ptr != nullptr);
    FUZZ_CHECK(json_valid(std::string_view(json.ptr, json.len)));
    // The two files parsed into documents of their own and appended give the single parse's JSON
    // (caci_doc_append: how `caci parse --threads 2` merges its batches).
    if (mode & 4)
      check_append_matches(opts, strict, input.substr(0, sizes[0]), input.substr(sizes[0]),
                           std::string(json.ptr, json.len));
  }
  caci_str jsonl{};
  if (caci_doc_to_json(doc, CACI_JSONL, &jsonl) == CACI_OK) {
    FUZZ_CHECK(jsonl_valid(std::string_view(jsonl.ptr, jsonl.len)));
  }
  caci_doc_clear(doc);
  FUZZ_CHECK(caci_doc_article_count(doc) == 0);
  caci_doc_free(doc);
  return 0;
}
