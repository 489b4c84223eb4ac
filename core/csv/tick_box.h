// Tick-box cells of the national two-row layout, where each element of a set
// field (公开对象: 全社会 / 特定群体, …) has its own column (docs/formats/csv.md).
//   ticked:     √  ✓  ✔  ☑  ■  是  1
//   not ticked: empty, □  口  ☐  ×  ✗  否  0
// Whitespace around the mark is ignored. Anything else is not a tick box.
#pragma once

#include <optional>
#include <string_view>

namespace gongkai {

// true / false, or nullopt for a cell that is neither ticked nor empty.
std::optional<bool> ParseTickBox(std::string_view cell);

}  // namespace gongkai
