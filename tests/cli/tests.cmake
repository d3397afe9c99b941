# End-to-end tests of the caci command-line tool: exit statuses, output shapes, index + search.
if(NOT TARGET caci_cli)
  return()
endif()
set(caci_cli_dir ${CMAKE_CURRENT_LIST_DIR})
set(caci_cli_data ${caci_cli_dir}/data)
set(caci_cli_out ${CMAKE_CURRENT_BINARY_DIR}/cli)
file(MAKE_DIRECTORY ${caci_cli_out})

# caci_cli_test(NAME EXIT code ARGS a b ... [CHECKS -DKEY=VALUE ...])
function(caci_cli_test name)
  cmake_parse_arguments(T "" "EXIT" "ARGS;CHECKS" ${ARGN})
  string(REPLACE ";" "@@" args "${T_ARGS}")  # list separator that survives add_test
  add_test(NAME cli_${name}
    COMMAND ${CMAKE_COMMAND} -DEXE=$<TARGET_FILE:caci_cli> "-DARGS=${args}" -DEXPECT_EXIT=${T_EXIT}
            ${T_CHECKS} -P ${caci_cli_dir}/run_cli.cmake)
  set_tests_properties(cli_${name} PROPERTIES LABELS cli)
endfunction()

caci_cli_test(help EXIT 0 ARGS --help CHECKS "-DSTDOUT_MATCH=exit status.*3  I/O error")
caci_cli_test(parse_help EXIT 0 ARGS parse --help CHECKS "-DSTDOUT_MATCH=--format json\\|jsonl")
caci_cli_test(index_help EXIT 0 ARGS index --help CHECKS "-DSTDOUT_MATCH=-o OUT.caci")
caci_cli_test(search_help EXIT 0 ARGS search --help CHECKS "-DSTDOUT_MATCH=NEAR/[0-9].*year:2001..2004")
caci_cli_test(version EXIT 0 ARGS --version CHECKS "-DSTDOUT_MATCH=libcaci [0-9.]+, Unicode [0-9.]+")
caci_cli_test(no_arguments EXIT 2 ARGS "")
caci_cli_test(unknown_command EXIT 2 ARGS frobnicate CHECKS "-DSTDERR_MATCH=unknown command")
caci_cli_test(unknown_option EXIT 2 ARGS parse --bogus ${caci_cli_data}/page.txt
  CHECKS "-DSTDERR_MATCH=unknown option '--bogus'" -DSTDOUT_EMPTY=ON)
caci_cli_test(parse_no_files EXIT 2 ARGS parse)
caci_cli_test(bad_format EXIT 2 ARGS parse --format xml ${caci_cli_data}/page.txt)

# An unreadable file is named on stderr, gets an io_error diagnostic, and exits 3; the readable
# pages are still output.
caci_cli_test(unreadable_file EXIT 3
  ARGS parse ${caci_cli_data}/page.txt ${caci_cli_out}/does-not-exist.txt
  CHECKS "-DSTDERR_MATCH=cannot read '[^']*does-not-exist.txt'"
         "-DSTDOUT_MATCH=\"code\":\"io_error\".*does-not-exist.txt"
         "-DSTDOUT_MATCH=\"kind\":\"article\"")
caci_cli_test(unreadable_directory EXIT 3 ARGS parse ${caci_cli_data}
  CHECKS "-DSTDERR_MATCH=cannot read")
add_test(NAME cli_index_no_input_keeps_output
  COMMAND ${CMAKE_COMMAND} -DEXE=$<TARGET_FILE:caci_cli> -DWORK_DIR=${caci_cli_out}/no-input
          -DMISSING=${caci_cli_out}/no-such-page.txt -P ${caci_cli_dir}/index_no_input_keeps_output.cmake)
set_tests_properties(cli_index_no_input_keeps_output PROPERTIES LABELS cli)

# --strict: an invalid 0xFF byte (line 3, column 6) exits 1 with no JSON.
caci_cli_test(strict_invalid_utf8 EXIT 1 ARGS parse --strict ${caci_cli_data}/invalid_utf8.txt
  CHECKS "-DSTDERR_MATCH=invalid_utf8.txt:3:6" -DSTDOUT_EMPTY=ON)
