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
    report.status = ResourceExhausted("file_too_large",
                                      "文件超过 64 MB，请分成几个文件导入 (file too large)");
    return report;
  }
  if (request.bytes.empty() && request.name.empty()) {  // the page's form sent no file
    report.status = InvalidArgument("empty_file", "没有选择文件，或文件是空的 (empty file)", "file");
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
  auto plan = [&](const WorkingView& view, const EditSink& emit) -> Status {
    GK_ASSIGN_OR_RETURN(report.counts, PlanImport(view, unit, std::move(sheet.rows), where, emit));
    return Status::Ok();
  };
  if (request.dry_run) {
    Result<WorkingView> view = store.LoadView();
    Status planned = view.ok() ? plan(*view, [](const PendingEdit&) { return Status::Ok(); })
                               : view.status();
    if (!planned.ok()) report.status = NothingImported(planned);
    return report;
  }
  Result<size_t> done = store.RecordAction("import", request.name, request.now, plan);
  if (!done.ok()) report.status = NothingImported(done.status());
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
