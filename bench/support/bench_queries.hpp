// The fixed query set of the latency benchmarks: the caci query and its FTS5 translation. The words
// come from tools/gen_archive.cpp's vocabulary (common words, collocations, rare words, places and
// names with diacritics), so every query means something on a generated archive.
#pragma once

namespace caci_bench {

struct BenchQuery {
  const char *kind;  // words, and, phrase, prefix, name, rare, diacritics, or, not
  const char *caci;  // caci query language
  const char *fts5;  // FTS5 MATCH expression; nullptr = no equivalent (see `why`)
  const char *why;   // why there is no FTS5 equivalent
};

// clang-format off
const BenchQuery kQueries[] = {
  {"words", "pipeline", "pipeline", nullptr},
  {"words", "sanctions", "sanctions", nullptr},
  {"words", "hydropower", "hydropower", nullptr},
  {"words", "corruption", "corruption", nullptr},
  {"words", "referendum", "referendum", nullptr},
  {"words", "ceasefire", "ceasefire", nullptr},
  {"words", "remittances", "remittances", nullptr},
  {"words", "uranium", "uranium", nullptr},
  {"words", "Kazakhstan", "Kazakhstan", nullptr},
  {"words", "Soviet", "Soviet", nullptr},
  {"words", "earthquake", "earthquake", nullptr},
  {"words", "government", "government", nullptr},
  {"words", "the", "the", nullptr},
  {"and", "gas pipeline", "gas pipeline", nullptr},
  {"and", "sanctions Russia", "sanctions Russia", nullptr},
  {"and", "water irrigation Tajikistan", "water irrigation Tajikistan", nullptr},
  {"and", "elections opposition parliament", "elections opposition parliament", nullptr},
  {"and", "China Xinjiang security", "China Xinjiang security", nullptr},
  {"and", "Baku Yerevan peace", "Baku Yerevan peace", nullptr},
  {"and", "drought cotton", "drought cotton", nullptr},
  {"and", "uranium Kazakhstan exports", "uranium Kazakhstan exports", nullptr},
  {"and", "refinery tanker terminal", "refinery tanker terminal", nullptr},
  {"phrase", "\"natural gas\"", "\"natural gas\"", nullptr},
  {"phrase", "\"Silk Road\"", "\"Silk Road\"", nullptr},
  {"phrase", "\"Belt and Road\"", "\"Belt and Road\"", nullptr},
  {"phrase", "\"energy security\"", "\"energy security\"", nullptr},
  {"phrase", "\"South Caucasus\"", "\"South Caucasus\"", nullptr},
  {"phrase", "\"Shanghai Cooperation Organization\"", "\"Shanghai Cooperation Organization\"", nullptr},
  {"phrase", "\"rule of law\"", "\"rule of law\"", nullptr},
  {"phrase", "\"Trans-Caspian pipeline\"", "\"Trans-Caspian pipeline\"", nullptr},
  {"phrase", "\"of the\"", "\"of the\"", nullptr},
  {"phrase", "\"issue of the CACI Analyst\"", "\"issue of the CACI Analyst\"", nullptr},
  {"prefix", "pipe*", "pipe*", nullptr},
  {"prefix", "sanc*", "sanc*", nullptr},
  {"prefix", "hydro*", "hydro*", nullptr},
  {"prefix", "Kaz*", "Kaz*", nullptr},
  {"prefix", "milit*", "milit*", nullptr},
  {"prefix", "democ*", "democ*", nullptr},
  {"prefix", "nuc*", "nuc*", nullptr},
  {"prefix", "caravan*", "caravan*", nullptr},
  {"name", "Swanstr\u00f6m", "Swanstr\u00f6m", nullptr},
  {"name", "Londo\u00f1o", "Londo\u00f1o", nullptr},
  {"name", "\"O'Brien\"", "\"O'Brien\"", nullptr},
  {"name", "\"Ul-Haq\"", "\"Ul-Haq\"", nullptr},
  {"name", "Sukhankin", "Sukhankin", nullptr},
  {"name", "\"Aigerim Turgunbaeva\"", "\"Aigerim Turgunbaeva\"", nullptr},
  {"name", "Tolipov", "Tolipov", nullptr},
  {"name", "\"Fazl-e-Haider\"", "\"Fazl-e-Haider\"", nullptr},
  {"rare", "ombudsman", "ombudsman", nullptr},
  {"rare", "sanatorium", "sanatorium", nullptr},
  {"rare", "caravanserai", "caravanserai", nullptr},
  {"rare", "kurultai", "kurultai", nullptr},
  {"rare", "aksakal", "aksakal", nullptr},
  {"rare", "karez", "karez", nullptr},
  {"rare", "manaschi", "manaschi", nullptr},
  {"rare", "petroglyphs dombra", "petroglyphs dombra", nullptr},
  {"rare", "xylophonically", "xylophonically", nullptr},
  {"diacritics", "T\u00fcrkiye", "T\u00fcrkiye", nullptr},
  {"diacritics", "turkiye", "turkiye", nullptr},
  {"diacritics", "A\u011fdam", "A\u011fdam", nullptr},
  {"diacritics", "agdam", "agdam", nullptr},
  {"diacritics", "\u015eu\u015fa", "\u015eu\u015fa", nullptr},
  {"diacritics", "susa", "susa", nullptr},
  {"diacritics", "swanstrom", "swanstrom", nullptr},
  {"diacritics", "londono", "londono", nullptr},
  {"diacritics", "G\u00fcmr\u00fc", "G\u00fcmr\u00fc", nullptr},
  {"diacritics", "\u00d6zt\u00fcrk", "\u00d6zt\u00fcrk", nullptr},
  {"or", "uranium OR gold", "uranium OR gold", nullptr},
  {"or", "dam OR irrigation", "dam OR irrigation", nullptr},
  {"or", "kurultai OR aksakal OR mahalla", "kurultai OR aksakal OR mahalla", nullptr},
  {"not", "Baku -Yerevan", "Baku NOT Yerevan", nullptr},
  {"not", "pipeline -gas", "pipeline NOT gas", nullptr},
  {"field", "author:Sukhankin", "authors:Sukhankin", nullptr},
  {"field", "title:pipeline", "title:pipeline", nullptr},
  {"field", "bio:Jamestown", "bio:Jamestown", nullptr},
  {"near", "\"natural gas\" NEAR/5 pipeline", "NEAR(\"natural gas\" pipeline, 5)", nullptr},
  {"fuzzy", "pipelne~1", nullptr, "FTS5 has no edit-distance (fuzzy) matching"},
  {"meta", "year:2003 pipeline", nullptr, "dates are not columns of the FTS5 table"},
  {"meta", "kind:digest sanctions", nullptr, "the article kind is not a column of the FTS5 table"},
};
// clang-format on

constexpr int kQueryCount = sizeof kQueries / sizeof kQueries[0];

}  // namespace caci_bench
