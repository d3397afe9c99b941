// The index file: the header every format shares, and the format readers and writer.
//
//   0   magic "CACIIDX\0"
//   8   u32 format version            (kFormatVersion)
//   12  u32 minimum reader version    a reader older than this must refuse the file
//   16  u64 total file length
//   24  u64 checksum (format 2: the whole file; format 3: the header and section table)
//   32  char[16] Unicode version of the tokenizer that built the postings (NUL padded)
//   48  u32 section count, u32 reserved
//   56  section table (format 2: 24-byte entries, format 3: 32-byte entries with a checksum)
//
// Format 2 (index_file_v2.cpp) is read, never written. Format 3 (index_file_v3.cpp) is read in
// place: see there.
#pragma once

#include "byte_io.hpp"
#include "index_impl.hpp"
#include "index_reseal.hpp"

#include <memory>
#include <string>
#include <string_view>

namespace caci::detail {

constexpr char kIndexMagic[8] = {'C', 'A', 'C', 'I', 'I', 'D', 'X', '\0'};
constexpr uint32_t kFormatVersion = 3;
constexpr uint32_t kOldestReadVersion = 2;  // older files are refused with eversion
// What this library can read, as the files' minimum reader version counts: 4 is format 3 with
// two-byte document lengths, 5 adds patched position runs (posting_codec.hpp), 6 store table
// columns stored as differences (store_tables.cpp); an older reader would take any of them for
// corruption. A file asking for more is refused with eversion.
constexpr uint32_t kReaderVersion = 6;
constexpr size_t kHeaderSize = 56;

// The tokenizer folds with the same utf8proc tables as the normaliser.
const char *tokenizer_unicode_version();
// The start of a header, the same in every format: magic, format version, the oldest reader
// version that can read the file, length and checksum (zero: the writer patches them once known),
// the tokenizer's Unicode version (NUL-padded to 16 bytes), the section count and a zero word.
inline void put_header_start(std::string &out, uint32_t version, uint32_t min_reader,
                             size_t sections) {
  out.append(kIndexMagic, 8);
  put_u32le(out, version);
  put_u32le(out, min_reader);
  put_u64le(out, 0);
  put_u64le(out, 0);
  char unicode[16] = {};
  const char *v = tokenizer_unicode_version();
  for (size_t i = 0; i < 15 && v[i]; ++i) unicode[i] = v[i];
  out.append(unicode, 16);
  put_u32le(out, static_cast<uint32_t>(sections));
  put_u32le(out, 0);
}
Status corrupt(std::string *err, const std::string &why);
// A file built by a tokenizer of another Unicode version: terms may fold differently, so the
// stored text of `ix` (just read) is indexed again into `out`. eversion if the file has no text.
Status reindex_for_unicode(const IndexImpl &ix, const std::string &unicode,
                           std::unique_ptr<IndexImpl> &out, std::string *err);

// Format 2: decodes everything into memory (`bytes` need not outlive the call).
Status load_v2(std::string_view bytes, std::unique_ptr<IndexImpl> &out, std::string *err);
// Appends `ix` (finalized) as a format 2 file. The library never writes format 2; tests use this
// to check that such files are still read.
Status write_v2(IndexImpl &ix, std::string &out, const SaveOptions &save_opts);
// Format 3: reads `bytes` in place; the index keeps them alive.
Status open_v3(std::shared_ptr<const FileBytes> bytes, std::unique_ptr<IndexImpl> &out,
               std::string *err);
// A sink that can make room for the whole file once its size is known (a string grown by doubling
// would copy the file and hold two copies at once). write_v3 tells it before the first write.
class SizedSink : public ByteSink {
public:
  virtual void expect(uint64_t total_bytes) = 0;
};

// Writes `ix` (finalized, nothing removed) as format 3. eio if the sink fails.
Status write_v3(const IndexImpl &ix, const SaveOptions &opts, ByteSink &sink);
// Checks everything open_v3 leaves for later: posting pages, text chunks, term order.
Status verify_v3(const IndexImpl &ix, std::string *err);

}  // namespace caci::detail
