// gongkai-station import / export of .xlsx workbooks, in process: the
// import report (text and --json), --check changes nothing, --sheet, every
// refusal with its reason and exit status and nothing written, every bad
// line listed, and the round trip .xlsx → station → .xlsx.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "core/store/atomic_file.h"
#include "core/xlsx/sheet_file.h"
#include "core/xlsx/zip_archive.h"
#include "tests/station/station_fixture.h"
#include "tests/testing/process.h"
#include "tests/testing/workbook_builder.h"

namespace gongkai::station {
namespace {

using namespace testing;  // NOLINT(google-build-using-namespace)

const std::vector<std::string> kHeader = {"领域",     "一级事项", "二级事项", "公开内容（要素）",
                                          "公开依据", "公开时限", "公开主体", "公开渠道和载体",
                                          "公开对象", "公开方式", "公开层级", "咨询电话"};

std::vector<std::string> Line(const std::string& item,
                              std::vector<std::pair<size_t, std::string>> replace = {}) {
  std::vector<std::string> cells = {"村务公开",
                                    "村级财务",
                                    item,
                                    "收支明细\n债权债务",
                                    "《村民委员会组织法》第三十条",
                                    "每季度",
                                    "红旗村民委员会",
                                    "村务公开栏、政府网站",
                                    "特定群众",
                                    "主动公开",
                                    "村级",
                                    "0371-1234567"};
  for (auto& [i, v] : replace) cells[i] = v;
  return cells;
}

class CliWorkbook : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = tmp_.path() + "/st";
    testing::InitStore(dir_);
  }

  CliResult Run(std::vector<std::string> args) {
    args.push_back("--dir");
    args.push_back(dir_);
    return RunCli(args);
  }

  std::string Write(const std::string& name, const std::string& bytes) {
    std::string path = tmp_.path() + "/" + name;
    EXPECT_TRUE(WriteFileAtomic(path, bytes, 0644).ok());
    return path;
  }

  // Refused with exit status 3 and this reason; nothing written.
  void ExpectRefused(const std::string& path, const std::string& reason) {
    std::string before = StoreFingerprint(dir_);
    CliResult r = Run({"import", path});
    EXPECT_EQ(r.code, 3) << r.err;
    EXPECT_NE(r.err.find("[" + reason + "]"), std::string::npos) << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << "one line: " << r.err;
    EXPECT_NE(r.err.find("整个文件都没有导入"), std::string::npos) << r.err;
    EXPECT_EQ(StoreFingerprint(dir_), before) << "something was written";
  }

  TempDir tmp_;
  std::string dir_;
};

