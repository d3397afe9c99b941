// Fuzz target: query parsing and search over a small fixed index (built once from a made-up page).
// The first byte selects options: bits 0-1 sort, bit 2 facets, bit 3 no snippets, bits 4-5 limit
// (0, 1, 3, 10), bits 6-7 offset (0, 1, 2, 50). The rest is the query.
// Oracles: status is OK or EQUERY; EQUERY leaves *out NULL and gives a message and an offset inside
// the query; results stay inside their articles' text; facets are sorted by count.
#include "fuzz_capi_checks.hpp"
#include "fuzz_fixture.hpp"

using namespace caci_fuzz;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static caci_index *index = build_fixture_index();
  if (index == nullptr || size == 0) return 0;
  static const uint32_t limits[4] = {0, 1, 3, 10};
  static const uint32_t offsets[4] = {0, 1, 2, 50};
  caci_search_options opts = CACI_SEARCH_OPTIONS_INIT;
  opts.sort = data[0] & 3;
  if (opts.sort > CACI_SORT_DATE_ASC) opts.sort = CACI_SORT_RELEVANCE;
  if (data[0] & 4) opts.flags |= CACI_SEARCH_FACETS;
  if (data[0] & 8) opts.flags |= CACI_SEARCH_NO_SNIPPETS;
  opts.limit = limits[(data[0] >> 4) & 3];
  opts.offset = offsets[(data[0] >> 6) & 3];
  const char *query = reinterpret_cast<const char *>(data) + 1;
  const size_t query_len = size - 1;

  caci_results *results = nullptr;
  const caci_status st = caci_index_search(index, query, query_len, &opts, &results);
  if (st == CACI_ENOMEM) return 0;
  if (st == CACI_EQUERY) {
    FUZZ_CHECK(results == nullptr);
    caci_str message{};
    size_t offset = SIZE_MAX;
    FUZZ_CHECK(caci_index_error(index, &message, &offset) == CACI_OK);
    FUZZ_CHECK(str_ok(message) && message.len > 0);
    FUZZ_CHECK(offset <= query_len);
    return 0;
  }
  FUZZ_CHECK(st == CACI_OK);
  FUZZ_CHECK(results != nullptr);
  FUZZ_CHECK(caci_results_total(results) <= caci_index_article_count(index));
  check_results(results, opts.limit);
  caci_results_free(results);
  return 0;
}
