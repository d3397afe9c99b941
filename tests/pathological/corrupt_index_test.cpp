// Corrupted index files: a small index built through the C API is saved, then loaded truncated at
// every offset (all must fail with CACI_ECORRUPT or CACI_EVERSION) and with thousands of
// deterministic random byte flips (each must be rejected with one of those statuses, or load and
// answer queries with valid results). Runs under ASan through scripts/asan.sh.
#include "fuzz_capi_checks.hpp"
#include "fuzz_fixture.hpp"

#include <gtest/gtest.h>

#include <cstring>
#include <random>
#include <string>

namespace {

const char *const kQueries[] = {
    "caspian",         "energy markets", "author:examplewoman", "\"pipeline politics\"",
    "tbilisi OR silk", "NOT budget",     "year:2002",           "caf\xc3\xa9"};

std::string saved_fixture() {
  caci_index *index = caci_fuzz::build_fixture_index();
  if (index == nullptr) return {};
  caci_str bytes{};
  std::string out;
  if (caci_index_save(index, &bytes) == CACI_OK) out.assign(bytes.ptr, bytes.len);
  caci_index_free(index);
  return out;
}

bool rejected_cleanly(caci_status st, caci_index *index) {
  return (st == CACI_ECORRUPT || st == CACI_EVERSION) && index == nullptr &&
         caci_last_load_error() != nullptr && caci_last_load_error()[0] != '\0';
}

// A loaded (possibly damaged but accepted) index must still behave.
void exercise(caci_index *index) {
  caci_search_options opts = CACI_SEARCH_OPTIONS_INIT;
  opts.flags = CACI_SEARCH_FACETS;
  for (const char *q : kQueries) {
    caci_results *results = nullptr;
    const caci_status st = caci_index_search(index, q, std::strlen(q), &opts, &results);
    ASSERT_TRUE(st == CACI_OK || st == CACI_EQUERY) << q << ": " << caci_status_str(st);
    if (st == CACI_OK) caci_fuzz::check_results(results, opts.limit);
    caci_results_free(results);
  }
  caci_str again{};
  EXPECT_EQ(caci_index_save(index, &again), CACI_OK);
}

class CorruptIndex : public ::testing::Test {
protected:
  void SetUp() override {
    bytes_ = saved_fixture();
    ASSERT_FALSE(bytes_.empty()) << "could not build and save the fixture index";
  }
  std::string bytes_;
};

}  // namespace

TEST_F(CorruptIndex, IntactFileLoads) {
  caci_index *index = nullptr;
  ASSERT_EQ(caci_index_load(bytes_.data(), bytes_.size(), nullptr, &index), CACI_OK);
  EXPECT_GE(caci_index_article_count(index), 2u);
  exercise(index);
  caci_index_free(index);
}

TEST_F(CorruptIndex, TruncatedAtEveryOffset) {
  size_t failures = 0;
  for (size_t len = 0; len < bytes_.size(); ++len) {
    // An exact-size heap copy, so ASan sees any read past the truncated end.
    std::unique_ptr<char[]> copy(new char[len + 1]);
    std::memcpy(copy.get(), bytes_.data(), len);
    caci_index *index = reinterpret_cast<caci_index *>(copy.get());
    const caci_status st = caci_index_load(len ? copy.get() : nullptr, len, nullptr, &index);
    if (!rejected_cleanly(st, index)) {
      if (++failures <= 10)
        ADD_FAILURE() << "truncated to " << len << " of " << bytes_.size()
                      << " bytes: " << caci_status_str(st);
      if (st == CACI_OK) caci_index_free(index);
    }
  }
  EXPECT_EQ(failures, 0u);
  std::printf("[ corrupt ] %zu truncations rejected\n", bytes_.size());
}

TEST_F(CorruptIndex, TrailingGarbageIsRejectedOrHarmless) {
  for (const char *tail : {"x", "\0\0\0\0", "CACI"}) {
    std::string longer = bytes_ + std::string(tail, std::strlen(tail) ? std::strlen(tail) : 4);
    caci_index *index = nullptr;
    const caci_status st = caci_index_load(longer.data(), longer.size(), nullptr, &index);
    if (st == CACI_OK) {
      exercise(index);
      caci_index_free(index);
    } else {
      EXPECT_TRUE(rejected_cleanly(st, index)) << caci_status_str(st);
    }
  }
}

TEST_F(CorruptIndex, RandomByteFlips) {
  std::mt19937_64 rng(20251123);
  size_t loaded = 0, rejected = 0, bad = 0;
  for (int trial = 0; trial < 6000; ++trial) {
    std::string damaged = bytes_;
    const int flips = trial < 3000 ? 1 : 1 + static_cast<int>(rng() % 8);
    for (int k = 0; k < flips; ++k) {
      const size_t at = rng() % damaged.size();
      const auto mask = static_cast<unsigned char>(1 + rng() % 255);
      damaged[at] = static_cast<char>(static_cast<unsigned char>(damaged[at]) ^ mask);
    }
    caci_index *index = nullptr;
    const caci_status st = caci_index_load(damaged.data(), damaged.size(), nullptr, &index);
    if (st == CACI_OK) {
      ++loaded;
      ASSERT_NE(index, nullptr);
      exercise(index);
      caci_index_free(index);
    } else if (rejected_cleanly(st, index)) {
      ++rejected;
    } else if (++bad <= 10) {
      ADD_FAILURE() << "trial " << trial << ": " << caci_status_str(st);
    }
    if (HasFatalFailure()) return;
  }
  EXPECT_EQ(bad, 0u);
  std::printf("[ corrupt ] 6000 damaged files: %zu rejected, %zu loaded and behaved\n", rejected,
              loaded);
}

TEST_F(CorruptIndex, OverwrittenRanges) {
  std::mt19937_64 rng(7);
  for (int trial = 0; trial < 500; ++trial) {
    std::string damaged = bytes_;
    const size_t at = rng() % damaged.size();
    const size_t len = std::min<size_t>(1 + rng() % 64, damaged.size() - at);
    const char fill = static_cast<char>(trial % 3 == 0 ? 0x00 : trial % 3 == 1 ? 0xFF : rng());
    std::memset(&damaged[at], fill, len);
    caci_index *index = nullptr;
    const caci_status st = caci_index_load(damaged.data(), damaged.size(), nullptr, &index);
    if (st == CACI_OK) {
      exercise(index);
      caci_index_free(index);
    } else {
      EXPECT_TRUE(rejected_cleanly(st, index)) << "trial " << trial << ": " << caci_status_str(st);
    }
    if (HasFailure()) return;
  }
}
