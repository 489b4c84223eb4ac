#include "core/deadline/holiday_file.h"

#include "core/store/atomic_file.h"

namespace gongkai::deadline {

Result<WorkCalendar> LoadWorkCalendar(const std::optional<std::string>& path) {
  if (!path) return WorkCalendar::Default();
  GK_ASSIGN_OR_RETURN(std::string text, ReadFile(*path, kMaxHolidayFileBytes));
  Result<WorkCalendar> cal = WorkCalendar::Parse(text);
  if (!cal.ok()) return cal.status().WithContext(*path + "：");
  return cal;
}

}  // namespace gongkai::deadline
