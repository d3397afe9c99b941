// caci search: suggestions and --explain (see search_extras.hpp).
#include "search_extras.hpp"

#include "cli.hpp"

#include <cstdio>

namespace cli {

// BEGIN GENERATED: field_name (tools/gen_tables.py; edit core/tables, not this)
const char *field_name(int field) {
  switch (field) {
  case CACI_FIELD_TITLE: return "title";
  case CACI_FIELD_AUTHORS: return "author";
  case CACI_FIELD_LEAD: return "lead";
  case CACI_FIELD_SECTIONS: return "sections";
  case CACI_FIELD_BIO: return "bio";
  default: return "?";
  }
}
// END GENERATED: field_name

void print_suggestions_text(const caci_results *r) {
  const size_t n = caci_results_suggestion_count(r);
  for (size_t j = 0; j < n; ++j) {
    caci_str q{};
    uint64_t total = 0;
    if (caci_results_suggestion(r, j, &q, &total) != CACI_OK) continue;
    std::printf("%s %.*s (%llu hit%s)\n", j ? "            " : "did you mean:", int(q.len), q.ptr,
                static_cast<unsigned long long>(total), total == 1 ? "" : "s");
  }
}

void append_suggestions_json(std::string &out, const caci_results *r) {
  out += ",\n\"suggestions\":[";
  const size_t n = caci_results_suggestion_count(r);
  char num[48];
  for (size_t j = 0; j < n; ++j) {
    caci_str q{};
    uint64_t total = 0;
    if (caci_results_suggestion(r, j, &q, &total) != CACI_OK) continue;
    out += j ? ",{\"query\":" : "{\"query\":";
    append_json_string(out, view(q));
    std::snprintf(num, sizeof num, ",\"total\":%llu}", static_cast<unsigned long long>(total));
    out += num;
  }
  out += "]";
}

void print_explain_text(const caci_results *r, size_t i) {
  const size_t n = caci_results_explain_count(r, i);
  if (n == 0) return;
  std::printf("   score %.6g = sum of:\n", caci_results_score(r, i));
  for (size_t j = 0; j < n; ++j) {
    caci_explain e{};
    if (caci_results_explain(r, i, j, &e) != CACI_OK) continue;
    std::printf("     %.6g  %.*s in %s: tf %g, idf %.4g, length norm %.4g, weight %g\n",
                e.contribution, int(e.element.len), e.element.ptr, field_name(e.field), e.tf, e.idf,
                e.length_norm, e.weight);
  }
}

void append_explain_json(std::string &out, const caci_results *r, size_t i) {
  const size_t n = caci_results_explain_count(r, i);
  if (n == 0) return;
  out += ",\"explain\":[";
  char num[256];
  for (size_t j = 0; j < n; ++j) {
    caci_explain e{};
    if (caci_results_explain(r, i, j, &e) != CACI_OK) continue;
    out += j ? ",{\"element\":" : "{\"element\":";
    append_json_string(out, view(e.element));
    std::snprintf(num, sizeof num,
                  ",\"field\":\"%s\",\"tf\":%.17g,\"idf\":%.17g,\"length_norm\":%.17g,"
                  "\"weight\":%.17g,\"contribution\":%.17g}",
                  field_name(e.field), e.tf, e.idf, e.length_norm, e.weight, e.contribution);
    out += num;
  }
  out += "]";
}

}  // namespace cli
