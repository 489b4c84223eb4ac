// gongkai-station list: the rows of the working view, filtered.
#include <algorithm>
#include <boost/json.hpp>
#include <tuple>

#include "station/cli/row_json.h"
#include "station/cli/text_layout.h"
#include "station/commands/commands.h"
#include "station/commands/common.h"

namespace gongkai::station {
namespace {

bool Matches(const ViewRow& vr, const CommandContext& ctx, const std::string& own_unit) {
  const Row& r = vr.row;
  if (r.retired && !ctx.args.Has("all")) return false;
  if (ctx.args.Has("mine") && r.unit != own_unit) return false;
  if (auto unit = ctx.args.Get("unit"); unit && r.unit != *unit) return false;
  if (auto area = ctx.args.Get("area"); area && r.Get(Field::kArea) != *area) return false;
  if (auto text = ctx.args.Get("search")) {
    bool found = r.id.find(*text) != std::string::npos || r.unit.find(*text) != std::string::npos;
    for (size_t i = 0; !found && i < kFieldCount; ++i) {
      found = r.values[i].find(*text) != std::string::npos;
    }
    if (!found) return false;
  }
  return true;
}

Status RunList(CommandContext& ctx) {
  GK_ASSIGN_OR_RETURN(StationStore store, OpenStore(ctx));
  GK_ASSIGN_OR_RETURN(WorkingView view, store.LoadView());
  GK_ASSIGN_OR_RETURN(auto held, HeldByRow(store));
  auto held_of = [&held](const std::string& id) -> const HeldRow* {
    auto it = held.find(id);
    return it == held.end() ? nullptr : &it->second;
  };
  const std::string unit = store.info().unit;
  size_t count = 0;
  if (ctx.Json()) {
    ctx.out << "[";
    for (const auto& [id, vr] : view.rows()) {
      if (!Matches(vr, ctx, unit)) continue;
      ctx.out << (count++ ? ",\n" : "\n") << boost::json::serialize(ViewRowJson(vr, held_of(id)));
    }
    ctx.out << (count ? "\n]\n" : "]\n");
    return Status::Ok();
  }
  // Clerks read the table grouped by unit and area, not by id.
  std::vector<const ViewRow*> shown;
  for (const auto& [id, vr] : view.rows()) {
    if (Matches(vr, ctx, unit)) shown.push_back(&vr);
  }
  auto key = [](const ViewRow* v) {
    const Row& r = v->row;
    return std::tie(r.unit, r.values[Index(Field::kArea)], r.values[Index(Field::kItemL1)],
                    r.values[Index(Field::kItemL2)], r.id);
  };
  std::sort(shown.begin(), shown.end(),
            [&](const ViewRow* a, const ViewRow* b) { return key(a) < key(b); });
  count = shown.size();
  ctx.out << Cell("编号", 10) << Cell("单位", 12) << Cell("领域", 14) << Cell("一级事项", 18)
          << Cell("二级事项", 22) << "状态\n";
  for (const ViewRow* vr : shown) {
    std::string state = vr->row.retired ? "已撤销" : "在用";
    if (held_of(vr->row.id)) {
      state = kHeldLabel;
    } else if (vr->origin != RowOrigin::kApproved) {
      state += "·" + OriginLabel(vr->origin);
    }
    ctx.out << Cell(ShortId(vr->row.id), 10) << Cell(vr->row.unit, 12)
            << Cell(vr->row.Get(Field::kArea), 14) << Cell(vr->row.Get(Field::kItemL1), 18)
            << Cell(vr->row.Get(Field::kItemL2), 22) << state << "\n";
  }
  ctx.out << "共 " << count << " 条 (rows)";
  if (!ctx.args.Has("all")) ctx.out << "；已撤销的条目未列出，加 --all 显示";
  ctx.out << "\n";
  if (!held.empty()) {
    ctx.out << "有 " << held.size()
            << " 个条目“已退回·待修改”：镇服务器没有接受它们的修改，理由见 gongkai-station show 编号 "
               "或 status；修改后再同步。\n";
  }
  return Status::Ok();
}

}  // namespace

CommandSpec ListCommand() {
  return {.name = "list",
          .flags = {DirFlag(),
                    {"area", true, false, "领域", "只列出这个领域的条目 (filter by area)"},
                    {"search", true, false, "文字", "只列出含有这段文字的条目 (text search)"},
                    {"mine", false, false, "", "只列出本单位的条目 (own unit only)"},
                    {"unit", true, false, "单位", "只列出这个单位的条目 (filter by unit)"},
                    {"all", false, false, "", "也列出已撤销的条目 (include retired rows)"},
                    JsonFlag()},
          .run = RunList};
}

}  // namespace gongkai::station
