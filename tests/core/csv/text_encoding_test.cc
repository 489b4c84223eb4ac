#include "core/csv/text_encoding.h"

#include <gtest/gtest.h>

namespace gongkai {
namespace {

void ExpectError(std::string_view bytes, const std::string& reason, size_t line) {
  Result<DecodedText> decoded = DecodeSpreadsheetText(bytes);
  ASSERT_FALSE(decoded.ok());
  EXPECT_EQ(decoded.status().code(), Code::kInvalidArgument);
  EXPECT_EQ(decoded.status().reason(), reason);
  EXPECT_EQ(decoded.status().message().rfind("第 " + std::to_string(line) + " 行: ", 0), 0u)
      << decoded.status().message();
}

TEST(CsvTextEncodingTest, Utf8IsUsedAsIs) {
  Result<DecodedText> decoded = DecodeSpreadsheetText("领域,备注\n");
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(decoded->text, "领域,备注\n");
  EXPECT_EQ(decoded->encoding, TextEncoding::kUtf8);
}

TEST(CsvTextEncodingTest, Utf8BomIsRemoved) {
  Result<DecodedText> decoded = DecodeSpreadsheetText("\xEF\xBB\xBF领域\n");
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(decoded->text, "领域\n");
  EXPECT_EQ(decoded->encoding, TextEncoding::kUtf8WithBom);
}

TEST(CsvTextEncodingTest, GbkIsDecoded) {
  // "领域,扶贫\r\n" in GBK.
  Result<DecodedText> decoded = DecodeSpreadsheetText("\xC1\xEC\xD3\xF2,\xB7\xF6\xC6\xB6\r\n");
  ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
  EXPECT_EQ(decoded->text, "领域,扶贫\r\n");
  EXPECT_EQ(decoded->encoding, TextEncoding::kGb18030);
}

TEST(CsvTextEncodingTest, Gb18030FourByteCharacterIsDecoded) {
  // U+20000 is 95 32 82 36 in GB18030.
  Result<DecodedText> decoded = DecodeSpreadsheetText("\xC1\xEC\xD3\xF2\x95\x32\x82\x36");
  ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
  EXPECT_EQ(decoded->text, "领域\xF0\xA0\x80\x80");
}

TEST(CsvTextEncodingTest, DamagedUtf8IsInvalidUtf8NamingTheLine) {
  // Mostly UTF-8 Chinese; line 3 lost the last byte of 贫 (E8 B4 AB).
  std::string text =
      "领域,一级事项,二级事项\n社会救助,最低生活保障,审核信息\n扶\xE8\xB4,扶贫项目,资金\n";
  ExpectError(text, "invalid_utf8", 3);
}

TEST(CsvTextEncodingTest, DamagedUtf8WithBomIsInvalidUtf8) {
  ExpectError(
      "\xEF\xBB\xBF"
      "a\r\nb\xFF\r\n",
      "invalid_utf8", 2);
}

TEST(CsvTextEncodingTest, NeitherUtf8NorGbkIsInvalidEncoding) {
  // 0xFF is never part of GB18030; there is no UTF-8 to speak of.
  ExpectError("abc\r\ndef\r\n\xFF\xFF\r\n", "invalid_encoding", 3);
}

TEST(CsvTextEncodingTest, TruncatedGbkIsInvalidEncoding) {
  ExpectError("\xC1\xEC\n\xD3", "invalid_encoding", 2);
}

TEST(CsvTextEncodingTest, Utf16IsRefused) {
  ExpectError(std::string_view("\xFF\xFE\x86\x98", 4), "invalid_encoding", 1);
}

}  // namespace
}  // namespace gongkai
