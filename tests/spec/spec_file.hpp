// Reads the spec files (tests/spec/*.md, cmark's spec.txt format): each example is an input block
// and its expectations, between fences of 32 backticks:
//
//   ```````````````````````````````` example [strict] [fold_quotes]
//   By Ana Lobo (4/24/2002 issue of the CACI Analyst)
//   BACKGROUND: Text.
//   .
//   article {"authors": [{"name": "Ana Lobo"}], "date": "2002-04-24"}
//   ````````````````````````````````
//
// Input escapes: "→" is a tab, "⟨XX⟩" the byte with hex value XX, and "⟨EOF⟩" at the end of the
// last input line means the input has no final newline. wasm/test/spec.test.mjs reads the same
// files with the same rules.
#pragma once

#include <string>
#include <vector>

namespace caci_spec {

struct Example {
  int number = 0;       // 1-based, in file order
  int line = 0;         // line of the opening fence
  std::string section;  // the closest "## " heading above it
  std::string input;    // bytes, escapes applied
  std::vector<std::string>
      expectations;  // "article {...}", "stats {...}", "diagnostic {...}", "no-diagnostic code"
  bool strict = false;
  bool fold_quotes = false;
};

inline std::string unescape_input(const std::string &line) {
  std::string out;
  for (size_t i = 0; i < line.size();) {
    if (line.compare(i, 3, "\xE2\x86\x92") == 0) {  // →
      out.push_back('\t');
      i += 3;
    } else if (line.compare(i, 3, "\xE2\x9F\xA8") == 0) {  // ⟨
      size_t close = line.find("\xE2\x9F\xA9", i + 3);     // ⟩
      std::string inner =
          close == std::string::npos ? std::string() : line.substr(i + 3, close - i - 3);
      if (inner.size() == 2 && isxdigit(uint8_t(inner[0])) && isxdigit(uint8_t(inner[1]))) {
        out.push_back(char(std::stoi(inner, nullptr, 16)));
        i = close + 3;
      } else {
        out.append(line, i, 3);
        i += 3;
      }
    } else {
      out.push_back(line[i++]);
    }
  }
  return out;
}

inline std::vector<Example> read_spec(const std::string &text) {
  static const std::string fence(32, '`');
  std::vector<Example> out;
  std::vector<std::string> lines;
  for (size_t i = 0; i <= text.size();) {
    size_t nl = text.find('\n', i);
    if (nl == std::string::npos) nl = text.size();
    lines.push_back(text.substr(i, nl - i));
    i = nl + 1;
  }
  std::string section;
  for (size_t i = 0; i < lines.size(); ++i) {
    const std::string &l = lines[i];
    if (l.compare(0, 3, "## ") == 0) section = l.substr(3);
    if (l.compare(0, fence.size() + 8, fence + " example") != 0) continue;
    Example ex;
    ex.number = int(out.size()) + 1;
    ex.line = int(i) + 1;
    ex.section = section;
    ex.strict = l.find(" strict") != std::string::npos;
    ex.fold_quotes = l.find(" fold_quotes") != std::string::npos;
    bool in_input = true;
    for (++i; i < lines.size() && lines[i] != fence; ++i) {
      if (in_input && lines[i] == ".") {
        in_input = false;
        continue;
      }
      if (in_input) {
        std::string bytes = unescape_input(lines[i]);
        const std::string eof = "\xE2\x9F\xA8"
                                "EOF"
                                "\xE2\x9F\xA9";
        if (bytes.size() >= eof.size() &&
            bytes.compare(bytes.size() - eof.size(), eof.size(), eof) == 0) {
          ex.input += bytes.substr(0, bytes.size() - eof.size());
        } else {
          ex.input += bytes;
          ex.input.push_back('\n');
        }
      } else if (!lines[i].empty()) {
        ex.expectations.push_back(lines[i]);
      }
    }
    out.push_back(std::move(ex));
  }
  return out;
}

}  // namespace caci_spec
