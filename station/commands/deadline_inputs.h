// What deadlines and due read from the command line: today's date
// (--today, else the station's local date) and the working-day calendar
// (--holidays FILE, else the built-in one; docs/deadlines.md).
#pragma once

#include "core/base/status.h"
#include "core/deadline/date.h"
#include "core/deadline/work_calendar.h"
#include "station/cli/command.h"

namespace gongkai::station {

Result<deadline::Date> TodayOf(const CommandContext& ctx);
// The station's local date at `now` (what TodayOf gives without --today;
// the clerk's page uses it).
Result<deadline::Date> LocalDateOf(int64_t now);
Result<deadline::WorkCalendar> CalendarOf(const CommandContext& ctx);
// The --today and --holidays flags.
FlagSpec TodayFlag();
FlagSpec HolidaysFlag();

}  // namespace gongkai::station
