// caci_gen_archive: deterministic synthetic archive generator for the benchmarks.
//
//   caci_gen_archive --articles N --seed S --out DIR
//
// Writes DIR/page_00001.txt ... (5-10 entries per page, about 8 KB of text per article) and
// DIR/manifest.txt + DIR/manifest.json describing what was generated (distinct articles, duplicate
// entries, kinds, layout families, bytes), so a benchmark can check the parser's output before
// timing it. The output depends only on N and S: the PRNG is our own splitmix64 with integer-only
// sampling (no <random> distributions, no floating point), so every machine writes the same bytes.
//
// The prose is made up from a Zipf-weighted vocabulary; the layouts follow ../shared/FORMAT.md:
// the 2025 full-text layout with footer and PDF teasers, 2002-2003 pages (dated-parenthesis
// bylines, ALL CAPS titles, `Published in` categories, weekday headers, glued bylines, blank-line
// paragraphs, backslash escapes, the odd 0x92 byte), excerpt listings, 2014 `the` day-first
// bylines, 2015-16 pages (category after the entry, `October 12th, 2015, The CACI Analyst`), News
// Digest pages, CRLF pages, NFD articles and entries duplicated across consecutive pages or twice
// in a row.
//
// Sources are ASCII: non-ASCII text is written with \u escapes (UTF-8 execution charset).

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <sys/stat.h>
#include <vector>

