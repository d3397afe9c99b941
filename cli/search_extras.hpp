// What `caci search` prints besides hits: "did you mean" suggestions and --explain breakdowns, as
// text and as JSON members.
#pragma once

#include "caci/caci.h"

#include <string>

namespace cli {

// "did you mean: QUERY (N hits)" lines, after the total.
void print_suggestions_text(const caci_results *r);
// ,"suggestions":[{"query":"...","total":N}] (always present, possibly empty).
void append_suggestions_json(std::string &out, const caci_results *r);
// The i-th hit's explanation, one indented line per element and field (nothing without parts).
void print_explain_text(const caci_results *r, size_t i);
// ,"explain":[{"element":...,"field":...,"tf":...,...}] for the i-th hit, when it has parts.
void append_explain_json(std::string &out, const caci_results *r, size_t i);
// The field's name as the query language spells it (title, author, lead, sections, bio).
const char *field_name(int field);

}  // namespace cli
