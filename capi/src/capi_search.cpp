// Searching an index and reading results: hits, scores, snippets, highlights and facets.
#include "capi_guard.hpp"
#include "capi_handles.hpp"

#include <memory>

using caci::capi::guard;

namespace {

const caci::Hit *hit_at(const caci_results *r, size_t i) {
  if (!r || i >= r->results.hits.size()) return nullptr;
  return &r->results.hits[i];
}

const std::vector<caci::FacetValue> *facet_values(const caci_results *r, int facet) {
  if (!r || facet < 0 || facet >= caci::kFacetKindCount) return nullptr;
  return &r->results.facets[facet];
}

}  // namespace

extern "C" {

caci_status caci_index_search(caci_index *index, const char *query, size_t query_len,
                              const caci_search_options *opts, caci_results **out) {
  if (!out) return CACI_EINVAL;
  *out = nullptr;
  if (!index || (!query && query_len)) return CACI_EINVAL;
  return guard([&]() -> caci_status {
    caci::SearchOptions so;
    caci_status st = caci::capi::search_options_from_c(opts, so);
    if (st != CACI_OK) return st;
    auto results = std::make_unique<caci_results>();
    results->owner = index;
    caci::QueryError err;
    caci::Status s = index->index.search(std::string_view(query ? query : "", query_len), so,
                                         results->results, &err);
    if (s == caci::Status::equery) {
      index->set_error(err.message.empty() ? "malformed query" : err.message, err.offset);
      return CACI_EQUERY;
    }
    if (caci::failed(s)) return caci::capi::to_c(s);
    *out = results.release();
    return CACI_OK;
  });
}

void caci_results_free(caci_results *results) {
  delete results;
}

uint64_t caci_results_total(const caci_results *results) {
  return results ? results->results.total : 0;
}

size_t caci_results_count(const caci_results *results) {
  return results ? results->results.hits.size() : 0;
}

const caci_article *caci_results_article(const caci_results *results, size_t i) {
  const caci::Hit *h = hit_at(results, i);
  if (!h || !results->owner) return nullptr;
  const caci::ArticleStore &st = results->owner->index.store();
  if (h->article >= st.articles.size()) return nullptr;
  return caci::capi::to_c(&st.articles[h->article]);
}

double caci_results_score(const caci_results *results, size_t i) {
  const caci::Hit *h = hit_at(results, i);
  return h ? h->score : 0.0;
}

caci_status caci_results_snippet(const caci_results *results, size_t i, uint64_t *start_out,
                                 uint64_t *end_out) {
  const caci::Hit *h = hit_at(results, i);
  if (!h || !start_out || !end_out) return CACI_EINVAL;
  *start_out = h->snippet_start;
  *end_out = h->snippet_end;
  return CACI_OK;
}

size_t caci_results_highlight_count(const caci_results *results, size_t i) {
  const caci::Hit *h = hit_at(results, i);
  return h ? h->highlight_count : 0;
}

caci_status caci_results_highlight(const caci_results *results, size_t i, size_t j,
                                   uint64_t *start_out, uint64_t *end_out) {
  const caci::Hit *h = hit_at(results, i);
  if (!h || !start_out || !end_out || j >= h->highlight_count) return CACI_EINVAL;
  size_t k = size_t(h->highlight_begin) + j;
  if (k >= results->results.highlights.size()) return CACI_EINTERNAL;
  *start_out = results->results.highlights[k].start;
  *end_out = results->results.highlights[k].end;
  return CACI_OK;
}

size_t caci_results_facet_count(const caci_results *results, int facet) {
  const auto *values = facet_values(results, facet);
  return values ? values->size() : 0;
}

caci_status caci_results_facet(const caci_results *results, int facet, size_t j,
                               caci_str *value_out, uint64_t *count_out) {
  const auto *values = facet_values(results, facet);
  if (!values || !value_out || !count_out || j >= values->size()) return CACI_EINVAL;
  *value_out = caci::capi::str_of((*values)[j].value);
  *count_out = (*values)[j].count;
  return CACI_OK;
}

}  // extern "C"
