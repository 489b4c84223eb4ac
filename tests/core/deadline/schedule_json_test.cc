// The exact JSON of schedules, as docs/deadlines.md § JSON of a schedule
// shows it: scripts and the later HTTP API rely on these keys.
#include "core/deadline/schedule_json.h"

#include <gtest/gtest.h>

namespace gongkai::deadline {
namespace {

std::string Json(std::string_view time_limit) {
  return boost::json::serialize(ScheduleJson(ParseTimeLimit(time_limit)));
}

TEST(ScheduleJson, GoldenTextOfEachKind) {
  EXPECT_EQ(Json("每季度首月10日前"),
            R"({"time_limit":"每季度首月10日前","parsed":true,"schedule":"每季度首月10日前",)"
            R"("kind":"day_of_period","cycle":"quarter","month_in_period":1,"day":10})");
  EXPECT_EQ(Json("10个工作日内，公示7个工作日"),
            R"({"time_limit":"10个工作日内，公示7个工作日","parsed":true,)"
            R"("schedule":"10个工作日内；公示7个工作日","kind":"after_event",)"
            R"("span":{"count":10,"working_days":true},"event":"",)"
            R"("display":{"count":7,"working_days":true}})");
  EXPECT_EQ(Json("每季度首月20日前；财务往来多的每月"),
            R"({"time_limit":"每季度首月20日前；财务往来多的每月","parsed":false,)"
            R"("schedule":"时限无法自动计算","unparsed_reason":"看不懂“财务往来多的每月”"})");
  EXPECT_EQ(
      Json("每季度结束后15日内"),
      R"({"time_limit":"每季度结束后15日内","parsed":true,"schedule":"每季度结束后15日内",)"
      R"("kind":"after_period_end","cycle":"quarter","span":{"count":15,"working_days":false}})");
  EXPECT_EQ(Json("长期公开"),
            R"({"time_limit":"长期公开","parsed":true,"schedule":"长期公开（无固定时限）",)"
            R"("kind":"none"})");
  EXPECT_EQ(Json("每月"), R"({"time_limit":"每月","parsed":true,"schedule":"每月（当月底前）",)"
                          R"("kind":"within_period","cycle":"month"})");
}

}  // namespace
}  // namespace gongkai::deadline