namespace {

// ---------------------------------------------------------------------------------------------
// Deterministic randomness

struct Rng {
  uint64_t state;
  explicit Rng(uint64_t seed) : state(seed) {}
  uint64_t next() {
    uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  // Uniform in [0, n) (multiply-shift; the bias is irrelevant here, determinism is what matters).
  uint32_t below(uint32_t n) { return static_cast<uint32_t>(((next() >> 32) * n) >> 32); }
  uint32_t range(uint32_t lo, uint32_t hi) { return lo + below(hi - lo + 1); }  // inclusive
  bool chance(uint32_t per_mille) { return below(1000) < per_mille; }
  template <class T, size_t N> const T &pick(const T (&arr)[N]) { return arr[below(N)]; }
};

// ---------------------------------------------------------------------------------------------
// Vocabulary

// Frequent words, most frequent first. "by" is absent on purpose: a sentence starting with it
// would read as a byline (the deliberate "By mid-October," cases are added separately).
const char *const kCommonWords[] = {
    "the",
    "of",
    "and",
    "to",
    "in",
    "a",
    "is",
    "that",
    "for",
    "on",
    "with",
    "as",
    "its",
    "has",
    "have",
    "was",
    "be",
    "are",
    "from",
    "this",
    "which",
    "it",
    "an",
    "at",
    "not",
    "but",
    "also",
    "government",
    "region",
    "security",
    "regional",
    "between",
    "would",
    "their",
    "been",
    "more",
    "political",
    "economic",
    "while",
    "energy",
    "against",
    "however",
    "such",
    "could",
    "into",
    "president",
    "relations",
    "countries",
    "military",
    "policy",
    "foreign",
    "state",
    "will",
    "support",
    "development",
    "cooperation",
    "interests",
    "influence",
    "border",
    "trade",
    "new",
    "significant",
    "opposition",
    "officials",
    "authorities",
    "international",
    "strategic",
    "national",
    "power",
    "other",
    "since",
    "over",
    "after",
    "these",
    "both",
    "than",
    "all",
    "further",
    "during",
    "among",
    "within",
    "through",
    "under",
    "toward",
    "parliament",
    "elections",
    "reforms",
    "investment",
    "infrastructure",
    "pipeline",
    "gas",
    "oil",
    "transit",
    "corridor",
    "conflict",
    "ceasefire",
    "negotiations",
    "agreement",
    "sanctions",
    "tensions",
    "leadership",
    "ministry",
    "minister",
    "administration",
    "population",
    "migration",
    "labor",
    "remittances",
    "currency",
    "inflation",
    "budget",
    "exports",
    "imports",
    "railway",
    "highway",
    "port",
    "logistics",
    "connectivity",
    "diplomatic",
    "visit",
    "summit",
    "declaration",
    "treaty",
    "alliance",
    "partnership",
    "membership",
    "organization",
    "institutions",
    "corruption",
    "media",
    "journalists",
    "freedom",
    "rights",
    "society",
    "religious",
    "extremism",
    "militants",
    "terrorism",
    "insurgency",
    "troops",
    "forces",
    "defense",
    "arms",
    "weapons",
    "exercises",
    "base",
    "presence",
    "withdrawal",
    "stability",
    "instability",
    "crisis",
    "protests",
    "demonstrations",
    "clashes",
    "violence",
    "refugees",
    "humanitarian",
    "water",
    "hydropower",
    "dam",
    "irrigation",
    "agriculture",
    "cotton",
    "wheat",
    "mining",
    "uranium",
    "gold",
    "copper",
    "electricity",
    "grid",
    "nuclear",
    "renewable",
    "climate",
    "environmental",
    "drought",
    "earthquake",
    "tourism",
    "education",
    "universities",
    "students",
    "language",
    "identity",
    "history",
    "Soviet",
    "independence",
    "sovereignty",
    "territorial",
    "integrity",
    "constitution",
    "referendum",
    "amendments",
    "judiciary",
    "courts",
    "prosecutors",
    "police",
    "prison",
    "amnesty",
    "clan",
    "elite",
    "succession",
    "regime",
    "authoritarian",
    "democratic",
    "transition",
    "legitimacy",
    "bureaucracy",
    "governors",
    "provinces",
    "districts",
    "capital",
    "city",
    "villages",
    "mountain",
    "valley",
    "lake",
    "river",
    "sea",
    "steppe",
    "desert",
    "neighbors",
    "partners",
    "rivals",
    "competition",
    "leverage",
    "dependence",
    "vulnerability",
    "opportunities",
    "challenges",
    "risks",
    "prospects",
    "outcome",
    "approach",
    "strategy",
    "initiative",
    "project",
    "program",
    "funding",
    "loans",
    "debt",
    "banks",
    "markets",
    "prices",
    "tariffs",
    "customs",
    "union",
    "bloc",
    "framework",
    "format",
    "platform",
    "dialogue",
    "mediation",
    "peace",
    "settlement",
    "normalization",
    "recognition",
    "delimitation",
    "demarcation",
    "enclave",
    "exclave",
    "checkpoint",
    "smuggling",
    "narcotics",
    "trafficking",
    "surveillance",
    "cyber",
    "propaganda",
    "disinformation",
    "narrative",
    "perception",
    "analysts",
    "observers",
    "experts",
    "reports",
    "statement",
    "announcement",
    "decision",
    "decree",
    "law",
    "legislation",
    "regulation",
    "implementation",
    "enforcement",
    "compliance",
    "accountability",
    "transparency",
    "efficiency",
    "growth",
    "recession",
    "recovery",
    "wages",
    "poverty",
    "unemployment",
    "youth",
    "women",
    "health",
    "pandemic",
    "vaccine",
    "hospitals",
    "broadcasting",
    "internet",
    "telecommunications",
    "satellite",
    "aviation",
    "airport",
    "shipping",
    "tanker",
    "ferry",
    "terminal",
    "refinery",
    "field",
    "reserves",
    "production",
    "output",
    "capacity",
    "volume",
    "supply",
    "demand",
    "consumers",
    "producers",
    "buyers",
};

// Rare words: each sentence has a small chance to carry one, so each appears a few dozen times in
// a large archive. The benchmarks' "rare word" queries use them.
const char *const kRareWords[] = {
    "ombudsman", "sanatorium", "caravanserai", "madrasa",     "kurultai", "aksakal",  "mahalla",
    "kolkhoz",   "yurt",       "nomadism",     "petroglyphs", "saxaul",   "tamarisk", "loess",
    "karez",     "qanat",      "tulpar",       "dombra",      "komuz",    "manaschi",
};

// Syllables for the long tail of made-up words (fixed seed: the vocabulary never changes).
const char *const kSyllables[] = {"ka",  "zan", "tor", "vel",  "mir",  "ob",  "dar", "ul",
                                  "sen", "rik", "bal", "tash", "qu",   "lo",  "nev", "ar",
                                  "im",  "pes", "gor", "ya",   "khan", "sur", "bek", "ot",
                                  "ema", "lin", "dov", "rus",  "ta",   "nai"};

// Places (with the non-ASCII names the tokenizers must fold).
const char *const kRegions[] = {
    "Kazakhstan",      "Uzbekistan",     "Tajikistan",
    "Kyrgyzstan",      "Turkmenistan",   "Georgia",
    "Armenia",         "Azerbaijan",     "Afghanistan",
    "Pakistan",        "Iran",           "Russia",
    "China",           "Xinjiang",       "T\u00fcrkiye",
    "A\u011fdam",      "\u015eu\u015fa", "Nagorno-Karabakh",
    "Tbilisi",         "Baku",           "Yerevan",
    "Almaty",          "Astana",         "Bishkek",
    "Dushanbe",        "Tashkent",       "Ashgabat",
    "Kabul",           "Fergana",        "Samarkand",
    "Wakhan",          "Badakhshan",     "Osh",
    "Batumi",          "Nakhchivan",     "Zangezur",
    "G\u00fcmr\u00fc", "Kashgar",        "Ganja",
    "Abkhazia",        "South Ossetia",  "Karakalpakstan",
};
const char *const kRegionAdjectives[] = {
    "Kazakh",      "Uzbek",  "Tajik",   "Kyrgyz",  "Turkmen", "Georgian", "Armenian",
    "Azerbaijani", "Afghan", "Russian", "Chinese", "Iranian", "Turkish",  "Pakistani"};
const char *const kCollocations[] = {
    "natural gas",
    "energy security",
    "Silk Road",
    "Belt and Road",
    "European Union",
    "civil society",
    "foreign policy",
    "Middle Corridor",
    "Caspian Sea",
    "South Caucasus",
    "Central Asia",
    "Collective Security Treaty Organization",
    "Shanghai Cooperation Organization",
    "human rights",
    "rule of law",
    "free trade",
    "critical minerals",
    "water management",
    "border security",
    "peace treaty",
    "Trans-Caspian pipeline",
    "Eurasian Economic Union",
};
const char *const kFirstNames[] = {
    "Aigerim",  "Farkhad", "Sergey",   "Stephen", "Alexander", "Syed",       "Rafis",
    "Nargiza",  "Erica",   "Svante",   "Niklas",  "Johan",     "Jamila",     "Murat",
    "Giorgi",   "Anar",    "Tigran",   "Dilnoza", "Bakhtiyor", "Mar\u00eda", "Jos\u00e9",
    "Zo\u00eb", "Emil",    "Nurlan",   "Gulnara", "Ruslan",    "Fuad",       "Natalia",
    "Mamuka",   "Temur",   "Saltanat", "Kamran",  "Ariana",    "Dmitri",     "Laura",
};
const char *const kLastNames[] = {
    "Swanstr\u00f6m",   "Londo\u00f1o", "O'Brien",    "Ul-Haq",
    "Cornell",          "Tolipov",      "Blank",      "Sukhankin",
    "Abazov",           "Turgunbaeva",  "Mammadov",   "Aliyev",
    "Karimov",          "Nurmatov",     "Beridze",    "Sargsyan",
    "\u00d6zt\u00fcrk", "Y\u0131lmaz",  "\u00c7elik", "Ku\u015f\u00e7u",
    "Fazl-e-Haider",    "Scrivener",    "Ghiasi",     "Tskhadadze",
    "Hovhannisyan",     "Rakhimov",     "Seitkali",   "Weitz",
    "Pannier",          "Nichol",       "Kassenova",  "Mankoff",
    "Gordeeva",         "Huseynov",
};
const char *const kInstitutions[] = {
    "the Jamestown Foundation",
    "the Institute for Security and Development Policy",
    "Nazarbayev University",
    "the American University of Central Asia",
    "Tbilisi State University",
    "the Foreign Policy Research Institute",
    "the Central Asia-Caucasus Institute",
    "Yerevan State University",
    "Khazar University",
    "the OSCE Academy in Bishkek",
};
const char *const kMonths[] = {"January",   "February", "March",    "April",
                               "May",       "June",     "July",     "August",
                               "September", "October",  "November", "December"};
const char *const kWeekdays[] = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                 "Thursday", "Friday", "Saturday"};
const char *const kNewsSources[] = {"Interfax",   "RFE/RL",  "AKIpress", "Trend", "24.kg",
                                    "Eurasianet", "Reuters", "AFP",      "Kabar", "Armenpress"};

struct Vocabulary {
  std::vector<std::string> words;
  std::vector<uint64_t> cumulative;  // Zipf weights, prefix sums
  uint64_t total = 0;

