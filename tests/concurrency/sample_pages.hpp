// The pages the concurrency tests read: every page under samples/ and tests/data/fixtures.
#pragma once

#include "caci/caci.h"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace concurrency_test {

inline std::string read_all(const std::filesystem::path &p) {
  std::ifstream f(p, std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

// Parses every sample and fixture page into doc; returns how many pages were read.
inline size_t parse_sample_pages(caci_doc *doc) {
  size_t pages = 0;
  for (const char *dir : {"/samples", "/tests/data/fixtures"})
    for (const auto &e : std::filesystem::directory_iterator(std::string(CACI_SOURCE_DIR) + dir)) {
      if (e.path().extension() != ".txt") continue;
      const std::string bytes = read_all(e.path());
      const std::string name = e.path().filename().string();
      caci_doc_parse(doc, name.data(), name.size(), bytes.data(), bytes.size());
      ++pages;
    }
  return pages;
}

}  // namespace concurrency_test
