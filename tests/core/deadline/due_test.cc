#include "core/deadline/due.h"

#include <gtest/gtest.h>

namespace gongkai::deadline {
namespace {

Result<Date> Compute(std::string_view time_limit, std::string_view period) {
  return DeadlineFor(ParseTimeLimit(time_limit), ParsePeriod(period).value(),
                     WorkCalendar::Default());
}

std::string Due(std::string_view time_limit, std::string_view period) {
  Result<Date> d = Compute(time_limit, period);
  EXPECT_TRUE(d.ok()) << time_limit << " / " << period << ": " << d.status().ToString();
  return d.ok() ? FormatIsoDate(*d) : "";
}

Status DueError(std::string_view time_limit, std::string_view period) {
  Result<Date> d = Compute(time_limit, period);
  EXPECT_FALSE(d.ok()) << time_limit << " / " << period;
  return d.status();
}

TEST(DeadlineFor, MonthlyAtMonthEndsAndLeapYears) {
  EXPECT_EQ(Due("每月5日前", "2026年11月"), "2026-11-05");
  EXPECT_EQ(Due("每月五日前", "2026年12月"), "2026-12-05");
  EXPECT_EQ(Due("每月31日前", "2026年4月"), "2026-04-30");  // a short month ends earlier
  EXPECT_EQ(Due("每月31日前", "2026年2月"), "2026-02-28");
  EXPECT_EQ(Due("每月30日前", "2028年2月"), "2028-02-29");  // leap year
  EXPECT_EQ(Due("每月底前", "2028年2月"), "2028-02-29");
  EXPECT_EQ(Due("每月", "2027年2月"), "2027-02-28");
}

TEST(DeadlineFor, FixedDatesDoNotMoveOffHolidays) {
  // 每季度首月5日前 names a date; 2026-10-05 is in the 国庆节 holiday and
  // stays the deadline (docs/deadlines.md § Rest days).
  EXPECT_EQ(Due("每季度首月5日前", "2026年第四季度"), "2026-10-05");
  EXPECT_EQ(Due("每季度首月10日前", "2027年第一季度"), "2027-01-10");
  EXPECT_EQ(Due("每季度公开一次，每季度首月10日前", "2026年第三季度"), "2026-07-10");
}

TEST(DeadlineFor, QuarterHalfAndYearEnds) {
  EXPECT_EQ(Due("每季度", "2026年第一季度"), "2026-03-31");
  EXPECT_EQ(Due("每季度", "2026年第四季度"), "2026-12-31");
  EXPECT_EQ(Due("每半年", "2026年上半年"), "2026-06-30");
  EXPECT_EQ(Due("每半年公开一次", "2026年下半年"), "2026-12-31");
  EXPECT_EQ(Due("每年", "2026年"), "2026-12-31");
  EXPECT_EQ(Due("每年3月31日前", "2026年"), "2026-03-31");
  EXPECT_EQ(Due("每年第一季度", "2027年"), "2027-03-31");
  EXPECT_EQ(Due("每年6月底前", "2026年"), "2026-06-30");
  EXPECT_EQ(Due("每年2月29日前", "2026年"), "2026-02-28");
  EXPECT_EQ(Due("每年2月29日前", "2028年"), "2028-02-29");
}

TEST(DeadlineFor, CountedAfterThePeriodEnd) {
  EXPECT_EQ(Due("每季度结束后15日内", "2026年第三季度"), "2026-10-15");
  EXPECT_EQ(Due("每季度结束后15日内", "2026年第四季度"), "2027-01-15");  // into the next year
  // A calendar-day limit ending on a rest day moves to the next working day:
  // 2026-10-05 is in the 国庆节 holiday, 2027-01-30 a Saturday.
  EXPECT_EQ(Due("每月结束后5日内", "2026年9月"), "2026-10-08");
  EXPECT_EQ(Due("每年结束后30日内", "2026年"), "2027-02-01");
  // Working days skip the holiday and count the 调休 Saturday (2026-10-10).
  EXPECT_EQ(Due("每季度结束后十个工作日内", "2026年第三季度"), "2026-10-20");
}

TEST(DeadlineFor, CountedFromAnEvent) {
  EXPECT_EQ(Due("自信息形成或者变更之日起20个工作日内", "2026-09-15"), "2026-10-19");
  EXPECT_EQ(Due("事项发生后7日内", "2026-11-05"), "2026-11-12");
  EXPECT_EQ(Due("事项发生后7日内", "2026-09-24"), "2026-10-08");  // 10-01 is 国庆节
  EXPECT_EQ(Due("10个工作日内，公示7个工作日", "2026-02-12"), "2026-03-04");
  Status missing = DueError("事项发生后7日内", "2028-02-28");
  EXPECT_EQ(missing.code(), Code::kFailedPrecondition);
  EXPECT_EQ(missing.reason(), "holiday_year_missing");
}

TEST(DeadlineFor, NoDeadlineIsSaidNotGuessed) {
  Status unparsed = DueError("每季度首月20日前；财务往来多的每月", "2026年第四季度");
  EXPECT_EQ(unparsed.code(), Code::kFailedPrecondition);
  EXPECT_EQ(unparsed.reason(), "time_limit_unparsed");
  EXPECT_NE(unparsed.message().find("时限无法自动计算"), std::string::npos);
  EXPECT_NE(unparsed.message().find("财务往来多的每月"), std::string::npos);

  Status none = DueError("长期公开", "2026年11月");
  EXPECT_EQ(none.code(), Code::kFailedPrecondition);
  EXPECT_EQ(none.reason(), "no_fixed_deadline");
  EXPECT_EQ(DueError("公示7个工作日", "2026-11-05").reason(), "no_fixed_deadline");
}

TEST(DeadlineFor, PeriodOfTheWrongKind) {
  for (auto [limit, period] :
       {std::pair{"每月5日前", "2026年第四季度"}, std::pair{"每季度", "2026年11月"},
        std::pair{"每年3月31日前", "2026年上半年"}, std::pair{"事项发生后7日内", "2026年11月"},
        std::pair{"每月5日前", "2026-11-05"}}) {
    SCOPED_TRACE(std::string(limit) + " / " + period);
    Status s = DueError(limit, period);
    EXPECT_EQ(s.code(), Code::kInvalidArgument);
    EXPECT_EQ(s.reason(), "period_mismatch");
  }
  EXPECT_NE(DueError("每月5日前", "2026年第四季度").message().find("例如 2026年11月"),
            std::string::npos);
}

TEST(Judge, OnTimeUpToAndIncludingTheDeadlineDay) {
  Date deadline = ParseIsoDate("2026-02-28").value();
  Timeliness same = Judge(deadline, deadline);
  EXPECT_TRUE(same.on_time);
  EXPECT_EQ(same.days_late, 0);
  EXPECT_TRUE(Judge(ParseIsoDate("2026-01-15").value(), deadline).on_time);
  Timeliness late = Judge(ParseIsoDate("2026-03-02").value(), deadline);
  EXPECT_FALSE(late.on_time);
  EXPECT_EQ(late.days_late, 2);
  EXPECT_EQ(Judge(ParseIsoDate("2027-02-28").value(), deadline).days_late, 365);
}

std::string Next(std::string_view limit, std::string_view today) {
  Result<Upcoming> u =
      NextDeadline(ParseTimeLimit(limit), ParseIsoDate(today).value(), WorkCalendar::Default());
  EXPECT_TRUE(u.ok()) << u.status().ToString();
  return u.ok() ? FormatPeriod(u->period) + " " + FormatIsoDate(u->deadline) : "";
}

TEST(NextDeadline, FromToday) {
  EXPECT_EQ(Next("每月5日前", "2026-11-03"), "2026年11月 2026-11-05");
  EXPECT_EQ(Next("每月5日前", "2026-11-05"), "2026年11月 2026-11-05");
  EXPECT_EQ(Next("每月5日前", "2026-11-06"), "2026年12月 2026-12-05");
  EXPECT_EQ(Next("每季度首月10日前", "2026-12-03"), "2027年第一季度 2027-01-10");
  EXPECT_EQ(Next("每季度结束后15日内", "2027-01-10"), "2026年第四季度 2027-01-15");
  EXPECT_EQ(Next("每季度结束后15日内", "2027-01-16"), "2027年第一季度 2027-04-15");
  EXPECT_EQ(Next("每年3月31日前", "2026-12-03"), "2027年 2027-03-31");
  EXPECT_EQ(Next("每季度", "2026-12-31"), "2026年第四季度 2026-12-31");
  // The previous quarter's limit lies in 2025, which the calendar does not
  // cover; that quarter is skipped, not an error.
  EXPECT_EQ(Next("每季度结束后10个工作日内", "2026-01-05"), "2026年第一季度 2026-04-15");
}

TEST(NextDeadline, NoneForEventsAndOpenLimits) {
  Date today = ParseIsoDate("2026-12-03").value();
  const WorkCalendar& cal = WorkCalendar::Default();
  EXPECT_EQ(NextDeadline(ParseTimeLimit("事项发生后7日内"), today, cal).status().reason(),
            "event_triggered");
  EXPECT_EQ(NextDeadline(ParseTimeLimit("长期公开"), today, cal).status().reason(),
            "no_fixed_deadline");
  EXPECT_EQ(NextDeadline(ParseTimeLimit("根据工作进度"), today, cal).status().reason(),
            "time_limit_unparsed");
}

Result<DisplayCheck> Display(Span required, std::string_view from, std::string_view to) {
  return CheckDisplay(required, ParseIsoDate(from).value(), ParseIsoDate(to).value(),
                      WorkCalendar::Default());
}

TEST(CheckDisplay, CalendarDaysIncludeBothEnds) {
  Result<DisplayCheck> week = Display({7, false}, "2026-11-02", "2026-11-08");
  ASSERT_TRUE(week.ok());
  EXPECT_EQ(week->length, 7);
  EXPECT_TRUE(week->long_enough);
  Result<DisplayCheck> short_week = Display({7, false}, "2026-11-02", "2026-11-07");
  ASSERT_TRUE(short_week.ok());
  EXPECT_EQ(short_week->length, 6);
  EXPECT_FALSE(short_week->long_enough);
}

TEST(CheckDisplay, WorkingDaysSkipTheHolidayAndCountTheAdjustedSaturday) {
  // 公示7个工作日 over 国庆节: 28, 29, 30 September, 8 and 9 October are five.
  Result<DisplayCheck> five = Display({7, true}, "2026-09-28", "2026-10-09");
  ASSERT_TRUE(five.ok());
  EXPECT_EQ(five->length, 5);
  EXPECT_FALSE(five->long_enough);
  // Saturday 10 October is a working day; with Monday 12 October, seven.
  Result<DisplayCheck> seven = Display({7, true}, "2026-09-28", "2026-10-12");
  ASSERT_TRUE(seven.ok());
  EXPECT_EQ(seven->length, 7);
  EXPECT_TRUE(seven->long_enough);
}

TEST(CheckDisplay, RefusesAnEndBeforeTheStartAndUncoveredYears) {
  Result<DisplayCheck> reversed = Display({7, false}, "2026-11-08", "2026-11-02");
  ASSERT_FALSE(reversed.ok());
  EXPECT_EQ(reversed.status().code(), Code::kInvalidArgument);
  EXPECT_EQ(reversed.status().reason(), "bad_display_period");
  Result<DisplayCheck> uncovered = Display({5, true}, "2027-12-28", "2028-01-05");
  ASSERT_FALSE(uncovered.ok());
  EXPECT_EQ(uncovered.status().reason(), "holiday_year_missing");
  EXPECT_TRUE(
      Display({5, false}, "2027-12-28", "2028-01-05").ok());  // calendar days need no calendar
}

}  // namespace
}  // namespace gongkai::deadline
