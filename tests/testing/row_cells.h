// Several cells of a catalog row at once, as a table of (field, text): set
// on a row a test builds, or checked on a row a test got back. A failed
// check names the field, so one table replaces a line per cell.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "core/catalog/row.h"

namespace gongkai {

using Cells = std::vector<std::pair<Field, std::string>>;

// `row` with each listed cell set to its text.
Row WithCells(Row row, const Cells& cells);

// Each listed cell of `row` holds its text (the others are not looked at).
void ExpectCells(const Row& row, const Cells& cells);

}  // namespace gongkai
