#include "core/xlsx/catalog_workbook.h"

#include "core/xlsx/workbook.h"

namespace gongkai {
namespace {

std::string SheetNames(const Workbook& wb) {
  std::string out;
  for (const SheetInfo& s : wb.sheets()) {
    if (!out.empty()) out += "、";
    out += "“" + s.name + "”";
  }
  return out;
}

}  // namespace

Result<WorkbookImport> ReadCatalogWorkbook(std::string_view bytes, const CsvImportOptions& options,
                                           std::string_view sheet, const ZipLimits& limits) {
  GK_ASSIGN_OR_RETURN(Workbook wb, Workbook::Open(bytes, limits));
  const SheetInfo* chosen = nullptr;
  if (!sheet.empty()) {
    for (const SheetInfo& s : wb.sheets()) {
      if (s.name == sheet) chosen = &s;
    }
    if (chosen == nullptr) {
      return NotFound("unknown_sheet", "工作簿里没有名为 “" + std::string(sheet) +
                                           "” 的工作表；有: " + SheetNames(wb) +
                                           "；请用 --sheet 写其中一个 (no such sheet)");
    }
  } else if (wb.sheets().size() == 1) {
    chosen = &wb.sheets().front();
  } else {
    for (const SheetInfo& s : wb.sheets()) {
      GK_ASSIGN_OR_RETURN(std::unique_ptr<RecordSource> source, wb.OpenSheet(s));
      if (HasCatalogHeader(*source)) {
        chosen = &s;
        break;
      }
    }
    if (chosen == nullptr) {
      return InvalidArgument("no_catalog_sheet",
                             "工作簿的工作表 " + SheetNames(wb) +
                                 " 都没有目录的表头（领域、一级事项、二级事项……）；"
                                 "请检查表头，或用 --sheet 指定工作表 (no catalog sheet)");
    }
  }
  GK_ASSIGN_OR_RETURN(std::unique_ptr<RecordSource> source, wb.OpenSheet(*chosen));
  Result<SheetImport> import = ReadCatalogRecords(*source, options);
  if (!import.ok()) {
    const Status& s = import.status();
    std::string where = wb.sheets().size() > 1 ? "工作表 “" + chosen->name + "” " : "";
    return Status(s.code(), s.reason(), where + s.message(), s.field());
  }
  return WorkbookImport{chosen->name, std::move(import).value()};
}

}  // namespace gongkai
