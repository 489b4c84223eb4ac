// gongkai-hub compliance --period TEXT [--json | --csv | --xlsx FILE]: the
// villages' posting records for one period judged on time / late / missing
// (hub/postings/compliance.h, docs/postings.md § Compliance).
#include <filesystem>
#include <iostream>

#include "core/deadline/holiday_file.h"
#include "core/store/atomic_file.h"
#include "hub/cli/commands.h"
#include "hub/cli/review_cli.h"
#include "hub/postings/compliance.h"

namespace gongkai::hub {
int RunCompliance(const Args& args) {
  Result<Flags> flags = Flags::Parse(
      args, {{"dir", "period", "today", "holidays", "xlsx"}, {"json", "csv", "force"}});
  if (!flags.ok()) return ReportError(flags.status());
  if (Status s = CheckReportOutputFlags(*flags); !s.ok()) return ReportError(s);
  if (!flags->Has("period")) {
    return ReportError(InvalidArgument(
        "usage", "请用 --period 指定期间，如 --period 2026年11月 或 --period 2026年第四季度"));
  }
  Result<deadline::Period> period = deadline::ParsePeriod(*flags->Get("period"));
  if (!period.ok()) return ReportError(period.status());
  Result<deadline::Date> today = flags->Has("today")
                                     ? deadline::ParseIsoDate(*flags->Get("today"))
                                     : Result<deadline::Date>(deadline::DateInChina(NowSeconds()));
  if (!today.ok()) return ReportError(today.status());
  Result<deadline::WorkCalendar> cal = deadline::LoadWorkCalendar(flags->Get("holidays"));
  if (!cal.ok()) return ReportError(cal.status());
  Result<OpenedHub> hub = OpenHubDir(*flags);
  if (!hub.ok()) return ReportError(hub.status());
  Result<ComplianceReport> report = ReadComplianceReport(hub->db, *period, *today, *cal);
  if (!report.ok()) return ReportError(report.status());
  if (flags->Has("json")) {
    std::cout << ComplianceJson(*report) << "\n";
    return 0;
  }
  if (flags->Has("csv")) {
    std::cout << ComplianceCsv(*report);
    return 0;
  }
  if (flags->Has("xlsx")) {
    Result<std::string> bytes = ComplianceXlsx(*report);
    if (!bytes.ok()) return ReportError(bytes.status());
    Status written = WriteFileAtomic(*flags->Get("xlsx"), *bytes, 0644);
    if (!written.ok()) return ReportError(written);
    std::cout << "已把 " << report->period << " 的公开情况写入 " << *flags->Get("xlsx")
              << " (exported)\n";
    return 0;
  }
  std::cout << report->period << " 公开情况（截至 " << deadline::FormatIsoDate(report->today)
            << "）\n单位\t领域\t按时\t逾期\t缺失\t待公开\t不判定\n";
  for (const auto& [key, c] : report->by_unit_area) {
    std::cout << key.first << "\t" << key.second << "\t" << c.on_time << "\t" << c.late << "\t"
              << c.missing << "\t" << c.due << "\t" << c.not_judged << "\n";
  }
  if (report->by_unit_area.empty()) {
    std::cout << "目录中没有按 " << report->period << " 这类期间公开的条目\n";
  }
  return 0;
}

}  // namespace gongkai::hub
