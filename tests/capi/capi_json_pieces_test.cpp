// caci_doc_to_json_next() and caci_doc_to_json_range(): the JSON in pieces and in ranges, as caci
// parse writes it out, must be exactly caci_doc_to_json()'s output; and caci_doc_reserve(), the
// size hint it sends first, changes nothing but speed.
#include "capi_fixtures.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <thread>
#include <vector>

using namespace capi_test;

namespace {

// Distinct articles, several MB of JSON: enough for many pieces.
std::vector<std::string> many_pages(int pages, int articles_per_page) {
  std::vector<std::string> out;
  for (int p = 0; p < pages; ++p) {
    std::string page;
    for (int a = 0; a < articles_per_page; ++a) {
      const std::string n = std::to_string(p * articles_per_page + a);
      page += "By Firstname Lastname\nJanuary 29, 2025\nA lead paragraph " + n +
              " about pipelines across the Caspian, \"quoted\" and with a tab\there.\n"
              "BACKGROUND: The background " +
              n + " of gas exports from Kazakhstan" + std::string(400, '.') +
              "\nIMPLICATIONS: Implications for the region.\n"
              "CONCLUSIONS: The end.\nAUTHOR'S BIO: Firstname Lastname is a researcher.\n";
    }
    out.push_back(page);
  }
  return out;
}

struct BigDoc {
  caci_doc *doc = nullptr;
  explicit BigDoc(bool reserve = false) {
    EXPECT_EQ(caci_doc_new(nullptr, &doc), CACI_OK);
    std::vector<std::string> pages = many_pages(40, 100);
    if (reserve) {
      uint64_t total = 0;
      for (const std::string &p : pages) total += p.size();
      EXPECT_EQ(caci_doc_reserve(doc, total), CACI_OK);
    }
    for (size_t i = 0; i < pages.size(); ++i) {
      const std::string name = "page_" + std::to_string(i) + ".txt";
      EXPECT_EQ(caci_doc_parse(doc, name.data(), name.size(), pages[i].data(), pages[i].size()),
                CACI_OK);
    }
    // A duplicate (merged into an earlier article) and a page with an invalid byte (diagnostic).
    EXPECT_EQ(caci_doc_parse(doc, "again.txt", 9, pages[3].data(), pages[3].size()), CACI_OK);
    EXPECT_EQ(caci_doc_parse(doc, "bad.txt", 7, kPageInvalidUtf8, sizeof kPageInvalidUtf8 - 1),
              CACI_OK);
  }
  ~BigDoc() { caci_doc_free(doc); }
};

std::string whole(caci_doc *doc, int format) {
  caci_str json{};
  EXPECT_EQ(caci_doc_to_json(doc, format, &json), CACI_OK);
  return std::string(view(json));
}

std::string in_pieces(caci_doc *doc, int format, size_t *piece_count) {
  std::string out;
  uint64_t cursor = 0;
  *piece_count = 0;
  for (;;) {
    caci_str piece{};
    EXPECT_EQ(caci_doc_to_json_next(doc, format, &cursor, &piece), CACI_OK);
    if (piece.len == 0) break;
    ++*piece_count;
    // Whole articles: in JSON Lines every piece ends a line.
    if (format == CACI_JSONL) {
      EXPECT_EQ(piece.ptr[piece.len - 1], '\n');
    }
    out.append(piece.ptr, piece.len);
    if (*piece_count > 1000) break;  // a cursor that never ends would fail here, not hang
  }
  return out;
}

}  // namespace

TEST(CapiJsonPieces, ConcatenatedPiecesEqualTheWholeJson) {
  BigDoc d;
  for (int format : {CACI_JSON, CACI_JSONL}) {
    SCOPED_TRACE(format);
    const std::string expected = whole(d.doc, format);
    ASSERT_GT(expected.size(), size_t(3) << 20);
    size_t pieces = 0;
    const std::string got = in_pieces(d.doc, format, &pieces);
    EXPECT_GE(pieces, 3u);
    EXPECT_EQ(got.size(), expected.size());
    EXPECT_TRUE(got == expected);
  }
  EXPECT_NE(whole(d.doc, CACI_JSON).find("\"code\":\"invalid_utf8\""), std::string::npos);
  EXPECT_NE(whole(d.doc, CACI_JSON).find("again.txt"), std::string::npos);
}

TEST(CapiJsonPieces, AnEmptyDocumentIsTheEmptyContract) {
  Doc d("", "empty.txt");
  ASSERT_EQ(d.status, CACI_OK);
  size_t pieces = 0;
  EXPECT_EQ(in_pieces(d.doc, CACI_JSON, &pieces), whole(d.doc, CACI_JSON));
  EXPECT_EQ(pieces, 1u);
  EXPECT_EQ(in_pieces(d.doc, CACI_JSONL, &pieces), "");
  EXPECT_EQ(pieces, 0u);
}

