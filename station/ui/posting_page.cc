#include "station/ui/posting_page.h"

#include <algorithm>
#include <set>

#include "core/base/hex.h"
#include "core/deadline/date.h"
#include "station/commands/common.h"
#include "station/commands/posting_text.h"
#include "station/ui/html.h"

namespace gongkai::station::ui {
namespace {

std::string Input(const std::string& type, const std::string& name, const std::string& value,
                  const std::string& extra = "") {
  return "<input type=\"" + type + "\" id=\"p-" + name + "\" name=\"" + name + "\" value=\"" +
         Esc(value) + "\"" + extra + ">";
}

std::string FormField(const std::string& name, const std::string& label,
                      const std::string& control) {
  return "<div class=\"field\" id=\"pfield-" + name + "\"><label for=\"p-" + name + "\">" + label +
         "</label>" + control + "</div>";
}

std::string Form(const PostingFormModel& m, const std::string& csrf) {
  std::string h;
  if (m.error) {
    h += "<div class=\"errors\" role=\"alert\"><p class=\"err\" id=\"posting-error\" "
         "data-reason=\"" +
         Esc(m.error->reason()) + "\">" + Esc(m.error->message()) +
         "</p><p>什么都没有保存；改正后再点“登记”（照片要重新选择）。</p></div>";
  }
  h += "<form method=\"post\" action=\"row/" + Esc(m.row_id) +
       "/record\" enctype=\"multipart/form-data\" class=\"row-form posting-form\" "
       "id=\"posting-form\"><input type=\"hidden\" name=\"csrf\" value=\"" +
       Esc(csrf) + "\">";
  h += FormField(
      "period", "期间 <span class=\"req\" title=\"必填\">*</span>",
      Input("text", "period", m.values.period, " required placeholder=\"如 2026年11月\""));
  h += FormField("posted", "公开日期 <span class=\"req\" title=\"必填\">*</span>",
                 Input("date", "posted", m.values.posted, " required"));
  std::set<std::string> ticked(m.values.channels.begin(), m.values.channels.end());
  h += "<div class=\"field\" id=\"pfield-channel\"><fieldset><legend>公开渠道 <span "
       "class=\"req\" title=\"必填\">*</span><span class=\"note\">（在哪里公开的，可多选）</span>"
       "</legend><div class=\"checks\" role=\"group\">";
  for (const std::string& c : m.choices) {
    h += "<label class=\"check\"><input type=\"checkbox\" name=\"channel\" value=\"" + Esc(c) +
         "\"" + (ticked.count(c) || m.choices.size() == 1 ? " checked" : "") + "> " + Esc(c) +
         "</label>";
  }
  h += "</div></fieldset></div>";
  h += FormField("from", "公示期从 <span class=\"note\">（可不填）</span>",
                 Input("date", "from", m.values.display_from));
  h += FormField("to", "公示期至", Input("date", "to", m.values.display_to));
  h += FormField(
      "note", "说明 <span class=\"note\">（可不填）</span>",
      "<textarea rows=\"2\" id=\"p-note\" name=\"note\">" + Esc(m.values.note) + "</textarea>");
  h += FormField("attach",
                 "公示栏照片或扫描件 <span class=\"note\">（JPEG、PNG、WebP 或 PDF，每个不超过 10 "
                 "MB，可选多个）</span>",
                 "<input type=\"file\" id=\"p-attach\" name=\"attach\" multiple "
                 "accept=\".jpg,.jpeg,.png,.webp,.pdf,image/jpeg,image/png,image/webp,application/"
                 "pdf\">");
  h +=
      "<div class=\"buttons\"><button type=\"submit\" class=\"primary\">登记公开记录</button></div>"
      "<p class=\"hint\">登记后立即封存，不能修改；写错了就再登记一条更正的。"
      "点目录页的“同步”（或导出 U 盘）送到镇里，镇里收到即入账。</p></form>";
  return h;
}

std::string RecordItem(const StationPosting& p, bool superseded) {
  const std::string id = HexEncode(p.record_id).substr(0, 16);
  std::string h = "<li id=\"rec-" + id + "\" data-state=\"" + Esc(p.state) + "\"" +
                  (superseded ? " class=\"superseded\"" : "") + "><code>" + id + "</code> " +
                  "<span class=\"badge\">" + Esc(PostingStateLabel(p.state)) + "</span>";
  if (superseded) h += " <span class=\"badge retired\">已被更正</span>";
  h += " " + Esc(PostingSummary(p.op));
  if (!p.op.attachments.empty()) {
    h += "<ul class=\"attachments\">";
    for (const AttachmentRef& a : p.op.attachments) {
      h += "<li>" + Esc(a.file_name) + "（" + Esc(a.media_type) + "，" + std::to_string(a.size) +
           " 字节，SHA-256 <code>" + HexEncode(a.sha256).substr(0, 16) + "…</code>）</li>";
    }
    h += "</ul>";
  }
  if (!p.reason.empty()) {
    h += "<p class=\"warn\">镇里的理由：" + Esc(p.reason) + " [" + Esc(p.code) + "]</p>";
  }
  return h + "</li>";
}

std::string DueTable(const std::string& id, const std::string& title,
                     const std::vector<const DueLine*>& lines) {
  std::string h = "<h2>" + title + "（" + std::to_string(lines.size()) + "）</h2>";
  if (lines.empty()) return h + "<p class=\"note\" id=\"" + id + "-none\">没有。</p>";
  h += "<table class=\"rows due\" id=\"" + id +
       "\"><thead><tr><th>编号</th><th>事项</th><th>期间</th><th>期限</th><th>状态</th></tr>"
       "</thead><tbody>";
  for (const DueLine* l : lines) {
    std::string status = l->status_text;
    if (l->result.status == deadline::Compliance::kUnparsed) {
      status += "：" + l->row.Get(Field::kTimeLimit);
    }
    h += "<tr data-row=\"" + Esc(l->row.id) + "\" data-status=\"" +
         deadline::ComplianceName(l->result.status) + "\"><td data-label=\"编号\"><a href=\"row/" +
         Esc(l->row.id) + "\">" + Esc(ShortId(l->row.id)) + "</a></td><td data-label=\"事项\">" +
         Esc(RowTitle(l->row)) + "</td><td data-label=\"期间\">" +
         Esc(l->periodic ? l->period : "—") + "</td><td data-label=\"期限\">" +
         Esc(l->periodic ? deadline::FormatIsoDate(*l->result.deadline) : "—") +
         "</td><td data-label=\"状态\">" + Esc(status) + "</td></tr>";
  }
  return h + "</tbody></table>";
}

}  // namespace

std::string RenderPostingSection(const PostingFormModel* form, const std::string& why_not,
                                 const std::vector<StationPosting>& records,
                                 const std::string& csrf) {
  std::string h = "<section id=\"posting\"><h2>记录公开</h2>";
  if (form) {
    h += "<p>这个条目公开以后（贴在公示栏、发在网上……），在这里登记：哪一期、哪天公开、"
         "在哪里公开、公示多久，附上公示栏的照片或扫描件。</p>" +
         Form(*form, csrf);
  } else if (!why_not.empty()) {
    h += "<p class=\"note\" id=\"posting-none\">" + Esc(why_not) + "</p>";
  }
  h += "<h3>公开记录</h3>";
  if (records.empty()) {
    h += "<p class=\"note\" id=\"records-none\">这个条目还没有公开记录。</p>";
  } else {
    std::set<Hash32> superseded;
    for (const StationPosting& p : records) {
      if (p.state != kPostingRefused && p.op.supersedes) superseded.insert(*p.op.supersedes);
    }
    h += "<ol class=\"history records\" id=\"records\" reversed>";
    for (auto it = records.rbegin(); it != records.rend(); ++it) {  // latest first
      h += RecordItem(*it, superseded.count(it->record_id) > 0);
    }
    h += "</ol>";
  }
  return h + "</section>";
}

std::string RenderDuePage(const DueReport& r) {
  std::string h = "<h1>本期应公开</h1><p class=\"sub\">今天 " + deadline::FormatIsoDate(r.today) +
                  "，单位 " + Esc(r.unit) +
                  (r.period ? "，期间 " + Esc(deadline::FormatPeriod(*r.period)) : "") + "</p>";
  if (r.unit_rows == 0) {
    return h + "<p class=\"warn\" id=\"due-empty\">" + Esc(kNoRowsYet) +
           "</p><div class=\"buttons\"><a class=\"button primary\" "
           "href=\"import\">导入表格</a></div>";
  }
  std::vector<const DueLine*> missing, due, done, other;
  for (const DueLine& l : r.lines) {
    deadline::Compliance c = l.result.status;
    if (c == deadline::Compliance::kMissing) {
      missing.push_back(&l);
    } else if (c == deadline::Compliance::kDue) {
      due.push_back(&l);
    } else if (IsDone(c)) {
      done.push_back(&l);
    } else {
      other.push_back(&l);
    }
  }
  h += "<p>按每个条目的公开时限和本站的公开记录计算（和 gongkai-station due 相同）。"
       "点编号打开条目，在条目页登记公开记录。</p>";
  h += DueTable("due-missing", "已逾期", missing) + DueTable("due-due", "待公开", due) +
       DueTable("due-done", "已公开", done) + DueTable("due-other", "不判定", other);
  return h;
}

}  // namespace gongkai::station::ui
