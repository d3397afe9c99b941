// The stored-text codecs (lz and zstd chunks of format 3): every kind of text round-trips exactly,
// and corrupt chunks (truncated, flipped bytes, a wrong size, an unknown codec) are refused without
// writing outside the destination or reading outside the input. Buffers are heap copies of exactly
// the right size, so an ASan build (scripts/asan.sh) catches any overrun.
#include "../../core/src/index/lazy_text.hpp"
#include "../../core/src/index/text_codec.hpp"

#include <gtest/gtest.h>

#include <cstring>
#include <memory>
#include <random>
#include <string>
#include <thread>
#include <vector>

using namespace caci::detail;

namespace {

const TextCodec kCodecs[] = {TextCodec::lz, TextCodec::zstd};

std::string codec_name(TextCodec c) {
  return c == TextCodec::lz ? "lz" : "zstd";
}

// Article-like English: words drawn from a small vocabulary, with sentence punctuation.
std::string english(size_t bytes, unsigned seed) {
  static const char *words[] = {"the",      "security",   "of",         "Central", "Asia",
                                "pipeline", "Kazakhstan", "and",        "Russia",  "energy",
                                "policy",   "Georgia",    "regional",   "in",      "Caspian",
                                "gas",      "government", "Azerbaijan", "to",      "relations"};
  std::mt19937 rng(seed);
  std::string s;
  while (s.size() < bytes) {
    s += words[rng() % 20];
    s += rng() % 12 == 0 ? ". " : " ";
  }
  s.resize(bytes);
  return s;
}

// Articles over a large vocabulary that share phrases (names, places, set expressions) with
// other articles, as an archive's do: what a shared dictionary captures.
std::string varied_text(size_t bytes, unsigned seed) {
  static const std::vector<std::string> phrases = [] {
    static const char *syllables[] = {"ka", "zan", "ob",  "mir", "tor", "sen", "bal", "ge",
                                      "or", "dar", "nai", "pes", "ul",  "rik", "ash", "lo"};
    std::mt19937 rng(1);
    std::vector<std::string> out(3000);
    for (std::string &p : out)
      for (unsigned words = 2 + rng() % 6; words > 0; --words) {
        for (unsigned n = 1 + rng() % 4; n > 0; --n) p += syllables[rng() % 16];
        p += ' ';
      }
    return out;
  }();
  std::mt19937 rng(seed);
  std::string s;
  while (s.size() < bytes) s += phrases[rng() % phrases.size()];
  s.resize(bytes);
  return s;
}

std::string utf8_mix(size_t bytes) {
  const std::string parts[] = {"Тбилиси ",    "Алматы ", "თბილისი ", "Bakı ",      "Türkiye ",
                               "“quoted” — ", "€ ",      "😀 ",       "Nur-Sultan "};
  std::string s;
  for (size_t i = 0; s.size() < bytes; ++i) s += parts[(i * 7) % 9];
  return s;
}

std::string random_bytes(size_t bytes, unsigned seed) {
  std::mt19937 rng(seed);
  std::string s(bytes, '\0');
  for (char &c : s) c = static_cast<char>(rng());
  return s;
}

std::string compress(TextCodec codec, const std::string &in) {
  std::string out;
  compress_chunk(codec, in, out);
  return out;
}

// Decodes from an exact-size heap copy of `packed` into an exact-size heap buffer.
bool decode(TextCodec codec, const std::string &packed, size_t size, std::string *text = nullptr) {
  std::unique_ptr<char[]> in(new char[packed.size() + 1]);
  if (!packed.empty()) std::memcpy(in.get(), packed.data(), packed.size());
  std::unique_ptr<char[]> dst(size ? new char[size] : nullptr);
  bool ok = (decompress_chunk(codec, std::string_view(in.get(), packed.size()), dst.get(), size) ==
             caci::Status::ok);
  if (ok && text) text->assign(dst.get(), size);
  return ok;
}

struct Sample {
  std::string name;
  std::string text;
};

std::vector<Sample> samples() {
  return {{"empty", ""},
          {"one byte", "a"},
          {"three bytes", "abc"},
          {"repeated byte", std::string(100000, 'x')},
          {"english 1 KB", english(1000, 1)},
          {"english 64 KB", english(64 * 1024, 2)},
          {"english 1 MB", english(1 << 20, 3)},
          {"utf-8 text", utf8_mix(50000)},
          {"incompressible", random_bytes(70000, 4)},
          {"nul bytes", std::string(5000, '\0') + "tail"}};
}

TEST(TextCodec, EveryCodecRoundTripsEveryKindOfText) {
  for (TextCodec codec : kCodecs) {
    for (const Sample &s : samples()) {
      std::string packed = compress(codec, s.text), back;
      ASSERT_TRUE(decode(codec, packed, s.text.size(), &back))
          << codec_name(codec) << " " << s.name;
      EXPECT_EQ(back, s.text) << codec_name(codec) << " " << s.name;
    }
  }
}

TEST(TextCodec, CompressAppendsAfterExistingBytes) {
  for (TextCodec codec : kCodecs) {
    std::string text = english(5000, 5), out = "header";
    compress_chunk(codec, text, out);
    ASSERT_EQ(out.compare(0, 6, "header"), 0);
    std::string back;
    ASSERT_TRUE(decode(codec, out.substr(6), text.size(), &back)) << codec_name(codec);
    EXPECT_EQ(back, text);
  }
}

TEST(TextCodec, ZstdStoresEnglishInLessThanHalfOfLz) {
  // What the codec is for: the index file with text is at most 0.6x the text, which needs the
  // stored text well under half its size (lz alone only halves it).
  std::string text = english(kTextChunkBytes, 6);
  size_t lz = compress(TextCodec::lz, text).size();
  size_t zstd = compress(TextCodec::zstd, text).size();
  EXPECT_LT(zstd * 2, lz) << "lz " << lz << " zstd " << zstd;
  EXPECT_EQ(kDefaultTextCodec, TextCodec::zstd);
}

// Chunks of a larger text, compressed with a ChunkCompressor and decoded with a
// ChunkDecompressor sharing `dict`; returns the compressed bytes (0 if any chunk failed).
size_t chunked_round_trip(const std::string &text, const std::string &dict) {
  ChunkCompressor compressor(TextCodec::zstd, dict);
  ChunkDecompressor decompressor(TextCodec::zstd, dict);
  EXPECT_TRUE(decompressor.ok());
  size_t total = dict.size();
  for (size_t at = 0; at < text.size(); at += kTextChunkBytes) {
    std::string chunk = text.substr(at, kTextChunkBytes), packed;
    compressor.compress(chunk, packed);
    total += packed.size();
    std::string back(chunk.size(), '\0');
    if (!(decompressor.decompress(packed, &back[0], back.size()) == caci::Status::ok) ||
        back != chunk)
      return 0;
  }
  return total;
}

TEST(TextCodec, SampledDictionaryShrinksChunkedText) {
  std::string text;
  for (unsigned seed = 0; text.size() < (4u << 20); ++seed) text += varied_text(3000, seed) + "\n";
  std::string dict = sample_text_dictionary(text);
  EXPECT_GT(dict.size(), 0u);
  EXPECT_LE(dict.size(), kTextDictionaryBytes);
  EXPECT_EQ(dict, sample_text_dictionary(text)) << "the same text gives the same dictionary";
  size_t with = chunked_round_trip(text, dict), without = chunked_round_trip(text, "");
  ASSERT_GT(with, 0u);
  ASSERT_GT(without, 0u);
  EXPECT_LT(with, without) << "dictionary included in the count";
}

TEST(TextCodec, SmallTextGetsNoDictionary) {
  EXPECT_EQ(sample_text_dictionary(english(60000, 1)), "");
  EXPECT_EQ(sample_text_dictionary(""), "");
  std::string dict = sample_text_dictionary(english(200000, 2));
  EXPECT_LE(dict.size(), 200000u / 16);
}

TEST(TextCodec, DictionaryNeverStartsAsAFormattedZstdDictionary) {
  std::string text = std::string("\x37\xa4\x30\xec", 4) + english(1 << 20, 3);
  std::string dict = sample_text_dictionary(text);
  ASSERT_GE(dict.size(), 4u);
  EXPECT_NE(dict.compare(0, 4, std::string("\x37\xa4\x30\xec", 4)), 0);
  EXPECT_GT(chunked_round_trip(text, dict), 0u);
}

TEST(TextCodec, ChunksNeedTheirOwnDictionary) {
  std::string text = english(1 << 20, 4), dict = sample_text_dictionary(text);
  std::string other = sample_text_dictionary(english(1 << 20, 5));
  ChunkCompressor compressor(TextCodec::zstd, dict);
  std::string chunk = text.substr(0, 20000), packed;
  compressor.compress(chunk, packed);
  std::string back(chunk.size(), '\0');
  EXPECT_FALSE(
      (decompress_chunk(TextCodec::zstd, packed, &back[0], back.size()) == caci::Status::ok))
      << "decoded without its dictionary";
  ChunkDecompressor wrong(TextCodec::zstd, other);
  if ((wrong.decompress(packed, &back[0], back.size()) == caci::Status::ok)) {
    EXPECT_NE(back, chunk);
  }
  ChunkDecompressor right(TextCodec::zstd, dict);
  ASSERT_TRUE((right.decompress(packed, &back[0], back.size()) == caci::Status::ok));
  EXPECT_EQ(back, chunk);
}

TEST(TextCodec, DecompressorRefusesUnknownCodecAndCorruptChunks) {
  std::string dict = sample_text_dictionary(english(1 << 20, 6));
  ChunkDecompressor unknown(static_cast<TextCodec>(9), dict);
  EXPECT_FALSE(unknown.ok());
  char c;
  EXPECT_FALSE((unknown.decompress("x", &c, 1) == caci::Status::ok));
  ChunkCompressor compressor(TextCodec::zstd, dict);
  ChunkDecompressor decompressor(TextCodec::zstd, dict);
  std::string chunk = english(30000, 7), packed;
  compressor.compress(chunk, packed);
  for (size_t len = 0; len < packed.size(); len += 7) {
    std::unique_ptr<char[]> in(new char[len + 1]), dst(new char[chunk.size()]);
    std::memcpy(in.get(), packed.data(), len);
    EXPECT_FALSE((decompressor.decompress(std::string_view(in.get(), len), dst.get(),
                                          chunk.size()) == caci::Status::ok));
  }
  for (size_t i = 0; i < packed.size(); ++i) {
    std::string bad = packed;
    bad[i] = static_cast<char>(bad[i] ^ 0x55);
    std::unique_ptr<char[]> dst(new char[chunk.size()]);
    (void)decompressor.decompress(bad, dst.get(),
                                  chunk.size());  // refused or not: never out of bounds
  }
  EXPECT_FALSE((decompressor.decompress(packed, nullptr, chunk.size()) == caci::Status::ok));
}

TEST(TextCodec, LzCompressorIgnoresTheDictionary) {
  std::string text = english(100000, 8), packed, back(100000, '\0');
  ChunkCompressor compressor(TextCodec::lz, "dictionary");
  compressor.compress(text, packed);
  ChunkDecompressor decompressor(TextCodec::lz, "dictionary");
  ASSERT_TRUE((decompressor.decompress(packed, &back[0], back.size()) == caci::Status::ok));
  EXPECT_EQ(back, text);
}

TEST(TextCodec, IncompressibleTextGrowsOnlyALittle) {
  std::string text = random_bytes(kTextChunkBytes, 7);
  EXPECT_LE(compress(TextCodec::zstd, text).size(), text.size() + 64);
}

TEST(TextCodec, UnknownCodecIsRefused) {
  std::string text = english(1000, 8);
  for (TextCodec codec : kCodecs) {
    std::string packed = compress(codec, text);
    for (int id : {0, 3, 255})
      EXPECT_FALSE(decode(static_cast<TextCodec>(id), packed, text.size())) << id;
  }
}

TEST(TextCodec, WrongSizeIsRefused) {
  for (TextCodec codec : kCodecs) {
    for (const Sample &s : samples()) {
      std::string packed = compress(codec, s.text);
      EXPECT_FALSE(decode(codec, packed, s.text.size() + 1)) << codec_name(codec) << " " << s.name;
      if (!s.text.empty()) {
        EXPECT_FALSE(decode(codec, packed, s.text.size() - 1))
            << codec_name(codec) << " " << s.name;
        EXPECT_FALSE(decode(codec, packed, 0)) << codec_name(codec) << " " << s.name;
      }
    }
  }
}

TEST(TextCodec, NullDestinationIsRefusedUnlessEmpty) {
  for (TextCodec codec : kCodecs) {
    std::string text = english(100, 9), packed = compress(codec, text);
    EXPECT_FALSE((decompress_chunk(codec, packed, nullptr, text.size()) == caci::Status::ok))
        << codec_name(codec);
    EXPECT_TRUE((decompress_chunk(codec, compress(codec, ""), nullptr, 0) == caci::Status::ok))
        << codec_name(codec);
  }
}

TEST(TextCodec, EveryTruncationIsRefused) {
  for (TextCodec codec : kCodecs) {
    for (const std::string &text : {english(3000, 10), utf8_mix(3000), random_bytes(3000, 11)}) {
      std::string packed = compress(codec, text);
      for (size_t len = 0; len < packed.size(); ++len)
        ASSERT_FALSE(decode(codec, packed.substr(0, len), text.size()))
            << codec_name(codec) << " cut at " << len << " of " << packed.size();
    }
  }
}

TEST(TextCodec, TrailingBytesAreRefused) {
  for (TextCodec codec : kCodecs) {
    std::string text = english(3000, 12), packed = compress(codec, text) + "junk";
    EXPECT_FALSE(decode(codec, packed, text.size())) << codec_name(codec);
  }
}

TEST(TextCodec, FlippedBytesNeverOverrunAndZstdNoticesHeaderDamage) {
  // A flipped literal byte may still decode (to different text: the index file's section checksum
  // catches that); what must hold is that no flip makes the decoder write or read out of bounds
  // or hang. Every byte is flipped in turn, under ASan in the sanitizer build.
  for (TextCodec codec : kCodecs) {
    std::string text = english(4000, 13) + utf8_mix(2000);
    std::string packed = compress(codec, text);
    size_t refused = 0;
    for (size_t i = 0; i < packed.size(); ++i) {
      for (uint8_t mask : {0x01, 0x80, 0xff}) {
        std::string bad = packed;
        bad[i] = static_cast<char>(bad[i] ^ mask);
        std::string back;
        if (!decode(codec, bad, text.size(), &back))
          ++refused;
        else
          EXPECT_EQ(back.size(), text.size());
      }
    }
    EXPECT_GT(refused, 0u) << codec_name(codec);
  }
  // zstd's frame header: a damaged magic number is always refused.
  std::string text = english(4000, 14), packed = compress(TextCodec::zstd, text);
  for (size_t i = 0; i < 4; ++i) {
    std::string bad = packed;
    bad[i] = static_cast<char>(bad[i] ^ 0x20);
    EXPECT_FALSE(decode(TextCodec::zstd, bad, text.size())) << i;
  }
}

TEST(TextCodec, RandomGarbageIsRefusedOrFitsExactly) {
  std::mt19937 rng(15);
  for (TextCodec codec : kCodecs) {
    for (int round = 0; round < 2000; ++round) {
      std::string junk = random_bytes(rng() % 200, static_cast<unsigned>(rng()));
      if (codec == TextCodec::zstd && junk.size() >= 4 && round % 2)
        junk.replace(0, 4, "\x28\xb5\x2f\xfd", 4);  // past the magic number, into the frame
      size_t size = rng() % 5000;
      std::string back;
      if (decode(codec, junk, size, &back)) {
        EXPECT_EQ(back.size(), size);
      }
    }
  }
}

TEST(TextCodec, DefaultsAreUsable) {
  EXPECT_GE(kTextChunkBytes, 4096u);
  std::string text = english(kTextChunkBytes, 16), back;
  ASSERT_TRUE(decode(kDefaultTextCodec, compress(kDefaultTextCodec, text), text.size(), &back));
  EXPECT_EQ(back, text);
}

TEST(TextCodec, Format2WholeTextCodecStillRoundTrips) {
  std::string text = english(200000, 17), packed, back;
  lz_compress(text, packed);
  ASSERT_TRUE(lz_decompress(packed, text.size(), back));
  EXPECT_EQ(back, text);
  EXPECT_FALSE(lz_decompress(packed, text.size() + 1, back));
}

// Records of every shape the decoder copies in blocks or byte by byte: literal runs of 0-40 bytes,
// matches of 4-80 bytes at distances 1-40 (overlapping ones repeat a pattern), up to the last
// byte of the output, where a block would not fit.
TEST(TextCodec, LzDecodesEveryRecordShapeUpToTheEnd) {
  std::mt19937 rng(32);
  for (int round = 0; round < 200; ++round) {
    std::string text;
    const size_t want = 1 + rng() % 3000;
    while (text.size() < want) {
      const size_t lit = rng() % 41;
      for (size_t k = 0; k < lit; ++k) text += static_cast<char>('a' + rng() % 26);
      if (text.empty()) continue;
      const size_t distance = 1 + rng() % std::min<size_t>(40, text.size());
      const size_t len = 4 + rng() % 77;
      for (size_t k = 0; k < len; ++k) text += text[text.size() - distance];
    }
    text.resize(want);
    std::string packed, back;
    lz_compress(text, packed);
    ASSERT_TRUE(decode(TextCodec::lz, packed, text.size(), &back)) << "round " << round;
    EXPECT_EQ(back, text) << "round " << round;
  }
}

// A zstd context or dictionary that cannot be allocated is Status::enomem, never an exception
// (issue 17); the failure is injected through the test hook.
TEST(TextCodec, FailedZstdAllocationIsEnomem) {
  using caci::Status;
  const std::string text = english(200000, 18), dict = sample_text_dictionary(text);
  fail_zstd_allocations_for_testing(1);  // the compression context
  ChunkCompressor no_context(TextCodec::zstd, dict);
  EXPECT_EQ(no_context.status(), Status::enomem);
  std::string out = "kept";
  EXPECT_EQ(no_context.compress(text, out), Status::enomem);
  EXPECT_EQ(out, "kept");
  EXPECT_EQ(no_context.share().status(), Status::enomem);

  ChunkCompressor compressor(TextCodec::zstd, dict);
  ASSERT_EQ(compressor.status(), Status::ok);
  fail_zstd_allocations_for_testing(1);  // the shared compressor's own context
  EXPECT_EQ(compressor.share().status(), Status::enomem);
  ChunkCompressor other = compressor.share();
  ASSERT_EQ(other.status(), Status::ok);
  std::string a, b;
  ASSERT_EQ(compressor.compress(text.substr(0, 65536), a), Status::ok);
  ASSERT_EQ(other.compress(text.substr(0, 65536), b), Status::ok);
  EXPECT_EQ(a, b) << "a shared compressor writes the same bytes";

  fail_zstd_allocations_for_testing(1);  // the decoding dictionary
  ChunkDecompressor no_dictionary(TextCodec::zstd, dict);
  EXPECT_EQ(no_dictionary.status(), Status::enomem);
  std::string back(65536, '\0');
  EXPECT_EQ(no_dictionary.decompress(a, &back[0], back.size()), Status::enomem);

  // A new thread's first decode allocates its context.
  Status plain = Status::ok;
  const std::string packed = compress(TextCodec::zstd, text.substr(0, 1000));
  std::thread([&] {
    std::string dst(1000, '\0');
    fail_zstd_allocations_for_testing(1);
    plain = decompress_chunk(TextCodec::zstd, packed, &dst[0], dst.size());
  }).join();
  EXPECT_EQ(plain, Status::enomem);
  fail_zstd_allocations_for_testing(1);
  Status plain_compress = Status::ok;
  std::thread([&] {
    std::string dst;
    plain_compress = compress_chunk(TextCodec::zstd, text, dst);
  }).join();
  EXPECT_EQ(plain_compress, Status::enomem);

  // Saving's text encoder passes it on, leaving no half-written sections.
  std::string table, data;
  fail_zstd_allocations_for_testing(1);
  EXPECT_EQ(LazyText::encode(text, table, data), Status::enomem);
  EXPECT_TRUE(table.empty() && data.empty());
  fail_zstd_allocations_for_testing(0);
  EXPECT_EQ(LazyText::encode(text, table, data), Status::ok);
}

// Saving compresses the text's chunks on several threads into the same bytes as on one
// (issue 13), for a text in one piece and in many, and whether or not the extra threads get
// their compression contexts.
TEST(TextCodec, ParallelEncodeWritesTheSameBytes) {
  std::string text;
  for (unsigned seed = 0; text.size() < 20 * kTextChunkBytes + 1234; ++seed)
    text += varied_text(5000, seed) + "\n";
  std::string table1, data1;
  ASSERT_EQ(LazyText::encode(text, table1, data1, 1), caci::Status::ok);
  for (unsigned threads : {0u, 2u, 3u, 8u, 1000u}) {
    std::string table, data;
    ASSERT_EQ(LazyText::encode(text, table, data, threads), caci::Status::ok) << threads;
    EXPECT_TRUE(table == table1 && data == data1) << threads << " threads";
  }
  TextPieces pieces;
  pieces.base = text;
  for (uint32_t at = 0; at < text.size(); at += 7001)
    pieces.add(at, static_cast<uint32_t>(std::min<size_t>(7001 - 13, text.size() - at)));
  std::string gathered(static_cast<size_t>(pieces.size), '\0');
  pieces.copy(0, gathered.size(), &gathered[0]);
  std::string table_p1, data_p1, table_p, data_p;
  ASSERT_EQ(LazyText::encode(gathered, table_p1, data_p1, 1), caci::Status::ok);
  ASSERT_EQ(LazyText::encode(pieces, table_p, data_p, 4), caci::Status::ok);
  EXPECT_TRUE(table_p == table_p1 && data_p == data_p1) << "pieces on 4 threads";

  // The calling thread's context and dictionary are allocated, two of the extra threads' fail.
  fail_zstd_allocations_for_testing(2, 2);
  std::string table_f, data_f;
  EXPECT_EQ(LazyText::encode(text, table_f, data_f, 4), caci::Status::ok);
  fail_zstd_allocations_for_testing(0);
  EXPECT_TRUE(table_f == table1 && data_f == data1) << "fewer threads, same bytes";
}

}  // namespace
