// Spreadsheet import and export of catalog rows with the Chinese column
// headers of 政务公开事项标准目录 (docs/formats/csv.md).
//
// Import accepts what Chinese Excel/WPS save: UTF-8 with or without BOM, or
// GBK/GB18030; a single header row of column names, or the national
// two-row header. Set columns (渠道, 对象, 方式, 层级, 五公开) hold values
// joined by 、, or in the national layout one tick-box column per value
// (catalog_header.h). Import is all-or-nothing: the first bad line fails the whole
// file, and the error message names the line ("第 N 行").
// Export writes UTF-8 with a BOM so Excel opens it, one header row.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/base/status.h"
#include "core/catalog/row.h"

namespace gongkai {

struct CsvImportOptions {
  std::string unit;          // unit given to rows without a 单位 column value
  size_t max_rows = 100000;  // refuse larger files ("too_many_rows")
};

// Parses and validates every row. Rows without an 编号 (id) get a new UUID;
// rows with an empty 单位 (or no such column) get options.unit. Every error
// message starts with "第 N 行: ", N the physical line of the file (1-based,
// header lines and line breaks inside quoted cells counted).
// Reasons: invalid_encoding, invalid_utf8 (text_encoding.h); bad_quote
// (csv.h); missing_header, unknown_header, duplicate_header,
// wrong_column_count (catalog_header.h, and for data lines); unknown_value
// (a set element, tick box or 状态 not allowed), too_many_rows, duplicate_id,
// plus the row validation reasons of core/catalog/validate.h, with the field
// key set (empty_required, unknown_value, control_character, too_long, bad_id,
// bad_unit, ...).
Result<std::vector<Row>> ParseCatalogCsv(std::string_view file_bytes,
                                         const CsvImportOptions& options);

// UTF-8 with BOM, CRLF line ends, one header row: 编号, 单位, the field
// labels in Field order, 状态 (在用/已撤销).
std::string CatalogToCsv(const std::vector<Row>& rows);

}  // namespace gongkai