  Vocabulary() {
    for (const char *w : kCommonWords) words.emplace_back(w);
    Rng vocab_rng(0x5eed0fcac1ULL);
    for (int i = 0; i < 30000; ++i) {
      std::string w;
      int n = static_cast<int>(vocab_rng.range(2, 4));
      for (int s = 0; s < n; ++s) w += vocab_rng.pick(kSyllables);
      words.push_back(std::move(w));
    }
    cumulative.reserve(words.size());
    const size_t common = sizeof kCommonWords / sizeof kCommonWords[0];
    for (size_t r = 0; r < words.size(); ++r) {
      // The made-up tail is damped so about one word in six comes from it.
      total += (uint64_t{1} << 32) / (r + 2) / (r < common ? 1 : 4);
      cumulative.push_back(total);
    }
  }
  const std::string &sample(Rng &rng) const {
    uint64_t u = rng.next() % total;
    size_t lo = 0, hi = cumulative.size() - 1;
    while (lo < hi) {
      size_t mid = (lo + hi) / 2;
      if (cumulative[mid] > u)
        hi = mid;
      else
        lo = mid + 1;
    }
    return words[lo];
  }
};

// ---------------------------------------------------------------------------------------------
// Dates

int64_t days_from_civil(int y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}
struct Ymd {
  int y;
  unsigned m, d;
};
Ymd civil_from_days(int64_t z) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int y = static_cast<int>(yoe) + static_cast<int>(era * 400);
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp + (mp < 10 ? 3 : -9);
  return {y + (m <= 2), m, d};
}
unsigned weekday(int64_t days) {
  return static_cast<unsigned>(((days % 7) + 11) % 7);
}  // 0 = Sunday

struct Date {
  int y;
  unsigned m, d;
  unsigned wd;
};
// A Wednesday (issue day) in [year_lo, year_hi].
Date issue_date(Rng &rng, int year_lo, int year_hi) {
  int64_t lo = days_from_civil(year_lo, 1, 1), hi = days_from_civil(year_hi, 12, 24);
  int64_t z = lo + rng.below(static_cast<uint32_t>(hi - lo));
  while (weekday(z) != 3) ++z;
  Ymd c = civil_from_days(z);
  return {c.y, c.m, c.d, weekday(z)};
}
const char *ordinal_suffix(unsigned d) {
  if (d >= 11 && d <= 13) return "th";
  switch (d % 10) {
  case 1: return "st";
  case 2: return "nd";
  case 3: return "rd";
  default: return "th";
  }
}

// ---------------------------------------------------------------------------------------------
// Prose

enum class Apostrophe { straight, curly, mixed, escaped, backtick };

struct Style {
  Apostrophe apostrophe = Apostrophe::straight;
  bool curly_quotes = false;
  bool double_space = false;    // two spaces after full stops
  bool trailing_space = false;  // spaces at the end of lines
};

struct Writer {
  Rng &rng;
  const Vocabulary &vocab;
  Style style;