TEST_F(CliWorkbook, ImportReportsCountsAliasesAndWarnings) {
  std::string path = Write(
      "目录.xlsx",
      BuildWorkbook(
          {{"目录", {kHeader, Line("财务收支"), Line("低保名单", {{11, "#n:3711234567"}})}}}));
  CliResult r = Run({"import", path});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("新增 2 条"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("公开对象: 特定群众 → 特定群体（2 处）"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("公开方式: 主动公开 → 主动（2 处）"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("第 3 行: 第 12 列（L 列） 咨询电话"), std::string::npos) << r.out;
  CliResult list = Run({"list", "--json"});
  EXPECT_NE(list.out.find("收支明细\\n债权债务"), std::string::npos) << "LF kept: " << list.out;
}

TEST_F(CliWorkbook, CheckIsADryRunWithTheSameReport) {
  std::string path = Write("目录.xlsx", BuildWorkbook({{"目录", {kHeader, Line("财务收支")}}}));
  std::string before = StoreFingerprint(dir_);
  CliResult r = Run({"import", "--check", path, "--json"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(StoreFingerprint(dir_), before) << "--check wrote something";
  boost::json::object o = boost::json::parse(r.out).as_object();
  EXPECT_EQ(o.at("dry_run").as_bool(), true);
  EXPECT_EQ(o.at("ok").as_bool(), true);
  EXPECT_EQ(o.at("kind").as_string(), "xlsx");
  EXPECT_EQ(o.at("sheet").as_string(), "目录");
  EXPECT_EQ(o.at("added").as_int64(), 1);
  EXPECT_EQ(o.at("aliases").as_array().size(), 3u);
  CliResult real = Run({"import", path, "--json"});
  ASSERT_EQ(real.code, 0) << real.err;
  boost::json::object done = boost::json::parse(real.out).as_object();
  EXPECT_EQ(done.at("dry_run").as_bool(), false);
  EXPECT_EQ(done.at("added").as_int64(), 1);
  EXPECT_EQ(done.at("edits").as_int64(), 1);
  EXPECT_NE(StoreFingerprint(dir_), before);
}

TEST_F(CliWorkbook, SheetFlagChoosesTheSheet) {
  std::string path =
      Write("目录.xlsx", BuildWorkbook({{"旧目录", {kHeader, Line("旧的")}},
                                        {"新目录", {kHeader, Line("新的"), Line("另一条")}}}));
  CliResult r = Run({"import", path, "--sheet", "新目录", "--check"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("新增 2 条"), std::string::npos) << r.out;
  CliResult first = Run({"import", path, "--check"});
  EXPECT_NE(first.out.find("新增 1 条"), std::string::npos) << "first sheet with a header";
  CliResult none = Run({"import", path, "--sheet", "没有"});
  EXPECT_EQ(none.code, 4) << none.err;
  EXPECT_NE(none.err.find("[unknown_sheet]"), std::string::npos) << none.err;
}

TEST_F(CliWorkbook, RefusedWorkbooksImportNothing) {
  ExpectRefused(Write("renamed.xlsx", "领域,一级事项\n村务公开,村级财务\n"), "not_a_workbook");
  std::string good = BuildWorkbook({{"目录", {kHeader, Line("财务收支")}}});
  ExpectRefused(Write("cut.xlsx", good.substr(0, good.size() - 40)), "corrupt_workbook");
  ExpectRefused(Write("formula.xlsx",
                      BuildWorkbook({{"目录", {kHeader, Line("财务收支", {{5, "#f:TODAY()"}})}}})),
                "formula_cell");
  ::gongkai::testing::WorkbookExtras extras;
  extras.external_link = true;
  ExpectRefused(Write("link.xlsx", BuildWorkbook({{"目录", {kHeader, Line("x")}}}, extras)),
                "external_link");
  auto parts = ::gongkai::testing::WorkbookFrame();
  parts.emplace_back("xl/worksheets/sheet1.xml", std::string(64u << 20, ' '));
  ExpectRefused(Write("bomb.xlsx", ::gongkai::testing::BuildZip(parts)), "zip_bomb");
}

TEST_F(CliWorkbook, EveryBadLineIsListedAndNothingImported) {
  std::string path =
      Write("bad.xlsx", BuildWorkbook({{"目录",
                                        {kHeader, Line("a"), Line("b", {{8, "群众"}}), Line("c"),
                                         Line("", {}), Line("d", {{10, "省级"}})}}}));
  std::string before = StoreFingerprint(dir_);
  CliResult r = Run({"import", path});
  EXPECT_EQ(r.code, 3) << r.err;
  EXPECT_EQ(StoreFingerprint(dir_), before);
  EXPECT_NE(r.err.find("第 3 行: 第 9 列（I 列） 公开对象: "), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("第 5 行: 第 3 列（C 列） 二级事项: "), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("第 6 行: 第 11 列（K 列） 公开层级: "), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("有 3 处错误"), std::string::npos) << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 4) << r.err;
  CliResult json = Run({"import", path, "--json"});
  boost::json::object o = boost::json::parse(json.out).as_object();
  EXPECT_EQ(o.at("ok").as_bool(), false);
  EXPECT_EQ(o.at("error_count").as_int64(), 3);
  EXPECT_EQ(o.at("errors").as_array()[0].as_object().at("line").as_int64(), 3);
}

// Alt+Enter as Excel writes it (_x000D_ + LF): kept as LF in 公开内容,
// refused in 咨询电话 and 二级事项 with the column and what to write, exit 3,
// nothing written; with the line breaks gone the same workbook imports.
TEST_F(CliWorkbook, LineBreakInAOneLineCellIsListedWithWhatToWrite) {
  std::vector<std::vector<std::string>> rows = {
      kHeader, Line("甲", {{3, "收支明细_x000D_\n债权债务"}}),
      Line("乙", {{11, "0371-1234567_x000D_\n0371-7654321"}}), Line("丙_x000D_\n丁")};
  std::string path = Write("breaks.xlsx", BuildWorkbook({{"目录", rows}}));
  std::string before = StoreFingerprint(dir_);
  CliResult r = Run({"import", path});
  EXPECT_EQ(r.code, 3) << r.err;
  EXPECT_EQ(StoreFingerprint(dir_), before) << "something was written";
  EXPECT_NE(r.err.find("第 3 行: 第 12 列（L 列） 咨询电话: 咨询电话 只能写一行"), std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("用 、 隔开"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("第 4 行: 第 3 列（C 列） 二级事项: 二级事项 只能写一行"), std::string::npos)
      << r.err;
  EXPECT_EQ(r.err.find("控制字符"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("[line_break]"), std::string::npos) << r.err;
  CliResult json = Run({"import", path, "--json"});
  boost::json::object o = boost::json::parse(json.out).as_object();
  EXPECT_EQ(o.at("error_count").as_int64(), 2);
  EXPECT_EQ(o.at("errors").as_array()[0].as_object().at("reason").as_string(), "line_break");
  EXPECT_EQ(o.at("errors").as_array()[0].as_object().at("field").as_string(), "contact");

  rows[2] = Line("乙", {{11, "0371-1234567、0371-7654321"}});
  rows[3] = Line("丙丁");
  CliResult fixed = Run({"import", Write("fixed.xlsx", BuildWorkbook({{"目录", rows}}))});
  ASSERT_EQ(fixed.code, 0) << fixed.err;
  CliResult exported = Run({"export", tmp_.path() + "/out.csv"});
  ASSERT_EQ(exported.code, 0) << exported.err;
  EXPECT_NE(ReadText(tmp_.path() + "/out.csv").find("\"收支明细\n债权债务\""), std::string::npos);
}

TEST_F(CliWorkbook, EveryRowTheCatalogRefusesIsListedToo) {
  std::vector<std::string> header = kHeader;
  header.push_back("单位");
  auto line = [](const std::string& item, const std::string& unit) {
    std::vector<std::string> l = Line(item);
    l.push_back(unit);
    return l;
  };
  std::string path = Write("units.xlsx", BuildWorkbook({{"目录", {header, line("甲", "东风村"),
                                                                  line("乙", "红旗村"),
                                                                  line("丙", "宝丰镇")}}}));
  std::string before = StoreFingerprint(dir_);
  CliResult r = Run({"import", path});
  EXPECT_EQ(r.code, 5) << r.err;
  EXPECT_NE(r.err.find("第 2 行: 这一行属于 东风村"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("第 4 行: 这一行属于 宝丰镇"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("有 2 处错误"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("[other_unit]"), std::string::npos) << r.err;
  EXPECT_EQ(StoreFingerprint(dir_), before);
}

TEST_F(CliWorkbook, RoundTripWorkbookStationWorkbook) {
  std::string in = Write(
      "in.xlsx",
      BuildWorkbook({{"目录", {kHeader, Line("财务收支"), Line("低保", {{3, "=不是公式"}})}}}));
  ASSERT_EQ(Run({"import", in}).code, 0);
  std::string out1 = tmp_.path() + "/out1.xlsx";
  CliResult e1 = Run({"export", out1});
  ASSERT_EQ(e1.code, 0) << e1.err;
  EXPECT_NE(e1.out.find("Excel 工作簿"), std::string::npos);
  // Importing the export changes nothing; exporting again gives the same sheet.
  CliResult again = Run({"import", out1});
  ASSERT_EQ(again.code, 0) << again.err;
  EXPECT_NE(again.out.find("新增 0 条，修改 0 条，撤销 0 条，未变 2 条"), std::string::npos)
      << again.out;
  std::string out2 = tmp_.path() + "/out2.data";
  ASSERT_EQ(Run({"export", "--xlsx", out2}).code, 0);
  std::string a = ReadText(out1), b = ReadText(out2);
  for (const char* part : {"xl/worksheets/sheet1.xml", "xl/sharedStrings.xml"}) {
    auto za = ZipArchive::Open(a);
    auto zb = ZipArchive::Open(b);
    ASSERT_TRUE(za.ok() && zb.ok());
    EXPECT_EQ(*za->Read(part), *zb->Read(part)) << part;
  }
  EXPECT_EQ(SniffSheetFile(b), SheetFileKind::kXlsx);
}

TEST_F(CliWorkbook, CsvExportMarksFormulaLikeCells) {
  std::string in =
      Write("in.xlsx", BuildWorkbook({{"目录", {kHeader, Line("低保", {{3, "=1+1"}})}}}));
  ASSERT_EQ(Run({"import", in}).code, 0);
  std::string csv = tmp_.path() + "/out.csv";
  ASSERT_EQ(Run({"export", csv}).code, 0);
  std::string bytes = ReadText(csv);
  EXPECT_NE(bytes.find(",'=1+1,"), std::string::npos) << bytes;
  CliResult back = Run({"import", csv});
  ASSERT_EQ(back.code, 0) << back.err;
  EXPECT_NE(back.out.find("未变 1 条"), std::string::npos) << back.out;
}

}  // namespace
}  // namespace gongkai::station
