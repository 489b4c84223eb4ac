// The header of a catalog spreadsheet: which column holds what
// (docs/formats/csv.md, "Header layouts").
//
// Single-row layout: one header row; each cell names a column:
//   序号 (ignored), 编号 / id, 单位 / unit, 状态 / status, or a field by its
//   label or key (FieldByKeyOrLabel: 领域, 一级事项, 公开事项·一级事项, area, …).
//   Set columns hold their elements joined by 、.
// National two-row layout: row 1 holds group headers, merged cells over the
//   columns below them (a CSV shows a merged cell as its text followed by
//   empty cells); row 2 names the columns of each group:
//     公开事项       over 一级事项, 二级事项
//     公开渠道和载体 over channel names (tick boxes) and 其他 (free text)
//     公开对象       over 全社会, 特定群体 (tick boxes)
//     公开方式       over 主动, 依申请 (tick boxes)
//     公开层级       over 县级, 乡级, 村级 (tick boxes)
//     五公开         over 决策, 执行, 管理, 服务, 结果 (tick boxes)
//   Other columns are named in row 1 with row 2 empty (a vertically merged
//   cell) or repeating the name. A set field may also be one column there.
//   The file uses this layout if row 1 has 公开事项, or if every non-empty
//   cell of row 2 names a column of its group or repeats row 1 and at least
//   one names a column of a group.
// Header names are compared after removing whitespace, line breaks and '*'
// marks and turning ASCII ( ) into full-width （ ）.
// A column without a name is allowed if its cells stay empty.
//
// Errors (the message starts "第 N 行: ", N the header row concerned):
//   unknown_header    a name that is not a column (or not in its group)
//   duplicate_header  two columns for the same thing (a set field given both
//                     as one column and as tick boxes counts too)
//   missing_header    a required field has no column; 公开渠道和载体 is
//                     present if it or 其他渠道 has a column
//   wrong_column_count row 2 of the national layout is not as wide as row 1
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/base/status.h"
#include "core/catalog/fields.h"
#include "core/csv/csv.h"

namespace gongkai {

enum class ColumnKind {
  kIgnored,  // 序号, a row number column
  kBlank,    // no header name: its cells must stay empty
  kId,       // 编号
  kUnit,     // 单位
  kStatus,   // 状态: 在用 / 已撤销
  kValue,    // a field; for set fields the elements joined by 、
  kTick,     // one tick box of a set field
};

struct CatalogColumn {
  ColumnKind kind = ColumnKind::kBlank;
  Field field = Field::kArea;  // kValue and kTick
  std::string element;         // kTick: the set element the box stands for
  std::string name;            // for messages, e.g. "公开对象·全社会"
};

struct CatalogHeader {
  std::vector<CatalogColumn> columns;
  size_t rows = 1;  // header records used: 1, or 2 for the national layout
};

// `second` is the record after `first`, or null if there is none; it is a
// header row only if the result says rows == 2.
Result<CatalogHeader> ParseCatalogHeader(const CsvRecord& first, const CsvRecord* second);

// A title line above the header, as town spreadsheets often have
// ("宝丰镇基层政务公开标准目录" in a cell merged across the sheet): exactly
// one non-empty cell, and it names no column or group. The import skips one
// such line before the header.
bool IsTitleRow(const CsvRecord& record);

std::string NormalizeHeaderName(std::string_view cell);

}  // namespace gongkai
