// Renders the small Markdown subset of the library's reference pages (headings, bullet lists,
// two-column tables, **bold** and `code`) as plain terminal text for --help.
#include "cli.hpp"

namespace cli {

namespace {

std::string strip_inline(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '`') continue;
    if (s[i] == '*' && i + 1 < s.size() && s[i + 1] == '*') {
      ++i;
      continue;
    }
    out.push_back(s[i]);
  }
  return out;
}

// Appends `text` word-wrapped to `width` columns, every line indented by `indent` spaces.
void append_wrapped(std::string &out, std::string_view text, size_t indent, size_t width) {
  size_t col = 0;
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && text[i] == ' ') ++i;
    size_t j = text.find(' ', i);
    if (j == std::string_view::npos) j = text.size();
    std::string_view word = text.substr(i, j - i);
    if (word.empty()) break;
    if (col == 0) {
      out.append(indent, ' ');
      col = indent;
    } else if (col + 1 + word.size() > width) {
      out.push_back('\n');
      out.append(indent, ' ');
      col = indent;
    } else {
      out.push_back(' ');
      ++col;
    }
    out.append(word);
    col += word.size();
    i = j;
  }
  out.push_back('\n');
}

bool is_table_separator(std::string_view line) {
  return line.rfind("|---", 0) == 0;
}

}  // namespace

std::string markdown_to_text(std::string_view md) {
  std::string out;
  size_t pos = 0;
  while (pos <= md.size()) {
    size_t nl = md.find('\n', pos);
    if (nl == std::string_view::npos) nl = md.size();
    std::string_view line = md.substr(pos, nl - pos);
    size_t next = nl + 1;
    std::string_view following;
    if (next < md.size()) {
      size_t nl2 = md.find('\n', next);
      following = md.substr(next, (nl2 == std::string_view::npos ? md.size() : nl2) - next);
    }
    pos = next;
    if (line.rfind("### ", 0) == 0) {
      out += strip_inline(line.substr(4));
      out += ":\n";
    } else if (line.rfind("## ", 0) == 0) {
      std::string title = strip_inline(line.substr(3));
      for (char &c : title)
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
      out += title;
      out += "\n";
    } else if (is_table_separator(line)) {
      continue;
    } else if (line.rfind("|", 0) == 0) {
      if (is_table_separator(following)) continue;  // the header row
      // "| syntax | meaning |": the syntax on its own line, the meaning wrapped below it.
      std::string_view row = line.substr(1);
      if (!row.empty() && row.back() == '|') row.remove_suffix(1);
      size_t split = row.find(" | ");
      std::string left = strip_inline(row.substr(0, split));
      std::string right =
          split == std::string_view::npos ? "" : strip_inline(row.substr(split + 3));
      append_wrapped(out, left, 2, 100);
      if (!right.empty()) append_wrapped(out, right, 8, 100);
    } else if (line.rfind("- ", 0) == 0) {
      std::string item = strip_inline(line.substr(2));
      out += "  - ";
      std::string wrapped;
      append_wrapped(wrapped, item, 4, 100);
      out += wrapped.substr(4);
    } else if (line.rfind("  ", 0) == 0 && !out.empty() && out.size() >= 2) {
      // Continuation of a bullet item.
      std::string wrapped;
      append_wrapped(wrapped, strip_inline(line), 4, 100);
      out += wrapped;
    } else {
      out += strip_inline(line);
      out.push_back('\n');
    }
    if (next > md.size()) break;
  }
  return out;
}

}  // namespace cli
