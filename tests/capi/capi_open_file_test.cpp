// Index format 3 through the C ABI: caci_index_open_file (mapped), caci_index_load_view (the
// caller's bytes, in place), caci_index_load (copied) give the same index; opening checks only the
// small sections and caci_index_verify the rest; a damaged text chunk is reported, never read out
// of bounds; an opened index can still be changed and saved.
#include "capi_fixtures.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <string>
#include <unistd.h>

using namespace capi_test;

namespace {

// Enough varied text for several 64 KiB text chunks.
std::string pages() {
  std::string s;
  const char *places[] = {"Kazakhstan", "Georgia", "Azerbaijan", "Uzbekistan", "Armenia"};
  const char *first[] = {"Anna", "Boris", "Dilnoza", "Giorgi", "Leyla", "Timur", "Nino"};
  const char *last[] = {"Petrova", "Aliyev", "Karimova", "Beridze", "Mammadova", "Sultanov"};
  const char *months[] = {"January", "March", "May", "July", "September", "November"};
  for (int i = 0; i < 400; ++i) {
    char head[160];
    std::snprintf(head, sizeof head, "By %s %s\n%s %d, %d\n", first[i % 7], last[i % 6],
                  months[i % 6], 1 + i % 28, 2000 + i % 25);
    s += head;
    for (int p = 0; p < 6; ++p) {
      char para[400];
      std::snprintf(para, sizeof para,
                    "Paragraph %d of article %d on %s: pipelines, elections and the %s of trade "
                    "number %d, with negotiations in %s over security and energy %d.\n",
                    p, i, places[(i + p) % 5], p % 2 ? "politics" : "economics", i * 7 + p,
                    places[(i * 3 + p) % 5], i ^ p);
      s += para;
    }
  }
  return s;
}

std::string saved_index() {
  const std::string text = pages();
  Doc d(text.c_str());
  EXPECT_EQ(d.status, CACI_OK);
  caci_index *index = nullptr;
  EXPECT_EQ(caci_index_new(nullptr, &index), CACI_OK);
  EXPECT_EQ(caci_index_add_doc(index, d.doc, nullptr), CACI_OK);
  caci_str out{};
  EXPECT_EQ(caci_index_save(index, &out), CACI_OK);
  std::string bytes(out.ptr, out.len);
  caci_index_free(index);
  return bytes;
}

std::string write_temp(const std::string &bytes) {
  char path[] = "/tmp/caci-open-file-XXXXXX";
  const int fd = mkstemp(path);
  EXPECT_GE(fd, 0);
  EXPECT_EQ(write(fd, bytes.data(), bytes.size()), static_cast<ssize_t>(bytes.size()));
  close(fd);
  return path;
}

// Hits (ids and snippet text) of a few queries: what a user sees.
std::string answers(caci_index *index) {
  std::string out;
  for (const char *q : {"pipelines", "kazakhstan NEAR/5 energy", "\"the politics\"", "armenia"}) {
    caci_results *r = nullptr;
    EXPECT_EQ(caci_index_search(index, q, std::char_traits<char>::length(q), nullptr, &r), CACI_OK);
    out += std::to_string(caci_results_total(r)) + ":";
    for (size_t i = 0; i < caci_results_count(r); ++i) {
      const caci_article *a = caci_results_article(r, i);
      char id[17];
      caci_id_format(caci_article_id(a), id);
      const caci_str text = caci_article_text(a);
      out += std::string(id) + "/" + std::string(text.ptr, text.len).substr(0, 40) + ";";
    }
    caci_results_free(r);
  }
  return out;
}

TEST(CapiOpenFile, OpenViewAndLoadGiveTheSameIndex) {
  const std::string bytes = saved_index();
  const std::string path = write_temp(bytes);
  caci_index *mapped = nullptr, *view = nullptr, *copied = nullptr;
  ASSERT_EQ(caci_index_open_file(path.c_str(), nullptr, &mapped), CACI_OK)
      << caci_last_load_error();
  ASSERT_EQ(caci_index_load_view(bytes.data(), bytes.size(), nullptr, &view), CACI_OK);
  ASSERT_EQ(caci_index_load(bytes.data(), bytes.size(), nullptr, &copied), CACI_OK);
  EXPECT_EQ(caci_index_article_count(mapped), 400u);
  const std::string want = answers(copied);
  EXPECT_NE(want.find("Paragraph"), std::string::npos);  // the text was decoded
  EXPECT_EQ(answers(mapped), want);
  EXPECT_EQ(answers(view), want);
  caci_str problem{};
  EXPECT_EQ(caci_index_verify(mapped, &problem), CACI_OK);
  EXPECT_EQ(problem.len, 0u);
  // Saved unchanged, an opened index is its own bytes.
  caci_str again{};
  ASSERT_EQ(caci_index_save(mapped, &again), CACI_OK);
  EXPECT_EQ(std::string(again.ptr, again.len), bytes);
  caci_index_free(mapped);
  caci_index_free(view);
  caci_index_free(copied);
  std::remove(path.c_str());
}

TEST(CapiOpenFile, DamagedTextIsFoundByVerifyNotByOpening) {
  std::string bytes = saved_index();
  bytes[bytes.size() - 100] ^= 0x5a;  // the last section: the compressed text chunks
  caci_index *index = nullptr;
  ASSERT_EQ(caci_index_load_view(bytes.data(), bytes.size(), nullptr, &index), CACI_OK);
  answers(index);  // searching reads what it needs; a damaged chunk reads as empty text
  caci_str problem{};
  EXPECT_EQ(caci_index_verify(index, &problem), CACI_ECORRUPT);
  EXPECT_NE(std::string(problem.ptr, problem.len).find("chunk"), std::string::npos);
  caci_index_free(index);
}

TEST(CapiOpenFile, AnOpenedIndexCanBeChangedAndSaved) {
  const std::string bytes = saved_index();
  caci_index *index = nullptr;
  ASSERT_EQ(caci_index_load_view(bytes.data(), bytes.size(), nullptr, &index), CACI_OK);
  const std::string before = answers(index);
  Doc extra("By New Person\nJune 1, 2024\nA lead about pipelines in Mongolia.\n");
  size_t added = 0;
  ASSERT_EQ(caci_index_add_doc(index, extra.doc, &added), CACI_OK);
  EXPECT_EQ(added, 1u);
  EXPECT_EQ(caci_index_article_count(index), 401u);
  caci_str out{};
  ASSERT_EQ(caci_index_save(index, &out), CACI_OK);
  const std::string resaved(out.ptr, out.len);
  caci_index *back = nullptr;
  ASSERT_EQ(caci_index_load(resaved.data(), resaved.size(), nullptr, &back), CACI_OK);
  EXPECT_EQ(caci_index_article_count(back), 401u);
  EXPECT_NE(answers(back), before);  // mongolia's pipelines article is found
  EXPECT_EQ(caci_index_verify(back, nullptr), CACI_OK);
  caci_index_free(back);
  caci_index_free(index);
}

TEST(CapiOpenFile, BadArgumentsAndMissingFiles) {
  caci_index *index = reinterpret_cast<caci_index *>(1);
  EXPECT_EQ(caci_index_open_file(nullptr, nullptr, &index), CACI_EINVAL);
  EXPECT_EQ(index, nullptr);
  EXPECT_EQ(caci_index_open_file("/tmp", nullptr, nullptr), CACI_EINVAL);
  EXPECT_EQ(caci_index_open_file("/nonexistent/x.caci", nullptr, &index), CACI_ENOTFOUND);
  EXPECT_NE(std::string(caci_last_load_error()).find("x.caci"), std::string::npos);
  EXPECT_EQ(caci_index_open_file("/tmp", nullptr, &index), CACI_EIO);  // a directory
  EXPECT_EQ(caci_index_load_view(nullptr, 5, nullptr, &index), CACI_EINVAL);
  EXPECT_EQ(caci_index_load_view("CACIIDX", 7, nullptr, &index), CACI_ECORRUPT);
  EXPECT_EQ(caci_index_verify(nullptr, nullptr), CACI_EINVAL);
}

}  // namespace
