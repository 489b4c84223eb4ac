// gongkai-station due: for the unit's rows, whether this period's posting
// is done, due or overdue (docs/postings.md § Station commands), from the
// deadline of each row's 公开时限 (core/deadline) and the station's own
// posting records — computed by ComputeDue (due_report.h), which the
// clerk's page shares. No rows at all: kNoRowsYet, exit 0.
#include <boost/json.hpp>

#include "core/base/hex.h"
#include "core/deadline/period.h"
#include "station/cli/text_layout.h"
#include "station/commands/commands.h"
#include "station/commands/common.h"
#include "station/commands/deadline_inputs.h"
#include "station/commands/due_report.h"

namespace gongkai::station {
namespace {

using deadline::Compliance;

Status RunDue(CommandContext& ctx) {
  GK_ASSIGN_OR_RETURN(deadline::Date today, TodayOf(ctx));
  GK_ASSIGN_OR_RETURN(deadline::WorkCalendar cal, CalendarOf(ctx));
  std::optional<deadline::Period> given;
  if (auto text = ctx.args.Get("period")) {
    GK_ASSIGN_OR_RETURN(deadline::Period p, deadline::ParsePeriod(*text));
    given = p;
  }
  GK_ASSIGN_OR_RETURN(StationStore store, OpenStore(ctx));
  GK_ASSIGN_OR_RETURN(DueReport report, ComputeDue(store, given, today, cal));
  if (ctx.Json()) {
    boost::json::array rows;
    for (const DueLine& l : report.lines) {
      boost::json::object o{{"id", l.row.id},
                            {"title", RowTitle(l.row)},
                            {"time_limit", l.row.Get(Field::kTimeLimit)},
                            {"status", deadline::ComplianceName(l.result.status)}};
      if (l.periodic) {
        o["period"] = l.period;
        o["deadline"] = deadline::FormatIsoDate(*l.result.deadline);
      }
      if (l.posting) {
        o["record_id"] = HexEncode(l.posting->record_id);
        o["posted"] = l.posting->op.posted;
        o["record_state"] = l.posting->state;
      }
      if (l.result.status == Compliance::kLate) o["days_late"] = l.result.days_late;
      rows.push_back(std::move(o));
    }
    boost::json::object c;
    for (const auto& [k, v] : report.counts) c[k] = v;
    boost::json::object o{{"today", deadline::FormatIsoDate(today)},
                          {"unit", report.unit},
                          {"counts", std::move(c)},
                          {"rows", std::move(rows)}};
    if (given) o["period"] = deadline::FormatPeriod(*given);
    PrintJsonLine(ctx.out, boost::json::serialize(o));
    return Status::Ok();
  }
  ctx.out << "今天 " << deadline::FormatIsoDate(today) << "，单位 " << report.unit << "\n";
  if (report.unit_rows == 0) {
    // Nothing to do is not a failure (exit 0), but it is said, not shown
    // as an empty table (docs/exit-codes.md § Nothing to do).
    ctx.out << kNoRowsYet << "\n";
    return Status::Ok();
  }
  ctx.out << Cell("编号", 10) << Cell("事项", 28) << Cell("期间", 18) << Cell("期限", 12)
          << "状态\n";
  for (const DueLine& l : report.lines) {
    ctx.out << Cell(ShortId(l.row.id), 10)
            << Cell(l.row.Get(Field::kItemL1) + " / " + l.row.Get(Field::kItemL2), 28)
            << Cell(l.periodic ? l.period : "—", 18)
            << Cell(l.periodic ? deadline::FormatIsoDate(*l.result.deadline) : "—", 12)
            << l.status_text
            << (l.result.status == Compliance::kUnparsed ? "：" + l.row.Get(Field::kTimeLimit) : "")
            << "\n";
  }
  if (report.counts["missing"] > 0) {
    ctx.out
        << "有 " << report.counts["missing"]
        << " 项已逾期：公开后用 gongkai-station record 编号 --period 期间 --posted 日期 登记。\n";
  }
  return Status::Ok();
}

}  // namespace

CommandSpec DueCommand() {
  return {
      .name = "due",
      .flags = {DirFlag(),
                {"period", true, false, "期间", "看这一期，如 2026年11月、2026年第四季度 (period)"},
                TodayFlag(),
                HolidaysFlag(),
                JsonFlag()},
      .run = RunDue};
}

}  // namespace gongkai::station
