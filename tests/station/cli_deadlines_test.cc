// gongkai-station deadlines: each of the unit's rows with its 公开时限 read
// as a schedule and the next deadline; what is not understood is said so.
#include <gtest/gtest.h>

#include <algorithm>
#include <boost/json.hpp>
#include <fstream>
#include <map>

#include "tests/station/station_fixture.h"
#include "tests/testing/town.h"

namespace gongkai::station {
namespace {

using namespace testing;  // NOLINT(google-build-using-namespace)

std::string AddRow(const std::string& dir, const std::string& item, const std::string& time_limit) {
  std::vector<std::string> args = gongkai::testing::AddRowArgs(item);
  auto at_flag = std::find(args.begin(), args.end(), "--time-limit");
  EXPECT_NE(at_flag, args.end());
  *(at_flag + 1) = time_limit;
  args.insert(args.end(), {"--dir", dir});
  CliResult r = RunCli(args);
  EXPECT_EQ(r.code, 0) << r.err;
  const std::string tag = "已新增条目 (added) ";
  size_t at = r.out.find(tag);
  EXPECT_NE(at, std::string::npos) << r.out;
  return at == std::string::npos ? "" : r.out.substr(at + tag.size(), 36);
}

class CliDeadlines : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = tmp_.path() + "/gongkai";
    ASSERT_EQ(RunCli({"init", "--dir", dir_, "--id", "hongqi-01", "--unit", "红旗村"}).code, 0);
    AddRow(dir_, "低保对象", "每月5日前");
    AddRow(dir_, "财务收支", "每季度首月20日前；财务往来多的每月");
    AddRow(dir_, "政策文件", "自信息形成或者变更之日起20个工作日内");
    retired_ = AddRow(dir_, "村规民约", "长期公开");
    AddRow(dir_, "工程项目", "每季度结束后十五日内");
  }

  // The --json rows by their 二级事项.
  std::map<std::string, boost::json::object> JsonRows(std::vector<std::string> args) {
    args.insert(args.begin(), {"deadlines", "--dir", dir_, "--json"});
    CliResult r = RunCli(args);
    EXPECT_EQ(r.code, 0) << r.err;
    boost::json::object top = boost::json::parse(r.out).as_object();
    std::map<std::string, boost::json::object> rows;
    for (const auto& v : top.at("rows").as_array()) {
      std::string title(v.at("title").as_string());
      rows[title.substr(title.rfind(" / ") + 3)] = v.as_object();
    }
    return rows;
  }

  TempDir tmp_;
  std::string dir_;
  std::string retired_;
};

TEST_F(CliDeadlines, JsonGivesTheScheduleAndNextDeadlineOfEachRow) {
  auto rows = JsonRows({"--today", "2026-11-06"});
  ASSERT_EQ(rows.size(), 5u);
  const auto& monthly = rows.at("低保对象");
  EXPECT_EQ(monthly.at("schedule"), "每月5日前");
  EXPECT_EQ(monthly.at("kind"), "day_of_period");
  EXPECT_EQ(monthly.at("cycle"), "month");
  EXPECT_EQ(monthly.at("day"), 5);
  EXPECT_EQ(monthly.at("next_period"), "2026年12月");
  EXPECT_EQ(monthly.at("next_deadline"), "2026-12-05");

  const auto& unparsed = rows.at("财务收支");
  EXPECT_EQ(unparsed.at("parsed"), false);
  EXPECT_EQ(unparsed.at("schedule"), "时限无法自动计算");
  EXPECT_EQ(unparsed.at("time_limit"), "每季度首月20日前；财务往来多的每月");
  EXPECT_NE(std::string(unparsed.at("unparsed_reason").as_string()).find("财务往来多的每月"),
            std::string::npos);
  EXPECT_EQ(unparsed.at("no_next_deadline"), "time_limit_unparsed");
  EXPECT_FALSE(unparsed.contains("next_deadline"));

  const auto& event = rows.at("政策文件");
  EXPECT_EQ(event.at("kind"), "after_event");
  EXPECT_EQ(event.at("event"), "信息形成或者变更");
  EXPECT_EQ(event.at("span").at("count"), 20);
  EXPECT_EQ(event.at("span").at("working_days"), true);
  EXPECT_EQ(event.at("no_next_deadline"), "event_triggered");

  EXPECT_EQ(rows.at("村规民约").at("no_next_deadline"), "no_fixed_deadline");

  const auto& after_end = rows.at("工程项目");
  EXPECT_EQ(after_end.at("schedule"), "每季度结束后15日内");
  EXPECT_EQ(after_end.at("next_period"), "2026年第四季度");
  EXPECT_EQ(after_end.at("next_deadline"), "2027-01-15");
}

