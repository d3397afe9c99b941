// Runs the spec files through the public C ABI: every example's input is parsed with caci_doc_parse
// and its JSON output (caci_doc_to_json) must meet the example's expectations. The same files run
// through the wasm build in wasm/test/spec.test.mjs.
#include "spec_file.hpp"

#include "caci/caci.h"

#include <gtest/gtest.h>
#include <simdjson.h>

#include <fstream>
#include <sstream>

namespace {

using simdjson::dom::element;
using simdjson::dom::element_type;

std::string read_all(const std::string &path) {
  std::ifstream f(path, std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

// `want` is a part of `got`: every key of an expected object matches, arrays match element by
// element with the same length, scalars are equal. Writes where it differs into *why.
bool matches(element want, element got, const std::string &path, std::string *why) {
  auto fail = [&](const std::string &what) {
    *why = path + ": " + what + " (got " + simdjson::minify(got) + ")";
    return false;
  };
  switch (want.type()) {
  case element_type::OBJECT: {
    if (got.type() != element_type::OBJECT) return fail("expected an object");
    simdjson::dom::object fields;
    if (want.get_object().get(fields) != simdjson::SUCCESS) return fail("bad expectation");
    for (auto field : fields) {
      element g;
      if (got[field.key].get(g) != simdjson::SUCCESS)
        return fail("missing key " + std::string(field.key));
      if (!matches(field.value, g, path + "." + std::string(field.key), why)) return false;
    }
    return true;
  }
  case element_type::ARRAY: {
    if (got.type() != element_type::ARRAY) return fail("expected an array");
    simdjson::dom::array w, g;
    if (want.get_array().get(w) != simdjson::SUCCESS || got.get_array().get(g) != simdjson::SUCCESS)
      return fail("bad array");
    if (w.size() != g.size()) return fail("expected " + std::to_string(w.size()) + " elements");
    size_t i = 0;
    auto gi = g.begin();
    for (element e : w) {
      if (!matches(e, *gi, path + "[" + std::to_string(i) + "]", why)) return false;
      ++gi;
      ++i;
    }
    return true;
  }
  case element_type::STRING:
    if (got.type() != element_type::STRING || want.get_string().value() != got.get_string().value())
      return fail("expected " + simdjson::minify(want));
    return true;
  case element_type::NULL_VALUE:
    if (!got.is_null()) return fail("expected null");
    return true;
  case element_type::BOOL:
    if (got.type() != element_type::BOOL || want.get_bool().value() != got.get_bool().value())
      return fail("expected " + simdjson::minify(want));
    return true;
  default:  // numbers
    if (!got.is_number() || want.get_double().value() != got.get_double().value())
      return fail("expected " + simdjson::minify(want));
    return true;
  }
}

// Checks one example; returns an empty string when it passes.
std::string check(const caci_spec::Example &ex) {
  caci_parse_options opts = CACI_PARSE_OPTIONS_INIT;
  if (ex.strict) opts.flags |= CACI_PARSE_STRICT;
  if (ex.fold_quotes) opts.flags |= CACI_PARSE_FOLD_QUOTES;
  caci_doc *doc = nullptr;
  if (caci_doc_new(&opts, &doc) != CACI_OK) return "caci_doc_new failed";
  const caci_status st = caci_doc_parse(doc, "spec.txt", 8, ex.input.data(), ex.input.size());
  std::string problem;
  caci_str json{};
  if (st != CACI_OK && !(ex.strict && st == CACI_EUTF8))
    problem = std::string("caci_doc_parse: ") + caci_status_str(st);
  else if (caci_doc_to_json(doc, CACI_JSON, &json) != CACI_OK)
    problem = "caci_doc_to_json failed";
  std::string text = problem.empty() ? std::string(json.ptr, json.len) : std::string();
  caci_doc_free(doc);
  if (!problem.empty()) return problem;

  simdjson::dom::parser parser;
  element root;
  if (parser.parse(text).get(root) != simdjson::SUCCESS) return "output is not JSON";
  simdjson::dom::array articles, diagnostics;
  if (root["articles"].get_array().get(articles) != simdjson::SUCCESS ||
      root["diagnostics"].get_array().get(diagnostics) != simdjson::SUCCESS)
    return "output has no articles or diagnostics array";
  size_t article_lines = 0;
  auto article_it = articles.begin();
  simdjson::dom::parser want_parser;
  for (const std::string &e : ex.expectations) {
    size_t sp = e.find(' ');
    std::string verb = e.substr(0, sp),
                arg = sp == std::string::npos ? std::string() : e.substr(sp + 1);
    if (verb == "no-diagnostic") {
      for (element d : diagnostics)
        if (d["code"].get_string().value() == arg)
          return "unexpected diagnostic " + simdjson::minify(d);
      continue;
    }
    element want;
    if (want_parser.parse(arg).get(want) != simdjson::SUCCESS)
      return "expectation is not JSON: " + e;
    std::string why;
    if (verb == "article") {
      if (article_lines++ >= articles.size())
        return "fewer articles than expected: " + std::to_string(articles.size());
      if (!matches(want, *article_it, "article " + std::to_string(article_lines), &why)) return why;
      ++article_it;
    } else if (verb == "stats") {
      if (!matches(want, root["stats"].value(), "stats", &why)) return why;
    } else if (verb == "diagnostic") {
      bool found = false;
      for (element d : diagnostics) found = found || matches(want, d, "diagnostic", &why);
      if (!found)
        return "no diagnostic matches " + arg + " in " +
               simdjson::minify(root["diagnostics"].value());
    } else {
      return "unknown expectation: " + e;
    }
  }
  if (article_lines != articles.size())
    return "expected " + std::to_string(article_lines) + " articles, got " +
           std::to_string(articles.size()) + ": " + simdjson::minify(root["articles"].value());
  const uint64_t bytes = root["stats"]["bytes"].get_uint64().value();
  const uint64_t parts = root["stats"]["bytes_articles"].get_uint64().value() +
                         root["stats"]["bytes_boilerplate"].get_uint64().value() +
                         root["stats"]["bytes_unclassified"].get_uint64().value();
  if (bytes != parts) return "bytes not accounted for: " + simdjson::minify(root["stats"].value());
  return std::string();
}

void run_spec(const char *name, size_t at_least) {
  const std::string path = std::string(CACI_SOURCE_DIR) + "/tests/spec/" + name;
  const std::vector<caci_spec::Example> examples = caci_spec::read_spec(read_all(path));
  EXPECT_GE(examples.size(), at_least) << path;
  size_t failed = 0;
  for (const caci_spec::Example &ex : examples) {
    std::string why = check(ex);
    if (why.empty()) continue;
    ++failed;
    ADD_FAILURE_AT(path.c_str(), ex.line)
        << "example " << ex.number << " (" << ex.section << "): " << why;
  }
  std::cout << name << ": " << examples.size() - failed << " of " << examples.size()
            << " examples pass\n";
}

}  // namespace

TEST(Spec, Layouts) {
  run_spec("layouts.md", 120);
}

TEST(Spec, Regressions) {
  run_spec("regressions.md", 1);
}
