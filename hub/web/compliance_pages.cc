// The administrator's compliance page (公开情况, docs/hub-web.md
// § Compliance): for a chosen period, per village and per area the rows on
// time / late / missing / due / not judged, the rows of one village, and
// the .csv / .xlsx downloads — the same report and the same bytes as
// `gongkai-hub compliance --csv / --xlsx` (hub/postings/compliance.h).
#include <map>

#include "core/deadline/date.h"
#include "core/deadline/work_calendar.h"
#include "hub/postings/compliance.h"
#include "hub/web/form.h"
#include "hub/web/html.h"
#include "hub/web/row_html.h"
#include "hub/web/web_app.h"
#include "hub/web/web_response.h"

namespace gongkai::hub::web {
namespace {

using deadline::Compliance;

// The counts as table cells: 按时 逾期 缺失 待公开 不判定.
std::string CountCells(const ComplianceCounts& c) {
  return CellHtml("按时", "<span class=\"on-time\">" + std::to_string(c.on_time) + "</span>") +
         CellHtml("逾期", "<span class=\"late\">" + std::to_string(c.late) + "</span>") +
         CellHtml("缺失", "<span class=\"missing\">" + std::to_string(c.missing) + "</span>") +
         CellHtml("待公开", "<span class=\"due\">" + std::to_string(c.due) + "</span>") +
         CellHtml("不判定",
                  "<span class=\"not-judged\">" + std::to_string(c.not_judged) + "</span>");
}

constexpr const char* kCountHead =
    "<th>按时</th><th>逾期</th><th>缺失</th><th>待公开</th><th>不判定</th>";

void Add(ComplianceCounts& sum, const ComplianceCounts& c) {
  sum.on_time += c.on_time;
  sum.late += c.late;
  sum.missing += c.missing;
  sum.due += c.due;
  sum.not_judged += c.not_judged;
}

std::string PageLink(const std::string& period, const std::string& unit) {
  std::string href = "/admin/compliance?period=" + UrlEncode(period);
  if (!unit.empty()) href += "&unit=" + UrlEncode(unit);
  return href;
}

std::string StatusHtml(const ComplianceRow& row) {
  std::string label = deadline::ComplianceLabel(row.result.status);
  if (row.result.status == Compliance::kLate) {
    label += "（晚 " + std::to_string(row.result.days_late) + " 天" +
             (row.result.received_late ? "，镇里收到得晚" : "") + "）";
  }
  return "<span class=\"status " + std::string(deadline::ComplianceName(row.result.status)) +
         "\">" + Esc(label) + "</span>";
}

// The rows of one village: 领域, 事项 (linked to the public row page), 期限,
// 状态, 公开日期, 镇里收到.
std::string UnitRowsHtml(const ComplianceReport& r, const std::string& unit) {
  std::string out =
      "<section class=\"card\" id=\"unit-rows\"><h3>" + Esc(unit) + " 的条目（" + Esc(r.period) +
      "）</h3><p><a href=\"" + Esc(PageLink(r.period, "")) +
      "\">返回各村汇总</a></p><table class=\"rows compliance-rows\"><thead><tr><th>领域</th>"
      "<th>事项</th><th>公开时限</th><th>期限</th><th>状态</th><th>公开日期</th><th>镇里收到"
      "</th></tr></thead><tbody>";
  size_t n = 0;
  for (const ComplianceRow& row : r.rows) {
    if (row.unit != unit) continue;
    ++n;
    std::string received;
    if (row.record) {
      received = deadline::FormatIsoDate(deadline::DateInChina(row.record->received_at)) +
                 "<br><span class=\"meta\">日志第 " + std::to_string(row.record->log_index) +
                 " 条</span>";
    }
    out += "<tr>" + CellHtml("领域", Esc(row.area)) +
           CellHtml("事项", "<a href=\"/rows/" + Esc(UrlEncode(row.row_id)) + "\">" +
                                Esc(row.title) + "</a>") +
           CellHtml("公开时限", Esc(row.time_limit)) +
           CellHtml("期限", row.result.deadline ? Esc(deadline::FormatIsoDate(*row.result.deadline))
                                                : std::string("—")) +
           CellHtml("状态", StatusHtml(row)) +
           CellHtml("公开日期", row.record ? Esc(row.record->op.posted) : std::string("—")) +
           CellHtml("镇里收到", row.record ? received : std::string("—")) + "</tr>";
  }
  out += "</tbody></table>";
  if (n == 0) out += "<p class=\"meta\">这个村在这个期间没有要判定的条目。</p>";
  return out + "</section>";
}

constexpr const char* kPeriodHelp =
    "请写成 2026年11月、2026年第四季度、2026年上半年 或 2026年 这样的期间";

// The period asked for, or the month of `today` when none is.
Result<deadline::Period> AskedPeriod(const std::string& asked, deadline::Date today) {
  if (asked.empty()) return DefaultCompliancePeriod(today);
  return deadline::ParsePeriod(asked);
}

}  // namespace

Result<ComplianceReport> WebApp::ReadCompliance(const deadline::Period& period,
                                                deadline::Date today) {
  std::lock_guard<std::mutex> lock(db_mu_);
  return ReadComplianceReport(db_, period, today, deadline::WorkCalendar::Default());
}

// ?period=TEXT (default: the month of the hub's today, China time) and
// ?unit=NAME (the drill-down). A bad period: 400 bad_period, the picker
// shown again with the reason.
HttpResponse WebApp::CompliancePage(const Session& s, std::string_view query) {
  const deadline::Date today = deadline::DateInChina(Now());
  std::string asked = QueryValue(query, "period");
  const std::string unit = QueryValue(query, "unit");
  PageFrame f;
  f.title = "公开情况";
  f.admin = true;
  f.admin_name = s.admin;
  f.csrf = s.csrf;
  Result<deadline::Period> period = AskedPeriod(asked, today);
  const std::string shown = period.ok() ? deadline::FormatPeriod(*period) : asked;
  f.body =
      "<form method=\"get\" action=\"/admin/compliance\" class=\"search\" id=\"period-form\">"
      "<label>期间 <input type=\"text\" name=\"period\" id=\"period\" value=\"" +
      Esc(shown) +
      "\" placeholder=\"2026年11月 / 2026年第四季度 / 2026年上半年 / 2026年\"></label>"
      "<button type=\"submit\" id=\"period-button\">查看</button></form>";
  if (!period.ok()) {
    f.body += "<div class=\"msg err\" role=\"alert\" id=\"period-error\">[" +
              Esc(period.status().reason()) + "] 看不懂期间“" + Esc(asked) + "”：" + kPeriodHelp +
              "</div>";
    HttpResponse r = HtmlResponse(400, RenderPage(f));
    r.error_code = period.status().reason();
    r.headers.emplace_back("X-Gongkai-Error", r.error_code);
    return r;
  }
  Result<ComplianceReport> report = ReadCompliance(*period, today);
  if (!report.ok()) {
    const Status& st = report.status();
    return ErrorPage(st.code() == Code::kUnavailable ? 503 : 500, st.reason(),
                     "读取公开情况失败: " + st.message());
  }
  const ComplianceReport& r = *report;
  f.body += "<p class=\"meta\">" + Esc(r.period) + " 的公开记录，截至 " +
            Esc(deadline::FormatIsoDate(r.today)) +
            "（中国时间）。按时：公开日期不晚于期限，且镇里在期限后 7 天内收到；"
            "缺失：期限已过仍没有记录；待公开：期限未到。下载: <a id=\"download-csv\" href=\"" +
            Esc("/admin/compliance.csv?period=" + UrlEncode(r.period)) +
            "\">CSV</a> · <a id=\"download-xlsx\" href=\"" +
            Esc("/admin/compliance.xlsx?period=" + UrlEncode(r.period)) +
            "\">Excel 工作簿</a>（与 gongkai-hub compliance --csv / --xlsx 相同）</p>";
  if (r.by_unit_area.empty()) {
    f.body += "<p class=\"card\" id=\"no-rows\">目录中没有按 " + Esc(r.period) +
              " 这类期间公开的条目。</p>";
    return HtmlResponse(200, RenderPage(f));
  }
  if (!unit.empty()) {
    f.body += UnitRowsHtml(r, unit);
  }
  std::map<std::string, ComplianceCounts> by_unit;
  for (const auto& [key, c] : r.by_unit_area) Add(by_unit[key.first], c);
  f.body +=
      "<section class=\"card\"><h3>各村汇总</h3><table class=\"rows\" id=\"by-unit\"><thead>"
      "<tr><th>单位</th>" +
      std::string(kCountHead) + "<th></th></tr></thead><tbody>";
  for (const auto& [name, c] : by_unit) {
    f.body += "<tr data-unit=\"" + Esc(name) + "\">" + CellHtml("单位", Esc(name)) + CountCells(c) +
              CellHtml("", "<a class=\"drill\" href=\"" + Esc(PageLink(r.period, name)) +
                               "\">查看条目</a>") +
              "</tr>";
  }
  f.body +=
      "</tbody></table></section><section class=\"card\"><h3>按村和领域</h3><table "
      "class=\"rows\" id=\"by-unit-area\"><thead><tr><th>单位</th><th>领域</th>" +
      std::string(kCountHead) + "</tr></thead><tbody>";
  for (const auto& [key, c] : r.by_unit_area) {
    f.body += "<tr>" + CellHtml("单位", Esc(key.first)) + CellHtml("领域", Esc(key.second)) +
              CountCells(c) + "</tr>";
  }
  f.body += "</tbody></table></section>";
  return HtmlResponse(200, RenderPage(f));
}

// The report's bytes, as the command line writes them for the same period
// and today: ComplianceCsv / ComplianceXlsx.
HttpResponse WebApp::ComplianceDownload(std::string_view query, bool xlsx) {
  const deadline::Date today = deadline::DateInChina(Now());
  std::string asked = QueryValue(query, "period");
  Result<deadline::Period> period = AskedPeriod(asked, today);
  if (!period.ok()) {
    return ErrorPage(400, period.status().reason(), "看不懂期间“" + asked + "”：" + kPeriodHelp);
  }
  Result<ComplianceReport> report = ReadCompliance(*period, today);
  if (!report.ok()) {
    const Status& st = report.status();
    return ErrorPage(st.code() == Code::kUnavailable ? 503 : 500, st.reason(),
                     "读取公开情况失败: " + st.message());
  }
  HttpResponse r;
  if (xlsx) {
    Result<std::string> bytes = ComplianceXlsx(*report);
    if (!bytes.ok()) return ErrorPage(500, bytes.status().reason(), bytes.status().message());
    r.body = std::move(bytes).value();
    r.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  } else {
    r.body = ComplianceCsv(*report);
    r.content_type = "text/csv; charset=utf-8";
  }
  // The file name in ASCII (compliance-2026-11.csv) and, for browsers
  // that read it, in Chinese (RFC 6266 filename*).
  const std::string name = "公开情况-" + report->period + (xlsx ? ".xlsx" : ".csv");
  const std::string ascii = std::string("compliance") + (xlsx ? ".xlsx" : ".csv");
  r.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + ascii +
                                                    "\"; filename*=UTF-8''" + UrlEncode(name));
  AddSecurityHeaders(r);
  return r;
}

}  // namespace gongkai::hub::web
