// gongkai-station record: a posting record (公开记录) of one of the unit's
// rows, sealed at once into the outbox (docs/postings.md). Offline: the
// attachments are kept in the station's attachment folder
// (station/attachments/attachment_store.h) for the sync round to send.
// The checks and the writing are RecordPostingEntry's (posting_entry.h),
// shared with the clerk's page.
#include <boost/json.hpp>

#include "core/base/hex.h"
#include "station/attachments/attachment_store.h"
#include "station/commands/commands.h"
#include "station/commands/common.h"
#include "station/commands/posting_entry.h"
#include "station/commands/posting_text.h"

namespace gongkai::station {
namespace {

Status RunRecord(CommandContext& ctx) {
  PostingEntry entry;
  entry.row = ctx.args.positional()[0];
  entry.period = ctx.args.Get("period").value_or("");
  entry.posted = ctx.args.Get("posted").value_or("");
  if (entry.posted.empty()) {
    return InvalidArgument("missing_flag", "请用 --posted 写明公开的日期，如 --posted 2026-11-03",
                           "posted");
  }
  entry.channels = ctx.args.GetAll("channel");
  entry.display_from = ctx.args.Get("from").value_or("");
  entry.display_to = ctx.args.Get("to").value_or("");
  entry.note = ctx.args.Get("note").value_or("");
  if (auto s = ctx.args.Get("supersedes")) {
    std::optional<Hash32> id = HexDecodeHash(*s);
    if (!id) {
      return InvalidArgument("bad_record_id",
                             "--supersedes 要写完整的记录编号（64 位十六进制，见 records --json）",
                             "supersedes");
    }
    entry.supersedes = *id;
  }
  GK_ASSIGN_OR_RETURN(StationStore store, OpenStore(ctx));
  // Each file is read and checked here (type by its bytes, a JPEG's GPS
  // block blanked); RecordPostingEntry writes them only once the record
  // itself passes every check.
  for (const std::string& path : ctx.args.GetAll("attach")) {
    GK_ASSIGN_OR_RETURN(PreparedAttachment file, AttachmentStore::PrepareFile(path));
    entry.attachments.push_back(std::move(file));
  }
  GK_ASSIGN_OR_RETURN(RecordedPosting done, RecordPostingEntry(store, entry, ctx.now));
  const StationPosting& p = done.posting;
  if (ctx.Json()) {
    PrintJsonLine(ctx.out, boost::json::serialize(PostingJson(p)));
    return Status::Ok();
  }
  ctx.out << "已登记公开记录 (recorded) " << HexEncode(p.record_id).substr(0, 16) << "\n  "
          << RowTitle(done.row) << "\n  " << PostingSummary(p.op) << "\n"
          << "  已封存在第 " << p.seq << " 号变更集，下次同步（或 U 盘）时送到镇里 (sealed)\n";
  return Status::Ok();
}

}  // namespace

CommandSpec RecordCommand() {
  return {.name = "record",
          .flags = {DirFlag(),
                    {"period", true, false, "期间", "这次公开所属的期间，如 2026年11月 (period)"},
                    {"posted", true, false, "日期", "公开的日期 YYYY-MM-DD (date posted)"},
                    {"channel", true, true, "渠道", "在哪个公开渠道公开，可写多次 (channel)"},
                    {"from", true, false, "日期", "公示期开始 (display from)"},
                    {"to", true, false, "日期", "公示期结束 (display to)"},
                    {"note", true, false, "说明", "说明 (note)"},
                    {"attach", true, true, "文件", "照片或扫描件，可写多次 (attachment)"},
                    {"supersedes", true, false, "记录编号", "更正哪一条记录 (record it corrects)"},
                    JsonFlag()},
          .min_args = 1,
          .max_args = 1,
          .run = RunRecord};
}

}  // namespace gongkai::station
