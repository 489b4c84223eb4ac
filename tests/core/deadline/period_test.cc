#include "core/deadline/period.h"

#include <gtest/gtest.h>

namespace gongkai::deadline {
namespace {

Period P(std::string_view text) {
  Result<Period> p = ParsePeriod(text);
  EXPECT_TRUE(p.ok()) << text << ": " << p.status().ToString();
  return p.ok() ? *p : Period{};
}

TEST(ParsePeriod, EveryDocumentedForm) {
  struct Case {
    const char* text;
    const char* normal;
    const char* first;
    const char* last;
  };
  const Case kCases[] = {
      {"2026年11月", "2026年11月", "2026-11-01", "2026-11-30"},
      {"2026年11月份", "2026年11月", "2026-11-01", "2026-11-30"},
      {"2026-02", "2026年2月", "2026-02-01", "2026-02-28"},
      {"2028年2月", "2028年2月", "2028-02-01", "2028-02-29"},
      {"２０２６年十一月", "2026年11月", "2026-11-01", "2026-11-30"},
      {"二〇二六年十一月", "2026年11月", "2026-11-01", "2026-11-30"},
      {"2026年四季度", "2026年第四季度", "2026-10-01", "2026-12-31"},
      {"2026年第四季度", "2026年第四季度", "2026-10-01", "2026-12-31"},
      {"2026年第4季度", "2026年第四季度", "2026-10-01", "2026-12-31"},
      {"2026年一季度", "2026年第一季度", "2026-01-01", "2026-03-31"},
      {"2026Q2", "2026年第二季度", "2026-04-01", "2026-06-30"},
      {"2026年上半年", "2026年上半年", "2026-01-01", "2026-06-30"},
      {"2026年下半年", "2026年下半年", "2026-07-01", "2026-12-31"},
      {"2026年", "2026年", "2026-01-01", "2026-12-31"},
      {"2026年度", "2026年", "2026-01-01", "2026-12-31"},
      {"2026-11-05", "2026年11月5日", "2026-11-05", "2026-11-05"},
      {"2026年11月5日", "2026年11月5日", "2026-11-05", "2026-11-05"},
      {"2028年2月29日", "2028年2月29日", "2028-02-29", "2028-02-29"},
  };
  for (const Case& c : kCases) {
    SCOPED_TRACE(c.text);
    Period p = P(c.text);
    EXPECT_EQ(FormatPeriod(p), c.normal);
    EXPECT_EQ(FormatIsoDate(FirstDay(p)), c.first);
    EXPECT_EQ(FormatIsoDate(LastDay(p)), c.last);
    EXPECT_EQ(P(FormatPeriod(p)), p);  // the normal form reads back
  }
}

TEST(ParsePeriod, RefusesWhatIsNotAPeriod) {
  for (const char* bad : {"", "11月", "2026年13月", "2026年0月", "2026年第五季度", "2026Q0",
                          "2026年中半年", "2026-13", "2026-02-30", "2027年2月29日", "26年",
                          "1800年", "本月", "2026年11月上旬", "\xff"}) {
    SCOPED_TRACE(bad);
    Result<Period> p = ParsePeriod(bad);
    ASSERT_FALSE(p.ok());
    EXPECT_EQ(p.status().code(), Code::kInvalidArgument);
    EXPECT_EQ(p.status().reason(), "bad_period");
  }
}

TEST(PeriodArithmetic, ContainingAndShifting) {
  Date d = ParseIsoDate("2026-11-17").value();
  EXPECT_EQ(FormatPeriod(PeriodContaining(Cycle::kMonth, d)), "2026年11月");
  EXPECT_EQ(FormatPeriod(PeriodContaining(Cycle::kQuarter, d)), "2026年第四季度");
  EXPECT_EQ(FormatPeriod(PeriodContaining(Cycle::kHalfYear, d)), "2026年下半年");
  EXPECT_EQ(FormatPeriod(PeriodContaining(Cycle::kYear, d)), "2026年");
  EXPECT_EQ(FormatPeriod(ShiftPeriod(P("2026年12月"), 1)), "2027年1月");
  EXPECT_EQ(FormatPeriod(ShiftPeriod(P("2026年1月"), -1)), "2025年12月");
  EXPECT_EQ(FormatPeriod(ShiftPeriod(P("2026年第四季度"), 1)), "2027年第一季度");
  EXPECT_EQ(FormatPeriod(ShiftPeriod(P("2026年第一季度"), -5)), "2024年第四季度");
  EXPECT_EQ(FormatPeriod(ShiftPeriod(P("2026年下半年"), 1)), "2027年上半年");
  EXPECT_EQ(FormatPeriod(ShiftPeriod(P("2026年"), -1)), "2025年");
  EXPECT_EQ(FormatPeriod(ShiftPeriod(P("2026-12-31"), 1)), "2027年1月1日");
}

}  // namespace
}  // namespace gongkai::deadline
