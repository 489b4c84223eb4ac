// Calendar dates for deadlines (docs/deadlines.md): a proleptic Gregorian
// day, no time of day and no time zone. Dates are written YYYY-MM-DD
// (ISO 8601) on the command line, in --json output and in files.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/base/status.h"

namespace gongkai::deadline {

using Date = std::chrono::year_month_day;

// The date of these numbers; check .ok() (2026-02-30 is not ok).
Date MakeDate(int year, unsigned month, unsigned day);

// "2026-11-05" → the date; anything else (2026-2-30, 2026-11-5, text) is
// InvalidArgument "bad_date".
Result<Date> ParseIsoDate(std::string_view text);

// "2026-11-05".
std::string FormatIsoDate(Date d);

// "2026年11月5日".
std::string FormatChineseDate(Date d);

// Last day of the given month.
Date LastDayOfMonth(int year, unsigned month);

// d plus n calendar days (n may be negative).
Date AddDays(Date d, int n);

// Whole days from a to b (b - a).
int DaysBetween(Date a, Date b);

// The calendar date in China Standard Time (UTC+8, no daylight saving) of a
// moment in unix seconds: the day a hub's log receipt counts for, whatever
// the server's own time zone (docs/postings.md).
Date DateInChina(int64_t unix_seconds);

// Saturday or Sunday.
bool IsWeekend(Date d);

}  // namespace gongkai::deadline
