#include "core/catalog/set_value.h"

#include <gtest/gtest.h>

namespace gongkai {
namespace {

TEST(CanonicalSetValue, OrdersByFixedListAndDedupes) {
  auto v = CanonicalSetValue(Field::kLevels, "村级、县级、村级");
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(*v, "县级、村级");
}

TEST(CanonicalSetValue, AcceptsCommasAndSpaces) {
  auto v = CanonicalSetValue(Field::kChannels, " 便民服务站， 政府网站,精准推送 ");
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(*v, "政府网站、便民服务站、精准推送");
}

TEST(CanonicalSetValue, UnknownElementNamesFieldAndChoices) {
  auto v = CanonicalSetValue(Field::kMode, "主动、偶尔");
  ASSERT_FALSE(v.ok());
  EXPECT_EQ(v.status().reason(), "unknown_value");
  EXPECT_EQ(v.status().field(), "mode");
  EXPECT_NE(v.status().message().find("依申请"), std::string::npos);
}

TEST(CanonicalSetValue, EmptyTextIsEmptySet) { EXPECT_EQ(*CanonicalSetValue(Field::kStages, ""), ""); }

TEST(MergeSetValues, TwoVillagesAddDifferentChannelsBothKept) {
  // base {政府网站}; proposed already has 便民服务站 added by another village;
  // this change adds 精准推送.
  std::string merged =
      MergeSetValues(Field::kChannels, "政府网站", "政府网站、便民服务站", "政府网站、精准推送");
  EXPECT_EQ(merged, "政府网站、便民服务站、精准推送");
}

TEST(MergeSetValues, RemovalAppliesOnlyToWhatThisChangeRemoved) {
  std::string merged = MergeSetValues(Field::kLevels, "县级、乡级", "县级、乡级、村级", "乡级");
  EXPECT_EQ(merged, "乡级、村级");
}

TEST(SplitSetValue, SplitsCanonicalText) {
  auto parts = SplitSetValue("县级、乡级");
  ASSERT_EQ(parts.size(), 2u);
  EXPECT_EQ(parts[1], "乡级");
  EXPECT_TRUE(SplitSetValue("").empty());
}

}  // namespace
}  // namespace gongkai
