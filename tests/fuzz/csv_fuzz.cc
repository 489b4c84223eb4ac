// Fuzz target: spreadsheet import (core/csv/catalog_csv.h) — CSV files
// clerks save from Excel or WPS, UTF-8 or GB18030, one- or two-row headers.
//
// Properties for every accepted file: every row is valid (ValidateRow), the
// ids are unique, and exporting the rows (CatalogToCsv) and importing the
// export gives the same rows again.
#include <set>

#include "core/catalog/validate.h"
#include "core/csv/catalog_csv.h"
#include "tests/fuzz/fuzz_check.h"

using namespace gongkai;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  CsvImportOptions opts;
  opts.unit = "红旗村";
  opts.max_rows = 500;
  Result<std::vector<Row>> rows = ParseCatalogCsv(fuzz::InputText(data, size), opts);
  if (!rows.ok()) {
    FUZZ_CHECK(!rows.status().reason().empty(), "an error without a reason");
    return 0;
  }
  FUZZ_CHECK(rows->size() <= opts.max_rows, "more rows than max_rows");
  std::set<std::string> ids;
  for (const Row& r : *rows) {
    Status valid = ValidateRow(r);
    FUZZ_CHECK(valid.ok(), fuzz::Why(valid));
    FUZZ_CHECK(ids.insert(r.id).second, "duplicate id " + r.id);
  }
  std::string exported = CatalogToCsv(*rows);
  Result<std::vector<Row>> again = ParseCatalogCsv(exported, opts);
  FUZZ_CHECK(again.ok(), again.ok() ? "" : fuzz::Why(again.status()));
  FUZZ_CHECK(*again == *rows, "export then import changed the rows");
  return 0;
}
