// The working-day calendar: Monday to Friday are working days, Saturday and
// Sunday rest days, except where the town's holiday file says otherwise —
// 休 (an official holiday, even on a weekday) or 班 (an adjusted working day,
// 调休上班, on a Saturday or Sunday). The file's grammar is
// docs/formats/holidays.md; the default for 2026 and 2027 is
// core/deadline/default_holidays.cc.
//
// A calendar covers only the years it declares (年份 lines): asking about a
// day of another year is FailedPrecondition "holiday_year_missing", never a
// guess from weekends alone.
#pragma once

#include <map>
#include <set>
#include <string>
#include <string_view>

#include "core/base/status.h"
#include "core/deadline/date.h"

namespace gongkai::deadline {

class WorkCalendar {
 public:
  struct Exception {
    bool working = false;  // true: 班 (adjusted working day); false: 休
    std::string name;      // e.g. 春节
  };

  // Parses the text of a holiday file. Errors are InvalidArgument with a
  // reason of docs/formats/holidays.md and a message naming the line.
  static Result<WorkCalendar> Parse(std::string_view text);

  // The embedded default (2026, 2027); see default_holidays.cc.
  static const WorkCalendar& Default();

  bool Covers(int year) const { return years_.count(year) != 0; }
  const std::map<int, std::string>& years() const { return years_; }
  const std::map<int, Exception>& exceptions() const { return exceptions_; }

  // Whether d is a working day.
  Result<bool> IsWorkingDay(Date d) const;

  // The n-th working day after d (d itself not counted); n = 0 gives d.
  // "自…之日起20个工作日内" ends on AddWorkingDays(event, 20).
  Result<Date> AddWorkingDays(Date d, int n) const;

  // d if it is a working day, else the first working day after it.
  Result<Date> OnOrNextWorkingDay(Date d) const;

 private:
  Status CheckCovered(Date d) const;

  std::map<int, std::string> years_;     // year → source named on its 年份 line
  std::map<int, Exception> exceptions_;  // day number (sys_days) → rule
};

// The text of the embedded default holiday file (docs/formats/holidays.md).
std::string_view DefaultHolidaysText();

}  // namespace gongkai::deadline
