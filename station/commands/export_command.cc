// gongkai-station export: the working view as a spreadsheet (CSV).
#include <sys/stat.h>

#include "core/csv/catalog_csv.h"
#include "core/store/atomic_file.h"
#include "station/commands/commands.h"
#include "station/commands/common.h"

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
  GK_ASSIGN_OR_RETURN(WorkingView view, store.LoadView());
  const std::string& unit = store.info().unit;
  std::vector<Row> rows;
  for (const auto& [id, vr] : view.rows()) {
    if (ctx.args.Has("mine") && vr.row.unit != unit) continue;
    rows.push_back(vr.row);
  }
  GK_RETURN_IF_ERROR(WriteFileAtomic(path, CatalogToCsv(rows), 0644));
  ctx.out << "已导出 " << rows.size() << " 条到 " << path << " (exported)\n";
  return Status::Ok();
}

}  // namespace

CommandSpec ExportCommand() {
  CommandSpec c;
  c.name = "export";
  c.summary = "把目录导出为表格 (CSV) (export rows to a CSV file)";
  c.usage = "gongkai-station export [--dir 目录] 文件.csv [--mine] [--force]";
  c.help =
      "把本站看到的目录（已批准的目录加本站未批准的修改，含已撤销的条目）导出为 CSV，\n"
      "UTF-8 带 BOM，Excel 和 WPS 可直接打开。改完后可用 import 导回。\n"
      "Exports the working view as CSV (UTF-8 with BOM) with the Chinese headers.\n\n"
      "例子 (example):\n"
      "  gongkai-station export 红旗村目录.csv --mine";
  c.flags = {DirFlag(),
             {"mine", false, false, "", "只导出本单位的条目 (own unit only)"},
             {"force", false, false, "", "文件已存在时覆盖 (overwrite an existing file)"}};
  c.min_args = c.max_args = 1;
  c.run = RunExport;
  return c;
}

}  // namespace gongkai::station
