// Spreadsheet import and export of catalog rows as CSV, with the Chinese
// column headers of 政务公开事项标准目录 (docs/formats/csv.md).
//
// Import accepts what Chinese Excel/WPS save: UTF-8 with or without BOM, or
// GBK/GB18030; a single header row of column names, or the national
// two-row header. The records go through the path shared with .xlsx
// workbooks (catalog_records.h): every bad line is reported, and a file
// with any error imports nothing.
// Export writes UTF-8 with a BOM so Excel opens it, one header row; cells
// that a spreadsheet could take for a formula get the formula marker
// (formula_marker.h).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/base/status.h"
#include "core/catalog/row.h"
#include "core/csv/catalog_records.h"

namespace gongkai {

// Decodes the text (text_encoding.h) and reads it (catalog_records.h).
// Line numbers are physical lines of the file (1-based, header lines and
// line breaks inside quoted cells counted).
Result<SheetImport> ReadCatalogCsv(std::string_view file_bytes, const CsvImportOptions& options);

// ReadCatalogCsv, then the rows or every error as one Status
// (SheetErrorStatus): the message's first line starts with "第 N 行: ".
// Rows without an 编号 (id) get a new UUID; rows with an empty 单位 (or no
// such column) get options.unit.
// Reasons: invalid_encoding, invalid_utf8 (text_encoding.h); bad_quote
// (csv.h); missing_header, unknown_header, duplicate_header,
// wrong_column_count (catalog_header.h, and for data lines); unknown_value
// (a set element, tick box or 状态 not allowed), too_many_rows, duplicate_id,
// plus the row validation reasons of core/catalog/validate.h, with the field
// key set (empty_required, control_character, too_long, bad_id, bad_unit, ...).
Result<std::vector<Row>> ParseCatalogCsv(std::string_view file_bytes,
                                         const CsvImportOptions& options);

// The cells of the export, in order: 编号, 单位, the field labels in Field
// order, 状态 (在用/已撤销); the header row and the cells of one row.
std::vector<std::string> CatalogExportHeader();
std::vector<std::string> CatalogExportCells(const Row& row);

// UTF-8 with BOM, CRLF line ends, one header row (CatalogExportHeader), the
// formula marker on cells that need it.
std::string CatalogToCsv(const std::vector<Row>& rows);

}  // namespace gongkai
