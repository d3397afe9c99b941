// main() of every GoogleTest executable: GoogleTest's own, plus one rule. Under CI=true (or CI=1) a
// skipped test fails: a skip means a gate did not run (a missing corpus, tool or data file), and a
// green CI must not hide that. Outside CI a skip stays a skip, with its reason.
#include <gtest/gtest.h>

#include <cctype>
#include <cstdlib>
#include <string>

namespace {

bool running_under_ci() {
  const char *ci = std::getenv("CI");
  if (!ci) return false;
  std::string value(ci);
  for (char &c : value) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return value == "true" || value == "1";
}

// Adds a failure to every skipped test as it ends. A test with a failure and a skip counts as
// failed. This runs in OnTestEnd, not OnTestPartResult: GoogleTest holds a lock while it reports a
// part result, so adding one from there deadlocks.
class SkipFailsUnderCI : public testing::EmptyTestEventListener {
  void OnTestEnd(const testing::TestInfo &test) override {
    const testing::TestResult &result = *test.result();
    if (!result.Skipped()) return;
    std::string why;
    for (int i = 0; i < result.total_part_count(); ++i)
      if (result.GetTestPartResult(i).skipped()) why = result.GetTestPartResult(i).message();
    ADD_FAILURE() << "skipped under CI=true, where every gate must run: " << why;
  }
};

}  // namespace

int main(int argc, char **argv) {
  testing::InitGoogleTest(&argc, argv);
  // Appended after the result printer, so it runs first at the end of a test (GoogleTest calls
  // OnTestEnd in reverse order): the printer then reports the test failed ("[  FAILED  ]"), not
  // "[  SKIPPED ]", which ctest would take for a skip whatever the exit status.
  if (running_under_ci())
    testing::UnitTest::GetInstance()->listeners().Append(new SkipFailsUnderCI);
  return RUN_ALL_TESTS();
}
