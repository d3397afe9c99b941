// Section ids of the index file (index_file.cpp holds the layout). One table: a writer adds a
// section by giving it the next free id here; readers skip ids they do not know, so an optional
// section never needs a newer minimum reader version.
#pragma once

#include <cstdint>

namespace caci::detail {

enum SectionId : uint32_t {
  s_options = 1,
  s_store = 2,
  s_terms = 3,
  s_lists = 4,
  s_postings = 5,
  s_doclen = 6,
  s_store_extras = 7,        // optional: date sources and outlets
  s_stems = 8,               // search v2: stem classes of the term dictionary
  s_author_aliases = 9,      // search v2: the author alias table (canonical people)
  s_text_table = 10,         // format 3: the article text's chunk table (lazy_text.hpp)
  s_text_data = 11,          // format 3: the compressed chunks (checksummed per chunk)
  s_posting_sums = 12,       // format 3: a checksum per page of the postings section
  s_article_countries = 13,  // search v2: each article's countries (article_facts.hpp)
  s_versions = 14,           // each article's other versions (versions.hpp), as doc numbers
  s_count = 15
};

}  // namespace caci::detail
