#include "station/commands/deadline_inputs.h"

#include "core/deadline/holiday_file.h"
#include "station/cli/text_layout.h"

namespace gongkai::station {

Result<deadline::Date> TodayOf(const CommandContext& ctx) {
  if (auto given = ctx.args.Get("today")) return deadline::ParseIsoDate(*given);
  return LocalDateOf(ctx.now);
}

Result<deadline::Date> LocalDateOf(int64_t now) {
  return deadline::ParseIsoDate(LocalTime(now).substr(0, 10));
}

Result<deadline::WorkCalendar> CalendarOf(const CommandContext& ctx) {
  return deadline::LoadWorkCalendar(ctx.args.Get("holidays"));
}

FlagSpec TodayFlag() {
  return {"today", true, false, "日期", "按这一天计算期限，默认今天 (compute from this date)"};
}

FlagSpec HolidaysFlag() {
  return {"holidays", true, false, "文件", "节假日文件，默认用软件自带的 (holiday file)"};
}

}  // namespace gongkai::station
