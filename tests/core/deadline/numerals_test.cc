#include "core/deadline/numerals.h"

#include <gtest/gtest.h>

#include "tests/testing/text_cases.h"

namespace gongkai::deadline {
namespace {

TEST(NormalizeNumerals, ChineseNumeralsBecomeDecimal) {
  ExpectEachGives(NormalizeNumerals, {{"五", "5"},
                                      {"十", "10"},
                                      {"十五", "15"},
                                      {"二十", "20"},
                                      {"三十一", "31"},
                                      {"两个工作日", "2个工作日"},
                                      {"一百零五日", "105日"},
                                      {"二〇二六年", "2026年"},
                                      {"第四季度", "第4季度"}});
}

TEST(NormalizeNumerals, FullWidthDigitsAndSpaces) {
  ExpectEachGives(NormalizeNumerals, {{"每月１０日前", "每月10日前"},
                                      {" 每月\u300010 日前\t", "每月10日前"},
                                      {"２０２６年１１月", "2026年11月"}});
}

TEST(NormalizeNumerals, OtherTextIsKept) {
  ExpectEachGives(NormalizeNumerals,
                  {{"信息形成或者变更之日起", "信息形成或者变更之日起"},
                   {"", ""},
                   {std::string("\xff 一", 5), std::string("\xff 一", 5)}});  // not UTF-8: as is
}

}  // namespace
}  // namespace gongkai::deadline
