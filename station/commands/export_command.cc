// gongkai-station export: the working view as a spreadsheet (CSV or .xlsx).
#include <sys/stat.h>

#include "core/csv/catalog_csv.h"
#include "core/store/atomic_file.h"
#include "core/xlsx/catalog_xlsx_writer.h"
#include "station/commands/commands.h"
#include "station/commands/common.h"
#include "station/commands/sheet_io.h"

namespace gongkai::station {
namespace {

Status RunExport(CommandContext& ctx) {
  const std::string path = ctx.args.positional()[0];
  struct stat st;
  if (!ctx.args.Has("force") && ::stat(path.c_str(), &st) == 0) {
    return Status(Code::kAlreadyExists, "file_exists",
                  "文件 " + path + " 已经存在；请换一个文件名，或加 --force 覆盖 (file exists)");
  }
  GK_ASSIGN_OR_RETURN(StationStore store, OpenStore(ctx));
  GK_ASSIGN_OR_RETURN(std::vector<Row> rows, ExportRows(store, ctx.args.Has("mine")));
  const bool xlsx = ctx.args.Has("xlsx") || WantsWorkbook(path);
  std::string bytes;
  if (xlsx) {
    GK_ASSIGN_OR_RETURN(bytes, CatalogToXlsx(rows));
  } else {
    bytes = CatalogToCsv(rows);
  }
  GK_RETURN_IF_ERROR(WriteFileAtomic(path, bytes, 0644));
  ctx.out << "已导出 " << rows.size() << " 条到 " << path << (xlsx ? "（Excel 工作簿）" : "")
          << " (exported)\n";
  return Status::Ok();
}

}  // namespace

CommandSpec ExportCommand() {
  CommandSpec c;
  c.name = "export";
  c.summary = "把目录导出为表格 (CSV / Excel) (export rows to a CSV or .xlsx file)";
  c.usage = "gongkai-station export [--dir 目录] 文件.csv|文件.xlsx [--xlsx] [--mine] [--force]";
  c.help =
      "把本站看到的目录（已批准的目录加本站未批准的修改，含已撤销的条目）导出为表格。\n"
      "文件名以 .xlsx 结尾（或加 --xlsx）时写 Excel 工作簿：中文表头、冻结首行、列宽合适，\n"
      "每一格都是文本（电话号码不丢开头的 0，不会有公式）；否则写 CSV（UTF-8 带 BOM）。\n"
      "Excel 和 WPS 都可直接打开，改完后可用 import 导回。\n"
      "Exports the working view as an .xlsx workbook or CSV with the Chinese headers.";
  c.examples = {"gongkai-station export 红旗村目录.xlsx --mine"};
  c.flags = {DirFlag(),
             {"xlsx", false, false, "", "写 Excel 工作簿，不看文件名 (write .xlsx)"},
             {"mine", false, false, "", "只导出本单位的条目 (own unit only)"},
             {"force", false, false, "", "文件已存在时覆盖 (overwrite an existing file)"}};
  c.min_args = c.max_args = 1;
  c.run = RunExport;
  return c;
}

}  // namespace gongkai::station
