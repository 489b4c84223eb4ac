// gongkai-station add: a new row of this station's unit.
#include "core/base/uuid.h"
#include "station/commands/commands.h"
#include "station/commands/common.h"
#include "station/edits/edit_plan.h"
#include "station/edits/field_input.h"

namespace gongkai::station {
namespace {

Status RunAdd(CommandContext& ctx) {
  GK_ASSIGN_OR_RETURN(StationStore store, OpenStore(ctx));
  Row row;
  row.id = NewUuid();
  for (const FieldSpec& spec : AllFields()) {
    auto typed = ctx.args.Get(FieldFlag(spec.field).substr(2));
    if (!typed) continue;
    GK_ASSIGN_OR_RETURN(std::string value, ParseFieldInput(spec.field, *typed));
    row.Set(spec.field, std::move(value));
  }
  const std::string unit = store.info().unit;
  GK_ASSIGN_OR_RETURN(PendingEdit edit, PlanAdd(row, unit));
  GK_RETURN_IF_ERROR(
      store
          .RecordAction("add", "", ctx.now,
                        [&](const WorkingView&, const EditSink& emit) { return emit(edit); })
          .status());
  ctx.out << "已新增条目 (added) " << edit.row_id << "\n"
          << "  " << RowTitle(edit.row) << "\n"
          << "  尚未封存；核对无误后运行 gongkai-station seal 封存 (not sealed yet)\n";
  return Status::Ok();
}

std::string AddHelp() {
  std::string h =
      "为本站单位新增一个公开事项。每个栏目一个选项；渠道、对象、方式、层级、五公开\n"
      "可选多项，用 、 隔开。必填: 领域、一级事项、二级事项、公开内容、公开依据、公开时限、\n"
      "公开主体、公开对象、公开方式、公开层级，以及公开渠道（或其他渠道）。\n"
      "新增的条目先是“未封存”，用 seal 封存后才会上传。\n"
      "Adds a row for this station's unit; set fields take values joined by 、.\n\n"
      "可选值 (allowed values):\n";
  for (const FieldSpec& s : AllFields()) {
    if (!s.is_set) continue;
    h += "  " + std::string(s.label) + ": ";
    bool first = true;
    for (const char* a : s.allowed) {
      h += (first ? "" : "、") + std::string(a);
      first = false;
    }
    h += "\n";
  }
  return h;
}

}  // namespace

CommandSpec AddCommand() {
  CommandSpec c;
  c.name = "add";
  c.summary = "新增一个公开事项 (add a row)";
  c.usage = "gongkai-station add [--dir 目录] --area 领域 --item-l1 一级事项 --item-l2 二级事项 …";
  c.help = AddHelp();
  c.examples = {
      "gongkai-station add --area 村务公开 --item-l1 村级财务 --item-l2 财务收支 \\\n"
      "      --content 收支明细 --basis 《村民委员会组织法》第三十条 --time-limit 每季度 \\\n"
      "      --subject 红旗村民委员会 --channels 社区/企事业单位/村公示栏（电子屏） \\\n"
      "      --audience 特定群体 --mode 主动 --levels 村级"};
  c.flags = {DirFlag()};
  for (const FieldSpec& s : AllFields()) {
    std::string help =
        std::string(s.label) + (s.required ? "（必填）" : "（可不填）") + " (" + s.key + ")";
    if (s.is_set) help += "，多项用 、 隔开";
    c.flags.push_back({FieldFlag(s.field).substr(2), true, false, s.label, help});
  }
  c.run = RunAdd;
  return c;
}

}  // namespace gongkai::station
