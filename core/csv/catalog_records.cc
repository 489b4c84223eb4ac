#include "core/csv/catalog_records.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <tuple>
#include <unordered_set>

#include "core/base/reasons.h"
#include "core/base/utf8.h"
#include "core/base/uuid.h"
#include "core/catalog/set_value.h"
#include "core/catalog/validate.h"
#include "core/csv/aliases.h"
#include "core/csv/catalog_header.h"
#include "core/csv/cell_text.h"
#include "core/csv/formula_marker.h"
#include "core/csv/tick_box.h"

namespace gongkai {
namespace {

constexpr std::string_view kActive = "在用";
constexpr std::string_view kRetired = "已撤销";

// Reads records until one that is not blank; *found is false at the end.
Status NextNonBlank(RecordSource& source, CsvRecord* record, bool* found) {
  for (;;) {
    GK_ASSIGN_OR_RETURN(bool more, source.Next(record));
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
    return ResourceExhausted("too_long",
                             std::string(spec.label) + " 超过 " + std::to_string(spec.max_chars) +
                                 " 个字，请删短 (too long)",
                             spec.key);
  }
  return Status::Ok();
}

bool Multiline(Field f) {
  const FieldSpec& spec = Spec(f);
  return !spec.is_set && spec.max_chars > 200;  // as ValidateFieldValue
}

// A 咨询电话 of digits only that looks like a phone number whose leading 0
// a spreadsheet dropped: 9 to 11 digits, not starting with 0, and not an
// 11-digit mobile number (1xx xxxx xxxx).
bool LooksLikeLostZero(std::string_view s) {
  if (s.size() < 9 || s.size() > 11) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  if (s[0] == '0') return false;
  return !(s.size() == 11 && s[0] == '1');
}

bool HasLineBreak(std::string_view cell) { return cell.find_first_of("\r\n") != cell.npos; }

// A line break (Alt+Enter in a workbook, a quoted one in CSV) inside a
// cell that holds one line: what the column is, and what to write instead.
Status LineBreakError(std::string_view label, const char* key, std::string_view instead) {
  return InvalidArgument("line_break",
                         std::string(label) + " 只能写一行，这一格里有换行（Alt+Enter）；" +
                             std::string(instead) + " (line break in a single-line field)",
                         key);
}

// What to write instead of a line break in a single-line text field.
std::string_view OneLineHint(Field f) {
  if (f == Field::kContact) return "几个电话请写在一行，用 、 隔开，如 0371-1234567、13812345678";
  return "请删去换行，把内容写在一行里（要分开写可用 、 或 ；）";
}

// What to do, added to the row validation errors.
std::string HintFor(const Status& s) {
  if (s.reason() == reason::kEmptyRequired) return "；请在这一格填写内容";
  if (s.reason() == reason::kControlCharacter) return "；请删去这一格里的制表符等控制字符";
  if (s.reason() == reason::kBadId) return "；新条目的编号请留空，已有条目照导出的表格填写";
  if (s.reason() == reason::kBadUnit) return "；请填写本单位名称或留空";
  return "";
}

// Everything one import learns besides the rows.
struct Collector {
  const CsvImportOptions& options;
  SheetImport* out;
  std::map<std::tuple<std::string, std::string, std::string>, size_t> aliases;

  void Error(size_t line, std::string column, Status s) {
    ++out->error_count;
    if (out->errors.size() < options.max_errors) {
      out->errors.push_back({line, std::move(column), std::move(s)});
    }
  }
  void Warn(size_t line, std::string column, Status s) {
    ++out->warning_count;
    if (out->warnings.size() < options.max_errors) {
      out->warnings.push_back({line, std::move(column), std::move(s)});
    }
  }
  void Alias(Field f, const std::string& from, const std::string& to) {
    ++aliases[{Spec(f).label, from, to}];
  }
  void Finish() {
    for (const auto& [key, count] : aliases) {
      out->aliases.push_back({std::get<0>(key), std::get<1>(key), std::get<2>(key), count});
    }
  }
};

// "第 9 列（I 列）公开对象", how an error names its cell's column.
std::string ColumnLabel(size_t c, std::string_view name) {
  return ColumnName(c) + (name.empty() ? "" : " " + std::string(name));
}

class RowReader {
 public:
  RowReader(const CatalogHeader& header, Collector* collect) : header_(header), collect_(collect) {}

