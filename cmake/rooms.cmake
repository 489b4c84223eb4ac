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
function(gongkai_room name dir)
  cmake_parse_arguments(ROOM "" "" "USES;LIBS" ${ARGN})
  file(GLOB sources CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/${dir}/*.cc)
  list(FILTER sources EXCLUDE REGEX "/main\\.cc$")
  add_library(${name} STATIC ${sources})
  target_link_libraries(${name} PUBLIC ${ROOM_USES} gongkai_core ${ROOM_LIBS})
endfunction()
