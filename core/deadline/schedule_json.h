// A schedule as JSON, for --json output and later the HTTP API
// (docs/deadlines.md § JSON): the stable key names in one place.
#pragma once

#include <boost/json.hpp>

#include "core/deadline/schedule.h"

namespace gongkai::deadline {

// {"time_limit", "parsed", "schedule" (DescribeSchedule), and then either
//  "unparsed_reason", or "kind", "cycle" (periodic kinds), "day",
//  "month_in_period" (day_of_period), "span" {"count","working_days"}
//  (after_period_end, after_event), "event" (after_event), and "display"
//  {"count","working_days"} when a 公示期 is set}.
boost::json::object ScheduleJson(const Schedule& s);

}  // namespace gongkai::deadline
