// Fuzz target: workbook import (core/xlsx/sheet_file.h) — any bytes as an
// .xlsx file: the ZIP container (libzip), the XML parts (expat), shared
// strings, sheets, cells, then the rows' path shared with CSV.
//
// Properties for every accepted file: every row is valid (ValidateRow), the
// ids are unique, and writing the rows as a workbook (CatalogToXlsx) and
// importing it gives the same rows again. Small limits keep each run short.
#include <set>

#include "core/catalog/validate.h"
#include "core/xlsx/catalog_xlsx_writer.h"
#include "core/xlsx/sheet_file.h"
#include "tests/fuzz/fuzz_check.h"

using namespace gongkai;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  CsvImportOptions opts;
  opts.unit = "红旗村";
  opts.max_rows = 200;
  ZipLimits limits;
  limits.max_total = 8u << 20;
  limits.max_entry = 4u << 20;
  limits.ratio_floor = 1u << 20;
  limits.max_entries = 64;
  Result<SheetFileImport> read =
      ReadCatalogFile(fuzz::InputText(data, size), "fuzz.xlsx", opts, "", limits);
  if (!read.ok()) {
    FUZZ_CHECK(!read.status().reason().empty(), "an error without a reason");
    return 0;
  }
  const SheetImport& sheet = read->import;
  FUZZ_CHECK(sheet.errors.size() <= opts.max_errors, "more errors listed than max_errors");
  FUZZ_CHECK(sheet.error_count >= sheet.errors.size(), "error_count below the list");
  if (!sheet.errors.empty()) return 0;
  FUZZ_CHECK(sheet.rows.size() <= opts.max_rows, "more rows than max_rows");
  std::set<std::string> ids;
  for (const Row& r : sheet.rows) {
    Status valid = ValidateRow(r);
    FUZZ_CHECK(valid.ok(), fuzz::Why(valid));
    FUZZ_CHECK(ids.insert(r.id).second, "duplicate id " + r.id);
  }
  Result<std::string> written = CatalogToXlsx(sheet.rows);
  FUZZ_CHECK(written.ok(), written.ok() ? "" : fuzz::Why(written.status()));
  Result<SheetFileImport> again = ReadCatalogFile(*written, "again.xlsx", opts);
  FUZZ_CHECK(again.ok(), again.ok() ? "" : fuzz::Why(again.status()));
  FUZZ_CHECK(again->import.errors.empty(), "the written workbook has errors");
  FUZZ_CHECK(again->import.rows == sheet.rows, "write then import changed the rows");
  return 0;
}
