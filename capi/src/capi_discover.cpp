// Finding more than the query asked for: "did you mean" suggestions and explain breakdowns on
// results, completions of a prefix, and the articles related to one.
#include "capi_guard.hpp"
#include "capi_handles.hpp"

#include <memory>
#include <vector>

using caci::capi::guard;

// Completions: the core's term list.
struct caci_terms {
  std::vector<caci::TermCount> terms;
};

namespace {

const caci::Hit *hit_of(const caci_results *r, size_t i) {
  if (!r || i >= r->results.hits.size()) return nullptr;
  return &r->results.hits[i];
}

}  // namespace

extern "C" {

size_t caci_results_suggestion_count(const caci_results *results) {
  return results ? results->results.suggestions.size() : 0;
}

caci_status caci_results_suggestion(const caci_results *results, size_t j, caci_str *query_out,
                                    uint64_t *total_out) {
  if (!results || !query_out || !total_out || j >= results->results.suggestions.size())
    return CACI_EINVAL;
  const caci::Suggestion &s = results->results.suggestions[j];
  *query_out = caci::capi::str_of(s.query);
  *total_out = s.total;
  return CACI_OK;
}

size_t caci_results_explain_count(const caci_results *results, size_t i) {
  const caci::Hit *h = hit_of(results, i);
  return h ? h->explain_count : 0;
}

caci_status caci_results_explain(const caci_results *results, size_t i, size_t j,
                                 caci_explain *out) {
  const caci::Hit *h = hit_of(results, i);
  if (!h || !out || j >= h->explain_count) return CACI_EINVAL;
  const size_t k = size_t(h->explain_begin) + j;
  if (k >= results->results.explain.size()) return CACI_EINTERNAL;
  const caci::ExplainPart &p = results->results.explain[k];
  out->element = caci::capi::str_of(p.element);
  out->field = static_cast<int>(p.field);
  out->tf = p.tf;
  out->idf = p.idf;
  out->length_norm = p.length_norm;
  out->weight = p.weight;
  out->contribution = p.contribution;
  return CACI_OK;
}

caci_status caci_index_complete(caci_index *index, const char *prefix, size_t prefix_len, size_t n,
                                caci_terms **out) {
  if (!out) return CACI_EINVAL;
  *out = nullptr;
  if (!index || (!prefix && prefix_len)) return CACI_EINVAL;
  return guard([&]() -> caci_status {
    auto terms = std::make_unique<caci_terms>();
    caci::Status s =
        index->index.complete(std::string_view(prefix ? prefix : "", prefix_len), n, terms->terms);
    if (caci::failed(s)) return caci::capi::to_c(s);
    *out = terms.release();
    return CACI_OK;
  });
}

void caci_terms_free(caci_terms *terms) {
  delete terms;
}

size_t caci_terms_count(const caci_terms *terms) {
  return terms ? terms->terms.size() : 0;
}

caci_status caci_terms_get(const caci_terms *terms, size_t i, caci_str *term_out,
                           uint64_t *docs_out) {
  if (!terms || !term_out || !docs_out || i >= terms->terms.size()) return CACI_EINVAL;
  *term_out = caci::capi::str_of(terms->terms[i].term);
  *docs_out = terms->terms[i].docs;
  return CACI_OK;
}

caci_status caci_index_related(caci_index *index, uint64_t id, size_t n, caci_results **out) {
  if (!out) return CACI_EINVAL;
  *out = nullptr;
  if (!index) return CACI_EINVAL;
  return guard([&]() -> caci_status {
    auto results = std::make_unique<caci_results>();
    results->owner = index;
    caci::Status s = index->index.related(id, n, results->results);
    if (caci::failed(s)) return caci::capi::to_c(s);
    *out = results.release();
    return CACI_OK;
  });
}

}  // extern "C"
