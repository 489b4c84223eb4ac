// The period a posting covers (docs/deadlines.md § Periods): a month, a
// quarter, a half year, a year, or — for limits counted from an event — the
// day the event happened.
#pragma once

#include <string>
#include <string_view>

#include "core/base/status.h"
#include "core/deadline/date.h"
#include "core/deadline/schedule.h"

namespace gongkai::deadline {

enum class PeriodKind { kMonth, kQuarter, kHalfYear, kYear, kDay };

struct Period {
  PeriodKind kind = PeriodKind::kMonth;
  int year = 0;
  int index = 1;  // month 1–12, quarter 1–4, half 1 (上) or 2 (下); 1 for a year
  Date day{};     // kDay only
  bool operator==(const Period&) const = default;
};

// "2026年11月", "2026-11", "2026年第四季度", "2026年4季度", "2026Q4",
// "2026年上半年", "2026年", "2026年度", "2026-11-05", "2026年11月5日".
// Full-width digits and Chinese numerals are read as numbers. Anything else
// is InvalidArgument "bad_period".
Result<Period> ParsePeriod(std::string_view text);

// The normal Chinese form: "2026年11月", "2026年第四季度", "2026年上半年",
// "2026年", "2026年11月5日". ParsePeriod(FormatPeriod(p)) == p.
std::string FormatPeriod(const Period& p);

// The text a posting's period is compared by: FormatPeriod of the period
// when the text parses (2026-11 and 2026年11月 are the same), else the text
// as written (an event, say).
std::string PeriodKey(std::string_view text);

Date FirstDay(const Period& p);
Date LastDay(const Period& p);

// The period of the cycle that contains d, and the one `steps` periods later
// (negative: earlier).
Period PeriodContaining(Cycle cycle, Date d);
Period ShiftPeriod(const Period& p, int steps);

// The period kind a cycle is asked about.
PeriodKind PeriodKindOf(Cycle cycle);

}  // namespace gongkai::deadline
