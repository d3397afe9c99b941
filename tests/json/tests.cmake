# tests/json reads the writer's output back with simdjson (an independent parser).
if(TARGET test_json)
  target_link_libraries(test_json PRIVATE simdjson::simdjson)
endif()
