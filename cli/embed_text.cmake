# Writes the file IN as a C++ raw string literal into OUT (build step of the caci CLI), so the
# query-language help is the search library's own reference (core/src/search/QUERY.md), not a copy.
file(READ "${IN}" content)
# Lines that are only an HTML comment (the GENERATED markers of tools/gen_tables.py) are not help.
string(REGEX REPLACE "<!--[^\n]*-->\n" "" content "${content}")
file(WRITE "${OUT}" "R\"caci_md(${content})caci_md\"\n")
