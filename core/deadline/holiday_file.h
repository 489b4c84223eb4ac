// A town's holiday file (docs/formats/holidays.md) read from disk, or the
// built-in calendar when no file is named: what `gongkai-station
// deadlines|due` and `gongkai-hub compliance` take as --holidays.
#pragma once

#include <optional>
#include <string>

#include "core/base/status.h"
#include "core/deadline/work_calendar.h"

namespace gongkai::deadline {

inline constexpr size_t kMaxHolidayFileBytes = 1u << 20;

// No path: WorkCalendar::Default(). A missing file is the ReadFile error
// (file_missing); a bad one its parse reason, the message naming the file.
Result<WorkCalendar> LoadWorkCalendar(const std::optional<std::string>& path);

}  // namespace gongkai::deadline
