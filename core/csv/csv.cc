#include "core/csv/csv.h"

#include "core/csv/cell_text.h"

namespace gongkai {
namespace {

bool IsSpecial(char c) { return c == ',' || c == '"' || c == '\r' || c == '\n'; }

}  // namespace

void CsvReader::SkipLineBreak() {
  // At '\r' or '\n': consume CRLF, LF or a lone CR as one line break.
  if (text_[pos_] == '\r' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '\n') ++pos_;
  ++pos_;
  ++line_;
}

Status CsvReader::ReadQuoted(std::string* field) {
  const size_t start_line = line_;
  ++pos_;  // opening quote
  for (;;) {
    size_t run = pos_;
    while (run < text_.size() && text_[run] != '"' && text_[run] != '\r' && text_[run] != '\n') {
      ++run;
    }
    field->append(text_.substr(pos_, run - pos_));
    pos_ = run;
    if (pos_ >= text_.size()) {
      return InvalidArgument(
          "bad_quote", LinePrefix(start_line) +
                           "引号没有配对：从这一行开始的带引号的内容直到文件末尾都没有结束引号"
                           " (unterminated quoted field)");
    }
    if (text_[pos_] == '"') {
      if (pos_ + 1 < text_.size() && text_[pos_ + 1] == '"') {
        field->push_back('"');
        pos_ += 2;
        continue;
      }
      ++pos_;  // closing quote
      break;
    }
    field->push_back('\n');
    SkipLineBreak();
  }
  // A '"' here would have been read as a doubled quote above.
  if (pos_ < text_.size() && !IsSpecial(text_[pos_])) {
    return InvalidArgument(
        "bad_quote", LinePrefix(line_) +
                         "引号用法错误：结束引号后面紧跟着其他文字；内容里的引号要写成两个 (\"\")"
                         " (text after closing quote)");
  }
  return Status::Ok();
}

Result<bool> CsvReader::Next(CsvRecord* record) {
  if (pos_ >= text_.size()) return false;
  record->line = line_;
  record->fields.clear();
  for (;;) {
    std::string& field = record->fields.emplace_back();
    if (pos_ < text_.size() && text_[pos_] == '"') {
      GK_RETURN_IF_ERROR(ReadQuoted(&field));
    } else {
      size_t run = pos_;
      while (run < text_.size() && !IsSpecial(text_[run])) ++run;
      field.assign(text_.substr(pos_, run - pos_));
      pos_ = run;
      if (pos_ < text_.size() && text_[pos_] == '"') {
        return InvalidArgument("bad_quote",
                               LinePrefix(line_) +
                                   "引号用法错误：没有用引号括起来的内容中间出现了引号；"
                                   "含引号的内容要整体用引号括起来，并把其中的引号写成两个 (\"\")"
                                   " (quote inside unquoted field)");
      }
    }
    if (pos_ >= text_.size()) return true;
    if (text_[pos_] == ',') {
      ++pos_;
      continue;
    }
    SkipLineBreak();  // '\r' or '\n'
    return true;
  }
}

Result<std::vector<CsvRecord>> ReadCsv(std::string_view text) {
  CsvReader reader(text);
  std::vector<CsvRecord> records;
  for (;;) {
    CsvRecord record;
    GK_ASSIGN_OR_RETURN(bool more, reader.Next(&record));
    if (!more) break;
    records.push_back(std::move(record));
  }
  return records;
}

void AppendCsvField(std::string_view field, std::string* out) {
  bool quote = false;
  for (char c : field) quote = quote || IsSpecial(c);
  if (!quote) {
    out->append(field);
    return;
  }
  out->push_back('"');
  for (char c : field) {
    if (c == '"') out->push_back('"');
    out->push_back(c);
  }
  out->push_back('"');
}

void AppendCsvRecord(std::span<const std::string> fields, std::string* out) {
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out->push_back(',');
    AppendCsvField(fields[i], out);
  }
  out->append("\r\n");
}

}  // namespace gongkai
