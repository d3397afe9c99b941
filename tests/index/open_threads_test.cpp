// Opening a large format 3 file checks the checksums of its small sections and fills its paragraph
// table on a second thread (index_file_v3.cpp SectionCheck: 1 MiB of small sections and more;
// store_tables.cpp ParagraphFill: 32,768 paragraphs and more). Smaller files, which every other
// test uses, take the serial path. These tests open a file of 5,000 generated articles (both
// paths threaded) and check that it reads exactly what the built index holds and that a damaged
// file is refused with the serial path's errors.
#include "../../core/src/index/index_file.hpp"  // reseal_index

#include "caci/core/index.hpp"
#include "caci/core/normalize.hpp"
#include "caci/core/parse.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

using namespace caci;

namespace {

// The 5,000-article archive the tests' fixture generates (generated_archive_5k_write).
std::string large_index_bytes(Index &built) {
  const char *env = std::getenv("CACI_GEN_ARCHIVE_5K_DIR");
  const std::string dir =
      env && *env ? std::string(env) : std::string(CACI_BINARY_DIR) + "/tests/generated-archive-5k";
  std::vector<std::filesystem::path> files;
  std::error_code ec;
  for (const auto &e : std::filesystem::directory_iterator(dir, ec))
    if (e.path().extension() == ".txt") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  EXPECT_FALSE(files.empty()) << "no generated archive in " << dir;
  Document doc;
  for (const auto &f : files) {
    std::ifstream in(f, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    EXPECT_FALSE(failed(parse_page(doc, f.filename().string(), ss.str())));
  }
  size_t added = 0;
  EXPECT_EQ(built.add_document(doc, &added), Status::ok);
  std::string bytes;
  EXPECT_EQ(built.save(bytes), Status::ok);
  return bytes;
}

struct LargeFile : ::testing::Test {
  static void SetUpTestSuite() {
    built_ = new Index();
    bytes_ = new std::string(large_index_bytes(*built_));
  }
  static void TearDownTestSuite() {
    delete built_;
    delete bytes_;
  }
  static Index *built_;
  static std::string *bytes_;
};
Index *LargeFile::built_ = nullptr;
std::string *LargeFile::bytes_ = nullptr;

std::vector<uint64_t> ranking(const Index &ix, const char *q) {
  SearchOptions o;
  o.limit = 50;
  SearchResults r;
  EXPECT_EQ(ix.search(q, o, r, nullptr), Status::ok) << q;
  std::vector<uint64_t> ids;
  for (const Hit &h : r.hits) ids.push_back(ix.store().articles[h.article].id);
  return ids;
}

TEST_F(LargeFile, TakesTheThreadedPathsAndReadsWhatWasBuilt) {
  const ArticleStore &b = built_->store();
  // Both thresholds are crossed, or this test checks the serial path only.
  ASSERT_GE(b.paragraphs.size(), size_t(1) << 15);
  const auto *f = reinterpret_cast<const uint8_t *>(bytes_->data());
  uint64_t small_sections = 0;
  for (uint32_t i = 0, n = detail::get_u32le(f + 48); i < n; ++i) {
    const uint8_t *e = f + detail::kHeaderSize + i * 32;
    if (!(detail::get_u32le(e + 4) & 1)) small_sections += detail::get_u64le(e + 16);
  }
  ASSERT_GE(small_sections, uint64_t(1) << 20);
  Index opened;
  std::string err;
  ASSERT_EQ(Index::load_view(*bytes_, opened, &err), Status::ok) << err;
  const ArticleStore &o = opened.store();
  ASSERT_EQ(o.articles.size(), b.articles.size());
  ASSERT_EQ(o.paragraphs.size(), b.paragraphs.size());
  for (size_t i = 0; i < b.paragraphs.size(); ++i) {
    const std::string_view text = o.body_text(o.paragraphs[i]);
    ASSERT_EQ(text, b.body_text(b.paragraphs[i])) << "paragraph " << i;
    ASSERT_TRUE(utf8_valid(text)) << "paragraph " << i;
  }
  for (size_t i = 0; i < b.articles.size(); ++i) {
    ASSERT_EQ(o.articles[i].id, b.articles[i].id);
    ASSERT_EQ(o.articles[i].lead.begin, b.articles[i].lead.begin);
    ASSERT_EQ(o.articles[i].sections.count, b.articles[i].sections.count);
  }
  for (const char *q : {"security", "pipeline", "\"border talks\"", "gas NEAR/5 Turkmenistan"})
    EXPECT_EQ(ranking(opened, q), ranking(*built_, q)) << q;
}

// A damaged byte in any section read whole at open is a checksum mismatch naming that section,
// found by the second thread and reported before the index is handed out.
TEST_F(LargeFile, ADamagedSmallSectionIsAChecksumMismatch) {
  const auto *b = reinterpret_cast<const uint8_t *>(bytes_->data());
  const uint32_t sections = detail::get_u32le(b + 48);
  int damaged = 0;
  for (uint32_t i = 0; i < sections; ++i) {
    const uint8_t *e = b + detail::kHeaderSize + i * 32;
    const uint32_t id = detail::get_u32le(e), lazy = detail::get_u32le(e + 4) & 1;
    const uint64_t off = detail::get_u64le(e + 8), len = detail::get_u64le(e + 16);
    if (lazy || len == 0) continue;  // postings and text: checked page by page when read
    std::string bad = *bytes_;
    bad[off + len / 2] ^= 0x20;
    Index out;
    std::string err;
    EXPECT_EQ(Index::load_view(bad, out, &err), Status::ecorrupt) << "section " << id;
    EXPECT_EQ(err, "corrupt index: checksum mismatch in section " + std::to_string(id));
    ++damaged;
  }
  EXPECT_GE(damaged, 5);
}

// Flips behind repaired checksums reach the decoders, the threaded paragraph fill among them: each
// file is refused as corrupt or opens into an index whose every paragraph is in range and valid
// UTF-8.
TEST_F(LargeFile, ForgedSmallSectionsAreRefusedOrSafe) {
  const auto *b = reinterpret_cast<const uint8_t *>(bytes_->data());
  const uint32_t sections = detail::get_u32le(b + 48);
  uint32_t state = 12345;
  auto next = [&state] { return state = state * 1664525u + 1013904223u; };
  int refused = 0, opened = 0;
  for (uint32_t i = 0; i < sections; ++i) {
    const uint8_t *e = b + detail::kHeaderSize + i * 32;
    const uint64_t off = detail::get_u64le(e + 8), len = detail::get_u64le(e + 16);
    if ((detail::get_u32le(e + 4) & 1) || len == 0) continue;
    for (int k = 0; k < 4; ++k) {
      std::string bad = *bytes_;
      bad[off + next() % len] ^= static_cast<char>(1 + next() % 255);
      detail::reseal_index(bad);
      Index out;
      std::string err;
      const Status st = Index::load_view(bad, out, &err);
      if (st != Status::ok) {
        EXPECT_TRUE(st == Status::ecorrupt || st == Status::eversion) << err;
        EXPECT_FALSE(err.empty());
        ++refused;
        continue;
      }
      ++opened;
      const ArticleStore &s = out.store();
      for (const TextRef &p : s.paragraphs) {
        ASSERT_TRUE(s.body_in_range(p));
        ASSERT_TRUE(utf8_valid(s.body_text(p)));
      }
      SearchResults r;
      EXPECT_EQ(out.search("security", SearchOptions(), r, nullptr), Status::ok);
    }
  }
  EXPECT_GT(refused + opened, 20);
}

}  // namespace
