#include "core/deadline/schedule_json.h"

namespace gongkai::deadline {
namespace {

boost::json::object SpanJson(const Span& s) {
  return boost::json::object{{"count", s.count}, {"working_days", s.working_days}};
}

}  // namespace

boost::json::object ScheduleJson(const Schedule& s) {
  boost::json::object o;
  o["time_limit"] = s.text;
  o["parsed"] = s.parsed;
  o["schedule"] = DescribeSchedule(s);
  if (!s.parsed) {
    o["unparsed_reason"] = s.unparsed_reason;
    return o;
  }
  o["kind"] = DeadlineKindName(s.kind);
  if (s.periodic()) o["cycle"] = CycleName(s.cycle);
  if (s.kind == DeadlineKind::kDayOfPeriod) {
    o["month_in_period"] = s.month_in_period;
    o["day"] = s.day;
  }
  if (s.kind == DeadlineKind::kAfterPeriodEnd || s.kind == DeadlineKind::kAfterEvent) {
    o["span"] = SpanJson(s.span);
  }
  if (s.kind == DeadlineKind::kAfterEvent) o["event"] = s.event;
  if (s.display) o["display"] = SpanJson(*s.display);
  return o;
}

}  // namespace gongkai::deadline
