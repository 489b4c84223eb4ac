#include "station/commands/due_report.h"

#include <set>

#include "core/deadline/period.h"
#include "core/deadline/schedule.h"
#include "station/commands/common.h"

namespace gongkai::station {
namespace {

using deadline::Compliance;
using deadline::Date;

// The record that counts for (row, period): the latest one nothing
// supersedes, among those the hub did not refuse.
std::map<std::pair<std::string, std::string>, const StationPosting*> EffectivePostings(
    const std::vector<StationPosting>& all) {
  std::set<Hash32> superseded;
  for (const StationPosting& p : all) {
    if (p.state != kPostingRefused && p.op.supersedes) superseded.insert(*p.op.supersedes);
  }
  std::map<std::pair<std::string, std::string>, const StationPosting*> out;
  for (const StationPosting& p : all) {
    if (p.state == kPostingRefused || superseded.count(p.record_id)) continue;
    out[{p.op.row_id, deadline::PeriodKey(p.op.period)}] = &p;  // later ones win
  }
  return out;
}

// The periods to look at for a schedule: the one given, else the period
// containing today and, if it is not done, the one before.
std::vector<deadline::Period> PeriodsFor(const deadline::Schedule& s,
                                         const std::optional<deadline::Period>& given, Date today) {
  if (given) return {*given};
  if (!s.parsed || !s.periodic()) return {deadline::Period{}};
  deadline::Period now = deadline::PeriodContaining(s.cycle, today);
  return {deadline::ShiftPeriod(now, -1), now};
}

std::string StatusText(const deadline::ComplianceResult& r, const StationPosting* p) {
  std::string s = deadline::ComplianceLabel(r.status);
  if (r.status == Compliance::kMissing) s = "已逾期";
  if (p && r.status == Compliance::kOnTime) s = "已公开（按时）";
  if (p && r.status == Compliance::kLate) {
    s = "已公开（晚 " + std::to_string(r.days_late) + " 天）";
  }
  return s;
}

}  // namespace

bool IsDone(Compliance c) { return c == Compliance::kOnTime || c == Compliance::kLate; }

Result<DueReport> ComputeDue(StationStore& store, const std::optional<deadline::Period>& given,
                             Date today, const deadline::WorkCalendar& cal) {
  GK_ASSIGN_OR_RETURN(WorkingView view, store.LoadView());
  GK_ASSIGN_OR_RETURN(std::vector<StationPosting> postings, store.LoadPostings(std::nullopt));
  auto effective = EffectivePostings(postings);
  DueReport out;
  out.today = today;
  out.unit = store.info().unit;
  out.period = given;
  std::vector<const Row*> rows = UnitRowsInOrder(view, out.unit);
  out.unit_rows = rows.size();
  for (const Row* row : rows) {
    deadline::Schedule s = deadline::ParseTimeLimit(row->Get(Field::kTimeLimit));
    for (const deadline::Period& period : PeriodsFor(s, given, today)) {
      std::string key = deadline::FormatPeriod(period);
      auto it = effective.find({row->id, key});
      const StationPosting* p = it == effective.end() ? nullptr : it->second;
      std::optional<deadline::PostingFacts> facts;
      if (p) facts = deadline::PostingFacts{*deadline::ParseIsoDate(p->op.posted), std::nullopt};
      deadline::ComplianceResult r = deadline::JudgeCompliance(s, period, cal, facts, today);
      if (r.status == Compliance::kPeriodMismatch) continue;  // not this row's kind of period
      bool periodic = r.deadline.has_value();
      // The previous period shows only while it is not done.
      bool previous = !given && periodic &&
                      key != deadline::FormatPeriod(deadline::PeriodContaining(s.cycle, today));
      if (previous && r.status != Compliance::kMissing) continue;
      ++out.counts[deadline::ComplianceName(r.status)];
      DueLine line;
      line.row = *row;
      line.periodic = periodic;
      if (periodic) line.period = key;
      line.result = r;
      if (p) line.posting = *p;
      line.status_text = StatusText(r, p);
      out.lines.push_back(std::move(line));
    }
  }
  return out;
}

}  // namespace gongkai::station
