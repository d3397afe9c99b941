// Pathological queries against a small index: deep nesting, megabyte queries, operator storms.
// Each must return CACI_OK or CACI_EQUERY (with an offset inside the query), never crash or blow
// the stack, and take time linear in the query length.
#include "fuzz_capi_checks.hpp"
#include "fuzz_fixture.hpp"
#include "pathological_support.hpp"

#include <string>

using namespace caci_patho;

namespace {

class PathologicalQuery : public ::testing::Test {
protected:
  static void SetUpTestSuite() { index_ = caci_fuzz::build_fixture_index(); }
  static void TearDownTestSuite() {
    caci_index_free(index_);
    index_ = nullptr;
  }

  // Runs a query; checks the status contract and the results.
  static caci_status run(const std::string &query) {
    caci_results *results = nullptr;
    caci_search_options opts = CACI_SEARCH_OPTIONS_INIT;
    opts.flags = CACI_SEARCH_FACETS;
    const caci_status st = caci_index_search(index_, query.data(), query.size(), &opts, &results);
    EXPECT_TRUE(st == CACI_OK || st == CACI_EQUERY) << caci_status_str(st);
    if (st == CACI_OK) {
      EXPECT_NE(results, nullptr);
      if (results) caci_fuzz::check_results(results, opts.limit);
    } else {
      EXPECT_EQ(results, nullptr);
      caci_str message{};
      size_t offset = SIZE_MAX;
      EXPECT_EQ(caci_index_error(index_, &message, &offset), CACI_OK);
      EXPECT_GT(message.len, 0u);
      EXPECT_LE(offset, query.size());
    }
    caci_results_free(results);
    return st;
  }

  static void check_linear(const std::string &what, const std::string &small,
                           const std::string &large) {
    run(large);
    expect_linear(
        what, [&] { run(small); }, [&] { run(large); });
  }

  static caci_index *index_;
};

caci_index *PathologicalQuery::index_ = nullptr;

std::string nested(size_t depth, std::string_view open, std::string_view core,
                   std::string_view close) {
  return repeat(open, depth) + std::string(core) + repeat(close, depth);
}

}  // namespace

TEST_F(PathologicalQuery, FixtureIndexBuilt) {
  ASSERT_NE(index_, nullptr);
  EXPECT_GE(caci_index_article_count(index_), 1u);
}

TEST_F(PathologicalQuery, HundredThousandDeepParentheses) {
  ASSERT_NE(index_, nullptr);
  check_linear("nested parentheses", nested(10000, "(", "caspian", ")"),
               nested(100000, "(", "caspian", ")"));
  run(repeat("(", 100000));  // unbalanced
  run(repeat(")", 100000));
}

TEST_F(PathologicalQuery, HundredThousandDeepOperators) {
  ASSERT_NE(index_, nullptr);
  check_linear("NOT chain", repeat("NOT ", 10000) + "caspian", repeat("NOT ", 100000) + "caspian");
  check_linear("nested NOT (", nested(10000, "NOT (", "caspian", ")"),
               nested(100000, "NOT (", "caspian", ")"));
  check_linear("-( chain", nested(10000, "-(", "x", ")"), nested(100000, "-(", "x", ")"));
  run(repeat("OR ", 100000));
  run(repeat("NEAR/3 ", 100000));
  run("caspian" + repeat(" OR caspian", 100000));
  run(nested(100000, "author:(", "x", ")"));
}

TEST_F(PathologicalQuery, MegabyteQueries) {
  ASSERT_NE(index_, nullptr);
  check_linear("1 MB of words", repeat("caspian energy ", 7000), repeat("caspian energy ", 70000));
  check_linear("1 MB single term", std::string(100000, 'a'), std::string(1000000, 'a'));
  check_linear("1 MB phrase", "\"" + repeat("energy markets ", 7000) + "\"",
               "\"" + repeat("energy markets ", 70000) + "\"");
  check_linear("1 MB of OR", repeat("pipeline OR ", 9000) + "x",
               repeat("pipeline OR ", 90000) + "x");
  check_linear("1 MB of prefixes", repeat("p* ", 35000), repeat("p* ", 350000));
  check_linear("1 MB of quotes", std::string(100000, '"'), std::string(1000000, '"'));
  check_linear("1 MB of colons", std::string(100000, ':'), std::string(1000000, ':'));
  std::string invalid;
  for (int i = 0; i < 1000000; ++i) invalid.push_back(static_cast<char>(0x80 + i % 0x7F));
  run(invalid);
  run(std::string(1000000, '\0'));
}

TEST_F(PathologicalQuery, CombiningMarkRunInOneTerm) {
  // The tokenizer case-folds and strips diacritics through Unicode decomposition: a term made of
  // one letter and a long run of combining marks must not take quadratic time.
  ASSERT_NE(index_, nullptr);
  const std::string marks = "\xcc\x81\xcc\xa3\xcd\x85\xcc\x88";  // U+0301 U+0323 U+0345 U+0308
  check_linear("combining marks in a query term", "a" + repeat(marks, 600),
               "a" + repeat(marks, 6000));
}
