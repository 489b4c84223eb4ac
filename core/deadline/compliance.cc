#include "core/deadline/compliance.h"

#include <algorithm>

#include "core/base/reasons.h"
#include "core/deadline/due.h"

namespace gongkai::deadline {

ComplianceResult JudgeCompliance(const Schedule& s, const Period& period, const WorkCalendar& cal,
                                 const std::optional<PostingFacts>& posting, Date today) {
  ComplianceResult r;
  if (!s.parsed) {
    r.status = Compliance::kUnparsed;
    return r;
  }
  if (s.kind == DeadlineKind::kNone) {
    r.status = Compliance::kNoFixedDeadline;
    return r;
  }
  if (s.kind == DeadlineKind::kAfterEvent) {
    r.status = Compliance::kEventTriggered;
    return r;
  }
  Result<Date> deadline = DeadlineFor(s, period, cal);
  if (!deadline.ok()) {
    r.status = deadline.status().reason() == reason::kHolidayYearMissing
                   ? Compliance::kHolidayYearMissing
                   : Compliance::kPeriodMismatch;
    return r;
  }
  r.deadline = *deadline;
  if (!posting) {
    r.status = today > *deadline ? Compliance::kMissing : Compliance::kDue;
    return r;
  }
  int posted_late = DaysBetween(*deadline, posting->posted);
  int received_late = posting->received
                          ? DaysBetween(AddDays(*deadline, kReceiptGraceDays), *posting->received)
                          : 0;
  if (posted_late <= 0 && received_late <= 0) {
    r.status = Compliance::kOnTime;
    return r;
  }
  r.status = Compliance::kLate;
  r.received_late = received_late > 0;
  int by_received = posting->received ? DaysBetween(*deadline, *posting->received) : 0;
  r.days_late = std::max(posted_late, r.received_late ? by_received : 0);
  return r;
}

const char* ComplianceName(Compliance c) {
  switch (c) {
    case Compliance::kOnTime:
      return "on_time";
    case Compliance::kLate:
      return "late";
    case Compliance::kMissing:
      return "missing";
    case Compliance::kDue:
      return "due";
    case Compliance::kUnparsed:
      return "unparsed";
    case Compliance::kNoFixedDeadline:
      return "no_fixed_deadline";
    case Compliance::kEventTriggered:
      return "event_triggered";
    case Compliance::kPeriodMismatch:
      return "period_mismatch";
    case Compliance::kHolidayYearMissing:
      return "holiday_year_missing";
  }
  return "unknown";
}

const char* ComplianceLabel(Compliance c) {
  switch (c) {
    case Compliance::kOnTime:
      return "按时";
    case Compliance::kLate:
      return "逾期";
    case Compliance::kMissing:
      return "缺失";
    case Compliance::kDue:
      return "待公开";
    case Compliance::kUnparsed:
      return "时限无法自动计算";
    case Compliance::kNoFixedDeadline:
      return "无固定时限";
    case Compliance::kEventTriggered:
      return "事项发生后计算";
    case Compliance::kPeriodMismatch:
      return "不按此期间";
    case Compliance::kHolidayYearMissing:
      return "缺节假日安排";
  }
  return "?";
}

}  // namespace gongkai::deadline
