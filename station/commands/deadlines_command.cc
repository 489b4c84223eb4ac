// gongkai-station deadlines: each of the unit's rows with its 公开时限 read
// as a schedule (core/deadline, docs/deadlines.md) and the next deadline.
#include <algorithm>
#include <boost/json.hpp>
#include <tuple>
#include <vector>

#include "core/base/reasons.h"
#include "core/deadline/due.h"
#include "core/deadline/schedule_json.h"
#include "station/cli/text_layout.h"
#include "station/commands/commands.h"
#include "station/commands/common.h"
#include "station/commands/deadline_inputs.h"

namespace gongkai::station {
namespace {

using deadline::Date;
using deadline::WorkCalendar;

// What the next-deadline column says when there is no date.
std::string NoDateText(const Status& s) {
  if (s.reason() == reason::kEventTriggered) return "事项发生后计算";
  if (s.reason() == reason::kNoFixedDeadline) return "无固定时限";
  if (s.reason() == reason::kTimeLimitUnparsed) return "—";
  if (s.reason() == reason::kHolidayYearMissing) return "缺节假日安排";
  return s.message();
}

Status RunDeadlines(CommandContext& ctx) {
  GK_ASSIGN_OR_RETURN(Date today, TodayOf(ctx));
  GK_ASSIGN_OR_RETURN(WorkCalendar cal, CalendarOf(ctx));
  GK_ASSIGN_OR_RETURN(StationStore store, OpenStore(ctx));
  GK_ASSIGN_OR_RETURN(WorkingView view, store.LoadView());
  const std::string unit = store.info().unit;
  boost::json::array rows;
  int unparsed = 0;
  bool year_missing = false;
  if (!ctx.Json()) {
    ctx.out << "今天 " << deadline::FormatIsoDate(today) << "，单位 " << unit << "\n";
    ctx.out << Cell("编号", 10) << Cell("事项", 28) << Cell("公开时限（软件理解为）", 40)
            << "下一个期限\n";
  }
  for (const Row* row : UnitRowsInOrder(view, unit)) {
    const Row& r = *row;
    const std::string& id = r.id;
    deadline::Schedule s = deadline::ParseTimeLimit(r.Get(Field::kTimeLimit));
    if (!s.parsed) ++unparsed;
    Result<deadline::Upcoming> next = deadline::NextDeadline(s, today, cal);
    if (!next.ok() && next.status().reason() == reason::kHolidayYearMissing) year_missing = true;
    if (ctx.Json()) {
      boost::json::object o = deadline::ScheduleJson(s);
      o["id"] = id;
      o["title"] = RowTitle(r);
      if (next.ok()) {
        o["next_period"] = deadline::FormatPeriod(next->period);
        o["next_deadline"] = deadline::FormatIsoDate(next->deadline);
      } else {
        o["no_next_deadline"] = next.status().reason();
      }
      rows.push_back(std::move(o));
      continue;
    }
    std::string next_text = next.ok() ? deadline::FormatIsoDate(next->deadline) + "（" +
                                            deadline::FormatPeriod(next->period) + "）"
                                      : NoDateText(next.status());
    std::string shown = deadline::DescribeSchedule(s);
    if (!s.parsed) shown += "：" + s.text;
    ctx.out << Cell(ShortId(id), 10)
            << Cell(r.Get(Field::kItemL1) + " / " + r.Get(Field::kItemL2), 28) << Cell(shown, 40)
            << next_text << "\n";
  }
  if (ctx.Json()) {
    boost::json::object o{{"today", deadline::FormatIsoDate(today)},
                          {"unit", unit},
                          {"holidays", ctx.args.Get("holidays").value_or("default")},
                          {"rows", std::move(rows)}};
    PrintJsonLine(ctx.out, boost::json::serialize(o));
    return Status::Ok();
  }
  if (unparsed > 0) {
    ctx.out << "有 " << unparsed
            << " 条时限无法自动计算：请用 gongkai-station edit 编号 --set 公开时限=每月5日前 "
               "之类的写法改写（写法见 docs/deadlines.md），或按原文人工掌握。\n";
  }
  if (year_missing) {
    ctx.out << "节假日文件缺少要用到的年份：请镇里更新节假日文件，用 --holidays 文件 指定"
               "（格式见 docs/formats/holidays.md）。\n";
  }
  return Status::Ok();
}

}  // namespace

CommandSpec DeadlinesCommand() {
  return {.name = "deadlines",
          .flags = {DirFlag(), TodayFlag(), HolidaysFlag(), JsonFlag()},
          .run = RunDeadlines};
}

}  // namespace gongkai::station
