// Author keys and the alias table; see people.hpp for the rules and the file format.
#include "people.hpp"

#include "byte_io.hpp"
#include "index_impl.hpp"
#include "tokenizer.hpp"

#include <algorithm>

namespace caci::detail {

namespace {

// Folded honorifics before a name (lexicon.hpp's kHonorificsBefore, as the tokenizer folds them).
constexpr std::string_view kTitles[] = {"dr",      "prof",  "professor",  "col", "colonel", "gen",
                                        "general", "lt",    "lieutenant", "maj", "major",   "capt",
                                        "captain", "amb",   "ambassador", "mr",  "mrs",     "ms",
                                        "rev",     "sir",   "hon",        "adm", "admiral", "sen",
                                        "rep",     "assoc", "asst",       "h",   "e"};
// Folded degrees after a name, as token sequences ("Ph.D." is the tokens "ph" "d"). Not "MA":
// Ma is a surname.
const std::vector<std::vector<std::string_view>> kDegrees = {
    {"phd"},       {"ph", "d"}, {"md"},  {"m", "d"},  {"dphil"},
    {"d", "phil"}, {"msc"},     {"llm"}, {"ll", "m"}, {"ret"}};

template <size_t N> bool in(const std::string_view (&list)[N], std::string_view w) {
  return std::find(std::begin(list), std::end(list), w) != std::end(list);
}

// Trims `s` (ASCII blanks) in place.
std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

}  // namespace

std::string author_key(std::string_view name) {
  struct Word {
    std::string text;
    bool initial;  // one letter, not glued to the next word by an apostrophe or hyphen (O'Brien)
  };
  std::vector<Word> words;
  Tokenizer tok;
  tok.run(name, [&](std::string_view t, uint32_t, uint32_t end) {
    const std::string_view after = name.substr(end);
    const bool glued = !after.empty() && (after[0] == '\'' || after[0] == '-' ||
                                          after.substr(0, 3) == "\xE2\x80\x99");
    words.push_back(Word{std::string(t), t.size() == 1 && !glued});
  });
  // Titles before the name, then degrees after it, as long as a name of two words remains ("Jr"
  // stays: a son is not his father).
  size_t first = 0, last = words.size();
  while (last - first > 2 && in(kTitles, words[first].text)) ++first;
  for (bool again = true; again;) {
    again = false;
    for (const auto &degree : kDegrees) {
      if (last - first < degree.size() + 2) continue;
      bool match = true;
      for (size_t i = 0; i < degree.size() && match; ++i)
        match = words[last - degree.size() + i].text == degree[i];
      if (match) {
        last -= degree.size();
        again = true;
        break;
      }
    }
  }
  size_t longer = 0;
  for (size_t i = first; i < last; ++i) longer += !words[i].initial;
  std::string key;
  for (size_t i = first; i < last; ++i) {
    if (longer >= 2 && words[i].initial) continue;  // an initial beside a full name
    if (!key.empty()) key += ' ';
    key += words[i].text;
  }
  return key;
}

bool AuthorAliases::parse(std::string_view text, std::string &why, size_t &line_offset) {
  // Union-find over keys; the root of a set is the first key of the first line naming the set.
  std::unordered_map<std::string, std::string> parent;
  auto root = [&](std::string k) {
    for (auto it = parent.find(k); it != parent.end() && it->second != k; it = parent.find(k))
      k = it->second;
    return k;
  };
  size_t pos = 0;
  for (size_t line_no = 1; pos <= text.size(); ++line_no) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = trim(text.substr(pos, end - pos));
    const size_t at = pos;
    pos = end + 1;
    if (line.empty() || line.front() == '#') continue;
    auto fail = [&](const char *what) {
      why = "aliases line " + std::to_string(line_no) + ": " + what;
      line_offset = at;
      return false;
    };
    if (line.find('=') == std::string_view::npos)
      return fail("expected \"Name = Other Name\" (names of one person separated by '=')");
    std::vector<std::string> keys;
    for (size_t from = 0; from <= line.size();) {
      size_t eq = line.find('=', from);
      if (eq == std::string_view::npos) eq = line.size();
      std::string key = author_key(line.substr(from, eq - from));
      if (key.empty()) return fail("a name is empty (no letters between the '=' signs)");
      keys.push_back(std::move(key));
      from = eq + 1;
    }
    std::string r0 = root(keys[0]);
    parent.emplace(r0, r0);
    for (size_t i = 1; i < keys.size(); ++i) {
      std::string r = root(keys[i]);
      if (r != r0) parent[r] = r0;
    }
  }
  canonical_.clear();
  for (const auto &kv : parent) {
    std::string r = root(kv.first);
    if (r != kv.first) canonical_[kv.first] = std::move(r);
  }
  text_.assign(text.data(), text.size());
  ++generation_;
  return true;
}

std::string AuthorAliases::resolve(const std::string &key) const {
  auto it = canonical_.find(key);
  return it == canonical_.end() ? key : it->second;
}

void encode_author_aliases(const IndexImpl &ix, std::string &out) {
  ByteWriter w{out};
  w.bytes(ix.author_aliases.text());
}

bool decode_author_aliases(std::string_view bytes, IndexImpl &ix, std::string &why) {
  ByteReader r(reinterpret_cast<const uint8_t *>(bytes.data()),
               reinterpret_cast<const uint8_t *>(bytes.data()) + bytes.size());
  const uint64_t n = r.var();
  if (!r.ok || n != r.left()) {
    why = "author alias section: bad length";
    return false;
  }
  std::string_view text(bytes.data() + (bytes.size() - r.left()), static_cast<size_t>(n));
  size_t at = 0;
  if (!ix.author_aliases.parse(text, why, at)) {
    why = "author alias section: " + why;
    return false;
  }
  return true;
}

}  // namespace caci::detail
