// The compliance view (公开情况): for one period, each catalog row of a
// village judged on time / late / missing by the rule of
// core/deadline/compliance.h, from the posting records the hub holds
// (hub/store/posting_table.h) — posted date and log receipt time — and
// counted per village and area (docs/postings.md § Compliance).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/base/status.h"
#include "core/deadline/compliance.h"
#include "core/xlsx/table_xlsx_writer.h"
#include "hub/store/hub_db.h"
#include "hub/store/posting_table.h"

namespace gongkai::hub {

struct ComplianceRow {
  std::string row_id, unit, area, title, time_limit;
  deadline::ComplianceResult result;
  std::optional<StoredPosting> record;  // the one judged (nothing supersedes it)
};

struct ComplianceCounts {
  int on_time = 0, late = 0, missing = 0, due = 0, not_judged = 0;
};

struct ComplianceReport {
  std::string period;  // normal form
  deadline::Date today;
  std::vector<ComplianceRow> rows;  // by unit, area, item
  std::map<std::pair<std::string, std::string>, ComplianceCounts> by_unit_area;
};

// Reads the latest approved catalog's rows in use (not retired) and the
// period's records; `today` decides missing vs due. Errors: the database's.
Result<ComplianceReport> BuildComplianceReport(HubDb& db, const deadline::Period& period,
                                               deadline::Date today,
                                               const deadline::WorkCalendar& cal);

// BuildComplianceReport inside one read transaction (BEGIN … ROLLBACK):
// what `gongkai-hub compliance` and the administrator's page
// /admin/compliance both read, so the two give the same report.
Result<ComplianceReport> ReadComplianceReport(HubDb& db, const deadline::Period& period,
                                              deadline::Date today,
                                              const deadline::WorkCalendar& cal);

// The period the compliance page shows when none is asked for: the month
// that contains `today` (in its normal form, e.g. 2026年12月).
deadline::Period DefaultCompliancePeriod(deadline::Date today);

// The summary table per village and area as CSV (UTF-8 with BOM for Excel):
// 单位,领域,按时,逾期,缺失,待公开,不判定; then a blank line and one line per
// judged row.
std::string ComplianceCsv(const ComplianceReport& r);
// The summary table as an .xlsx workbook (one sheet 公开情况, text cells;
// docs/formats/xlsx.md § Report tables): `compliance --xlsx` and the page's
// download.
XlsxTable ComplianceSummaryTable(const ComplianceReport& r);
Result<std::string> ComplianceXlsx(const ComplianceReport& r);
// {"period","today","summary":[{"unit","area","on_time","late","missing",
//  "due","not_judged"}],"rows":[{"row_id","unit","area","title","status",
//  "deadline","record_id","posted","received","days_late"}]}
std::string ComplianceJson(const ComplianceReport& r);

}  // namespace gongkai::hub
