#include "station/ui/sheet_import.h"

#include "core/csv/catalog_csv.h"
#include "station/edits/sheet_lines.h"

namespace gongkai::station::ui {

Result<ImportCounts> ImportSheet(StationStore& store, std::string_view bytes, std::string_view name,
                                 int64_t now) {
  if (bytes.size() > kMaxSheetBytes) {
    return ResourceExhausted("file_too_large",
                             "文件超过 64 MB，请分成几个文件导入 (file too large)");
  }
  if (bytes.empty()) {
    return InvalidArgument("empty_file", "没有选择文件，或文件是空的 (empty file)", "file");
  }
  const std::string unit = store.info().unit;
  CsvImportOptions options;
  options.unit = unit;
  Result<std::vector<Row>> parsed = ParseCatalogCsv(bytes, options);
  if (!parsed.ok()) return NothingImported(parsed.status());
  const size_t row_count = parsed->size();
  std::vector<size_t> lines;
  RowLocator where = [&](size_t i) {
    if (lines.empty()) lines = SheetDataLines(bytes, row_count);
    return i < lines.size() ? "第 " + std::to_string(lines[i]) + " 行: "
                            : "第 " + std::to_string(i + 1) + " 条记录: ";
  };
  ImportCounts counts;
  auto planned = store.RecordAction(
      "import", name, now, [&](const WorkingView& view, const EditSink& emit) -> Status {
        GK_ASSIGN_OR_RETURN(counts, PlanImport(view, unit, std::move(parsed).value(), where, emit));
        return Status::Ok();
      });
  if (!planned.ok()) return NothingImported(planned.status());
  return counts;
}

Result<std::string> ExportSheet(StationStore& store, bool mine_only) {
  GK_ASSIGN_OR_RETURN(WorkingView view, store.LoadView());
  std::vector<Row> rows;
  for (const auto& [id, vr] : view.rows()) {
    if (mine_only && vr.row.unit != store.info().unit) continue;
    rows.push_back(vr.row);
  }
  return CatalogToCsv(rows);
}

}  // namespace gongkai::station::ui
