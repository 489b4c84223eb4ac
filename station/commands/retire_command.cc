// gongkai-station retire: retire one of this station's rows.
#include "station/commands/commands.h"
#include "station/commands/common.h"
#include "station/edits/edit_plan.h"

namespace gongkai::station {
namespace {

Status RunRetire(CommandContext& ctx) {
  GK_ASSIGN_OR_RETURN(StationStore store, OpenStore(ctx));
  const std::string unit = store.info().unit;
  const std::string typed_id = ctx.args.positional()[0];
  PendingEdit planned;
  GK_RETURN_IF_ERROR(store
                         .RecordAction("retire", "", ctx.now,
                                       [&](const WorkingView& view, const EditSink& emit) {
                                         GK_ASSIGN_OR_RETURN(planned,
                                                             PlanRetire(view, unit, typed_id));
                                         return emit(planned);
                                       })
                         .status());
  ctx.out << "已撤销条目 (retired) " << planned.row_id << "\n  " << RowTitle(planned.row) << "\n"
          << "  尚未封存；核对无误后运行 gongkai-station seal 封存 (not sealed yet)\n";
  return Status::Ok();
}

}  // namespace

CommandSpec RetireCommand() {
  CommandSpec c;
  c.name = "retire";
  c.summary = "撤销本站的一个条目 (retire a row)";
  c.usage = "gongkai-station retire [--dir 目录] 编号";
  c.help =
      "撤销本单位的一个条目：条目不会被删除，而是标为“已撤销”，历史仍可查。\n"
      "本站新增后还没封存的条目，撤销后直接不再上传。撤销后不能恢复，需要时请重新新增。\n"
      "Retires one of this station's rows (rows are never deleted).";
  c.examples = {"gongkai-station retire 3f2a1b2c"};
  c.flags = {DirFlag()};
  c.min_args = c.max_args = 1;
  c.run = RunRetire;
  return c;
}

}  // namespace gongkai::station
