#include "core/deadline/period.h"

#include "core/base/utf8.h"
#include "core/deadline/numerals.h"
#include "core/text/pattern.h"

namespace gongkai::deadline {
namespace {

int MonthsIn(PeriodKind k) {
  switch (k) {
    case PeriodKind::kMonth:
      return 1;
    case PeriodKind::kQuarter:
      return 3;
    case PeriodKind::kHalfYear:
      return 6;
    case PeriodKind::kYear:
      return 12;
    case PeriodKind::kDay:
      return 0;
  }
  return 1;
}

int PeriodsPerYear(PeriodKind k) { return 12 / MonthsIn(k); }

Period Make(PeriodKind kind, int year, int index) {
  Period p;
  p.kind = kind;
  p.year = year;
  p.index = index;
  return p;
}

}  // namespace

PeriodKind PeriodKindOf(Cycle cycle) {
  switch (cycle) {
    case Cycle::kMonth:
      return PeriodKind::kMonth;
    case Cycle::kQuarter:
      return PeriodKind::kQuarter;
    case Cycle::kHalfYear:
      return PeriodKind::kHalfYear;
    case Cycle::kYear:
      return PeriodKind::kYear;
  }
  return PeriodKind::kMonth;
}

Result<Period> ParsePeriod(std::string_view text) {
  auto bad = [&] {
    return InvalidArgument("bad_period",
                           "期间 \"" + std::string(text) +
                               "\" 看不懂：请写 2026年11月、2026年第四季度、2026年上半年、2026年，"
                               "或事项发生的日期 2026-11-05");
  };
  if (!IsValidUtf8(text)) return bad();
  static const Pattern kMonth("^(\\d{4})(年(\\d{1,2})月(?:份)?|-(\\d{1,2}))$");
  static const Pattern kQuarter("^(\\d{4})(年(?:第)?(\\d)季度|(?:年)?Q(\\d))$");
  static const Pattern kHalf("^(\\d{4})年(上|下)半年$");
  static const Pattern kYear("^(\\d{4})年(?:度)?$");
  static const Pattern kDayCn("^(\\d{4})年(\\d{1,2})月(\\d{1,2})日$");
  std::string s = NormalizeNumerals(text);
  PatternGroups m;
  Period p;
  if (kMonth.Match(s, &m)) {
    p = Make(PeriodKind::kMonth, std::stoi(m[1]), std::stoi(m.matched(3) ? m[3] : m[4]));
    if (p.index < 1 || p.index > 12) return bad();
  } else if (kQuarter.Match(s, &m)) {
    p = Make(PeriodKind::kQuarter, std::stoi(m[1]), std::stoi(m.matched(3) ? m[3] : m[4]));
    if (p.index < 1 || p.index > 4) return bad();
  } else if (kHalf.Match(s, &m)) {
    p = Make(PeriodKind::kHalfYear, std::stoi(m[1]), m[2] == "上" ? 1 : 2);
  } else if (kYear.Match(s, &m)) {
    p = Make(PeriodKind::kYear, std::stoi(m[1]), 1);
  } else if (kDayCn.Match(s, &m)) {
    p = Make(PeriodKind::kDay, std::stoi(m[1]), 1);
    p.day = MakeDate(p.year, static_cast<unsigned>(std::stoi(m[2])),
                     static_cast<unsigned>(std::stoi(m[3])));
    if (!p.day.ok()) return bad();
  } else {
    Result<Date> d = ParseIsoDate(s);
    if (!d.ok()) return bad();
    p = Make(PeriodKind::kDay, static_cast<int>(d->year()), 1);
    p.day = *d;
  }
  if (p.year < 1900) return bad();
  return p;
}

std::string FormatPeriod(const Period& p) {
  static const char* const kQuarters[] = {"一", "二", "三", "四"};
  std::string year = std::to_string(p.year) + "年";
  switch (p.kind) {
    case PeriodKind::kMonth:
      return year + std::to_string(p.index) + "月";
    case PeriodKind::kQuarter:
      return year + "第" + kQuarters[p.index - 1] + "季度";
    case PeriodKind::kHalfYear:
      return year + (p.index == 1 ? "上半年" : "下半年");
    case PeriodKind::kYear:
      return year;
    case PeriodKind::kDay:
      return FormatChineseDate(p.day);
  }
  return year;
}

Date FirstDay(const Period& p) {
  if (p.kind == PeriodKind::kDay) return p.day;
  unsigned month = static_cast<unsigned>((p.index - 1) * MonthsIn(p.kind) + 1);
  return MakeDate(p.year, month, 1);
}

Date LastDay(const Period& p) {
  if (p.kind == PeriodKind::kDay) return p.day;
  return LastDayOfMonth(p.year, static_cast<unsigned>(p.index * MonthsIn(p.kind)));
}

Period PeriodContaining(Cycle cycle, Date d) {
  PeriodKind kind = PeriodKindOf(cycle);
  int month = static_cast<int>(static_cast<unsigned>(d.month()));
  return Make(kind, static_cast<int>(d.year()), (month - 1) / MonthsIn(kind) + 1);
}

Period ShiftPeriod(const Period& p, int steps) {
  if (p.kind == PeriodKind::kDay) {
    Period q = p;
    q.day = AddDays(p.day, steps);
    q.year = static_cast<int>(q.day.year());
    return q;
  }
  int per_year = PeriodsPerYear(p.kind);
  int n = p.year * per_year + (p.index - 1) + steps;
  int year = n >= 0 ? n / per_year : (n - per_year + 1) / per_year;
  return Make(p.kind, year, n - year * per_year + 1);
}

std::string PeriodKey(std::string_view text) {
  Result<Period> p = ParsePeriod(text);
  return p.ok() ? FormatPeriod(*p) : std::string(text);
}

}  // namespace gongkai::deadline
