// One document, two threads writing its JSON: caci.h promises that caci_doc_to_json_range() only
// reads the document and gives each thread a piece buffer of its own. caci parse relies on it. The
// ranges written on two threads at once must be, in order, the document's JSON, in both formats.
// scripts/tsan.sh runs this test under ThreadSanitizer, which reports any data race.
#include "caci/caci.h"
#include "sample_pages.hpp"

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

TEST(ConcurrentJson, TwoThreadsWriteRangesOfOneDocument) {
  caci_doc *doc = nullptr;
  ASSERT_EQ(caci_doc_new(nullptr, &doc), CACI_OK);
  // Every sample and fixture page, twice: the second round's articles are duplicates.
  size_t pages = 0;
  for (int round = 0; round < 2; ++round) pages += concurrency_test::parse_sample_pages(doc);
  ASSERT_GT(pages, 20u);
  for (int format : {CACI_JSON, CACI_JSONL}) {
    caci_str whole{};
    ASSERT_EQ(caci_doc_to_json(doc, format, &whole), CACI_OK);
    const std::string expected(whole.ptr, whole.len);
    constexpr size_t kParts = 24;
    std::vector<uint64_t> cursors(kParts + 1);
    ASSERT_EQ(caci_doc_json_split(doc, format, kParts, cursors.data()), CACI_OK);
    std::vector<std::string> ranges(kParts);
    std::vector<int> failures(2, 0);
    auto write = [&](size_t first) {
      for (size_t i = first; i < kParts; i += 2) {
        uint64_t cursor = cursors[i];
        for (;;) {
          caci_str piece{};
          if (caci_doc_to_json_range(doc, format, &cursor, cursors[i + 1], &piece) != CACI_OK) {
            ++failures[first];
            break;
          }
          if (piece.len == 0) break;
          ranges[i].append(piece.ptr, piece.len);
        }
      }
    };
    std::thread other(write, 1);
    write(0);
    other.join();
    EXPECT_EQ(failures[0] + failures[1], 0);
    std::string got;
    for (const std::string &r : ranges) got += r;
    EXPECT_GT(expected.size(), 1000u);
    EXPECT_TRUE(got == expected) << "format " << format;
  }
  caci_doc_free(doc);
}
