#include "core/deadline/date.h"

#include <cstdio>

namespace gongkai::deadline {

using std::chrono::day;
using std::chrono::month;
using std::chrono::sys_days;
using std::chrono::year;

Date MakeDate(int y, unsigned m, unsigned d) { return Date{year{y}, month{m}, day{d}}; }

Result<Date> ParseIsoDate(std::string_view text) {
  auto bad = [&] {
    return InvalidArgument("bad_date", "日期 \"" + std::string(text) +
                                           "\" 写法不对：请写成 年-月-日，例如 2026-11-05");
  };
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return bad();
  int parts[3] = {0, 0, 0};
  const size_t starts[3] = {0, 5, 8};
  const size_t lengths[3] = {4, 2, 2};
  for (int i = 0; i < 3; ++i) {
    for (size_t k = 0; k < lengths[i]; ++k) {
      char c = text[starts[i] + k];
      if (c < '0' || c > '9') return bad();
      parts[i] = parts[i] * 10 + (c - '0');
    }
  }
  Date d = MakeDate(parts[0], static_cast<unsigned>(parts[1]), static_cast<unsigned>(parts[2]));
  if (!d.ok() || parts[0] < 1900) return bad();
  return d;
}

std::string FormatIsoDate(Date d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(d.year()),
                static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
  return buf;
}

std::string FormatChineseDate(Date d) {
  return std::to_string(static_cast<int>(d.year())) + "年" +
         std::to_string(static_cast<unsigned>(d.month())) + "月" +
         std::to_string(static_cast<unsigned>(d.day())) + "日";
}

Date LastDayOfMonth(int y, unsigned m) {
  std::chrono::year_month_day_last last{year{y}, std::chrono::month_day_last{month{m}}};
  return Date{last};
}

Date AddDays(Date d, int n) { return Date{sys_days{d} + std::chrono::days{n}}; }

int DaysBetween(Date a, Date b) { return static_cast<int>((sys_days{b} - sys_days{a}).count()); }

bool IsWeekend(Date d) {
  std::chrono::weekday w{sys_days{d}};
  return w == std::chrono::Saturday || w == std::chrono::Sunday;
}

Date DateInChina(int64_t unix_seconds) {
  constexpr int64_t kOffset = 8 * 3600;
  int64_t local = unix_seconds + kOffset;
  int64_t days = local >= 0 ? local / 86400 : -((-local + 86399) / 86400);
  return Date{std::chrono::sys_days{std::chrono::days{days}}};
}

}  // namespace gongkai::deadline
