// Catalog rows from .xlsx workbooks the tests make themselves
// (tests/testing/workbook_builder.h): shared and inline strings, a title
// line, ■/□ tick columns, several sheets, numbers; and the refused ones,
// each with its reason (docs/formats/xlsx.md).
#include <gtest/gtest.h>

#include "core/catalog/set_value.h"
#include "core/xlsx/sheet_file.h"
#include "core/xlsx/workbook.h"
#include "core/xlsx/xstring.h"
#include "tests/testing/text_cases.h"
#include "tests/testing/workbook_builder.h"

namespace gongkai {
namespace {

using testing::BuildStreamedZip;
using testing::BuildWorkbook;
using testing::BuildZip;
using testing::TestSheet;
using testing::WorkbookFrame;

const std::vector<std::string> kHeader = {"领域",     "一级事项", "二级事项", "公开内容（要素）",
                                          "公开依据", "公开时限", "公开主体", "公开渠道和载体",
                                          "公开对象", "公开方式", "公开层级"};

std::vector<std::string> Line(std::vector<std::pair<size_t, std::string>> replace = {}) {
  std::vector<std::string> cells = {
      "村务公开", "村级财务",       "财务收支", "收支明细", "《村民委员会组织法》第三十条",
      "每季度",   "红旗村民委员会", "政府网站", "特定群体", "主动",
      "村级"};
  for (auto& [i, v] : replace) cells[i] = v;
  return cells;
}

CsvImportOptions Options() {
  CsvImportOptions o;
  o.unit = "红旗村";
  return o;
}

Result<SheetFileImport> Read(const std::string& bytes, const std::string& name = "目录.xlsx",
                             const std::string& sheet = "") {
  return ReadCatalogFile(bytes, name, Options(), sheet);
}

void ExpectRefused(const Result<SheetFileImport>& r, const std::string& reason) {
  ASSERT_FALSE(r.ok()) << "imported " << r->import.rows.size() << " rows";
  EXPECT_EQ(r.status().reason(), reason) << r.status().ToString();
  EXPECT_EQ(r.status().message().find('\n'), std::string::npos) << "one line";
}

SheetImport Ok(const Result<SheetFileImport>& r) {
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  if (r.ok() && !r->import.errors.empty()) {
    ADD_FAILURE() << SheetErrorStatus(r->import).ToString();
  }
  return r.ok() ? r->import : SheetImport{};
}

TEST(WorkbookImportTest, SharedStrings) {
  auto r = Read(BuildWorkbook({{"目录", {kHeader, Line(), Line({{2, "财务公开"}})}}}));
  const SheetImport& s = Ok(r);
  ASSERT_EQ(s.rows.size(), 2u);
  EXPECT_EQ(r->kind, SheetFileKind::kXlsx);
  EXPECT_EQ(r->sheet, "目录");
  EXPECT_EQ(s.rows[0].Get(Field::kItemL2), "财务收支");
  EXPECT_EQ(s.rows[1].Get(Field::kItemL2), "财务公开");
  EXPECT_EQ(s.rows[0].unit, "红旗村");
  EXPECT_EQ(s.lines, (std::vector<size_t>{2, 3}));
}

TEST(WorkbookImportTest, InlineStringsAndPrefixedElements) {
  TestSheet sheet{"Sheet1", {kHeader, Line()}, true, true};
  const SheetImport& s = Ok(Read(BuildWorkbook({sheet})));
  ASSERT_EQ(s.rows.size(), 1u);
  EXPECT_EQ(s.rows[0].Get(Field::kContent), "收支明细");
}

TEST(WorkbookImportTest, TitleLineInAMergedCell) {
  const SheetImport& s =
      Ok(Read(BuildWorkbook({{"目录", {{"红旗村基层政务公开标准目录"}, {}, kHeader, Line()}}})));
  ASSERT_EQ(s.rows.size(), 1u);
  EXPECT_EQ(s.lines[0], 4u);
}

TEST(WorkbookImportTest, NationalHeaderWithFilledAndEmptySquareTicks) {
  std::vector<std::string> top = {"领域",     "公开事项", "",         "公开内容（要素）",
                                  "公开依据", "公开时限", "公开主体", "公开渠道和载体",
                                  "公开对象", "",         "公开方式", "",
                                  "公开层级", "",         ""};
  std::vector<std::string> sub = {
      "",         "一级事项",   "二级事项",       "",     "",    "", "", "", "全社会", "特定群众",
      "主动公开", "依申请公开", "县（市、区）级", "镇级", "村级"};
  std::vector<std::string> row = {"社会救助",
                                  "最低生活保障",
                                  "审核信息",
                                  "初审对象名单",
                                  "《社会救助暂行办法》",
                                  "10个工作日内",
                                  "宝丰镇人民政府",
                                  "政府网站",
                                  "□",
                                  "■",
                                  "☑",
                                  "口",
                                  "☐",
                                  "√",
                                  "■"};
  const SheetImport& s = Ok(Read(BuildWorkbook({{"目录", {top, sub, row}}})));
  ASSERT_EQ(s.rows.size(), 1u);
  EXPECT_EQ(s.rows[0].Get(Field::kAudience), "特定群体");
  EXPECT_EQ(s.rows[0].Get(Field::kMode), "主动");
  EXPECT_EQ(s.rows[0].Get(Field::kLevels), "乡级、村级");
}

TEST(WorkbookImportTest, TwoSheetsTheOneWithTheCatalogHeaderIsRead) {
  std::string wb = BuildWorkbook({{"填表说明", {{"请按国家标准目录填写"}, {"单位：红旗村"}}},
                                  {"村级目录", {kHeader, Line(), Line()}}});
  auto r = Read(wb);
  const SheetImport& s = Ok(r);
  EXPECT_EQ(r->sheet, "村级目录");
  EXPECT_EQ(s.rows.size(), 2u);
  auto named = Read(wb, "目录.xlsx", "村级目录");
  EXPECT_EQ(Ok(named).rows.size(), 2u);
  auto wrong = Read(wb, "目录.xlsx", "乡级目录");
  ExpectRefused(wrong, "unknown_sheet");
  EXPECT_NE(wrong.status().message().find("填表说明"), std::string::npos);
  EXPECT_EQ(wrong.status().code(), Code::kNotFound);
}

TEST(WorkbookImportTest, SeveralSheetsNoneWithACatalogHeader) {
  ExpectRefused(Read(BuildWorkbook({{"a", {{"x"}, {"y"}}}, {"b", {{"z"}}}})), "no_catalog_sheet");
}

TEST(WorkbookImportTest, ColumnsInAnyOrder) {
  std::vector<std::string> header(kHeader.rbegin(), kHeader.rend());
  std::vector<std::string> line = Line();
  std::vector<std::string> reversed(line.rbegin(), line.rend());
  const SheetImport& s = Ok(Read(BuildWorkbook({{"目录", {header, reversed}}})));
  ASSERT_EQ(s.rows.size(), 1u);
  EXPECT_EQ(s.rows[0].Get(Field::kArea), "村务公开");
  EXPECT_EQ(s.rows[0].Get(Field::kLevels), "村级");
}

TEST(WorkbookImportTest, NumberCellsAndAPhoneThatLostItsZero) {
  std::vector<std::string> header = kHeader;
  header.push_back("咨询电话");
  header.push_back("备注");
  std::vector<std::string> a = Line();
  a.push_back("#n:3711234567");
  a.push_back("#n:3.5E3");
  std::vector<std::string> b = Line();
  b.push_back("#n:13800000000");
  const SheetImport& s = Ok(Read(BuildWorkbook({{"目录", {header, a, b}}})));
  ASSERT_EQ(s.rows.size(), 2u);
  EXPECT_EQ(s.rows[0].Get(Field::kContact), "3711234567");
  EXPECT_EQ(s.rows[0].Get(Field::kNotes), "3500");
  EXPECT_EQ(s.rows[1].Get(Field::kContact), "13800000000");
  ASSERT_EQ(s.warning_count, 1u) << "a mobile number is not a lost zero";
  EXPECT_EQ(s.warnings[0].status.reason(), "phone_lost_zero");
  EXPECT_EQ(s.warnings[0].line, 2u);
}

TEST(WorkbookImportTest, AltEnterLineBreaksAreKeptAsLf) {
  const SheetImport& s = Ok(Read(
      BuildWorkbook({{"目录", {kHeader, Line({{3, "收支明细\r\n债权债务_x000D_\n集体资产"}})}}})));
  ASSERT_EQ(s.rows.size(), 1u);
  EXPECT_EQ(s.rows[0].Get(Field::kContent), "收支明细\n债权债务\n集体资产");
}

// ECMA-376 Part 1 §22.9.2.19 ST_Xstring, as Excel writes cells: _x000D_
// for CR (Alt+Enter after pasted CRLF text), _x005F_ for a literal "_",
// surrogate pairs, in shared and in inline strings alike.
TEST(WorkbookImportTest, TextEscapesAreDecodedInSharedAndInlineStrings) {
  const std::string escaped =
      "第一行_x000D_\n第二行_x000d_\n第三行 _x005F_x000D_ 字面 _x0041_ _xD83D__xDE00_ "
      "_xD800_ _x00zz_ _X0041_";
  const std::string decoded =
      "第一行\n第二行\n第三行 _x000D_ 字面 A \xF0\x9F\x98\x80 _xD800_ _x00zz_ _X0041_";
  for (bool inline_strings : {false, true}) {
    SCOPED_TRACE(inline_strings ? "inline strings" : "shared strings");
    TestSheet sheet{"目录", {kHeader, Line({{3, escaped}})}, inline_strings, false};
    const SheetImport& s = Ok(Read(BuildWorkbook({sheet})));
    ASSERT_EQ(s.rows.size(), 1u);
    EXPECT_EQ(s.rows[0].Get(Field::kContent), decoded);
  }
}

TEST(WorkbookImportTest, AltEnterInASingleLineFieldIsRefusedNamingTheColumn) {
  auto r = Read(BuildWorkbook({{"目录",
                                {kHeader, Line(), Line({{2, "财务_x000D_\n收支"}}),
                                 Line({{5, "每季度\n首月"}, {3, "收支_x000D_\n明细"}})}}}));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const SheetImport& s = r->import;
  EXPECT_TRUE(s.warnings.empty());
  ASSERT_EQ(s.error_count, 2u) << SheetErrorStatus(s).ToString();
  EXPECT_EQ(s.errors[0].line, 3u);
  EXPECT_EQ(s.errors[0].column, "第 3 列（C 列） 二级事项");
  EXPECT_EQ(s.errors[0].status.reason(), "line_break");
  EXPECT_EQ(s.errors[0].status.field(), "item_l2");
  EXPECT_EQ(s.errors[1].line, 4u);
  EXPECT_EQ(s.errors[1].status.field(), "time_limit");
  EXPECT_EQ(s.errors[0].Text(),
            "第 3 行: 第 3 列（C 列） 二级事项: 二级事项 只能写一行，这一格里有换行（Alt+Enter）；"
            "请删去换行，把内容写在一行里（要分开写可用 、 或 ；） (line break in a single-line "
            "field)");
  Result<std::vector<Row>> rows = RowsOrErrors(s);
  ASSERT_FALSE(rows.ok());
  EXPECT_EQ(rows.status().reason(), "line_break");
}

TEST(WorkbookImportTest, CellBeyondTheHeaderIsAnError) {
  std::vector<std::string> line = Line();
  line.push_back("");
  line.push_back("多出来的");
  auto r = Read(BuildWorkbook({{"目录", {kHeader, line}}}));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->import.errors.size(), 1u);
  EXPECT_EQ(r->import.errors[0].status.reason(), "unknown_header");
  EXPECT_NE(r->import.errors[0].column.find("M 列"), std::string::npos);
}

// --- refused workbooks: a specific reason each, nothing read ---

TEST(WorkbookRefusalTest, RenamedCsv) {
  ExpectRefused(Read("领域,一级事项\n村务公开,村级财务\n", "目录.xlsx"), "not_a_workbook");
}

TEST(WorkbookRefusalTest, ZipThatIsNotAWorkbook) {
  ExpectRefused(Read(BuildZip({{"word/document.xml", "<w/>"}}), "a.xlsx"), "not_a_workbook");
}

TEST(WorkbookRefusalTest, ZipContentIsSniffedWhateverTheName) {
  ExpectRefused(Read(BuildZip({{"content.xml", "<x/>"}}), "目录.csv"), "not_a_workbook");
}

TEST(WorkbookRefusalTest, OldExcelFormat) {
  std::string xls("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);
  xls += std::string(512, '\0');
  ExpectRefused(Read(xls, "目录.xls"), "old_excel_format");
}

TEST(WorkbookRefusalTest, CorruptZip) {
  std::string wb = BuildWorkbook({{"目录", {kHeader, Line()}}});
  ExpectRefused(Read(wb.substr(0, wb.size() / 2)), "corrupt_workbook");
  std::string flipped = wb;
  for (size_t i = 60; i < 200 && i < flipped.size(); ++i)
    flipped[i] = static_cast<char>(~flipped[i]);
  ExpectRefused(Read(flipped), "corrupt_workbook");
}

TEST(WorkbookRefusalTest, BadXml) {
  auto parts = WorkbookFrame();
  parts.emplace_back("xl/worksheets/sheet1.xml", "<worksheet><sheetData><row></sheetData>");
  ExpectRefused(Read(BuildZip(parts)), "corrupt_workbook");
}

TEST(WorkbookRefusalTest, DoctypeIsRefused) {
  auto parts = WorkbookFrame();
  parts.emplace_back("xl/worksheets/sheet1.xml",
                     "<!DOCTYPE x [<!ENTITY a \"aaaa\">]><worksheet><sheetData/></worksheet>");
  ExpectRefused(Read(BuildZip(parts)), "corrupt_workbook");
}

TEST(WorkbookRefusalTest, ZipBomb) {
  auto parts = WorkbookFrame();
  parts.emplace_back("xl/worksheets/sheet1.xml", std::string(64u << 20, ' '));
  std::string bomb = BuildZip(parts);
  EXPECT_LT(bomb.size(), 1u << 20);
  auto r = Read(bomb);
  ExpectRefused(r, "zip_bomb");
  EXPECT_EQ(r.status().code(), Code::kResourceExhausted);
}

TEST(WorkbookRefusalTest, TotalSizeCap) {
  ZipLimits limits;
  limits.max_total = 1000;
  auto r = ReadCatalogFile(BuildWorkbook({{"目录", {kHeader, Line(), Line(), Line()}}}), "a.xlsx",
                           Options(), "", limits);
  ExpectRefused(r, "zip_bomb");
}

TEST(WorkbookRefusalTest, Formula) {
  auto r = Read(BuildWorkbook({{"目录", {kHeader, Line(), Line({{3, "#f:A2&B2"}})}}}));
  ExpectRefused(r, "formula_cell");
  EXPECT_NE(r.status().message().find("第 3 行 D 列"), std::string::npos) << r.status().message();
}

TEST(WorkbookRefusalTest, ExternalLink) {
  testing::WorkbookExtras extras;
  extras.external_link = true;
  ExpectRefused(Read(BuildWorkbook({{"目录", {kHeader, Line()}}}, extras)), "external_link");
}

TEST(WorkbookRefusalTest, BadSharedStringIndex) {
  auto parts = WorkbookFrame();
  parts.emplace_back("xl/worksheets/sheet1.xml",
                     "<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>7</v></c></row>"
                     "</sheetData></worksheet>");
  ExpectRefused(Read(BuildZip(parts)), "corrupt_workbook");
}

// 3,000 rows streamed over a cap of 1,000: refused with too_many_rows at
// the first row over the cap. (The 1,000,000-row sheet against the real
// cap, and the memory it costs: tests/station/workbook_process_test.cc.)
TEST(WorkbookRefusalTest, TooManyRows) {
  size_t row = 0;
  std::string header = "<worksheet><sheetData><row r=\"1\">";
  for (size_t c = 0; c < kHeader.size(); ++c) {
    header += "<c r=\"" + testing::ColumnRef(c) + "1\" t=\"inlineStr\"><is><t>" + kHeader[c] +
              "</t></is></c>";
  }
  header += "</row>";
  auto parts = WorkbookFrame();
  std::string wb = BuildStreamedZip(parts, "xl/worksheets/sheet1.xml", [&]() -> std::string {
    if (row == 0) {
      ++row;
      return header;
    }
    if (row > 3000) return row++ == 3001 ? "</sheetData></worksheet>" : "";
    std::string out;
    for (int i = 0; i < 1000 && row <= 3000; ++i, ++row) {
      std::string n = std::to_string(row + 1);
      out += "<row r=\"" + n + "\"><c r=\"A" + n + "\" t=\"inlineStr\"><is><t>x</t></is></c></row>";
    }
    return out;
  });
  CsvImportOptions options = Options();
  options.max_rows = 1000;
  auto r = ReadCatalogFile(wb, "a.xlsx", options);
  ExpectRefused(r, "too_many_rows");
  EXPECT_NE(r.status().message().find("第 1002 行"), std::string::npos) << r.status().message();
}

// Text far right of the catalog is refused (a row is made dense); empty
// styled cells out to XFD are fine.
TEST(WorkbookRefusalTest, TextBeyondColumn1024) {
  auto frame = WorkbookFrame();
  std::string header;
  for (size_t c = 0; c < kHeader.size(); ++c) {
    header += "<c r=\"" + testing::ColumnRef(c) + "1\" t=\"inlineStr\"><is><t>" + kHeader[c] +
              "</t></is></c>";
  }
  auto sheet = [&](const std::string& extra) {
    auto parts = frame;
    parts.emplace_back("xl/worksheets/sheet1.xml",
                       "<worksheet><sheetData><row r=\"1\">" + header + extra +
                           "</row></sheetData></worksheet>");
    return BuildZip(parts);
  };
  Result<SheetFileImport> styled = Read(sheet("<c r=\"XFD1\" s=\"3\"/>"));
  EXPECT_TRUE(styled.ok()) << styled.status().ToString();
  ExpectRefused(Read(sheet("<c r=\"AMK1\" t=\"inlineStr\"><is><t>x</t></is></c>")),
                "too_many_columns");
  ExpectRefused(Read(sheet("<c r=\"XFE1\" t=\"inlineStr\"><is><t>x</t></is></c>")),
                "corrupt_workbook");
}

TEST(WorkbookCellTextTest, EscapesDecodeAndEncodeExactly) {
  ExpectEachGives(DecodeXstring, {{"a_x000D_b", "a\rb"},
                                  {"_x005F_x000D_", "_x000D_"},
                                  {"_x4E2D__x6587_", "中文"},
                                  {"_x000D", "_x000D"},
                                  // A lone low surrogate is kept as written.
                                  {"_xDE00_", "_xDE00_"}});
  EXPECT_EQ(NormalizeCellText("a_x000D_\nb\rc"), "a\nb\nc");
  for (std::string t : {"_x000D_", "__x0041__", "a_x005F_b", "_x_x1234_", "no escape _x12_",
                        "_xD83D__xDE00_", "_"}) {
    EXPECT_EQ(DecodeXstring(EscapeXstringText(t)), t) << t;
  }
  ExpectEachGives(EscapeXstringText, {{"a_x000D_b", "a_x005F_x000D_b"}, {"a_b_x12_", "a_b_x12_"}});
}

TEST(WorkbookCellTextTest, NumbersInExponentFormAreWrittenOut) {
  ExpectEachGives(
      NumberCellText,
      {{"3.711234567E9", "3711234567"}, {"1E-3", "1E-3"}, {"0.5", "0.5"}, {"20", "20"}});
}

}  // namespace
}  // namespace gongkai
