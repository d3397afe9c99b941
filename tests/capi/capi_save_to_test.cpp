// caci_index_save_to(): the index file streamed through a write callback is byte for byte what
// caci_index_save_with() returns; a failing callback stops the save with CACI_EIO and leaves the
// index as it was.
#include "capi_fixtures.hpp"

#include <gtest/gtest.h>

#include <cstring>
#include <string>

namespace {

using capi_test::Doc;
using capi_test::Index;
using capi_test::kPage;
using capi_test::view;

// Collects what caci_index_save_to() writes; fails the call numbered fail_at (1-based; 0: never).
struct Collector {
  std::string bytes;
  size_t calls = 0;
  size_t fail_at = 0;
  size_t calls_after_failure = 0;
  bool failed = false;

  static int write(void *self, const void *data, size_t len) {
    auto &c = *static_cast<Collector *>(self);
    if (c.failed) ++c.calls_after_failure;
    ++c.calls;
    if (len == 0) return 1;  // never asked for: pieces are non-empty
    if (c.calls == c.fail_at) {
      c.failed = true;
      return -1;
    }
    c.bytes.append(static_cast<const char *>(data), len);
    return 0;
  }
};

std::string saved_with(caci_index *index, const caci_save_options *opts) {
  caci_str out;
  EXPECT_EQ(caci_index_save_with(index, opts, &out), CACI_OK);
  return std::string(view(out));
}

}  // namespace

TEST(CapiSaveTo, StreamsTheBytesOfSaveWith) {
  Index idx;
  ASSERT_EQ(idx.status, CACI_OK);
  Collector c;
  ASSERT_EQ(caci_index_save_to(idx.index, nullptr, &Collector::write, &c), CACI_OK);
  EXPECT_GT(c.calls, 1u);  // pieces, not one buffer
  EXPECT_EQ(c.bytes, saved_with(idx.index, nullptr));

  caci_save_options opts = CACI_SAVE_OPTIONS_INIT;
  opts.flags = CACI_SAVE_OMIT_TEXT;
  Collector search_only;
  ASSERT_EQ(caci_index_save_to(idx.index, &opts, &Collector::write, &search_only), CACI_OK);
  EXPECT_EQ(search_only.bytes, saved_with(idx.index, &opts));
  EXPECT_LT(search_only.bytes.size(), c.bytes.size());
}

TEST(CapiSaveTo, AnAdoptedDocumentAndAnOpenedFileStreamTheSameBytes) {
  Index added;
  ASSERT_EQ(added.status, CACI_OK);
  const std::string want = saved_with(added.index, nullptr);

  Doc d(kPage);
  ASSERT_EQ(d.status, CACI_OK);
  caci_index *taken = nullptr;
  ASSERT_EQ(caci_index_new(nullptr, &taken), CACI_OK);
  ASSERT_EQ(caci_index_take_doc(taken, d.doc, nullptr), CACI_OK);
  Collector c;
  ASSERT_EQ(caci_index_save_to(taken, nullptr, &Collector::write, &c), CACI_OK);
  EXPECT_EQ(c.bytes, want);
  caci_index_free(taken);

  caci_index *loaded = nullptr;
  ASSERT_EQ(caci_index_load(want.data(), want.size(), nullptr, &loaded), CACI_OK);
  Collector again;
  ASSERT_EQ(caci_index_save_to(loaded, nullptr, &Collector::write, &again), CACI_OK);
  EXPECT_EQ(again.bytes, want);
  caci_index_free(loaded);
}

