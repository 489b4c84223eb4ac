// End to end with real programs: `gongkai-hub init/serve/station add` and
// two `gongkai-station` processes that add rows and `sync` concurrently
// over HTTPS with the pinned certificate; a station with a wrong pin is
// refused before anything is sent; curl reads what the hub recorded.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "tests/hub/hub_fixture.h"
#include "tests/hub/process_helpers.h"

namespace gongkai::hub::testing {
namespace {

class StationSyncIntegrationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    signal(SIGPIPE, SIG_IGN);
    hub_bin_ = BinaryPath("hub/gongkai-hub");
    station_bin_ = BinaryPath("station/gongkai-station");
    for (const std::string& bin : {hub_bin_, station_bin_}) {
      ASSERT_EQ(access(bin.c_str(), X_OK), 0) << bin << " is not built";
    }
    hub_dir_ = tmp_.path() + "/hub";
    RunResult init = Hub({"init", "--dir", hub_dir_, "--origin", "town.example/gongkai", "--admin",
                          "zhang", "--json"});
    ASSERT_EQ(init.exit_code, 0) << init.err;
    auto o = boost::json::parse(init.out).as_object();
    hub_key_ = std::string(o["log_key"].as_string());
    cert_sha256_ = std::string(o["cert_sha256"].as_string());
    ASSERT_TRUE(hub_.Start(hub_dir_));
    url_ = "https://127.0.0.1:" + std::to_string(hub_.port());
  }

  RunResult Hub(std::vector<std::string> args) {
    args.insert(args.begin(), hub_bin_);
    return RunProgram(args, tmp_.path());
  }
  RunResult Station(std::vector<std::string> args) {
    args.insert(args.begin(), station_bin_);
    return RunProgram(args, tmp_.path());
  }

  // gongkai-station init with the hub's URL, key and pin, then enrollment.
  std::string MakeStation(const std::string& id, const std::string& unit, const std::string& pin) {
    std::string dir = tmp_.path() + "/" + id;
    RunResult init = Station({"init", "--dir", dir, "--id", id, "--unit", unit, "--hub", url_,
                              "--hub-key", hub_key_, "--hub-cert-sha256", pin, "--json"});
    EXPECT_EQ(init.exit_code, 0) << init.err;
    std::string vkey(boost::json::parse(init.out).as_object()["verifier_key"].as_string());
    RunResult add =
        Hub({"station", "add", "--dir", hub_dir_, "--id", id, "--unit", unit, "--key", vkey});
    EXPECT_EQ(add.exit_code, 0) << add.err;
    return dir;
  }

