// Fuzz target: caci_index_load from arbitrary bytes, then a few searches if it loads.
// Oracles: status is OK, ECORRUPT, EVERSION or ENOMEM; failure leaves *out NULL with a message;
// a loaded index answers queries with consistent results, and save -> load -> save is stable.
#include "fuzz_capi_checks.hpp"

#include "../../core/src/index/index_reseal.hpp"  // reseal_index, to re-seal mutated files

#include <cstring>
#include <string>

using namespace caci_fuzz;

static void search_some(caci_index *index) {
  static const char *const queries[] = {"caspian",
                                        "pipeline energy",
                                        "author:examplewoman",
                                        "\"energy markets\"",
                                        "tbilisi OR kazakhstan",
                                        "year:2002",
                                        "NOT budget",
                                        "a*"};
  caci_search_options opts = CACI_SEARCH_OPTIONS_INIT;
  opts.flags = CACI_SEARCH_FACETS;
  for (const char *q : queries) {
    caci_results *results = nullptr;
    const caci_status st = caci_index_search(index, q, std::strlen(q), &opts, &results);
    FUZZ_CHECK(st == CACI_OK || st == CACI_EQUERY || st == CACI_ENOMEM);
    if (st != CACI_OK) continue;
    FUZZ_CHECK(caci_results_total(results) <= caci_index_article_count(index));
    check_results(results, opts.limit);
    caci_results_free(results);
  }
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  caci_index *index = reinterpret_cast<caci_index *>(&size);  // must be overwritten
  const caci_status st = caci_index_load(data, size, nullptr, &index);
  if (st != CACI_OK) {
    FUZZ_CHECK(st == CACI_ECORRUPT || st == CACI_EVERSION || st == CACI_ENOMEM);
    FUZZ_CHECK(index == nullptr);
    const char *why = caci_last_load_error();
    FUZZ_CHECK(why != nullptr && why[0] != '\0');
    return 0;
  }
  FUZZ_CHECK(index != nullptr);
  search_some(index);
  // Every lazily checked piece (posting pages, text chunks) is read: corrupt ones are reported,
  // never read out of bounds.
  caci_str problem{};
  const caci_status verified = caci_index_verify(index, &problem);
  FUZZ_CHECK(verified == CACI_OK || (verified == CACI_ECORRUPT && problem.len > 0));

  caci_str saved{};
  if (caci_index_save(index, &saved) == CACI_OK) {
    const std::string first(saved.ptr, saved.len);
    caci_index *again = nullptr;
    FUZZ_CHECK(caci_index_load(first.data(), first.size(), nullptr, &again) == CACI_OK);
    FUZZ_CHECK(caci_index_article_count(again) == caci_index_article_count(index));
    caci_str resaved{};
    FUZZ_CHECK(caci_index_save(again, &resaved) == CACI_OK);
    FUZZ_CHECK(std::string(resaved.ptr, resaved.len) == first);
    caci_index_free(again);
  }
  caci_index_free(index);
  return 0;
}

#if defined(CACI_LIBFUZZER)
// Almost every mutation breaks the checksum, and the loader rightly rejects such files before it
// looks at their structure. Re-sealing most mutants (length and checksum fixed up, as a writer
// would) lets the fuzzer reach the section decoders; the rest still test the checksum itself.
extern "C" size_t LLVMFuzzerMutate(uint8_t *data, size_t size, size_t max_size);
extern "C" size_t LLVMFuzzerCustomMutator(uint8_t *data, size_t size, size_t max_size,
                                          unsigned int seed) {
  size = LLVMFuzzerMutate(data, size, max_size);
  if ((seed & 3u) != 0 && size >= 32 && std::memcmp(data, "CACIIDX", 8) == 0) {
    for (int i = 0; i < 8; ++i)
      data[16 + i] = static_cast<uint8_t>(static_cast<uint64_t>(size) >> (8 * i));
    std::string bytes(reinterpret_cast<const char *>(data), size);
    caci::detail::reseal_index(bytes);
    std::memcpy(data, bytes.data(), size);
  }
  return size;
}
#endif