  // Fills *row from one data record; false if any cell was refused (the
  // errors are collected).
  bool Read(CsvRecord* record, Row* row) {
    line_ = record->line;
    ok_ = true;
    const std::vector<CatalogColumn>& columns = header_.columns;
    if (record->fields.size() != columns.size()) {
      if (ragged_) {
        for (size_t c = columns.size(); c < record->fields.size(); ++c) {
          if (!TrimCell(record->fields[c]).empty()) {
            Fail(ColumnName(c),
                 InvalidArgument("unknown_header",
                                 "这一列没有表头，但这一行在该列填了内容；请删去或补上表头"
                                 " (cell under no header)"));
          }
        }
        record->fields.resize(columns.size());
      } else {
        Fail("", InvalidArgument("wrong_column_count",
                                 "这一行有 " + std::to_string(record->fields.size()) +
                                     " 列，表头有 " + std::to_string(columns.size()) +
                                     " 列；内容里的逗号或换行要用引号括起来"
                                     " (wrong column count)"));
        return false;
      }
    }
    std::array<std::string, kFieldCount> ticked;
    std::array<bool, kFieldCount> has_ticks{};
    std::string other_channels;  // unknown channels, kept as 其他渠道
    for (size_t c = 0; c < columns.size(); ++c) {
      const CatalogColumn& column = columns[c];
      std::string_view cell = StripFormulaMarker(TrimCell(record->fields[c]));
      std::string label = ColumnLabel(c, column.name);
      switch (column.kind) {
        case ColumnKind::kIgnored:
          break;
        case ColumnKind::kBlank:
          if (!cell.empty()) {
            Fail(label, InvalidArgument("unknown_header",
                                        "这一列没有表头，但这一行在该列填了内容；请删去或补上表头"
                                        " (cell under no header)"));
          }
          break;
        case ColumnKind::kId:
          if (HasLineBreak(cell)) {
            Fail(label, LineBreakError("编号", "id",
                                       "请照导出的表格在一行里填写编号，新条目的编号留空"));
          } else if (cell.size() > 36) {  // ValidateRow would quote all of it
            Fail(label,
                 InvalidArgument("bad_id",
                                 "条目编号格式错误 (row id must be a UUID): " + ShortQuote(cell) +
                                     HintFor(InvalidArgument("bad_id", "")),
                                 "id"));
          } else {
            row->id = LowerAscii(cell);
          }
          break;
        case ColumnKind::kUnit:
          if (HasLineBreak(cell)) {
            Fail(label, LineBreakError("单位", "unit", "请把单位名称写在一行里，或留空"));
          }
          row->unit = std::string(cell);
          break;
        case ColumnKind::kStatus:
          if (HasLineBreak(cell)) {
            Fail(label, LineBreakError("状态", "retired", "请只写 在用 或 已撤销"));
          } else if (cell.empty() || cell == kActive) {
            row->retired = false;
          } else if (cell == kRetired) {
            row->retired = true;
          } else {
            Fail(label,
                 InvalidArgument("unknown_value",
                                 "状态 不能取值 “" + ShortQuote(cell) + "”；请写 在用 或 已撤销",
                                 "retired"));
          }
          break;
        case ColumnKind::kValue:
          ReadValue(column.field, cell, label, row, &other_channels);
          break;
        case ColumnKind::kTick: {
          if (HasLineBreak(cell)) {
            Fail(label, LineBreakError(column.name, Spec(column.field).key,
                                       "勾选框请只填一个 √ 或 ■，不勾选留空或填 □"));
            break;
          }
          std::optional<bool> tick = ParseTickBox(cell);
          if (!tick) {
            Fail(label, InvalidArgument("unknown_value",
                                        column.name + " 是勾选框，不能填 “" + ShortQuote(cell) +
                                            "”；请填 √ 或 ■ 表示勾选，留空或 □ 表示不勾选",
                                        Spec(column.field).key));
            break;
          }
          if (column.field == Field::kChannelsOther) {  // a channel not in the list
            if (*tick) AppendElement(&other_channels, column.element);
            break;
          }
          size_t i = Index(column.field);
          has_ticks[i] = true;
          if (*tick) AppendElement(&ticked[i], column.element);
          break;
        }
      }
    }
    for (const FieldSpec& spec : AllFields()) {
      if (!has_ticks[Index(spec.field)]) continue;
      Result<std::string> canonical = CanonicalSetValue(spec.field, ticked[Index(spec.field)]);
      if (canonical.ok()) row->Set(spec.field, std::move(canonical).value());
    }
    if (!other_channels.empty()) {
      std::string merged = row->Get(Field::kChannelsOther);
      for (const std::string& e : SplitSetValue(other_channels)) {
        if (merged.find(e) == std::string::npos) AppendElement(&merged, e);
      }
      row->Set(Field::kChannelsOther, std::move(merged));
    }
    if (!ok_) return false;
    if (row->id.empty()) row->id = NewUuid();
    if (row->unit.empty()) row->unit = collect_->options.unit;
    Status valid = ValidateRow(*row);
    if (!valid.ok()) {
      Fail(LabelOfField(valid.field()),
           Status(valid.code(), valid.reason(), valid.message() + HintFor(valid), valid.field()));
      return false;
    }
    return true;
  }

