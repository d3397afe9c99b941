// The bit-level codecs under the posting lists: every width and run length round-trips, Rice codes
// (with the escape for outliers) round-trip, and short input is refused instead of over-read.
// Position runs with a few outliers are patched (smaller than at the outlier's width), decode to
// the same positions, and a malformed patch is refused.
#include "../../core/src/index/posting_codec.hpp"
#include "../../core/src/index/postings.hpp"

#include <gtest/gtest.h>

#include <random>
#include <vector>

using namespace caci::detail;

namespace {

TEST(PostingCodec, UnpackEveryWidthAndCount) {
  std::mt19937 rng(7);
  for (unsigned width = 0; width <= 32; ++width) {
    for (uint32_t count : {0u, 1u, 2u, 3u, 7u, 8u, 9u, 57u, 127u, 128u, 300u}) {
      std::vector<uint32_t> in(count);
      const uint64_t mask = width == 32 ? 0xffffffffull : (uint64_t{1} << width) - 1;
      for (uint32_t &v : in) v = static_cast<uint32_t>(rng() & mask);
      std::string packed;
      BitWriter w(packed);
      for (uint32_t v : in) w.put(v, width);
      w.pad_to_byte();
      ASSERT_EQ(packed.size(), packed_bytes(count, width));
      std::vector<uint32_t> out(count + 1, 0xdeadbeefu);
      const auto *p = reinterpret_cast<const uint8_t *>(packed.data());
      ASSERT_TRUE(unpack_bits(p, p + packed.size(), width, count, out.data()))
          << width << " " << count;
      for (uint32_t i = 0; i < count; ++i)
        ASSERT_EQ(out[i], in[i]) << "width " << width << " value " << i;
      EXPECT_EQ(out[count], 0xdeadbeefu) << "wrote past the end";
      if (!packed.empty()) {
        EXPECT_FALSE(unpack_bits(p, p + packed.size() - 1, width, count, out.data()));
      }
    }
  }
}

TEST(PostingCodec, RiceRoundTripsWithEscapes) {
  std::mt19937 rng(11);
  for (unsigned k = 0; k < 24; ++k) {
    std::vector<uint32_t> in;
    for (int i = 0; i < 200; ++i) in.push_back(static_cast<uint32_t>(rng() % (8u << k)));
    in.push_back(0xffffffffu);  // far past the unary limit: escaped
    in.push_back(0);
    std::string packed;
    BitWriter w(packed);
    for (uint32_t v : in) w.rice(v, k);
    w.pad_to_byte();
    const auto *p = reinterpret_cast<const uint8_t *>(packed.data());
    BitReader r(p, p + packed.size());
    for (uint32_t v : in) {
      uint32_t got = 0;
      ASSERT_TRUE(r.rice(k, got));
      ASSERT_EQ(got, v) << "k " << k;
    }
    BitReader shorter(p, p + packed.size() / 2);
    bool all = true;
    for (uint32_t v : in) {
      uint32_t got = 0;
      if (!shorter.rice(k, got)) {
        all = false;
        break;
      }
      (void)v;
    }
    EXPECT_FALSE(all) << "half the bytes cannot hold every code";
  }
  const uint32_t skewed[] = {0, 1, 0, 3, 2, 1, 0, 40};
  EXPECT_LE(best_rice_parameter(skewed, 8), 3u);
}

// What the positions of a block would take as plain frame-of-reference runs (format 3 before
// patched runs): one width per run, that of its widest value.
size_t plain_position_bytes(const std::vector<uint32_t> &freqs,
                            const std::vector<std::vector<uint32_t>> &positions) {
  unsigned first_width = 1;
  for (const auto &p : positions) first_width = std::max(first_width, bit_width(p[0]));
  size_t bytes = 1 + packed_bytes(freqs.size(), first_width);
  std::vector<uint32_t> gaps;
  for (const auto &p : positions)
    for (size_t k = 1; k < p.size(); ++k) gaps.push_back(p[k] - p[k - 1] - 1);
  for (size_t at = 0; at < gaps.size(); at += kRunValues) {
    const size_t n = std::min<size_t>(kRunValues, gaps.size() - at);
    unsigned w = 1;
    for (size_t k = 0; k < n; ++k) w = std::max(w, bit_width(gaps[at + k]));
    bytes += 1 + packed_bytes(n, w);
  }
  return bytes;
}

TEST(PostingCodec, PositionsWithOutliersArePatchedAndDecodeExactly) {
  std::mt19937 rng(23);
  for (int round = 0; round < 40; ++round) {
    const uint32_t n = 1 + rng() % kBlockDocs;
    std::vector<uint32_t> docs, freqs, flat;
    std::vector<std::vector<uint32_t>> positions;
    uint32_t doc = rng() % 50;
    for (uint32_t i = 0; i < n; ++i) {
      docs.push_back(doc);
      doc += 1 + rng() % 9;
      const uint32_t f = 1 + rng() % 30;
      freqs.push_back(f);
      // Mostly near neighbours, now and then a jump (a word back after pages without it), and
      // once in a while a first position far into a long article.
      uint32_t pos = rng() % 16 == 0 ? 50000 + rng() % 100000 : rng() % 40;
      std::vector<uint32_t> ps;
      for (uint32_t k = 0; k < f; ++k) {
        ps.push_back(pos);
        pos += 1 + (rng() % 12 == 0 ? 3000 + rng() % 60000 : rng() % 6);
      }
      flat.insert(flat.end(), ps.begin(), ps.end());
      positions.push_back(ps);
    }
    std::string block;
    encode_posting_block(0, docs.data(), freqs.data(), flat.data(), n, block);

    PostingList pl;
    pl.len = static_cast<uint32_t>(block.size());
    pl.count = n;
    pl.last_doc = docs.back();
    PostingCursor cursor(block, pl, docs.back() + 1);
    for (uint32_t i = 0; i < n; ++i) {
      ASSERT_TRUE(cursor.next()) << "round " << round << " entry " << i;
      ASSERT_EQ(cursor.doc(), docs[i]);
      uint32_t count = 0;
      const uint32_t *got = cursor.positions(&count);
      ASSERT_EQ(count, freqs[i]) << "round " << round << " entry " << i;
      ASSERT_TRUE(got != nullptr);
      for (uint32_t k = 0; k < count; ++k)
        ASSERT_EQ(got[k], positions[i][k]) << "round " << round << " entry " << i << " pos " << k;
    }
    EXPECT_FALSE(cursor.next());
    EXPECT_TRUE(cursor.done());
    // The positions part (its length is in the block header) is never larger than plain runs,
    // and smaller in a block long enough to hold some of the jumps.
    const auto *h = reinterpret_cast<const uint8_t *>(block.data());
    const uint8_t *h_end = h + block.size();
    uint64_t n1 = 0, delta = 0, span = 0, doc_bytes = 0, pos_bytes = 0;
    ASSERT_TRUE(read_varint64(h, h_end, n1) && read_varint64(h, h_end, delta) &&
                read_varint64(h, h_end, span));
    h += 2;  // Rice parameters
    ASSERT_TRUE(read_varint64(h, h_end, doc_bytes) && read_varint64(h, h_end, pos_bytes));
    ASSERT_EQ(static_cast<uint64_t>(h_end - h), doc_bytes + pos_bytes);
    const size_t plain = plain_position_bytes(freqs, positions);
    EXPECT_LE(pos_bytes, plain) << "round " << round;
    if (n >= 16) EXPECT_LT(pos_bytes, plain) << "round " << round;
  }
}

TEST(PostingCodec, PatchedRunDecodesAndMalformedPatchesAreRefused) {
  // 8 values at 3 bits, value 2 and 6 with high parts 5 and 1 at 4 bits:
  // values = {1, 2, 3 + (5 << 3), 4, 5, 6, 7 + (1 << 3), 0}.
  const uint32_t want[8] = {1, 2, 3 + (5u << 3), 4, 5, 6, 7 + (1u << 3), 0};
  std::string run;
  run.push_back(static_cast<char>(kPatchedRun | 3));
  run.push_back(2);  // exceptions
  run.push_back(4);  // high width
  {
    std::string lows;
    BitWriter w(lows);
    for (uint32_t v : want) w.put(v & 7, 3);
    w.pad_to_byte();
    run += lows;
  }
  run.push_back(2);
  run.push_back(6);
  {
    std::string highs;
    BitWriter w(highs);
    w.put(5, 4);
    w.put(1, 4);
    w.pad_to_byte();
    run += highs;
  }
  auto decode = [](const std::string &bytes, uint32_t *out) {
    const auto *p = reinterpret_cast<const uint8_t *>(bytes.data());
    return unpack_run(p, p + bytes.size(), 8, out);
  };
  uint32_t out[8] = {};
  const uint8_t *after = decode(run, out);
  ASSERT_TRUE(after != nullptr);
  EXPECT_EQ(after, reinterpret_cast<const uint8_t *>(run.data()) + run.size());
  for (int i = 0; i < 8; ++i) EXPECT_EQ(out[i], want[i]) << i;

  for (size_t cut = 0; cut < run.size(); ++cut)
    EXPECT_EQ(decode(run.substr(0, cut), out), nullptr) << "truncated at " << cut;
  std::string bad = run;
  bad[bad.size() - 3] = 8;  // an exception index past the run
  EXPECT_EQ(decode(bad, out), nullptr);
  bad = run;
  bad[2] = 30;  // 3 + 30 bits do not fit a value
  EXPECT_EQ(decode(bad, out), nullptr);
  bad = run;
  bad[1] = 0;  // a patched run without exceptions
  EXPECT_EQ(decode(bad, out), nullptr);
  bad = run;
  bad[1] = 9;  // more exceptions than values
  EXPECT_EQ(decode(bad, out), nullptr);
  bad = run;
  bad[0] = static_cast<char>(kPatchedRun);  // zero width
  EXPECT_EQ(decode(bad, out), nullptr);
}

}  // namespace