TEST_F(CliDeadlines, TextShowsChineseSchedulesAndWhatCannotBeComputed) {
  CliResult r = RunCli({"deadlines", "--dir", dir_, "--today", "2026-11-06"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_TRUE(r.err.empty());
  EXPECT_NE(r.out.find("今天 2026-11-06"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("2026-12-05（2026年12月）"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("时限无法自动计算：每季度首月20日前"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("事项发生后计算"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("长期公开（无固定时限）"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("有 1 条时限无法自动计算"), std::string::npos) << r.out;
  EXPECT_LT(r.out.find("低保对象"), r.out.find("财务收支"));  // by item, not by id
}

TEST_F(CliDeadlines, RetiredRowsAreLeftOut) {
  ASSERT_EQ(RunCli({"retire", "--dir", dir_, retired_}).code, 0);
  auto rows = JsonRows({"--today", "2026-11-06"});
  EXPECT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows.count("村规民约"), 0u);
}

TEST_F(CliDeadlines, ATownHolidayFileReplacesTheDefault) {
  // A file that knows 2026 only: the quarter's limit runs into 2027.
  const std::string file = tmp_.path() + "/holidays.txt";
  std::ofstream(file) << "年份 2026 本镇\n2026-10-01 至 2026-10-07 休 国庆节\n";
  auto rows = JsonRows({"--today", "2026-11-06", "--holidays", file});
  EXPECT_EQ(rows.at("工程项目").at("no_next_deadline"), "holiday_year_missing");
  EXPECT_EQ(rows.at("低保对象").at("next_deadline"), "2026-12-05");  // needs no working days
  CliResult text =
      RunCli({"deadlines", "--dir", dir_, "--today", "2026-11-06", "--holidays", file});
  EXPECT_EQ(text.code, 0);
  EXPECT_NE(text.out.find("缺节假日安排"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("请镇里更新节假日文件"), std::string::npos) << text.out;
}

TEST_F(CliDeadlines, BadInputIsOneLineAnExitCodeAndNothingWritten) {
  const std::string before = StoreFingerprint(dir_);
  const std::string bad_file = tmp_.path() + "/bad.txt";
  std::ofstream(bad_file) << "年份 2026\n2026-10-09 班\n";
  struct Case {
    std::vector<std::string> args;
    int code;
    const char* reason;
  };
  const Case kCases[] = {
      {{"--today", "2026-13-01"}, 3, "bad_date"},
      {{"--today", "明天"}, 3, "bad_date"},
      {{"--holidays", tmp_.path() + "/none.txt"}, 4, "file_missing"},
      {{"--holidays", bad_file}, 3, "holidays_workday_not_weekend"},
  };
  for (const Case& c : kCases) {
    std::vector<std::string> args = {"deadlines", "--dir", dir_};
    args.insert(args.end(), c.args.begin(), c.args.end());
    CliResult r = RunCli(args);
    SCOPED_TRACE(c.reason);
    EXPECT_EQ(r.code, c.code);
    EXPECT_TRUE(r.out.empty()) << r.out;
    EXPECT_NE(r.err.find(c.reason), std::string::npos) << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  }
  EXPECT_EQ(StoreFingerprint(dir_), before);
}

// `due` on a station with no rows of its unit: not an empty table but one
// line saying to import the catalog first; nothing to do is success (exit
// 0, docs/exit-codes.md), and --json gives an empty list.
TEST(CliDue, AStationWithoutRowsIsToldToImportFirst) {
  TempDir tmp;
  const std::string dir = tmp.path() + "/gongkai";
  ASSERT_EQ(RunCli({"init", "--dir", dir, "--id", "hongqi-01", "--unit", "红旗村"}).code, 0);
  CliResult r = RunCli({"due", "--dir", dir, "--today", "2026-11-14"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("本单位还没有条目"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("gongkai-station import"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("编号"), std::string::npos) << r.out;  // no table header
  CliResult j = RunCli({"due", "--dir", dir, "--today", "2026-11-14", "--json"});
  EXPECT_EQ(j.code, 0) << j.err;
  boost::json::object top = boost::json::parse(j.out).as_object();
  EXPECT_TRUE(top.at("rows").as_array().empty());
  EXPECT_TRUE(top.at("counts").as_object().empty());
  // With a row the table is there.
  AddRow(dir, "低保对象", "每月5日前");
  CliResult t = RunCli({"due", "--dir", dir, "--today", "2026-11-14"});
  EXPECT_EQ(t.code, 0) << t.err;
  EXPECT_NE(t.out.find("编号"), std::string::npos) << t.out;
  EXPECT_EQ(t.out.find("本单位还没有条目"), std::string::npos) << t.out;
}

}  // namespace
}  // namespace gongkai::station
