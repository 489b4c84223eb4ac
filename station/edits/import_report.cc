#include "station/edits/import_report.h"

namespace gongkai::station {

std::string ImportReportText(const ImportReport& r) {
  std::string out;
  const ImportCounts& c = r.counts;
  out += std::string(r.dry_run ? "检查 " : "已导入 ") + r.file +
         (r.sheet.empty() ? "" : "（工作表 “" + r.sheet + "”）") +
         (r.dry_run ? " (check only, nothing changed)" : " (imported)") + ": 新增 " +
         std::to_string(c.created) + " 条，修改 " + std::to_string(c.changed) + " 条，撤销 " +
         std::to_string(c.retired) + " 条，未变 " + std::to_string(c.unchanged) + " 条\n";
  if (!r.aliases.empty()) {
    out += "按规范写法替换 (aliases applied):\n";
    for (const AliasUse& a : r.aliases) {
      out += "  " + a.field + ": " + a.from + " → " + a.to + "（" + std::to_string(a.count) +
             " 处）\n";
    }
  }
  if (r.warning_count > 0) {
    out += "提醒 (warnings): " + std::to_string(r.warning_count) + " 处\n";
    for (const SheetProblem& w : r.warnings) out += "  " + w.Text() + "\n";
    if (r.warning_count > r.warnings.size()) {
      out += "  ……还有 " + std::to_string(r.warning_count - r.warnings.size()) + " 处没有列出\n";
    }
  }
  if (r.dry_run) {
    out += "只做了检查，什么都没有改；确认无误后去掉 --check 再导入一次 (dry run)\n";
  } else if (c.edits > 0) {
    out += "尚未封存；核对无误后运行 gongkai-station seal 封存 (not sealed yet)\n";
  }
  return out;
}

boost::json::object ProblemJson(const SheetProblem& p) {
  return {{"line", p.line},
          {"column", p.column},
          {"reason", p.status.reason()},
          {"field", p.status.field()},
          {"message", p.status.message()}};
}

boost::json::object ImportReportJson(const ImportReport& r) {
  boost::json::array aliases, warnings, errors;
  for (const AliasUse& a : r.aliases) {
    aliases.push_back({{"field", a.field}, {"from", a.from}, {"to", a.to}, {"count", a.count}});
  }
  for (const SheetProblem& w : r.warnings) warnings.push_back(ProblemJson(w));
  for (const SheetProblem& e : r.errors) errors.push_back(ProblemJson(e));
  boost::json::object o{{"file", r.file},
                        {"kind", r.kind},
                        {"sheet", r.sheet},
                        {"dry_run", r.dry_run},
                        {"ok", r.status.ok()},
                        {"added", r.counts.created},
                        {"changed", r.counts.changed},
                        {"retired", r.counts.retired},
                        {"unchanged", r.counts.unchanged},
                        {"edits", r.counts.edits},
                        {"aliases", std::move(aliases)},
                        {"warnings", std::move(warnings)},
                        {"warning_count", r.warning_count},
                        {"errors", std::move(errors)},
                        {"error_count", r.error_count}};
  if (!r.status.ok()) {
    o["error"] = {{"reason", r.status.reason()}, {"message", r.status.message()}};
  }
  return o;
}

}  // namespace gongkai::station
