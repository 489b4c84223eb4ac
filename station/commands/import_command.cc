// gongkai-station import: rows from a spreadsheet (CSV), all or nothing.
#include <filesystem>
#include <fstream>

#include "core/csv/catalog_csv.h"
#include "core/store/atomic_file.h"
#include "station/commands/commands.h"
#include "station/commands/common.h"
#include "station/edits/edit_plan.h"
#include "station/edits/sheet_lines.h"

namespace gongkai::station {
namespace {

constexpr size_t kMaxImportBytes = 64u << 20;

// Reads the whole file into a string of exactly its size (a 10,000-row
// sheet is a few megabytes; no doubling growth on the way).
Result<std::string> ReadSheet(const std::string& path) {
  std::error_code ec;
  uintmax_t size = std::filesystem::file_size(path, ec);
  if (ec) return ReadFile(path, kMaxImportBytes);  // let ReadFile word the error
  if (size > kMaxImportBytes) {
    return ResourceExhausted("file_too_large", "文件 " + path +
                                                   " 超过 64 MB，请分成几个文件导入 "
                                                   "(file too large)");
  }
  std::ifstream in(path, std::ios::binary);
  std::string bytes(static_cast<size_t>(size), '\0');
  if (!in.read(bytes.data(), static_cast<std::streamsize>(size)))
    return ReadFile(path, kMaxImportBytes);
  return bytes;
}

Status RunImport(CommandContext& ctx) {
  const std::string path = ctx.args.positional()[0];
  GK_ASSIGN_OR_RETURN(StationStore store, OpenStore(ctx));
  GK_ASSIGN_OR_RETURN(std::string bytes, ReadSheet(path));
  const std::string unit = store.info().unit;
  CsvImportOptions options;
  options.unit = unit;
  Result<std::vector<Row>> parsed = ParseCatalogCsv(bytes, options);
  if (!parsed.ok()) return NothingImported(parsed.status());
  const size_t row_count = parsed->size();
  bytes = std::string();  // read again only to name the line of an error
  std::vector<size_t> lines;
  RowLocator where = [&](size_t i) {
    if (lines.empty()) {
      auto again = ReadSheet(path);
      if (again.ok()) lines = SheetDataLines(*again, row_count);
    }
    return i < lines.size() ? "第 " + std::to_string(lines[i]) + " 行: "
                            : "第 " + std::to_string(i + 1) + " 条记录: ";
  };
  ImportCounts counts;
  auto planned = store.RecordAction(
      "import", std::filesystem::path(path).filename().string(), ctx.now,
      [&](const WorkingView& view, const EditSink& emit) -> Status {
        GK_ASSIGN_OR_RETURN(counts, PlanImport(view, unit, std::move(parsed).value(), where, emit));
        return Status::Ok();
      });
  if (!planned.ok()) return NothingImported(planned.status());
  ctx.out << "已导入 " << path << " (imported): 新增 " << counts.created << " 条，修改 "
          << counts.changed << " 条，撤销 " << counts.retired << " 条，未变 " << counts.unchanged
          << " 条\n";
  if (*planned > 0) {
    ctx.out << "尚未封存；核对无误后运行 gongkai-station seal 封存 (not sealed yet)\n";
  }
  return Status::Ok();
}

}  // namespace

CommandSpec ImportCommand() {
  CommandSpec c;
  c.name = "import";
  c.summary = "从表格 (CSV) 导入条目 (import rows from a CSV file)";
  c.usage = "gongkai-station import [--dir 目录] 文件.csv";
  c.help =
      "从 Excel/WPS 另存的 CSV 文件导入条目（UTF-8 或 GBK 编码都可以）。表头用中文栏目名：\n"
      "编号、单位、领域、一级事项、二级事项、公开内容（要素）、公开依据、公开时限、公开主体、\n"
      "公开渠道和载体、其他渠道、公开对象、公开方式、公开层级、五公开、咨询电话、备注、状态；\n"
      "也认国家标准目录的两行表头（勾选框）。多选栏目用 、 隔开。\n"
      "  - 没有编号或编号是新的行：作为本单位的新条目；\n"
      "  - 编号已有、内容有改动的行：修改该条目（只能改本单位的）；状态写“已撤销”则撤销；\n"
      "  - 和现有内容完全一样的行跳过，所以 export 导出的整张表改完可以直接导回。\n"
      "要么全部导入，要么一条也不导入：任何一行有错，都会指出第几行、错在哪里。\n"
      "Imports rows from a CSV file with the Chinese column headers; all or nothing.\n\n"
      "例子 (example):\n"
      "  gongkai-station import 红旗村目录.csv";
  c.flags = {DirFlag()};
  c.min_args = c.max_args = 1;
  c.run = RunImport;
  return c;
}

}  // namespace gongkai::station
