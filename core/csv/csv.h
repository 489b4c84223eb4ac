// RFC 4180 comma-separated values (docs/formats/csv.md, "CSV syntax").
//
// Reading (the text is already UTF-8, see text_encoding.h):
//  - a record ends at CRLF, LF or a lone CR; a line break at the very end of
//    the text ends the last record and does not start another;
//  - fields are separated by ','; a field that begins with '"' is quoted: it
//    ends at the next '"' that is not doubled (""), may hold ',' and line
//    breaks, and must be followed by ',', a line break or the end of text;
//  - line breaks inside quoted fields are returned as LF (CRLF and CR too);
//  - a '"' inside an unquoted field, anything but ',' or a line break after
//    a closing quote, and a quote never closed are refused with reason
//    "bad_quote", the message naming the line ("第 N 行: ");
//  - an empty line is a record with one empty field.
// Each record carries the 1-based physical line it starts on, counting every
// line break of the text, also those inside quoted fields. Reading is linear
// in the size of the text, however long a field is.
//
// Writing: a field holding ',', '"', CR or LF is put in quotes with every
// '"' doubled; other fields are written as they are; records end with CRLF.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/status.h"

namespace gongkai {

struct CsvRecord {
  size_t line = 0;  // 1-based physical line where the record starts
  std::vector<std::string> fields;
};

class CsvReader {
 public:
  explicit CsvReader(std::string_view text) : text_(text) {}

  // Reads the next record into *record. Returns false at the end of the
  // text, or a "bad_quote" error.
  Result<bool> Next(CsvRecord* record);

 private:
  Status ReadQuoted(std::string* field);
  void SkipLineBreak();

  std::string_view text_;
  size_t pos_ = 0;
  size_t line_ = 1;
};

// Reads every record of the text.
Result<std::vector<CsvRecord>> ReadCsv(std::string_view text);

// Appends one field, quoted if needed.
void AppendCsvField(std::string_view field, std::string* out);
// Appends the fields separated by ',' and a CRLF.
void AppendCsvRecord(std::span<const std::string> fields, std::string* out);

}  // namespace gongkai