  void apostrophe(std::string &out) {
    switch (style.apostrophe) {
    case Apostrophe::straight: out += '\''; break;
    case Apostrophe::curly: out += "\u2019"; break;
    case Apostrophe::mixed: out += rng.chance(500) ? "\u2019" : "'"; break;
    case Apostrophe::escaped: out += "\\'"; break;
    case Apostrophe::backtick: out += rng.chance(300) ? "`" : "'"; break;
    }
  }
  void region(std::string &out) {
    out += rng.pick(kRegions);
    if (rng.chance(200)) {
      apostrophe(out);
      out += 's';
    }
  }
  void person(std::string &out) {
    out += rng.pick(kFirstNames);
    out += ' ';
    out += rng.pick(kLastNames);
  }
  void word(std::string &out, bool capitalize) {
    uint32_t r = rng.below(1000);
    size_t at = out.size();
    if (r < 45)
      region(out);
    else if (r < 60)
      out += rng.pick(kRegionAdjectives);
    else if (r < 75)
      out += rng.pick(kCollocations);
    else if (r < 80)
      person(out);
    else if (r < 90)
      out += std::to_string(rng.range(2, 2025));
    else
      out += vocab.sample(rng);
    if (rng.chance(2)) {
      out += ' ';
      out += rng.pick(kRareWords);
    }
    if (capitalize && out[at] >= 'a' && out[at] <= 'z') out[at] = static_cast<char>(out[at] - 32);
  }
  void quoted(std::string &out) {
    const char *open = "\"", *close = "\"";
    if (style.apostrophe == Apostrophe::escaped)
      open = close = "\\\"";
    else if (style.curly_quotes) {
      open = "\u201c";
      close = "\u201d";
    }
    out += open;
    int n = static_cast<int>(rng.range(1, 4));
    for (int i = 0; i < n; ++i) {
      if (i) out += ' ';
      word(out, false);
    }
    out += close;
  }
  void sentence(std::string &out) {
    int n = static_cast<int>(rng.range(9, 26));
    for (int i = 0; i < n; ++i) {
      if (i) out += (i > 3 && i < n - 2 && rng.chance(60)) ? ", " : " ";
      if (i > 0 && rng.chance(12))
        quoted(out);
      else
        word(out, i == 0);
    }
    out += rng.chance(20) ? '?' : '.';
  }
  void paragraph(std::string &out, uint32_t min_sentences, uint32_t max_sentences) {
    uint32_t n = rng.range(min_sentences, max_sentences);
    for (uint32_t i = 0; i < n; ++i) {
      if (i) out += style.double_space ? "  " : " ";
      sentence(out);
    }
  }
  void body_paragraph(std::string &out) {
    // Prose can begin with "By": not a byline.
    if (rng.chance(15)) {
      out += "By mid-";
      out += rng.pick(kMonths);
      out += ", ";
    }
    paragraph(out, 5, 9);
  }
  void title_words(std::string &out, uint32_t lo, uint32_t hi, bool upper) {
    size_t at = out.size();
    uint32_t n = rng.range(lo, hi);
    for (uint32_t i = 0; i < n; ++i) {
      if (i) out += ' ';
      word(out, true);
    }
    if (upper) upper_case(out, at);
  }
  // ALL CAPS for the letters the vocabulary uses: ASCII, Latin-1 (U+00E0..U+00FE), g/s with breve
  // or cedilla, dotless i. A lowercase letter left in a title would make it mixed case.
  static void upper_case(std::string &out, size_t at) {
    for (size_t i = at; i < out.size(); ++i) {
      unsigned char c = static_cast<unsigned char>(out[i]);
      if (c >= 'a' && c <= 'z') {
        out[i] = static_cast<char>(c - 32);
      } else if (i + 1 < out.size()) {
        unsigned char n = static_cast<unsigned char>(out[i + 1]);
        if (c == 0xc3 && n >= 0xa0 && n <= 0xbe && n != 0xb7)
          out[i + 1] = static_cast<char>(n - 0x20);
        else if ((c == 0xc4 || c == 0xc5) && n == 0x9f)
          out[i + 1] = static_cast<char>(0x9e);
        else if (c == 0xc4 && n == 0xb1)
          out.replace(i, 2, "I");
      }
    }
  }
  void end_line(std::string &out) {
    if (style.trailing_space && rng.chance(300)) out += rng.chance(500) ? " " : "  ";
    out += '\n';
  }
};

// ---------------------------------------------------------------------------------------------
// Layout families

enum Family { f2025, f_old, f_old_excerpt, f2014, f2015, f_digest, kFamilyCount };
const char *const kFamilyNames[] = {"full_2025",
                                    "old_2002_2003",
                                    "excerpt_listing_2002_2003",
                                    "dated_the_2014",
                                    "category_after_2015_2016",
                                    "news_digest"};
const uint32_t kFamilyWeights[] = {28, 22, 10, 15, 17, 8};

enum Kind { k_article, k_excerpt, k_teaser, k_digest, kKindCount };
const char *const kKindNames[] = {"article", "excerpt", "teaser", "digest"};

const char *const kFooter =
    "The Central Asia-Caucasus Analyst is a biweekly publication of the Central Asia-Caucasus "
    "Institute & Silk Road Studies Program, a Joint Transatlantic Research and Policy Center "
    "affiliated with the American Foreign Policy Council, Washington DC., and the Institute for "
    "Security and Development Policy, Stockholm. For 15 years, the Analyst has brought cutting "
    "edge "
    "analysis of the region geared toward a practitioner audience.\n";

struct PageState {
  Family family;
  int variant = 0;         // family-specific layout variant, fixed for the page
  int blank_lines = 0;     // paragraphs separated by this many blank lines (old pages)
  int64_t digest_day = 0;  // News Digest pages: the dated heading (days since 1970), shared by a
                           // run of pages so an item repeated on the next page keeps its year
  bool has_trailing_spaces = false;
};

struct Entry {
  std::string chunk;  // exact bytes, starting with any header/category/title lines
  Kind kind;
  bool gluable;  // starts directly with the byline, may be glued to the previous paragraph
};

