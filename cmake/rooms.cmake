# One static library per room (docs/architecture.md § The rooms).
#
#   gongkai_room(NAME DIR USES rooms... [LIBS libraries...])
#
# NAME is built from DIR/*.cc (not DIR/main.cc, a program's entry point).
# USES names exactly the rooms DIR may include (besides core/, which every
# room may use: gongkai_core), and only those are linked: the rooms form a
# graph without cycles. .ci/check-rooms reads these calls and fails on an
# include of any other room and on a cycle (ctest: RoomIncludes, label unit).
# Keep each call on one line: the check reads it with a regular expression.
#
# The rooms share one precompiled header (the common std headers, Boost.JSON
# and core/base/status.h): the first room declared builds it, the others
# reuse it, since they compile with the same flags. It takes a quarter to
# a third off most files' compile time (docs/testing.md § Build time).
set(GONGKAI_ROOM_PCH <algorithm> <cstdint> <functional> <map> <memory> <optional> <set>
    <sstream> <string> <string_view> <utility> <variant> <vector> <boost/json.hpp>
    ${CMAKE_SOURCE_DIR}/core/base/status.h)
# GCC 12 at -O2 then reports std::string's own inlined copy (char_traits.h,
# from `std::string(...) + "..."`) as out of bounds or overflowing in some
# files: the standard headers read from a precompiled header no longer count
# as system headers for those middle-end warnings. The same files without
# the header give none; the fuzz build (clang, ASan) checks bounds for real.
function(gongkai_pch_warnings target)
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    target_compile_options(${target} PRIVATE -Wno-array-bounds -Wno-stringop-overflow
                                             -Wno-stringop-overread -Wno-restrict)
  endif()
endfunction()

function(gongkai_room name dir)
  cmake_parse_arguments(ROOM "" "" "USES;LIBS" ${ARGN})
  file(GLOB sources CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/${dir}/*.cc)
  list(FILTER sources EXCLUDE REGEX "/main\\.cc$")
  add_library(${name} STATIC ${sources})
  target_link_libraries(${name} PUBLIC ${ROOM_USES} gongkai_core ${ROOM_LIBS})
  get_property(pch_owner GLOBAL PROPERTY GONGKAI_ROOM_PCH_OWNER)
  if(pch_owner)
    target_precompile_headers(${name} REUSE_FROM ${pch_owner})
  else()
    target_precompile_headers(${name} PRIVATE ${GONGKAI_ROOM_PCH})
    set_property(GLOBAL PROPERTY GONGKAI_ROOM_PCH_OWNER ${name})
  endif()
  gongkai_pch_warnings(${name})
endfunction()

#   gongkai_whole(NAME ROOMS rooms...)
#
# An interface library linking every room of one program, for the tests
# and benchmarks that drive the whole of it (gongkai_hub, gongkai_station).
function(gongkai_whole name)
  cmake_parse_arguments(WHOLE "" "" "ROOMS" ${ARGN})
  add_library(${name} INTERFACE)
  target_link_libraries(${name} INTERFACE ${WHOLE_ROOMS})
endfunction()

#   gongkai_tests_start(PROGRAMS programs... TESTS test targets...)
#
# The TESTS run the PROGRAMS as child processes: building a test target
# builds the programs too. The test targets are defined later (tests/), so
# the dependencies are added at the end of the top-level directory, with the
# lists as they are now; a target that does not exist then is passed over.
function(gongkai_tests_start)
  cmake_parse_arguments(START "" "" "PROGRAMS;TESTS" ${ARGN})
  cmake_language(EVAL CODE "cmake_language(DEFER DIRECTORY [[${CMAKE_SOURCE_DIR}]] CALL \
gongkai_add_test_program_dependencies [[${START_TESTS}]] [[${START_PROGRAMS}]])")
endfunction()

function(gongkai_add_test_program_dependencies tests programs)
  foreach(test ${tests})
    foreach(program ${programs})
      if(TARGET ${test} AND TARGET ${program})
        add_dependencies(${test} ${program})
      endif()
    endforeach()
  endforeach()
endfunction()