caci_cli_test(lenient_invalid_utf8 EXIT 0 ARGS parse ${caci_cli_data}/invalid_utf8.txt
  CHECKS "-DSTDOUT_MATCH=\"code\":\"invalid_utf8\",\"message\"|\"code\":\"invalid_utf8\"")
caci_cli_test(strict_valid EXIT 0 ARGS parse --strict ${caci_cli_data}/page.txt
  CHECKS "-DSTDOUT_MATCH=^\\{\"schema\":\"caci-archive/1\"")

# JSON Lines: one line per distinct article; duplicates across files merge.
caci_cli_test(jsonl_lines EXIT 0 ARGS parse --format jsonl ${caci_cli_data}/page.txt
  CHECKS -DSTDOUT_LINES=3)
caci_cli_test(jsonl_duplicates_merge EXIT 0
  ARGS parse --format=jsonl ${caci_cli_data}/page.txt ${caci_cli_data}/page.txt
  CHECKS -DSTDOUT_LINES=3 "-DSTDOUT_MATCH=\"duplicates\":\\[\\{\"file\"")
caci_cli_test(stdin EXIT 0 ARGS parse -
  CHECKS -DSTDIN_FILE=${caci_cli_data}/page.txt "-DSTDOUT_MATCH=\"file\":\"<stdin>\"")
caci_cli_test(output_file EXIT 0 ARGS parse -o ${caci_cli_out}/parse-out.json ${caci_cli_data}/page.txt
  CHECKS -DSTDOUT_EMPTY=ON -DOUTPUT_FILE=${caci_cli_out}/parse-out.json
         "-DOUTPUT_MATCH=\"stats\":\\{\"bytes\":[0-9]+")
caci_cli_test(unwritable_output EXIT 3
  ARGS parse -o ${caci_cli_out}/no-such-dir/out.json ${caci_cli_data}/page.txt
  CHECKS "-DSTDERR_MATCH=cannot write")
caci_cli_test(summary EXIT 0 ARGS parse --summary ${caci_cli_data}/page.txt
  CHECKS "-DSTDERR_MATCH=articles +3 .*throughput")

# Index + search round trip on the committed page.
caci_cli_test(index_build EXIT 0 ARGS index -o ${caci_cli_out}/page.caci ${caci_cli_data}/page.txt
  CHECKS "-DSTDERR_MATCH=indexed 3 articles" -DOUTPUT_FILE=${caci_cli_out}/page.caci
         -DOUTPUT_MATCH=^CACIIDX)
set_tests_properties(cli_index_build PROPERTIES FIXTURES_SETUP caci_cli_page_index)
caci_cli_test(search_index EXIT 0 ARGS search ${caci_cli_out}/page.caci pipelines
  CHECKS "-DSTDOUT_MATCH=Firstname Lastname.*\\[\\[pipelines\\]\\].*1 hit,")
caci_cli_test(search_index_json EXIT 0 ARGS search ${caci_cli_out}/page.caci Georgia --json --facets
  CHECKS "-DSTDOUT_MATCH=^\\{\"query\":\"Georgia\",\"total\":1,.*\"highlights\":\\[\\[[0-9]+,[0-9]+\\].*\"facets\":\\{\"author\":\\[\\{\"value\":\"Other Person\",\"count\":1\\}")
caci_cli_test(search_query_error EXIT 2 ARGS search ${caci_cli_out}/page.caci "gas AND (oil"
  CHECKS "-DSTDERR_MATCH=malformed query at byte")
set_tests_properties(cli_search_index cli_search_index_json cli_search_query_error
  PROPERTIES FIXTURES_REQUIRED caci_cli_page_index)

# A search-only index (--no-text): the same hit, no snippet.
caci_cli_test(index_no_text EXIT 0 ARGS index --no-text -o ${caci_cli_out}/page-notext.caci ${caci_cli_data}/page.txt
  CHECKS "-DSTDERR_MATCH=indexed 3 articles" -DOUTPUT_FILE=${caci_cli_out}/page-notext.caci
         -DOUTPUT_MATCH=^CACIIDX)