TEST(CapiJsonPieces, DoneStaysDone) {
  Doc d(kPage);
  ASSERT_EQ(d.status, CACI_OK);
  uint64_t cursor = 0;
  caci_str piece{};
  ASSERT_EQ(caci_doc_to_json_next(d.doc, CACI_JSONL, &cursor, &piece), CACI_OK);
  EXPECT_EQ(view(piece), whole(d.doc, CACI_JSONL));
  const uint64_t end = cursor;
  for (int i = 0; i < 3; ++i) {
    ASSERT_EQ(caci_doc_to_json_next(d.doc, CACI_JSONL, &cursor, &piece), CACI_OK);
    EXPECT_EQ(piece.len, 0u);
    EXPECT_EQ(cursor, end);
  }
}

TEST(CapiJsonPieces, BadArgumentsAreRefused) {
  Doc d(kPage);
  ASSERT_EQ(d.status, CACI_OK);
  uint64_t cursor = 0;
  caci_str piece{};
  EXPECT_EQ(caci_doc_to_json_next(nullptr, CACI_JSON, &cursor, &piece), CACI_EINVAL);
  EXPECT_EQ(caci_doc_to_json_next(d.doc, CACI_JSON, nullptr, &piece), CACI_EINVAL);
  EXPECT_EQ(caci_doc_to_json_next(d.doc, CACI_JSON, &cursor, nullptr), CACI_EINVAL);
  EXPECT_EQ(caci_doc_to_json_next(d.doc, 7, &cursor, &piece), CACI_EINVAL);
  cursor = 1000000;  // past the end of this document: no call returned it
  EXPECT_EQ(caci_doc_to_json_next(d.doc, CACI_JSON, &cursor, &piece), CACI_EINVAL);
  EXPECT_EQ(piece.ptr, nullptr);
  EXPECT_EQ(cursor, 1000000u);
}

TEST(CapiJsonPieces, ReserveChangesNothingButCapacity) {
  BigDoc plain(false), reserved(true);
  EXPECT_EQ(whole(reserved.doc, CACI_JSON), whole(plain.doc, CACI_JSON));
  EXPECT_EQ(caci_doc_reserve(nullptr, 10), CACI_EINVAL);
  EXPECT_EQ(caci_doc_reserve(plain.doc, uint64_t(1) << 40), CACI_ERANGE);
  EXPECT_EQ(caci_doc_reserve(plain.doc, 0), CACI_OK);
  EXPECT_EQ(whole(plain.doc, CACI_JSON), whole(reserved.doc, CACI_JSON));
}

// caci_doc_json_split() + caci_doc_to_json_range(): caci parse writes a document's JSON as ranges
// produced on two threads. The ranges, in order, must be exactly the whole JSON, however many there
// are and whichever thread writes which.
namespace {

std::vector<uint64_t> split(caci_doc *doc, int format, size_t parts) {
  std::vector<uint64_t> cursors(parts + 1, ~uint64_t(0));
  EXPECT_EQ(caci_doc_json_split(doc, format, parts, cursors.data()), CACI_OK);
  return cursors;
}

std::string range(caci_doc *doc, int format, uint64_t from, uint64_t end) {
  std::string out;
  uint64_t cursor = from;
  for (int calls = 0; calls < 1000; ++calls) {  // a range that never ends fails, not hangs
    caci_str piece{};
    EXPECT_EQ(caci_doc_to_json_range(doc, format, &cursor, end, &piece), CACI_OK);
    if (piece.len == 0) break;
    if (format == CACI_JSONL) {
      EXPECT_EQ(piece.ptr[piece.len - 1], '\n');
    }
    out.append(piece.ptr, piece.len);
  }
  return out;
}

}  // namespace

TEST(CapiJsonRanges, RangesInOrderEqualTheWholeJson) {
  BigDoc d;
  for (int format : {CACI_JSON, CACI_JSONL}) {
    const std::string expected = whole(d.doc, format);
    for (size_t parts : {1u, 2u, 3u, 64u, 5000u}) {  // 5,000 ranges for ~4,000 articles
      SCOPED_TRACE(std::to_string(format) + " in " + std::to_string(parts));
      const std::vector<uint64_t> cursors = split(d.doc, format, parts);
      EXPECT_EQ(cursors[0], 0u);
      std::string got;
      size_t empty = 0;
      for (size_t i = 0; i < parts; ++i) {
        const std::string r = range(d.doc, format, cursors[i], cursors[i + 1]);
        empty += r.empty();
        got += r;
      }
      EXPECT_EQ(got.size(), expected.size());
      EXPECT_TRUE(got == expected);
      if (parts <= 64) {
        EXPECT_EQ(empty, 0u);  // every range holds some of it
      }
    }
  }
}

