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
  return {.name = "history", .flags = {DirFlag(), JsonFlag()}, .max_args = 1, .run = RunHistory};
}

}  // namespace gongkai::station