set_tests_properties(cli_index_no_text PROPERTIES FIXTURES_SETUP caci_cli_notext_index)
caci_cli_test(search_no_text_json EXIT 0 ARGS search ${caci_cli_out}/page-notext.caci Georgia --json
  CHECKS "-DSTDOUT_MATCH=^\\{\"query\":\"Georgia\",\"total\":1,.*\"snippet\":\"\",\"snippet_start\":0,\"snippet_end\":0,\"highlights\":\\[\\]")
set_tests_properties(cli_search_no_text_json PROPERTIES FIXTURES_REQUIRED caci_cli_notext_index)

# Searching pages directly, without a saved index.
caci_cli_test(search_pages EXIT 0 ARGS search ${caci_cli_data}/page.txt "water OR tbilisi" --sort date
  CHECKS "-DSTDOUT_MATCH=2 hits, showing 1-2, sorted by date")

# A generated page of 25 articles: index it, then search, page and facet.
caci_cli_test(generated_index EXIT 0 ARGS index -o ${caci_cli_out}/generated.caci ${caci_cli_out}/generated.txt
  CHECKS -DGENERATE_PAGE=${caci_cli_out}/generated.txt "-DSTDERR_MATCH=indexed 25 articles")
set_tests_properties(cli_generated_index PROPERTIES FIXTURES_SETUP caci_cli_generated)
caci_cli_test(generated_search EXIT 0 ARGS search ${caci_cli_out}/generated.caci marker17
  CHECKS "-DSTDOUT_MATCH=Elena Petrova.*\\[\\[marker17\\]\\].*1 hit,")
caci_cli_test(generated_paging EXIT 0
  ARGS search ${caci_cli_out}/generated.caci caspian --limit 5 --offset 20 --facets
  CHECKS "-DSTDOUT_MATCH=^21\\. .*25 hits, showing 21-25.*year +2024 \\(25\\)")
set_tests_properties(cli_generated_search cli_generated_paging
  PROPERTIES FIXTURES_REQUIRED caci_cli_generated)