TEST(CapiJsonRanges, RangesAreAboutEqual) {
  BigDoc d;
  const size_t parts = 16;
  const std::vector<uint64_t> cursors = split(d.doc, CACI_JSONL, parts);
  const size_t total = whole(d.doc, CACI_JSONL).size();
  for (size_t i = 0; i < parts; ++i) {
    const size_t size = range(d.doc, CACI_JSONL, cursors[i], cursors[i + 1]).size();
    EXPECT_GT(size, total / parts / 2) << "range " << i;
    EXPECT_LT(size, total / parts * 2) << "range " << i;
  }
}

TEST(CapiJsonRanges, TwoThreadsWriteRangesOfOneDocumentAtOnce) {
  BigDoc d;
  for (int format : {CACI_JSON, CACI_JSONL}) {
    const size_t parts = 32;
    const std::vector<uint64_t> cursors = split(d.doc, format, parts);
    std::vector<std::string> ranges(parts);
    auto write = [&](size_t first) {
      for (size_t i = first; i < parts; i += 2)
        ranges[i] = range(d.doc, format, cursors[i], cursors[i + 1]);
    };
    std::thread other(write, 1);
    write(0);
    other.join();
    std::string got;
    for (const std::string &r : ranges) got += r;
    EXPECT_TRUE(got == whole(d.doc, format)) << format;
  }
}

TEST(CapiJsonRanges, AnEmptyDocumentSplitsIntoTheEmptyContract) {
  Doc d("", "empty.txt");
  ASSERT_EQ(d.status, CACI_OK);
  for (int format : {CACI_JSON, CACI_JSONL}) {
    const std::vector<uint64_t> cursors = split(d.doc, format, 4);
    std::string got;
    for (size_t i = 0; i < 4; ++i) got += range(d.doc, format, cursors[i], cursors[i + 1]);
    EXPECT_EQ(got, whole(d.doc, format)) << format;
  }
}

TEST(CapiJsonRanges, BadArgumentsAreRefused) {
  Doc d(kPage);
  ASSERT_EQ(d.status, CACI_OK);
  uint64_t cursors[3] = {};
  EXPECT_EQ(caci_doc_json_split(nullptr, CACI_JSON, 2, cursors), CACI_EINVAL);
  EXPECT_EQ(caci_doc_json_split(d.doc, CACI_JSON, 2, nullptr), CACI_EINVAL);
  EXPECT_EQ(caci_doc_json_split(d.doc, CACI_JSON, 0, cursors), CACI_EINVAL);
  EXPECT_EQ(caci_doc_json_split(d.doc, 7, 2, cursors), CACI_EINVAL);
  EXPECT_EQ(caci_doc_json_split(d.doc, CACI_JSON, (size_t(1) << 20) + 1, cursors), CACI_EINVAL);
  ASSERT_EQ(caci_doc_json_split(d.doc, CACI_JSON, 2, cursors), CACI_OK);
  const uint64_t end = cursors[2];
  uint64_t cursor = 0;
  caci_str piece{};
  EXPECT_EQ(caci_doc_to_json_range(nullptr, CACI_JSON, &cursor, end, &piece), CACI_EINVAL);
  EXPECT_EQ(caci_doc_to_json_range(d.doc, CACI_JSON, nullptr, end, &piece), CACI_EINVAL);
  EXPECT_EQ(caci_doc_to_json_range(d.doc, CACI_JSON, &cursor, end, nullptr), CACI_EINVAL);
  EXPECT_EQ(caci_doc_to_json_range(d.doc, 7, &cursor, end, &piece), CACI_EINVAL);
  // An end past the document's last piece, or before the cursor: no call returned such a pair.
  EXPECT_EQ(caci_doc_to_json_range(d.doc, CACI_JSON, &cursor, 1000000, &piece), CACI_EINVAL);
  EXPECT_EQ(piece.ptr, nullptr);
  EXPECT_EQ(cursor, 0u);
  cursor = end;
  EXPECT_EQ(caci_doc_to_json_range(d.doc, CACI_JSON, &cursor, 0, &piece), CACI_EINVAL);
  EXPECT_EQ(cursor, end);
  // A range that is done stays done.
  EXPECT_EQ(caci_doc_to_json_range(d.doc, CACI_JSON, &cursor, end, &piece), CACI_OK);
  EXPECT_EQ(piece.len, 0u);
  EXPECT_EQ(cursor, end);
}
