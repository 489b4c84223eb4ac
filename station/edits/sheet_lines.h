// Wording of spreadsheet import errors, shared by `gongkai-station import`
// and the station page's import (station/ui/sheet_import.h).
#pragma once

#include <string_view>
#include <vector>

#include "core/base/status.h"

namespace gongkai::station {

// The physical lines of the data records of a spreadsheet file (the last
// row_count non-blank records; the ones before are the header), to name the
// line of an error. Empty when the file cannot be read that way.
std::vector<size_t> SheetDataLines(std::string_view file_bytes, size_t row_count);

// What was wrong (naming the line) first, then what happened and what to do.
Status NothingImported(const Status& s);

}  // namespace gongkai::station
