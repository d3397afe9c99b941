# Installation test (lesson 19): cmake --install into a temporary prefix, then a consumer built with
# find_package(caci) and one built with pkg-config must both run and print the article count.
if(CMAKE_SYSTEM_NAME STREQUAL "Linux" AND NOT CACI_SANITIZE)  # an ASan libcaci needs an ASan consumer
  find_program(CACI_PKG_CONFIG pkg-config)
  if(CACI_PKG_CONFIG)
    set(caci_install_static "")
    if(NOT BUILD_SHARED_LIBS)
      set(caci_install_static static)
    endif()
    add_test(NAME install_consumer
      COMMAND ${CMAKE_CURRENT_LIST_DIR}/install_test.sh ${PROJECT_BINARY_DIR}
              ${CMAKE_CURRENT_LIST_DIR}/consumer "articles: 2"
              ${CMAKE_C_COMPILER} ${CMAKE_CXX_COMPILER} ${caci_install_static})
    # Installs what the build made: the library and the CLI must be built first.
    set_tests_properties(install_consumer PROPERTIES LABELS install TIMEOUT 300)
  endif()
endif()
