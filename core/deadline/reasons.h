// The reasons core/deadline/ produces that other code decides on, as named
// constants (docs/exit-codes.md § Decisions): compare a Status's reason()
// with these, never with a literal. Producers may still spell the literal;
// the wire and the docs know the text.
#pragma once

#include <string_view>

namespace gongkai::reason {
// Reasons of the work calendar (work_calendar.cc).
inline constexpr std::string_view kHolidayYearMissing = "holiday_year_missing";

// Reasons of deadline computation (due.cc).
inline constexpr std::string_view kEventTriggered = "event_triggered";
inline constexpr std::string_view kNoFixedDeadline = "no_fixed_deadline";
inline constexpr std::string_view kTimeLimitUnparsed = "time_limit_unparsed";
}  // namespace gongkai::reason
