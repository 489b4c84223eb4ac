// What is due for the station's unit (公开情况): for each of its rows in use
// and the period(s) to look at, the record that counts and the verdict of
// core/deadline/compliance.h. Shared by `gongkai-station due` and the
// clerk's page 本期应公开 (station/ui), docs/postings.md § Station commands.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/catalog/row.h"
#include "core/deadline/compliance.h"
#include "station/store/station_store.h"

namespace gongkai::station {

// What `due` and the page say when the unit has no rows at all.
inline constexpr const char* kNoRowsYet =
    "本单位还没有条目：先用 gongkai-station import 导入目录（页面上点“导入表格”），"
    "再看本期应公开的事项。";

struct DueLine {
  Row row;
  bool periodic = false;  // a period and a deadline were computed
  std::string period;     // FormatPeriod, when periodic
  deadline::ComplianceResult result;
  std::optional<StationPosting> posting;  // the record that counts
  std::string status_text;  // 已公开（按时）, 待公开, 已逾期, 时限无法自动计算 …
};

struct DueReport {
  deadline::Date today;
  std::string unit;
  std::optional<deadline::Period> period;  // given, else each row's current one
  size_t unit_rows = 0;                    // rows of the unit in use (0: kNoRowsYet)
  std::vector<DueLine> lines;
  std::map<std::string, int> counts;  // by ComplianceName
};

// Without `period`: each row's period containing today and, while it is not
// done, the one before. With it: only rows whose cycle asks about that kind
// of period.
Result<DueReport> ComputeDue(StationStore& store, const std::optional<deadline::Period>& period,
                             deadline::Date today, const deadline::WorkCalendar& cal);

// True for the verdicts that mean "posted" (on time or late).
bool IsDone(deadline::Compliance c);

}  // namespace gongkai::station
