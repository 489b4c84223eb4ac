// The auditor's side of posting records with real programs (docs/audit.md
// § Postings and attachments): a town with a county witness, a posting with
// two photos synced; `gongkai-audit attachments` checks every photo the log
// names against the hash and size it commits to — and names the one a
// person altered on the hub's disk; `gongkai-audit postings` classifies
// the period's records by the witnessed time of receipt.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <map>
#include <thread>

#include "core/deadline/date.h"
#include "core/deadline/period.h"
#include "tests/testing/sample_photo.h"
#include "tests/testing/town.h"

namespace gongkai::testing {
namespace {

namespace json = boost::json;

constexpr const char* kBoard = "社区/企事业单位/村公示栏（电子屏）";

class AuditPostingsE2eTest : public WitnessedTownTest {
 protected:
  void SetUp() override {
    WitnessedTownTest::SetUp();
    ASSERT_FALSE(HasFatalFailure());
    deadline::Date today = deadline::DateInChina(static_cast<int64_t>(std::time(nullptr)));
    today_ = deadline::FormatIsoDate(today);
    // Two months ago: "…结束后100日内" is still ahead, "…结束后1日内" long past.
    period_ = deadline::FormatPeriod(
        deadline::ShiftPeriod(deadline::PeriodContaining(deadline::Cycle::kMonth, today), -2));
    hongqi_ = town_.AddStation("hongqi-01", "红旗村");
    ASSERT_FALSE(HasFatalFailure());
    AddRow("低保对象", "每月结束后100日内");
    AddRow("财务收支", "每月结束后1日内");
    ASSERT_EQ(town_.Station({"sync", "--dir", hongqi_}).exit_code, 0);
    ASSERT_EQ(town_.Hub({"approve", "--dir", town_.hub_dir(), "--all"}).exit_code, 0);
    ASSERT_EQ(town_.Station({"sync", "--dir", hongqi_}).exit_code, 0);
    json::value list = town_.StationJson({"list", "--dir", hongqi_});
    for (const json::value& v : list.as_array()) {
      rows_[std::string(v.as_object().at("item_l2").as_string())] =
          std::string(v.as_object().at("id").as_string());
    }
    ASSERT_EQ(rows_.size(), 2u);
  }

