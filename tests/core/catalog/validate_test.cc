#include "core/catalog/validate.h"

#include <gtest/gtest.h>

#include "tests/testing/sample_rows.h"

namespace gongkai {
namespace {

void ExpectError(const Row& row, const char* reason, const char* field) {
  Status s = ValidateRow(row);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.reason(), reason) << s.ToString();
  EXPECT_EQ(s.field(), field) << s.ToString();
}

TEST(ValidateRow, SampleRowsAreValid) {
  EXPECT_TRUE(ValidateRow(SampleRow()).ok());
  EXPECT_TRUE(ValidateRow(SampleVillageRow()).ok());
}

TEST(ValidateRow, EmptyRequiredTextField) {
  for (Field f : {Field::kArea, Field::kItemL1, Field::kItemL2, Field::kContent, Field::kBasis,
                  Field::kTimeLimit, Field::kSubject}) {
    Row r = SampleRow();
    r.Set(f, "");
    ExpectError(r, "empty_required", Spec(f).key);
  }
}

TEST(ValidateRow, EmptyRequiredSetField) {
  for (Field f : {Field::kAudience, Field::kMode, Field::kLevels}) {
    Row r = SampleRow();
    r.Set(f, "");
    ExpectError(r, "empty_required", Spec(f).key);
  }
}

TEST(ValidateRow, NoChannelAtAllIsEmptyRequired) {
  Row r = SampleRow();
  r.Set(Field::kChannels, "");
  ExpectError(r, "empty_required", "channels");
  r.Set(Field::kChannelsOther, "村广播");
  EXPECT_TRUE(ValidateRow(r).ok());
}

TEST(ValidateRow, OptionalFieldsMayBeEmpty) {
  Row r = SampleRow();
  r.Set(Field::kStages, "");
  r.Set(Field::kContact, "");
  r.Set(Field::kNotes, "");
  EXPECT_TRUE(ValidateRow(r).ok());
}

TEST(ValidateRow, UnknownValueOfAListedField) {
  struct Case {
    Field field;
    const char* value;
    const char* name;
  };
  for (const Case& c :
       {Case{Field::kChannels, "微信群", "channels"}, Case{Field::kAudience, "村民", "audience"},
        Case{Field::kMode, "被动", "mode"}, Case{Field::kLevels, "省级", "levels"},
        Case{Field::kStages, "监督", "stages"}}) {
    SCOPED_TRACE(c.name);
    Row r = SampleRow();
    r.Set(c.field, c.value);
    ExpectError(r, "unknown_value", c.name);
  }
}

TEST(ValidateRow, NonCanonicalSetOrder) {
  Row r = SampleRow();
  r.Set(Field::kLevels, "乡级、县级");  // canonical order is 县级、乡级
  ExpectError(r, "not_canonical", "levels");
}

TEST(ValidateRow, InvalidUtf8) {
  Row r = SampleRow();
  r.Set(Field::kContent, "收支\xE8\xB4");
  ExpectError(r, "invalid_utf8", "content");
}

TEST(ValidateRow, ControlCharacterInShortField) {
  Row r = SampleRow();
  r.Set(Field::kSubject, "宝丰镇\n人民政府");
  ExpectError(r, "control_character", "subject");
}

TEST(ValidateRow, NewlineAllowedInLongText) {
  Row r = SampleRow();
  r.Set(Field::kContent, "收支总体情况表\n财政拨款收支表");
  EXPECT_TRUE(ValidateRow(r).ok());
  r.Set(Field::kContent, "收支\x01");
  ExpectError(r, "control_character", "content");
}

TEST(ValidateRow, OverLongText) {
  Row r = SampleRow();
  std::string s;
  for (int i = 0; i < 201; ++i) s += "字";
  r.Set(Field::kItemL2, s);
  ExpectError(r, "too_long", "item_l2");
  Status st = ValidateRow(r);
  EXPECT_EQ(st.code(), Code::kResourceExhausted);
}

TEST(ValidateRow, TextAtLimitIsFine) {
  Row r = SampleRow();
  std::string s;
  for (int i = 0; i < 200; ++i) s += "字";
  r.Set(Field::kItemL2, s);
  EXPECT_TRUE(ValidateRow(r).ok());
}

TEST(ValidateRow, BadId) {
  Row r = SampleRow();
  r.id = "00000000-0000-4000-8000-00000000000G";
  ExpectError(r, "bad_id", "id");
  r.id = "00000000-0000-4000-8000-00000000000A";  // uppercase
  ExpectError(r, "bad_id", "id");
}

TEST(ValidateRow, EmptyUnit) {
  Row r = SampleRow();
  r.unit = "";
  ExpectError(r, "bad_unit", "unit");
}

TEST(ValidateStationId, AllowsOnlyLowercaseDigitsDash) {
  EXPECT_TRUE(ValidateStationId("hongqi-01").ok());
  EXPECT_EQ(ValidateStationId("Hongqi").reason(), "bad_station_id");
  EXPECT_EQ(ValidateStationId("").reason(), "bad_station_id");
  EXPECT_EQ(ValidateStationId(std::string(65, 'a')).reason(), "bad_station_id");
  EXPECT_EQ(ValidateStationId("红旗").reason(), "bad_station_id");
}

// Issue 21 (9): text that displays differently from what it is.
TEST(CheckVisibleText, RefusesEveryBidiControlAndZeroWidthCharacter) {
  const char* invisible[] = {
      "\u202A", "\u202B", "\u202C", "\u202D", "\u202E",   // embeddings, overrides
      "\u2066", "\u2067", "\u2068", "\u2069",             // isolates
      "\u200E", "\u200F", "\u061C",                       // marks
      "\u200B", "\u200C", "\u200D", "\u2060", "\uFEFF"};  // zero-width
  for (const char* ch : invisible) {
    std::string text = std::string("财务") + ch + "收支";
    Status s = CheckVisibleText(text, "公开内容（要素）", "content");
    ASSERT_FALSE(s.ok()) << text;
    EXPECT_EQ(s.code(), Code::kInvalidArgument);
    EXPECT_EQ(s.reason(), "invisible_character");
    EXPECT_EQ(s.field(), "content");
    EXPECT_NE(s.message().find("U+"), std::string::npos) << s.message();
  }
  Status rlo = CheckVisibleText("a\u202Eb", "领域", "area");
  EXPECT_NE(rlo.message().find("U+202E"), std::string::npos) << rlo.message();
}

TEST(CheckVisibleText, AcceptsOrdinaryChineseAndNeighbouringCodePoints) {
  for (const char* text : {"红旗村", "收支明细；集体资产", "\u2010-\u2011", "\u2029", "\u2065",
                           "\u206A", "\u061B", "\u200A", "\uFEFE", "", "\u3000全角"}) {
    EXPECT_TRUE(CheckVisibleText(text, "领域", "area").ok()) << text;
  }
}

TEST(CheckVisibleRow, ChecksTheUnitAndEveryField) {
  Row row = SampleVillageRow();
  EXPECT_TRUE(CheckVisibleRow(row).ok());
  row.unit = "红旗\u200B村";
  EXPECT_EQ(CheckVisibleRow(row).field(), "unit");
  row = SampleVillageRow();
  row.Set(Field::kNotes, "见\u202E附件");
  EXPECT_EQ(CheckVisibleRow(row).field(), "notes");
  // The decoders' rule (ValidateRow) stays as it was: logged rows verify.
  EXPECT_TRUE(ValidateRow(row).ok());
}

}  // namespace
}  // namespace gongkai