  void set_ragged(bool ragged) { ragged_ = ragged; }

 private:
  static void AppendElement(std::string* list, std::string_view e) {
    if (!list->empty()) *list += kSetSeparator;
    *list += e;
  }

  void Fail(std::string column, Status s) {
    ok_ = false;
    collect_->Error(line_, std::move(column), std::move(s));
  }

  std::string LabelOfField(const std::string& key) const {
    for (size_t c = 0; c < header_.columns.size(); ++c) {
      const CatalogColumn& column = header_.columns[c];
      if ((column.kind == ColumnKind::kValue || column.kind == ColumnKind::kTick) &&
          key == Spec(column.field).key) {
        return ColumnLabel(c, Spec(column.field).label);
      }
    }
    return "";
  }

  void ReadValue(Field f, std::string_view cell, const std::string& label, Row* row,
                 std::string* other_channels) {
    const FieldSpec& spec = Spec(f);
    Status length = CheckLength(f, cell);
    if (!length.ok()) {
      Fail(label, length);
      return;
    }
    if (!spec.is_set) {
      if (!Multiline(f) && HasLineBreak(cell)) {
        Fail(label, LineBreakError(spec.label, spec.key, OneLineHint(f)));
        return;
      }
      std::string value(cell);
      if (f == Field::kContact && LooksLikeLostZero(value)) {
        collect_->Warn(line_, label,
                       InvalidArgument("phone_lost_zero",
                                       "咨询电话 “" + value +
                                           "” 像是丢了开头 0 的电话号码（表格把它当成了数字）；"
                                           "请写成 0371-1234567 这样的文字",
                                       spec.key));
      }
      row->Set(f, std::move(value));
      return;
    }
    std::string joined;
    for (const std::string& element : SplitSetCell(f, cell)) {
      bool aliased = false;
      std::optional<std::string> canonical = CanonicalElement(f, element, &aliased);
      if (canonical) {
        if (aliased) collect_->Alias(f, element, *canonical);
        AppendElement(&joined, *canonical);
      } else if (f == Field::kChannels) {
        AppendElement(other_channels, element);
        collect_->Warn(line_, label,
                       InvalidArgument("channel_to_other",
                                       "“" + ShortQuote(element) +
                                           "” 不在公开渠道和载体的固定列表里，已记入 其他渠道",
                                       spec.key));
      } else {
        Result<std::string> refused = CanonicalSetValue(f, element);
        Status s = refused.ok() ? InvalidArgument("unknown_value", "", spec.key) : refused.status();
        Fail(label, Status(s.code(), s.reason(), s.message(), spec.key));
        return;
      }
    }
    Result<std::string> canonical = CanonicalSetValue(f, joined);
    if (!canonical.ok()) {
      Fail(label, canonical.status());
      return;
    }
    row->Set(f, std::move(canonical).value());
  }

