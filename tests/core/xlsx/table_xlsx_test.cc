// Report tables as workbooks (docs/formats/xlsx.md § Report tables).
#include <gtest/gtest.h>

#include "core/xlsx/table_xlsx_writer.h"
#include "core/xlsx/zip_archive.h"
#include "tests/testing/workbook_builder.h"

namespace gongkai {
namespace {

std::string Part(const std::string& xlsx, const std::string& name) {
  return testing::ZipPart(xlsx, name);
}

TEST(TableXlsx, SheetHoldsTextCells) {
  XlsxTable t;
  t.sheet = "公开情况";
  t.header = {"单位", "按时"};
  t.rows = {{"红旗村", "3"}, {"=1+1", "0"}};
  Result<std::string> xlsx = TableToXlsx(t);
  ASSERT_TRUE(xlsx.ok()) << xlsx.status().ToString();
  std::string sheet = Part(*xlsx, "xl/worksheets/sheet1.xml");
  EXPECT_NE(sheet.find("state=\"frozen\""), std::string::npos) << sheet;
  EXPECT_NE(sheet.find("<dimension ref=\"A1:B3\"/>"), std::string::npos) << sheet;
  EXPECT_EQ(sheet.find("<f>"), std::string::npos);      // "=1+1" stays text
  EXPECT_EQ(sheet.find("t=\"n\""), std::string::npos);  // counts are text cells too
  std::string strings = Part(*xlsx, "xl/sharedStrings.xml");
  for (const char* s : {"单位", "按时", "红旗村", "3", "=1+1"}) {
    EXPECT_NE(strings.find(std::string("<t>") + s + "</t>"), std::string::npos) << s;
  }
  EXPECT_NE(Part(*xlsx, "xl/workbook.xml").find("name=\"公开情况\""), std::string::npos);
  // The same table, the same sheet.
  EXPECT_EQ(Part(*TableToXlsx(t), "xl/worksheets/sheet1.xml"), sheet);
}

}  // namespace
}  // namespace gongkai
