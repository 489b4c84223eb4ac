#include "core/csv/catalog_csv.h"

#include "core/catalog/fields.h"
#include "core/csv/csv.h"
#include "core/csv/formula_marker.h"
#include "core/csv/text_encoding.h"

namespace gongkai {
namespace {

class CsvRecordSource : public RecordSource {
 public:
  explicit CsvRecordSource(std::string_view text) : reader_(text) {}
  Result<bool> Next(CsvRecord* record) override { return reader_.Next(record); }

 private:
  CsvReader reader_;
};

}  // namespace

Result<SheetImport> ReadCatalogCsv(std::string_view file_bytes, const CsvImportOptions& options) {
  GK_ASSIGN_OR_RETURN(DecodedText decoded, DecodeSpreadsheetText(file_bytes));
  CsvRecordSource source(decoded.text);
  return ReadCatalogRecords(source, options);
}

Result<std::vector<Row>> ParseCatalogCsv(std::string_view file_bytes,
                                         const CsvImportOptions& options) {
  GK_ASSIGN_OR_RETURN(SheetImport import, ReadCatalogCsv(file_bytes, options));
  return RowsOrErrors(std::move(import));
}

std::vector<std::string> CatalogExportHeader() {
  std::vector<std::string> cells;
  cells.reserve(kFieldCount + 3);
  cells.push_back("编号");
  cells.push_back("单位");
  for (const FieldSpec& spec : AllFields()) cells.push_back(spec.label);
  cells.push_back("状态");
  return cells;
}

std::vector<std::string> CatalogExportCells(const Row& row) {
  std::vector<std::string> cells;
  cells.reserve(kFieldCount + 3);
  cells.push_back(row.id);
  cells.push_back(row.unit);
  for (const std::string& value : row.values) cells.push_back(value);
  cells.emplace_back(row.retired ? "已撤销" : "在用");
  return cells;
}

std::string CatalogToCsv(const std::vector<Row>& rows) {
  std::string out = "\xEF\xBB\xBF";
  AppendCsvRecord(CatalogExportHeader(), &out);
  std::vector<std::string> cells;
  for (const Row& row : rows) {
    cells = CatalogExportCells(row);
    for (std::string& cell : cells) {
      if (NeedsFormulaMarker(cell)) cell = AddFormulaMarker(cell);
    }
    AppendCsvRecord(cells, &out);
  }
  return out;
}

}  // namespace gongkai
