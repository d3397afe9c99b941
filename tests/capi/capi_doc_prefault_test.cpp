// caci_doc_prefault(): maps the memory caci_doc_reserve() set aside, a step at a time on the
// caller's thread, and may run while another thread parses into the same document (caci parse's
// page reader does that). It must change nothing but speed; the library itself starts no thread.
#include "capi_fixtures.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <thread>

using namespace capi_test;

namespace {

std::string page(int n) {
  std::string out;
  for (int a = 0; a < 20; ++a) {
    const std::string id = std::to_string(n * 20 + a);
    out += "By Firstname Lastname\nJanuary 29, 2025\nA lead paragraph " + id +
           " about pipelines across the Caspian.\nBACKGROUND: The background " + id +
           std::string(300, '.') + "\nIMPLICATIONS: Implications for the region.\n\n";
  }
  return out;
}

// Parses 200 pages into `doc` and returns its JSON.
std::string parse_all(caci_doc *doc) {
  for (int i = 0; i < 200; ++i) {
    const std::string bytes = page(i), name = "page_" + std::to_string(i) + ".txt";
    EXPECT_EQ(caci_doc_parse(doc, name.data(), name.size(), bytes.data(), bytes.size()), CACI_OK);
  }
  caci_str json{};
  EXPECT_EQ(caci_doc_to_json(doc, CACI_JSON, &json), CACI_OK);
  return std::string(view(json));
}

}  // namespace

TEST(CapiDocPrefault, NullAndNothingReserved) {
  EXPECT_EQ(caci_doc_prefault(nullptr, size_t(1) << 30), 0u);
  caci_doc *doc = nullptr;
  ASSERT_EQ(caci_doc_new(nullptr, &doc), CACI_OK);
  EXPECT_EQ(caci_doc_prefault(doc, size_t(1) << 30), 0u);  // nothing reserved: nothing to do
  caci_doc_free(doc);
}

TEST(CapiDocPrefault, BesideTheParserChangesNothing) {
  caci_doc *plain = nullptr, *prefaulted = nullptr;
  ASSERT_EQ(caci_doc_new(nullptr, &plain), CACI_OK);
  ASSERT_EQ(caci_doc_new(nullptr, &prefaulted), CACI_OK);
  const std::string expected = parse_all(plain);

  // More than the pages need, so several 2 MiB steps are mapped while the parser writes.
  ASSERT_EQ(caci_doc_reserve(prefaulted, uint64_t(24) << 20), CACI_OK);
  size_t covered = 0;
  std::thread prefault([prefaulted, &covered] {
    // Step by step, as the CLI does, until nothing is left.
    for (size_t n; (n = caci_doc_prefault(prefaulted, size_t(2) << 20)) != 0;) {
      EXPECT_LE(n, size_t(2) << 20);
      covered += n;
    }
  });
  const std::string got = parse_all(prefaulted);
  prefault.join();
  EXPECT_EQ(got, expected);
#if defined(__linux__)
  EXPECT_GT(covered, 0u);  // the reservation spans several 2 MiB steps
#endif
  EXPECT_LE(covered, size_t(24) << 20);
  EXPECT_EQ(caci_doc_prefault(prefaulted, size_t(1) << 30), 0u);  // all done

  // After clear the recorded range is gone; prefault is a no-op and parsing again is unchanged.
  caci_doc_clear(prefaulted);
  EXPECT_EQ(caci_doc_prefault(prefaulted, size_t(1) << 30), 0u);
  EXPECT_EQ(parse_all(prefaulted), expected);
  caci_doc_free(plain);
  caci_doc_free(prefaulted);
}
