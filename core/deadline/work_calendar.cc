#include "core/deadline/work_calendar.h"

#include <vector>

namespace gongkai::deadline {
namespace {

constexpr int kMaxRangeDays = 31;

int DayNumber(Date d) {
  return static_cast<int>(std::chrono::sys_days{d}.time_since_epoch().count());
}

std::vector<std::string_view> SplitFields(std::string_view line) {
  std::vector<std::string_view> fields;
  size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
    size_t start = i;
    while (i < line.size() && line[i] != ' ' && line[i] != '\t') ++i;
    if (i > start) fields.push_back(line.substr(start, i - start));
  }
  return fields;
}

// Everything after the first `skip` fields, spaces inside kept.
std::string Rest(std::string_view line, const std::vector<std::string_view>& fields, size_t skip) {
  if (fields.size() <= skip) return {};
  size_t from = static_cast<size_t>(fields[skip].data() - line.data());
  std::string_view rest = line.substr(from);
  while (!rest.empty() && (rest.back() == ' ' || rest.back() == '\t')) rest.remove_suffix(1);
  return std::string(rest);
}

Status LineError(int line_no, std::string reason, const std::string& what) {
  return InvalidArgument(std::move(reason),
                         "节假日文件第 " + std::to_string(line_no) + " 行：" + what);
}

}  // namespace

Result<WorkCalendar> WorkCalendar::Parse(std::string_view text) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  WorkCalendar cal;
  struct Pending {
    int line_no;
    Date first, last;
    bool working;
    std::string name;
  };
  std::vector<Pending> days;
  int line_no = 0;
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    std::vector<std::string_view> f = SplitFields(line);
    if (f.empty() || f[0].front() == '#') {
      if (end == text.size()) break;
      continue;
    }
    if (f[0] == "年份") {
      int year = 0;
      bool digits = f.size() >= 2 && f[1].size() == 4;
      for (char c : digits ? f[1] : std::string_view()) {
        if (c < '0' || c > '9') digits = false;
        year = year * 10 + (c - '0');
      }
      if (!digits || year < 1900) {
        return LineError(line_no, "holidays_bad_line", "年份行应写成 \"年份 2026 依据\"");
      }
      if (!cal.years_.emplace(year, Rest(line, f, 2)).second) {
        return LineError(line_no, "holidays_duplicate_year", std::to_string(year) + " 年写了两次");
      }
    } else {
      size_t kind_at = f.size() >= 4 && f[1] == "至" ? 3 : 1;
      if (f.size() <= kind_at || (f[kind_at] != "休" && f[kind_at] != "班")) {
        return LineError(
            line_no, "holidays_bad_line",
            "看不懂这一行；应写成 \"2026-10-01 休 国庆节\"、\"2026-10-01 至 2026-10-07 休 国庆节\" "
            "或 \"2026-10-10 班 国庆节调休\"");
      }
      Result<Date> first = ParseIsoDate(f[0]);
      if (!first.ok())
        return first.status().WithContext("节假日文件第 " + std::to_string(line_no) + " 行：");
      Date last = *first;
      if (kind_at == 3) {
        Result<Date> to = ParseIsoDate(f[2]);
        if (!to.ok())
          return to.status().WithContext("节假日文件第 " + std::to_string(line_no) + " 行：");
        last = *to;
        int span = DaysBetween(*first, last);
        if (span < 0 || span >= kMaxRangeDays) {
          return LineError(line_no, "holidays_bad_range",
                           "起止日期不对：结束日期应在开始日期之后，且一段不超过 31 天");
        }
      }
      days.push_back({line_no, *first, last, f[kind_at] == "班", Rest(line, f, kind_at + 1)});
    }
    if (end == text.size()) break;
  }
  if (cal.years_.empty()) {
    return InvalidArgument("holidays_no_year", "节假日文件里没有 \"年份\" 行，不知道它管哪几年");
  }
  for (const Pending& p : days) {
    for (Date d = p.first; DaysBetween(d, p.last) >= 0; d = AddDays(d, 1)) {
      int year = static_cast<int>(d.year());
      if (!cal.Covers(year)) {
        return LineError(
            p.line_no, "holidays_year_not_declared",
            FormatIsoDate(d) + " 所在的 " + std::to_string(year) + " 年没有 \"年份\" 行");
      }
      if (p.working && !IsWeekend(d)) {
        return LineError(p.line_no, "holidays_workday_not_weekend",
                         FormatIsoDate(d) + " 本来就是工作日，\"班\" 只用于调休上班的周六、周日");
      }
      if (!cal.exceptions_.emplace(DayNumber(d), Exception{p.working, p.name}).second) {
        return LineError(p.line_no, "holidays_duplicate_day", FormatIsoDate(d) + " 写了两次");
      }
    }
  }
  return cal;
}

Status WorkCalendar::CheckCovered(Date d) const {
  int year = static_cast<int>(d.year());
  if (Covers(year)) return Status::Ok();
  return FailedPrecondition(
      "holiday_year_missing",
      "节假日文件里没有 " + std::to_string(year) +
          " 年的安排，无法计算工作日；请镇里更新节假日文件（docs/formats/holidays.md）");
}

Result<bool> WorkCalendar::IsWorkingDay(Date d) const {
  GK_RETURN_IF_ERROR(CheckCovered(d));
  auto it = exceptions_.find(DayNumber(d));
  if (it != exceptions_.end()) return it->second.working;
  return !IsWeekend(d);
}

Result<Date> WorkCalendar::AddWorkingDays(Date d, int n) const {
  GK_RETURN_IF_ERROR(CheckCovered(d));
  while (n > 0) {
    d = AddDays(d, 1);
    GK_ASSIGN_OR_RETURN(bool working, IsWorkingDay(d));
    if (working) --n;
  }
  return d;
}

Result<Date> WorkCalendar::OnOrNextWorkingDay(Date d) const {
  for (;;) {
    GK_ASSIGN_OR_RETURN(bool working, IsWorkingDay(d));
    if (working) return d;
    d = AddDays(d, 1);
  }
}

const WorkCalendar& WorkCalendar::Default() {
  static const WorkCalendar* kDefault = [] {
    Result<WorkCalendar> parsed = Parse(DefaultHolidaysText());
    assert(parsed.ok());
    return new WorkCalendar(std::move(parsed).value());
  }();
  return *kDefault;
}

}  // namespace gongkai::deadline
