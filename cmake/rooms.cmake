# One static library per room (docs/architecture.md § The rooms).
#
#   gongkai_room(NAME DIR USES rooms... [BACK rooms...] [LIBS libraries...])
#
# NAME is built from DIR/*.cc (not DIR/main.cc, a program's entry point).
# USES names exactly the rooms DIR may include (besides core/, which every
# room may use: gongkai_core); BACK names the known wrong-way includes that
# are still to be removed (docs/architecture.md lists them). Both are
# linked, so the programs link; .ci/check-rooms reads these calls and fails
# on an include of any other room (ctest: RoomIncludes, label unit).
# Keep each call on one line: the check reads it with a regular expression.
function(gongkai_room name dir)
  cmake_parse_arguments(ROOM "" "" "USES;BACK;LIBS" ${ARGN})
  file(GLOB sources CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/${dir}/*.cc)
  list(FILTER sources EXCLUDE REGEX "/main\\.cc$")
  add_library(${name} STATIC ${sources})
  target_link_libraries(${name} PUBLIC ${ROOM_USES} ${ROOM_BACK} gongkai_core ${ROOM_LIBS})
  # A BACK edge makes a cycle of static libraries: list the cycle on the
  # link line often enough for the linker to resolve it.
  set_property(TARGET ${name} PROPERTY LINK_INTERFACE_MULTIPLICITY 4)
endfunction()
