// Test workbooks made by the tests themselves (libzip writes the ZIP):
// SpreadsheetML parts as Excel and WPS save them, with shared or inline
// strings, numbers, formulas, several sheets; and raw ZIP files for the
// refused cases (docs/formats/xlsx.md); one part of a ZIP read back.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace gongkai::testing {

// A cell's text is written as a string, except:
//   "#n:3711234567"  a number cell <v>3711234567</v>
//   "#f:SUM(A1:A2)"  a formula cell <f>SUM(A1:A2)</f><v>0</v>
struct TestSheet {
  std::string name;
  std::vector<std::vector<std::string>> rows;  // row 1 first; "" cells are left out
  bool inline_strings = false;                 // t="inlineStr" instead of shared strings
  bool prefixed = false;                       // elements written as x:row, x:c, …
};

struct WorkbookExtras {
  bool external_link = false;  // adds xl/externalLinks/externalLink1.xml and its relationship
};

// The .xlsx bytes.
std::string BuildWorkbook(const std::vector<TestSheet>& sheets, const WorkbookExtras& extras = {});

// A ZIP file of these entries (deflated).
std::string BuildZip(const std::vector<std::pair<std::string, std::string>>& entries);

// A ZIP whose entry `name` is produced piece by piece by `next` (which
// returns "" at the end) — for huge entries without holding them.
std::string BuildStreamedZip(const std::vector<std::pair<std::string, std::string>>& entries,
                             const std::string& name, std::function<std::string()> next);

// The parts of a one-sheet workbook except the sheet itself
// (xl/worksheets/sheet1.xml).
std::vector<std::pair<std::string, std::string>> WorkbookFrame();

// The text of part `name` of a ZIP file (an .xlsx) read by core's
// ZipArchive; "" with a test failure when either cannot be read.
std::string ZipPart(const std::string& zip_bytes, const std::string& name);

// "A", "B", …, "AA" for 0, 1, …, 26.
std::string ColumnRef(size_t index);

}  // namespace gongkai::testing
