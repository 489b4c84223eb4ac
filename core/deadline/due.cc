#include "core/deadline/due.h"

#include <algorithm>

#include "core/base/reasons.h"

namespace gongkai::deadline {
namespace {

// A span counted from `from`: N working days, or N calendar days whose last
// day, if a rest day, moves to the next working day (《民法典》第二百零三条).
Result<Date> AddSpan(Date from, const Span& span, const WorkCalendar& cal) {
  if (span.working_days) return cal.AddWorkingDays(from, span.count);
  return cal.OnOrNextWorkingDay(AddDays(from, span.count));
}

const char* PeriodExample(PeriodKind kind) {
  switch (kind) {
    case PeriodKind::kMonth:
      return "月份，例如 2026年11月";
    case PeriodKind::kQuarter:
      return "季度，例如 2026年第四季度";
    case PeriodKind::kHalfYear:
      return "半年，例如 2026年上半年";
    case PeriodKind::kYear:
      return "年份，例如 2026年";
    case PeriodKind::kDay:
      return "事项发生的日期，例如 2026-11-05";
  }
  return "";
}

}  // namespace

Result<Date> DeadlineFor(const Schedule& s, const Period& period, const WorkCalendar& cal) {
  if (!s.parsed) {
    return FailedPrecondition(
        "time_limit_unparsed",
        std::string(kUnparsedLabel) + "：" + s.unparsed_reason + "（公开时限：" + s.text + "）");
  }
  if (s.kind == DeadlineKind::kNone) {
    return FailedPrecondition("no_fixed_deadline", "“" + s.text + "”没有固定的公开期限");
  }
  PeriodKind wanted =
      s.kind == DeadlineKind::kAfterEvent ? PeriodKind::kDay : PeriodKindOf(s.cycle);
  if (period.kind != wanted) {
    return InvalidArgument("period_mismatch", "公开时限是“" + DescribeSchedule(s) + "”，期间应写" +
                                                  PeriodExample(wanted) + "，而不是 " +
                                                  FormatPeriod(period));
  }
  switch (s.kind) {
    case DeadlineKind::kWithinPeriod:
      return LastDay(period);
    case DeadlineKind::kDayOfPeriod: {
      unsigned month = static_cast<unsigned>(FirstDay(period).month()) +
                       static_cast<unsigned>(s.month_in_period) - 1;
      Date last = LastDayOfMonth(period.year, month);
      if (s.day == 0) return last;
      unsigned day = std::min(static_cast<unsigned>(s.day), static_cast<unsigned>(last.day()));
      return MakeDate(period.year, month, day);
    }
    case DeadlineKind::kAfterPeriodEnd:
      return AddSpan(LastDay(period), s.span, cal);
    case DeadlineKind::kAfterEvent:
      return AddSpan(period.day, s.span, cal);
    case DeadlineKind::kNone:
      break;
  }
  return Internal("deadline_kind", "unknown deadline kind");
}

Timeliness Judge(Date posted, Date deadline) {
  int late = DaysBetween(deadline, posted);
  return late > 0 ? Timeliness{false, late} : Timeliness{true, 0};
}

Result<Upcoming> NextDeadline(const Schedule& s, Date today, const WorkCalendar& cal) {
  if (s.parsed && s.kind == DeadlineKind::kAfterEvent) {
    return FailedPrecondition("event_triggered",
                              "“" + s.text + "”从事项发生之日算起，没有固定的下一个期限");
  }
  if (!s.parsed || !s.periodic()) {
    GK_RETURN_IF_ERROR(DeadlineFor(s, PeriodContaining(Cycle::kMonth, today), cal).status());
  }
  Period current = PeriodContaining(s.cycle, today);
  // A limit counted after the period's end can still be ahead for the
  // previous period; look there first.
  int first_step = s.kind == DeadlineKind::kAfterPeriodEnd ? -1 : 0;
  for (int step = first_step; step <= 2; ++step) {
    Period p = ShiftPeriod(current, step);
    Result<Date> due = DeadlineFor(s, p, cal);
    if (!due.ok()) {
      if (step < 0 && due.status().reason() == reason::kHolidayYearMissing) continue;
      return due.status();
    }
    if (DaysBetween(today, *due) >= 0) return Upcoming{p, *due};
  }
  return Internal("no_next_deadline", "no deadline found in the next periods");
}

Result<DisplayCheck> CheckDisplay(const Span& required, Date from, Date to,
                                  const WorkCalendar& cal) {
  int days = DaysBetween(from, to) + 1;
  if (days < 1) {
    return InvalidArgument("bad_display_period", "公示期的结束日期 " + FormatIsoDate(to) +
                                                     " 早于开始日期 " + FormatIsoDate(from));
  }
  DisplayCheck check;
  if (!required.working_days) {
    check.length = days;
  } else {
    for (Date d = from; DaysBetween(d, to) >= 0; d = AddDays(d, 1)) {
      GK_ASSIGN_OR_RETURN(bool working, cal.IsWorkingDay(d));
      if (working) ++check.length;
    }
  }
  check.long_enough = check.length >= required.count;
  return check;
}

}  // namespace gongkai::deadline
