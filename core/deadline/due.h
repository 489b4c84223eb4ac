// Deadlines of a schedule (docs/deadlines.md § Deadlines): for a period, the
// last day on which a posting is on time; whether a posting was on time; the
// next deadline from a given day. Pure functions of the schedule, the period
// and the working-day calendar.
#pragma once

#include "core/base/status.h"
#include "core/deadline/date.h"
#include "core/deadline/period.h"
#include "core/deadline/schedule.h"
#include "core/deadline/work_calendar.h"

namespace gongkai::deadline {

// The last day (inclusive) on which a posting for `period` is on time.
// Errors, by reason:
//  - time_limit_unparsed (FailedPrecondition): the text was not understood;
//  - no_fixed_deadline (FailedPrecondition): 长期公开 and the like;
//  - period_mismatch (InvalidArgument): a month for a quarterly item, a
//    quarter for an event-triggered one, …;
//  - holiday_year_missing (FailedPrecondition): working days in a year the
//    calendar does not cover.
Result<Date> DeadlineFor(const Schedule& s, const Period& period, const WorkCalendar& cal);

struct Timeliness {
  bool on_time = true;
  int days_late = 0;  // calendar days after the deadline; 0 when on time
};

// A posting made on `posted` against `deadline`: on time up to and including
// the deadline day.
Timeliness Judge(Date posted, Date deadline);

struct Upcoming {
  Period period;
  Date deadline;
};

// The earliest deadline on or after `today` of a periodic schedule, with the
// period it belongs to. Event-triggered schedules have none:
// FailedPrecondition "event_triggered"; the other errors as DeadlineFor.
Result<Upcoming> NextDeadline(const Schedule& s, Date today, const WorkCalendar& cal);

// Whether a posting displayed from `from` to `to` (both days included) meets
// a 公示期 rule (Schedule::display): its length counted in the rule's unit
// (calendar days, or the working days among them). `to` before `from` is
// InvalidArgument "bad_display_period"; holiday_year_missing as DeadlineFor.
struct DisplayCheck {
  int length = 0;
  bool long_enough = false;
};
Result<DisplayCheck> CheckDisplay(const Span& required, Date from, Date to,
                                  const WorkCalendar& cal);

}  // namespace gongkai::deadline
