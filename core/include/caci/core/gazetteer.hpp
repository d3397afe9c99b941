// The region's gazetteer: which countries an article is about, from the names of the countries,
// their capitals and major cities in its title and text, exonyms and transliterations included
// (Kazakstan, Alma-Ata, Frunze, Tiflis, Ashkhabad, Krasnovodsk, Nur-Sultan, Turkiye). The table
// is kCountryPlaces in core/src/article/lexicon.hpp; this file only counts.
#pragma once

#include "caci/core/article.hpp"

#include <cstddef>
#include <cstdint>

namespace caci {

constexpr int kCountryCount = 15;

// The id of the country named `name`: its name or any place of its row (an old name, a
// transliteration, its capital: "kazakstan", "Kirghizia", "Turkiye"), compared as folded words
// (case, diacritics, hyphens ignored); -1 if none.
int find_country(std::string_view name);

// Country names in the order of their ids ("Afghanistan", ...); nullptr outside [0, count).
const char *country_name(int id) noexcept;

// The countries `a` is about, most prominent first, written to ids[0..returned) (at most
// kCountryCount). A country counts when its name or a place of it is in the title (a
// "COUNTRY: HEADLINE" title weighs most), or is named three times in the text, or is the text's
// most named country. Computed on
// demand from the article's text: nothing is stored.
int article_countries(const ArticleStore &store, const Article &a, int ids[kCountryCount]);

}  // namespace caci
