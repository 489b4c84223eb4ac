// Catalog rows from an .xlsx workbook (docs/formats/xlsx.md): the sheet is
// read by workbook.h and its records go through the same path as a CSV
// file's (core/csv/catalog_records.h), so headers, aliases, cell rules and
// errors are the same; line numbers are the sheet's row numbers.
//
// Which sheet: the one named by `sheet` (reason unknown_sheet if there is
// none of that name, listing the names); else the first sheet, in tab
// order, whose first rows make a catalog header; a workbook of one sheet is
// read as it is (its header errors reported). Several sheets and none with
// a catalog header: no_catalog_sheet, listing the names.
#pragma once

#include <string>
#include <string_view>

#include "core/base/status.h"
#include "core/csv/catalog_records.h"
#include "core/xlsx/zip_archive.h"

namespace gongkai {

struct WorkbookImport {
  std::string sheet;  // the sheet read
  SheetImport import;
};

Result<WorkbookImport> ReadCatalogWorkbook(std::string_view bytes, const CsvImportOptions& options,
                                           std::string_view sheet = {},
                                           const ZipLimits& limits = {});

}  // namespace gongkai
