// TextChunkStream (issue 13): while an index is built, its text is compressed on a second thread,
// and finish() compresses chunks from the end on the caller's thread until the two meet. However
// the work splits, the sections must be exactly LazyText::encode's for the same text, and the text
// must read back. scripts/tsan.sh runs these under ThreadSanitizer.
#include "../../core/src/index/text_stream.hpp"

#include <gtest/gtest.h>

#include <random>
#include <string>

using namespace caci;
using namespace caci::detail;

namespace {

// Words in a skewed mix, as article text is: compressible, but not trivially.
std::string sample_text(size_t bytes, unsigned seed) {
  static const char *const kWords[] = {"the",     "of",      "security", "Kazakhstan", "pipeline",
                                       "Baku",    "energy",  "region",   "elections",  "border",
                                       "Tbilisi", "Caspian", "trade",    "water",      "Bishkek"};
  std::mt19937 rng(seed);
  std::string t;
  t.reserve(bytes + 32);
  while (t.size() < bytes) {
    const unsigned r = rng();
    t += kWords[(r % 15) * (r % 15) / 15];
    t += (r >> 8) % 13 == 0 ? ".\n" : " ";
    if ((r >> 12) % 7 == 0) t += std::to_string(r % 1000) + " ";
  }
  t.resize(bytes);
  return t;
}

struct Streamed {
  std::string table, data;
  std::string text;  // read back through the LazyText
};

// `consume_steps`: how many consumed() calls the caller makes before finish() (0: finish at once,
// so the caller's thread compresses from the end while the other starts from the front).
Streamed stream(const std::string &original, unsigned threads, unsigned consume_steps) {
  std::string text = original;  // the stream releases pages of it
  TextChunkStream s;
  Streamed out;
  EXPECT_EQ(s.start(text, threads), Status::ok);
  for (unsigned i = 1; i <= consume_steps; ++i) s.consumed(text.size() / (consume_steps + 1) * i);
  std::shared_ptr<const LazyText> lazy;
  EXPECT_EQ(s.finish(lazy), Status::ok);
  if (!lazy) return out;
  out.table = std::string(lazy->table_section());
  out.data = std::string(lazy->data_section());
  out.text = std::string(lazy->text(TextRef{0, static_cast<uint32_t>(lazy->size())}));
  return out;
}

TEST(TextStream, BothEndsWriteWhatEncodeWrites) {
  for (unsigned seed : {1u, 2u, 3u}) {
    const std::string original = sample_text(40 * kTextChunkBytes + 1234 * seed, seed);
    std::string table, data;
    ASSERT_EQ(LazyText::encode(original, table, data), Status::ok);
    for (unsigned threads : {1u, 2u})
      for (unsigned steps : {0u, 1u, 7u}) {
        SCOPED_TRACE("seed " + std::to_string(seed) + ", threads " + std::to_string(threads) +
                     ", steps " + std::to_string(steps));
        const Streamed got = stream(original, threads, steps);
        EXPECT_TRUE(got.table == table);
        EXPECT_TRUE(got.data == data);
        EXPECT_TRUE(got.text == original);
      }
  }
}

TEST(TextStream, FewChunksAndEmptyText) {
  for (size_t bytes : {size_t(0), size_t(100), kTextChunkBytes, 2 * kTextChunkBytes + 1}) {
    SCOPED_TRACE(bytes);
    const std::string original = sample_text(bytes, 9);
    std::string table, data;
    ASSERT_EQ(LazyText::encode(original, table, data), Status::ok);
    const Streamed got = stream(original, 2, 0);
    EXPECT_TRUE(got.table == table);
    EXPECT_TRUE(got.data == data);
    EXPECT_TRUE(got.text == original);
  }
}

}  // namespace
