// Decoding what the browser sends (station/ui/form_data.h, multipart.h),
// the row form's checks (row_form.h) and HTML escaping (html.h).
#include <gtest/gtest.h>

#include "station/ui/form_data.h"
#include "station/ui/html.h"
#include "station/ui/multipart.h"
#include "station/ui/row_form.h"
#include "tests/testing/sample_rows.h"

namespace gongkai::station::ui {
namespace {

TEST(UiFormData, DecodesPlusPercentAndRepeatedNames) {
  FormData f = FormData::Parse("a=1+2&b=%E7%BA%A2%E6%97%97&c=&c=x&d&%zz=%4");
  EXPECT_EQ(f.Value("a"), "1 2");
  EXPECT_EQ(f.Value("b"), "红旗");
  EXPECT_EQ(f.GetAll("c"), (std::vector<std::string>{"", "x"}));
  EXPECT_EQ(f.Get("d"), "");
  EXPECT_EQ(f.Value("%zz"), "%4");  // bad escapes kept as typed
  EXPECT_EQ(f.Get("missing"), std::nullopt);
}

TEST(UiFormData, SplitsTargetIntoPathAndQuery) {
  EXPECT_EQ(SplitTarget("/row/x?msg=added"),
            (std::pair<std::string, std::string>{"/row/x", "msg=added"}));
  EXPECT_EQ(SplitTarget("/"), (std::pair<std::string, std::string>{"/", ""}));
}

TEST(UiHtml, EscapesTextAndAttributes) {
  EXPECT_EQ(Esc("<script>alert('x')</script> & \"q\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;");
  EXPECT_EQ(Esc("红旗村"), "红旗村");
  EXPECT_EQ(UrlEncode("a b/红"), "a%20b%2F%E7%BA%A2");
}

const char kBody[] =
    "--XyZ\r\n"
    "Content-Disposition: form-data; name=\"csrf\"\r\n\r\n"
    "tok\r\n"
    "--XyZ\r\n"
    "Content-Disposition: form-data; name=\"file\"; filename=\"目录.csv\"\r\n"
    "Content-Type: text/csv\r\n\r\n"
    "a,b\r\n\xC1\xEC,--XyZ-not-a-delimiter\r\n"
    "\r\n--XyZ--\r\n";

TEST(UiMultipart, ReadsFieldsAndFileBytesExactly) {
  EXPECT_EQ(MultipartBoundary("multipart/form-data; boundary=XyZ"), "XyZ");
  EXPECT_EQ(MultipartBoundary("Multipart/Form-Data; boundary=\"XyZ\""), "XyZ");
  EXPECT_EQ(MultipartBoundary("application/x-www-form-urlencoded"), std::nullopt);
  auto parts = ParseMultipart(std::string_view(kBody, sizeof kBody - 1), "XyZ");
  ASSERT_TRUE(parts.ok()) << parts.status().ToString();
  ASSERT_EQ(parts->size(), 2u);
  EXPECT_EQ((*parts)[0].name, "csrf");
  EXPECT_EQ((*parts)[0].filename, std::nullopt);
  EXPECT_EQ((*parts)[0].data, "tok");
  EXPECT_EQ((*parts)[1].name, "file");
  EXPECT_EQ((*parts)[1].filename, "目录.csv");
  EXPECT_EQ((*parts)[1].data, "a,b\r\n\xC1\xEC,--XyZ-not-a-delimiter\r\n");
}

TEST(UiMultipart, RefusesTruncatedOrMalformedBodies) {
  std::string body(kBody, sizeof kBody - 1);
  for (const std::string& bad :
       {body.substr(0, body.size() - 12), std::string("no delimiter"),
        std::string("--XyZ\r\nContent-Disposition: form-data\r\n\r\nx\r\n--XyZ--"),
        std::string("--XyZ\r\nno end of headers")}) {
    auto parts = ParseMultipart(bad, "XyZ");
    ASSERT_FALSE(parts.ok()) << bad;
    EXPECT_EQ(parts.status().reason(), "bad_multipart");
  }
}

FieldTexts TextsOf(const Row& row) { return row.values; }

TEST(UiRowForm, ValidNewRowTakesTheUnitAndCanonicalSets) {
  Row base;
  base.id = "00000000-0000-4000-8000-00000000000a";
  base.unit = "红旗村";
  FieldTexts typed = TextsOf(SampleVillageRow());
  typed[Index(Field::kStages)] = "结果、管理";  // ticked in another order
  typed[Index(Field::kSubject)] = "  红旗村民委员会 ";
  CheckedRow c = CheckNewRow(typed, base);
  EXPECT_TRUE(c.errors.empty());
  EXPECT_EQ(c.row.Get(Field::kStages), "管理、结果");
  EXPECT_EQ(c.row.Get(Field::kSubject), "红旗村民委员会");
  EXPECT_EQ(c.row.unit, "红旗村");
}

TEST(UiRowForm, EveryMissingRequiredFieldIsReportedWithTheValidatorsMessage) {
  Row base;
  base.id = "00000000-0000-4000-8000-00000000000a";
  base.unit = "红旗村";
  CheckedRow c = CheckNewRow(FieldTexts{}, base);
  for (const char* key : {"area", "item_l1", "item_l2", "content", "basis", "time_limit", "subject",
                          "audience", "mode", "levels", "channels"}) {
    ASSERT_EQ(c.errors.by_field.count(key), 1u) << key;
    EXPECT_EQ(c.errors.by_field.at(key).reason(), "empty_required") << key;
  }
  EXPECT_EQ(c.errors.by_field.at("area").message(), "领域 不能为空");
  EXPECT_EQ(c.errors.by_field.count("notes"), 0u);
  EXPECT_EQ(c.errors.by_field.count("channels_other"), 0u);
}

TEST(UiRowForm, OtherChannelAloneIsEnough) {
  Row base;
  base.id = "00000000-0000-4000-8000-00000000000a";
  base.unit = "红旗村";
  FieldTexts typed = TextsOf(SampleVillageRow());
  typed[Index(Field::kChannels)] = "";
  typed[Index(Field::kChannelsOther)] = "村广播";
  EXPECT_TRUE(CheckNewRow(typed, base).errors.empty());
}

TEST(UiRowForm, EditAppliesOnlyChangedFields) {
  Row current = SampleVillageRow();
  current.Set(Field::kContact, "0371-1");  // changed by someone since the form was built
  FieldTexts orig = TextsOf(SampleVillageRow());
  FieldTexts typed = orig;
  typed[Index(Field::kNotes)] = "新备注";
  CheckedRow c = CheckEditedRow(typed, orig, current);
  EXPECT_TRUE(c.errors.empty());
  ASSERT_EQ(c.changes.size(), 1u);
  EXPECT_EQ(c.changes[0].first, Field::kNotes);
  EXPECT_EQ(c.row.Get(Field::kContact), "0371-1");
}

}  // namespace
}  // namespace gongkai::station::ui
