// The .xlsx export (core/xlsx/catalog_xlsx_writer.h): the parts it writes
// (frozen header, column widths, text cells, no formulas), the same bytes
// for the same rows, and import of the export gives the same rows byte for
// byte. Interop with Python's standard library (zipfile + xml) both ways
// in the *Python* tests (label process).
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "core/csv/catalog_csv.h"
#include "core/csv/formula_marker.h"
#include "core/xlsx/catalog_xlsx_writer.h"
#include "core/xlsx/sheet_file.h"
#include "core/xlsx/zip_archive.h"
#include "tests/testing/row_cells.h"
#include "tests/testing/sample_rows.h"
#include "tests/testing/temp_dir.h"
#include "tests/testing/workbook_builder.h"

namespace gongkai {
namespace {

std::vector<Row> TrickyRows() {
  Row b = WithCells(SampleVillageRow(), {{Field::kContent, "收支明细\n债权债务\n=SUM(A1:A9)"},
                                         {Field::kContact, "0371-1234567"},
                                         {Field::kNotes, "=1+1"},
                                         {Field::kBasis, "'=不是公式"},
                                         {Field::kTimeLimit, "-每季度首月20日前"},
                                         {Field::kChannelsOther, "@村民微信群"}});
  Row c = WithCells(SampleVillageRow(),
                    {{Field::kContact, "03711234567"}, {Field::kNotes, "+86 371 1234567"}});
  c.id = "00000000-0000-4000-8000-0000000000cc";
  c.retired = true;
  return {SampleRow(), b, c};
}

CsvImportOptions Options() {
  CsvImportOptions o;
  o.unit = "红旗村";
  return o;
}

std::string Part(const std::string& xlsx, const std::string& name) {
  return testing::ZipPart(xlsx, name);
}

TEST(WorkbookExportTest, ImportOfTheExportGivesTheSameRows) {
  std::vector<Row> rows = TrickyRows();
  Result<std::string> xlsx = CatalogToXlsx(rows);
  ASSERT_TRUE(xlsx.ok()) << xlsx.status().ToString();
  Result<SheetFileImport> back = ReadCatalogFile(*xlsx, "out.xlsx", Options());
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  ASSERT_TRUE(back->import.errors.empty()) << SheetErrorStatus(back->import).ToString();
  EXPECT_EQ(back->sheet, "目录");
  EXPECT_EQ(back->import.rows, rows);
  EXPECT_TRUE(back->import.aliases.empty());
}

TEST(WorkbookExportTest, CsvRoundTripWithFormulaMarkersIsExact) {
  std::vector<Row> rows = TrickyRows();
  std::string csv = CatalogToCsv(rows);
  EXPECT_NE(csv.find(",'=1+1,"), std::string::npos);
  EXPECT_NE(csv.find(",''=不是公式,"), std::string::npos);
  EXPECT_NE(csv.find(",'-每季度首月20日前,"), std::string::npos);
  EXPECT_NE(csv.find(",'@村民微信群,"), std::string::npos);
  EXPECT_NE(csv.find(",'+86 371 1234567,"), std::string::npos);
  Result<std::vector<Row>> back = ParseCatalogCsv(csv, Options());
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(*back, rows);
}

TEST(WorkbookExportTest, SheetPartGolden) {
  Row row = SampleRow();
  Result<std::string> xlsx = CatalogToXlsx({row});
  ASSERT_TRUE(xlsx.ok());
  std::string sheet = Part(*xlsx, "xl/worksheets/sheet1.xml");
  // Frozen header row.
  EXPECT_NE(sheet.find("<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" "
                       "state=\"frozen\"/>"),
            std::string::npos)
      << sheet;
  // Column widths: 编号 38, 公开内容（要素） 40 (Excel adds its padding).
  EXPECT_NE(sheet.find("<col min=\"1\" max=\"1\" width=\"38.7109375\""), std::string::npos);
  EXPECT_NE(sheet.find("<col min=\"6\" max=\"6\" width=\"40.7109375\""), std::string::npos);
  EXPECT_NE(sheet.find("<dimension ref=\"A1:R2\"/>"), std::string::npos);
  // Every cell a shared string; no formula anywhere.
  EXPECT_EQ(sheet.find("<f>"), std::string::npos);
  EXPECT_EQ(sheet.find("t=\"n\""), std::string::npos);
  EXPECT_NE(sheet.find("<c r=\"A1\" s=\"2\" t=\"s\"><v>0</v></c>"), std::string::npos) << sheet;
  std::string strings = Part(*xlsx, "xl/sharedStrings.xml");
  std::string header;
  for (const std::string& h : CatalogExportHeader()) header += "<si><t>" + h + "</t></si>";
  EXPECT_NE(strings.find(header), std::string::npos) << strings;
  // The text number format "@" on every column.
  std::string styles = Part(*xlsx, "xl/styles.xml");
  EXPECT_NE(styles.find("formatCode=\"@\""), std::string::npos) << styles;
  std::string book = Part(*xlsx, "xl/workbook.xml");
  EXPECT_NE(book.find("<sheet name=\"目录\" sheetId=\"1\" r:id=\"rId1\"/>"), std::string::npos);
}

TEST(WorkbookExportTest, SameRowsSameParts) {
  Result<std::string> a = CatalogToXlsx(TrickyRows());
  Result<std::string> b = CatalogToXlsx(TrickyRows());
  ASSERT_TRUE(a.ok() && b.ok());
  for (const char* part :
       {"xl/worksheets/sheet1.xml", "xl/sharedStrings.xml", "docProps/core.xml"}) {
    EXPECT_EQ(Part(*a, part), Part(*b, part)) << part;
  }
  EXPECT_NE(Part(*a, "docProps/core.xml").find("2020-01-01T00:00:00Z"), std::string::npos);
}

// Text that looks like an ST_Xstring escape is written with its "_" as
// _x005F_, so Excel and the import show it as typed (docs/formats/xlsx.md
// § Text escapes); a line break is written as LF.
std::vector<Row> EscapeLookalikeRows() {
  Row a = SampleVillageRow();
  a.Set(Field::kContent, "Excel 把回车写成 _x000D_，下划线写成 _x005F_\n第二行");
  a.Set(Field::kNotes, "a__x0041__b _x12_ _xD83D_");
  return {a};
}

TEST(WorkbookExportTest, EscapeLookalikesRoundTripExactly) {
  std::vector<Row> rows = EscapeLookalikeRows();
  Result<std::string> xlsx = CatalogToXlsx(rows);
  ASSERT_TRUE(xlsx.ok()) << xlsx.status().ToString();
  std::string sst = Part(*xlsx, "xl/sharedStrings.xml");
  EXPECT_NE(sst.find("Excel 把回车写成 _x005F_x000D_，下划线写成 _x005F_x005F_\n第二行"),
            std::string::npos)
      << sst;
  EXPECT_NE(sst.find("a__x005F_x0041__b _x12_ _x005F_xD83D_"), std::string::npos) << sst;
  Result<SheetFileImport> back = ReadCatalogFile(*xlsx, "out.xlsx", Options());
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  ASSERT_TRUE(back->import.errors.empty()) << SheetErrorStatus(back->import).ToString();
  EXPECT_EQ(back->import.rows, rows);
}

// --- interop with python3's standard library (zipfile + xml) ---

bool HavePython() {
  return std::system("python3 -c 'import zipfile, xml.etree' >/dev/null 2>&1") == 0;
}

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Reads every cell of the first sheet with zipfile + ElementTree, one line
// per row, cells joined by TAB, LF inside a cell written as "\n"; the
// _xHHHH_ escapes decoded as Excel does.
constexpr char kPythonReader[] = R"PY(
import re, sys, zipfile, xml.etree.ElementTree as ET
ns = {'m': 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'}
z = zipfile.ZipFile(sys.argv[1])
def unescape(s):  # ECMA-376 Part 1, 22.9.2.19 ST_Xstring
    return re.sub(r'_x([0-9A-Fa-f]{4})_', lambda m: chr(int(m.group(1), 16)), s)
sst = [unescape(''.join(t.text or '' for t in si.iter('{%s}t' % ns['m'])))
       for si in ET.fromstring(z.read('xl/sharedStrings.xml')).findall('m:si', ns)]
sheet = ET.fromstring(z.read('xl/worksheets/sheet1.xml'))
out = []
for row in sheet.find('m:sheetData', ns).findall('m:row', ns):
    cells = {}
    for c in row.findall('m:c', ns):
        ref = ''.join(ch for ch in c.get('r') if ch.isalpha())
        col = 0
        for ch in ref: col = col * 26 + ord(ch) - 64
        assert c.find('m:f', ns) is None, 'formula'
        assert c.get('t') == 's', 'not a string cell'
        cells[col - 1] = sst[int(c.find('m:v', ns).text)]
    width = max(cells) + 1 if cells else 0
    out.append('\t'.join(cells.get(i, '').replace('\n', '\\n') for i in range(width)))
open(sys.argv[2], 'w', encoding='utf-8').write('\n'.join(out) + '\n')
)PY";

// The rows exported, then read back by kPythonReader: its output.
std::string ExportReadByPython(const std::vector<Row>& rows) {
  TempDir tmp;
  EXPECT_TRUE(WriteCatalogXlsx(rows, tmp.path() + "/out.xlsx").ok());
  std::ofstream(tmp.path() + "/read.py") << kPythonReader;
  std::string cmd =
      "python3 " + tmp.path() + "/read.py " + tmp.path() + "/out.xlsx " + tmp.path() + "/cells.txt";
  EXPECT_EQ(std::system(cmd.c_str()), 0);
  return ReadAll(tmp.path() + "/cells.txt");
}

TEST(WorkbookInteropTest, PythonReadsOurWorkbook) {
  if (!HavePython()) GTEST_SKIP() << "python3 not available";
  std::vector<Row> rows = TrickyRows();
  std::string cells = ExportReadByPython(rows);
  std::string expected;
  auto line = [&](const std::vector<std::string>& cells) {
    size_t width = cells.size();
    while (width > 0 && cells[width - 1].empty()) --width;
    for (size_t i = 0; i < width; ++i) {
      std::string c = cells[i];
      if (c.starts_with('\'') && NeedsFormulaMarker(c)) c = AddFormulaMarker(c);  // "'=…" → "''=…"
      for (size_t p; (p = c.find('\n')) != std::string::npos;) c.replace(p, 1, "\\n");
      expected += (i ? "\t" : "") + c;
    }
    expected += "\n";
  };
  line(CatalogExportHeader());
  for (const Row& r : rows) line(CatalogExportCells(r));
  EXPECT_EQ(cells, expected);
}

TEST(WorkbookInteropTest, PythonReadsEscapeLookalikesAsTyped) {
  if (!HavePython()) GTEST_SKIP() << "python3 not available";
  std::string cells = ExportReadByPython(EscapeLookalikeRows());
  EXPECT_NE(cells.find("\tExcel 把回车写成 _x000D_，下划线写成 _x005F_\\n第二行\t"),
            std::string::npos)
      << cells;
  EXPECT_NE(cells.find("\ta__x0041__b _x12_ _xD83D_\t"), std::string::npos) << cells;
}

// A workbook as a script writes it with zipfile and plain XML strings:
// shared strings for the header, inline strings and a number for the data.
constexpr char kPythonWriter[] = R"PY(
import sys, zipfile
from xml.sax.saxutils import escape
M = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'
R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'
header = ['领域','一级事项','二级事项','公开内容（要素）','公开依据','公开时限','公开主体',
          '公开渠道和载体','公开对象','公开方式','公开层级','咨询电话']
row = ['村务公开','村级财务','财务收支','收支明细\n债权债务','《村民委员会组织法》','每季度',
       '红旗村民委员会','村务公开栏、政府网站','特定群众','依申请公开','镇级、村级']
def ref(c, r): return chr(65 + c) + str(r)
sst = ''.join('<si><t>%s</t></si>' % escape(h) for h in header)
cells1 = ''.join('<c r="%s" t="s"><v>%d</v></c>' % (ref(i, 1), i) for i in range(len(header)))
cells2 = ''.join('<c r="%s" t="inlineStr"><is><t>%s</t></is></c>' % (ref(i, 2), escape(v))
                 for i, v in enumerate(row))
cells2 += '<c r="L2"><v>3711234567</v></c>'
rows = '<row r="1">%s</row><row r="2">%s</row>' % (cells1, cells2)
if len(sys.argv) > 2:  # 'escapes': rows 3 and 4 as Excel writes a pasted CRLF (_x000D_ + LF)
    extra = ['收支明细_x000D_\n债权债务 _x005F_x000D_', '财务_x000D_\n收支']
    sst += ''.join('<si><t xml:space="preserve">%s</t></si>' % escape(e) for e in extra)
    n = len(header)
    def line(r, col, index):  # `row` as sheet row r, its column col the shared string index
        return ''.join('<c r="%s" t="s"><v>%d</v></c>' % (ref(i, r), index) if i == col else
                       '<c r="%s" t="inlineStr"><is><t>%s</t></is></c>' % (ref(i, r), escape(v))
                       for i, v in enumerate(row))
    row3, row4 = line(3, 3, n), line(4, 2, n + 1)
    rows += '<row r="3">%s</row><row r="4">%s</row>' % (row3, row4)
with zipfile.ZipFile(sys.argv[1], 'w', zipfile.ZIP_DEFLATED) as z:
    z.writestr('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
    z.writestr('xl/workbook.xml', '<?xml version="1.0"?><workbook xmlns="%s" xmlns:r="%s"><sheets><sheet name="村级目录" sheetId="1" r:id="rId1"/></sheets></workbook>' % (M, R))
    z.writestr('xl/_rels/workbook.xml.rels', '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="%s/worksheet" Target="worksheets/sheet1.xml"/></Relationships>' % R)
    z.writestr('xl/sharedStrings.xml', '<?xml version="1.0"?><sst xmlns="%s">%s</sst>' % (M, sst))
    z.writestr('xl/worksheets/sheet1.xml', '<?xml version="1.0"?><worksheet xmlns="%s"><sheetData>%s</sheetData></worksheet>' % (M, rows))
)PY";

// The workbook kPythonWriter writes (with `extra` as its second argument),
// imported.
Result<SheetFileImport> ImportWrittenByPython(const std::string& extra) {
  TempDir tmp;
  std::ofstream(tmp.path() + "/write.py") << kPythonWriter;
  std::string cmd = "python3 " + tmp.path() + "/write.py " + tmp.path() + "/py.xlsx " + extra;
  EXPECT_EQ(std::system(cmd.c_str()), 0);
  return ReadCatalogFile(ReadAll(tmp.path() + "/py.xlsx"), "py.xlsx", Options());
}

TEST(WorkbookInteropTest, WorkbookWrittenByPythonImports) {
  if (!HavePython()) GTEST_SKIP() << "python3 not available";
  Result<SheetFileImport> r = ImportWrittenByPython("");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_TRUE(r->import.errors.empty()) << SheetErrorStatus(r->import).ToString();
  ASSERT_EQ(r->import.rows.size(), 1u);
  ExpectCells(r->import.rows[0],
              {{Field::kContent, "收支明细\n债权债务"},
               {Field::kChannels, "政府网站、社区/企事业单位/村公示栏（电子屏）"},
               {Field::kAudience, "特定群体"},
               {Field::kMode, "依申请"},
               {Field::kLevels, "乡级、村级"},
               {Field::kContact, "3711234567"}});
  EXPECT_EQ(r->import.aliases.size(), 4u);
  EXPECT_EQ(r->import.warning_count, 1u);
}

// As Excel saves a cell into which CRLF text was pasted: _x000D_ then LF.
// In 公开内容 it is one line break; in 二级事项 (one line) it is refused with
// the column named; nothing is imported.
TEST(WorkbookInteropTest, PythonWrittenExcelEscapes) {
  if (!HavePython()) GTEST_SKIP() << "python3 not available";
  Result<SheetFileImport> r = ImportWrittenByPython("escapes");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->import.error_count, 1u) << SheetErrorStatus(r->import).ToString();
  const SheetProblem& p = r->import.errors[0];
  EXPECT_EQ(p.line, 4u);
  EXPECT_EQ(p.column, "第 3 列（C 列） 二级事项");
  EXPECT_EQ(p.status.reason(), "line_break");
  ASSERT_EQ(r->import.rows.size(), 2u) << "rows 2 and 3 read";
  EXPECT_EQ(r->import.rows[1].Get(Field::kContent), "收支明细\n债权债务 _x000D_");
  EXPECT_FALSE(RowsOrErrors(r->import).ok()) << "nothing is imported";
}

}  // namespace
}  // namespace gongkai
