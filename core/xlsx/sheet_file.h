// A catalog spreadsheet file of either kind, chosen by its content (the
// first bytes), not its name: a ZIP container is read as an .xlsx workbook
// (catalog_workbook.h), anything else as CSV (core/csv/catalog_csv.h).
// docs/formats/xlsx.md § Which reader.
//
// Refused before reading:
//   not_a_workbook    the name ends in .xlsx / .xlsm but the bytes are not
//                     a ZIP (a CSV or text file renamed), or a ZIP that is
//                     not a workbook
//   old_excel_format  an Excel 97–2003 .xls (or an encrypted workbook):
//                     the clerk saves it as .xlsx
#pragma once

#include <string>
#include <string_view>

#include "core/base/status.h"
#include "core/csv/catalog_records.h"
#include "core/xlsx/zip_archive.h"

namespace gongkai {

enum class SheetFileKind { kCsv, kXlsx, kOldExcel };

SheetFileKind SniffSheetFile(std::string_view bytes);

// True for names ending in .xlsx or .xlsm (any case).
bool HasWorkbookExtension(std::string_view file_name);

struct SheetFileImport {
  SheetFileKind kind = SheetFileKind::kCsv;
  std::string sheet;  // the sheet read, for a workbook
  SheetImport import;
};

// `sheet` only for workbooks (InvalidArgument "usage" for a CSV file).
Result<SheetFileImport> ReadCatalogFile(std::string_view bytes, std::string_view file_name,
                                        const CsvImportOptions& options,
                                        std::string_view sheet = {}, const ZipLimits& limits = {});

}  // namespace gongkai
