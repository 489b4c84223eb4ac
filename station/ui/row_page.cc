#include "station/ui/row_page.h"

#include "station/commands/common.h"
#include "station/ui/html.h"

namespace gongkai::station::ui {
namespace {

std::string FieldTable(const Row& r) {
  std::string h = "<table class=\"fields\"><tbody><tr><th>编号</th><td><code>" + Esc(r.id) +
                  "</code></td></tr><tr><th>单位</th><td>" + Esc(r.unit) + "</td></tr>";
  for (const FieldSpec& spec : AllFields()) {
    h += "<tr><th>" + std::string(spec.label) + "</th><td data-key=\"" + spec.key + "\">" +
         Esc(r.Get(spec.field)) + "</td></tr>";
  }
  return h + "</tbody></table>";
}

std::string StateOf(const ViewRow& vr) {
  if (vr.row.retired && vr.origin != RowOrigin::kApproved) return "已撤销·" + OriginLabel(vr.origin);
  return vr.row.retired ? "已撤销" : OriginLabel(vr.origin);
}

}  // namespace

std::string RenderRowView(const ViewRow& vr, bool may_change, const std::string& flash,
                          const std::vector<std::string>& history, const HeldRow* held) {
  std::string h;
  if (!flash.empty()) h += "<p class=\"flash\" role=\"status\">" + Esc(flash) + "</p>";
  std::string cls = vr.row.retired ? "retired" : RowOriginName(vr.origin);
  std::string state = StateOf(vr);
  if (held) {
    cls = "held";
    state = kHeldLabel;
  }
  h += "<h1>" + Esc(RowTitle(vr.row)) + "</h1><p class=\"sub\">状态：<span class=\"badge " + cls +
       "\" id=\"row-state\">" + Esc(state) + "</span></p>";
  if (held) {
    h += "<p class=\"warn\" id=\"held-reason\">镇服务器没有接受这一条的修改：" + Esc(held->reason) +
         " [" + Esc(held->code) + "]。请修改后再同步，或在目录页放弃这些修改。</p>";
  }
  h += FieldTable(vr.row) + "<div class=\"buttons\">";
  if (may_change) {
    h += "<a class=\"button primary\" href=\"row/" + Esc(vr.row.id) +
         "/edit\">修改</a><a class=\"button\" href=\"row/" + Esc(vr.row.id) + "/retire\">撤销</a>";
  }
  h += "<a class=\"button\" href=\"./\">返回目录</a></div>";
  if (!history.empty()) {
    h += "<h2>本站的修改记录</h2><ol class=\"history\" id=\"row-history\">";
    for (const std::string& line : history) h += "<li>" + Esc(line) + "</li>";
    h += "</ol>";
  }
  return h;
}

std::string RenderRetireConfirm(const ViewRow& vr, const std::string& csrf,
                                const std::optional<Status>& error) {
  std::string h = "<h1>撤销条目</h1>";
  if (error) {
    h += "<div class=\"errors\" role=\"alert\"><p class=\"err\" data-reason=\"" +
         Esc(error->reason()) + "\">" + Esc(error->message()) + "</p></div>";
  }
  h += "<p>"
       "撤销后条目不会被删除，而是标为“已撤销”，历史仍可查；撤销后不能恢复。确定要撤销下面这个条目"
       "吗？</p>" +
       FieldTable(vr.row) + "<form method=\"post\" action=\"row/" + Esc(vr.row.id) +
       "/retire\" class=\"buttons\"><input type=\"hidden\" name=\"csrf\" value=\"" + Esc(csrf) +
       "\"><button type=\"submit\" class=\"danger\">确定撤销</button>"
       "<a class=\"button\" href=\"./\">取消</a></form>";
  return h;
}

namespace {

std::string ProblemTable(const std::vector<SheetProblem>& problems, const char* id) {
  std::string h = std::string("<table class=\"problems\" id=\"") + id +
                  "\"><thead><tr><th>行</th><th>列</th><th>问题和改法</th></tr></thead><tbody>";
  for (const SheetProblem& p : problems) {
    h += "<tr data-reason=\"" + Esc(p.status.reason()) + "\"><td>" + std::to_string(p.line) +
         "</td><td>" + Esc(p.column) + "</td><td>" + Esc(p.status.message()) + "</td></tr>";
  }
  return h + "</tbody></table>";
}

std::string ReportHtml(const ImportReport& r) {
  std::string h;
  if (!r.status.ok()) {
    h += "<div class=\"errors\" role=\"alert\"><p class=\"err\" id=\"import-error\" "
         "data-reason=\"" +
         Esc(r.status.reason()) + "\">";
    if (r.errors.size() > 1) {
      h += Esc(r.file) + " 有 " + std::to_string(r.error_count) +
           " 处错误，整个文件都没有导入；请按下表全部改正后重新导入。</p>" +
           ProblemTable(r.errors, "import-errors");
      if (r.error_count > r.errors.size()) {
        h += "<p>……还有 " + std::to_string(r.error_count - r.errors.size()) + " 处错误没有列出。</p>";
      }
    } else {
      h += Esc(r.status.message()) + "</p>";
    }
    return h + "</div>";
  }
  const ImportCounts& c = r.counts;
  h += "<p class=\"flash\" id=\"import-result\" role=\"status\">" +
       std::string(r.dry_run ? "检查 " : "已导入 ") + Esc(r.file) +
       (r.sheet.empty() ? "" : "（工作表 “" + Esc(r.sheet) + "”）") + "：新增 " +
       std::to_string(c.created) + " 条，修改 " + std::to_string(c.changed) + " 条，撤销 " +
       std::to_string(c.retired) + " 条，未变 " + std::to_string(c.unchanged) + " 条。" +
       (r.dry_run ? "只做了检查，什么都没有改。"
                  : (c.edits > 0 ? "尚未同步；回到目录页点“同步”上传到镇里。" : "")) +
       "</p>";
  if (!r.aliases.empty()) {
    h += "<p>按规范写法替换：</p><ul id=\"import-aliases\">";
    for (const AliasUse& a : r.aliases) {
      h += "<li>" + Esc(a.field) + "：" + Esc(a.from) + " → " + Esc(a.to) + "（" +
           std::to_string(a.count) + " 处）</li>";
    }
    h += "</ul>";
  }
  if (!r.warnings.empty()) {
    h += "<p>提醒（" + std::to_string(r.warning_count) + " 处）：</p>" +
         ProblemTable(r.warnings, "import-warnings");
  }
  return h;
}

}  // namespace

std::string RenderImportPage(const std::string& csrf, const std::optional<ImportReport>& report) {
  std::string h = "<h1>导入表格</h1>";
  if (report) h += ReportHtml(*report);
  h += "<p>选择 Excel 或 WPS 的工作簿 (.xlsx)，或另存的 CSV 文件（UTF-8 或 GBK 编码都可以），"
       "表头用中文栏目名："
       "编号、单位、领域、一级事项、二级事项、公开内容（要素）、公开依据、公开时限、公开主体、"
       "公开渠道和载体、其他渠道、公开对象、公开方式、公开层级、五公开、咨询电话、备注、状态。"
       "多选栏目用 、 隔开；也认国家标准目录的两行表头（勾选框）。</p><ul "
       "class=\"hint\"><li>没有编号或编号是新的行：作为本单位的新条目；</li>"
       "<li>编号已有、内容有改动的行：修改该条目（只能改本单位的）；状态写“已撤销”则撤销；</li>"
       "<li>和现有内容完全一样的行跳过，所以导出的整张表改完可以直接导回。</li></ul>"
       "<p><b>要么全部导入，要么一条也不导入</b>：有错的行都会列出第几行、哪一列、怎么改。</p>"
       "<form method=\"post\" action=\"import\" enctype=\"multipart/form-data\" class=\"import\">"
       "<input type=\"hidden\" name=\"csrf\" value=\"" +
       Esc(csrf) +
       "\">"
       "<label>表格文件 <input type=\"file\" name=\"file\" id=\"import-file\" "
       "accept=\".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\" "
       "required></label>"
       "<label><input type=\"checkbox\" name=\"check\" value=\"1\" id=\"import-check\"> "
       "只检查，不导入</label>"
       "<div class=\"buttons\"><button type=\"submit\" class=\"primary\">导入</button>"
       "<a class=\"button\" href=\"export.xlsx\">导出目前的目录 (Excel)</a>"
       "<a class=\"button\" href=\"export.csv\">导出 CSV</a><a class=\"button\" "
       "href=\"./\">返回目录</a></div></form>";
  return h;
}

}  // namespace gongkai::station::ui
