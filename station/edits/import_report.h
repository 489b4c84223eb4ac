// What an import of a spreadsheet did, or would do (`import --check`):
// rows added / changed / retired / unchanged, the aliases of published
// wording it applied, its warnings — or every error and that nothing was
// imported. The same report in the CLI's text, its --json, and the clerk's
// page (station/ui/row_page.cc). docs/station.md § 导入报告.
#pragma once

#include <boost/json.hpp>
#include <string>
#include <vector>

#include "core/base/status.h"
#include "core/csv/catalog_records.h"
#include "station/edits/edit_plan.h"

namespace gongkai::station {

struct ImportReport {
  std::string file;   // the file's name
  std::string kind;   // "csv" or "xlsx"
  std::string sheet;  // the sheet read (xlsx)
  bool dry_run = false;
  Status status;                     // not ok: nothing was imported (message: what and what to do)
  std::vector<SheetProblem> errors;  // the bad lines (at most 50 listed)
  size_t error_count = 0;
  ImportCounts counts;
  std::vector<AliasUse> aliases;
  std::vector<SheetProblem> warnings;
  size_t warning_count = 0;
};

// Lines for the terminal (Chinese, English key words in brackets): the
// counts, then "按规范写法替换:" aliases, then "提醒:" warnings.
std::string ImportReportText(const ImportReport& report);

// {"file","kind","sheet","dry_run","ok","added","changed","retired",
//  "unchanged","edits","aliases":[{"field","from","to","count"}],
//  "warnings":[{"line","column","reason","field","message"}],"warning_count",
//  "errors":[…same keys…],"error_count","error":{"reason","message"}}
boost::json::object ImportReportJson(const ImportReport& report);

boost::json::object ProblemJson(const SheetProblem& p);

}  // namespace gongkai::station
