// Shared bits of the catalog CSV tests: a minimal valid header and row, CSV
// text from lines, an assertion on the error of a failed import, and the
// row type of the tables of refused files.
#pragma once

#include <gtest/gtest.h>

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "core/csv/catalog_csv.h"

namespace gongkai::csv_test {

// The required columns, single-row layout (no line break).
inline constexpr char kHeader[] =
    "领域,一级事项,二级事项,公开内容（要素）,公开依据,公开时限,公开主体,公开渠道和载体,"
    "公开对象,公开方式,公开层级";

// One valid data line for kHeader (no line break).
inline constexpr char kLine[] =
    "财政预决算,财政预决算,部门预算,收支总体情况表,《预算法》,批复后20日内,宝丰镇人民政府,"
    "政府网站,全社会,主动,乡级";

// The lines joined with CRLF, each ended by one, as Excel writes them.
inline std::string Csv(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& line : lines) {
    out += line;
    out += "\r\n";
  }
  return out;
}

// kLine with one cell (0-based, of the 11 in kHeader) replaced.
inline std::string LineWith(size_t index, std::string_view cell) {
  std::string line = kLine;
  size_t start = 0;
  for (size_t i = 0; i < index; ++i) start = line.find(',', start) + 1;
  size_t end = line.find(',', start);
  if (end == std::string::npos) end = line.size();
  return line.replace(start, end - start, cell);
}

inline CsvImportOptions Options() {
  CsvImportOptions options;
  options.unit = "宝丰镇";
  return options;
}

inline Result<std::vector<Row>> Import(std::string_view bytes) {
  return ParseCatalogCsv(bytes, Options());
}

// The import failed with this reason and field, and the message names the line.
inline void ExpectImportError(const Result<std::vector<Row>>& result, const std::string& reason,
                              const std::string& field, size_t line) {
  ASSERT_FALSE(result.ok()) << "imported " << result->size() << " rows";
  EXPECT_EQ(result.status().reason(), reason) << result.status().ToString();
  EXPECT_EQ(result.status().field(), field) << result.status().ToString();
  std::string prefix = "第 " + std::to_string(line) + " 行: ";
  EXPECT_EQ(result.status().message().rfind(prefix, 0), 0u)
      << "message does not start with " << prefix << ": " << result.status().message();
}

// A file the import refuses, as a row of a table of such files: the error
// names `reason`, `field` and `line`, and its message holds every one of
// `message_has`.
struct Refusal {
  std::string name;  // of the test case: says what is wrong with the file
  std::vector<std::string> lines;
  std::string reason;
  std::string field;
  size_t line = 0;
  std::vector<std::string> message_has = {};
};

inline void ExpectRefused(const Refusal& r) {
  auto rows = Import(Csv(r.lines));
  ExpectImportError(rows, r.reason, r.field, r.line);
  for (const std::string& part : r.message_has) {
    EXPECT_NE(rows.status().message().find(part), std::string::npos)
        << "no \"" << part << "\" in: " << rows.status().message();
  }
}

// Each refusal's test is named by its case, and gtest prints the case by
// that name too.
inline std::string RefusalName(const ::testing::TestParamInfo<Refusal>& info) {
  return info.param.name;
}
inline void PrintTo(const Refusal& r, std::ostream* os) { *os << r.name; }

}  // namespace gongkai::csv_test
