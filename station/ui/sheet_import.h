// Import and export of the spreadsheet from the clerk's page, with exactly
// the rules of `gongkai-station import` / `export`
// (station/commands/sheet_io.h): CSV or .xlsx by content, every bad line
// reported (the page shows them as a table) and nothing written, or ONE
// store action; a check (dry run) writes nothing.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/base/status.h"
#include "station/commands/sheet_io.h"
#include "station/edits/import_report.h"
#include "station/store/station_store.h"

namespace gongkai::station::ui {

inline constexpr size_t kMaxSheetBytes = kMaxSheetFileBytes;

// `name` is the uploaded file's name (journaled as the action's detail).
ImportReport ImportSheet(StationStore& store, std::string_view bytes, std::string_view name,
                         int64_t now, bool dry_run = false);

// The working view as CSV (UTF-8 with BOM), every row or the own unit's.
Result<std::string> ExportSheet(StationStore& store, bool mine_only);
// The same rows as an .xlsx workbook.
Result<std::string> ExportWorkbook(StationStore& store, bool mine_only);

}  // namespace gongkai::station::ui
