#include "core/xlsx/sheet_file.h"

#include "core/csv/catalog_csv.h"
#include "core/xlsx/catalog_workbook.h"

namespace gongkai {

SheetFileKind SniffSheetFile(std::string_view bytes) {
  if (bytes.starts_with(std::string_view("PK\x03\x04", 4)) ||
      bytes.starts_with(std::string_view("PK\x05\x06", 4))) {
    return SheetFileKind::kXlsx;
  }
  if (bytes.starts_with(std::string_view("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8))) {
    return SheetFileKind::kOldExcel;
  }
  return SheetFileKind::kCsv;
}

bool HasWorkbookExtension(std::string_view file_name) {
  if (file_name.size() < 5) return false;
  std::string ext(file_name.substr(file_name.size() - 5));
  for (char& c : ext) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return ext == ".xlsx" || ext == ".xlsm";
}

Result<SheetFileImport> ReadCatalogFile(std::string_view bytes, std::string_view file_name,
                                        const CsvImportOptions& options, std::string_view sheet,
                                        const ZipLimits& limits) {
  SheetFileImport out;
  out.kind = SniffSheetFile(bytes);
  switch (out.kind) {
    case SheetFileKind::kOldExcel:
      return InvalidArgument(
          "old_excel_format",
          "这是 Excel 97-2003 的 .xls 文件（或加了密码的工作簿）；请在 Excel/WPS "
          "里另存为 Excel 工作簿(.xlsx) 或 CSV 后再导入 (old Excel format)");
    case SheetFileKind::kXlsx: {
      GK_ASSIGN_OR_RETURN(WorkbookImport wb, ReadCatalogWorkbook(bytes, options, sheet, limits));
      out.sheet = std::move(wb.sheet);
      out.import = std::move(wb.import);
      return out;
    }
    case SheetFileKind::kCsv:
      break;
  }
  if (HasWorkbookExtension(file_name)) {
    return InvalidArgument("not_a_workbook",
                           "文件名是 .xlsx，但内容不是 Excel 工作簿（可能是改了扩展名的 CSV "
                           "或文本文件）；请在 Excel/WPS 里另存为 Excel 工作簿(.xlsx)，"
                           "或把扩展名改回 .csv (not a workbook)");
  }
  if (!sheet.empty()) {
    return InvalidArgument("usage", "--sheet 只用于 .xlsx 工作簿，CSV 文件只有一张表 (usage)");
  }
  GK_ASSIGN_OR_RETURN(out.import, ReadCatalogCsv(bytes, options));
  return out;
}

}  // namespace gongkai
