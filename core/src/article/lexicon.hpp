// The lexicon: every word list the parser knows, in one place. The classifier, the byline and
// date grammars and the builder read these tables; none of them keeps a list of its own. Adding a
// layout family usually starts here (a new heading spelling, a new download phrase, a new
// boilerplate line).
#pragma once

#include "caci/core/article.hpp"

#include <string_view>

namespace caci {
namespace parse {
namespace lexicon {

using namespace std::string_view_literals;

// --- Bylines -----------------------------------------------------------------------------------
// Titles before a name ("Dr. A. Author") and degrees after it ("A. Author, Ph.D."), kept apart
// from the name.
inline constexpr std::string_view kHonorificsBefore[] = {
    "Dr.",        "Dr",      "Prof.",      "Prof", "Professor", "Col.",  "Colonel", "Gen.",
    "General",    "Lt.",     "Lieutenant", "Maj.", "Major",     "Capt.", "Captain", "Amb.",
    "Ambassador", "Mr.",     "Mrs.",       "Ms.",  "Rev.",      "Sir",   "Hon.",    "Lt.Col.",
    "Adm.",       "Admiral", "Sen.",       "Rep.", "Assoc.",    "Asst."};
inline constexpr std::string_view kHonorificsAfter[] = {"Ph.D.", "PhD",     "Ph.D",  "PhD.", "MD",
                                                        "M.D.",  "D.Phil.", "DPhil", "MA",   "M.A.",
                                                        "MSc",   "LL.M.",   "(ret.)"};
// Lowercase particles inside personal names ("Ana de la Vega", "Ibn al-Farid").
inline constexpr std::string_view kNameParticles[] = {
    "de", "da", "del", "della", "di",  "do",  "dos", "das", "du", "van", "von", "der", "den", "ter",
    "zu", "al", "el",  "bin",   "ibn", "ben", "e",   "y",   "la", "le",  "ul",  "ud",  "of"};
// Words that make a comma segment of a byline an affiliation rather than another author.
inline constexpr std::string_view kInstitutionWords[] = {
    "University", "Institute", "Center",  "Centre",      "Foundation", "College",
    "Academy",    "School",    "Program", "Programme",   "Council",    "Ministry",
    "Agency",     "Fund",      "Society", "Association", "Department", "Republic",
    "Committee",  "Service",   "Group",   "Office",      "Studies",    "Research",
    "Analyst",    "Journal",   "Network", "Initiative",  "Forum",      "Project",
    "Union",      "Bank",      "Embassy", "Federation",  "Commission"};
// Capitalised words that start prose, not names ("By Then, ...", "By March 2003 ...").
inline constexpr std::string_view kNotNames[] = {
    "The",      "This",   "That",      "Then",     "These",    "Those",      "It",       "In",
    "On",       "At",     "For",       "With",     "Contrast", "Comparison", "Now",      "Early",
    "Late",     "Mid",    "End",       "Monday",   "Tuesday",  "Wednesday",  "Thursday", "Friday",
    "Saturday", "Sunday", "January",   "February", "March",    "April",      "May",      "June",
    "July",     "August", "September", "October",  "November", "December",   "Far",      "All",
    "Most",     "Some",   "Way",       "Design",   "Year",     "Law",        "Decree",   "Order"};
// What the site printed in the name slot of unsigned items ("By empty (3/4/2003 issue ...)").
inline constexpr std::string_view kPlaceholderNames[] = {"empty", "Empty"};
// The dated issue parenthesis ends with this ("(4/24/2002 issue of the CACI Analyst)").
inline constexpr std::string_view kIssueParenTail = "Analyst)";
inline constexpr std::string_view kIssueWord = "issue";
inline constexpr std::string_view kAnalystWord = "Analyst";

// --- Dates ---------------------------------------------------------------------------------------
inline constexpr std::string_view kMonthNames[] = {"january",   "february", "march",    "april",
                                                   "may",       "june",     "july",     "august",
                                                   "september", "october",  "november", "december"};
inline constexpr std::string_view kMonthAbbrevs[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                                     "jul", "aug", "sep", "oct", "nov", "dec"};
inline constexpr std::string_view kSeptemberAbbrev = "sept";
inline constexpr std::string_view kWeekdayNames[] = {"sunday",   "monday", "tuesday", "wednesday",
                                                     "thursday", "friday", "saturday"};
inline constexpr std::string_view kOrdinalSuffixes[] = {"st", "nd", "rd", "th"};
// Issue headers of front pages: "VOL. 15 NO 9, 07 May 2013".
inline constexpr std::string_view kIssueHeaderPrefix = "vol";

// --- Structure -----------------------------------------------------------------------------------
struct Heading {
  std::string_view word;
  SectionKind kind;
};
// Section headings as written, misspellings included ("BACKROUND"). Longer spellings first.
inline constexpr Heading kSectionHeadings[] = {
    {"BACKGROUND", SectionKind::background},     {"BACKROUND", SectionKind::background},
    {"BACKGROUD", SectionKind::background},      {"BAKGROUND", SectionKind::background},
    {"IMPLICATIONS", SectionKind::implications}, {"IMPLICATION", SectionKind::implications},
    {"IMPLICATONS", SectionKind::implications},  {"CONCLUSIONS", SectionKind::conclusions},
    {"CONCLUSION", SectionKind::conclusions},    {"CONCLUSSIONS", SectionKind::conclusions},
    {"CONLUSIONS", SectionKind::conclusions}};
// "AUTHOR BIO:", "AUTHOR'S BIO:", "AUTHORSU+2019 BIO:", "AUTHORS BIO:".
inline constexpr std::string_view kBioAuthor = "AUTHOR";
inline constexpr std::string_view kBioWord = " BIO";
inline constexpr std::string_view kApostrophes[] = {"'", "\xE2\x80\x99", "`"};

struct CategoryName {
  std::string_view name;
  Category category;
};
// Category names as a page shows them (alone as a page section, or after "Published in ").
inline constexpr CategoryName kCategoryNames[] = {
    {"Analytical Articles", Category::analytical_articles},
    {"Analytical Article", Category::analytical_articles},
    {"Field Reports", Category::field_reports},
    {"Field Report", Category::field_reports},
    {"News Digest", Category::news_digest},
    {"Feature Articles", Category::feature_articles},
    {"Feature Article", Category::feature_articles}};
inline constexpr std::string_view kCategoryLinePrefix = "Published in ";
// "... News Digest" ends a digest heading ("29 September 2010 News Digest", "13 May News Digest").
inline constexpr std::string_view kDigestHeadingTail = " News Digest";

// --- Boilerplate ---------------------------------------------------------------------------------
// The site footer paragraph and sign-up line (searched near the end of a page, glued or not).
inline constexpr std::string_view kFooterAnalyst =
    "The Central Asia-Caucasus Analyst is a biweekly publication";
inline constexpr std::string_view kFooterSignup = "Sign up for upcoming events";
// Whole lines that are the publisher's masthead or a publication type on sister-site pages, or a
// bare "Read more" link, compared without case.
inline constexpr std::string_view kMastheadLines[] = {
    "Central Asia-Caucasus Institute & Silk Road Studies Program",
    "Central Asia-Caucasus Institute and Silk Road Studies Program",
    "Central Asia-Caucasus Institute & Silk Road Studies Program Joint Center", "Silk Road Paper",
    "Silk Road Papers", "Silk Road Papers and Monographs", "Joint Center Publication",
    "Joint Center Publications", "Hot Topics",
    // The CMS's link to the full article under an excerpt: never text.
    "Read more", "Read more...", "Read more \xE2\x80\xA6", "Read more\xE2\x80\xA6"};
// "Hot Topics " before the first one-line entry of a 2014-15 front page.
inline constexpr std::string_view kHotTopicsPrefix = "Hot Topics ";

// --- Images, credits, downloads ------------------------------------------------------------------
// Photo credit labels; the credit is what follows. "Image:" is a credit too: it names who made the
// picture, and it is never lead text.
inline constexpr std::string_view kPhotoPrefixes[] = {
    "Photo by ",      "Photo By ",     "Photo Credit:", "Photo credit:", "Photo credits:",
    "Photo Credits:", "Photo:",        "Credit:",       "Credits:",      "Image:",
    "Image by ",      "Image credit:", "Image Credit:"};
// Image file extensions (a file name alone on a line), lowercase.
inline constexpr std::string_view kImageExtensions[] = {".jpg", ".jpeg", ".png",
                                                        ".gif", ".webp", ".tif"};
// Leading words of image captions left alone on a line ("shutterstock Borderpost",
// "rsz screen shot 2016-03-02 at 114512"); compared without case.
inline constexpr std::string_view kImagePrefixes[] = {"shutterstock", "rsz ", "rsz_", "screen shot",
                                                      "screenshot",   "img_", "dsc_", "dscn"};
// Whole-line download phrases (a link with no title), compared without case, final '.' ignored.
inline constexpr std::string_view kDownloadPhrases[] = {"Click here to download PDF",
                                                        "Click here to download",
                                                        "Click here to download the PDF",
                                                        "Download PDF",
                                                        "Download the PDF",
                                                        "Download the full paper",
                                                        "Click here to read the PDF",
                                                        "Download"};
inline constexpr std::string_view kReadPrefix = "Read ";  // "Read <Title> (PDF)"
inline constexpr std::string_view kPdfSuffix = "(PDF)";

// --- Bio e-mail cloaking -------------------------------------------------------------------------
inline constexpr std::string_view kCloak = "This email address is being protected from spambots.";
inline constexpr std::string_view kCloakTail = "You need JavaScript enabled to view it.";
inline constexpr std::string_view kCloakLabels[] = {
    "Email,", "Email:", "E-mail:", "E-mail,", "Email", "email:"};

// --- Countries ---------------------------------------------------------------------------------
// The region's countries and the places that stand for them in the archive's usage: capitals and
// major cities, old names and transliterations. Compared as whole words, without case and without
// diacritics (the text is folded first), in gazetteer.cpp. One row per country, in id order.
struct CountryPlaces {
  std::string_view name;
  std::string_view places[10];
};
inline constexpr CountryPlaces kCountryPlaces[] = {
    {"Afghanistan", {"afghanistan", "afghan", "kabul", "kandahar", "herat", "mazar-i-sharif"}},
    {"Armenia", {"armenia", "armenian", "yerevan", "erevan"}},
    {"Azerbaijan", {"azerbaijan", "azerbaijani", "azeri", "baku", "nakhchivan", "ganja"}},
    {"China", {"china", "chinese", "beijing", "xinjiang", "urumqi", "kashgar"}},
    {"Georgia", {"georgia", "georgian", "tbilisi", "tiflis", "batumi", "kutaisi"}},
    {"Iran", {"iran", "iranian", "tehran", "teheran"}},
    {"Kazakhstan",
     {"kazakhstan", "kazakstan", "kazakh", "astana", "nur-sultan", "almaty", "alma-ata", "akmola"}},
    {"Kyrgyzstan",
     {"kyrgyzstan", "kirghizia", "kirgizia", "kyrgyz", "kirghiz", "bishkek", "frunze", "osh"}},
    {"Mongolia", {"mongolia", "mongolian", "ulaanbaatar", "ulan bator"}},
    {"Pakistan", {"pakistan", "pakistani", "islamabad", "karachi", "gwadar"}},
    {"Russia", {"russia", "russian", "moscow", "kremlin"}},
    {"Tajikistan", {"tajikistan", "tadjikistan", "tajik", "dushanbe"}},
    {"Turkey", {"turkey", "turkiye", "ankara", "istanbul"}},
    {"Turkmenistan",
     {"turkmenistan", "turkmen", "ashgabat", "ashkhabad", "turkmenbashi", "krasnovodsk"}},
    {"Uzbekistan", {"uzbekistan", "uzbek", "tashkent", "samarkand", "bukhara"}},
};

// --- Sentence ends -------------------------------------------------------------------------------
// Abbreviations that end a cut-off excerpt without ending its sentence ("i.e.", "Mr.").
inline constexpr std::string_view kAbbreviations[] = {
    "i.e.", "e.g.", "Mr.",  "Mrs.", "Ms.",  "Dr.",  "St.",   "vs.",  "Gen.", "Col.", "Prof.",
    "Amb.", "Sen.", "Rep.", "Jan.", "Feb.", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.", "No."};

// True when `w` is one of `list` (exact bytes).
template <size_t N>
constexpr bool contains(const std::string_view (&list)[N], std::string_view w) noexcept {
  if (w.empty()) return false;
  for (std::string_view s : list)  // length and first byte first: most words fail there
    if (s.size() == w.size() && s[0] == w[0] && s.compare(w) == 0) return true;
  return false;
}

inline char ascii_lower(char c) noexcept {
  return (c >= 'A' && c <= 'Z') ? char(c | 0x20) : c;
}

// ASCII case-insensitive equality and prefix.
inline bool equals_ci(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (ascii_lower(a[i]) != ascii_lower(b[i])) return false;
  return true;
}
inline bool starts_with_ci(std::string_view s, std::string_view prefix) noexcept {
  return s.size() >= prefix.size() && equals_ci(s.substr(0, prefix.size()), prefix);
}
inline bool ends_with_ci(std::string_view s, std::string_view suffix) noexcept {
  return s.size() >= suffix.size() && equals_ci(s.substr(s.size() - suffix.size()), suffix);
}

}  // namespace lexicon
}  // namespace parse
}  // namespace caci
