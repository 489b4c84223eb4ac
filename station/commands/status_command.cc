// gongkai-station status: where this station stands.
#include <boost/json.hpp>

#include "core/base/hex.h"
#include "core/changeset/refusal.h"
#include "core/catalog/fields.h"
#include "station/cli/text_layout.h"
#include "station/commands/commands.h"
#include "station/commands/common.h"
#include "station/log/accepted_checkpoints.h"

namespace gongkai::station {
namespace {

Status RunStatus(CommandContext& ctx) {
  GK_ASSIGN_OR_RETURN(StationStore store, OpenStore(ctx));
  GK_ASSIGN_OR_RETURN(StoreStatus s, store.LoadStatus());
  GK_ASSIGN_OR_RETURN(HubSettings hub, store.LoadHub());
  bool hub_ready = hub.url && hub.key && hub.cert_sha256;
  // A station that only uses USB bundles needs the hub key alone; only a
  // half-done online setting (address without fingerprint or the reverse),
  // or no hub key at all, is worth a hint.
  bool hub_half_set = !hub.key || (hub.url.has_value() != hub.cert_sha256.has_value());
  GK_ASSIGN_OR_RETURN(std::vector<HeldRow> held, store.HeldRows());
  GK_ASSIGN_OR_RETURN(std::optional<StationRefusal> refusal, store.LastStationRefusal());
  const StationInfo& info = store.info();
  GK_ASSIGN_OR_RETURN(std::vector<OutboxEntry> rejected, store.RejectedChangeSets());
  GK_ASSIGN_OR_RETURN(std::vector<LogAlarm> alarms, LogAlarms(store.db()));
  GK_ASSIGN_OR_RETURN(std::optional<AcceptedCheckpoint> checkpoint,
                      LatestAcceptedCheckpoint(store.db()));
  if (ctx.Json()) {
    boost::json::object o;
    o["station_id"] = info.station_id;
    o["unit"] = info.unit;
    PutStoreCounts(s, &o);
    o["catalog_hash"] = HexEncode(s.catalog_hash);
    boost::json::array held_list;
    for (const HeldRow& h : held) {
      held_list.push_back(boost::json::object{{"row_id", h.row_id},
                                              {"code", h.code},
                                              {"reason", h.reason},
                                              {"refused_seq", h.refused_seq},
                                              {"at", UtcTime(h.held_at)}});
    }
    o["held"] = std::move(held_list);
    if (refusal) {
      o["hub_refusal"] = boost::json::object{
          {"code", refusal->code}, {"message", refusal->message}, {"at", UtcTime(refusal->at)}};
    } else {
      o["hub_refusal"] = nullptr;
    }
    o["last_seq"] = s.last_seq;
    o["last_sync"] = s.last_sync ? boost::json::value(UtcTime(*s.last_sync)) : nullptr;
    o["hub_configured"] = hub_ready;
    boost::json::array conflict_list;
    for (const StaleOp& c : s.conflict_details) {
      boost::json::object e{{"row_id", c.row_id}, {"kind", c.kind}, {"row_missing", c.row_missing}};
      if (c.field) {
        e["field"] = Spec(*c.field).key;
        e["base"] = c.base;
        e["current"] = c.current;
      }
      conflict_list.push_back(std::move(e));
    }
    o["conflict_list"] = std::move(conflict_list);
    boost::json::array rejected_list;
    for (const OutboxEntry& e : rejected) {
      rejected_list.push_back(boost::json::object{{"seq", e.seq},
                                                  {"id", HexEncode(e.changeset_id)},
                                                  {"note", e.note},
                                                  {"code", e.reject_code},
                                                  {"reason", e.reject_reason},
                                                  {"at", UtcTime(e.state_at)}});
    }
    o["rejected_changesets"] = std::move(rejected_list);
    if (checkpoint) {
      o["log_checkpoint"] =
          boost::json::object{{"size", checkpoint->checkpoint.size},
                              {"catalog_version", checkpoint->checkpoint.catalog_version},
                              {"accepted_at", UtcTime(checkpoint->accepted_at)}};
    } else {
      o["log_checkpoint"] = nullptr;
    }
    boost::json::array alarm_list;
    for (const LogAlarm& a : alarms) {
      alarm_list.push_back(boost::json::object{{"id", a.id},
                                               {"reason", a.reason},
                                               {"message", a.message},
                                               {"at", UtcTime(a.raised_at)}});
    }
    o["log_alarms"] = std::move(alarm_list);
    PrintJsonLine(ctx.out, boost::json::serialize(o));
    return Status::Ok();
  }
  ctx.out << "站点 (station):              " << info.station_id << "（" << info.unit << "）\n"
          << "目录版本 (catalog version):  " << s.catalog_version << "，共 " << s.approved_rows
          << " 条\n"
          << "目录哈希 (catalog hash):     " << HexEncode(s.catalog_hash) << "\n"
          << "未封存的修改 (pending):      " << s.pending_edits << "\n"
          << "待审批的变更集 (outbox):     " << s.outbox << "（其中未发送 " << s.unsent << "）\n"
          << "被退回的变更集 (rejected):   " << s.rejected << "\n"
          << "等待修改的条目 (held):       " << s.held_rows << "\n"
          << "可能冲突的修改 (conflicts):  " << s.conflicts << "\n"
          << "上次同步 (last sync):        "
          << (s.last_sync ? LocalTime(*s.last_sync) : std::string("从未同步 (never)")) << "\n";
  ctx.out << "已核对的日志 (log checked):  "
          << (checkpoint ? std::to_string(checkpoint->checkpoint.size) + " 条记录（" +
                               LocalTime(checkpoint->accepted_at) + "）"
                         : std::string("尚未核对 (none yet)"))
          << "\n";
  for (const LogAlarm& a : alarms) {
    ctx.out << "！！警报 (ALARM) " << LocalTime(a.raised_at) << ": " << a.message << " ["
            << a.reason << "]\n";
  }
  if (!alarms.empty()) {
    ctx.out << "！！镇服务器的日志历史与本站核对过的不一致，本站已停止采用它的目录。"
               "请立即报告县政务公开办 (the hub's log history was rewritten; report it).\n";
  }
  if (refusal) {
    ctx.out << "！镇服务器 " << LocalTime(refusal->at) << " 拒绝了本站的上传: " << refusal->message
            << " [" << refusal->code << "]\n";
    if (IsEnrolmentRefusal(refusal->code)) {
      ctx.out << "  本站公钥: " << info.VerifierKey()
              << "\n  请把它交给镇政务公开办登记；登记后再同步，本站的修改会全部上传。\n";
    }
  }
  for (const HeldRow& h : held) {
    ctx.out << "退回待修改: 条目 " << ShortId(h.row_id) << " — " << h.reason << " [" << h.code
            << "]\n";
  }
  if (!held.empty()) {
    ctx.out << "提示: 上面 " << held.size()
            << " 个条目的修改镇服务器没有接受，还保存在本站。请用 gongkai-station edit 编号 "
               "--set 栏目=新内容 改正后同步；不要这些修改了就运行 gongkai-station discard 编号。\n";
  }
  if (s.pending_edits > 0) {
    ctx.out << "提示: 有 " << s.pending_edits
            << " 项修改未封存；核对后运行 gongkai-station seal 封存（同步时也会自动封存）。\n";
  }
  for (const OutboxEntry& e : rejected) {
    ctx.out << "被退回: 变更集 " << e.seq << "（" << (e.note.empty() ? "无说明" : e.note)
            << "）理由: " << e.reject_reason << "\n";
  }
  if (s.rejected > 0) {
    ctx.out << "提示: 被退回的修改已不在当前目录中（gongkai-station history 仍可查看）；"
               "如需要，请按理由改正后重新修改。\n";
  }
  for (const StaleOp& c : s.conflict_details) {
    ctx.out << "冲突: 条目 " << c.row_id.substr(0, 8);
    if (c.field) {
      ctx.out << " 的 " << Spec(*c.field).label << "：您修改时是 “" << c.base
              << "”，镇里批准的现在是 “"
              << (c.row_missing ? std::string("(条目不存在)") : c.current) << "”";
    } else {
      ctx.out << (std::string(c.kind) == "retire" ? " 的撤销" : " 的新增")
              << "与镇里批准的目录不符";
    }
    ctx.out << "\n";
  }
  if (s.conflicts > 0) {
    ctx.out << "提示: 有修改所依据的内容已被镇里改动，上传后可能需要镇里裁定。\n";
  }
  if (hub_half_set) {
    ctx.out << "提示: 镇服务器尚未设置完整；用 gongkai-station config 设置。\n";
  }
  return Status::Ok();
}

}  // namespace

CommandSpec StatusCommand() {
  return {.name = "status", .flags = {DirFlag(), JsonFlag()}, .run = RunStatus};
}

}  // namespace gongkai::station
