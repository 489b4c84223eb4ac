// Header layouts of catalog spreadsheets: single row, national two rows.
#include <gtest/gtest.h>

#include <string>

#include "core/csv/catalog_csv.h"
#include "tests/core/csv/catalog_csv_fixtures.h"
#include "tests/testing/row_cells.h"

// In the namespace of the shared CSV test fixtures, which they use throughout.
namespace gongkai::csv_test {
namespace {

// The national layout as Excel saves it: merged cells become a name followed
// by empty cells.
constexpr char kNationalTop[] =
    "序号,领域,公开事项,,公开内容（要素）,公开依据,公开时限,公开主体,公开渠道和载体,公开对象,,"
    "公开方式,,公开层级,,,备注";
constexpr char kNationalSub[] =
    ",,一级事项,二级事项,,,,,,全社会,特定群体,主动,依申请,县级,乡级,村级,";
constexpr char kNationalRowStart[] =
    "1,社会救助,最低生活保障,审核信息,初审对象名单及相关信息,《社会救助暂行办法》,"
    "\"10个工作日内，公示7个工作日\",宝丰镇人民政府,社区/企事业单位/村公示栏（电子屏）";

TEST(CatalogCsvHeaderTest, SingleRowOfLabels) {
  auto rows = Import(Csv({kHeader, kLine}));
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  ASSERT_EQ(rows->size(), 1u);
  ExpectCells((*rows)[0], {{Field::kArea, "财政预决算"},
                           {Field::kItemL2, "部门预算"},
                           {Field::kChannels, "政府网站"},
                           {Field::kAudience, "全社会"},
                           {Field::kLevels, "乡级"}});
  EXPECT_EQ((*rows)[0].unit, "宝丰镇");
}

TEST(CatalogCsvHeaderTest, SingleRowOfEnglishKeys) {
  auto rows = Import(
      Csv({"area,item_l1,item_l2,content,basis,time_limit,subject,channels,audience,mode,levels",
           kLine}));
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  EXPECT_EQ((*rows)[0].Get(Field::kSubject), "宝丰镇人民政府");
}

TEST(CatalogCsvHeaderTest, QualifiedItemNames) {
  auto rows =
      Import(Csv({"领域,公开事项·一级事项,公开事项·二级事项,公开内容（要素）,公开依据,公开时限,"
                  "公开主体,公开渠道和载体,公开对象,公开方式,公开层级",
                  kLine}));
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  EXPECT_EQ((*rows)[0].Get(Field::kItemL1), "财政预决算");
}

TEST(CatalogCsvHeaderTest, NamesIgnoreSpacesLineBreaksStarsAndParenthesisWidth) {
  std::string text =
      Csv({"*领域, 一级事项 ,二级事项　,\"公开内容\n(要素)\",公开依据,公开时限,公开主体,"
           "公开渠道和载体,公开对象,公开方式,公开层级",
           kLine});
  auto rows = Import(text);
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  EXPECT_EQ((*rows)[0].Get(Field::kContent), "收支总体情况表");
}

TEST(CatalogCsvHeaderTest, SerialNumberColumnIsIgnored) {
  auto rows = Import(Csv({std::string("序号,") + kHeader, std::string("17,") + kLine}));
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  EXPECT_EQ((*rows)[0].Get(Field::kArea), "财政预决算");
}

TEST(CatalogCsvHeaderTest, TitleLineAboveHeaderIsSkipped) {
  auto rows = Import(Csv({"宝丰镇基层政务公开标准目录,,,,,,,,,,", kHeader, kLine}));
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  EXPECT_EQ(rows->size(), 1u);
  // Lines are still counted from the top of the file.
  rows = Import(Csv({"宝丰镇基层政务公开标准目录,,,,,,,,,,", kHeader, kLine, "财政预决算"}));
  ExpectImportError(rows, "wrong_column_count", "", 4);
}

TEST(CatalogCsvHeaderTest, TitleLineAboveNationalHeaderIsSkipped) {
  auto rows = Import(Csv({"宝丰镇基层政务公开标准目录", kNationalTop, kNationalSub,
                          std::string(kNationalRowStart) + ",,√,√,,,✓,是,"}));
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  EXPECT_EQ((*rows)[0].Get(Field::kLevels), "乡级、村级");
}

// Headers refused, each named by what is wrong with it.
const Refusal kRefusals[] = {
    {"OnlyOneTitleLineIsSkipped",
     {"宝丰镇基层政务公开标准目录", "2020年版", kHeader, kLine},
     "unknown_header",
     "",
     2},
    {"MissingRequiredHeaderIsNamedInChinese",
     {"领域,一级事项,二级事项,公开内容（要素）,公开时限,公开主体,公开渠道和载体,公开对象,公开方式,"
      "公开层级",
      "财政预决算,财政预决算,部门预算,收支总体情况表,批复后20日内,宝丰镇人民政府,政府网站,全社会,"
      "主动,乡级"},
     "missing_header",
     "basis",
     1,
     {"公开依据"}},
    {"MissingHeaderNamesTheLineAfterBlankLines",
     {"", "", "领域,一级事项"},
     "missing_header",
     "item_l2",
     3,
     {"二级事项、公开内容（要素）"}},
    {"MissingChannelsHeader",
     {"领域,一级事项,二级事项,公开内容（要素）,公开依据,公开时限,公开主体,公开对象,公开方式,"
      "公开层级"},
     "missing_header",
     "channels",
     1,
     {"公开渠道和载体"}},
    {"UnknownHeaderIsNamed",
     {std::string(kHeader) + ",负责人", std::string(kLine) + ",张三"},
     "unknown_header",
     "",
     1,
     {"负责人", "第 12 列（L 列）"}},
    {"DuplicateHeader",
     {std::string(kHeader) + ",领域", std::string(kLine) + ",扶贫"},
     "duplicate_header",
     "area",
     1,
     {"第 1 列（A 列）和第 12 列（L 列）"}},
    {"DuplicateHeaderByLabelAndKey",
     {std::string(kHeader) + ",mode", std::string(kLine) + ",主动"},
     "duplicate_header",
     "mode",
     1},
    {"DuplicateIdHeader", {std::string("编号,id,") + kHeader}, "duplicate_header", "id", 1},
    {"CellUnderColumnWithoutNameIsRefused",
     {std::string(kHeader) + ",", std::string(kLine) + ",", std::string(kLine) + ",遗漏的内容"},
     "unknown_header",
     "",
     3,
     {"第 12 列（L 列）"}},
    {"SemicolonSeparatedFileGetsAHint",
     {"领域;一级事项;二级事项"},
     "unknown_header",
     "",
     1,
     {"逗号"}},
};

class CatalogCsvHeaderRefusal : public ::testing::TestWithParam<Refusal> {};

TEST_P(CatalogCsvHeaderRefusal, NamesTheLineReasonAndField) { ExpectRefused(GetParam()); }

INSTANTIATE_TEST_SUITE_P(Headers, CatalogCsvHeaderRefusal, ::testing::ValuesIn(kRefusals),
                         RefusalName);

TEST(CatalogCsvHeaderTest, OtherChannelsColumnAloneIsEnough) {
  auto rows =
      Import(Csv({"领域,一级事项,二级事项,公开内容（要素）,公开依据,公开时限,公开主体,其他渠道,"
                  "公开对象,公开方式,公开层级",
                  "财政预决算,财政预决算,部门预算,收支总体情况表,《预算法》,批复后20日内,"
                  "宝丰镇人民政府,村广播,全社会,主动,乡级"}));
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  EXPECT_EQ((*rows)[0].Get(Field::kChannelsOther), "村广播");
  EXPECT_EQ((*rows)[0].Get(Field::kChannels), "");
}

TEST(CatalogCsvHeaderTest, ColumnWithoutNameIsIgnoredWhileEmpty) {
  auto rows = Import(Csv({std::string(kHeader) + ",,", std::string(kLine) + ", ,"}));
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  EXPECT_EQ(rows->size(), 1u);
}

TEST(CatalogCsvHeaderTest, NationalTwoRowHeaderWithTickBoxes) {
  auto rows =
      Import(Csv({kNationalTop, kNationalSub, std::string(kNationalRowStart) + ",,√,√,,,✓,是,"}));
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  ASSERT_EQ(rows->size(), 1u);
  ExpectCells((*rows)[0], {{Field::kArea, "社会救助"},
                           {Field::kItemL1, "最低生活保障"},
                           {Field::kItemL2, "审核信息"},
                           {Field::kTimeLimit, "10个工作日内，公示7个工作日"},
                           {Field::kChannels, "社区/企事业单位/村公示栏（电子屏）"},
                           {Field::kAudience, "特定群体"},
                           {Field::kMode, "主动"},
                           {Field::kLevels, "乡级、村级"},
                           {Field::kNotes, ""}});
}

TEST(CatalogCsvHeaderTest, NationalTickMarks) {
  auto rows =
      Import(Csv({kNationalTop, kNationalSub, std::string(kNationalRowStart) + ",1,☑,✔,0, √ ,否,×,",
                  std::string(kNationalRowStart) + ",是,,,√,1,✓,1,"}));
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  ASSERT_EQ(rows->size(), 2u);
  ExpectCells(
      (*rows)[0],
      {{Field::kAudience, "全社会、特定群体"}, {Field::kMode, "主动"}, {Field::kLevels, "县级"}});
  ExpectCells((*rows)[1], {{Field::kAudience, "全社会"},
                           {Field::kMode, "依申请"},
                           {Field::kLevels, "县级、乡级、村级"}});
}

TEST(CatalogCsvHeaderTest, NationalUnknownTickMarkIsUnknownValue) {
  auto rows =
      Import(Csv({kNationalTop, kNationalSub, std::string(kNationalRowStart) + ",有,,√,,,,√,"}));
  ExpectImportError(rows, "unknown_value", "audience", 3);
  EXPECT_NE(rows.status().message().find("公开对象·全社会"), std::string::npos);
}

TEST(CatalogCsvHeaderTest, NationalNoTickInRequiredSetIsEmptyRequired) {
  auto rows =
      Import(Csv({kNationalTop, kNationalSub, std::string(kNationalRowStart) + ",,√,,,,,√,"}));
  ExpectImportError(rows, "empty_required", "mode", 3);
}

TEST(CatalogCsvHeaderTest, NationalLayoutWithoutItemGroup) {
  auto rows =
      Import(Csv({"领域,一级事项,二级事项,公开内容（要素）,公开依据,公开时限,公开主体,"
                  "公开渠道和载体,公开对象,,公开方式,公开层级",
                  ",,,,,,,,全社会,特定群体,,",
                  "财政预决算,财政预决算,部门预算,收支总体情况表,《预算法》,批复后20日内,"
                  "宝丰镇人民政府,政府网站,√,√,主动,乡级、村级"}));
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  EXPECT_EQ((*rows)[0].Get(Field::kAudience), "全社会、特定群体");
  EXPECT_EQ((*rows)[0].Get(Field::kLevels), "乡级、村级");
}

TEST(CatalogCsvHeaderTest, NationalChannelTickBoxesAndOther) {
  auto rows =
      Import(Csv({"领域,公开事项,,公开内容（要素）,公开依据,公开时限,公开主体,公开渠道和载体,,,"
                  "公开对象,公开方式,公开层级,五公开,",
                  ",一级事项,二级事项,,,,,便民服务站,政府网站,其他,,,,决策,结果",
                  "扶贫,扶贫项目,资金使用,明细,《条例》,每季度,村委会,√,√,村广播,全社会,主动,"
                  "村级,,√"}));
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  const Row& row = (*rows)[0];
  EXPECT_EQ(row.Get(Field::kChannels), "政府网站、便民服务站");
  EXPECT_EQ(row.Get(Field::kChannelsOther), "村广播");
  EXPECT_EQ(row.Get(Field::kStages), "结果");
}

TEST(CatalogCsvHeaderTest, NationalNameRepeatedInSecondRow) {
  auto rows =
      Import(Csv({"领域,公开事项,,公开内容（要素）,公开依据,公开时限,公开主体,公开渠道和载体,"
                  "公开对象,公开方式,公开层级",
                  "领域,一级事项,二级事项,公开内容（要素）,,,,,公开对象,,",
                  "扶贫,扶贫项目,资金使用,明细,《条例》,每季度,村委会,政府网站,全社会,主动,村级"}));
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  EXPECT_EQ((*rows)[0].Get(Field::kItemL2), "资金使用");
}

TEST(CatalogCsvHeaderTest, NationalUnknownSubheaderNamesTheSecondLine) {
  std::string sub = kNationalSub;
  sub.replace(sub.find("特定群体"), std::string("特定群体").size(), "群众");
  auto rows = Import(Csv({kNationalTop, sub}));
  ExpectImportError(rows, "unknown_header", "", 2);
  EXPECT_NE(rows.status().message().find("群众"), std::string::npos);
  EXPECT_NE(rows.status().message().find("全社会、特定群体"), std::string::npos);
}

TEST(CatalogCsvHeaderTest, NationalSetColumnAndTickBoxesIsDuplicate) {
  auto rows =
      Import(Csv({"领域,公开事项,,公开内容（要素）,公开依据,公开时限,公开主体,公开渠道和载体,"
                  "公开对象,,公开方式,公开层级",
                  ",一级事项,二级事项,,,,,,,特定群体,,"}));
  ExpectImportError(rows, "duplicate_header", "audience", 2);
}

TEST(CatalogCsvHeaderTest, NationalSecondHeaderRowMissing) {
  auto rows = Import(Csv({kNationalTop}));
  ExpectImportError(rows, "missing_header", "item_l1", 1);
}

TEST(CatalogCsvHeaderTest, NationalSecondHeaderRowOfWrongWidth) {
  auto rows = Import(Csv({kNationalTop, ",,一级事项,二级事项"}));
  ExpectImportError(rows, "wrong_column_count", "", 2);
}

TEST(CatalogCsvHeaderTest, NationalItemGroupWithoutSubheader) {
  std::string sub = kNationalSub;
  sub.replace(sub.find("一级事项"), std::string("一级事项").size(), "");
  auto rows = Import(Csv({kNationalTop, sub}));
  ExpectImportError(rows, "unknown_header", "", 2);
  EXPECT_NE(rows.status().message().find("公开事项"), std::string::npos);
}

TEST(CatalogCsvHeaderTest, DataRowWithSetValuesIsNotTakenForHeader) {
  // A first data row whose 公开对象 holds "全社会" must stay a data row.
  auto rows = Import(Csv({kHeader, kLine, kLine}));
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  EXPECT_EQ(rows->size(), 2u);
}

}  // namespace
}  // namespace gongkai::csv_test
