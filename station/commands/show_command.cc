// gongkai-station show: every field of one row.
#include <boost/json.hpp>

#include "station/cli/row_json.h"
#include "station/cli/text_layout.h"
#include "station/commands/commands.h"
#include "station/commands/common.h"
#include "station/edits/edit_plan.h"

namespace gongkai::station {
namespace {

Status RunShow(CommandContext& ctx) {
  GK_ASSIGN_OR_RETURN(StationStore store, OpenStore(ctx));
  GK_ASSIGN_OR_RETURN(WorkingView view, store.LoadView());
  GK_ASSIGN_OR_RETURN(const ViewRow* vr, ResolveRow(view, ctx.args.positional()[0]));
  GK_ASSIGN_OR_RETURN(auto held_rows, HeldByRow(store));
  auto it = held_rows.find(vr->row.id);
  const HeldRow* held = it == held_rows.end() ? nullptr : &it->second;
  if (ctx.Json()) {
    PrintJsonLine(ctx.out, boost::json::serialize(ViewRowJson(*vr, held)));
    return Status::Ok();
  }
  const Row& r = vr->row;
  std::string state = r.retired ? "已撤销 (retired)" : "在用 (active)";
  switch (vr->origin) {
    case RowOrigin::kApproved:
      state += " · 已批准 (as approved)";
      break;
    case RowOrigin::kOutbox:
      state += " · 待审批：本站已封存的修改镇里还没批准 (awaiting approval)";
      break;
    case RowOrigin::kPending:
      state += " · 未封存：本站有修改还没封存 (unsealed local changes)";
      break;
  }
  if (held) state = std::string(kHeldLabel) + "：镇服务器没有接受这一条的修改 (refused by the hub)";
  ctx.out << Cell("编号", 18) << r.id << "\n"
          << Cell("单位", 18) << r.unit << "\n"
          << Cell("状态", 18) << state << "\n";
  if (held) {
    ctx.out << Cell("退回理由", 18) << held->reason << " [" << held->code << "]\n"
            << Cell("怎么办", 18) << "用 gongkai-station edit " << ShortId(r.id)
            << " --set 栏目=新内容 改正后再同步；不要这些修改了就运行 gongkai-station discard "
            << ShortId(r.id) << "\n";
  }
  for (const FieldSpec& s : AllFields()) {
    ctx.out << Cell(s.label, 18) << r.Get(s.field) << "\n";
  }
  return Status::Ok();
}

}  // namespace

CommandSpec ShowCommand() {
  return {.name = "show",
          .flags = {DirFlag(), JsonFlag()},
          .min_args = 1,
          .max_args = 1,
          .run = RunShow};
}

}  // namespace gongkai::station
