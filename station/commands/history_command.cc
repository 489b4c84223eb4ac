// gongkai-station history: every local change and what became of it.
#include <boost/json.hpp>

#include "station/cli/row_json.h"
#include "station/cli/text_layout.h"
#include "station/commands/commands.h"
#include "station/commands/common.h"
#include "station/edits/edit_plan.h"
#include "station/store/outbox.h"

namespace gongkai::station {
namespace {

boost::json::object EntryJson(const HistoryEntry& h, const std::map<int64_t, std::string>& town) {
  boost::json::object o;
  o["edit_id"] = h.edit_id;
  o["action_id"] = h.action_id;
  o["command"] = h.command;
  o["detail"] = h.detail;
  o["time"] = UtcTime(h.created_at);
  o["kind"] = EditKindName(h.edit.kind);
  o["row_id"] = h.edit.row_id;
  if (h.edit.kind == EditKind::kSet) {
    o["field"] = Spec(h.edit.field).key;
    o["base"] = FieldJson(h.edit.field, h.edit.base);
    o["value"] = FieldJson(h.edit.field, h.edit.value);
  } else {
    o["field"] = nullptr;
    o["row"] = RowJson(h.edit.row);
  }
  o["state"] = h.state;
  o["changeset_seq"] = h.changeset_seq ? boost::json::value(*h.changeset_seq) : nullptr;
  o["approved_version"] = h.approved_version ? boost::json::value(*h.approved_version) : nullptr;
  o["reject_reason"] = h.state == OutboxStateName(OutboxState::kRejected)
                           ? boost::json::value(h.reject_reason)
                           : boost::json::value(nullptr);
  auto it = town.find(h.edit_id);
  o["town_value"] = it == town.end() ? boost::json::value(nullptr)
                                     : FieldJson(h.edit.field, it->second);
  return o;
}

Status RunHistory(CommandContext& ctx) {
  GK_ASSIGN_OR_RETURN(StationStore store, OpenStore(ctx));
  std::optional<std::string> row_id;
  bool known_row = true;
  if (!ctx.args.positional().empty()) {
    const std::string& typed = ctx.args.positional()[0];
    GK_ASSIGN_OR_RETURN(WorkingView view, store.LoadView());
    auto vr = ResolveRow(view, typed);
    if (vr.ok()) {
      row_id = (*vr)->row.id;
    } else if (typed.size() == 36) {
      row_id = typed;  // perhaps a row that only ever existed as cancelled edits
      known_row = false;
    } else {
      return vr.status();
    }
  }
  GK_ASSIGN_OR_RETURN(std::vector<HistoryEntry> entries, store.LoadHistory(row_id));
  GK_ASSIGN_OR_RETURN(ApprovedSnapshot approved, store.LoadApproved());
  const std::map<int64_t, std::string> town = TownValues(entries, approved.rows);
  if (!known_row && entries.empty()) {
    return NotFound("unknown_id", "找不到编号为 “" + *row_id +
                                      "” 的条目；请用 gongkai-station list 查看编号 (no such row)");
  }
  if (ctx.Json()) {
    ctx.out << "[";
    for (size_t i = 0; i < entries.size(); ++i) {
      ctx.out << (i ? ",\n" : "\n") << boost::json::serialize(EntryJson(entries[i], town));
    }
    ctx.out << (entries.empty() ? "]\n" : "\n]\n");
    return Status::Ok();
  }
  if (entries.empty()) {
    ctx.out << "还没有本地修改记录 (no local changes yet)\n";
    return Status::Ok();
  }
  ctx.out << Cell("序号", 8) << Cell("时间", 18) << Cell("操作", 10) << Cell("条目", 10)
          << Cell("内容", 44) << "状态\n";
  for (const HistoryEntry& h : entries) {
    std::string op = EditKindLabel(h.edit.kind) + (h.command == "import" ? "(导入)" : "");
    ctx.out << Cell("#" + std::to_string(h.edit_id), 8) << Cell(LocalTime(h.created_at), 18)
            << Cell(op, 10) << Cell(ShortId(h.edit.row_id), 10) << Cell(HistoryWhat(h), 44) << HistoryStateText(h, town)
            << "\n";
  }
  ctx.out << "共 " << entries.size() << " 项修改 (changes)\n";
  return Status::Ok();
}

}  // namespace

CommandSpec HistoryCommand() {
  CommandSpec c;
  c.name = "history";
  c.summary = "本站的每一项修改及其结果 (every local change and its state)";
  c.usage = "gongkai-station history [--dir 目录] [编号] [--json]";
  c.help =
      "列出本站做过的每一项修改（新增、修改、撤销、导入），以及它现在的状态：\n"
      "  未封存 (pending)   还在本机，没有封存\n"
      "  已封存 (sealed)    已签名放入发件箱，等待上传\n"
      "  已发送 (sent)      已发往镇服务器，尚未收到回执\n"
      "  已受理 (accepted)  镇服务器已收下，等待审批\n"
      "  已批准 (approved)  镇里已批准，进入新版目录；镇里裁定为别的内容时写明“镇里改为 …”\n"
      "  已退回 (rejected)  镇里退回，显示退回理由\n"
      "  已抵消 (cancelled) 封存前被后来的修改抵消（例如新增后又撤销）\n"
      "给出编号时只列这一个条目的修改。\n"
      "Lists every local change with its state; with an id, only that row's.";
  c.examples = {"gongkai-station history", "gongkai-station history 3f2a1b2c"};
  c.flags = {DirFlag(), JsonFlag()};
  c.max_args = 1;
  c.run = RunHistory;
  return c;
}

}  // namespace gongkai::station
