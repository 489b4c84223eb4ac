#include "core/csv/catalog_csv.h"

#include <array>
#include <optional>
#include <unordered_map>

#include "core/base/utf8.h"
#include "core/base/uuid.h"
#include "core/catalog/set_value.h"
#include "core/catalog/validate.h"
#include "core/csv/catalog_header.h"
#include "core/csv/cell_text.h"
#include "core/csv/csv.h"
#include "core/csv/text_encoding.h"
#include "core/csv/tick_box.h"

namespace gongkai {
namespace {

constexpr std::string_view kActive = "在用";
constexpr std::string_view kRetired = "已撤销";

// Reads records until one that is not blank; *found is false at the end.
Status NextNonBlank(CsvReader* reader, CsvRecord* record, bool* found) {
  for (;;) {
    GK_ASSIGN_OR_RETURN(bool more, reader->Next(record));
    if (!more || !AllCellsBlank(record->fields)) {
      *found = more;
      return Status::Ok();
    }
  }
}

std::string LowerAscii(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// At most 20 characters of a cell, for a message.
std::string ShortQuote(std::string_view cell) {
  size_t end = 0;
  for (size_t chars = 0; end < cell.size() && chars < 20; ++chars) {
    ++end;
    while (end < cell.size() && (static_cast<unsigned char>(cell[end]) & 0xC0) == 0x80) ++end;
  }
  return std::string(cell.substr(0, end)) + (end < cell.size() ? "…" : "");
}

// Checked before a set value is parsed, so an enormous cell is reported as
// too long (in linear time) rather than as a strange value.
Status CheckLength(Field f, std::string_view cell) {
  const FieldSpec& spec = Spec(f);
  if (cell.size() > spec.max_chars && Utf8Length(cell) > spec.max_chars) {
    return ResourceExhausted(
        "too_long",
        std::string(spec.label) + " 超过 " + std::to_string(spec.max_chars) + " 个字 (too long)",
        spec.key);
  }
  return Status::Ok();
}

// Fills *row from one data record (without the line prefix on errors).
Status RowFromRecord(const CatalogHeader& header, CsvRecord* record,
                     const CsvImportOptions& options, Row* row) {
  const std::vector<CatalogColumn>& columns = header.columns;
  if (record->fields.size() != columns.size()) {
    return InvalidArgument("wrong_column_count",
                           "这一行有 " + std::to_string(record->fields.size()) + " 列，表头有 " +
                               std::to_string(columns.size()) +
                               " 列；内容里的逗号或换行要用引号括起来"
                               " (wrong column count)");
  }
  std::array<std::string, kFieldCount> ticked;
  std::array<bool, kFieldCount> has_ticks{};
  for (size_t c = 0; c < columns.size(); ++c) {
    const CatalogColumn& column = columns[c];
    std::string& cell = record->fields[c];
    switch (column.kind) {
      case ColumnKind::kIgnored:
        break;
      case ColumnKind::kBlank:
        if (!TrimCell(cell).empty()) {
          return InvalidArgument(
              "unknown_header",
              ColumnName(c) + "没有表头，但这一行在该列填了内容 (cell under no header)");
        }
        break;
      case ColumnKind::kId: {
        std::string_view id = TrimCell(cell);
        if (id.size() > 36) {  // ValidateRow would quote all of it
          return InvalidArgument(
              "bad_id", "条目编号格式错误 (row id must be a UUID): " + ShortQuote(id), "id");
        }
        row->id = LowerAscii(id);
        break;
      }
      case ColumnKind::kUnit:
        row->unit = std::string(TrimCell(cell));
        break;
      case ColumnKind::kStatus: {
        std::string_view status = TrimCell(cell);
        if (status.empty() || status == kActive) {
          row->retired = false;
        } else if (status == kRetired) {
          row->retired = true;
        } else {
          return InvalidArgument("unknown_value",
                                 "状态 不能取值 “" + ShortQuote(status) + "”；可选: 在用、已撤销",
                                 "retired");
        }
        break;
      }
      case ColumnKind::kValue:
        GK_RETURN_IF_ERROR(CheckLength(column.field, cell));
        // Surrounding spaces are trimmed as `edit --set` trims what is
        // typed, so a cell of only spaces is empty (and a required one is
        // refused by ValidateRow below with empty_required).
        if (Spec(column.field).is_set) {
          GK_ASSIGN_OR_RETURN(std::string canonical,
                              CanonicalSetValue(column.field, TrimCell(cell)));
          row->Set(column.field, std::move(canonical));
        } else {
          row->Set(column.field, std::string(TrimCell(cell)));
        }
        break;
      case ColumnKind::kTick: {
        std::optional<bool> tick = ParseTickBox(cell);
        if (!tick) {
          std::string mark = ShortQuote(TrimCell(cell));
          return InvalidArgument("unknown_value",
                                 column.name + " 是勾选框，只能填 √ 或留空，不能填 “" + mark + "”",
                                 Spec(column.field).key);
        }
        size_t i = Index(column.field);
        has_ticks[i] = true;
        if (*tick) {
          if (!ticked[i].empty()) ticked[i] += kSetSeparator;
          ticked[i] += column.element;
        }
        break;
      }
    }
  }
  for (const FieldSpec& spec : AllFields()) {
    if (!has_ticks[Index(spec.field)]) continue;
    GK_ASSIGN_OR_RETURN(std::string canonical,
                        CanonicalSetValue(spec.field, ticked[Index(spec.field)]));
    row->Set(spec.field, std::move(canonical));
  }
  if (row->id.empty()) row->id = NewUuid();
  if (row->unit.empty()) row->unit = options.unit;
  return ValidateRow(*row);
}

}  // namespace

Result<std::vector<Row>> ParseCatalogCsv(std::string_view file_bytes,
                                         const CsvImportOptions& options) {
  GK_ASSIGN_OR_RETURN(DecodedText decoded, DecodeSpreadsheetText(file_bytes));
  CsvReader reader(decoded.text);
  CsvRecord first, second;
  bool has_first = false, has_second = false;
  GK_RETURN_IF_ERROR(NextNonBlank(&reader, &first, &has_first));
  if (!has_first) {
    return InvalidArgument("missing_header", LinePrefix(1) + "文件是空的，没有表头 (empty file)");
  }
  GK_RETURN_IF_ERROR(NextNonBlank(&reader, &second, &has_second));
  if (has_second && IsTitleRow(first)) {
    first = std::move(second);
    GK_RETURN_IF_ERROR(NextNonBlank(&reader, &second, &has_second));
  }
  GK_ASSIGN_OR_RETURN(CatalogHeader header,
                      ParseCatalogHeader(first, has_second ? &second : nullptr));

  std::vector<Row> rows;
  std::unordered_map<std::string, size_t> id_lines;
  auto add = [&](CsvRecord* record) -> Status {
    if (rows.size() >= options.max_rows) {
      return ResourceExhausted("too_many_rows", LinePrefix(record->line) + "文件超过 " +
                                                    std::to_string(options.max_rows) +
                                                    " 行，请分成几个文件导入 (too many rows)");
    }
    Row row;
    Status status = RowFromRecord(header, record, options, &row);
    if (!status.ok()) return status.WithContext(LinePrefix(record->line));
    auto [it, inserted] = id_lines.emplace(row.id, record->line);
    if (!inserted) {
      return InvalidArgument("duplicate_id",
                             LinePrefix(record->line) + "编号 " + row.id + " 与第 " +
                                 std::to_string(it->second) + " 行重复 (duplicate id)",
                             "id");
    }
    rows.push_back(std::move(row));
    return Status::Ok();
  };

  if (has_second && header.rows == 1) GK_RETURN_IF_ERROR(add(&second));
  CsvRecord record;
  for (;;) {
    bool found = false;
    GK_RETURN_IF_ERROR(NextNonBlank(&reader, &record, &found));
    if (!found) break;
    GK_RETURN_IF_ERROR(add(&record));
  }
  return rows;
}

std::string CatalogToCsv(const std::vector<Row>& rows) {
  std::string out = "\xEF\xBB\xBF";
  std::vector<std::string> cells;
  cells.reserve(kFieldCount + 3);
  cells.push_back("编号");
  cells.push_back("单位");
  for (const FieldSpec& spec : AllFields()) cells.push_back(spec.label);
  cells.push_back("状态");
  AppendCsvRecord(cells, &out);
  for (const Row& row : rows) {
    cells.clear();
    cells.push_back(row.id);
    cells.push_back(row.unit);
    for (const std::string& value : row.values) cells.push_back(value);
    cells.emplace_back(row.retired ? kRetired : kActive);
    AppendCsvRecord(cells, &out);
  }
  return out;
}

}  // namespace gongkai
