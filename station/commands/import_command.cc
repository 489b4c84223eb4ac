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
  return {.name = "import",
          .flags = {DirFlag(),
                    {"sheet", true, false, "工作表", "工作簿里要导入的工作表名 (sheet name)"},
                    {"check", false, false, "", "只检查，不导入 (dry run)"},
                    JsonFlag()},
          .min_args = 1,
          .max_args = 1,
          .run = RunImport};
}

}  // namespace gongkai::station
