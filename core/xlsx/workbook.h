// Reading an .xlsx workbook (Office Open XML SpreadsheetML, ECMA-376) as
// spreadsheet records: docs/formats/xlsx.md § What is read.
//
//  - xl/workbook.xml: the sheets, in order, with their names;
//    xl/_rels/workbook.xml.rels: where each sheet's part is;
//  - xl/sharedStrings.xml: the shared strings (rich text runs joined,
//    phonetic runs <rPh> left out);
//  - each sheet is streamed with expat (xml_stream.h) row by row, so a huge
//    sheet costs time, not memory. A row is a record whose line is the
//    sheet's row number; a cell goes to the column of its reference (C5 →
//    index 2); the record ends at its last cell. Cell values: shared
//    strings (t="s"), inline strings (t="inlineStr"), numbers (integers in
//    exponent form written out: 3.711234567E9 → 3711234567), booleans
//    (1/0), everything else as its text. Text escapes are decoded
//    (xstring.h: _x000D_ is a CR, _x005F_ a literal _); CRLF and CR
//    become LF.
//
// Refused (InvalidArgument unless said):
//   not_a_workbook     a ZIP without xl/workbook.xml (an .ods, a .docx, …)
//   corrupt_workbook   not a ZIP, bad XML, a part missing, a bad shared
//                      string index, a cell reference out of range
//   zip_bomb           (ResourceExhausted) zip_archive.h
//   external_link      the workbook links to other workbooks
//                      (xl/externalLinks/ or an externalLink relationship)
//   formula_cell       a cell holds a formula (<f>): the message names the
//                      sheet, row and column
//   too_many_columns   (ResourceExhausted) a cell with text right of column
//                      1024 (AMJ); empty cells there are ignored
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/status.h"
#include "core/csv/catalog_records.h"
#include "core/xlsx/zip_archive.h"

namespace gongkai {

struct SheetInfo {
  std::string name;  // as the tab shows it
  std::string part;  // e.g. xl/worksheets/sheet1.xml
};

// The shared strings of a workbook, decoded, in one block of text (a
// catalog's strings are mostly used once — ids, 公开内容 — so one string
// object and allocation each would cost more than the text itself).
class SharedStrings {
 public:
  size_t size() const { return ends_.size(); }
  std::string_view operator[](size_t i) const {
    size_t begin = i == 0 ? 0 : ends_[i - 1];
    return std::string_view(text_).substr(begin, ends_[i] - begin);
  }
  void Add(std::string_view s) {
    text_.append(s);
    ends_.push_back(static_cast<uint32_t>(text_.size()));  // ≤ one entry, ≤ 256 MiB
  }

 private:
  std::string text_;
  std::vector<uint32_t> ends_;
};

class Workbook {
 public:
  // `bytes` must outlive the workbook.
  static Result<Workbook> Open(std::string_view bytes, const ZipLimits& limits = {});

  const std::vector<SheetInfo>& sheets() const { return sheets_; }

  // The rows of one sheet (RecordSource::Ragged() is true).
  Result<std::unique_ptr<RecordSource>> OpenSheet(const SheetInfo& sheet) const;

 private:
  std::unique_ptr<ZipArchive> zip_;
  std::vector<SheetInfo> sheets_;
  SharedStrings shared_strings_;
};

// Cell text as the import wants it: the _xHHHH_ escapes decoded
// (DecodeXstring, so _x000D_ → CR), then CRLF and CR → LF.
std::string NormalizeCellText(std::string_view text);

// A number cell's text: integers given in exponent form are written out.
std::string NumberCellText(std::string_view v);

}  // namespace gongkai
