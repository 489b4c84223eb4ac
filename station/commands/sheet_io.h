// Spreadsheet import and export with one set of rules for
// `gongkai-station import` / `export` and the clerk's page
// (station/ui/sheet_import.h): the file's kind by its content (CSV or
// .xlsx, core/xlsx/sheet_file.h), every bad line reported, then PlanImport
// inside ONE store action — all or nothing. A dry run plans against the
// working view and writes nothing.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/catalog/row.h"
#include "station/edits/import_report.h"
#include "station/store/station_store.h"

namespace gongkai::station {

inline constexpr size_t kMaxSheetFileBytes = 64u << 20;

struct SheetImportRequest {
  std::string_view bytes;
  std::string name;   // the file's name: journaled, and .xlsx names a workbook
  std::string sheet;  // --sheet, for a workbook
  bool dry_run = false;
  int64_t now = 0;
};

// report.status says whether anything was imported; its message names
// every error (the first line "第 N 行: …") and ends with what to do.
ImportReport ImportSheetFile(StationStore& store, const SheetImportRequest& request);

// The working view's rows (every row, or the own unit's), in id order.
Result<std::vector<Row>> ExportRows(StationStore& store, bool mine_only);

// True for names ending in .xlsx (any case): export writes a workbook.
bool WantsWorkbook(std::string_view file_name);

}  // namespace gongkai::station
