#include "station/commands/sheet_io.h"

#include "core/xlsx/sheet_file.h"
#include "station/edits/sheet_lines.h"

namespace gongkai::station {

ImportReport ImportSheetFile(StationStore& store, const SheetImportRequest& request) {
  ImportReport report;
  report.file = request.name;
  report.dry_run = request.dry_run;
  report.kind = SniffSheetFile(request.bytes) == SheetFileKind::kCsv ? "csv" : "xlsx";
  if (request.bytes.size() > kMaxSheetFileBytes) {
    report.status =
        ResourceExhausted("file_too_large", "文件超过 64 MB，请分成几个文件导入 (file too large)");
    return report;
  }
  if (request.bytes.empty() && request.name.empty()) {  // the page's form sent no file
    report.status =
        InvalidArgument("empty_file", "没有选择文件，或文件是空的 (empty file)", "file");
    return report;
  }
  const std::string unit = store.info().unit;
  CsvImportOptions options;
  options.unit = unit;
  Result<SheetFileImport> read =
      ReadCatalogFile(request.bytes, request.name, options, request.sheet);
  if (!read.ok()) {
    report.status = NothingImported(read.status());
    return report;
  }
  SheetImport& sheet = read->import;
  report.sheet = read->sheet;
  report.aliases = sheet.aliases;
  report.warnings = sheet.warnings;
  report.warning_count = sheet.warning_count;
  if (!sheet.errors.empty()) {
    report.errors = sheet.errors;
    report.error_count = sheet.error_count;
    report.status = NothingImported(SheetErrorStatus(sheet));
    return report;
  }
  std::vector<size_t> lines = std::move(sheet.lines);
  RowLocator where = [&](size_t i) {
    return i < lines.size() ? "第 " + std::to_string(lines[i]) + " 行: "
                            : "第 " + std::to_string(i + 1) + " 条记录: ";
  };
  std::vector<RowError> row_errors;
  auto plan = [&](const WorkingView& view, const EditSink& emit) -> Status {
    GK_ASSIGN_OR_RETURN(report.counts, PlanImport(view, unit, std::move(sheet.rows), where, emit,
                                                  &row_errors));
    return Status::Ok();
  };
  Status planned;
  if (request.dry_run) {
    Result<WorkingView> view = store.LoadView();
    planned = view.ok() ? plan(*view, [](const PendingEdit&) { return Status::Ok(); })
                        : view.status();
  } else {
    Result<size_t> done = store.RecordAction("import", request.name, request.now, plan);
    if (!done.ok()) planned = done.status();
  }
  if (planned.ok()) return report;
  // Rows the catalog refuses (another unit's row, a retired row, …): all of
  // them, as for the sheet's own errors.
  report.error_count = row_errors.size();
  for (const RowError& e : row_errors) {
    if (report.errors.size() >= options.max_errors) break;
    size_t line = e.index < lines.size() ? lines[e.index] : e.index + 1;
    report.errors.push_back({line, "", e.status});
  }
  if (report.error_count > 1) {
    SheetImport all;
    all.errors = report.errors;
    all.error_count = report.error_count;
    planned = SheetErrorStatus(all);
  }
  report.status = NothingImported(planned);
  report.counts = ImportCounts{};
  return report;
}

Result<std::vector<Row>> ExportRows(StationStore& store, bool mine_only) {
  GK_ASSIGN_OR_RETURN(WorkingView view, store.LoadView());
  std::vector<Row> rows;
  for (const auto& [id, vr] : view.rows()) {
    if (mine_only && vr.row.unit != store.info().unit) continue;
    rows.push_back(vr.row);
  }
  return rows;
}

bool WantsWorkbook(std::string_view file_name) { return HasWorkbookExtension(file_name); }

}  // namespace gongkai::station
