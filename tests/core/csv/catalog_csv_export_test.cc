// Export format (golden bytes) and export → import round trips.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/csv/catalog_csv.h"
#include "tests/core/csv/catalog_csv_fixtures.h"
#include "tests/testing/row_cells.h"
#include "tests/testing/sample_rows.h"

namespace gongkai {
namespace {

constexpr char kBom[] = "\xEF\xBB\xBF";
constexpr char kExportHeader[] =
    "编号,单位,领域,一级事项,二级事项,公开内容（要素）,公开依据,公开时限,公开主体,公开渠道和载体,"
    "其他渠道,公开对象,公开方式,公开层级,五公开,咨询电话,备注,状态\r\n";

std::vector<Row> RoundTrip(const std::vector<Row>& rows) {
  std::string csv = CatalogToCsv(rows);
  CsvImportOptions options;
  options.unit = "不应使用";
  Result<std::vector<Row>> back = ParseCatalogCsv(csv, options);
  EXPECT_TRUE(back.ok()) << back.status().ToString();
  return back.ok() ? *back : std::vector<Row>{};
}

TEST(CatalogCsvExportTest, NoRowsIsBomAndHeader) {
  EXPECT_EQ(CatalogToCsv({}), std::string(kBom) + kExportHeader);
}

TEST(CatalogCsvExportTest, GoldenBytesOfSampleRow) {
  std::string expected =
      std::string(kBom) + kExportHeader +
      "00000000-0000-4000-8000-000000000001,宝丰镇,财政预决算,财政预决算,部门预算,"
      "收支总体情况表；财政拨款收支表；“三公”经费表,《预算法》《政府信息公开条例》,"
      "批复后20日内,宝丰镇人民政府,政府网站,,全社会,主动,乡级,,,,在用\r\n";
  EXPECT_EQ(CatalogToCsv({SampleRow()}), expected);
}

TEST(CatalogCsvExportTest, GoldenBytesWithQuotingAndSets) {
  Row row = SampleVillageRow();
  row.retired = true;
  row.Set(Field::kContent, "收支明细,\"三公\"经费\n债权债务");
  row.Set(Field::kLevels, "乡级、村级");
  std::string expected =
      std::string(kBom) + kExportHeader +
      "00000000-0000-4000-8000-000000000002,红旗村,村务公开,村级财务,财务收支,"
      "\"收支明细,\"\"三公\"\"经费\n债权债务\",《村民委员会组织法》第三十条,"
      "每季度首月20日前；财务往来多的每月,红旗村民委员会,"
      "社区/企事业单位/村公示栏（电子屏）,,特定群体,主动,乡级、村级,管理、结果,,,"
      "已撤销\r\n";
  EXPECT_EQ(CatalogToCsv({row}), expected);
}

TEST(CatalogCsvExportTest, RoundTripSampleRows) {
  std::vector<Row> rows = {SampleRow(), SampleVillageRow()};
  EXPECT_EQ(RoundTrip(rows), rows);
}

TEST(CatalogCsvExportTest, RoundTripTrickyCells) {
  // Inner line breaks and spaces survive; surrounding ones are trimmed on
  // import, as `edit --set` trims (CatalogCsvImportTest.TextCellsAreTrimmedLikeEditSet).
  Row row =
      WithCells(SampleVillageRow(),
                {{Field::kContent, "收支明细，集体资产,债权债务\n\"三公\"经费；“引号”\n\n中间空行"},
                 {Field::kBasis, "中间  两个空格"},
                 {Field::kChannels,
                  "政府网站、政府公报、两微一端、发布会/"
                  "听证会、广播电视、纸质媒体、公开查阅点、政务服务中心、"
                  "便民服务站、入户/现场、社区/企事业单位/村公示栏（电子屏）、精准推送"},
                 {Field::kChannelsOther, "村广播,\"大喇叭\""},
                 {Field::kAudience, "全社会、特定群体"},
                 {Field::kMode, "主动、依申请"},
                 {Field::kLevels, "县级、乡级、村级"},
                 {Field::kStages, "决策、执行、管理、服务、结果"},
                 {Field::kContact, "0371-12345678"},
                 {Field::kNotes, "\""}});
  row.retired = true;
  Row plain = WithCells(SampleRow(), {{Field::kNotes, ","}});
  std::vector<Row> rows = {row, plain};
  EXPECT_EQ(RoundTrip(rows), rows);
}

TEST(CatalogCsvExportTest, ExportedFileIsReadWithItsOwnUnits) {
  Row row = SampleRow();
  row.unit = "红旗村";
  std::vector<Row> back = RoundTrip({row});
  ASSERT_EQ(back.size(), 1u);
  EXPECT_EQ(back[0].unit, "红旗村");
}

}  // namespace
}  // namespace gongkai
