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
  return {.name = "retire", .flags = {DirFlag()}, .min_args = 1, .max_args = 1, .run = RunRetire};
}

}  // namespace gongkai::station