  void AddRow(const std::string& dir, const std::string& item) {
    RunResult r = Station({"add",
                           "--dir",
                           dir,
                           "--area",
                           "村务公开",
                           "--item-l1",
                           "村级财务",
                           "--item-l2",
                           item,
                           "--content",
                           "收支明细",
                           "--basis",
                           "《村民委员会组织法》第三十条",
                           "--time-limit",
                           "每季度",
                           "--subject",
                           "村民委员会",
                           "--channels",
                           "社区/企事业单位/村公示栏（电子屏）",
                           "--audience",
                           "特定群体",
                           "--mode",
                           "主动",
                           "--levels",
                           "村级"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }

  boost::json::object Status(const std::string& dir) {
    RunResult r = Station({"status", "--dir", dir, "--json"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return boost::json::parse(r.out).as_object();
  }

  TempDir tmp_;
  HubProcess hub_;
  std::string hub_bin_, station_bin_, hub_dir_, hub_key_, cert_sha256_, url_;
};

TEST_F(StationSyncIntegrationTest, TwoStationsPushTheirChangeSetsConcurrently) {
  std::string hongqi = MakeStation("hongqi-01", "红旗村", cert_sha256_);
  std::string dongfeng = MakeStation("dongfeng-01", "东风村", cert_sha256_);
  for (const std::string& dir : {hongqi, dongfeng}) {
    AddRow(dir, "财务收支");
    ASSERT_EQ(Station({"seal", "--dir", dir, "--note", "第一批"}).exit_code, 0);
    AddRow(dir, "集体资产");  // sealed by sync itself
  }

  // Both stations sync at the same time.
  pid_t a = Spawn({station_bin_, "sync", "--dir", hongqi, "--json"}, tmp_.path() + "/a.out",
                  tmp_.path() + "/a.err");
  pid_t b = Spawn({station_bin_, "sync", "--dir", dongfeng, "--json"}, tmp_.path() + "/b.out",
                  tmp_.path() + "/b.err");
  ASSERT_EQ(WaitExit(a, std::chrono::seconds(60)), 0) << ReadText(tmp_.path() + "/a.err");
  ASSERT_EQ(WaitExit(b, std::chrono::seconds(60)), 0) << ReadText(tmp_.path() + "/b.err");

  for (const std::string& out :
       {ReadText(tmp_.path() + "/a.out"), ReadText(tmp_.path() + "/b.out")}) {
    auto o = boost::json::parse(out).as_object();
    EXPECT_EQ(o["sent"].as_int64(), 2) << out;
    EXPECT_EQ(o["accepted"].as_int64(), 2) << out;
    EXPECT_EQ(o["rejected"].as_int64(), 0) << out;
  }
  for (const std::string& dir : {hongqi, dongfeng}) {
    auto st = Status(dir);
    EXPECT_EQ(st["unsent"].as_int64(), 0);
    EXPECT_EQ(st["rejected"].as_int64(), 0);
    EXPECT_EQ(st["last_seq"].as_int64(), 2);
  }
  EXPECT_EQ(CountRows(hub_dir_ + "/hub.db", "changesets"), 4);
  EXPECT_EQ(CountRows(hub_dir_ + "/hub.db", "log_entries"), 1 + 2 + 4);

  // Syncing again sends nothing new and changes nothing at the hub.
  Hash32 before = StateDigest(hub_dir_ + "/hub.db");
  RunResult again = Station({"sync", "--dir", hongqi, "--json"});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(boost::json::parse(again.out).as_object()["sent"].as_int64(), 0);
  EXPECT_EQ(StateDigest(hub_dir_ + "/hub.db"), before);

  // A third-party client reads the receipts the hub keeps.
  if (!HaveProgram("curl")) FAIL() << "curl is not installed (apt-get install curl)";
  RunResult curl = RunProgram({"curl", "-sS", "--cacert", hub_dir_ + "/tls.crt",
                               url_ + "/v1/stations/dongfeng-01/receipts?after=0"},
                              tmp_.path());
  ASSERT_EQ(curl.exit_code, 0) << curl.err;
  auto receipts = boost::json::parse(curl.out).as_object()["receipts"].as_array();
  ASSERT_EQ(receipts.size(), 2u);
  EXPECT_EQ(receipts[1].as_object()["seq"].as_int64(), 2);
  EXPECT_EQ(hub_.Stop(), 0);
}

TEST_F(StationSyncIntegrationTest, WrongCertificatePinIsRefusedBeforeSending) {
  std::string wrong(64, '0');
  std::string dir = MakeStation("hongqi-01", "红旗村", wrong);
  AddRow(dir, "财务收支");
  Hash32 before = StateDigest(hub_dir_ + "/hub.db");
  RunResult r = Station({"sync", "--dir", dir, "--no-retry"});
  EXPECT_EQ(r.exit_code, 5) << r.out << r.err;  // refused: a person must act
  EXPECT_NE(r.err.find("证书指纹"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("[cert_pin_mismatch]"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(cert_sha256_), std::string::npos) << "shows what the server presented";
  EXPECT_EQ(StateDigest(hub_dir_ + "/hub.db"), before);
  EXPECT_EQ(hub_.log().find("POST"), std::string::npos) << "nothing was sent";
  // Nothing was sent, so nothing is marked sent.
  EXPECT_EQ(Status(dir)["unsent"].as_int64(), 1);

  // With the right pin the same change set goes through.
  ASSERT_EQ(Station({"config", "--dir", dir, "--hub-cert-sha256", cert_sha256_}).exit_code, 0);
  RunResult ok = Station({"sync", "--dir", dir, "--json"});
  ASSERT_EQ(ok.exit_code, 0) << ok.err;
  EXPECT_EQ(boost::json::parse(ok.out).as_object()["accepted"].as_int64(), 1);
}

TEST_F(StationSyncIntegrationTest, RevokedStationLearnsWhyItsChangeSetWasRefused) {
  std::string dir = MakeStation("hongqi-01", "红旗村", cert_sha256_);
  AddRow(dir, "财务收支");
  ASSERT_EQ(
      Hub({"station", "revoke", "--dir", hub_dir_, "--id", "hongqi-01", "--reason", "设备丢失"})
          .exit_code,
      0);
  RunResult r = Station({"sync", "--dir", dir, "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto o = boost::json::parse(r.out).as_object();
  EXPECT_EQ(o["rejected"].as_int64(), 1);
  EXPECT_EQ(o["receipts"].as_array()[0].as_object()["code"].as_string(), "station_revoked");
  EXPECT_EQ(Status(dir)["rejected"].as_int64(), 1);
  EXPECT_EQ(CountRows(hub_dir_ + "/hub.db", "changesets"), 0);
}

TEST_F(StationSyncIntegrationTest, HubThatIsDownIsReportedAsTryLater) {
  std::string dir = MakeStation("hongqi-01", "红旗村", cert_sha256_);
  AddRow(dir, "财务收支");
  ASSERT_EQ(hub_.Stop(), 0);
  RunResult r = Station({"sync", "--dir", dir, "--no-retry"});
  EXPECT_EQ(r.exit_code, 6) << r.err;  // try again later
  EXPECT_NE(r.err.find("[hub_unreachable]"), std::string::npos) << r.err;
  EXPECT_EQ(Status(dir)["unsent"].as_int64(), 1);
}

}  // namespace
}  // namespace gongkai::hub::testing
