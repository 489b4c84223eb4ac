// gongkai-station discard: give up the unsealed edits of one row — the way
// out when the town's server refused them and they cannot be corrected by
// editing (a row id that exists already, say).
#include <boost/json.hpp>

#include "station/commands/commands.h"
#include "station/commands/common.h"
#include "station/edits/edit_plan.h"

namespace gongkai::station {
namespace {

Status DiscardHeld(CommandContext& ctx, StationStore& store) {
  GK_ASSIGN_OR_RETURN(std::vector<HeldRow> held, store.HeldRows());
  size_t edits = 0;
  for (const HeldRow& h : held) {
    GK_ASSIGN_OR_RETURN(size_t n, store.DiscardPending(h.row_id, ctx.now));
    edits += n;
  }
  if (ctx.Json()) {
    PrintJsonLine(ctx.out, boost::json::serialize(boost::json::object{
                               {"rows", held.size()}, {"discarded_edits", edits}}));
    return Status::Ok();
  }
  if (held.empty()) {  // nothing to do is no failure (docs/exit-codes.md)
    ctx.out << "没有被镇服务器退回、等待修改的条目，什么也没有放弃 (nothing held)。\n";
    return Status::Ok();
  }
  ctx.out << "已放弃 " << held.size() << " 个被退回条目的 " << edits
          << " 项修改；历史中仍可查看 (gongkai-station history)。\n";
  return Status::Ok();
}

Status RunDiscard(CommandContext& ctx) {
  GK_ASSIGN_OR_RETURN(StationStore store, OpenStore(ctx));
  if (ctx.args.Has("held")) {
    if (!ctx.args.positional().empty()) {
      return InvalidArgument("wrong_arguments", "--held 与条目编号不能同时使用");
    }
    return DiscardHeld(ctx, store);
  }
  if (ctx.args.positional().size() != 1) {
    return InvalidArgument("wrong_arguments", "请给出一个条目编号，或用 --held 放弃全部被退回的修改");
  }
  GK_ASSIGN_OR_RETURN(WorkingView view, store.LoadView());
  GK_ASSIGN_OR_RETURN(const ViewRow* vr, ResolveRow(view, ctx.args.positional()[0]));
  const std::string id = vr->row.id;
  GK_ASSIGN_OR_RETURN(size_t n, store.DiscardPending(id, ctx.now));
  if (ctx.Json()) {
    PrintJsonLine(ctx.out, boost::json::serialize(
                               boost::json::object{{"row_id", id}, {"discarded_edits", n}}));
    return Status::Ok();
  }
  if (n == 0) {  // nothing to do is no failure (docs/exit-codes.md)
    ctx.out << "条目 " << ShortId(id)
            << " 没有未封存的修改，什么也没有放弃（已封存或已上传的修改请找镇里处理）。\n";
    return Status::Ok();
  }
  ctx.out << "已放弃条目 " << ShortId(id) << " 的 " << n
          << " 项未上传的修改；历史中仍可查看 (gongkai-station history " << ShortId(id) << ")。\n";
  return Status::Ok();
}

}  // namespace

CommandSpec DiscardCommand() {
  return {.name = "discard",
          .flags = {DirFlag(),
                    JsonFlag(),
                    {"held", false, false, "",
                     "放弃全部被镇服务器退回、等待修改的条目的修改 (all held rows)"}},
          .min_args = 0,
          .max_args = 1,
          .run = RunDiscard};
}

}  // namespace gongkai::station
