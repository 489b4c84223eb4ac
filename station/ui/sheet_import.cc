#include "station/ui/sheet_import.h"

#include "core/csv/catalog_csv.h"
#include "core/xlsx/catalog_xlsx_writer.h"

namespace gongkai::station::ui {

ImportReport ImportSheet(StationStore& store, std::string_view bytes, std::string_view name,
                         int64_t now, bool dry_run) {
  SheetImportRequest request;
  request.bytes = bytes;
  request.name = std::string(name);
  request.dry_run = dry_run;
  request.now = now;
  return ImportSheetFile(store, request);
}

Result<std::string> ExportSheet(StationStore& store, bool mine_only) {
  GK_ASSIGN_OR_RETURN(std::vector<Row> rows, ExportRows(store, mine_only));
  return CatalogToCsv(rows);
}

Result<std::string> ExportWorkbook(StationStore& store, bool mine_only) {
  GK_ASSIGN_OR_RETURN(std::vector<Row> rows, ExportRows(store, mine_only));
  return CatalogToXlsx(rows);
}

}  // namespace gongkai::station::ui