struct Generator {
  Rng rng;
  const Vocabulary &vocab;

  Generator(uint64_t seed, const Vocabulary &v) : rng(seed ^ 0xcac1a5a1a11ceULL), vocab(v) {}

  Writer writer(Style s) { return Writer{rng, vocab, s}; }

  std::string author_list(Writer &w, uint32_t max_authors, bool old) {
    std::string out;
    uint32_t n = rng.chance(800) ? 1 : rng.chance(750) ? 2 : 3;
    if (n > max_authors) n = max_authors;
    for (uint32_t i = 0; i < n; ++i) {
      if (i) out += (i + 1 == n) ? (rng.chance(800) ? " and " : " & ") : ", ";
      if (old && rng.chance(80)) out += rng.chance(500) ? "Dr. " : "Col. ";
      if (old && rng.chance(400)) {
        out += rng.pick(kFirstNames)[0];
        out += ". ";
        out += rng.pick(kLastNames);
      } else {
        w.person(out);
      }
      if (old && n == 1 && rng.chance(60)) out += rng.chance(500) ? ", Ph.D." : ", PhD";
    }
    return out;
  }

  void paragraphs(Writer &w, std::string &out, const PageState &page, uint32_t lo, uint32_t hi,
                  const char *heading) {
    uint32_t n = rng.range(lo, hi);
    for (uint32_t i = 0; i < n; ++i) {
      if (i == 0 && heading) {
        out += heading;
        uint32_t spaces = page.family == f_old ? rng.range(0, 2) : 1;
        out.append(spaces, ' ');
      }
      w.body_paragraph(out);
      w.end_line(out);
      for (int b = 0; b < page.blank_lines; ++b) out += (b == 0 && rng.chance(100)) ? " \n" : "\n";
    }
  }

  void bio(Writer &w, std::string &out, const PageState &page, uint32_t authors,
           const char *label) {
    out += label;
    out += ' ';
    for (uint32_t a = 0; a < authors; ++a) {
      if (a) out += ' ';
      w.person(out);
      out += " is a ";
      out += rng.chance(500) ? "Senior Fellow at " : "researcher at ";
      out += rng.pick(kInstitutions);
      out += '.';
    }
    out += ' ';
    w.paragraph(out, 1, 2);
    if (rng.chance(30))
      out += " Email, This email address is being protected from spambots. You need JavaScript "
             "enabled to view it. .";
    w.end_line(out);
    for (int b = 0; b < page.blank_lines; ++b) out += '\n';
  }

  const char *bio_label(uint32_t authors, bool curly) {
    if (authors > 1) return curly ? "AUTHORS\u2019 BIO:" : "AUTHORS' BIO:";
    uint32_t r = rng.below(10);
    if (r < 6) return "AUTHOR BIO:";
    return curly ? "AUTHOR\u2019S BIO:" : "AUTHOR'S BIO:";
  }

  static uint32_t count_authors(const std::string &list) {
    uint32_t n = 1;
    for (size_t i = 0; i + 1 < list.size(); ++i)
      if ((list[i] == ',' && list[i + 1] == ' ' && list.compare(i, 7, ", Ph.D.") &&
           list.compare(i, 5, ", PhD")) ||
          !list.compare(i, 5, " and ") || !list.compare(i, 3, " & "))
        ++n;
    return n;
  }

  void sections(Writer &w, std::string &out, const PageState &page) {
    const char *bg = rng.chance(20) ? "BACKROUND:" : "BACKGROUND:";
    paragraphs(w, out, page, 3, 5, bg);
    paragraphs(w, out, page, 3, 5, "IMPLICATIONS:");
    paragraphs(w, out, page, 1, 3, rng.chance(500) ? "CONCLUSIONS:" : "CONCLUSION:");
  }

  Style style_for(Family f) {
    Style s;
    switch (f) {
    case f2025:
      s.apostrophe = Apostrophe::mixed;
      s.curly_quotes = rng.chance(500);
      break;
    case f_old:
    case f_old_excerpt: {
      uint32_t r = rng.below(100);
      s.apostrophe = r < 25   ? Apostrophe::escaped
                     : r < 35 ? Apostrophe::backtick
                              : Apostrophe::straight;
      s.double_space = rng.chance(300);
      break;
    }
    default:
      s.apostrophe = rng.chance(500) ? Apostrophe::curly : Apostrophe::straight;
      s.curly_quotes = rng.chance(300);
      break;
    }
    return s;
  }

