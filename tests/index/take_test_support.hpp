// Shared by the tests that compare an index taken from a parsed document with one built by
// add_document: page files, parsing them, and a ranking that two equal indexes must share.
#pragma once

#include "caci/core/index.hpp"
#include "caci/core/parse.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace caci_test {

// The .txt files of a folder, sorted (none when it does not exist).
inline std::vector<std::filesystem::path> page_files(const std::string &dir) {
  std::vector<std::filesystem::path> files;
  std::error_code ec;
  for (const auto &e : std::filesystem::directory_iterator(dir, ec))
    if (e.path().extension() == ".txt") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  return files;
}

// files[from, to) parsed into one document.
inline caci::Document parse_files(const std::vector<std::filesystem::path> &files, size_t from = 0,
                                  size_t to = size_t(-1)) {
  caci::Document doc;
  for (size_t i = from; i < std::min(to, files.size()); ++i) {
    std::ifstream in(files[i], std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    EXPECT_FALSE(caci::failed(caci::parse_page(doc, files[i].filename().string(), ss.str())));
  }
  return doc;
}

// Total, then "id score snippet" for each hit, then the facets.
inline std::vector<std::string> ranking(const caci::Index &ix, const char *q) {
  caci::SearchOptions o;
  o.limit = 50;
  o.facets = true;
  caci::SearchResults r;
  EXPECT_EQ(ix.search(q, o, r, nullptr), caci::Status::ok) << q;
  std::vector<std::string> out{"total=" + std::to_string(r.total)};
  for (const caci::Hit &h : r.hits) {
    const caci::Article &a = ix.store().articles[h.article];
    const std::string_view text = ix.store().body_text(a.text);
    char buf[64];
    std::snprintf(buf, sizeof buf, "%016llx %.9g ", static_cast<unsigned long long>(a.id), h.score);
    out.push_back(buf + std::string(text.substr(h.snippet_start, h.snippet_end - h.snippet_start)));
  }
  for (const auto &f : r.facets)
    for (const auto &v : f) out.push_back(v.value + "=" + std::to_string(v.count));
  return out;
}

// Words, phrases, fields, ranges, OR, negation, fuzzy, prefix and the empty query.
inline const char *const kQueries[] = {"pipeline",         "\"border talks\"",
                                       "author:Vasstrand", "year:2001..2004",
                                       "gas OR oil",       "-pipeline",
                                       "agdam~1",          "ka*",
                                       "security",         ""};

}  // namespace caci_test