  void AddRow(const std::string& item, const std::string& time_limit) {
    std::vector<std::string> args = AddRowArgs(item);
    for (size_t i = 0; i + 1 < args.size(); ++i) {
      if (args[i] == "--time-limit") args[i + 1] = time_limit;
    }
    args.insert(args.end(), {"--dir", hongqi_});
    RunResult r = town_.Station(args);
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  std::vector<std::string> Hub(std::vector<std::string> args) {
    args.insert(args.end(), {"--hub", town_.url(), "--hub-cert-sha256", town_.cert_sha256(),
                             "--hub-key", town_.log_key(), "--quiet"});
    return args;
  }
  // Until the hub's latest checkpoint carries the witness's cosignature
  // (the hub's sender runs every second).
  void WaitWitnessed() {
    RunResult r;
    for (int i = 0; i < 100; ++i) {
      r = town_.Audit(Hub({"verify", "--json", "--witness-key", witness_key_}));
      if (r.exit_code == 0) return;
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
    FAIL() << "never witnessed: " << r.out << r.err;
  }
  std::string WritePhoto(const std::string& name, uint64_t seed) {
    std::string path = tmp_.path() + "/" + name;
    std::ofstream(path, std::ios::binary) << SamplePhoto(200000, seed);
    return path;
  }
  RunResult Record(const std::string& row, std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {"record", "--dir",    hongqi_, row,         "--period",
                                     period_,  "--posted", today_,  "--channel", kBoard};
    args.insert(args.end(), extra.begin(), extra.end());
    return town_.Station(args);
  }
  json::object Json(const RunResult& r) { return json::parse(r.out).as_object(); }

  std::string today_, period_, hongqi_;
  std::map<std::string, std::string> rows_;  // item → id
};

TEST_F(AuditPostingsE2eTest, AttachmentsCheckedAgainstTheLogAndReceiptsClassified) {
  WaitWitnessed();  // a cosigned checkpoint without the records: the lower bound
  ASSERT_FALSE(HasFatalFailure());
  RunResult a = Record(rows_.at("低保对象"), {"--attach", WritePhoto("board-1.jpg", 1), "--attach",
                                              WritePhoto("board-2.jpg", 2)});
  ASSERT_EQ(a.exit_code, 0) << a.err;
  RunResult b = Record(rows_.at("财务收支"));
  ASSERT_EQ(b.exit_code, 0) << b.err;
  RunResult sync = town_.Station({"sync", "--dir", hongqi_});
  ASSERT_EQ(sync.exit_code, 0) << sync.err;
  WaitWitnessed();  // and one with them: the upper bound
  ASSERT_FALSE(HasFatalFailure());

  // Every photo the log names is served with that hash and size.
  RunResult ok = town_.Audit(Hub({"attachments", "--json"}));
  ASSERT_EQ(ok.exit_code, 0) << ok.out << ok.err;
  json::object o = Json(ok);
  EXPECT_EQ(o["checked"].to_number<int64_t>(), 2);
  EXPECT_EQ(o["bad"].to_number<int64_t>(), 0);
  std::vector<std::string> hashes;
  for (const json::value& v : o["attachments"].as_array()) {
    EXPECT_EQ(v.as_object().at("status").as_string(), "ok");
    EXPECT_EQ(v.as_object().at("row_id").as_string(), rows_.at("低保对象"));
    hashes.emplace_back(v.as_object().at("sha256").as_string());
  }
  ASSERT_EQ(hashes.size(), 2u);

  // The postings report: received before the first deadline, after the
  // second (a cosigned checkpoint without it is dated after that deadline).
  RunResult rep =
      town_.Audit(Hub({"postings", "--json", "--witness-key", witness_key_, "--period", period_}));
  ASSERT_EQ(rep.exit_code, 0) << rep.out << rep.err;
  json::object p = Json(rep);
  std::map<std::string, std::string> status;
  for (const json::value& v : p["records"].as_array()) {
    status[std::string(v.as_object().at("row_id").as_string())] =
        std::string(v.as_object().at("status").as_string());
    EXPECT_FALSE(v.as_object().at("received_not_after").is_null()) << json::serialize(v);
    EXPECT_FALSE(v.as_object().at("received_not_before").is_null()) << json::serialize(v);
  }
  EXPECT_EQ(status[rows_.at("低保对象")], "on_time") << rep.out;
  EXPECT_EQ(status[rows_.at("财务收支")], "late") << rep.out;
  EXPECT_EQ(p["counts"].as_object()["on_time"].to_number<int64_t>(), 1);
  EXPECT_EQ(p["counts"].as_object()["late"].to_number<int64_t>(), 1);
  // The text report says the same in Chinese.
  RunResult text =
      town_.Audit(Hub({"postings", "--witness-key", witness_key_, "--period", period_}));
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_NE(text.out.find("按时收到 1，逾期收到 1"), std::string::npos) << text.out;

  // From an exported file only the file's own checkpoint is witnessed: an
  // upper bound for every entry, no lower bound — so the late record cannot
  // be shown late and is undetermined, never guessed.
  std::string exported = tmp_.path() + "/town.log";
  ASSERT_EQ(town_.Hub({"log", "export", "--dir", town_.hub_dir(), exported}).exit_code, 0);
  RunResult file_rep = town_.Audit({"postings", "--file", exported, "--hub-key", town_.log_key(),
                                    "--witness-key", witness_key_, "--period", period_, "--json"});
  ASSERT_EQ(file_rep.exit_code, 0) << file_rep.out << file_rep.err;
  status.clear();
  json::object fo = Json(file_rep);
  for (const json::value& v : fo["records"].as_array()) {
    status[std::string(v.as_object().at("row_id").as_string())] =
        std::string(v.as_object().at("status").as_string());
  }
  EXPECT_EQ(status[rows_.at("低保对象")], "on_time");
  EXPECT_EQ(status[rows_.at("财务收支")], "undetermined");

  // Someone alters one photo on the hub's disk: the audit fails naming it.
  const std::string altered = town_.hub_dir() + "/attachments/" + hashes[1];
  {
    std::fstream f(altered, std::ios::in | std::ios::out | std::ios::binary);
    ASSERT_TRUE(f.good()) << altered;
    f.seekp(1000);
    f.put('\x5A');
  }
  RunResult bad = town_.Audit(Hub({"attachments", "--json"}));
  EXPECT_EQ(bad.exit_code, 1) << bad.out << bad.err;
  EXPECT_NE(bad.err.find(hashes[1]), std::string::npos) << bad.err;
  EXPECT_EQ(bad.err.find(hashes[0]), std::string::npos) << bad.err;
  EXPECT_NE(bad.err.find("attachment_mismatch"), std::string::npos) << bad.err;
  json::object bo = Json(bad);
  EXPECT_EQ(bo["bad"].to_number<int64_t>(), 1);
  EXPECT_EQ(bo["error"].as_object()["code"].as_string(), "attachment_mismatch");
  for (const json::value& v : bo["attachments"].as_array()) {
    EXPECT_EQ(v.as_object().at("status").as_string(),
              v.as_object().at("sha256").as_string() == hashes[1] ? "hash_mismatch" : "ok");
  }
  // The same from the export and a folder of photos, with one missing.
  std::string folder = tmp_.path() + "/photos";
  std::filesystem::create_directories(folder);
  std::filesystem::copy_file(town_.hub_dir() + "/attachments/" + hashes[0],
                             folder + "/" + hashes[0]);
  RunResult from_dir = town_.Audit(
      {"attachments", "--file", exported, "--hub-key", town_.log_key(), "--dir", folder});
  EXPECT_EQ(from_dir.exit_code, 1) << from_dir.out << from_dir.err;
  EXPECT_NE(from_dir.err.find(hashes[1]), std::string::npos) << from_dir.err;
  EXPECT_NE(from_dir.err.find("[missing]"), std::string::npos) << from_dir.err;
}

TEST_F(AuditPostingsE2eTest, BadUsageIsExitTwoWithTheReason) {
  RunResult no_witness = town_.Audit(Hub({"postings", "--period", period_}));
  EXPECT_EQ(no_witness.exit_code, 2);
  EXPECT_NE(no_witness.err.find("missing_flag"), std::string::npos) << no_witness.err;
  RunResult bad_period =
      town_.Audit(Hub({"postings", "--witness-key", witness_key_, "--period", "十一月吧"}));
  EXPECT_EQ(bad_period.exit_code, 2);
  EXPECT_NE(bad_period.err.find("bad_period"), std::string::npos) << bad_period.err;
  RunResult no_holidays = town_.Audit(Hub({"postings", "--witness-key", witness_key_, "--period",
                                           period_, "--holidays", tmp_.path() + "/none.txt"}));
  EXPECT_EQ(no_holidays.exit_code, 2);
  EXPECT_NE(no_holidays.err.find("file_missing"), std::string::npos) << no_holidays.err;
  RunResult file_no_dir =
      town_.Audit({"attachments", "--file", tmp_.path() + "/x.log", "--hub-key", town_.log_key()});
  EXPECT_EQ(file_no_dir.exit_code, 2);
  EXPECT_NE(file_no_dir.err.find("missing_flag"), std::string::npos) << file_no_dir.err;
  RunResult dir_for_verify = town_.Audit(Hub({"verify", "--dir", tmp_.path()}));
  EXPECT_EQ(dir_for_verify.exit_code, 2);
  EXPECT_EQ(town_.Audit({"postings", "--help"}).exit_code, 0);
}

}  // namespace
}  // namespace gongkai::testing