  // One entry of the page's family. `first` is true for the first entry of a page.
  Entry entry(const PageState &page, bool first) {
    Entry e{std::string(), k_article, false};
    std::string &out = e.chunk;
    out.reserve(12000);
    Style style = style_for(page.family);
    style.trailing_space = page.has_trailing_spaces;
    Writer w = writer(style);
    bool curly = style.apostrophe == Apostrophe::curly || style.apostrophe == Apostrophe::mixed;
    switch (page.family) {
    case f2025: {
      bool teaser = rng.chance(150);
      std::string authors = author_list(w, teaser ? 1 : 3, false);
      if (teaser) {
        e.kind = k_teaser;
        if (!rng.chance(300)) out += "By ";
        out += authors;
        out += '\n';
        Date d = issue_date(rng, 2024, 2025);
        out += kMonths[d.m - 1];
        out += ' ';
        out += std::to_string(d.d);
        out += ", ";
        out += std::to_string(d.y);
        out += '\n';
        w.paragraph(out, 2, 4);
        out += '\n';
        out += "Read ";
        w.title_words(out, 3, 7, false);
        if (rng.chance(500)) {
          out += ": ";
          w.title_words(out, 2, 5, false);
        }
        out += " (PDF)\n";
        return e;
      }
      e.gluable = false;
      out += "By ";
      out += authors;
      out += '\n';
      if (rng.chance(400)) {
        Date d = issue_date(rng, 2024, 2025);
        out += kMonths[d.m - 1];
        out += ' ';
        out += std::to_string(d.d);
        out += ", ";
        out += std::to_string(d.y);
        out += '\n';
      }
      uint32_t leads = rng.range(1, 3);
      for (uint32_t i = 0; i < leads; ++i) {
        w.paragraph(out, 4, 8);
        out += '\n';
      }
      if (rng.chance(500)) {
        out += rng.chance(500) ? "Photo by " : "Photo Credit: ";
        w.person(out);
        out += ".\n";
      }
      sections(w, out, page);
      bio(w, out, page, count_authors(authors), bio_label(count_authors(authors), curly));
      return e;
    }
    case f_old:
    case f_old_excerpt: {
      Date d = issue_date(rng, 2002, 2003);
      bool header = !first && rng.chance(250);
      if (header || (first && rng.chance(400))) {
        out += kWeekdays[d.wd];
        out += ", ";
        out += std::to_string(d.d);
        out += ' ';
        out += kMonths[d.m - 1];
        out += ' ';
        out += std::to_string(d.y);
        out += '\n';
      }
      bool field_report = page.family == f_old && rng.chance(200);
      if (page.variant == 1 || rng.chance(300)) {
        out += "Published in ";
        out += field_report ? "Field Reports" : "Analytical Articles";
        out += '\n';
      }
      if (rng.chance(600)) {
        w.title_words(out, 3, 8, true);
        if (rng.chance(300)) {
          out += ": ";
          w.title_words(out, 2, 5, true);
        }
        out += '\n';
      }
      e.gluable = out.empty();
      std::string authors = author_list(w, 2, true);
      uint32_t by = rng.below(100);
      if (by < 85)
        out += "By ";
      else if (by < 95)
        out += "by ";
      out += authors;
      if (rng.chance(150)) {
        out += ", ";
        out += rng.pick(kRegions);
      }
      bool pad = rng.chance(400);
      char buf[64];
      std::snprintf(buf, sizeof buf,
                    pad ? " (%02u/%02u/%d issue of the CACI Analyst)\n"
                        : " (%u/%u/%d issue of the CACI Analyst)\n",
                    d.m, d.d, d.y);
      out += buf;
      if (page.family == f_old_excerpt) {
        e.kind = k_excerpt;
        out += "BACKGROUND: ";
        w.paragraph(out, 2, 4);
        // Listing excerpts are cut off, sometimes mid-abbreviation.
        out.pop_back();
        out += rng.chance(500) ? " in the U." : " ...";
        out += '\n';
        for (int b = 0; b < page.blank_lines; ++b) out += '\n';
        return e;
      }
      if (field_report) {
        paragraphs(w, out, page, 6, 12, nullptr);
      } else {
        sections(w, out, page);
        if (rng.chance(500))
          bio(w, out, page, count_authors(authors), bio_label(count_authors(authors), false));
      }
      // The odd Windows-1252 right quote in place of an apostrophe.
      if (rng.chance(15)) {
        size_t at = out.find('\'', out.size() / 2);
        if (at != std::string::npos && (at == 0 || out[at - 1] != '\\')) out[at] = '\x92';
      }
      return e;
    }
    case f2014: {
      Date d = issue_date(rng, 2014, 2014);
      std::string authors = author_list(w, 2, false);
      out += "By ";
      out += authors;
      char buf[64];
      std::snprintf(buf, sizeof buf, " (the %02u/%02u/%d issue of the CACI Analyst)\n", d.d, d.m,
                    d.y);
      out += buf;
      e.gluable = false;
      uint32_t leads = rng.range(1, 2);
      for (uint32_t i = 0; i < leads; ++i) {
        w.paragraph(out, 4, 8);
        out += '\n';
      }
      sections(w, out, page);
      bio(w, out, page, count_authors(authors), bio_label(count_authors(authors), curly));
      return e;
    }
    case f2015: {
      Date d = issue_date(rng, 2015, 2016);
      if (page.variant == 1) {
        out += kWeekdays[d.wd];
        out += ", ";
        out += std::to_string(d.d);
        out += ' ';
        out += kMonths[d.m - 1];
        out += ' ';
        out += std::to_string(d.y);
        out += " 00:00\n";
        w.title_words(out, 3, 8, false);
        out += '\n';
      }
      std::string authors = author_list(w, 2, false);
      out += "By ";
      out += authors;
      out += '\n';
      if (page.variant == 0) {
        out += kMonths[d.m - 1];
        out += ' ';
        out += std::to_string(d.d);
        out += ordinal_suffix(d.d);
        if (rng.chance(100))
          out += ", the CACI Analyst\n";
        else {
          out += ", ";
          out += std::to_string(d.y);
          out += ", The CACI Analyst\n";
        }
      }
      bool field_report = rng.chance(200);
      if (field_report) {
        paragraphs(w, out, page, 6, 12, nullptr);
      } else {
        uint32_t leads = rng.range(1, 2);
        for (uint32_t i = 0; i < leads; ++i) {
          w.paragraph(out, 4, 8);
          out += '\n';
        }
        sections(w, out, page);
        bio(w, out, page, count_authors(authors), bio_label(count_authors(authors), curly));
      }
      if (page.variant == 0) {
        out += "Published in ";
        out += field_report ? "Field Reports\n" : "Analytical Articles\n";
      }
      return e;
    }
    case f_digest: {
      e.kind = k_digest;
      // Items are dated a few days before the page heading, within its year (the parser takes
      // the year from the heading).
      int64_t z = page.digest_day - rng.below(7);
      if (civil_from_days(z).y != civil_from_days(page.digest_day).y) z = page.digest_day;
      Ymd d = civil_from_days(z);
      w.title_words(out, 3, 8, true);
      out += '\n';
      out += std::to_string(d.d);
      out += ' ';
      out += kMonths[d.m - 1];
      out += '\n';
      w.paragraph(out, 4, 9);
      out += " (";
      out += rng.pick(kNewsSources);
      out += ")\n";
      return e;
    }
    default: break;
    }
    return e;
  }
};

