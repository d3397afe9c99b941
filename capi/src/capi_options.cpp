// Options structs: versioned (lesson 7). A version this library does not know is CACI_EVERSION;
// unknown flag bits and out-of-range values are CACI_EINVAL, so a newer caller never silently
// gets behaviour it did not ask for.
#include "capi_guard.hpp"
#include "capi_handles.hpp"

#include <cmath>

namespace caci::capi {

namespace {
constexpr uint32_t kKnownParseFlags = CACI_PARSE_STRICT | CACI_PARSE_FOLD_QUOTES;
constexpr uint32_t kKnownSearchFlags =
    CACI_SEARCH_FACETS | CACI_SEARCH_NO_SNIPPETS | CACI_SEARCH_COLLAPSE_VERSIONS;
constexpr uint32_t kSuggestExplainFlags = CACI_SEARCH_SUGGEST | CACI_SEARCH_EXPLAIN;
constexpr uint32_t kKnownIndexFlags = CACI_INDEX_NO_STEMMING | CACI_INDEX_NO_NAME_VARIANTS;
constexpr uint32_t kIndexOptionsV1 = 1;  // without `flags`
constexpr uint32_t kSaveOptionsV1 = 1;   // without `threads`
static_assert(CACI_PARSE_STRICT == parse_strict && CACI_PARSE_FOLD_QUOTES == parse_fold_quotes);
static_assert(CACI_SORT_RELEVANCE == int(SortOrder::relevance) &&
              CACI_SORT_DATE_DESC == int(SortOrder::date_desc) &&
              CACI_SORT_DATE_ASC == int(SortOrder::date_asc));

bool finite_non_negative(float v) {
  return std::isfinite(v) && v >= 0.0f;
}
}  // namespace

caci_status parse_options_from_c(const caci_parse_options *opts, ParseOptions &out) noexcept {
  out = ParseOptions{};
  if (!opts) return CACI_OK;
  if (opts->version != CACI_PARSE_OPTIONS_VERSION) return CACI_EVERSION;
  if (opts->flags & ~kKnownParseFlags) return CACI_EINVAL;
  out.flags = opts->flags;
  return CACI_OK;
}

caci_status index_options_from_c(const caci_index_options *opts, IndexOptions &out) noexcept {
  out = IndexOptions{};
  if (!opts) return CACI_OK;
  if (opts->version != CACI_INDEX_OPTIONS_VERSION && opts->version != kIndexOptionsV1)
    return CACI_EVERSION;
  const uint32_t flags = opts->version >= 2 ? opts->flags : 0;  // a version 1 struct ends before
  if (flags & ~kKnownIndexFlags) return CACI_EINVAL;
  if (!finite_non_negative(opts->k1) || !std::isfinite(opts->b) || opts->b < 0.0f || opts->b > 1.0f)
    return CACI_EINVAL;
  for (int i = 0; i < CACI_FIELD_COUNT; ++i)
    if (!finite_non_negative(opts->field_weights[i])) return CACI_EINVAL;
  out.k1 = opts->k1;
  out.b = opts->b;
  for (int i = 0; i < CACI_FIELD_COUNT; ++i) out.field_weights[i] = opts->field_weights[i];
  out.stemming = (flags & CACI_INDEX_NO_STEMMING) == 0;
  out.name_variants = (flags & CACI_INDEX_NO_NAME_VARIANTS) == 0;
  return CACI_OK;
}

caci_status search_options_from_c(const caci_search_options *opts, SearchOptions &out) noexcept {
  out = SearchOptions{};
  if (!opts) return CACI_OK;
  if (opts->version != CACI_SEARCH_OPTIONS_VERSION) return CACI_EVERSION;
  if (opts->sort > CACI_SORT_DATE_ASC ||
      (opts->flags & ~(kKnownSearchFlags | kSuggestExplainFlags)))
    return CACI_EINVAL;
  out.limit = opts->limit;
  out.offset = opts->offset;
  out.sort = static_cast<SortOrder>(opts->sort);
  out.facets = (opts->flags & CACI_SEARCH_FACETS) != 0;
  out.snippets = (opts->flags & CACI_SEARCH_NO_SNIPPETS) == 0;
  out.suggest = (opts->flags & CACI_SEARCH_SUGGEST) != 0;
  out.explain = (opts->flags & CACI_SEARCH_EXPLAIN) != 0;
  out.collapse_versions = (opts->flags & CACI_SEARCH_COLLAPSE_VERSIONS) != 0;
  out.snippet_bytes = opts->snippet_bytes;
  return CACI_OK;
}

}  // namespace caci::capi

extern "C" {

caci_status caci_parse_options_init(caci_parse_options *opts, uint32_t version) {
  if (!opts) return CACI_EINVAL;
  if (version != CACI_PARSE_OPTIONS_VERSION) return CACI_EVERSION;
  *opts = caci_parse_options CACI_PARSE_OPTIONS_INIT;
  return CACI_OK;
}

caci_status caci_index_options_init(caci_index_options *opts, uint32_t version) {
  if (!opts) return CACI_EINVAL;
  if (version != CACI_INDEX_OPTIONS_VERSION && version != caci::capi::kIndexOptionsV1)
    return CACI_EVERSION;
  const caci::IndexOptions defaults;
  opts->version = version;
  opts->k1 = defaults.k1;
  opts->b = defaults.b;
  for (int i = 0; i < CACI_FIELD_COUNT; ++i) opts->field_weights[i] = defaults.field_weights[i];
  if (version >= 2) opts->flags = 0;  // a version 1 caller's struct ends before flags
  return CACI_OK;
}

caci_status caci_save_options_init(caci_save_options *opts, uint32_t version) {
  if (!opts) return CACI_EINVAL;
  if (version != CACI_SAVE_OPTIONS_VERSION && version != caci::capi::kSaveOptionsV1)
    return CACI_EVERSION;
  opts->version = version;
  opts->flags = 0;
  if (version >= 2) opts->threads = 0;  // a version 1 caller's struct ends before threads
  return CACI_OK;
}

caci_status caci_search_options_init(caci_search_options *opts, uint32_t version) {
  if (!opts) return CACI_EINVAL;
  if (version != CACI_SEARCH_OPTIONS_VERSION) return CACI_EVERSION;
  *opts = caci_search_options CACI_SEARCH_OPTIONS_INIT;
  return CACI_OK;
}

}  // extern "C"
