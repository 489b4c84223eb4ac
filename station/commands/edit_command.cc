// gongkai-station edit: change fields of one of this station's rows.
#include "station/commands/commands.h"
#include "station/commands/common.h"
#include "station/edits/edit_plan.h"
#include "station/edits/field_input.h"

namespace gongkai::station {
namespace {

Status RunEdit(CommandContext& ctx) {
  std::vector<std::string> sets = ctx.args.GetAll("set");
  if (sets.empty()) {
    return InvalidArgument("missing_flag",
                           "请用 --set 字段=新值 说明要改什么，例如 --set 公开时限=每季度 "
                           "(nothing to change: give --set)",
                           "set");
  }
  std::vector<std::pair<Field, std::string>> changes;
  for (const std::string& s : sets) {
    GK_ASSIGN_OR_RETURN(auto change, ParseSetAssignment(s));
    changes.push_back(std::move(change));
  }
  GK_ASSIGN_OR_RETURN(StationStore store, OpenStore(ctx));
  const std::string unit = store.info().unit;
  const std::string typed_id = ctx.args.positional()[0];
  std::string row_id, title;
  std::vector<PendingEdit> planned;
  GK_ASSIGN_OR_RETURN(
      size_t n,
      store.RecordAction("edit", "", ctx.now, [&](const WorkingView& view, const EditSink& emit) {
        GK_ASSIGN_OR_RETURN(const ViewRow* vr, ResolveRow(view, typed_id));
        row_id = vr->row.id;
        title = RowTitle(vr->row);
        GK_ASSIGN_OR_RETURN(planned, PlanEdit(view, unit, typed_id, changes));
        for (const PendingEdit& e : planned) GK_RETURN_IF_ERROR(emit(e));
        return Status::Ok();
      }));
  if (n == 0) {
    ctx.out << "条目 " << row_id << " 没有变化 (no change)\n";
    return Status::Ok();
  }
  ctx.out << "已修改条目 (edited) " << row_id << "\n  " << title << "\n";
  for (const PendingEdit& e : planned) {
    ctx.out << "  " << Spec(e.field).label << ": “" << e.base << "” → “" << e.value << "”\n";
  }
  ctx.out << "  尚未封存；核对无误后运行 gongkai-station seal 封存 (not sealed yet)\n";
  return Status::Ok();
}

}  // namespace

CommandSpec EditCommand() {
  return {.name = "edit",
          .flags = {DirFlag(),
                    {"set", true, true, "字段=新值", "要修改的栏目和新值，可写多次 (FIELD=VALUE)"}},
          .min_args = 1,
          .max_args = 1,
          .run = RunEdit};
}

}  // namespace gongkai::station