// NFD: decompose the precomposed letters the vocabulary uses.
std::string to_nfd(const std::string &s) {
  struct Pair {
    const char *nfc, *nfd;
  };
  static const Pair pairs[] = {{"\u00fc", "u\u0308"}, {"\u00f6", "o\u0308"}, {"\u00d6", "O\u0308"},
                               {"\u00f1", "n\u0303"}, {"\u011f", "g\u0306"}, {"\u015f", "s\u0327"},
                               {"\u015e", "S\u0327"}, {"\u00e7", "c\u0327"}, {"\u00c7", "C\u0327"},
                               {"\u00e9", "e\u0301"}, {"\u00eb", "e\u0308"}, {"\u00ed", "i\u0301"},
                               {"\u00ea", "e\u0302"}};
  std::string out;
  out.reserve(s.size() + s.size() / 16);
  for (size_t i = 0; i < s.size();) {
    bool done = false;
    if (static_cast<unsigned char>(s[i]) >= 0xc0) {
      for (const Pair &p : pairs) {
        size_t n = std::strlen(p.nfc);
        if (s.compare(i, n, p.nfc) == 0) {
          out += p.nfd;
          i += n;
          done = true;
          break;
        }
      }
    }
    if (!done) out += s[i++];
  }
  return out;
}

std::string to_crlf(const std::string &s) {
  std::string out;
  out.reserve(s.size() + s.size() / 40);
  for (char c : s) {
    if (c == '\n') out += '\r';
    out += c;
  }
  return out;
}

bool write_file(const std::string &path, const std::string &bytes) {
  FILE *f = std::fopen(path.c_str(), "wb");
  if (!f) return false;
  bool ok = std::fwrite(bytes.data(), 1, bytes.size(), f) == bytes.size();
  return std::fclose(f) == 0 && ok;
}

int usage() {
  std::fprintf(stderr, "usage: caci_gen_archive --articles N --seed S --out DIR\n");
  return 2;
}

}  // namespace

