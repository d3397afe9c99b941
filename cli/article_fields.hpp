// Article fields as the export formats and `caci stats` present them: ids, dates (complete or
// partial, never invented), joined authors and lead, the display title of an untitled article, and
// the provisional canonical key of an author name.
#pragma once

#include "cli.hpp"

#include <string>
#include <string_view>

namespace cli {

// The content id as 16 lowercase hex digits.
std::string article_id_hex(const caci_article *a);

// "YYYY-MM-DD" when year, month and day are all known, else "".
std::string complete_date(caci_date d);
// The known parts of an incomplete date, ISO 8601 style: "YYYY-MM" (month only), "--MM-DD"
// (no year), "--MM" (a month without a year); "" for a complete date or no date.
std::string partial_date(caci_date d);
inline bool has_date(caci_date d) {
  return d.month != 0;
}

// Author names joined with `sep`.
std::string joined_authors(const caci_article *a, std::string_view sep);
// Lead paragraphs joined with `sep`.
std::string joined_lead(const caci_article *a, std::string_view sep);
// The section paragraphs (all sections), and the bio, joined with `sep`.
std::string joined_sections(const caci_article *a, std::string_view sep);
std::string joined_bio(const caci_article *a, std::string_view sep);
// The article text (title, lead, sections, bio; one paragraph per line), without the final newline.
std::string_view article_text(const caci_article *a);

// The title, or for an untitled article "[Untitled] " and the first words of its lead (or text),
// with " ..." (U+2026) when cut.
std::string display_title(const caci_article *a);

// A provisional key for grouping spellings of one author: the name lowercased, diacritics removed
// (Latin-1, Latin Extended-A, Azerbaijani schwa, Romanian comma letters; Cyrillic lowercased),
// punctuation other than hyphens and apostrophes dropped, and initials ("S.", "F") and honorifics
// ("Dr.", "Prof.", "PhD") dropped: "Dr. S. Frederick Starr" -> "frederick starr". It does not
// merge transliterations (Karimova / Karimowa); a real author authority is future work.
std::string canonical_author_key(std::string_view name);

}  // namespace cli
