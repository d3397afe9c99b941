// Fuzz target: the stored-text chunk codecs (core/src/index/text_codec.hpp, internal core API).
// Byte 0 picks the decoder (lz, zstd, zstd with a dictionary, an unknown codec id), bytes 1-2 the
// decoded size the caller claims (0..65535); the rest is the chunk. Decoding goes into a heap
// buffer of exactly that size, from an exact-size copy of the chunk, so ASan sees any overrun.
// Oracles: an unknown codec is refused; a chunk that decodes re-compresses and decodes back to
// the same bytes; and the chunk bytes themselves, taken as text, round-trip through the codec.
#include "../../core/src/index/text_codec.hpp"
#include "fuzz_support.hpp"

#include <cstring>
#include <memory>
#include <string>

using caci::detail::ChunkCompressor;
using caci::detail::ChunkDecompressor;
using caci::detail::TextCodec;

namespace {

const std::string &dictionary() {
  static const std::string d = [] {
    std::string text;
    for (int i = 0; text.size() < (1u << 20); ++i)
      text += "Security in Central Asia and the Caucasus, article " + std::to_string(i * 7919) +
              ": pipelines, elections, Tbilisi, Almaty. ";
    return caci::detail::sample_text_dictionary(text);
  }();
  return d;
}

void round_trip(TextCodec codec, const std::string &dict, std::string_view text) {
  ChunkCompressor compressor(codec, dict);
  ChunkDecompressor decompressor(codec, dict);
  std::string packed;
  compressor.compress(text, packed);
  std::unique_ptr<char[]> back(new char[text.size() + 1]);
  FUZZ_CHECK((decompressor.decompress(packed, back.get(), text.size()) == caci::Status::ok));
  FUZZ_CHECK(text.empty() || std::memcmp(back.get(), text.data(), text.size()) == 0);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 3) return 0;
  const int mode = data[0] % 4;
  const size_t claimed = data[1] | (size_t{data[2]} << 8);
  const TextCodec codec = mode == 0   ? TextCodec::lz
                          : mode == 3 ? static_cast<TextCodec>(7)
                                      : TextCodec::zstd;
  const std::string dict = mode == 2 ? dictionary() : std::string();

  std::unique_ptr<char[]> chunk(new char[size - 3 + 1]);
  std::memcpy(chunk.get(), data + 3, size - 3);
  const std::string_view in(chunk.get(), size - 3);
  std::unique_ptr<char[]> dst(new char[claimed + 1]);
  ChunkDecompressor decompressor(codec, dict);
  const bool ok =
      (decompressor.decompress(in, claimed ? dst.get() : nullptr, claimed) == caci::Status::ok);
  if (mode == 3) {
    FUZZ_CHECK(!ok && !decompressor.ok());
    return 0;
  }
  if (ok) round_trip(codec, dict, std::string_view(dst.get(), claimed));
  round_trip(codec, dict, in);
  return 0;
}