  const CatalogHeader& header_;
  Collector* collect_;
  bool ragged_ = false;
  size_t line_ = 0;
  bool ok_ = true;
};

}  // namespace

std::string SheetProblem::Text() const {
  return LinePrefix(line) + (column.empty() ? "" : column + ": ") + status.message();
}

Result<SheetImport> ReadCatalogRecords(RecordSource& source, const CsvImportOptions& options) {
  CsvRecord first, second;
  bool has_first = false, has_second = false;
  GK_RETURN_IF_ERROR(NextNonBlank(source, &first, &has_first));
  if (!has_first) {
    return InvalidArgument(
        "missing_header",
        LinePrefix(1) + "文件是空的，没有表头；请在第一行写上栏目名 (empty file)");
  }
  GK_RETURN_IF_ERROR(NextNonBlank(source, &second, &has_second));
  if (has_second && IsTitleRow(first)) {
    first = std::move(second);
    GK_RETURN_IF_ERROR(NextNonBlank(source, &second, &has_second));
  }
  if (source.Ragged() && has_second) {  // header rows as wide as the wider of the two
    size_t width = std::max(first.fields.size(), second.fields.size());
    first.fields.resize(width);
    second.fields.resize(width);
  }
  GK_ASSIGN_OR_RETURN(CatalogHeader header,
                      ParseCatalogHeader(first, has_second ? &second : nullptr));

  SheetImport out;
  size_t hint = std::min(source.RowHint(), options.max_rows);
  out.rows.reserve(hint);
  out.lines.reserve(hint);
  Collector collect{options, &out, {}};
  RowReader reader(header, &collect);
  reader.set_ragged(source.Ragged());
  // The rows read so far, by id: indexes into out.rows, hashed by the row's
  // id (no second copy of every id).
  auto id_hash = [&out](uint32_t i) { return std::hash<std::string>()(out.rows[i].id); };
  auto id_equal = [&out](uint32_t a, uint32_t b) { return out.rows[a].id == out.rows[b].id; };
  std::unordered_set<uint32_t, decltype(id_hash), decltype(id_equal)> ids(
      std::min<size_t>(hint, 1u << 20), id_hash, id_equal);
  size_t records = 0;
  auto add = [&](CsvRecord* record) -> Status {
    if (++records > options.max_rows) {
      return ResourceExhausted("too_many_rows", LinePrefix(record->line) + "文件超过 " +
                                                    std::to_string(options.max_rows) +
                                                    " 行，请分成几个文件导入 (too many rows)");
    }
    Row row;
    if (!reader.Read(record, &row)) return Status::Ok();
    out.rows.push_back(std::move(row));
    out.lines.push_back(record->line);
    auto [it, inserted] = ids.insert(static_cast<uint32_t>(out.rows.size() - 1));
    if (!inserted) {
      collect.Error(record->line, "",
                    InvalidArgument("duplicate_id",
                                    "编号 " + out.rows.back().id + " 与第 " +
                                        std::to_string(out.lines[*it]) +
                                        " 行重复；同一条目只能有一行 (duplicate id)",
                                    "id"));
      out.rows.pop_back();
      out.lines.pop_back();
    }
    return Status::Ok();
  };

  if (has_second && header.rows == 1) GK_RETURN_IF_ERROR(add(&second));
  CsvRecord record;
  for (;;) {
    bool found = false;
    GK_RETURN_IF_ERROR(NextNonBlank(source, &record, &found));
    if (!found) break;
    GK_RETURN_IF_ERROR(add(&record));
  }
  collect.Finish();
  return out;
}

bool HasCatalogHeader(RecordSource& source) {
  CsvRecord first, second;
  bool has_first = false, has_second = false;
  if (!NextNonBlank(source, &first, &has_first).ok() || !has_first) return false;
  if (!NextNonBlank(source, &second, &has_second).ok()) return false;
  if (has_second && IsTitleRow(first)) {
    first = std::move(second);
    if (!NextNonBlank(source, &second, &has_second).ok()) return false;
  }
  if (source.Ragged() && has_second) {
    size_t width = std::max(first.fields.size(), second.fields.size());
    first.fields.resize(width);
    second.fields.resize(width);
  }
  return ParseCatalogHeader(first, has_second ? &second : nullptr).ok();
}

Status SheetErrorStatus(const SheetImport& import) {
  const SheetProblem& first = import.errors.front();
  std::string message;
  for (const SheetProblem& p : import.errors) {
    if (!message.empty()) message += "\n";
    message += p.Text();
  }
  if (import.error_count > import.errors.size()) {
    message +=
        "\n……还有 " + std::to_string(import.error_count - import.errors.size()) + " 处错误没有列出";
  }
  if (import.error_count > 1) {
    message += "\n共 " + std::to_string(import.error_count) + " 处错误";
  }
  return Status(first.status.code(), first.status.reason(), message, first.status.field());
}

Result<std::vector<Row>> RowsOrErrors(SheetImport import) {
  if (!import.errors.empty()) return SheetErrorStatus(import);
  return std::move(import.rows);
}

}  // namespace gongkai
