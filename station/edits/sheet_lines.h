// Wording of spreadsheet import errors, shared by `gongkai-station import`
// and the station page's import (station/ui/sheet_import.h).
#pragma once

#include "core/base/status.h"

namespace gongkai::station {

// What was wrong (naming the line) first, then what happened and what to do.
Status NothingImported(const Status& s);

}  // namespace gongkai::station
