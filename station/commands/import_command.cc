// gongkai-station import: rows from a spreadsheet (CSV or .xlsx), all or
// nothing; --check plans the import and changes nothing.
#include <filesystem>
#include <fstream>

#include "core/store/atomic_file.h"
#include "station/commands/commands.h"
#include "station/commands/common.h"
#include "station/commands/sheet_io.h"

namespace gongkai::station {
namespace {

// Reads the whole file into a string of exactly its size (a 10,000-row
// sheet is a few megabytes; no doubling growth on the way).
Result<std::string> ReadSheet(const std::string& path) {
  std::error_code ec;
  uintmax_t size = std::filesystem::file_size(path, ec);
  if (ec) return ReadFile(path, kMaxSheetFileBytes);  // let ReadFile word the error
  if (size > kMaxSheetFileBytes) {
    return ResourceExhausted("file_too_large", "文件 " + path +
                                                   " 超过 64 MB，请分成几个文件导入 "
                                                   "(file too large)");
  }
  std::ifstream in(path, std::ios::binary);
  std::string bytes(static_cast<size_t>(size), '\0');
  if (!in.read(bytes.data(), static_cast<std::streamsize>(size)))
    return ReadFile(path, kMaxSheetFileBytes);
  return bytes;
}

Status RunImport(CommandContext& ctx) {
  const std::string path = ctx.args.positional()[0];
  GK_ASSIGN_OR_RETURN(StationStore store, OpenStore(ctx));
  GK_ASSIGN_OR_RETURN(std::string bytes, ReadSheet(path));
  SheetImportRequest request;
  request.bytes = bytes;
  request.name = std::filesystem::path(path).filename().string();
  request.sheet = ctx.args.Get("sheet").value_or("");
  request.dry_run = ctx.args.Has("check");
  request.now = ctx.now;
  ImportReport report = ImportSheetFile(store, request);
  if (ctx.Json()) ctx.out << boost::json::serialize(ImportReportJson(report)) << "\n";
  if (!report.status.ok()) {
    if (report.error_count <= 1) return report.status;
    // Every bad line on its own line, then the one line saying what to do.
    for (const SheetProblem& e : report.errors) ctx.err << e.Text() << "\n";
    if (report.error_count > report.errors.size()) {
      ctx.err << "……还有 " << report.error_count - report.errors.size() << " 处错误没有列出\n";
    }
    return Status(report.status.code(), report.status.reason(),
                  "文件 " + request.name + " 有 " + std::to_string(report.error_count) +
                      " 处错误（见上面各行）；整个文件都没有导入，全部改正后请重新导入"
                      " (nothing was imported)",
                  report.status.field());
  }
  if (!ctx.Json()) ctx.out << ImportReportText(report);
  return Status::Ok();
}

}  // namespace

CommandSpec ImportCommand() {
  CommandSpec c;
  c.name = "import";
  c.summary = "从表格 (CSV / Excel) 导入条目 (import rows from a CSV or .xlsx file)";
  c.usage =
      "gongkai-station import [--dir 目录] 文件.csv|文件.xlsx [--sheet 工作表] [--check] [--json]";
  c.help =
      "从 Excel/WPS 工作簿 (.xlsx) 或另存的 CSV 文件（UTF-8 或 GBK 编码）导入条目，\n"
      "按文件内容识别是哪一种。表头用中文栏目名：\n"
      "编号、单位、领域、一级事项、二级事项、公开内容（要素）、公开依据、公开时限、公开主体、\n"
      "公开渠道和载体、其他渠道、公开对象、公开方式、公开层级、五公开、咨询电话、备注、状态；\n"
      "也认国家标准目录的两行表头（勾选框 √ ■ / □）和标题行。多选栏目用 、 隔开；\n"
      "特定群众、依申请公开、镇级 等常见写法会换成规范写法并在报告里列出。\n"
      "工作簿有几张工作表时读有目录表头的那张，或用 --sheet 指定。\n"
      "  - 没有编号或编号是新的行：作为本单位的新条目；\n"
      "  - 编号已有、内容有改动的行：修改该条目（只能改本单位的）；状态写“已撤销”则撤销；\n"
      "  - 和现有内容完全一样的行跳过，所以 export 导出的整张表改完可以直接导回。\n"
      "要么全部导入，要么一条也不导入：所有有错的行（最多列出 50 处）都会指出\n"
      "第几行、哪一列、应该怎么写。--check 只检查并报告将会怎样，什么都不改。\n"
      "Imports rows from an .xlsx workbook or a CSV file with the Chinese column headers;\n"
      "all or nothing; --check is a dry run.";
  c.examples = {"gongkai-station import --check 红旗村目录.xlsx",
                "gongkai-station import 红旗村目录.xlsx --sheet 村级目录"};
  c.flags = {DirFlag(),
             {"sheet", true, false, "工作表", "工作簿里要导入的工作表名 (sheet name)"},
             {"check", false, false, "", "只检查，不导入 (dry run)"},
             JsonFlag()};
  c.min_args = c.max_args = 1;
  c.run = RunImport;
  return c;
}

}  // namespace gongkai::station
