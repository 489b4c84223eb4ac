// gongkai-station export: the working view as a spreadsheet (CSV or .xlsx).

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
  GK_RETURN_IF_ERROR(RefuseExistingFile(path, ctx.args.Has("force")));
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
  return {.name = "export",
          .flags = {DirFlag(),
                    {"xlsx", false, false, "", "写 Excel 工作簿，不看文件名 (write .xlsx)"},
                    {"mine", false, false, "", "只导出本单位的条目 (own unit only)"},
                    {"force", false, false, "", "文件已存在时覆盖 (overwrite an existing file)"}},
          .min_args = 1,
          .max_args = 1,
          .run = RunExport};
}

}  // namespace gongkai::station
