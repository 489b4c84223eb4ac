#include "hub/postings/compliance.h"

#include <algorithm>
#include <boost/json.hpp>
#include <tuple>

#include "core/base/hex.h"
#include "core/csv/csv.h"
#include "core/csv/formula_marker.h"
#include "hub/review/review_store.h"

namespace gongkai::hub {
namespace {

using deadline::Compliance;

void Count(ComplianceCounts& c, Compliance s) {
  switch (s) {
    case Compliance::kOnTime:
      ++c.on_time;
      break;
    case Compliance::kLate:
      ++c.late;
      break;
    case Compliance::kMissing:
      ++c.missing;
      break;
    case Compliance::kDue:
      ++c.due;
      break;
    default:
      ++c.not_judged;
      break;
  }
}

// A spreadsheet must not read a village's text as a formula.
void AppendSafeRecord(std::vector<std::string> fields, std::string* out) {
  for (std::string& f : fields) {
    if (NeedsFormulaMarker(f)) f = AddFormulaMarker(f);
  }
  AppendCsvRecord(fields, out);
}

std::string ReceivedDate(const StoredPosting& p) {
  return deadline::FormatIsoDate(deadline::DateInChina(p.received_at));
}

}  // namespace

Result<ComplianceReport> BuildComplianceReport(HubDb& db, const deadline::Period& period,
                                               deadline::Date today,
                                               const deadline::WorkCalendar& cal) {
  ComplianceReport out;
  out.period = deadline::FormatPeriod(period);
  out.today = today;
  GK_ASSIGN_OR_RETURN(Catalog catalog, LoadApprovedRows(db));
  GK_ASSIGN_OR_RETURN(std::vector<StoredPosting> postings, PostingsForPeriod(db, out.period));
  // The record that counts per row: the latest that nothing supersedes.
  std::map<std::string, StoredPosting> effective;
  for (StoredPosting& p : postings) {
    if (p.superseded_by) continue;
    effective[p.op.row_id] = std::move(p);  // log order: later ones win
  }
  for (const auto& [id, row] : catalog.rows()) {
    if (row.retired) continue;
    deadline::Schedule s = deadline::ParseTimeLimit(row.Get(Field::kTimeLimit));
    ComplianceRow cr;
    cr.row_id = id;
    cr.unit = row.unit;
    cr.area = row.Get(Field::kArea);
    cr.title = row.Get(Field::kItemL1) + " / " + row.Get(Field::kItemL2);
    cr.time_limit = row.Get(Field::kTimeLimit);
    std::optional<deadline::PostingFacts> facts;
    if (auto it = effective.find(id); it != effective.end()) {
      cr.record = it->second;
      Result<deadline::Date> posted = deadline::ParseIsoDate(it->second.op.posted);
      if (posted.ok()) {
        facts = deadline::PostingFacts{*posted, deadline::DateInChina(it->second.received_at)};
      }
    }
    cr.result = deadline::JudgeCompliance(s, period, cal, facts, today);
    // Rows of another cycle (a monthly rule for a quarter) are not this
    // period's business.
    if (cr.result.status == Compliance::kPeriodMismatch) continue;
    Count(out.by_unit_area[{cr.unit, cr.area}], cr.result.status);
    out.rows.push_back(std::move(cr));
  }
  std::sort(out.rows.begin(), out.rows.end(), [](const ComplianceRow& a, const ComplianceRow& b) {
    return std::tie(a.unit, a.area, a.title, a.row_id) <
           std::tie(b.unit, b.area, b.title, b.row_id);
  });
  return out;
}

Result<ComplianceReport> ReadComplianceReport(HubDb& db, const deadline::Period& period,
                                              deadline::Date today,
                                              const deadline::WorkCalendar& cal) {
  GK_RETURN_IF_ERROR(db.db().Exec("BEGIN"));
  Result<ComplianceReport> report = BuildComplianceReport(db, period, today, cal);
  (void)db.db().Exec("ROLLBACK");
  return report;
}

deadline::Period DefaultCompliancePeriod(deadline::Date today) {
  return deadline::PeriodContaining(deadline::Cycle::kMonth, today);
}

XlsxTable ComplianceSummaryTable(const ComplianceReport& r) {
  XlsxTable t;
  t.sheet = "公开情况";
  t.header = {"单位", "领域", "按时", "逾期", "缺失", "待公开", "不判定"};
  for (const auto& [key, c] : r.by_unit_area) {
    t.rows.push_back({key.first, key.second, std::to_string(c.on_time), std::to_string(c.late),
                      std::to_string(c.missing), std::to_string(c.due),
                      std::to_string(c.not_judged)});
  }
  return t;
}

Result<std::string> ComplianceXlsx(const ComplianceReport& r) {
  return TableToXlsx(ComplianceSummaryTable(r));
}

std::string ComplianceCsv(const ComplianceReport& r) {
  std::string out = "\xEF\xBB\xBF";
  std::vector<std::string> head = {"单位", "领域", "按时", "逾期", "缺失", "待公开", "不判定"};
  AppendCsvRecord(head, &out);
  for (const auto& [key, c] : r.by_unit_area) {
    std::vector<std::string> line = {key.first,
                                     key.second,
                                     std::to_string(c.on_time),
                                     std::to_string(c.late),
                                     std::to_string(c.missing),
                                     std::to_string(c.due),
                                     std::to_string(c.not_judged)};
    AppendSafeRecord(std::move(line), &out);
  }
  out += "\r\n";
  std::vector<std::string> detail = {"单位", "领域", "事项",     "条目编号", "期间",
                                     "期限", "状态", "公开日期", "镇里收到", "逾期天数"};
  AppendCsvRecord(detail, &out);
  for (const ComplianceRow& row : r.rows) {
    std::vector<std::string> line = {
        row.unit,
        row.area,
        row.title,
        row.row_id,
        r.period,
        row.result.deadline ? deadline::FormatIsoDate(*row.result.deadline) : "",
        deadline::ComplianceLabel(row.result.status),
        row.record ? row.record->op.posted : "",
        row.record ? ReceivedDate(*row.record) : "",
        row.result.status == Compliance::kLate ? std::to_string(row.result.days_late) : ""};
    AppendSafeRecord(std::move(line), &out);
  }
  return out;
}

std::string ComplianceJson(const ComplianceReport& r) {
  boost::json::array summary;
  for (const auto& [key, c] : r.by_unit_area) {
    summary.push_back(boost::json::object{{"unit", key.first},
                                          {"area", key.second},
                                          {"on_time", c.on_time},
                                          {"late", c.late},
                                          {"missing", c.missing},
                                          {"due", c.due},
                                          {"not_judged", c.not_judged}});
  }
  boost::json::array rows;
  for (const ComplianceRow& row : r.rows) {
    boost::json::object o{{"row_id", row.row_id},
                          {"unit", row.unit},
                          {"area", row.area},
                          {"title", row.title},
                          {"time_limit", row.time_limit},
                          {"status", deadline::ComplianceName(row.result.status)}};
    if (row.result.deadline) o["deadline"] = deadline::FormatIsoDate(*row.result.deadline);
    if (row.record) {
      o["record_id"] = HexEncode(row.record->record_id);
      o["posted"] = row.record->op.posted;
      o["received"] = ReceivedDate(*row.record);
      o["log_index"] = row.record->log_index;
    }
    if (row.result.status == Compliance::kLate) {
      o["days_late"] = row.result.days_late;
      o["received_late"] = row.result.received_late;
    }
    rows.push_back(std::move(o));
  }
  return boost::json::serialize(boost::json::object{{"period", r.period},
                                                    {"today", deadline::FormatIsoDate(r.today)},
                                                    {"summary", std::move(summary)},
                                                    {"rows", std::move(rows)}});
}

}  // namespace gongkai::hub
