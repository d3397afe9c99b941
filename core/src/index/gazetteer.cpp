// Country detection over an article's title and text; see gazetteer.hpp.
#include "caci/core/gazetteer.hpp"

#include "../article/lexicon.hpp"
#include "place_counter.hpp"
#include "tokenizer.hpp"

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace caci {

namespace {

static_assert(sizeof parse::lexicon::kCountryPlaces / sizeof parse::lexicon::kCountryPlaces[0] ==
                  kCountryCount,
              "one gazetteer row per country id");

// A place as the tokenizer folds it: "Nur-Sultan" is the tokens "nur" "sultan".
struct Place {
  std::vector<std::string> tokens;
  std::vector<int32_t> words;  // the tokens as ids into Places::words
  int country = 0;
};

// Places by their first word, built once from the lexicon. count_places runs over the whole text
// of every article (for facets, filters and the index file), so it looks words up by a small
// open-addressing table of string_views instead of a std::string per word.
struct Places {
  std::vector<Place> all;
  std::vector<std::string> words;  // every distinct place token
  // Per word id: the places starting with it, longest first, so "ulan bator" is tried before a
  // one-word "ulan" (indexes into `all`).
  std::vector<std::vector<uint32_t>> by_first;
  // Open addressing over `words`: slot -> word id + 1 (0: empty). A power of two, at most 1/4 full.
  std::vector<int32_t> slots;
  size_t slot_mask = 0;
  // What an all-ASCII token must look like to be part of any place: its first byte (lowercased)
  // starts some place word, and its length is within theirs. Most tokens of a text fail this
  // test and are never folded.
  bool starts[128] = {};
  size_t min_len = ~size_t(0), max_len = 0;
  // Per lowercased first byte: the second bytes place words have after it (bit second_slot()),
  // their lengths (bit n: n bytes, 63 for longer) and their last bytes (bit byte_slot()).
  uint64_t pairs[128] = {};
  uint64_t lengths[128] = {};
  uint64_t lasts[128] = {};

  // 0-25 letters, 26-35 digits, 36 no second byte, 37 anything else.
  static unsigned second_slot(const char *w, size_t len) {
    if (len < 2) return 36;
    const uint8_t c = static_cast<uint8_t>(w[1]);
    if (c >= 128 || !detail::kAsciiWordLower[c]) return 37;
    const uint8_t low = detail::kAsciiWordLower[c];
    return low >= 'a' ? static_cast<unsigned>(low - 'a') : static_cast<unsigned>(low - '0') + 26;
  }
  // Whether the all-ASCII token raw[0, len) (a run of letters and digits) may be a place word.
  // The class of byte c as second_slot() gives it, for a word's last byte.
  static unsigned byte_slot(uint8_t c) {
    if (c >= 128 || !detail::kAsciiWordLower[c]) return 37;
    const uint8_t low = detail::kAsciiWordLower[c];
    return low >= 'a' ? static_cast<unsigned>(low - 'a') : static_cast<unsigned>(low - '0') + 26;
  }
  // Whether the all-ASCII token raw[0, len) (a run of letters and digits) may be a place word:
  // some place word has its first two bytes, its length and its last byte. Most words of a text
  // fail one of these, and are neither lowercased nor looked up.
  bool ascii_may_be_place(const char *raw, size_t len) const {
    if (len < min_len || len > max_len) return false;
    const uint8_t first = detail::kAsciiWordLower[static_cast<uint8_t>(raw[0]) & 0x7f];
    return (pairs[first] >> second_slot(raw, len)) & (lengths[first] >> std::min<size_t>(len, 63)) &
           (lasts[first] >> byte_slot(static_cast<uint8_t>(raw[len - 1]))) & 1;
  }

  static size_t hash(std::string_view w) {
    uint64_t h = 1469598103934665603ull;  // FNV-1a
    for (unsigned char c : w) h = (h ^ c) * 1099511628211ull;
    return static_cast<size_t>(h ^ (h >> 29));
  }
  // The id of place word `w`, or -1.
  int32_t find(std::string_view w) const {
    for (size_t i = hash(w) & slot_mask;; i = (i + 1) & slot_mask) {
      const int32_t s = slots[i];
      if (s == 0) return -1;
      if (words[static_cast<size_t>(s - 1)] == w) return s - 1;
    }
  }
  int32_t add_word(const std::string &w) {
    for (size_t i = 0; i < words.size(); ++i)
      if (words[i] == w) return static_cast<int32_t>(i);
    words.push_back(w);
    return static_cast<int32_t>(words.size() - 1);
  }

  Places() {
    detail::Tokenizer tok;
    for (int c = 0; c < kCountryCount; ++c)
      for (std::string_view name : parse::lexicon::kCountryPlaces[c].places) {
        if (name.empty()) continue;
        Place p;
        p.country = c;
        tok.run(name, [&](std::string_view t, uint32_t, uint32_t) { p.tokens.emplace_back(t); });
        if (!p.tokens.empty()) all.push_back(std::move(p));
      }
    std::stable_sort(all.begin(), all.end(), [](const Place &a, const Place &b) {
      return a.tokens.size() > b.tokens.size();
    });
    for (Place &p : all)
      for (const std::string &t : p.tokens) {
        p.words.push_back(add_word(t));
        if (static_cast<uint8_t>(t[0]) < 128) {
          const uint8_t first = static_cast<uint8_t>(t[0]);
          starts[first] = true;
          pairs[first] |= uint64_t(1) << second_slot(t.data(), t.size());
          lengths[first] |= uint64_t(1) << std::min<size_t>(t.size(), 63);
          lasts[first] |= uint64_t(1) << byte_slot(static_cast<uint8_t>(t.back()));
        }
        min_len = std::min(min_len, t.size());
        max_len = std::max(max_len, t.size());
      }
    by_first.resize(words.size());
    for (uint32_t i = 0; i < all.size(); ++i)
      by_first[static_cast<size_t>(all[i].words[0])].push_back(i);
    size_t n = 16;
    while (n < words.size() * 4) n *= 2;
    slots.assign(n, 0);
    slot_mask = n - 1;
    for (size_t w = 0; w < words.size(); ++w) {
      size_t i = hash(words[w]) & slot_mask;
      while (slots[i] != 0) i = (i + 1) & slot_mask;
      slots[i] = static_cast<int32_t>(w + 1);
    }
  }
};

const Places &places() {
  static const Places p;
  return p;
}

// Word bytes of p[0, len) (len <= 64) as bits: ASCII letters and digits, and every byte >= 0x80
// (which may belong to a letter: the tokenizer decides). `high`: the bytes >= 0x80.
inline void classify_block(const uint8_t *p, size_t len, uint64_t &word, uint64_t &high) {
  word = high = 0;
#if defined(__SSE2__)
  if (len == 64) {
    const __m128i case_bit = _mm_set1_epi8(0x20);
    const __m128i before_a = _mm_set1_epi8('a' - 1), after_z = _mm_set1_epi8('z' + 1);
    const __m128i before_0 = _mm_set1_epi8('0' - 1), after_9 = _mm_set1_epi8('9' + 1);
    for (int k = 0; k < 4; ++k) {
      const __m128i c = _mm_loadu_si128(reinterpret_cast<const __m128i *>(p + 16 * k));
      // Signed compares: bytes >= 0x80 are negative, never a letter or digit here.
      const __m128i low = _mm_or_si128(c, case_bit);
      const __m128i letter =
          _mm_and_si128(_mm_cmpgt_epi8(low, before_a), _mm_cmplt_epi8(low, after_z));
      const __m128i digit = _mm_and_si128(_mm_cmpgt_epi8(c, before_0), _mm_cmplt_epi8(c, after_9));
      const uint64_t h = static_cast<uint32_t>(_mm_movemask_epi8(c));
      const uint64_t w = static_cast<uint32_t>(_mm_movemask_epi8(_mm_or_si128(letter, digit))) | h;
      word |= w << (16 * k);
      high |= h << (16 * k);
    }
    return;
  }
#endif
  for (size_t i = 0; i < len; ++i) {
    const uint8_t b = p[i];
    if (b >= 0x80) {
      high |= uint64_t(1) << i;
      word |= uint64_t(1) << i;
    } else if (detail::kAsciiWordLower[b]) {
      word |= uint64_t(1) << i;
    }
  }
}

// Bits [from, to) of a 64-bit mask (0 <= from <= to <= 64).
inline uint64_t bits(unsigned from, unsigned to) {
  const uint64_t below_to = to >= 64 ? ~uint64_t(0) : (uint64_t(1) << to) - 1;
  return below_to & ~((uint64_t(1) << from) - 1);
}

// Counts the places of every country in `text` into counts[]: consecutive tokens equal to a
// place's words, longest place first, each token counted once.
//
// This runs over the whole text of every article (for facets, filters and the index file), so it
// does not tokenize all of it: word runs (ASCII letters and digits, bytes >= 0x80) are found 64
// bytes at a time, an all-ASCII run is its own token and is looked up only if its length and first
// two bytes fit some place word, and only runs with bytes >= 0x80 go through the tokenizer. Tokens
// that are no place word are not kept: they only mark that the next place word does not directly
// follow the previous one, which is all a multi-word place needs to know.
void count_places(std::string_view text, int counts[kCountryCount]) {
  const Places &ps = places();
  detail::PlaceCounter counter;
  auto note = [&](int32_t id) { counter.note(id); };
  auto other = [&] { counter.note(-1); };
  detail::Tokenizer tok;
  const auto *p = reinterpret_cast<const uint8_t *>(text.data());
  const size_t n = text.size();
  char lower[64];
  // The word run text[start, end): the tokenizer would find the same tokens in it as in the whole
  // text, since ASCII non-word bytes (or the text's ends) bound it and never belong to a character.
  auto run = [&](size_t start, size_t end, bool has_high) {
    const size_t len = end - start;
    if (has_high) {
      tok.run_filtered(
          text.substr(start, len),
          [&](const char *raw, size_t l) {
            if (ps.ascii_may_be_place(raw, l)) return true;
            other();
            return false;
          },
          [&](std::string_view t, uint32_t, uint32_t) { note(ps.find(t)); });
      return;
    }
    if (!ps.ascii_may_be_place(text.data() + start, len) || len > sizeof lower) {
      other();
      return;
    }
    for (size_t k = 0; k < len; ++k)
      lower[k] = static_cast<char>(detail::kAsciiWordLower[p[start + k]]);
    note(ps.find(std::string_view(lower, len)));
  };
  size_t start = 0;
  bool in_run = false;
  bool high_before = false;  // a byte >= 0x80 in the open run, in blocks before the current one
  for (size_t base = 0; base < n; base += 64) {
    const unsigned len = static_cast<unsigned>(std::min<size_t>(64, n - base));
    uint64_t word = 0, high = 0;
    classify_block(p + base, len, word, high);
    const uint64_t prev = (word << 1) | (in_run ? 1 : 0);
    const uint64_t starts = word & ~prev;
    uint64_t ends = ~word & prev;  // bit len at most beyond the block: the text's end
    if (len < 64) ends &= bits(0, len + 1);
    uint64_t events = starts | ends;
    while (events) {
      const unsigned b = static_cast<unsigned>(__builtin_ctzll(events));
      events &= events - 1;
      if ((starts >> b) & 1) {
        start = base + b;
        in_run = true;
        high_before = false;
        continue;
      }
      const unsigned from = start >= base ? static_cast<unsigned>(start - base) : 0;
      run(start, base + b, high_before || (high & bits(from, b)) != 0);
      in_run = false;
    }
    if (in_run) {
      const unsigned from = start >= base ? static_cast<unsigned>(start - base) : 0;
      high_before = high_before || (high & bits(from, len)) != 0;
    }
  }
  if (in_run) run(start, n, high_before);

  counter.count(counts);
}

}  // namespace

namespace detail {

int32_t place_word_of(std::string_view term) {
  return places().find(term);
}

void PlaceCounter::note(int32_t word) {
  if (word < 0) {
    other_since_ = true;
    return;
  }
  words_.push_back(Word{word, have_prev_ && !other_since_});
  have_prev_ = true;
  other_since_ = false;
}

void PlaceCounter::count(int counts[kCountryCount]) const {
  const Places &ps = places();
  const std::vector<Word> &words = words_;
  for (size_t i = 0; i < words.size(); ++i) {
    for (uint32_t pi : ps.by_first[static_cast<size_t>(words[i].id)]) {
      const Place &pl = ps.all[pi];
      if (i + pl.words.size() > words.size()) continue;
      bool match = true;
      for (size_t k = 1; k < pl.words.size() && match; ++k)
        match = words[i + k].follows && words[i + k].id == pl.words[k];
      if (!match) continue;
      ++counts[pl.country];
      i += pl.words.size() - 1;
      break;
    }
  }
}

int article_countries_with(const ArticleStore &store, const Article &a, const int *text_counts,
                           int ids[kCountryCount]) {
  int in_title[kCountryCount] = {}, in_text[kCountryCount] = {};
  const bool title_ok = !a.title.empty() && store.body_in_range(a.title);
  const bool text_ok = store.body_in_range(a.text);
  std::string_view title = title_ok ? store.body_text(a.title) : std::string_view();
  if (title_ok) count_places(title, in_title);
  if (text_counts) {
    std::copy(text_counts, text_counts + kCountryCount, in_text);
  } else if (text_ok) {
    std::string_view text = store.body_text(a.text);
    if (title_ok && text.substr(0, title.size()) == title) text.remove_prefix(title.size());
    count_places(text, in_text);
  }
  // "KAZAKHSTAN: NEW PIPELINE TALKS": the country before the colon weighs most.
  int headline = -1;
  if (const size_t colon = title.find(':'); colon != std::string_view::npos && colon < 40) {
    int before[kCountryCount] = {};
    count_places(title.substr(0, colon), before);
    for (int c = 0; c < kCountryCount && headline < 0; ++c)
      if (before[c]) headline = c;
  }
  // In the title; or named three times in the text; or the text's most named country.
  int most = 0;
  for (int c = 0; c < kCountryCount; ++c) most = std::max(most, in_text[c]);
  int weight[kCountryCount] = {};
  int n = 0;
  for (int c = 0; c < kCountryCount; ++c) {
    weight[c] = (c == headline ? 1000 : 0) + in_title[c] * 10 + in_text[c];
    if (c == headline || in_title[c] > 0 || in_text[c] >= 3 ||
        (in_text[c] > 0 && in_text[c] == most))
      ids[n++] = c;
  }
  std::stable_sort(ids, ids + n, [&](int x, int y) { return weight[x] > weight[y]; });
  return n;
}

}  // namespace detail

int find_country(std::string_view name) {
  detail::Tokenizer tok;
  std::vector<std::string> words;
  tok.run(name, [&](std::string_view t, uint32_t, uint32_t) { words.emplace_back(t); });
  if (words.empty()) return -1;
  for (const Place &p : places().all)
    if (p.tokens == words) return p.country;
  for (int c = 0; c < kCountryCount; ++c) {
    std::vector<std::string> own;
    tok.run(parse::lexicon::kCountryPlaces[c].name,
            [&](std::string_view t, uint32_t, uint32_t) { own.emplace_back(t); });
    if (own == words) return c;
  }
  return -1;
}

const char *country_name(int id) noexcept {
  if (id < 0 || id >= kCountryCount) return nullptr;
  return parse::lexicon::kCountryPlaces[id].name.data();  // literals: NUL-terminated
}

int article_countries(const ArticleStore &store, const Article &a, int ids[kCountryCount]) {
  return detail::article_countries_with(store, a, nullptr, ids);
}

}  // namespace caci
