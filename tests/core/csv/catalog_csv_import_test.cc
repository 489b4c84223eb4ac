// Importing catalog rows: values, ids, units, and one test per error case.
#include <gtest/gtest.h>
#include <iconv.h>

#include <set>
#include <string>

#include "core/catalog/validate.h"
#include "core/csv/catalog_csv.h"
#include "core/csv/cell_text.h"
#include "tests/core/csv/catalog_csv_fixtures.h"

// In the namespace of the shared CSV test fixtures, which they use throughout.
namespace gongkai::csv_test {
namespace {

constexpr char kFullHeader[] =
    "编号,单位,领域,一级事项,二级事项,公开内容（要素）,公开依据,公开时限,公开主体,公开渠道和载体,"
    "其他渠道,公开对象,公开方式,公开层级,五公开,咨询电话,备注,状态";

std::string ToGbk(std::string_view utf8) {
  iconv_t cd = iconv_open("GBK", "UTF-8");
  EXPECT_NE(cd, reinterpret_cast<iconv_t>(-1));
  std::string out(utf8.size() * 2, '\0');
  char* in = const_cast<char*>(utf8.data());
  size_t in_left = utf8.size();
  char* o = out.data();
  size_t out_left = out.size();
  EXPECT_NE(iconv(cd, &in, &in_left, &o, &out_left), static_cast<size_t>(-1));
  iconv_close(cd);
  out.resize(out.size() - out_left);
  return out;
}

TEST(CatalogCsvImportTest, ImportsEveryColumn) {
  auto rows =
      Import(Csv({kFullHeader,
                  "00000000-0000-4000-8000-000000000002,红旗村,村务公开,村级财务,财务收支,收支明细,"
                  "《村民委员会组织法》第三十条,每季度,红旗村民委员会,便民服务站、政府网站,村广播,"
                  "特定群体,主动,"
                  "村级,管理、结果,0371-12345678,\"备注，有逗号\",已撤销"}));
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  ASSERT_EQ(rows->size(), 1u);
  const Row& row = (*rows)[0];
  EXPECT_EQ(row.id, "00000000-0000-4000-8000-000000000002");
  EXPECT_EQ(row.unit, "红旗村");
  EXPECT_TRUE(row.retired);
  EXPECT_EQ(row.Get(Field::kChannels), "政府网站、便民服务站");
  EXPECT_EQ(row.Get(Field::kChannelsOther), "村广播");
  EXPECT_EQ(row.Get(Field::kStages), "管理、结果");
  EXPECT_EQ(row.Get(Field::kContact), "0371-12345678");
  EXPECT_EQ(row.Get(Field::kNotes), "备注，有逗号");
}

TEST(CatalogCsvImportTest, RowsWithoutIdGetNewUuids) {
  auto rows = Import(Csv({kHeader, kLine, kLine}));
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  ASSERT_EQ(rows->size(), 2u);
  EXPECT_TRUE(ValidateRowId((*rows)[0].id).ok());
  EXPECT_TRUE(ValidateRowId((*rows)[1].id).ok());
  EXPECT_NE((*rows)[0].id, (*rows)[1].id);
}

TEST(CatalogCsvImportTest, EmptyIdCellGetsNewUuid) {
  auto rows = Import(Csv({std::string("编号,") + kHeader, std::string(" ,") + kLine}));
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  EXPECT_TRUE(ValidateRowId((*rows)[0].id).ok());
}

TEST(CatalogCsvImportTest, UppercaseIdIsLowercased) {
  auto rows = Import(Csv({std::string("编号,") + kHeader,
                          std::string("0000000A-0000-4000-8000-00000000000B,") + kLine}));
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  EXPECT_EQ((*rows)[0].id, "0000000a-0000-4000-8000-00000000000b");
}

TEST(CatalogCsvImportTest, HugeIdIsBadIdWithShortMessage) {
  auto rows =
      Import(Csv({std::string("编号,") + kHeader, std::string(1 << 20, 'a') + "," + kLine}));
  ExpectImportError(rows, "bad_id", "id", 2);
  EXPECT_LT(rows.status().message().size(), 200u);
}

TEST(CatalogCsvImportTest, UnitFromOptionsWithoutUnitColumn) {
  CsvImportOptions options;
  options.unit = "红旗村";
  auto rows = ParseCatalogCsv(Csv({kHeader, kLine}), options);
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  EXPECT_EQ((*rows)[0].unit, "红旗村");
}

TEST(CatalogCsvImportTest, UnitColumnWinsAndEmptyCellFallsBack) {
  auto rows = Import(Csv(
      {std::string("单位,") + kHeader, std::string("红旗村,") + kLine, std::string(",") + kLine}));
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  EXPECT_EQ((*rows)[0].unit, "红旗村");
  EXPECT_EQ((*rows)[1].unit, "宝丰镇");
}

TEST(CatalogCsvImportTest, NoUnitAnywhereIsBadUnit) {
  auto rows = ParseCatalogCsv(Csv({kHeader, kLine}), CsvImportOptions{});
  ExpectImportError(rows, "bad_unit", "unit", 2);
}

TEST(CatalogCsvImportTest, StatusColumn) {
  auto rows = Import(Csv({std::string(kHeader) + ",状态", std::string(kLine) + ",已撤销",
                          std::string(kLine) + ",在用", std::string(kLine) + ","}));
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  EXPECT_TRUE((*rows)[0].retired);
  EXPECT_FALSE((*rows)[1].retired);
  EXPECT_FALSE((*rows)[2].retired);
}

TEST(CatalogCsvImportTest, SetColumnsTakeAnySeparatorAndOrder) {
  auto rows = Import(Csv({kHeader, LineWith(10, "村级、乡级"), LineWith(10, "\"乡级，村级\""),
                          LineWith(10, "村级;县级")}));
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  EXPECT_EQ((*rows)[0].Get(Field::kLevels), "乡级、村级");
  EXPECT_EQ((*rows)[1].Get(Field::kLevels), "乡级、村级");
  EXPECT_EQ((*rows)[2].Get(Field::kLevels), "县级、村级");
}

TEST(CatalogCsvImportTest, UnknownChannelIsKeptInOtherChannelsWithAWarning) {
  auto sheet =
      ReadCatalogCsv(Csv({kHeader, kLine, LineWith(7, "政府网站、12345政务服务热线")}), Options());
  ASSERT_TRUE(sheet.ok()) << sheet.status().ToString();
  ASSERT_TRUE(sheet->errors.empty()) << SheetErrorStatus(*sheet).ToString();
  ASSERT_EQ(sheet->rows.size(), 2u);
  EXPECT_EQ(sheet->rows[1].Get(Field::kChannels), "政府网站");
  EXPECT_EQ(sheet->rows[1].Get(Field::kChannelsOther), "12345政务服务热线");
  ASSERT_EQ(sheet->warnings.size(), 1u);
  EXPECT_EQ(sheet->warnings[0].line, 3u);
  EXPECT_EQ(sheet->warnings[0].status.reason(), "channel_to_other");
}

// Files refused with one error, each named by what is wrong with it.
const Refusal kRefusals[] = {
    {"BadIdIsRefused",
     {std::string("编号,") + kHeader, std::string("12,") + kLine},
     "bad_id",
     "id",
     2},
    {"DuplicateIdNamesBothLines",
     {std::string("编号,") + kHeader, std::string("00000000-0000-4000-8000-000000000001,") + kLine,
      "", std::string("00000000-0000-4000-8000-000000000001,") + kLine},
     "duplicate_id",
     "id",
     4,
     {"第 2 行"}},
    {"UnknownStatusIsUnknownValue",
     {std::string(kHeader) + ",状态", std::string(kLine) + ",作废"},
     "unknown_value",
     "retired",
     2},
    {"UnknownAudience", {kHeader, LineWith(8, "群众")}, "unknown_value", "audience", 2},
    {"UnknownMode", {kHeader, LineWith(9, "被动")}, "unknown_value", "mode", 2},
    {"UnknownLevel", {kHeader, LineWith(10, "省级")}, "unknown_value", "levels", 2},
    {"UnknownStage",
     {std::string(kHeader) + ",五公开", std::string(kLine) + ",决策、监督"},
     "unknown_value",
     "stages",
     2},
    {"EmptyRequiredField",
     {kHeader, kLine, LineWith(2, "")},
     "empty_required",
     "item_l2",
     3,
     {"二级事项"}},
    {"EmptyRequiredSetField", {kHeader, LineWith(8, "")}, "empty_required", "audience", 2},
    {"NoChannelAtAllIsEmptyRequired", {kHeader, LineWith(7, "")}, "empty_required", "channels", 2},
    {"WhitespaceOnlyRequiredSetCellIsEmptyRequired",
     {kHeader, LineWith(8, "  ")},
     "empty_required",
     "audience",
     2},
    {"TooFewCellsIsWrongColumnCount",
     {kHeader, kLine, "财政预决算,财政预决算,部门预算"},
     "wrong_column_count",
     "",
     3},
    {"UnquotedCommaIsWrongColumnCount",
     {kHeader, LineWith(3, "收支总体情况表,财政拨款收支表")},
     "wrong_column_count",
     "",
     2},
    {"EmptyLinesAreSkippedButCounted",
     {kHeader, "", kLine, "", ",,,,,,,,,,", " ", LineWith(8, "群众")},
     "unknown_value",
     "audience",
     7},
    {"LineNumbersCountLineBreaksInsideCells",
     {kHeader, LineWith(3, "\"第一项\n第二项\n第三项\""), LineWith(9, "")},
     "empty_required",
     "mode",
     5},
    {"BadQuoteNamesTheLine",
     {kHeader, kLine, LineWith(3, "“三公”经费表及\"三公\"")},
     "bad_quote",
     "",
     3},
    {"InvalidUtf8NamesTheLine",
     {kHeader, kLine, kLine, LineWith(3, "收支\xE6\x80总体")},
     "invalid_utf8",
     "",
     4},
};

class CatalogCsvImportRefusal : public ::testing::TestWithParam<Refusal> {};

TEST_P(CatalogCsvImportRefusal, NamesTheLineReasonAndField) { ExpectRefused(GetParam()); }

INSTANTIATE_TEST_SUITE_P(Files, CatalogCsvImportRefusal, ::testing::ValuesIn(kRefusals),
                         RefusalName);

// A line break inside a cell that holds one line (docs/formats/csv.md §
// Cell values) is refused on its own line, naming the column and saying
// what to write, never joined or called a control character.
TEST(CatalogCsvImportTest, LineBreakInShortFieldIsRefusedNamingTheColumn) {
  auto sheet = ReadCatalogCsv(
      Csv({kHeader, LineWith(0, "\"财政\n预决算\""), LineWith(5, "\"批复后\r\n20日内\""), kLine}),
      Options());
  ASSERT_TRUE(sheet.ok()) << sheet.status().ToString();
  EXPECT_TRUE(sheet->warnings.empty());
  ASSERT_EQ(sheet->errors.size(), 2u);
  EXPECT_EQ(sheet->errors[0].line, 2u);
  EXPECT_EQ(sheet->errors[0].column, "第 1 列（A 列） 领域");
  EXPECT_EQ(sheet->errors[0].status.reason(), "line_break");
  EXPECT_EQ(sheet->errors[0].status.field(), "area");
  EXPECT_NE(sheet->errors[0].status.message().find("写在一行里"), std::string::npos);
  EXPECT_EQ(sheet->errors[0].status.message().find("控制字符"), std::string::npos);
  EXPECT_EQ(sheet->errors[1].line, 4u);  // the quoted line break counts as a line
  EXPECT_EQ(sheet->errors[1].status.field(), "time_limit");
  auto rows = RowsOrErrors(*sheet);
  ExpectImportError(rows, "line_break", "area", 2);
}

TEST(CatalogCsvImportTest, LineBreakInPhoneIdUnitStatusOrTickIsRefused) {
  struct Case {
    std::string header, line, field, advice;
  };
  const std::string id = "00000000-0000-4000-8000-000000000001";
  std::vector<Case> cases = {
      {std::string(kHeader) + ",咨询电话", std::string(kLine) + ",\"0371-1234567\n0371-7654321\"",
       "contact", "用 、 隔开"},
      {std::string(kHeader) + ",编号", std::string(kLine) + ",\"" + id.substr(0, 18) + "\n" +
                                          id.substr(18) + "\"",
       "id", "在一行里填写编号"},
      {std::string(kHeader) + ",单位", std::string(kLine) + ",\"宝丰镇\n人民政府\"", "unit",
       "单位名称写在一行里"},
      {std::string(kHeader) + ",状态", std::string(kLine) + ",\"在用\n已撤销\"", "retired",
       "在用 或 已撤销"},
      {"领域,一级事项,二级事项,公开内容（要素）,公开依据,公开时限,公开主体,公开渠道和载体,公开对象,"
       "公开方式,公开层级,,\r\n,,,,,,,,,,县级,乡级,村级",
       "财政预决算,财政预决算,部门预算,收支总体情况表,《预算法》,批复后20日内,宝丰镇人民政府,"
       "政府网站,全社会,主动,,\"√\n√\",√",
       "levels", "只填一个 √"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.field);
    auto sheet = ReadCatalogCsv(Csv({c.header, c.line}), Options());
    ASSERT_TRUE(sheet.ok()) << sheet.status().ToString();
    ASSERT_EQ(sheet->error_count, 1u) << SheetErrorStatus(*sheet).ToString();
    EXPECT_TRUE(sheet->rows.empty());
    const SheetProblem& p = sheet->errors[0];
    EXPECT_EQ(p.status.reason(), "line_break") << p.Text();
    EXPECT_EQ(p.status.field(), c.field) << p.Text();
    EXPECT_NE(p.status.message().find(c.advice), std::string::npos) << p.Text();
    EXPECT_FALSE(p.column.empty());
  }
}

TEST(CatalogCsvImportTest, LineBreaksStayInLongFieldsAndSeparateSetElements) {
  auto rows = Import(Csv({kHeader, LineWith(3, "\"收支总体情况表\r\n财政拨款收支表\"") + "",
                          LineWith(8, "\"全社会\n特定群体\"")}));
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  ASSERT_EQ(rows->size(), 2u);
  EXPECT_EQ((*rows)[0].Get(Field::kContent), "收支总体情况表\n财政拨款收支表");
  EXPECT_EQ((*rows)[1].Get(Field::kAudience), "全社会、特定群体");
}

TEST(CatalogCsvImportTest, TextCellsAreTrimmedLikeEditSet) {
  auto rows = Import(Csv({kHeader, LineWith(3, "\"  前后有空格　\"")}));
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  EXPECT_EQ((*rows)[0].Get(Field::kContent), "前后有空格");
}

// Text copied from a web page brings no-break spaces (U+00A0): trimmed
// around every cell and removed inside set elements, as edit --set does.
TEST(CatalogCsvImportTest, NoBreakSpacesAreTrimmedLikeEditSet) {
  auto rows = Import(Csv({kHeader, LineWith(6, "\xC2\xA0宝丰镇人民政府\xC2\xA0\xE3\x80\x80") + "",
                          LineWith(8, "\"全社会\xC2\xA0、\xC2\xA0特定\xC2\xA0群体\"")}));
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  EXPECT_EQ((*rows)[0].Get(Field::kSubject), "宝丰镇人民政府");
  EXPECT_EQ((*rows)[1].Get(Field::kAudience), "全社会、特定群体");
  EXPECT_EQ(TrimCell("\xC2\xA0 x \xE3\x80\x80"), TrimBlank("\xC2\xA0 x \xE3\x80\x80"));
}

TEST(CatalogCsvImportTest, InnerSpacesAndLineBreaksAreKept) {
  auto rows = Import(Csv({kHeader, LineWith(3, "\" 第一项 第二项\n第三项 \"")}));
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  EXPECT_EQ((*rows)[0].Get(Field::kContent), "第一项 第二项\n第三项");
}

TEST(CatalogCsvImportTest, WhitespaceOnlyRequiredCellIsEmptyRequired) {
  // Spaces, a tab, an ideographic space: blank, refused as `edit --set`
  // refuses an empty required value (same reason, same message).
  for (std::string_view blank : {" ", "   ", "\t", "　", " 　 "}) {
    auto rows = Import(Csv({kHeader, kLine, LineWith(2, blank)}));
    ExpectImportError(rows, "empty_required", "item_l2", 3);
    EXPECT_NE(rows.status().message().find("二级事项 不能为空"), std::string::npos)
        << rows.status().message();
  }
}

TEST(CatalogCsvImportTest, TenMegabyteCellIsTooLong) {
  std::string big(10 * 1024 * 1024, 'x');
  auto rows = Import(Csv({kHeader, kLine, LineWith(3, big)}));
  ExpectImportError(rows, "too_long", "content", 3);
  EXPECT_EQ(rows.status().code(), Code::kResourceExhausted);
}

TEST(CatalogCsvImportTest, TenMegabyteSetCellIsTooLong) {
  std::string big;
  while (big.size() < 10 * 1024 * 1024) big += "全社会、";
  auto rows = Import(Csv({kHeader, LineWith(8, big)}));
  ExpectImportError(rows, "too_long", "audience", 2);
}

TEST(CatalogCsvImportTest, GbkFile) {
  std::string utf8 = Csv({kHeader, kLine});
  auto gbk_rows = Import(ToGbk(utf8));
  ASSERT_TRUE(gbk_rows.ok()) << gbk_rows.status().ToString();
  ASSERT_EQ(gbk_rows->size(), 1u);
  const Row& row = (*gbk_rows)[0];
  EXPECT_EQ(row.Get(Field::kArea), "财政预决算");
  EXPECT_EQ(row.Get(Field::kBasis), "《预算法》");
  EXPECT_EQ(row.Get(Field::kSubject), "宝丰镇人民政府");
}

TEST(CatalogCsvImportTest, GbkFileErrorNamesTheLine) {
  auto rows = Import(ToGbk(Csv({kHeader, kLine, LineWith(8, "群众")})));
  ExpectImportError(rows, "unknown_value", "audience", 3);
}

TEST(CatalogCsvImportTest, Utf8WithBom) {
  auto rows = Import("\xEF\xBB\xBF" + Csv({kHeader, kLine}));
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  EXPECT_EQ((*rows)[0].Get(Field::kArea), "财政预决算");
}

TEST(CatalogCsvImportTest, TooManyRows) {
  CsvImportOptions options = Options();
  options.max_rows = 2;
  auto rows = ParseCatalogCsv(Csv({kHeader, kLine, kLine, kLine}), options);
  ExpectImportError(rows, "too_many_rows", "", 4);
  EXPECT_EQ(rows.status().code(), Code::kResourceExhausted);
}

TEST(CatalogCsvImportTest, EmptyFileHasNoHeader) {
  ExpectImportError(Import(""), "missing_header", "", 1);
  ExpectImportError(Import("\xEF\xBB\xBF\r\n\r\n"), "missing_header", "", 1);
}

TEST(CatalogCsvImportTest, HeaderOnlyGivesNoRows) {
  auto rows = Import(Csv({kHeader}));
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  EXPECT_TRUE(rows->empty());
}

TEST(CatalogCsvImportTest, ThousandsOfRows) {
  std::string text = Csv({kHeader});
  for (int i = 0; i < 3000; ++i) text += std::string(kLine) + "\r\n";
  auto rows = Import(text);
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  EXPECT_EQ(rows->size(), 3000u);
  std::set<std::string> ids;
  for (const Row& row : *rows) ids.insert(row.id);
  EXPECT_EQ(ids.size(), 3000u);
}

}  // namespace
}  // namespace gongkai::csv_test
