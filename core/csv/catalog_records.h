// The one path from spreadsheet records to catalog rows, shared by CSV
// (catalog_csv.h) and .xlsx workbooks (core/xlsx/catalog_workbook.h):
// header layouts (catalog_header.h), a title line, cell rules, aliases of
// published wording (aliases.h), the formula marker (formula_marker.h) and
// row validation. docs/formats/csv.md § Cell values, § Errors.
//
// Every bad data line is reported, not only the first: errors are
// collected (up to CsvImportOptions::max_errors listed, all counted), and a
// file with any error imports nothing. File-level problems (encoding,
// header, too many rows, a refused workbook) stop at once with one Status.
#pragma once

#include <string>
#include <vector>

#include "core/base/status.h"
#include "core/catalog/row.h"
#include "core/csv/csv.h"

namespace gongkai {

struct CsvImportOptions {
  std::string unit;          // unit given to rows without a 单位 column value
  size_t max_rows = 100000;  // refuse larger files ("too_many_rows")
  size_t max_errors = 50;    // errors and warnings listed (all are counted)
};

// One error or warning about a cell or a line.
struct SheetProblem {
  size_t line = 0;     // 第 N 行: physical line (CSV) or row number (xlsx)
  std::string column;  // "C 列（公开对象）", empty when about the whole line
  Status status;       // reason, field and message (without the line)

  // "第 N 行: C 列（公开对象）: message"
  std::string Text() const;
};

// An alias of published wording the import applied (aliases.h).
struct AliasUse {
  std::string field;  // the column label, e.g. 公开对象
  std::string from;   // 特定群众
  std::string to;     // 特定群体
  size_t count = 0;   // cells
};

struct SheetImport {
  std::vector<Row> rows;
  std::vector<size_t> lines;  // lines[i]: where rows[i] starts
  std::vector<SheetProblem> errors;
  size_t error_count = 0;  // errors.size() ≤ max_errors ≤ error_count
  std::vector<SheetProblem> warnings;
  size_t warning_count = 0;
  std::vector<AliasUse> aliases;
};

// Records of one sheet, top to bottom.
class RecordSource {
 public:
  virtual ~RecordSource() = default;
  // false at the end.
  virtual Result<bool> Next(CsvRecord* record) = 0;
  // Workbook rows end at their last cell that holds something; CSV lines
  // must be as wide as the header.
  virtual bool Ragged() const { return false; }
  // How many records the source expects to hold, if it knows (a workbook's
  // <dimension>); only to size the result once.
  virtual size_t RowHint() const { return 0; }
};

// Header, then every data record. errors is non-empty if any line is bad.
Result<SheetImport> ReadCatalogRecords(RecordSource& source, const CsvImportOptions& options);

// True if the first non-blank records (after a title line) make a catalog
// header: how a workbook's catalog sheet is found.
bool HasCatalogHeader(RecordSource& source);

// All the errors of an import as one Status: code, reason and field of the
// first; the message lists each error on its own line ("第 N 行: …"), and
// how many more there are beyond the list. Requires !errors.empty().
Status SheetErrorStatus(const SheetImport& import);

// The rows, or SheetErrorStatus.
Result<std::vector<Row>> RowsOrErrors(SheetImport import);

}  // namespace gongkai
