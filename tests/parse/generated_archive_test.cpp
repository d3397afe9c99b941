// The benchmark generator's archive (tools/gen_archive.cpp) parsed and compared with the
// generator's own record of what it wrote: every entry found once, with its kind, and duplicates
// merged. Skipped unless CACI_GEN_ARCHIVE_DIR names a generated archive directory, e.g.
//   build/bench/caci_gen_archive --articles 20000 --seed 1 --out /tmp/arch
//   CACI_GEN_ARCHIVE_DIR=/tmp/arch build/tests/test_parse --gtest_filter='GeneratedArchive.*'
//
// Spans differ by convention (the generator starts an entry at its category or date header line,
// the parser at its title or byline), so each parsed entry is matched to the expected entry of the
// same page whose start is the last one at or before it.
#include "parse_support.hpp"

#include <cstdlib>
#include <map>
#include <sstream>

using namespace caci;
using namespace caci_test;

namespace {

struct Expected {
  uint64_t byte_start = 0;
  std::string kind;
  bool duplicate = false;
  int seen = 0;
};

struct Found {
  uint64_t byte_start = 0;
  std::string kind;
  bool duplicate = false;
};

}  // namespace

TEST(GeneratedArchive, MatchesTheGeneratorsManifest) {
  const char *dir_env = std::getenv("CACI_GEN_ARCHIVE_DIR");
  if (!dir_env || !*dir_env) GTEST_SKIP() << "CACI_GEN_ARCHIVE_DIR not set";
  const std::string dir = dir_env;
  bool ok = false;
  std::string tsv = read_file(dir + "/entries.tsv", &ok);
  ASSERT_TRUE(ok) << "no entries.tsv in " << dir;
  std::string manifest = read_file(dir + "/manifest.txt", &ok);
  ASSERT_TRUE(ok) << "no manifest.txt in " << dir;

  // page -> expected entries in file order (the generator writes them in order).
  std::map<std::string, std::vector<Expected>> expected;
  std::istringstream in(tsv);
  std::string row;
  while (std::getline(in, row)) {
    if (row.rfind("page\t", 0) == 0 || row.empty()) continue;
    std::istringstream f(row);
    std::string page, start, kind, dup;
    std::getline(f, page, '\t');
    std::getline(f, start, '\t');
    std::getline(f, kind, '\t');
    std::getline(f, dup, '\t');
    expected[page].push_back(Expected{std::stoull(start), kind, dup == "1", 0});
  }
  std::map<std::string, uint64_t> counts;  // manifest.txt: "key value" per line
  std::istringstream mf(manifest);
  while (std::getline(mf, row)) {
    size_t sp = row.find(' ');
    if (sp != std::string::npos)
      counts[row.substr(0, sp)] = std::strtoull(row.c_str() + sp + 1, nullptr, 10);
  }

  Document doc;
  for (const auto &e : expected) {
    const std::string page = read_file(dir + "/" + e.first, &ok);
    ASSERT_TRUE(ok) << e.first;
    ASSERT_EQ(parse_page(doc, e.first, page), Status::ok) << e.first;
  }
  expect_accounted(doc);
  EXPECT_EQ(doc.stats.bytes_unclassified, 0u);

  std::map<std::string, std::vector<Found>> found;
  std::map<std::string, uint64_t> kinds;
  for (const Article &a : doc.store.articles) {
    ++kinds[kind_name(a.kind)];
    found[std::string(doc.store.file_name(a.source.file))].push_back(
        Found{a.source.byte_start, kind_name(a.kind), false});
    for (const SourceRef &d : a.duplicates)
      found[std::string(doc.store.file_name(d.file))].push_back(
          Found{d.byte_start, kind_name(a.kind), true});
  }
  EXPECT_EQ(doc.stats.articles, counts["articles"]);
  EXPECT_EQ(doc.stats.duplicates, counts["duplicates"]);
  for (const char *k : {"article", "excerpt", "teaser", "digest"})
    EXPECT_EQ(kinds[k], counts[std::string("kind_") + k]) << k;

  size_t mismatches = 0;
  for (auto &page : expected) {
    std::vector<Expected> &exp = page.second;
    for (const Found &f : found[page.first]) {
      size_t i = exp.size();
      while (i > 0 && exp[i - 1].byte_start > f.byte_start) --i;
      if (i == 0) {
        ADD_FAILURE() << page.first << " byte " << f.byte_start
                      << ": parsed before any expected entry";
        ++mismatches;
        continue;
      }
      Expected &e = exp[i - 1];
      const bool again = e.seen++ > 0;
      if (e.kind != f.kind || e.duplicate != f.duplicate || again) {
        if (++mismatches <= 20)
          ADD_FAILURE() << page.first << " byte " << f.byte_start << ": parsed " << f.kind
                        << (f.duplicate ? " (duplicate)" : "") << ", expected entry at "
                        << e.byte_start << ": " << e.kind << (e.duplicate ? " (duplicate)" : "")
                        << (e.seen > 1 ? ", found twice" : "");
      }
    }
    for (const Expected &e : exp)
      if (e.seen == 0 && ++mismatches <= 20)
        ADD_FAILURE() << page.first << " byte " << e.byte_start << ": entry not found";
  }
  EXPECT_EQ(mismatches, 0u);
}
