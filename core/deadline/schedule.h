// A catalog row's 公开时限 (time_limit) read as a schedule
// (docs/deadlines.md). ParseTimeLimit never guesses: a text it does not
// fully understand is a Schedule with parsed == false ("时限无法自动计算")
// that keeps the original text and says which part was not understood.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace gongkai::deadline {

// The cycle of a periodic schedule; also the kind of period it is asked about.
enum class Cycle { kMonth, kQuarter, kHalfYear, kYear };

enum class DeadlineKind {
  kNone,  // 长期公开 / 常年公开 / 实时公开 / 及时公开 …: no fixed deadline
  kWithinPeriod,  // 每季度 / 每季度公开一次: by the last day of the period
  kDayOfPeriod,  // 每月5日前 / 每季度首月10日前 / 每年3月31日前: a day in the period
  kAfterPeriodEnd,  // 每季度结束后15日内: a span counted from the period's last day
  kAfterEvent,      // 信息形成或者变更之日起20个工作日内 / 事项发生后7日内
};

// N calendar days (日/天) or N working days (个工作日).
struct Span {
  int count = 0;
  bool working_days = false;
  bool operator==(const Span&) const = default;
};

struct Schedule {
  std::string text;  // the original 公开时限 text, as given
  bool parsed = false;
  // When !parsed: the part that was not understood, or why (Chinese).
  std::string unparsed_reason;

  DeadlineKind kind = DeadlineKind::kNone;
  Cycle cycle = Cycle::kMonth;  // periodic kinds
  // kDayOfPeriod: the month within the period (1 = its first month; up to 12
  // for a year) and the day (0 = the month's last day, 月底).
  int month_in_period = 1;
  int day = 0;
  Span span;          // kAfterPeriodEnd, kAfterEvent
  std::string event;  // kAfterEvent: what starts the count, e.g. 信息形成或者变更 ("" if unnamed)
  // kNone: the word used (长期公开, 实时公开 …), or "" when the text only
  // sets a display period.
  std::string no_deadline_word;
  // 公示N个工作日 / 公示期不少于N日: how long a posting must stay up.
  std::optional<Span> display;

  bool periodic() const {
    return kind == DeadlineKind::kWithinPeriod || kind == DeadlineKind::kDayOfPeriod ||
           kind == DeadlineKind::kAfterPeriodEnd;
  }
};

// Reads a 公开时限 text (docs/deadlines.md § Grammar).
Schedule ParseTimeLimit(std::string_view text);

// The schedule in Chinese, in one normal form ("每月5日前", "每季度首月10日前",
// "自信息形成或者变更之日起20个工作日内；公示7个工作日", "长期公开（无固定时限）"),
// or "时限无法自动计算" when !parsed.
std::string DescribeSchedule(const Schedule& s);

// Stable English names for --json: "none", "within_period", "day_of_period",
// "after_period_end", "after_event"; and "month", "quarter", "half_year", "year".
const char* DeadlineKindName(DeadlineKind kind);
const char* CycleName(Cycle cycle);

inline constexpr std::string_view kUnparsedLabel = "时限无法自动计算";

}  // namespace gongkai::deadline
