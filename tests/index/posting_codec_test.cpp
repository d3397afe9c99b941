// The bit-level codecs under the posting lists: every width and run length round-trips, Rice codes
// (with the escape for outliers) round-trip, and short input is refused instead of over-read.
#include "../../core/src/index/posting_codec.hpp"

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

}  // namespace
