// Regional name variants: the exonyms, old names and transliterations the archive uses for one
// place or people over 25 years (Kazakstan in 1999, Kazakhstan later; Alma-Ata and Almaty). A
// query word that is one spelling of a group also matches the others, at a small penalty
// (query_expansion.hpp), unless the index option name_variants is off or the word is written
// `=word`. Spellings compare as the tokenizer folds them (case, diacritics; a hyphen separates
// words, so "Nur-Sultan" is the phrase "nur sultan"). QUERY.md lists this table; a test checks the
// two agree. A plain constexpr array, so that other code (a gazetteer) can include it.
#pragma once

#include <string_view>

namespace caci::detail {

struct NameVariantGroup {
  std::string_view spellings[6];  // the current spelling first; unused slots empty
};

inline constexpr NameVariantGroup kNameVariants[] = {
    // Countries and peoples
    {{"Kazakhstan", "Kazakstan", "Kazahstan", "Qazaqstan", "Khazakhstan"}},
    {{"Kazakh", "Kazak", "Khazakh", "Qazaq"}},
    {{"Kyrgyzstan", "Kirghizia", "Kirgizia", "Kyrgyz Republic", "Kirgizstan", "Kirghizstan"}},
    {{"Kyrgyz", "Kirghiz", "Kirgiz"}},
    {{"Tajikistan", "Tajikstan", "Tadjikistan", "Tadzhikistan", "Tojikiston"}},
    {{"Tajik", "Tadjik", "Tadzhik"}},
    {{"Uzbekistan", "Uzbekstan", "Ouzbekistan", "Ozbekiston"}},
    {{"Turkmenistan", "Turkmenia", "Turkmenstan"}},
    {{"Turkey", "Turkiye"}},
    {{"Moldova", "Moldavia"}},
    {{"Belarus", "Byelorussia", "Belorussia"}},
    {{"Chechnya", "Chechnia", "Ichkeria", "Chechenia"}},
    {{"Karabakh", "Karabagh", "Artsakh", "Qarabag"}},
    {{"Ossetia", "Osetia"}},
    {{"Abkhazia", "Abkhaziya", "Apsny"}},
    {{"Azerbaijan", "Azerbaidzhan", "Azerbaycan"}},
    {{"Kyiv", "Kiev"}},
    // Cities
    {{"Almaty", "Alma-Ata", "Alma Ata"}},
    {{"Bishkek", "Frunze"}},
    {{"Ashgabat", "Ashkhabad", "Ashgabad", "Ashkabad"}},
    {{"Tbilisi", "Tiflis"}},
    {{"Turkmenbashi", "Krasnovodsk"}},
    {{"Astana", "Nur-Sultan", "Akmola", "Tselinograd"}},
    {{"Dushanbe", "Stalinabad"}},
    {{"Tashkent", "Toshkent"}},
    {{"Bukhara", "Bokhara", "Buxoro"}},
    {{"Samarkand", "Samarqand"}},
    {{"Khujand", "Leninabad", "Khodzhent"}},
    {{"Gyumri", "Leninakan"}},
    {{"Ganja", "Kirovabad"}},
    {{"Vladikavkaz", "Ordzhonikidze"}},
    {{"Yerevan", "Erevan"}},
    {{"Ulaanbaatar", "Ulan Bator"}},
    {{"Shymkent", "Chimkent"}},
    {{"Oskemen", "Ust-Kamenogorsk"}},
    {{"Semey", "Semipalatinsk"}},
};

}  // namespace caci::detail
