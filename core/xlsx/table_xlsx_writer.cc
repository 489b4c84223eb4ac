#include "core/xlsx/table_xlsx_writer.h"

#include <unistd.h>
#include <xlsxwriter.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "core/xlsx/xstring.h"

namespace gongkai {

Result<std::string> XlsxBytesVia(const std::function<Status(const std::string&)>& write) {
  const char* dir = std::getenv("TMPDIR");
  std::string templ = std::string(dir && *dir ? dir : "/tmp") + "/gongkai-xlsx-XXXXXX";
  int fd = ::mkstemp(templ.data());
  if (fd < 0) {
    return Internal("xlsx_write_failed", "无法创建临时文件 (xlsx write failed)");
  }
  ::close(fd);
  Status written = write(templ);
  std::string bytes;
  if (written.ok()) {
    std::ifstream in(templ, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    bytes = ss.str();
  }
  ::unlink(templ.c_str());
  if (!written.ok()) return written;
  return bytes;
}

namespace {

Status WriteTable(const XlsxTable& t, const std::string& path) {
  lxw_workbook* wb = workbook_new(path.c_str());
  if (wb == nullptr) {
    return Internal("xlsx_write_failed", "无法创建工作簿文件 " + path + " (xlsx write failed)");
  }
  lxw_doc_properties props = {};
  props.created = 1577836800;  // 2020-01-01T00:00:00Z, as the catalog workbook
  workbook_set_properties(wb, &props);
  lxw_worksheet* ws = workbook_add_worksheet(wb, t.sheet.c_str());
  lxw_format* text = workbook_add_format(wb);
  format_set_num_format(text, "@");
  lxw_format* head = workbook_add_format(wb);
  format_set_num_format(head, "@");
  format_set_bold(head);
  worksheet_set_column(ws, 0, static_cast<lxw_col_t>(t.header.empty() ? 0 : t.header.size() - 1),
                       16, text);
  worksheet_freeze_panes(ws, 1, 0);
  lxw_error err = LXW_NO_ERROR;
  for (size_t c = 0; c < t.header.size() && err == LXW_NO_ERROR; ++c) {
    err = worksheet_write_string(ws, 0, static_cast<lxw_col_t>(c), t.header[c].c_str(), head);
  }
  for (size_t r = 0; r < t.rows.size() && err == LXW_NO_ERROR; ++r) {
    for (size_t c = 0; c < t.rows[r].size() && err == LXW_NO_ERROR; ++c) {
      std::string cell = EscapeXstringText(t.rows[r][c]);
      err = worksheet_write_string(ws, static_cast<lxw_row_t>(r + 1), static_cast<lxw_col_t>(c),
                                   cell.c_str(), text);
    }
  }
  lxw_error closed = workbook_close(wb);
  if (err == LXW_NO_ERROR) err = closed;
  if (err != LXW_NO_ERROR) {
    return Internal("xlsx_write_failed", std::string("写工作簿失败（") + lxw_strerror(err) +
                                             "）；请检查磁盘空间和文件夹权限 (xlsx write failed)");
  }
  return Status::Ok();
}

}  // namespace

Result<std::string> TableToXlsx(const XlsxTable& table) {
  return XlsxBytesVia([&](const std::string& path) { return WriteTable(table, path); });
}

}  // namespace gongkai
