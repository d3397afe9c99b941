// The bit-level codecs under the posting lists: every width and run length round-trips, Rice codes
// (with the escape for outliers) and split Rice groups round-trip, short input is refused instead
// of over-read, and blocks in the positions layout of older files still decode.
#include "../../core/src/index/position_codec.hpp"
#include "../../core/src/index/posting_codec.hpp"
#include "../../core/src/index/postings.hpp"

#include <gtest/gtest.h>

#include <algorithm>
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

}  // namespace

namespace {

// Values shaped like a block's positions: mostly near `scale`, some far past it (escapes), zeros.
std::vector<uint32_t> position_like(std::mt19937 &rng, uint32_t n, uint32_t scale) {
  std::vector<uint32_t> v(n);
  for (uint32_t &x : v) {
    const uint32_t r = rng() % 100;
    x = r < 3   ? 0
        : r < 5 ? static_cast<uint32_t>(rng())
                : static_cast<uint32_t>(rng() % (scale + 1));
  }
  return v;
}

TEST(PositionCodec, SplitRiceGroupsRoundTripAtTheirSize) {
  std::mt19937 rng(5);
  for (uint32_t n : {0u, 1u, 2u, 7u, 63u, 64u, 65u, 128u, 1000u, 5000u})
    for (uint32_t scale : {0u, 1u, 30u, 700u, 100000u}) {
      const std::vector<uint32_t> in = position_like(rng, n, scale);
      const SplitRiceShape shape = split_rice_shape(in.data(), n);
      for (unsigned k : {shape.k, 0u, 5u, kMaxSplitRiceK}) {
        // A byte before the group (the decoder starts mid-buffer) and one after it, left unread.
        const size_t bytes = split_rice_bytes(in.data(), n, k);
        if (k == shape.k) {
          EXPECT_EQ(bytes, shape.bytes) << n << " " << scale;
        }
        std::string packed(bytes + 2, '\0');
        packed.front() = '\x7f';
        packed.back() = '\x5a';
        auto *at = reinterpret_cast<uint8_t *>(&packed[1]);
        EXPECT_EQ(write_split_rice(at, in.data(), n, k), at + bytes);
        std::vector<uint32_t> out(n + 1, 0);
        out[n] = 0xdeadbeefu;
        const auto *begin = reinterpret_cast<const uint8_t *>(packed.data());
        const uint8_t *p = begin + 1;
        ASSERT_TRUE(get_split_rice(p, begin + packed.size(), k, n, out.data())) << n << " " << k;
        EXPECT_EQ(p, begin + packed.size() - 1) << "the group's end";
        out.pop_back();
        EXPECT_EQ(out, in) << "n " << n << " scale " << scale << " k " << k;
        // Cut short anywhere, the group is refused, never over-read.
        for (size_t cut = 1; cut < packed.size() - 1; cut += 1 + cut / 8) {
          std::string shorter = packed.substr(0, cut);
          std::vector<uint32_t> sink(n + 1);
          const auto *b2 = reinterpret_cast<const uint8_t *>(shorter.data());
          const uint8_t *q = b2 + 1;
          EXPECT_FALSE(get_split_rice(q, b2 + shorter.size(), k, n, sink.data())) << cut;
        }
      }
    }
}

// Without outliers (which pull the mean up, as in no real list), the chosen parameter is within
// 2% of the best one.
TEST(PositionCodec, ParameterNearTheOptimum) {
  std::mt19937 rng(9);
  for (uint32_t scale : {3u, 50u, 900u, 40000u}) {
    std::vector<uint32_t> in(500);
    for (uint32_t &x : in) x = static_cast<uint32_t>(rng() % (scale + 1)) >> (rng() % 3);
    const SplitRiceShape shape = split_rice_shape(in.data(), 500);
    for (unsigned k = 0; k <= kMaxSplitRiceK; ++k) {
      const size_t bytes = split_rice_bytes(in.data(), 500, k);
      EXPECT_LE(shape.bytes, bytes + bytes / 50) << "scale " << scale << " k " << k;
    }
  }
}

// The positions part as files written before split Rice codes have it (one frame-of-reference
// width per group): such blocks, alone or followed by new ones in the same list (an old file
// with articles added), decode to the same entries.
void encode_block_with_packed_positions(uint64_t base, const std::vector<uint32_t> &docs,
                                        const std::vector<std::vector<uint32_t>> &positions,
                                        std::string &out) {
  const uint32_t n = static_cast<uint32_t>(docs.size());
  std::vector<uint32_t> gaps, freqs, firsts, in_doc;
  for (uint32_t i = 0; i < n; ++i) {
    if (i) gaps.push_back(docs[i] - docs[i - 1] - 1);
    freqs.push_back(static_cast<uint32_t>(positions[i].size()) - 1);
    firsts.push_back(positions[i][0]);
    for (size_t k = 1; k < positions[i].size(); ++k)
      in_doc.push_back(positions[i][k] - positions[i][k - 1] - 1);
  }
  const unsigned kd = best_rice_parameter(gaps.data(), n - 1);
  const unsigned kf = best_rice_parameter(freqs.data(), n);
  std::string doc_part, pos_part;
  BitWriter d(doc_part);
  for (uint32_t g : gaps) d.rice(g, kd);
  for (uint32_t f : freqs) d.rice(f, kf);
  d.pad_to_byte();
  BitWriter p(pos_part);
  unsigned w1 = 1;
  for (uint32_t f : firsts) w1 = std::max(w1, bit_width(f));
  p.byte(static_cast<uint8_t>(w1));
  for (uint32_t f : firsts) p.put(f, w1);
  p.pad_to_byte();
  for (size_t at = 0; at < in_doc.size(); at += kRunValues) {
    const size_t end = std::min(in_doc.size(), at + kRunValues);
    unsigned w = 1;
    for (size_t k = at; k < end; ++k) w = std::max(w, bit_width(in_doc[k]));
    p.byte(static_cast<uint8_t>(w));
    for (size_t k = at; k < end; ++k) p.put(in_doc[k], w);
    p.pad_to_byte();
  }
  auto varint = [&out](uint64_t v) {
    for (; v >= 0x80; v >>= 7) out.push_back(static_cast<char>(v | 0x80));
    out.push_back(static_cast<char>(v));
  };
  varint(n - 1);
  varint(docs[0] - base);
  varint(docs[n - 1] - docs[0]);
  out.push_back(static_cast<char>(kd));
  out.push_back(static_cast<char>(kf));
  varint(doc_part.size());
  varint(pos_part.size());
  out += doc_part;
  out += pos_part;
}

TEST(PositionCodec, BlocksWithPackedPositionsAreStillRead) {
  std::mt19937 rng(3);
  std::vector<uint32_t> docs;
  std::vector<std::vector<uint32_t>> positions;
  for (uint32_t d = 0; docs.size() < 300; d += 1 + rng() % 9) {
    docs.push_back(d);
    std::vector<uint32_t> pos;
    const uint32_t freq = 1 + (rng() % 7 == 0 ? rng() % 400 : rng() % 4);
    for (uint32_t k = 0, at = rng() % 2000; k < freq; ++k, at += 1 + rng() % 90) pos.push_back(at);
    positions.push_back(pos);
  }
  // Blocks of 128, 128 and 44 entries: packed, split Rice, packed.
  std::string pool;
  uint64_t base = 0;
  for (size_t b = 0; b < docs.size(); b += kBlockDocs) {
    const size_t e = std::min(docs.size(), b + kBlockDocs);
    std::vector<uint32_t> d(docs.begin() + b, docs.begin() + e), freqs, flat;
    std::vector<std::vector<uint32_t>> p(positions.begin() + b, positions.begin() + e);
    if (b / kBlockDocs == 1) {
      for (const auto &x : p) {
        freqs.push_back(static_cast<uint32_t>(x.size()));
        flat.insert(flat.end(), x.begin(), x.end());
      }
      encode_posting_block(base, d.data(), freqs.data(), flat.data(),
                           static_cast<uint32_t>(d.size()), pool);
    } else {
      encode_block_with_packed_positions(base, d, p, pool);
    }
    base = d.back() + 1u;
  }
  PostingList pl;
  pl.len = static_cast<uint32_t>(pool.size());
  pl.count = static_cast<uint32_t>(docs.size());
  pl.last_doc = docs.back();
  PostingCursor c(pool, pl, 0xffffffffu);
  for (size_t i = 0; i < docs.size(); ++i) {
    ASSERT_TRUE(c.next()) << i;
    ASSERT_EQ(c.doc(), docs[i]);
    ASSERT_EQ(c.freq(), positions[i].size());
    std::vector<uint32_t> got;
    c.positions(got);
    ASSERT_EQ(got, positions[i]) << "entry " << i;
  }
  EXPECT_FALSE(c.next());
}

}  // namespace
