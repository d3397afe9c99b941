// Word forms and name variants through the C ABI: stemming, regional spellings, `=word`, the
// caci_index_options flags that turn them off, and version 1 options structs (without flags).
#include "capi_fixtures.hpp"

#include <gtest/gtest.h>

using namespace capi_test;

namespace {

// Two articles: "pipelines ... Kazakhstan" (2025) and "elections in Georgia ... Tbilisi" (2003).
const char kForms[] = "By Firstname Lastname\n"
                      "January 29, 2025\n"
                      "A lead paragraph about new pipelines across the Caspian.\n"
                      "BACKGROUND: The negotiations went on in Kazakstan for a year.\n"
                      "By Other Person\n"
                      "March 12, 2003\n"
                      "A lead paragraph about an election in Georgia.\n"
                      "BACKGROUND: Background on the parliament in Tiflis.\n";

uint64_t total(caci_index *index, const char *q) {
  caci_results *r = nullptr;
  caci_status st = caci_index_search(index, q, std::char_traits<char>::length(q), nullptr, &r);
  EXPECT_EQ(st, CACI_OK) << q;
  uint64_t n = caci_results_total(r);
  caci_results_free(r);
  return n;
}

caci_index *index_with(const caci_index_options *opts) {
  Doc d(kForms);
  EXPECT_EQ(d.status, CACI_OK);
  caci_index *index = nullptr;
  EXPECT_EQ(caci_index_new(opts, &index), CACI_OK);
  EXPECT_EQ(caci_index_add_doc(index, d.doc, nullptr), CACI_OK);
  return index;
}

TEST(CapiWordForms, StemsAndVariantsMatchByDefault) {
  caci_index *index = index_with(nullptr);
  EXPECT_EQ(total(index, "pipeline"), 1u);
  EXPECT_EQ(total(index, "negotiation"), 1u);
  EXPECT_EQ(total(index, "elections"), 1u);
  EXPECT_EQ(total(index, "kazakhstan"), 1u);
  EXPECT_EQ(total(index, "tbilisi"), 1u);
  EXPECT_EQ(total(index, "=pipeline"), 0u);
  EXPECT_EQ(total(index, "=pipelines"), 1u);
  EXPECT_EQ(total(index, "=kazakhstan"), 0u);
  EXPECT_EQ(total(index, "=\"an elections\""), 0u);
  EXPECT_EQ(total(index, "\"an elections\""), 1u);
  caci_index_free(index);
}

TEST(CapiWordForms, FlagsTurnThemOff) {
  caci_index_options o;
  ASSERT_EQ(caci_index_options_init(&o, CACI_INDEX_OPTIONS_VERSION), CACI_OK);
  EXPECT_EQ(o.flags, 0u);
  o.flags = CACI_INDEX_NO_STEMMING;
  caci_index *index = index_with(&o);
  EXPECT_EQ(total(index, "pipeline"), 0u);
  EXPECT_EQ(total(index, "kazakhstan"), 1u);
  caci_index_free(index);
  o.flags = CACI_INDEX_NO_NAME_VARIANTS;
  index = index_with(&o);
  EXPECT_EQ(total(index, "pipeline"), 1u);
  EXPECT_EQ(total(index, "kazakhstan"), 0u);
  EXPECT_EQ(total(index, "kazakstan"), 1u);
  caci_index_free(index);
}

TEST(CapiWordForms, UnknownFlagsAndVersionOneStructs) {
  caci_index_options o;
  ASSERT_EQ(caci_index_options_init(&o, CACI_INDEX_OPTIONS_VERSION), CACI_OK);
  o.flags = 0x80000000u;
  caci_index *index = reinterpret_cast<caci_index *>(&o);
  EXPECT_EQ(caci_index_new(&o, &index), CACI_EINVAL);
  EXPECT_EQ(index, nullptr);
  // A caller built against version 1 passes a struct that ends before `flags`: the library must
  // neither write nor read past it. The guard word after the version 1 fields stays untouched.
  struct V1 {
    uint32_t version;
    float k1, b, field_weights[CACI_FIELD_COUNT];
    uint32_t guard;
  } v1;
  v1.guard = 0xdeadbeefu;
  ASSERT_EQ(caci_index_options_init(reinterpret_cast<caci_index_options *>(&v1), 1), CACI_OK);
  EXPECT_EQ(v1.version, 1u);
  EXPECT_EQ(v1.guard, 0xdeadbeefu);
  v1.guard = 0xffffffffu;  // would be unknown flags if read as version 2
  index = index_with(reinterpret_cast<const caci_index_options *>(&v1));
  ASSERT_NE(index, nullptr);
  EXPECT_EQ(total(index, "pipeline"), 1u);  // version 1: stemming on
  caci_index_free(index);
  EXPECT_EQ(caci_index_options_init(&o, 3), CACI_EVERSION);
}

TEST(CapiWordForms, BadQueriesAroundEquals) {
  caci_index *index = index_with(nullptr);
  EXPECT_EQ(total(index, "="), 2u);  // nothing searchable: every article
  caci_results *r = nullptr;
  EXPECT_EQ(caci_index_search(index, "=\"unterminated", 14, nullptr, &r), CACI_EQUERY);
  EXPECT_EQ(r, nullptr);
  caci_index_free(index);
}

}  // namespace
