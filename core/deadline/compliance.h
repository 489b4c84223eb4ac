// Whether a row's posting for a period was on time (docs/postings.md §
// On time): the rule shared by the station's `due`, the hub's
// `compliance` and the auditor's `postings` report. Pure.
//
// A posting is ON TIME when both
//   1. its posted date is on or before the deadline (DeadlineFor), and
//   2. the hub's log received it (DateInChina of the log entry's time) no
//      later than kReceiptGraceDays after the deadline — a village may be
//      offline for days, but a record the log witnessed only long after the
//      deadline cannot prove the date it claims;
// otherwise LATE. With no posting: MISSING once the deadline has passed
// (before: DUE). Rows whose time limit gives no deadline for the period are
// not judged: UNPARSED (时限无法自动计算), NO_FIXED_DEADLINE,
// EVENT_TRIGGERED, PERIOD_MISMATCH (a monthly rule asked about a quarter),
// HOLIDAY_YEAR_MISSING.
#pragma once

#include <optional>

#include "core/deadline/date.h"
#include "core/deadline/period.h"
#include "core/deadline/schedule.h"
#include "core/deadline/work_calendar.h"

namespace gongkai::deadline {

inline constexpr int kReceiptGraceDays = 7;

enum class Compliance {
  kOnTime,
  kLate,
  kMissing,
  kDue,
  kUnparsed,
  kNoFixedDeadline,
  kEventTriggered,
  kPeriodMismatch,
  kHolidayYearMissing,
};

struct PostingFacts {
  Date posted;
  std::optional<Date> received;  // unknown at the station before the hub has it
};

struct ComplianceResult {
  Compliance status = Compliance::kMissing;
  std::optional<Date> deadline;
  int days_late = 0;           // kLate: days the later of posted/received is past the deadline
  bool received_late = false;  // kLate because of rule 2
};

ComplianceResult JudgeCompliance(const Schedule& s, const Period& period, const WorkCalendar& cal,
                                 const std::optional<PostingFacts>& posting, Date today);

// "on_time", "late", "missing", "due", "unparsed", "no_fixed_deadline",
// "event_triggered", "period_mismatch", "holiday_year_missing".
const char* ComplianceName(Compliance c);
// 按时, 逾期, 缺失, 待公开, 时限无法自动计算, 无固定时限, 事项发生后计算, 不按此期间, 缺节假日安排.
const char* ComplianceLabel(Compliance c);

}  // namespace gongkai::deadline
