// The catalog as an .xlsx workbook (docs/formats/xlsx.md § What is written),
// written with libxlsxwriter: one sheet 目录, the header of the CSV export
// (编号, 单位, the field labels, 状态) in bold on a frozen first row, column
// widths for Chinese text, and every cell a string cell in the text number
// format "@" — no formulas, no numbers, so 咨询电话 keeps its leading 0 and
// nothing a clerk typed is ever evaluated ("=…" is written as it is; a text
// that already starts with the formula marker, "'=…", gets one more, as
// import removes one: formula_marker.h). Importing the workbook gives the
// same rows byte for byte (long text fields keep their LF line breaks).
// The document's creation time is fixed (2020-01-01) so that the same rows
// give the same parts.
#pragma once

#include <string>
#include <vector>

#include "core/base/status.h"
#include "core/catalog/row.h"

namespace gongkai {

// Writes the workbook to `path` (which libxlsxwriter creates or replaces;
// callers that need atomic replacement write a temporary name and rename).
Status WriteCatalogXlsx(const std::vector<Row>& rows, const std::string& path);

// The workbook's bytes (through a temporary file in $TMPDIR or /tmp).
Result<std::string> CatalogToXlsx(const std::vector<Row>& rows);

}  // namespace gongkai
