#include "core/csv/csv.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace gongkai {
namespace {

using Fields = std::vector<std::string>;

std::vector<CsvRecord> ReadOk(std::string_view text) {
  Result<std::vector<CsvRecord>> records = ReadCsv(text);
  EXPECT_TRUE(records.ok()) << records.status().ToString();
  return records.ok() ? *records : std::vector<CsvRecord>{};
}

void ExpectBadQuote(std::string_view text, size_t line) {
  Result<std::vector<CsvRecord>> records = ReadCsv(text);
  ASSERT_FALSE(records.ok());
  EXPECT_EQ(records.status().code(), Code::kInvalidArgument);
  EXPECT_EQ(records.status().reason(), "bad_quote");
  EXPECT_EQ(records.status().message().rfind("第 " + std::to_string(line) + " 行: ", 0), 0u)
      << records.status().message();
}

TEST(CsvReaderTest, SplitsFieldsAndLfRecords) {
  auto records = ReadOk("a,b,c\nd,e,f\n");
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[0].fields, (Fields{"a", "b", "c"}));
  EXPECT_EQ(records[1].fields, (Fields{"d", "e", "f"}));
  EXPECT_EQ(records[0].line, 1u);
  EXPECT_EQ(records[1].line, 2u);
}

TEST(CsvReaderTest, CrlfLineEnds) {
  auto records = ReadOk("领域,备注\r\n扶贫,无\r\n");
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[1].fields, (Fields{"扶贫", "无"}));
  EXPECT_EQ(records[1].line, 2u);
}

TEST(CsvReaderTest, LoneCrLineEnds) {
  auto records = ReadOk("a\rb\rc");
  ASSERT_EQ(records.size(), 3u);
  EXPECT_EQ(records[2].fields, (Fields{"c"}));
  EXPECT_EQ(records[2].line, 3u);
}

TEST(CsvReaderTest, LastRecordWithoutLineBreak) {
  auto records = ReadOk("a,b\nc,d");
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[1].fields, (Fields{"c", "d"}));
}

TEST(CsvReaderTest, EmptyTextHasNoRecords) { EXPECT_TRUE(ReadOk("").empty()); }

TEST(CsvReaderTest, EmptyLineIsOneEmptyField) {
  auto records = ReadOk("a\n\nb\n");
  ASSERT_EQ(records.size(), 3u);
  EXPECT_EQ(records[1].fields, (Fields{""}));
  EXPECT_EQ(records[2].line, 3u);
}

TEST(CsvReaderTest, TrailingCommaGivesEmptyField) {
  auto records = ReadOk("a,\n,\n");
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[0].fields, (Fields{"a", ""}));
  EXPECT_EQ(records[1].fields, (Fields{"", ""}));
}

TEST(CsvReaderTest, QuotedCommaAndDoubledQuote) {
  auto records = ReadOk("\"a,b\",\"say \"\"hi\"\"\",\"\"\n");
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0].fields, (Fields{"a,b", "say \"hi\"", ""}));
}

TEST(CsvReaderTest, QuotedLineBreaksCountAsPhysicalLines) {
  auto records = ReadOk("h1,h2\n\"第一行\n第二行\r\n第三行\",x\nlast,y\n");
  ASSERT_EQ(records.size(), 3u);
  EXPECT_EQ(records[1].line, 2u);
  EXPECT_EQ(records[1].fields, (Fields{"第一行\n第二行\n第三行", "x"}));
  EXPECT_EQ(records[2].line, 5u);
}

TEST(CsvReaderTest, QuotedLoneCrBecomesLf) {
  auto records = ReadOk("\"a\rb\"\n");
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0].fields, (Fields{"a\nb"}));
}

TEST(CsvReaderTest, QuoteInsideUnquotedFieldIsBadQuote) { ExpectBadQuote("a,b\nc,d\"e\"\n", 2); }

TEST(CsvReaderTest, TextAfterClosingQuoteIsBadQuote) {
  ExpectBadQuote("a\n\"x\ny\"z,b\n", 3);  // the closing quote is on line 3
}

TEST(CsvReaderTest, UnterminatedQuoteNamesTheLineItStarts) {
  ExpectBadQuote("a,b\nc,\"never closed\nmore\nlines\n", 2);
}

TEST(CsvReaderTest, VeryLongFieldIsReadWhole) {
  std::string big(10 * 1024 * 1024, 'x');
  std::string text = "a,\"" + big + "\"\n" + "b," + big + "\n";
  auto records = ReadOk(text);
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[0].fields[1].size(), big.size());
  EXPECT_EQ(records[1].fields[1].size(), big.size());
}

TEST(CsvWriterTest, PlainFieldsAreNotQuoted) {
  std::string out;
  AppendCsvRecord(Fields{"领域", "a b", ""}, &out);
  EXPECT_EQ(out, "领域,a b,\r\n");
}

TEST(CsvWriterTest, SpecialFieldsAreQuoted) {
  std::string out;
  AppendCsvRecord(Fields{"a,b", "say \"hi\"", "x\ny", "cr\r"}, &out);
  EXPECT_EQ(out, "\"a,b\",\"say \"\"hi\"\"\",\"x\ny\",\"cr\r\"\r\n");
}

TEST(CsvWriterTest, ReaderReadsWhatWriterWrote) {
  Fields fields = {"", ",", "\"", "\"\"", "a\nb", "，、；", "  spaced  ", "\n", "末尾,"};
  std::string out;
  AppendCsvRecord(fields, &out);
  AppendCsvRecord(fields, &out);
  auto records = ReadOk(out);
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[0].fields, fields);
  EXPECT_EQ(records[1].fields, fields);
  EXPECT_EQ(records[1].line, 4u);  // two line breaks inside the first record
}

}  // namespace
}  // namespace gongkai
