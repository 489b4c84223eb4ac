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
  CommandSpec c;
  c.name = "edit";
  c.summary = "修改本站条目的栏目 (change fields of a row)";
  c.usage = "gongkai-station edit [--dir 目录] 编号 --set 字段=新值 [--set 字段=新值 …]";
  c.help =
      "修改本单位的一个条目。编号可只写前几位（至少 4 位，list 显示的前 8 位即可）。\n"
      "字段可写中文栏目名或英文名：领域(area) 一级事项(item_l1) 二级事项(item_l2)\n"
      "公开内容（要素）(content) 公开依据(basis) 公开时限(time_limit) 公开主体(subject)\n"
      "公开渠道和载体(channels) 其他渠道(channels_other) 公开对象(audience)\n"
      "公开方式(mode) 公开层级(levels) 五公开(stages) 咨询电话(contact) 备注(notes)。\n"
      "多选栏目写全部选项，用 、 隔开：新值整体替换原来的选择。\n"
      "只能改本单位的条目；已撤销的条目不能再改。\n"
      "Changes fields of one of this station's rows; FIELD is the English key or the Chinese\n"
      "label, and a set field's new value replaces the whole set.";
  c.examples = {
      "gongkai-station edit 3f2a1b2c --set 公开时限=每月 --set channels=政府网站、便民服务站"};
  c.flags = {DirFlag(),
             {"set", true, true, "字段=新值", "要修改的栏目和新值，可写多次 (FIELD=VALUE)"}};
  c.min_args = c.max_args = 1;
  c.run = RunEdit;
  return c;
}

}  // namespace gongkai::station
