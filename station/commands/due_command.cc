// gongkai-station due: for the unit's rows, whether this period's posting
// is done, due or overdue (docs/postings.md § Station commands), from the
// deadline of each row's 公开时限 (core/deadline) and the station's own
// posting records.
#include <boost/json.hpp>
#include <map>
#include <set>

#include "core/base/hex.h"
#include "core/deadline/compliance.h"
#include "core/deadline/due.h"
#include "station/cli/text_layout.h"
#include "station/commands/commands.h"
#include "station/commands/common.h"
#include "station/commands/deadline_inputs.h"

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
    if (p.state != "refused" && p.op.supersedes) superseded.insert(*p.op.supersedes);
  }
  std::map<std::pair<std::string, std::string>, const StationPosting*> out;
  for (const StationPosting& p : all) {
    if (p.state == "refused" || superseded.count(p.record_id)) continue;
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

Status RunDue(CommandContext& ctx) {
  GK_ASSIGN_OR_RETURN(Date today, TodayOf(ctx));
  GK_ASSIGN_OR_RETURN(deadline::WorkCalendar cal, CalendarOf(ctx));
  std::optional<deadline::Period> given;
  if (auto text = ctx.args.Get("period")) {
    GK_ASSIGN_OR_RETURN(deadline::Period p, deadline::ParsePeriod(*text));
    given = p;
  }
  GK_ASSIGN_OR_RETURN(StationStore store, OpenStore(ctx));
  GK_ASSIGN_OR_RETURN(WorkingView view, store.LoadView());
  GK_ASSIGN_OR_RETURN(std::vector<StationPosting> postings, store.LoadPostings(std::nullopt));
  auto effective = EffectivePostings(postings);
  const std::string unit = store.info().unit;
  boost::json::array rows;
  std::map<std::string, int> counts;
  if (!ctx.Json()) {
    ctx.out << "今天 " << deadline::FormatIsoDate(today) << "，单位 " << unit << "\n";
    ctx.out << Cell("编号", 10) << Cell("事项", 28) << Cell("期间", 18) << Cell("期限", 12)
            << "状态\n";
  }
  for (const Row* row : UnitRowsInOrder(view, unit)) {
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
      ++counts[deadline::ComplianceName(r.status)];
      if (ctx.Json()) {
        boost::json::object o{{"id", row->id},
                              {"title", RowTitle(*row)},
                              {"time_limit", row->Get(Field::kTimeLimit)},
                              {"status", deadline::ComplianceName(r.status)}};
        if (periodic) {
          o["period"] = key;
          o["deadline"] = deadline::FormatIsoDate(*r.deadline);
        }
        if (p) {
          o["record_id"] = HexEncode(p->record_id);
          o["posted"] = p->op.posted;
          o["record_state"] = p->state;
        }
        if (r.status == Compliance::kLate) o["days_late"] = r.days_late;
        rows.push_back(std::move(o));
        continue;
      }
      ctx.out << Cell(ShortId(row->id), 10)
              << Cell(row->Get(Field::kItemL1) + " / " + row->Get(Field::kItemL2), 28)
              << Cell(periodic ? key : "—", 18)
              << Cell(periodic ? deadline::FormatIsoDate(*r.deadline) : "—", 12) << StatusText(r, p)
              << (r.status == Compliance::kUnparsed ? "：" + row->Get(Field::kTimeLimit) : "")
              << "\n";
    }
  }
  if (ctx.Json()) {
    boost::json::object c;
    for (const auto& [k, v] : counts) c[k] = v;
    boost::json::object o{{"today", deadline::FormatIsoDate(today)},
                          {"unit", unit},
                          {"counts", std::move(c)},
                          {"rows", std::move(rows)}};
    if (given) o["period"] = deadline::FormatPeriod(*given);
    PrintJsonLine(ctx.out, boost::json::serialize(o));
    return Status::Ok();
  }
  if (counts["missing"] > 0) {
    ctx.out
        << "有 " << counts["missing"]
        << " 项已逾期：公开后用 gongkai-station record 编号 --period 期间 --posted 日期 登记。\n";
  }
  return Status::Ok();
}

}  // namespace

CommandSpec DueCommand() {
  CommandSpec c;
  c.name = "due";
  c.summary = "本期该公开什么、哪些已逾期 (what is due, overdue, done)";
  c.usage =
      "gongkai-station due [--dir 目录] [--period 期间] [--today 日期] [--holidays 文件] [--json]";
  c.help =
      "按每个条目的公开时限和本站的公开记录，列出本单位这一期的公开情况：已公开（按时/晚几天）、\n"
      "待公开（期限未到）、已逾期（过了期限还没有记录）。不写 --period 时看今天所在的期间，\n"
      "上一期没做完的也列出。时限看不懂的显示“时限无法自动计算”，事项类的显示“事项发生后计算”。\n"
      "Lists, per row, whether this period's posting is done, due or overdue.\n\n"
      "例子 (example):\n"
      "  gongkai-station due\n"
      "  gongkai-station due --period 2026年第四季度 --json";
  c.flags = {DirFlag(),
             {"period", true, false, "期间", "看这一期，如 2026年11月、2026年第四季度 (period)"},
             TodayFlag(),
             HolidaysFlag(),
             JsonFlag()};
  c.run = RunDue;
  return c;
}

}  // namespace gongkai::station
