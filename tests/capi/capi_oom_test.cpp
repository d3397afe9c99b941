// Out of memory is a status, never a crash or an exception across the ABI, and a failed call
// leaves its handle as it was. This test binary replaces the global operator new (libcaci's
// allocations resolve to it too) with one that can be told to fail after N allocations, then runs
// each call with N = 0, 1, 2, ... until it succeeds.
#include "capi_fixtures.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <cstring>
#include <new>
#include <string>

namespace {
std::atomic<long> g_allocations_left{-1};  // < 0: never fail

void *allocate(std::size_t n) {
  long left = g_allocations_left.load(std::memory_order_relaxed);
  if (left >= 0) {
    if (left == 0) throw std::bad_alloc();
    g_allocations_left.store(left - 1, std::memory_order_relaxed);
  }
  void *p = std::malloc(n ? n : 1);
  if (!p) throw std::bad_alloc();
  return p;
}

// Fails the allocation after the next `n` while alive.
struct FailAfter {
  explicit FailAfter(long n) { g_allocations_left = n; }
  ~FailAfter() { g_allocations_left = -1; }
};
}  // namespace

void *operator new(std::size_t n) {
  return allocate(n);
}
void *operator new[](std::size_t n) {
  return allocate(n);
}
void *operator new(std::size_t n, const std::nothrow_t &) noexcept {
  try {
    return allocate(n);
  } catch (...) {
    return nullptr;
  }
}
void *operator new[](std::size_t n, const std::nothrow_t &) noexcept {
  try {
    return allocate(n);
  } catch (...) {
    return nullptr;
  }
}
void operator delete(void *p) noexcept {
  std::free(p);
}
void operator delete[](void *p) noexcept {
  std::free(p);
}
void operator delete(void *p, std::size_t) noexcept {
  std::free(p);
}
void operator delete[](void *p, std::size_t) noexcept {
  std::free(p);
}

