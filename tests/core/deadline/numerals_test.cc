#include "core/deadline/numerals.h"

#include <gtest/gtest.h>

namespace gongkai::deadline {
namespace {

TEST(NormalizeNumerals, ChineseNumeralsBecomeDecimal) {
  EXPECT_EQ(NormalizeNumerals("五"), "5");
  EXPECT_EQ(NormalizeNumerals("十"), "10");
  EXPECT_EQ(NormalizeNumerals("十五"), "15");
  EXPECT_EQ(NormalizeNumerals("二十"), "20");
  EXPECT_EQ(NormalizeNumerals("三十一"), "31");
  EXPECT_EQ(NormalizeNumerals("两个工作日"), "2个工作日");
  EXPECT_EQ(NormalizeNumerals("一百零五日"), "105日");
  EXPECT_EQ(NormalizeNumerals("二〇二六年"), "2026年");
  EXPECT_EQ(NormalizeNumerals("第四季度"), "第4季度");
}

TEST(NormalizeNumerals, FullWidthDigitsAndSpaces) {
  EXPECT_EQ(NormalizeNumerals("每月１０日前"), "每月10日前");
  EXPECT_EQ(NormalizeNumerals(" 每月\u300010 日前\t"), "每月10日前");
  EXPECT_EQ(NormalizeNumerals("２０２６年１１月"), "2026年11月");
}

TEST(NormalizeNumerals, OtherTextIsKept) {
  EXPECT_EQ(NormalizeNumerals("信息形成或者变更之日起"), "信息形成或者变更之日起");
  EXPECT_EQ(NormalizeNumerals(""), "");
  EXPECT_EQ(NormalizeNumerals(std::string("\xff 一", 5)),
            std::string("\xff 一", 5));  // not UTF-8: as is
}

}  // namespace
}  // namespace gongkai::deadline
