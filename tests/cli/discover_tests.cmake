# caci complete, caci related, and search's suggestions and --explain (issue 14 items 5-8), on the
# committed page's index (fixture caci_cli_page_index, tests.cmake).
caci_cli_test(complete_text EXIT 0 ARGS complete ${caci_cli_out}/page.caci Pipe
  CHECKS "-DSTDOUT_MATCH=^pipeline\t1\npipelines\t1\n")
caci_cli_test(complete_json EXIT 0 ARGS complete --json ${caci_cli_out}/page.caci "gas pi"
  CHECKS "-DSTDOUT_MATCH=^\\{\"prefix\":\"gas pi\",\"completions\":\\[\\{\"term\":\"pipeline[s]?\",\"articles\":1\\}")
caci_cli_test(complete_finished_word EXIT 0 ARGS complete ${caci_cli_out}/page.caci "gas,"
  CHECKS -DSTDOUT_EMPTY=ON)
caci_cli_test(complete_limit_zero EXIT 0 ARGS complete --limit 0 ${caci_cli_out}/page.caci pi
  CHECKS -DSTDOUT_EMPTY=ON)
caci_cli_test(related_unknown_id EXIT 2 ARGS related ${caci_cli_out}/page.caci 0000000000001234
  CHECKS "-DSTDERR_MATCH=no article with id 0000000000001234")
caci_cli_test(related_bad_id EXIT 2 ARGS related ${caci_cli_out}/page.caci xyz
  CHECKS "-DSTDERR_MATCH=not an article id")
caci_cli_test(search_suggestions_json EXIT 0 ARGS search ${caci_cli_out}/page.caci pipelnes --json
  CHECKS "-DSTDOUT_MATCH=\"total\":0,.*\"suggestions\":\\[\\{\"query\":\"pipelines\",\"total\":1\\}")
caci_cli_test(search_suggestions_text EXIT 0 ARGS search ${caci_cli_out}/page.caci pipelnes
  CHECKS "-DSTDOUT_MATCH=did you mean: pipelines \\(1 hit\\)")
caci_cli_test(search_explain_text EXIT 0 ARGS search ${caci_cli_out}/page.caci Georgia --explain
  CHECKS "-DSTDOUT_MATCH=score [0-9.]+ = sum of:\n +[0-9.]+  georgia in [a-z]+: tf [0-9]+, idf")
caci_cli_test(search_explain_json EXIT 0 ARGS search ${caci_cli_out}/page.caci Georgia --explain --json
  CHECKS "-DSTDOUT_MATCH=\"explain\":\\[\\{\"element\":\"georgia\",\"field\":\"[a-z]+\",\"tf\":[0-9]+,\"idf\":[0-9.e-]+,\"length_norm\":[0-9.e-]+,\"weight\":[0-9.]+,\"contribution\":")
set_tests_properties(cli_complete_text cli_complete_json cli_complete_finished_word
  cli_complete_limit_zero cli_related_unknown_id cli_related_bad_id cli_search_suggestions_json
  cli_search_suggestions_text cli_search_explain_text cli_search_explain_json
  PROPERTIES FIXTURES_REQUIRED caci_cli_page_index)
