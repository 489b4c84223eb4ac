// 公开时限 texts as real catalogs write them (the 2019–2020 标准指引, township
// catalogs, 村务公开 rows) and what ParseTimeLimit makes of each.
#include "core/deadline/schedule.h"

#include <gtest/gtest.h>

namespace gongkai::deadline {
namespace {

struct Row {
  const char* text;
  const char* described;     // DescribeSchedule; 时限无法自动计算 when unparsed
  const char* why_contains;  // unparsed only: a piece of unparsed_reason
};

const Row kRows[] = {
    // 主动公开, 条例第26条, and the wording variants of the 标准指引.
    {"信息形成或者变更之日起20个工作日内", "自信息形成或者变更之日起20个工作日内", ""},
    {"自该信息形成或者变更之日起20个工作日内", "自信息形成或者变更之日起20个工作日内", ""},
    {"自信息形成或者变更之日起二十个工作日内", "自信息形成或者变更之日起20个工作日内", ""},
    {"信息形成或者变更之日起20个工作日内予以公开", "自信息形成或者变更之日起20个工作日内", ""},
    {"自信息形成（变更）之日起20个工作日内", "自信息形成（变更）之日起20个工作日内", ""},
    {"自收到申请之日起20个工作日内", "自收到申请之日起20个工作日内", ""},
    {"事项发生后7日内", "自事项发生之日起7日内", ""},
    {"事项发生后五个工作日内", "自事项发生之日起5个工作日内", ""},
    {"批复后20日内", "自批复之日起20日内", ""},
    {"项目竣工后30日内公开", "自项目竣工之日起30日内", ""},
    {"10个工作日内，公示7个工作日", "10个工作日内；公示7个工作日", ""},
    {"20个工作日内", "20个工作日内", ""},
    // Monthly.
    {"每月5日前", "每月5日前", ""},
    {"每月五日前", "每月5日前", ""},
    {"每月１０日前", "每月10日前", ""},
    {"每月　10日前", "每月10日前", ""},
    {"每月10日前公开", "每月10日前", ""},
    {"每月15号前", "每月15日前", ""},
    {"每月底前", "每月（当月底前）", ""},
    {"每月", "每月（当月底前）", ""},
    {"每月公开一次", "每月（当月底前）", ""},
    {"按月公开", "每月（当月底前）", ""},
    // Quarterly.
    {"每季度", "每季度（当季末前）", ""},
    {"  每季度\u3000", "每季度（当季末前）", ""},
    {"每季度公开一次", "每季度（当季末前）", ""},
    {"每季度至少公开一次", "每季度（当季末前）", ""},
    {"每季度首月10日前", "每季度首月10日前", ""},
    {"每季度首月二十日前", "每季度首月20日前", ""},
    {"每季度公开一次，每季度首月10日前", "每季度首月10日前", ""},
    {"每季度首月10日前公开，每季度至少公开一次", "每季度首月10日前", ""},
    {"每季度结束后15日内", "每季度结束后15日内", ""},
    {"每季度结束后十个工作日内", "每季度结束后10个工作日内", ""},
    // Half-yearly and yearly.
    {"每半年", "每半年（当半年末前）", ""},
    {"每半年公开一次", "每半年（当半年末前）", ""},
    {"每年", "每年（当年底前）", ""},
    {"每年3月31日前", "每年3月31日前", ""},
    {"每年三月三十一日前", "每年3月31日前", ""},
    {"每年6月底前", "每年6月底前", ""},
    {"每年第一季度", "每年3月底前", ""},
    {"每年一季度内", "每年3月底前", ""},
    {"每年上半年", "每年6月底前", ""},
    {"每年2月29日前", "每年2月29日前", ""},
    {"每年结束后30日内", "每年结束后30日内", ""},
    // Display periods (公示期).
    {"公示7个工作日", "无固定时限；公示7个工作日", ""},
    {"公示期不少于7日", "无固定时限；公示7日", ""},
    {"公示期不少于五个工作日", "无固定时限；公示5个工作日", ""},
    {"公示时间不少于7天", "无固定时限；公示7日", ""},
    {"事项发生后5日内，公示期不少于7日", "自事项发生之日起5日内；公示7日", ""},
    // No fixed deadline.
    {"长期公开", "长期公开（无固定时限）", ""},
    {"常年公开", "常年公开（无固定时限）", ""},
    {"实时公开", "实时公开（无固定时限）", ""},
    {"及时公开", "及时公开（无固定时限）", ""},
    {"随时", "随时（无固定时限）", ""},
    {"动态更新", "动态更新（无固定时限）", ""},
    {"长期公开，动态更新", "长期公开（无固定时限）", ""},
    // Not understood: never a guess.
    {"每季度首月20日前；财务往来多的每月", "时限无法自动计算", "财务往来多的每月"},
    {"每季度首月20日前，每月10日前", "时限无法自动计算", "两种说法"},
    {"长期公开，每月10日前", "时限无法自动计算", "两种说法"},
    {"根据工作进度", "时限无法自动计算", "根据工作进度"},
    {"依申请公开", "时限无法自动计算", "依申请公开"},
    {"每月32日前", "时限无法自动计算", "超出范围"},
    {"每年2月30日前", "时限无法自动计算", "超出范围"},
    {"每年13月1日前", "时限无法自动计算", "超出范围"},
    {"每年第五季度", "时限无法自动计算", "超出范围"},
    {"事项发生后400日内", "时限无法自动计算", "超出范围"},
    {"", "时限无法自动计算", "没有写时限"},
    {"，；", "时限无法自动计算", "没有写时限"},
    {"1个月内", "时限无法自动计算", "1个月内"},
    {"每月初", "时限无法自动计算", "每月初"},
    {"政策出台后", "时限无法自动计算", "政策出台后"},
    {"公示7日，公示10日", "时限无法自动计算", "公示期写了两次"},
    {"每季度第二个月10日前", "时限无法自动计算", "每季度第2个月10日前"},
    {"每年6月前", "时限无法自动计算", "每年6月前"},
    {"每月10日前公开上月收支情况", "时限无法自动计算", "每月10日前公开上月收支情况"},
    {"\xff\xfe", "时限无法自动计算", "UTF-8"},
};

TEST(ParseTimeLimit, RealCatalogTexts) {
  ASSERT_GE(std::size(kRows), 40u);
  for (const Row& row : kRows) {
    SCOPED_TRACE(row.text);
    Schedule s = ParseTimeLimit(row.text);
    EXPECT_EQ(s.text, row.text);  // the original is kept, always
    EXPECT_EQ(DescribeSchedule(s), row.described);
    EXPECT_EQ(s.parsed, std::string_view(row.described) != kUnparsedLabel);
    if (!s.parsed) {
      EXPECT_NE(s.unparsed_reason.find(row.why_contains), std::string::npos) << s.unparsed_reason;
    }
  }
}

TEST(ParseTimeLimit, DescriptionReadsBackToTheSameSchedule) {
  for (const Row& row : kRows) {
    Schedule s = ParseTimeLimit(row.text);
    if (!s.parsed) continue;
    if (s.kind == DeadlineKind::kNone) continue;  // "（无固定时限）" is not a rule
    std::string described = DescribeSchedule(s);
    // A trailing "（当月底前）" explains the rule; the rest is the rule itself.
    size_t semi = described.find("；");
    std::string head = described.substr(0, semi);
    std::string tail = semi == std::string::npos ? "" : described.substr(semi);
    if (head.ends_with("）")) head = head.substr(0, head.rfind("（"));
    std::string plain = head + tail;
    Schedule again = ParseTimeLimit(plain);
    SCOPED_TRACE(std::string(row.text) + " → " + plain);
    ASSERT_TRUE(again.parsed) << again.unparsed_reason;
    EXPECT_EQ(DescribeSchedule(again), described);
  }
}

TEST(ParseTimeLimit, TypedFieldsOfTheCommonForms) {
  Schedule monthly = ParseTimeLimit("每月5日前");
  EXPECT_EQ(monthly.kind, DeadlineKind::kDayOfPeriod);
  EXPECT_EQ(monthly.cycle, Cycle::kMonth);
  EXPECT_EQ(monthly.day, 5);
  EXPECT_FALSE(monthly.display.has_value());

  Schedule quarterly = ParseTimeLimit("每季度首月10日前");
  EXPECT_EQ(quarterly.cycle, Cycle::kQuarter);
  EXPECT_EQ(quarterly.month_in_period, 1);
  EXPECT_EQ(quarterly.day, 10);

  Schedule yearly = ParseTimeLimit("每年第一季度");
  EXPECT_EQ(yearly.cycle, Cycle::kYear);
  EXPECT_EQ(yearly.month_in_period, 3);
  EXPECT_EQ(yearly.day, 0);

  Schedule event = ParseTimeLimit("自该信息形成或者变更之日起20个工作日内");
  EXPECT_EQ(event.kind, DeadlineKind::kAfterEvent);
  EXPECT_EQ(event.event, "信息形成或者变更");
  EXPECT_EQ(event.span, (Span{20, true}));

  Schedule shown = ParseTimeLimit("10个工作日内，公示7个工作日");
  EXPECT_EQ(shown.kind, DeadlineKind::kAfterEvent);
  EXPECT_EQ(shown.event, "");
  EXPECT_EQ(shown.span, (Span{10, true}));
  ASSERT_TRUE(shown.display.has_value());
  EXPECT_EQ(*shown.display, (Span{7, true}));

  Schedule none = ParseTimeLimit("长期公开");
  EXPECT_TRUE(none.parsed);
  EXPECT_EQ(none.kind, DeadlineKind::kNone);
  EXPECT_FALSE(none.periodic());
}

TEST(ParseTimeLimit, StableJsonNames) {
  EXPECT_STREQ(DeadlineKindName(DeadlineKind::kNone), "none");
  EXPECT_STREQ(DeadlineKindName(DeadlineKind::kWithinPeriod), "within_period");
  EXPECT_STREQ(DeadlineKindName(DeadlineKind::kDayOfPeriod), "day_of_period");
  EXPECT_STREQ(DeadlineKindName(DeadlineKind::kAfterPeriodEnd), "after_period_end");
  EXPECT_STREQ(DeadlineKindName(DeadlineKind::kAfterEvent), "after_event");
  EXPECT_STREQ(CycleName(Cycle::kMonth), "month");
  EXPECT_STREQ(CycleName(Cycle::kQuarter), "quarter");
  EXPECT_STREQ(CycleName(Cycle::kHalfYear), "half_year");
  EXPECT_STREQ(CycleName(Cycle::kYear), "year");
}

}  // namespace
}  // namespace gongkai::deadline
