#include "station/edits/sheet_lines.h"

#include "core/csv/cell_text.h"
#include "core/csv/csv.h"
#include "core/csv/text_encoding.h"

namespace gongkai::station {

std::vector<size_t> SheetDataLines(std::string_view file_bytes, size_t row_count) {
  std::vector<size_t> lines;
  auto text = DecodeSpreadsheetText(file_bytes);
  if (!text.ok()) return lines;
  CsvReader reader(text->text);
  CsvRecord record;
  for (;;) {
    auto more = reader.Next(&record);
    if (!more.ok() || !*more) break;
    if (!AllCellsBlank(record.fields)) lines.push_back(record.line);
  }
  if (lines.size() < row_count) return {};
  return std::vector<size_t>(lines.end() - static_cast<std::ptrdiff_t>(row_count), lines.end());
}

Status NothingImported(const Status& s) {
  return Status(s.code(), s.reason(),
                s.message() + "；整个文件都没有导入，改正后请重新导入 (nothing was imported)",
                s.field());
}

}  // namespace gongkai::station
