#include "core/xlsx/catalog_xlsx_writer.h"

#include <unistd.h>
#include <xlsxwriter.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "core/csv/catalog_csv.h"
#include "core/csv/formula_marker.h"
#include "core/xlsx/table_xlsx_writer.h"
#include "core/xlsx/xstring.h"

namespace gongkai {
namespace {

// Widths in Excel's character units, by column of CatalogExportHeader().
constexpr double kWidths[] = {38, 12, 14, 18, 18, 40, 30, 20, 20,
                              30, 16, 12, 10, 12, 14, 16, 24, 8};

Status WriteError(lxw_error e, const std::string& what) {
  return Internal("xlsx_write_failed", "写工作簿失败（" + what + ": " + lxw_strerror(e) +
                                           "）；请检查磁盘空间和文件夹权限 (xlsx write failed)");
}

}  // namespace

Status WriteCatalogXlsx(const std::vector<Row>& rows, const std::string& path) {
  lxw_workbook* wb = workbook_new(path.c_str());
  if (wb == nullptr) {
    return Internal("xlsx_write_failed", "无法创建工作簿文件 " + path + " (xlsx write failed)");
  }
  lxw_doc_properties props = {};
  props.title = const_cast<char*>("政务公开事项标准目录");
  props.created = 1577836800;  // 2020-01-01T00:00:00Z: the same rows, the same bytes
  workbook_set_properties(wb, &props);
  lxw_worksheet* ws = workbook_add_worksheet(wb, "目录");
  lxw_format* text = workbook_add_format(wb);
  format_set_num_format(text, "@");
  format_set_text_wrap(text);
  format_set_align(text, LXW_ALIGN_VERTICAL_TOP);
  lxw_format* head = workbook_add_format(wb);
  format_set_num_format(head, "@");
  format_set_bold(head);
  format_set_text_wrap(head);
  format_set_align(head, LXW_ALIGN_CENTER);
  format_set_align(head, LXW_ALIGN_VERTICAL_CENTER);
  format_set_bg_color(head, 0xDDEBF7);
  std::vector<std::string> header = CatalogExportHeader();
  for (size_t c = 0; c < header.size(); ++c) {
    double width = c < std::size(kWidths) ? kWidths[c] : 16;
    worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), width, text);
  }
  worksheet_freeze_panes(ws, 1, 0);
  lxw_error err = LXW_NO_ERROR;
  for (size_t c = 0; c < header.size() && err == LXW_NO_ERROR; ++c) {
    err = worksheet_write_string(ws, 0, static_cast<lxw_col_t>(c), header[c].c_str(), head);
  }
  for (size_t r = 0; r < rows.size() && err == LXW_NO_ERROR; ++r) {
    std::vector<std::string> cells = CatalogExportCells(rows[r]);
    for (size_t c = 0; c < cells.size() && err == LXW_NO_ERROR; ++c) {
      if (cells[c].empty()) continue;
      // Text cells are never formulas, so "=…" is written as it is; only a
      // text that itself starts with the marker gets one more, because
      // import removes one (formula_marker.h) — "'=…" comes back as "'=…".
      if (cells[c].starts_with('\'') && NeedsFormulaMarker(cells[c])) {
        cells[c] = AddFormulaMarker(cells[c]);
      }
      // libxlsxwriter escapes control characters (_x000D_) but not a
      // literal "_xHHHH_" in the text, which Excel and the import would
      // read as an escape: its "_" is written _x005F_ (xstring.h).
      cells[c] = EscapeXstringText(cells[c]);
      err = worksheet_write_string(ws, static_cast<lxw_row_t>(r + 1), static_cast<lxw_col_t>(c),
                                   cells[c].c_str(), text);
    }
  }
  if (err != LXW_NO_ERROR) {
    workbook_close(wb);
    ::unlink(path.c_str());
    return WriteError(err, "cell");
  }
  err = workbook_close(wb);
  if (err != LXW_NO_ERROR) return WriteError(err, path);
  return Status::Ok();
}

Result<std::string> CatalogToXlsx(const std::vector<Row>& rows) {
  return XlsxBytesVia([&](const std::string& path) { return WriteCatalogXlsx(rows, path); });
}

}  // namespace gongkai
