// Small rules for reading spreadsheet cells (docs/formats/csv.md).
//  - Whitespace around a cell is ASCII space, tab, CR, LF, the ideographic
//    space U+3000 that Chinese input methods type and the no-break space
//    U+00A0 that text copied from web pages brings: exactly what
//    `edit --set` trims (TrimBlank, core/catalog/validate.h).
//  - Text fields keep their cells byte for byte; only the cells of 编号, 单位,
//    状态, tick boxes and header names are trimmed.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace gongkai {

std::string_view TrimCell(std::string_view cell);

// True if every cell is empty or whitespace (such lines are skipped).
bool AllCellsBlank(const std::vector<std::string>& cells);

// Excel's name of a 0-based column: 0 → "A", 25 → "Z", 26 → "AA".
std::string ColumnLetters(size_t index);

// "第 3 列（C 列）" for 0-based index 2, as shown in messages.
std::string ColumnName(size_t index);

// "第 N 行: ", the prefix of every import error.
std::string LinePrefix(size_t line);

// One rule of a normalised form: where `from` starts, write `to` (empty: drop
// it) and go on after it.
struct TextRewrite {
  std::string_view from;
  std::string_view to;
};

// `text` with the first rule that matches applied at each position, left to
// right; bytes no rule matches are kept. The normalised forms of set elements
// and header names (NormalizeElement, NormalizeHeaderName) are such tables.
std::string RewriteText(std::string_view text, std::span<const TextRewrite> rules);

}  // namespace gongkai
