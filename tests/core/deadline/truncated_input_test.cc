// Every prefix of every known input — cut mid-character too — is read
// without a crash or an exception: a time limit stays its own text, a period
// or holiday file is either read or refused with INVALID_ARGUMENT.
#include <gtest/gtest.h>

#include "core/deadline/due.h"

namespace gongkai::deadline {
namespace {

const char* const kTimeLimits[] = {"自该信息形成或者变更之日起二十个工作日内",
                                   "每季度公开一次，每季度首月10日前",
                                   "10个工作日内，公示7个工作日",
                                   "每年第一季度",
                                   "每季度结束后１５日内",
                                   "公示期不少于7日",
                                   "每季度首月20日前；财务往来多的每月",
                                   "每年2月29日前",
                                   "长期公开，动态更新"};

TEST(TruncatedInput, TimeLimitPrefixesAreReadOrUnparsedNeverGuessed) {
  const WorkCalendar& cal = WorkCalendar::Default();
  Date today = ParseIsoDate("2026-12-03").value();
  for (std::string_view text : kTimeLimits) {
    for (size_t n = 0; n <= text.size(); ++n) {
      std::string_view prefix = text.substr(0, n);
      Schedule s = ParseTimeLimit(prefix);
      ASSERT_EQ(s.text, prefix);
      EXPECT_FALSE(DescribeSchedule(s).empty());
      if (!s.parsed) {
        EXPECT_FALSE(s.unparsed_reason.empty()) << prefix;
        EXPECT_EQ(NextDeadline(s, today, cal).status().reason(), "time_limit_unparsed");
      } else if (s.periodic()) {
        EXPECT_TRUE(NextDeadline(s, today, cal).ok()) << prefix;
      }
    }
  }
}

TEST(TruncatedInput, PeriodPrefixesAreReadOrRefused) {
  for (std::string_view text :
       {"2026年第四季度", "２０２６年十一月", "2026年11月5日", "2026年上半年"}) {
    for (size_t n = 0; n < text.size(); ++n) {
      Result<Period> p = ParsePeriod(text.substr(0, n));
      if (!p.ok()) {
        EXPECT_EQ(p.status().reason(), "bad_period");
      }
    }
  }
}

TEST(TruncatedInput, HolidayFilePrefixesAreReadOrRefused) {
  std::string_view text = DefaultHolidaysText();
  for (size_t n = 0; n <= text.size(); ++n) {
    Result<WorkCalendar> cal = WorkCalendar::Parse(text.substr(0, n));
    if (!cal.ok()) {
      EXPECT_EQ(cal.status().code(), Code::kInvalidArgument) << n;
    }
  }
}

}  // namespace
}  // namespace gongkai::deadline
