// Import and export of the spreadsheet from the clerk's page, with exactly
// the rules of `gongkai-station import` / `export` (station/commands/
// import_command.cc, export_command.cc): ParseCatalogCsv (UTF-8 or GBK, the
// Chinese headers) then PlanImport inside ONE store action — all or
// nothing: the first bad line fails the whole file and nothing is written;
// the message names the line ("第 N 行: …").
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/base/status.h"
#include "station/edits/edit_plan.h"
#include "station/store/station_store.h"

namespace gongkai::station::ui {

inline constexpr size_t kMaxSheetBytes = 64u << 20;

// `name` is the uploaded file's name (journaled as the action's detail).
Result<ImportCounts> ImportSheet(StationStore& store, std::string_view bytes, std::string_view name,
                                 int64_t now);

// The working view as CSV (UTF-8 with BOM), every row or the own unit's.
Result<std::string> ExportSheet(StationStore& store, bool mine_only);

}  // namespace gongkai::station::ui
