#include "core/deadline/work_calendar.h"

#include <gtest/gtest.h>

#include "core/base/hex.h"
#include "core/crypto/sha256.h"

namespace gongkai::deadline {
namespace {

Date D(std::string_view iso) { return ParseIsoDate(iso).value(); }

bool Working(const WorkCalendar& cal, std::string_view iso) {
  Result<bool> r = cal.IsWorkingDay(D(iso));
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() && *r;
}

std::string AddWorking(const WorkCalendar& cal, std::string_view iso, int n) {
  Result<Date> r = cal.AddWorkingDays(D(iso), n);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? FormatIsoDate(*r) : "";
}

TEST(WorkCalendar, DefaultCovers2026And2027Only) {
  const WorkCalendar& cal = WorkCalendar::Default();
  EXPECT_TRUE(cal.Covers(2026));
  EXPECT_TRUE(cal.Covers(2027));
  EXPECT_FALSE(cal.Covers(2025));
  EXPECT_FALSE(cal.Covers(2028));
  Result<bool> before = cal.IsWorkingDay(D("2025-12-31"));
  ASSERT_FALSE(before.ok());
  EXPECT_EQ(before.status().code(), Code::kFailedPrecondition);
  EXPECT_EQ(before.status().reason(), "holiday_year_missing");
  Result<Date> across = cal.AddWorkingDays(D("2027-12-20"), 20);  // runs into 2028
  ASSERT_FALSE(across.ok());
  EXPECT_EQ(across.status().reason(), "holiday_year_missing");
}

TEST(WorkCalendar, SpringFestival2026WithAdjustedSaturdays) {
  const WorkCalendar& cal = WorkCalendar::Default();
  EXPECT_TRUE(Working(cal, "2026-02-13"));  // Friday
  EXPECT_TRUE(Working(cal, "2026-02-14"));  // Saturday, 调休上班
  for (const char* off : {"2026-02-15", "2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19",
                          "2026-02-20", "2026-02-23"}) {
    EXPECT_FALSE(Working(cal, off)) << off;
  }
  EXPECT_TRUE(Working(cal, "2026-02-24"));   // Tuesday, back at work
  EXPECT_TRUE(Working(cal, "2026-02-28"));   // Saturday, 调休上班
  EXPECT_FALSE(Working(cal, "2026-03-01"));  // Sunday
  EXPECT_EQ(AddWorking(cal, "2026-02-12", 1), "2026-02-13");
  EXPECT_EQ(AddWorking(cal, "2026-02-12", 2), "2026-02-14");
  EXPECT_EQ(AddWorking(cal, "2026-02-12", 3), "2026-02-24");
  EXPECT_EQ(AddWorking(cal, "2026-02-15", 5), "2026-02-28");  // Tue–Fri, then the working Saturday
}

TEST(WorkCalendar, NationalDayAndMidAutumn2026) {
  const WorkCalendar& cal = WorkCalendar::Default();
  EXPECT_TRUE(Working(cal, "2026-09-20"));   // Sunday, 调休上班
  EXPECT_FALSE(Working(cal, "2026-09-25"));  // 中秋节, a Friday
  for (int d = 1; d <= 7; ++d) EXPECT_FALSE(Working(cal, "2026-10-0" + std::to_string(d)));
  EXPECT_TRUE(Working(cal, "2026-10-08"));
  EXPECT_TRUE(Working(cal, "2026-10-10"));  // Saturday, 调休上班
  EXPECT_FALSE(Working(cal, "2026-10-11"));
  EXPECT_EQ(AddWorking(cal, "2026-09-30", 1), "2026-10-08");
  EXPECT_EQ(AddWorking(cal, "2026-09-30", 3), "2026-10-10");
  EXPECT_EQ(AddWorking(cal, "2026-09-30", 4), "2026-10-12");
  // 20 working days from 15 September: three in that week, the working
  // Sunday, four, three after 中秋, then 8, 9, the working Saturday, 12–16, 19.
  EXPECT_EQ(AddWorking(cal, "2026-09-15", 20), "2026-10-19");
}

TEST(WorkCalendar, CountsAcrossTheYearEnd) {
  const WorkCalendar& cal = WorkCalendar::Default();
  EXPECT_FALSE(Working(cal, "2027-01-01"));  // 元旦
  EXPECT_EQ(AddWorking(cal, "2026-12-25", 10), "2027-01-11");
  EXPECT_EQ(AddWorking(cal, "2026-12-25", 0), "2026-12-25");
  Result<Date> next = cal.OnOrNextWorkingDay(D("2026-12-31"));
  ASSERT_TRUE(next.ok());
  EXPECT_EQ(FormatIsoDate(*next), "2026-12-31");
  next = cal.OnOrNextWorkingDay(D("2027-01-01"));
  ASSERT_TRUE(next.ok());
  EXPECT_EQ(FormatIsoDate(*next), "2027-01-04");
}

// The example of docs/formats/holidays.md, byte for byte, and what it means.
constexpr std::string_view kDocExample =
    "# 红旗镇 2026 年工作日历\n"
    "年份 2026 国办发明电〔2025〕7号\n"
    "2026-10-01 至 2026-10-07 休 国庆节\n"
    "2026-09-20 班 国庆节调休上班\n"
    "2026-10-10 班\n";

TEST(WorkCalendarFormat, DocumentedExampleGolden) {
  Result<WorkCalendar> cal = WorkCalendar::Parse(kDocExample);
  ASSERT_TRUE(cal.ok()) << cal.status().ToString();
  ASSERT_EQ(cal->years().size(), 1u);
  EXPECT_EQ(cal->years().at(2026), "国办发明电〔2025〕7号");
  std::vector<std::string> got;
  for (const auto& [day, rule] : cal->exceptions()) {
    Date d{std::chrono::sys_days{std::chrono::days{day}}};
    got.push_back(FormatIsoDate(d) + (rule.working ? " 班 " : " 休 ") + rule.name);
  }
  EXPECT_EQ(got, (std::vector<std::string>{
                     "2026-09-20 班 国庆节调休上班", "2026-10-01 休 国庆节", "2026-10-02 休 国庆节",
                     "2026-10-03 休 国庆节", "2026-10-04 休 国庆节", "2026-10-05 休 国庆节",
                     "2026-10-06 休 国庆节", "2026-10-07 休 国庆节", "2026-10-10 班 "}));
}

TEST(WorkCalendarFormat, ByteOrderMarkCrLfAndSpacingReadTheSame) {
  std::string crlf = "\xEF\xBB\xBF";
  for (char c : kDocExample) crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
  crlf += "\t2026-12-31\t休   除夕前\r\n";
  Result<WorkCalendar> a = WorkCalendar::Parse(kDocExample);
  Result<WorkCalendar> b = WorkCalendar::Parse(crlf);
  ASSERT_TRUE(b.ok()) << b.status().ToString();
  EXPECT_EQ(b->exceptions().size(), a->exceptions().size() + 1);
  Result<bool> last = b->IsWorkingDay(D("2026-12-31"));
  ASSERT_TRUE(last.ok());
  EXPECT_FALSE(*last);
}

TEST(WorkCalendarFormat, EmbeddedDefaultIsPinned) {
  // Changing the default is a change of everyone's deadlines: update this
  // hash only together with docs/formats/holidays.md § Default.
  EXPECT_EQ(HexEncode(Sha256(DefaultHolidaysText())),
            "930eaf884d269c45684804ebec0ec0702167a97543e3d2a54ca6094b7ddabe73");
  const WorkCalendar& cal = WorkCalendar::Default();
  int off = 0, on = 0;
  for (const auto& [day, rule] : cal.exceptions()) (rule.working ? on : off)++;
  EXPECT_EQ(on, 6);  // 2026: 1-4, 2-14, 2-28, 5-9, 9-20, 10-10
  EXPECT_EQ(off, 33 + 13);
}

struct BadFile {
  const char* text;
  const char* reason;
  const char* message_contains;
};

TEST(WorkCalendarFormat, EachMistakeHasItsOwnReasonAndLine) {
  const BadFile kBad[] = {
      {"年份 2026\n2026-10-01 放假\n", "holidays_bad_line", "第 2 行"},
      {"年份 26\n", "holidays_bad_line", "第 1 行"},
      {"年份 2026\n2026-10-32 休\n", "bad_date", "第 2 行"},
      {"年份 2026\n2026/10/01 休\n", "bad_date", "第 2 行"},
      {"年份 2026\n2027-01-01 休 元旦\n", "holidays_year_not_declared", "第 2 行"},
      {"年份 2026\n2026-12-30 至 2027-01-02 休\n", "holidays_year_not_declared", "第 2 行"},
      {"年份 2026\n2026-10-09 班\n", "holidays_workday_not_weekend", "2026-10-09"},
      {"年份 2026\n2026-10-03 休\n\n2026-10-03 班\n", "holidays_duplicate_day", "第 4 行"},
      {"年份 2026\n2026-10-07 至 2026-10-01 休\n", "holidays_bad_range", "第 2 行"},
      {"年份 2026\n2026-01-01 至 2026-03-01 休\n", "holidays_bad_range", "第 2 行"},
      {"# 空\n2026-10-01 休\n", "holidays_no_year", "年份"},
      {"", "holidays_no_year", "年份"},
      {"年份 2026\n年份 2026\n", "holidays_duplicate_year", "第 2 行"},
  };
  for (const BadFile& bad : kBad) {
    SCOPED_TRACE(bad.text);
    Result<WorkCalendar> cal = WorkCalendar::Parse(bad.text);
    ASSERT_FALSE(cal.ok());
    EXPECT_EQ(cal.status().code(), Code::kInvalidArgument);
    EXPECT_EQ(cal.status().reason(), bad.reason);
    EXPECT_NE(cal.status().message().find(bad.message_contains), std::string::npos)
        << cal.status().message();
  }
}

}  // namespace
}  // namespace gongkai::deadline