namespace {

using capi_test::kPage;
using capi_test::view;

std::string json_of(caci_doc *doc) {
  caci_str j{};
  EXPECT_EQ(caci_doc_to_json(doc, CACI_JSON, &j), CACI_OK);
  return std::string(view(j));
}

constexpr long kMaxSteps = 20000;

// Memory checkers (valgrind) replace operator new themselves, so injection cannot work there.
bool injection_works() {
  FailAfter fail(0);
  try {
    void *volatile p = ::operator new(16);
    ::operator delete(p);
    return false;
  } catch (const std::bad_alloc &) {
    return true;
  }
}

#define REQUIRE_INJECTION()                                                                        \
  if (!injection_works()) GTEST_SKIP() << "operator new is replaced by a memory checker"

TEST(CapiOutOfMemory, ParseFailsCleanlyAndLeavesTheDocumentUnchanged) {
  REQUIRE_INJECTION();
  caci_doc *doc = nullptr;
  ASSERT_EQ(caci_doc_new(nullptr, &doc), CACI_OK);
  ASSERT_EQ(caci_doc_parse(doc, "first.txt", 9, kPage, std::strlen(kPage)), CACI_OK);
  const std::string before = json_of(doc);
  long step = 0;
  int failures = 0;
  for (; step < kMaxSteps; ++step) {
    caci_status st;
    {
      FailAfter fail(step);
      st = caci_doc_parse(doc, "second.txt", 10, kPage, std::strlen(kPage));
    }
    if (st == CACI_OK) break;
    ASSERT_EQ(st, CACI_ENOMEM) << "step " << step;
    ++failures;
    ASSERT_EQ(json_of(doc), before) << "document changed by a failed parse at step " << step;
  }
  ASSERT_LT(step, kMaxSteps);
  EXPECT_GT(failures, 0);
  // After the successful retry, the second page's articles are duplicates of the first's.
  caci_stats s;
  ASSERT_EQ(caci_doc_stats(doc, &s), CACI_OK);
  EXPECT_EQ(s.duplicates, caci_doc_article_count(doc));
  EXPECT_EQ(s.bytes, 2 * std::strlen(kPage));
  caci_doc_free(doc);
}

TEST(CapiOutOfMemory, ConstructorsReturnEnomemAndNull) {
  REQUIRE_INJECTION();
  for (long step = 0; step < 3; ++step) {
    caci_doc *doc = reinterpret_cast<caci_doc *>(&step);
    caci_index *index = reinterpret_cast<caci_index *>(&step);
    caci_status ds, is;
    {
      FailAfter fail(0);
      ds = caci_doc_new(nullptr, &doc);
    }
    {
      FailAfter fail(0);
      is = caci_index_new(nullptr, &index);
    }
    EXPECT_EQ(ds, CACI_ENOMEM);
    EXPECT_EQ(doc, nullptr);
    EXPECT_EQ(is, CACI_ENOMEM);
    EXPECT_EQ(index, nullptr);
  }
}

TEST(CapiOutOfMemory, JsonReportsEnomem) {
  REQUIRE_INJECTION();
  capi_test::Doc d(kPage);
  ASSERT_EQ(d.status, CACI_OK);
  const std::string expected = json_of(d.doc);
  long step = 0;
  for (; step < kMaxSteps; ++step) {
    caci_str j{};
    caci_status st;
    {
      FailAfter fail(step);
      st = caci_doc_to_json(d.doc, CACI_JSON, &j);
    }
    if (st == CACI_OK) {
      EXPECT_EQ(view(j), expected);
      break;
    }
    ASSERT_EQ(st, CACI_ENOMEM);
    EXPECT_EQ(j.ptr, nullptr);
  }
  ASSERT_LT(step, kMaxSteps);
}

// Searching "georgia" finds exactly the one article that mentions it.
void expect_index_intact(caci_index *index, const char *when) {
  caci_results *r = nullptr;
  ASSERT_EQ(caci_index_search(index, "georgia", 7, nullptr, &r), CACI_OK) << when;
  EXPECT_EQ(caci_results_total(r), 1u) << "index inconsistent " << when;
  caci_results_free(r);
}

TEST(CapiOutOfMemory, FailedTakeLeavesAnEmptyUsableIndex) {
  REQUIRE_INJECTION();
  long step = 0;
  for (; step < kMaxSteps; ++step) {
    capi_test::Doc d(kPage);
    ASSERT_EQ(d.status, CACI_OK);
    const size_t expected = caci_doc_article_count(d.doc);
    caci_index *index = nullptr;
    ASSERT_EQ(caci_index_new(nullptr, &index), CACI_OK);
    caci_status st;
    size_t added = 99;
    {
      FailAfter fail(step);
      st = caci_index_take_doc(index, d.doc, &added);
    }
    if (st == CACI_OK) {
      EXPECT_EQ(added, expected);
      EXPECT_EQ(caci_index_article_count(index), expected);
      expect_index_intact(index, "after a take that succeeded");
      caci_index_free(index);
      break;
    }
    ASSERT_EQ(st, CACI_ENOMEM) << "step " << step;
    EXPECT_EQ(added, 0u);
    EXPECT_EQ(caci_index_article_count(index), 0u) << "step " << step;
    caci_index_free(index);
  }
  ASSERT_LT(step, kMaxSteps);
}

// The same with the text compressed while the index is built (on a second thread too).
TEST(CapiOutOfMemory, FailedTakeForSaveLeavesAnEmptyUsableIndex) {
  REQUIRE_INJECTION();
  for (uint32_t threads : {1u, 2u}) {
    long step = 0;
    for (; step < kMaxSteps; ++step) {
      capi_test::Doc d(kPage);
      ASSERT_EQ(d.status, CACI_OK);
      const size_t expected = caci_doc_article_count(d.doc);
      caci_index *index = nullptr;
      ASSERT_EQ(caci_index_new(nullptr, &index), CACI_OK);
      caci_save_options opts = CACI_SAVE_OPTIONS_INIT;
      opts.threads = threads;
      caci_status st;
      size_t added = 99;
      {
        FailAfter fail(step);
        st = caci_index_take_doc_with(index, d.doc, &opts, &added);
      }
      if (st == CACI_OK) {
        EXPECT_EQ(added, expected);
        EXPECT_EQ(caci_index_article_count(index), expected);
        expect_index_intact(index, "after a take that succeeded");
        caci_index_free(index);
        break;
      }
      ASSERT_EQ(st, CACI_ENOMEM) << "step " << step << " threads " << threads;
      EXPECT_EQ(added, 0u);
      EXPECT_EQ(caci_index_article_count(index), 0u) << "step " << step;
      caci_index_free(index);
    }
    ASSERT_LT(step, kMaxSteps);
  }
}

TEST(CapiOutOfMemory, FailedAddLeavesTheIndexConsistent) {
  REQUIRE_INJECTION();
  capi_test::Doc d(kPage);
  ASSERT_EQ(d.status, CACI_OK);
  caci_index *index = nullptr;
  ASSERT_EQ(caci_index_new(nullptr, &index), CACI_OK);
  long step = 0;
  for (; step < kMaxSteps; ++step) {
    caci_status st;
    {
      FailAfter fail(step);
      st = caci_index_add_doc(index, d.doc, nullptr);
    }
    if (st == CACI_OK) break;
    ASSERT_EQ(st, CACI_ENOMEM) << "step " << step;
  }
  ASSERT_LT(step, kMaxSteps);
  EXPECT_EQ(caci_index_article_count(index), caci_doc_article_count(d.doc));
  expect_index_intact(index, "after adds that ran out of memory");
  caci_index_free(index);
}

TEST(CapiOutOfMemory, FailedSearchAndSaveLeaveTheIndexUsable) {
  REQUIRE_INJECTION();
  capi_test::Index idx;
  ASSERT_EQ(idx.status, CACI_OK);
  long step = 0;
  for (; step < kMaxSteps; ++step) {
    caci_results *r = nullptr;
    caci_search_options so = CACI_SEARCH_OPTIONS_INIT;
    so.flags = CACI_SEARCH_FACETS;
    caci_status st;
    {
      FailAfter fail(step);
      st = caci_index_search(idx.index, "georgia OR pipeline*", 20, &so, &r);
    }
    if (st == CACI_OK) {
      EXPECT_GE(caci_results_total(r), 2u);
      caci_results_free(r);
      break;
    }
    ASSERT_EQ(st, CACI_ENOMEM) << "step " << step;
    EXPECT_EQ(r, nullptr);
  }
  ASSERT_LT(step, kMaxSteps);
  expect_index_intact(idx.index, "after searches that ran out of memory");

  for (step = 0; step < kMaxSteps; ++step) {
    caci_str bytes{};
    caci_status st;
    {
      FailAfter fail(step);
      st = caci_index_save(idx.index, &bytes);
    }
    if (st == CACI_OK) break;
    ASSERT_EQ(st, CACI_ENOMEM) << "step " << step;
  }
  ASSERT_LT(step, kMaxSteps);
  expect_index_intact(idx.index, "after saves that ran out of memory");
}

// caci_doc_append: out of memory anywhere, neither document changes; the retry then merges.
TEST(CapiOutOfMemory, FailedAppendLeavesBothDocumentsUnchanged) {
  REQUIRE_INJECTION();
  caci_doc *dst = nullptr, *src = nullptr;
  ASSERT_EQ(caci_doc_new(nullptr, &dst), CACI_OK);
  ASSERT_EQ(caci_doc_new(nullptr, &src), CACI_OK);
  ASSERT_EQ(caci_doc_parse(dst, "first.txt", 9, kPage, std::strlen(kPage)), CACI_OK);
  ASSERT_EQ(caci_doc_parse(src, "second.txt", 10, kPage, std::strlen(kPage)), CACI_OK);
  const char *other = capi_test::kPageInvalidUtf8;
  ASSERT_EQ(caci_doc_parse(src, "third.txt", 9, other, std::strlen(other)), CACI_OK);
  const std::string dst_before = json_of(dst), src_before = json_of(src);
  const size_t articles = caci_doc_article_count(dst) + caci_doc_article_count(src);
  long step = 0;
  int failures = 0;
  for (; step < kMaxSteps; ++step) {
    caci_status st;
    {
      FailAfter fail(step);
      st = caci_doc_append(dst, src);
    }
    if (st == CACI_OK) break;
    ASSERT_EQ(st, CACI_ENOMEM) << "step " << step;
    ++failures;
    ASSERT_EQ(json_of(dst), dst_before) << "destination changed by a failed append, step " << step;
    ASSERT_EQ(json_of(src), src_before) << "source changed by a failed append, step " << step;
  }
  ASSERT_LT(step, kMaxSteps);
  EXPECT_GT(failures, 0);
  // The second page's articles were merged into the first's.
  caci_stats s;
  ASSERT_EQ(caci_doc_stats(dst, &s), CACI_OK);
  EXPECT_EQ(s.duplicates, caci_doc_article_count(dst) - 1);
  EXPECT_EQ(caci_doc_article_count(dst), articles - s.duplicates);
  EXPECT_EQ(caci_doc_article_count(src), 0u);
  caci_doc_free(dst);
  caci_doc_free(src);
}

}  // namespace
