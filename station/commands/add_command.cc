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

// The help's second part (the first is in station/app/commands.txt): the
// values a set field takes, from the catalog's own field table.
std::string AllowedValuesHelp() {
  std::string h = "可选值 (allowed values):\n";
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
  CommandSpec c{.name = "add", .help = AllowedValuesHelp(), .flags = {DirFlag()}, .run = RunAdd};
  for (const FieldSpec& s : AllFields()) {
    std::string help =
        std::string(s.label) + (s.required ? "（必填）" : "（可不填）") + " (" + s.key + ")";
    if (s.is_set) help += "，多项用 、 隔开";
    c.flags.push_back({FieldFlag(s.field).substr(2), true, false, s.label, help});
  }
  return c;
}

}  // namespace gongkai::station
