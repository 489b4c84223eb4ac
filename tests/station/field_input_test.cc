#include "station/edits/field_input.h"

#include <gtest/gtest.h>

namespace gongkai::station {
namespace {

TEST(FieldInput, FieldByKeyOrChineseLabel) {
  EXPECT_EQ(*ParseFieldName("channels"), Field::kChannels);
  EXPECT_EQ(*ParseFieldName("公开渠道和载体"), Field::kChannels);
  EXPECT_EQ(*ParseFieldName(" 公开时限 "), Field::kTimeLimit);
}

TEST(FieldInput, UnknownFieldListsTheChoices) {
  auto f = ParseFieldName("颜色");
  ASSERT_FALSE(f.ok());
  EXPECT_EQ(f.status().reason(), "unknown_field");
  EXPECT_NE(f.status().message().find("颜色"), std::string::npos);
  EXPECT_NE(f.status().message().find("time_limit(公开时限)"), std::string::npos);
}

TEST(FieldInput, SetValuesBecomeCanonical) {
  EXPECT_EQ(*ParseFieldInput(Field::kLevels, "村级、乡级"), "乡级、村级");
  EXPECT_EQ(*ParseFieldInput(Field::kMode, "依申请，主动"), "主动、依申请");
}

TEST(FieldInput, UnknownSetValueIsRefused) {
  for (Field f : {Field::kChannels, Field::kAudience, Field::kMode, Field::kLevels}) {
    auto v = ParseFieldInput(f, "飞鸽传书");
    ASSERT_FALSE(v.ok());
    EXPECT_EQ(v.status().reason(), "unknown_value");
    EXPECT_EQ(v.status().field(), Spec(f).key);
  }
}

TEST(FieldInput, TextIsTrimmed) {
  EXPECT_EQ(*ParseFieldInput(Field::kTimeLimit, "  每季度\u3000"), "每季度");
}

TEST(FieldInput, InvalidUtf8IsRefused) {
  auto v = ParseFieldInput(Field::kNotes, "\xC4\xE3\xBA\xC3");  // 你好 in GBK
  ASSERT_FALSE(v.ok());
  EXPECT_EQ(v.status().reason(), "invalid_utf8");
  EXPECT_EQ(v.status().field(), "notes");
}

TEST(FieldInput, TooLongIsRefused) {
  std::string long_text;
  for (int i = 0; i < 201; ++i) long_text += "字";
  EXPECT_EQ(ParseFieldInput(Field::kTimeLimit, long_text).status().reason(), "too_long");
}

TEST(FieldInput, SetAssignment) {
  auto a = ParseSetAssignment("公开渠道和载体=政府网站、便民服务站");
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  EXPECT_EQ(a->first, Field::kChannels);
  EXPECT_EQ(a->second, "政府网站、便民服务站");
  auto b = ParseSetAssignment("notes=a=b");
  EXPECT_EQ(b->second, "a=b");
  EXPECT_EQ(ParseSetAssignment("公开时限").status().reason(), "bad_assignment");
  EXPECT_EQ(ParseSetAssignment("colour=red").status().reason(), "unknown_field");
}

TEST(FieldInput, FlagNames) {
  EXPECT_EQ(FieldFlag(Field::kItemL1), "--item-l1");
  EXPECT_EQ(FieldFlag(Field::kChannelsOther), "--channels-other");
}

}  // namespace
}  // namespace gongkai::station
