// A plain table as an .xlsx workbook (docs/formats/xlsx.md § Report
// tables): one sheet, a bold frozen header row, every cell a string cell in
// the text format "@" (nothing is evaluated), the creation time fixed as
// for the catalog. Used for reports such as `gongkai-hub compliance --xlsx`.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "core/base/status.h"

namespace gongkai {

struct XlsxTable {
  std::string sheet;  // ≤ 31 characters
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
};

// The workbook's bytes (through a temporary file in $TMPDIR or /tmp).
Result<std::string> TableToXlsx(const XlsxTable& table);

// Runs write(path) on a fresh temporary file and returns the file's bytes;
// the file is removed either way. Shared by the workbook writers.
Result<std::string> XlsxBytesVia(const std::function<Status(const std::string&)>& write);

}  // namespace gongkai