TEST(CapiSaveTo, AFailingWriteGivesEioAndLeavesTheIndexAsItWas) {
  Index idx;
  ASSERT_EQ(idx.status, CACI_OK);
  Collector whole;
  ASSERT_EQ(caci_index_save_to(idx.index, nullptr, &Collector::write, &whole), CACI_OK);
  for (size_t fail_at = 1; fail_at <= whole.calls; ++fail_at) {
    Collector c;
    c.fail_at = fail_at;
    EXPECT_EQ(caci_index_save_to(idx.index, nullptr, &Collector::write, &c), CACI_EIO) << fail_at;
    EXPECT_EQ(c.calls, fail_at);  // nothing more after the failure
    EXPECT_EQ(c.calls_after_failure, 0u);
    EXPECT_LT(c.bytes.size(), whole.bytes.size());
    // The index is unchanged: it searches and saves as before.
    EXPECT_EQ(caci_index_article_count(idx.index), 3u);
    caci_results *r = nullptr;
    ASSERT_EQ(caci_index_search(idx.index, "Georgia", 7, nullptr, &r), CACI_OK);
    EXPECT_GT(caci_results_count(r), 0u);
    caci_results_free(r);
    Collector after;
    ASSERT_EQ(caci_index_save_to(idx.index, nullptr, &Collector::write, &after), CACI_OK);
    EXPECT_EQ(after.bytes, whole.bytes);
  }
}

TEST(CapiSaveTo, ArgumentsAreChecked) {
  Index idx;
  ASSERT_EQ(idx.status, CACI_OK);
  Collector c;
  EXPECT_EQ(caci_index_save_to(nullptr, nullptr, &Collector::write, &c), CACI_EINVAL);
  EXPECT_EQ(caci_index_save_to(idx.index, nullptr, nullptr, &c), CACI_EINVAL);
  caci_save_options opts = CACI_SAVE_OPTIONS_INIT;
  opts.version = 99;
  EXPECT_EQ(caci_index_save_to(idx.index, &opts, &Collector::write, &c), CACI_EVERSION);
  opts = CACI_SAVE_OPTIONS_INIT;
  opts.flags = 0x80u;
  EXPECT_EQ(caci_index_save_to(idx.index, &opts, &Collector::write, &c), CACI_EINVAL);
  EXPECT_EQ(c.calls, 0u);
  // userdata is the caller's: NULL is passed through.
  auto count = [](void *, const void *, size_t) -> int { return 0; };
  EXPECT_EQ(caci_index_save_to(idx.index, nullptr, count, nullptr), CACI_OK);
}

// caci_save_options version 2 adds `threads`; version 1 callers (a struct without it) work as
// before, and the bytes are the same whatever the thread count.
TEST(CapiSaveTo, ThreadsAndVersion1OptionsWriteTheSameBytes) {
  Index idx;
  ASSERT_EQ(idx.status, CACI_OK);
  const std::string want = saved_with(idx.index, nullptr);
  caci_save_options opts;
  ASSERT_EQ(caci_save_options_init(&opts, CACI_SAVE_OPTIONS_VERSION), CACI_OK);
  EXPECT_EQ(opts.threads, 0u);
  for (uint32_t threads : {0u, 1u, 2u, 4u, 100000u}) {
    opts.threads = threads;
    EXPECT_EQ(saved_with(idx.index, &opts), want) << threads;
    Collector c;
    ASSERT_EQ(caci_index_save_to(idx.index, &opts, &Collector::write, &c), CACI_OK);
    EXPECT_EQ(c.bytes, want) << threads;
  }
  // A version 1 caller's struct: two fields, then whatever lies after it (never read).
  struct {
    caci_save_options v1;
  } old_caller;
  std::memset(&old_caller, 0xAB, sizeof old_caller);
  ASSERT_EQ(caci_save_options_init(&old_caller.v1, 1), CACI_OK);
  EXPECT_EQ(old_caller.v1.version, 1u);
  EXPECT_EQ(old_caller.v1.flags, 0u);
  EXPECT_EQ(old_caller.v1.threads, 0xABABABABu) << "init wrote past a version 1 struct";
  EXPECT_EQ(saved_with(idx.index, &old_caller.v1), want);
  old_caller.v1.flags = CACI_SAVE_OMIT_TEXT;
  opts.threads = 0;
  opts.flags = CACI_SAVE_OMIT_TEXT;
  EXPECT_EQ(saved_with(idx.index, &old_caller.v1), saved_with(idx.index, &opts));
  EXPECT_EQ(caci_save_options_init(&opts, 3), CACI_EVERSION);
  opts.version = 3;
  caci_str out;
  EXPECT_EQ(caci_index_save_with(idx.index, &opts, &out), CACI_EVERSION);
}