int main(int argc, char **argv) {
  uint64_t articles = 0, seed = 1;
  std::string out_dir;
  bool have_articles = false;
  for (int i = 1; i < argc; ++i) {
    std::string_view a = argv[i];
    if (i + 1 >= argc) return usage();
    if (a == "--articles") {
      articles = std::strtoull(argv[++i], nullptr, 10);
      have_articles = true;
    } else if (a == "--seed")
      seed = std::strtoull(argv[++i], nullptr, 10);
    else if (a == "--out")
      out_dir = argv[++i];
    else
      return usage();
  }
  if (!have_articles || out_dir.empty()) return usage();
  ::mkdir(out_dir.c_str(), 0777);

  Vocabulary vocab;
  Generator gen(seed, vocab);
  Rng &rng = gen.rng;

  uint64_t produced = 0, entries = 0, duplicates = 0, bytes = 0, pages = 0;
  uint64_t kinds[kKindCount] = {}, families[kFamilyCount] = {}, crlf_pages = 0, nfd_articles = 0,
           glued = 0, invalid_bytes = 0, bom_pages = 0;
  uint64_t weight_total = 0;
  for (uint32_t w : kFamilyWeights) weight_total += w;

  PageState page{f2025};
  int run_left = 0;
  std::string previous_last;  // last entry of the previous page (same run), for duplication
  // entries.tsv: page, byte offset of each entry in the written page, kind, and whether it repeats
  // an earlier entry; lets a mismatch with the parser be traced to one entry.
  std::string entries_tsv = "page\tbyte_start\tkind\tduplicate\n";
  struct PendingEntry {
    size_t offset;
    Kind kind;
    bool duplicate;
  };
  std::vector<PendingEntry> pending;
  Kind previous_last_kind = k_article;

  while (produced < articles) {
    if (run_left == 0) {
      uint32_t r = rng.below(static_cast<uint32_t>(weight_total));
      int f = 0;
      while (r >= kFamilyWeights[f]) r -= kFamilyWeights[f++];
      page.family = static_cast<Family>(f);
      run_left = static_cast<int>(rng.range(2, 6));
      previous_last.clear();
    }
    --run_left;
    page.variant = static_cast<int>(rng.below(2));
    page.blank_lines = (page.family == f_old || page.family == f_old_excerpt) && rng.chance(300)
                           ? static_cast<int>(rng.range(1, 3))
                           : 0;
    page.has_trailing_spaces = rng.chance(200);

    std::string text;
    bool bom = rng.chance(5);
    if (bom) {
      text += "\xEF\xBB\xBF";
      ++bom_pages;
    }
    if (page.family == f_digest) {
      if (previous_last.empty()) {  // first page of a run
        Date start = issue_date(rng, 2002, 2011);
        page.digest_day = days_from_civil(start.y, start.m, start.d);
      }
      Ymd c = civil_from_days(page.digest_day);
      Date d{c.y, c.m, c.d, weekday(page.digest_day)};
      text += "News Digest\n";
      text += kWeekdays[d.wd];
      text += ", ";
      text += std::to_string(d.d);
      text += ' ';
      text += kMonths[d.m - 1];
      text += ' ';
      text += std::to_string(d.y);
      text += '\n';
    }
    uint32_t per_page = page.family == f_digest ? rng.range(6, 10) : rng.range(5, 10);
    uint32_t in_page = 0;
    // The same entry at the end of one page and the start of the next, byte for byte.
    if (!previous_last.empty() && rng.chance(250)) {
      pending.push_back({text.size(), previous_last_kind, true});
      text += previous_last;
      ++entries;
      ++duplicates;
      ++in_page;
    }
    std::string last;
    while (in_page < per_page && produced < articles) {
      Entry e = gen.entry(page, in_page == 0);
      if (rng.chance(20)) {
        e.chunk = to_nfd(e.chunk);
        ++nfd_articles;
      }
      for (char c : e.chunk) invalid_bytes += c == '\x92';
      // A byline glued to the end of the previous paragraph (collapsed lines).
      if (e.gluable && in_page > 0 && page.blank_lines == 0 && rng.chance(250) && !text.empty() &&
          text.back() == '\n' && e.chunk.compare(0, 3, "By ") == 0) {
        text.pop_back();
        while (!text.empty() && text.back() == ' ') text.pop_back();  // as FORMAT.md shows it
        ++glued;
      }
      pending.push_back({text.size(), e.kind, false});
      text += e.chunk;
      ++entries;
      ++produced;
      ++kinds[e.kind];
      ++in_page;
      // Occasionally the same entry twice in a row.
      if (rng.chance(10) && in_page < per_page) {
        pending.push_back({text.size(), e.kind, true});
        text += e.chunk;
        ++entries;
        ++duplicates;
        ++in_page;
      }
      last = e.chunk;
      previous_last_kind = e.kind;
    }
    // A chunk is never glued when it starts a page, so the next page's copy is byte-identical.
    previous_last = last;
    if (page.family == f2025 || page.family == f2014 || page.family == f2015) {
      text += kFooter;
      text += rng.chance(700)
                  ? "Sign up for upcoming events, latest news, and articles from the CACI Analyst."
                  : "Sign up for upcoming events, latest news and articles from the CACI Analyst";
    }
    bool crlf = rng.chance(40);
    {
      char name[64];
      std::snprintf(name, sizeof name, "page_%05llu.txt",
                    static_cast<unsigned long long>(pages + 1));
      size_t newlines = 0, scanned = 0;
      for (const PendingEntry &p : pending) {
        if (crlf)  // offsets move by one byte per earlier line end
          for (; scanned < p.offset; ++scanned) newlines += text[scanned] == '\n';
        entries_tsv += name;
        entries_tsv += '\t' + std::to_string(p.offset + newlines) + '\t' + kKindNames[p.kind] +
                       '\t' + (p.duplicate ? "1" : "0") + '\n';
      }
      pending.clear();
    }
    if (crlf) {
      text = to_crlf(text);
      ++crlf_pages;
    }

    ++pages;
    ++families[page.family];
    char name[64];
    std::snprintf(name, sizeof name, "page_%05llu.txt", static_cast<unsigned long long>(pages));
    if (!write_file(out_dir + "/" + name, text)) {
      std::fprintf(stderr, "caci_gen_archive: cannot write %s/%s\n", out_dir.c_str(), name);
      return 1;
    }
    bytes += text.size();
  }

  // manifest.txt: "key value" lines for the benchmarks; manifest.json: the same for reports.
  std::string txt, json;
  auto put = [&](const char *key, uint64_t v, bool last = false) {
    txt += key;
    txt += ' ';
    txt += std::to_string(v);
    txt += '\n';
    json += "  \"";
    json += key;
    json += "\": ";
    json += std::to_string(v);
    json += last ? "\n" : ",\n";
  };
  json += "{\n";
  put("seed", seed);
  put("articles", produced);
  put("entries", entries);
  put("duplicates", duplicates);
  put("pages", pages);
  put("bytes", bytes);
  for (int k = 0; k < kKindCount; ++k)
    put((std::string("kind_") + kKindNames[k]).c_str(), kinds[k]);
  for (int f = 0; f < kFamilyCount; ++f)
    put((std::string("pages_") + kFamilyNames[f]).c_str(), families[f]);
  put("pages_crlf", crlf_pages);
  put("pages_bom", bom_pages);
  put("articles_nfd", nfd_articles);
  put("glued_bylines", glued);
  put("invalid_bytes_0x92", invalid_bytes, true);
  json += "}\n";
  if (!write_file(out_dir + "/entries.tsv", entries_tsv) ||
      !write_file(out_dir + "/manifest.txt", txt) ||
      !write_file(out_dir + "/manifest.json", json)) {
    std::fprintf(stderr, "caci_gen_archive: cannot write the manifest in %s\n", out_dir.c_str());
    return 1;
  }
  std::printf("%s", json.c_str());
  return 0;
}
