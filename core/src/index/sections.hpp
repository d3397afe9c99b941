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
  s_store_extras = 7,    // optional: date sources and outlets
  s_stems = 8,           // search v2: stem classes of the term dictionary
  s_author_aliases = 9,  // search v2: the author alias table (canonical people)
  s_count = 10
};

}  // namespace caci::detail