# The real sample pages (outside the repository): the two pages share one article.
file(GLOB caci_cli_corpus ${CACI_CORPUS_DIR}/*.txt)
if(caci_cli_corpus)
  caci_cli_test(corpus_summary EXIT 0 ARGS parse --summary --format jsonl ${caci_cli_corpus}
    CHECKS "-DSTDERR_MATCH=duplicates +1 merged")
endif()

# Atomic output files: a failure at each step of writing `parse -o` and `index -o` (injected by
# the caci_fault_injection build) leaves the previous file byte for byte and no temporary file.
if(TARGET caci_fault_injection)
  foreach(stage open write fsync close rename)
    foreach(command parse index)
      if(command STREQUAL "parse")
        set(args "parse@@-o@@OUT@@${caci_cli_data}/page.txt")
        set(output_match "^\\{\"schema\":\"caci-archive/1\"")
      else()
        set(args "index@@-o@@OUT@@${caci_cli_data}/page.txt")
        set(output_match "^CACIIDX")
      endif()
      set(name cli_atomic_${command}_${stage}_fails)
      add_test(NAME ${name}
        COMMAND ${CMAKE_COMMAND} -DEXE=$<TARGET_FILE:caci_fault_injection> -DSTAGE=${stage}
                "-DARGS=${args}" "-DOUTPUT_MATCH=${output_match}"
                -DWORK_DIR=${caci_cli_out}/atomic-${command}-${stage}
                -P ${caci_cli_dir}/atomic_write_failure.cmake)
      set_tests_properties(${name} PROPERTIES LABELS cli)
    endforeach()
  endforeach()
  # A large input's JSON is written by two threads in turns (cmd_parse.cpp, RangeTurns): a write
  # that fails stops both, and the previous file stays.
  add_test(NAME cli_atomic_parse_write_fails_two_threads
    COMMAND ${CMAKE_COMMAND} -DEXE=$<TARGET_FILE:caci_fault_injection> -DSTAGE=write
            "-DARGS=parse@@--threads@@2@@-o@@OUT" "-DOUTPUT_MATCH=^\\{\"schema\":\"caci-archive/1\""
            -DPAGES_DIR=${CACI_GENERATED_ARCHIVE_5K_DIR} -DWORK_DIR=${caci_cli_out}/atomic-parse-two
            -P ${caci_cli_dir}/atomic_write_failure.cmake)
  set_tests_properties(cli_atomic_parse_write_fails_two_threads PROPERTIES LABELS cli
    FIXTURES_REQUIRED caci_generated_archive)
  # With no previous file, a failed write leaves no file at all.
  foreach(stage write rename)
    add_test(NAME cli_atomic_index_${stage}_fails_new_file
      COMMAND ${CMAKE_COMMAND} -DEXE=$<TARGET_FILE:caci_fault_injection> -DSTAGE=${stage}
              "-DARGS=index@@--no-text@@-o@@OUT@@${caci_cli_data}/page.txt" "-DOUTPUT_MATCH=^CACIIDX"
              -DNO_PREVIOUS=ON -DWORK_DIR=${caci_cli_out}/atomic-new-${stage}
              -P ${caci_cli_dir}/atomic_write_failure.cmake)
    set_tests_properties(cli_atomic_index_${stage}_fails_new_file PROPERTIES LABELS cli)
  endforeach()
endif()

# A real full disk: a 64 KiB tmpfs (needs root; skipped without it, failed under CI=true).
if(CACI_GENERATED_ARCHIVE_DIR)
  add_test(NAME cli_atomic_index_full_filesystem
    COMMAND ${CMAKE_COMMAND} -DEXE=$<TARGET_FILE:caci_cli> -DSMALL_PAGE=${caci_cli_data}/page.txt
            -DLARGE_DIR=${CACI_GENERATED_ARCHIVE_DIR} -DMOUNT_POINT=${caci_cli_out}/tmpfs-64k
            -P ${caci_cli_dir}/atomic_full_filesystem.cmake)
  set_tests_properties(cli_atomic_index_full_filesystem PROPERTIES LABELS cli
    FIXTURES_REQUIRED caci_generated_archive SKIP_REGULAR_EXPRESSION "SKIPPED: ")
endif()

# caci export and caci stats: every format on the samples plus data/export.txt (LaTeX specials,
# commas and quotes, non-ASCII names, month-only and year-less dates, untitled entries), read back
# by real consumers (csv and json modules, the sqlite3 shell, python3-bibtexparser); export from an
# index equals export from the pages; the bad-input cases. Debian's /usr/bin/python3 runs them
# (bibtexparser is a Debian package).
caci_cli_test(export_help EXIT 0 ARGS export --help
  CHECKS "-DSTDOUT_MATCH=--format FORMAT.*date_partial.*articles_fts.*canonical_key")
caci_cli_test(stats_help EXIT 0 ARGS stats --help CHECKS "-DSTDOUT_MATCH=--by KEY.*category or country")
caci_cli_test(help_lists_export EXIT 0 ARGS --help
  CHECKS "-DSTDOUT_MATCH=export +--format csv\\|sqlite\\|bibtex\\|ris\\|csljson.*stats +PAGES")
caci_cli_test(export_unknown_format EXIT 2
  ARGS export --format xlsx -o ${caci_cli_out}/never.xlsx ${caci_cli_data}/page.txt
  CHECKS "-DSTDERR_MATCH=unknown format 'xlsx' \\(csv, sqlite, bibtex, ris or csljson\\)")
caci_cli_test(export_missing_output EXIT 2 ARGS export --format csv ${caci_cli_data}/page.txt
  CHECKS "-DSTDERR_MATCH=missing -o OUT")
caci_cli_test(export_unwritable EXIT 3
  ARGS export --format csv -o ${caci_cli_out}/no-such-dir/out.csv ${caci_cli_data}/page.txt
  CHECKS "-DSTDERR_MATCH=cannot write '[^']*no-such-dir/out.csv'")
caci_cli_test(export_csv_stdout EXIT 0 ARGS export --format csv -o - ${caci_cli_data}/page.txt
  CHECKS "-DSTDOUT_MATCH=^id,kind,category,title,authors,date,year,date_partial,date_source,lead,text,source_file,source_line,byte_start,byte_end,duplicates\r\n")
caci_cli_test(export_strict_invalid_utf8 EXIT 1
  ARGS export --strict --format csv -o - ${caci_cli_data}/invalid_utf8.txt
  CHECKS "-DSTDERR_MATCH=invalid UTF-8 \\(rejected by --strict\\)" -DSTDOUT_EMPTY=ON)
caci_cli_test(stats_page EXIT 0 ARGS stats ${caci_cli_data}/page.txt
  CHECKS "-DSTDOUT_MATCH=bytes +[0-9]+ = articles [0-9]+ \\+ boilerplate [0-9]+ \\+ unclassified 0.*total +3 +100.0%")
caci_cli_test(stats_unknown_by EXIT 2 ARGS stats --by colour ${caci_cli_data}/page.txt
  CHECKS "-DSTDERR_MATCH=unknown --by key 'colour'" -DSTDOUT_EMPTY=ON)
caci_cli_test(stats_by_country EXIT 0 ARGS stats --by country ${caci_cli_data}/page.txt
  CHECKS "-DSTDOUT_MATCH=country +articles")
# --by author counts people, not spellings (issue 14 item 9): `Dr. S. Frederick Starr`,
# `Frederick Starr` and `Frederick S. Starr` are one person shown as the most frequent spelling,
# `Slavomír Horák` and `Slavomir Horak` another (a tie: the smaller spelling); an article counts
# once per person; an alias file merges what the rules cannot, and a bad one names its line.
caci_cli_test(stats_by_author_people EXIT 0 ARGS stats --by author --json ${caci_cli_data}/people.txt
  CHECKS "-DSTDOUT_MATCH=\"rows\":\\[{\"key\":\"Frederick Starr\",\"articles\":4},{\"key\":\"Slavomir Horak\",\"articles\":2}\\]}")
caci_cli_test(stats_by_author_text EXIT 0 ARGS stats --by author ${caci_cli_data}/people.txt
  CHECKS "-DSTDOUT_MATCH=\nFrederick Starr +4 +80.0%\nSlavomir Horak +2 +40.0%\ntotal +5 ")
caci_cli_test(stats_by_author_aliases EXIT 0
  ARGS stats --by author --json --aliases ${caci_cli_data}/people_aliases.txt ${caci_cli_data}/people.txt
  CHECKS "-DSTDOUT_MATCH=\"rows\":\\[{\"key\":\"Frederick Starr\",\"articles\":5}\\]}")
caci_cli_test(stats_by_author_aliases_malformed EXIT 2
  ARGS stats --by author --aliases ${caci_cli_data}/aliases_bad.txt ${caci_cli_data}/people.txt
  CHECKS "-DSTDERR_MATCH=aliases line 2" -DSTDOUT_EMPTY=ON)

if(EXISTS /usr/bin/python3)
  foreach(check csv sqlite bibtex ris csljson index_equals_pages stats bad_input)
    add_test(NAME cli_export_${check}
      COMMAND /usr/bin/python3 ${caci_cli_dir}/export_checks.py ${check}
              --caci $<TARGET_FILE:caci_cli> --samples ${PROJECT_SOURCE_DIR}/samples
              --data ${caci_cli_data} --work ${caci_cli_out}/export-${check})
    set_tests_properties(cli_export_${check} PROPERTIES LABELS cli)
  endforeach()
endif()

# libsqlite3 is linked by the CLI only: libcaci has no sqlite3 symbol and does not need it.
if(TARGET caci)
  add_test(NAME cli_libcaci_has_no_sqlite
    COMMAND ${CMAKE_COMMAND} -DLIB=$<TARGET_FILE:caci> -P ${caci_cli_dir}/libcaci_no_sqlite.cmake)
  set_tests_properties(cli_libcaci_has_no_sqlite PROPERTIES LABELS cli)
endif()

# The atomic write of `caci export` (CSV and the SQLite file alike): a failure at each step leaves
# the previous file byte for byte and no temporary file.
if(TARGET caci_fault_injection)
  foreach(stage open write fsync close rename)
    foreach(format csv sqlite)
      if(format STREQUAL "csv")
        set(output_match "^id,kind,")
      else()
        set(output_match "^SQLite format 3")
      endif()
      set(name cli_atomic_export_${format}_${stage}_fails)
      add_test(NAME ${name}
        COMMAND ${CMAKE_COMMAND} -DEXE=$<TARGET_FILE:caci_fault_injection> -DSTAGE=${stage}
                "-DARGS=export@@--format@@${format}@@-o@@OUT@@${caci_cli_data}/page.txt"
                "-DOUTPUT_MATCH=${output_match}"
                -DWORK_DIR=${caci_cli_out}/atomic-export-${format}-${stage}
                -P ${caci_cli_dir}/atomic_write_failure.cmake)
      set_tests_properties(${name} PROPERTIES LABELS cli)
    endforeach()
  endforeach()
endif()

# The progress line of parse, index and export (cli/progress.cpp): on a pseudo-terminal (Python's
# pty module) it appears, is rate-limited and erased, and never reaches the output file; with
# stderr redirected to a file, or --quiet, nothing is written; a short job stays silent under the
# default one-second threshold and a longer one (standard input fed late) shows it.
if(EXISTS /usr/bin/python3)
  foreach(check terminal not_a_terminal quiet fast_job slow_stdin)
    add_test(NAME cli_progress_${check}
      COMMAND /usr/bin/python3 ${caci_cli_dir}/progress_checks.py ${check}
              --caci $<TARGET_FILE:caci_cli> --samples ${PROJECT_SOURCE_DIR}/samples
              --work ${caci_cli_out}/progress-${check})
    set_tests_properties(cli_progress_${check} PROPERTIES LABELS cli)
  endforeach()
endif()

# The man page caci.1 (cli/help.cpp: the table --help is printed from; `caci --man`, built by the
# caci_man target): its troff structure with every command, option and exit status of --help;
# groff and man -l render it without warnings (SKIPPED without groff-base/man-db, failed under
# CI=true); `cmake --install --component man` puts it in share/man/man1.
if(EXISTS /usr/bin/python3 AND TARGET caci_man)
  foreach(check structure renders install)
    add_test(NAME cli_man_${check}
      COMMAND /usr/bin/python3 ${caci_cli_dir}/man_checks.py ${check}
              --caci $<TARGET_FILE:caci_cli> --man-file ${PROJECT_BINARY_DIR}/cli/caci.1
              --build ${PROJECT_BINARY_DIR} --cmake ${CMAKE_COMMAND}
              --work ${caci_cli_out}/man-${check})
    set_tests_properties(cli_man_${check} PROPERTIES LABELS cli SKIP_REGULAR_EXPRESSION "SKIPPED: ")
  endforeach()
endif()

# The README's walk-through for researchers, pasted as written (parse, stats, CSV, SQLite with
# FTS5, a pandas one-liner, BibTeX).
add_test(NAME cli_readme_walkthrough
  COMMAND ${CMAKE_CURRENT_LIST_DIR}/readme_walkthrough.sh ${PROJECT_SOURCE_DIR} $<TARGET_FILE:caci_cli>)
set_tests_properties(cli_readme_walkthrough PROPERTIES LABELS cli)

# People and countries (issue 14 items 9-10): --aliases merges two names into one person for
# author: and the author facet; a malformed alias file names its line; country: and its facet.
caci_cli_test(search_aliases EXIT 0
  ARGS search ${caci_cli_data}/page.txt "author:\"Other Person\"" --aliases ${caci_cli_data}/aliases.txt --facets
  CHECKS "-DSTDOUT_MATCH=2 hits,.*author +Firstname Lastname \\(2\\)")
caci_cli_test(search_without_aliases EXIT 0
  ARGS search ${caci_cli_data}/page.txt "author:\"Other Person\""
  CHECKS "-DSTDOUT_MATCH=1 hit,")
caci_cli_test(search_aliases_malformed EXIT 2
  ARGS search ${caci_cli_data}/page.txt x --aliases ${caci_cli_data}/aliases_bad.txt
  CHECKS "-DSTDERR_MATCH=aliases_bad.txt: aliases line 2: expected \"Name = Other Name\"")
caci_cli_test(search_aliases_missing EXIT 3
  ARGS search ${caci_cli_data}/page.txt x --aliases ${caci_cli_out}/no-such-aliases.txt
  CHECKS "-DSTDERR_MATCH=cannot read aliases")
caci_cli_test(index_aliases_malformed EXIT 2
  ARGS index -o ${caci_cli_out}/aliases-bad.caci --aliases ${caci_cli_data}/aliases_bad.txt ${caci_cli_data}/page.txt
  CHECKS "-DSTDERR_MATCH=aliases line 2")
caci_cli_test(search_country EXIT 0
  ARGS search ${caci_cli_data}/page.txt "country:GEORGIA" --facets
  CHECKS "-DSTDOUT_MATCH=Other Person.*1 hit,.*country +Georgia \\(1\\)")
caci_cli_test(search_country_json EXIT 0
  ARGS search ${caci_cli_data}/page.txt kind:article --facets --json
  CHECKS "-DSTDOUT_MATCH=\"country\":\\[\\{\"value\":\"Azerbaijan\",\"count\":1\\}")
caci_cli_test(search_unknown_country EXIT 2
  ARGS search ${caci_cli_data}/page.txt "country:atlantis"
  CHECKS "-DSTDERR_MATCH=unknown country \\(Afghanistan")

# Word forms and name variants (issue 14 items 1-3): another form of a word and another spelling
# of a place match, highlighted as found; `=word` matches the form as written only.
caci_cli_test(search_word_forms EXIT 0 ARGS search ${caci_cli_data}/page.txt election
  CHECKS "-DSTDOUT_MATCH=\\[\\[elections\\]\\].*1 hit,")
caci_cli_test(search_exact_form EXIT 0 ARGS search ${caci_cli_data}/page.txt =election
  CHECKS "-DSTDOUT_MATCH=^0 hits")
caci_cli_test(search_name_variant EXIT 0 ARGS search ${caci_cli_data}/page.txt "kazakstan OR tiflis"
  CHECKS "-DSTDOUT_MATCH=\\[\\[Tbilisi\\]\\].*2 hits,")
include(${CMAKE_CURRENT_LIST_DIR}/discover_tests.cmake)

# caci parse --threads 2 prints what one thread prints (parse_threads.cmake).
foreach(variant json jsonl strict)
  set(flags "")
  if(variant STREQUAL "jsonl")
    set(flags "--format@@jsonl")
  elseif(variant STREQUAL "strict")
    set(flags "--strict")
  endif()
  add_test(NAME cli_parse_threads_${variant}
    COMMAND ${CMAKE_COMMAND} -DEXE=$<TARGET_FILE:caci_cli>
            "-DDATA_DIRS=${CACI_TEST_DATA_DIR}/fixtures@@${caci_cli_data}@@${CACI_CORPUS_DIR}"
            -DOUT=${caci_cli_out} "-DFLAGS=${flags}" -P ${caci_cli_dir}/parse_threads.cmake)
  set_tests_properties(cli_parse_threads_${variant} PROPERTIES LABELS cli)
endforeach()

# A large input's JSON, written in ranges on two threads, is the one-thread JSON byte for byte
# (parse_threads_large.cmake).
add_test(NAME cli_parse_threads_large
  COMMAND ${CMAKE_COMMAND} -DEXE=$<TARGET_FILE:caci_cli> -DPAGES_DIR=${CACI_GENERATED_ARCHIVE_5K_DIR}
          -DOUT=${caci_cli_out} -P ${caci_cli_dir}/parse_threads_large.cmake)
set_tests_properties(cli_parse_threads_large PROPERTIES LABELS cli
  FIXTURES_REQUIRED caci_generated_archive)
