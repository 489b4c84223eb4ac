// The path shared by CSV and workbooks (core/csv/catalog_records.h):
// every bad line at once (capped), aliases of published wording with the
// report of what was applied, tick marks, the formula marker.
#include <gtest/gtest.h>

#include "core/csv/aliases.h"
#include "core/csv/catalog_csv.h"
#include "core/csv/formula_marker.h"
#include "core/csv/tick_box.h"
#include "tests/core/csv/catalog_csv_fixtures.h"
#include "tests/testing/text_cases.h"

namespace gongkai {
namespace {

using csv_test::kHeader;
using csv_test::kLine;
using csv_test::LineWith;
using csv_test::Options;

std::string Lines(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& l : lines) out += l + "\r\n";
  return out;
}

TEST(CatalogSheetTest, EveryBadLineIsReportedAtOnce) {
  auto sheet = ReadCatalogCsv(
      Lines({kHeader, kLine, LineWith(2, ""), kLine, LineWith(8, "群众"), LineWith(9, "被动")}),
      Options());
  ASSERT_TRUE(sheet.ok()) << sheet.status().ToString();
  ASSERT_EQ(sheet->error_count, 3u);
  ASSERT_EQ(sheet->errors.size(), 3u);
  EXPECT_EQ(sheet->errors[0].line, 3u);
  EXPECT_EQ(sheet->errors[0].status.reason(), "empty_required");
  EXPECT_EQ(sheet->errors[0].column, "第 3 列（C 列） 二级事项");
  EXPECT_NE(sheet->errors[0].status.message().find("请在这一格填写"), std::string::npos);
  EXPECT_EQ(sheet->errors[1].line, 5u);
  EXPECT_EQ(sheet->errors[1].status.field(), "audience");
  EXPECT_NE(sheet->errors[1].status.message().find("全社会、特定群体"), std::string::npos)
      << "says what to write instead";
  EXPECT_EQ(sheet->errors[2].line, 6u);
  EXPECT_EQ(sheet->errors[2].status.field(), "mode");

  Status all = SheetErrorStatus(*sheet);
  EXPECT_EQ(all.reason(), "empty_required");
  EXPECT_EQ(all.message().rfind("第 3 行: 第 3 列（C 列） 二级事项: ", 0), 0u) << all.message();
  EXPECT_NE(all.message().find("\n第 5 行: "), std::string::npos);
  EXPECT_NE(all.message().find("\n第 6 行: "), std::string::npos);
  EXPECT_NE(all.message().find("共 3 处错误"), std::string::npos);
  EXPECT_FALSE(ParseCatalogCsv(Lines({kHeader, kLine, LineWith(2, "")}), Options()).ok());
}

TEST(CatalogSheetTest, ErrorsAreListedUpToTheCapAndAllCounted) {
  std::vector<std::string> lines = {kHeader};
  for (int i = 0; i < 60; ++i) lines.push_back(LineWith(10, "省级"));
  auto sheet = ReadCatalogCsv(Lines(lines), Options());
  ASSERT_TRUE(sheet.ok());
  EXPECT_EQ(sheet->errors.size(), 50u);
  EXPECT_EQ(sheet->error_count, 60u);
  EXPECT_NE(SheetErrorStatus(*sheet).message().find("还有 10 处错误没有列出"), std::string::npos);
}

TEST(CatalogSheetTest, SeveralBadCellsOfOneLineAreEachReported) {
  auto sheet = ReadCatalogCsv(Lines({kHeader,
                                     "财政预决算,财政预决算,部门预算,收支,依据,时限,主体,"
                                     "政府网站,群众,被动,省级"}),
                              Options());
  ASSERT_TRUE(sheet.ok());
  ASSERT_EQ(sheet->errors.size(), 3u);
  EXPECT_EQ(sheet->errors[0].status.field(), "audience");
  EXPECT_EQ(sheet->errors[1].status.field(), "mode");
  EXPECT_EQ(sheet->errors[2].status.field(), "levels");
}

TEST(CatalogSheetTest, AliasesOfPublishedWordingAreAppliedAndReported) {
  auto sheet =
      ReadCatalogCsv(Lines({kHeader, LineWith(8, "特定群众"), LineWith(9, "依申请公开、主动公开"),
                            LineWith(10, "\"县(市、区)级、镇级\""), LineWith(10, "乡镇级"),
                            LineWith(10, "乡（镇）级"), LineWith(7, "村务公开栏")}),
                     Options());
  ASSERT_TRUE(sheet.ok()) << sheet.status().ToString();
  ASSERT_TRUE(sheet->errors.empty()) << SheetErrorStatus(*sheet).ToString();
  EXPECT_EQ(sheet->rows[0].Get(Field::kAudience), "特定群体");
  EXPECT_EQ(sheet->rows[1].Get(Field::kMode), "主动、依申请");
  EXPECT_EQ(sheet->rows[2].Get(Field::kLevels), "县级、乡级");
  EXPECT_EQ(sheet->rows[3].Get(Field::kLevels), "乡级");
  EXPECT_EQ(sheet->rows[4].Get(Field::kLevels), "乡级");
  EXPECT_EQ(sheet->rows[5].Get(Field::kChannels), "社区/企事业单位/村公示栏（电子屏）");
  std::map<std::string, size_t> used;
  for (const AliasUse& a : sheet->aliases) used[a.from + "→" + a.to] = a.count;
  EXPECT_EQ(used["特定群众→特定群体"], 1u);
  EXPECT_EQ(used["依申请公开→依申请"], 1u);
  EXPECT_EQ(used["主动公开→主动"], 1u);
  EXPECT_EQ(used["县（市、区）级→县级"], 1u);
  EXPECT_EQ(used["镇级→乡级"], 1u);
  EXPECT_EQ(used["乡镇级→乡级"], 1u);
  EXPECT_EQ(used["乡（镇）级→乡级"], 1u);
  EXPECT_EQ(used["村务公开栏→社区/企事业单位/村公示栏（电子屏）"], 1u);
}

TEST(CatalogSheetTest, EveryAliasTargetIsInItsFixedList) {
  for (const ValueAlias& a : ValueAliases()) {
    bool aliased = false;
    auto canonical = CanonicalElement(a.field, a.to, &aliased);
    ASSERT_TRUE(canonical.has_value()) << a.from << " → " << a.to;
    EXPECT_FALSE(aliased);
    EXPECT_EQ(*CanonicalElement(a.field, a.from, &aliased), a.to);
    EXPECT_TRUE(aliased);
  }
}

TEST(CatalogSheetTest, TickMarks) {
  for (const char* t : {"■", "☑", "√", "✓", "✔", "是", "1", " ■ "}) {
    EXPECT_EQ(ParseTickBox(t), std::optional<bool>(true)) << t;
  }
  for (const char* u : {"□", "口", "☐", "×", "否", "0", "", "　"}) {
    EXPECT_EQ(ParseTickBox(u), std::optional<bool>(false)) << u;
  }
  EXPECT_EQ(ParseTickBox("有"), std::nullopt);
}

TEST(CatalogSheetTest, FormulaMarker) {
  ExpectEachGives(AddFormulaMarker, {{"=1+1", "'=1+1"},
                                     {"+86", "'+86"},
                                     {"-", "'-"},
                                     {"@a", "'@a"},
                                     {"\tx", "'\tx"},
                                     {"\rx", "'\rx"},
                                     {"'=x", "''=x"},
                                     {"'x", "'x"},
                                     {"0371-1234567", "0371-1234567"}});
  for (const char* s : {"=1+1", "'=x", "''@", "'x", "x", "", "-", "'"}) {
    EXPECT_EQ(StripFormulaMarker(AddFormulaMarker(s)), s) << s;
  }
}

TEST(CatalogSheetTest, FormulaMarkedCellsImportWithoutTheMarker) {
  auto rows = ParseCatalogCsv(
      Lines({std::string(kHeader) + ",备注", std::string(kLine) + ",'=1+1"}), Options());
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  EXPECT_EQ((*rows)[0].Get(Field::kNotes), "=1+1");
}

TEST(CatalogSheetTest, UnknownChannelTickColumnGoesToOtherChannels) {
  std::string top =
      "领域,公开事项,,公开内容（要素）,公开依据,公开时限,公开主体,公开渠道和载体,,,公开对象,,"
      "公开方式,,公开层级,,";
  std::string sub =
      ",一级事项,二级事项,,,,,政府网站,12345政务服务热线,其他,全社会,特定群体,主动,"
      "依申请,县级,乡级,村级";
  std::string row = "社会救助,低保,审核,名单,办法,7日,镇政府,√,■,村广播,,√,√,,,√,";
  auto sheet = ReadCatalogCsv(Lines({top, sub, row}), Options());
  ASSERT_TRUE(sheet.ok()) << sheet.status().ToString();
  ASSERT_TRUE(sheet->errors.empty()) << SheetErrorStatus(*sheet).ToString();
  EXPECT_EQ(sheet->rows[0].Get(Field::kChannels), "政府网站");
  EXPECT_EQ(sheet->rows[0].Get(Field::kChannelsOther), "村广播、12345政务服务热线");
}

}  // namespace
}  // namespace gongkai
