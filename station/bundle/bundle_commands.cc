#include "station/bundle/bundle_commands.h"

#include <boost/json.hpp>

#include "core/base/hex.h"
#include "core/store/atomic_file.h"
#include "station/bundle/catalog_import.h"
#include "station/bundle/changeset_export.h"
#include "station/commands/common.h"
#include "station/sync/refusal_report.h"
#include "station/sync/sync_round.h"

namespace gongkai::station {
namespace {

Status RunBundleExport(CommandContext& ctx) {
  const std::string& file = ctx.args.positional()[0];
  GK_RETURN_IF_ERROR(RefuseExistingFile(file, ctx.args.Has("force")));
  GK_ASSIGN_OR_RETURN(StationStore store, OpenStore(ctx));
  GK_ASSIGN_OR_RETURN(
      ChangeSetExport e,
      ExportChangeSetBundle(store, file, ctx.args.Get("note").value_or(""), ctx.now));
  if (ctx.Json()) {
    PrintJsonLine(ctx.out, boost::json::serialize(
                               boost::json::object{{"file", file},
                                                   {"sealed", e.sealed},
                                                   {"change_sets", e.change_sets},
                                                   {"first_seq", e.first_seq},
                                                   {"last_seq", e.last_seq},
                                                   {"catalog_version", e.catalog_version},
                                                   {"log_size", e.log_size},
                                                   {"attachments", e.attachments},
                                                   {"attachment_bytes", e.attachment_bytes},
                                                   {"bytes", e.bytes}}));
    return Status::Ok();
  }
  if (e.sealed > 0) ctx.out << "已封存 " << e.sealed << " 个新的变更集。\n";
  ctx.out << "已写入U盘文件: " << file << "（" << e.bytes << " 字节）\n";
  if (e.change_sets == 0) {
    ctx.out << "  没有待上传的变更集；文件只告诉镇里本站的目录版本，以便带回新目录。\n";
  } else {
    ctx.out << "  变更集 " << e.change_sets << " 个（序号 " << e.first_seq << "–" << e.last_seq
            << "）\n";
  }
  if (e.attachments > 0) {
    ctx.out << "  附件 " << e.attachments << " 个（" << e.attachment_bytes << " 字节）\n";
  }
  ctx.out << "  本站目录第 " << e.catalog_version << " 版，已核对日志 " << e.log_size << " 条\n"
          << "下一步: 把文件带到镇里，运行 gongkai-hub bundle import --dir 目录 " << file << "\n";
  return Status::Ok();
}

Status RunBundleImport(CommandContext& ctx) {
  GK_ASSIGN_OR_RETURN(StationStore store, OpenStore(ctx));
  const std::string& file = ctx.args.positional()[0];
  GK_ASSIGN_OR_RETURN(CatalogBundleImport in, ImportCatalogBundle(store, file, ctx.now));
  const PullReport& p = in.pulled;
  // For a station that only uses USB sticks, this is its sync: status and
  // the page show it as the last one. (The same file again changes nothing,
  // not even this.)
  if (p.changed || !in.returned.empty()) GK_RETURN_IF_ERROR(store.RecordSync(ctx.now));
  GK_ASSIGN_OR_RETURN(std::vector<HeldRow> held, store.HeldRows());
  // Like sync: a refusal of the station as a whole, else rows held for the
  // clerk, decide the exit status (8 edits held, 9 not enrolled, …).
  Status outcome = in.refused_whole ? *in.refused_whole
                   : held.empty()   ? Status::Ok()
                                    : HeldStatus(held);
  if (ctx.Json()) {
    boost::json::object o{{"file", file},
                          {"outcome", outcome.ok() ? std::string("delivered") : outcome.reason()},
                          {"from_version", p.from_version},
                          {"to_version", p.to_version},
                          {"hash", HexEncode(p.hash)},
                          {"mode", p.mode},
                          {"approvals", p.approvals},
                          {"rejected", p.rejected_mine},
                          {"receipts", p.receipts},
                          {"returned", ReturnedJson(in.returned)},
                          {"held", HeldJson(held)},
                          {"stale_refusals", in.stale_refusals},
                          {"changed", p.changed}};
    if (in.refused_whole) {
      o["refused"] = boost::json::object{{"code", in.refused_whole->reason()},
                                         {"message", in.refused_whole->message()}};
    }
    PrintJsonLine(ctx.out, boost::json::serialize(o));
    return outcome;
  }
  if (p.to_version != p.from_version) {
    ctx.out << "已从U盘文件导入镇里批准的目录: 第 " << p.from_version << " 版 → 第 " << p.to_version
            << " 版（已核对日志检查点、管理员签名和目录哈希）。\n";
  } else {
    ctx.out << "目录已是最新: 第 " << p.to_version << " 版。\n";
  }
  if (p.receipts > 0)
    ctx.out << "镇里已受理本站 " << p.receipts << " 个变更集（已核对日志证明）。\n";
  if (p.rejected_mine > 0) {
    ctx.out << "有 " << p.rejected_mine
            << " 个变更集被镇里退回；运行 gongkai-station status 查看理由。\n";
  }
  PrintReturned(ctx.out, in.returned, "");
  PrintHeld(ctx.out, held);
  if (!in.returned.empty()) {
    ctx.out << "下一步: 按理由修改（或 gongkai-station discard 放弃）这些条目，再用 gongkai-station "
               "bundle export 写U盘文件带到镇里。\n";
  }
  ctx.out << "目录哈希 " << HexEncode(p.hash) << "\n";
  return outcome;
}

FlagSpec NoteFlag() {
  return {"note", true, false, "说明", "封存时给镇里看的说明 (a note for the sealed edits)"};
}

}  // namespace

CommandSpec BundleExportCommand() {
  return {.name = "bundle export",
          .flags = {DirFlag(),
                    JsonFlag(),
                    NoteFlag(),
                    {"force", false, false, "", "文件已存在时覆盖 (overwrite an existing file)"}},
          .min_args = 1,
          .max_args = 1,
          .run = RunBundleExport};
}

CommandSpec BundleImportCommand() {
  return {.name = "bundle import",
          .flags = {DirFlag(), JsonFlag()},
          .min_args = 1,
          .max_args = 1,
          .run = RunBundleImport};
}

}  // namespace gongkai::station
