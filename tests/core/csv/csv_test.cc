#include "core/csv/csv.h"

#include <gtest/gtest.h>

#include <ostream>
#include <string>
#include <utility>
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

// A text the reader accepts and every record it must give: the physical
// line each starts on and its fields.
struct ReadCase {
  std::string name;  // of the test case: what the text shows
  std::string text;
  std::vector<std::pair<size_t, Fields>> records;
};

const ReadCase kReadCases[] = {
    {"SplitsFieldsAndLfRecords", "a,b,c\nd,e,f\n", {{1, {"a", "b", "c"}}, {2, {"d", "e", "f"}}}},
    {"CrlfLineEnds", "领域,备注\r\n扶贫,无\r\n", {{1, {"领域", "备注"}}, {2, {"扶贫", "无"}}}},
    {"LoneCrLineEnds", "a\rb\rc", {{1, {"a"}}, {2, {"b"}}, {3, {"c"}}}},
    {"LastRecordWithoutLineBreak", "a,b\nc,d", {{1, {"a", "b"}}, {2, {"c", "d"}}}},
    {"EmptyTextHasNoRecords", "", {}},
    {"EmptyLineIsOneEmptyField", "a\n\nb\n", {{1, {"a"}}, {2, {""}}, {3, {"b"}}}},
    {"TrailingCommaGivesEmptyField", "a,\n,\n", {{1, {"a", ""}}, {2, {"", ""}}}},
    {"QuotedCommaAndDoubledQuote",
     "\"a,b\",\"say \"\"hi\"\"\",\"\"\n",
     {{1, {"a,b", "say \"hi\"", ""}}}},
    {"QuotedLineBreaksCountAsPhysicalLines",
     "h1,h2\n\"第一行\n第二行\r\n第三行\",x\nlast,y\n",
     {{1, {"h1", "h2"}}, {2, {"第一行\n第二行\n第三行", "x"}}, {5, {"last", "y"}}}},
    {"QuotedLoneCrBecomesLf", "\"a\rb\"\n", {{1, {"a\nb"}}}},
};

void PrintTo(const ReadCase& c, std::ostream* os) { *os << c.name; }

class CsvReaderRecords : public ::testing::TestWithParam<ReadCase> {};

TEST_P(CsvReaderRecords, AreTheLinesAndFieldsOfTheText) {
  const ReadCase& c = GetParam();
  auto records = ReadOk(c.text);
  ASSERT_EQ(records.size(), c.records.size());
  for (size_t i = 0; i < records.size(); ++i) {
    EXPECT_EQ(records[i].line, c.records[i].first) << "record " << i;
    EXPECT_EQ(records[i].fields, c.records[i].second) << "record " << i;
  }
}

INSTANTIATE_TEST_SUITE_P(Texts, CsvReaderRecords, ::testing::ValuesIn(kReadCases),
                         [](const ::testing::TestParamInfo<ReadCase>& info) {
                           return info.param.name;
                         });

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
