// End to end with real programs: `gongkai-hub init/serve/station add` and
// two `gongkai-station` processes that add rows and `sync` concurrently
// over HTTPS with the pinned certificate; a station with a wrong pin is
// refused before anything is sent; curl reads what the hub recorded.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "tests/hub/hub_fixture.h"
#include "tests/hub/hub_testing.h"
#include "tests/testing/town.h"

namespace gongkai::hub::testing {
namespace {

class StationSyncIntegrationTest : public TownTest {
 protected:
  StationSyncIntegrationTest() : TownTest({.origin = "town.example/gongkai"}) {}

  // gongkai-station init with the hub's URL, key and pin, then enrollment.
  std::string MakeStation(const std::string& id, const std::string& unit, const std::string& pin) {
    return town_.AddStation(id, unit, {.url = "", .pin = pin});
  }

  boost::json::object Status(const std::string& dir) {
    RunResult r = town_.Station({"status", "--dir", dir, "--json"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return boost::json::parse(r.out).as_object();
  }

  HubProcess& hub_ = town_.serve();
  const std::string& station_bin_ = town_.station_bin();
  const std::string& hub_dir_ = town_.hub_dir();
  const std::string& cert_sha256_ = town_.cert_sha256();
};

TEST_F(StationSyncIntegrationTest, TwoStationsPushTheirChangeSetsConcurrently) {
  std::string hongqi = MakeStation("hongqi-01", "红旗村", cert_sha256_);
  std::string dongfeng = MakeStation("dongfeng-01", "东风村", cert_sha256_);
  for (const std::string& dir : {hongqi, dongfeng}) {
    town_.AddRow(dir, "财务收支");
    ASSERT_EQ(town_.Station({"seal", "--dir", dir, "--note", "第一批"}).exit_code, 0);
    town_.AddRow(dir, "集体资产");  // sealed by sync itself
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
  RunResult again = town_.Station({"sync", "--dir", hongqi, "--json"});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(boost::json::parse(again.out).as_object()["sent"].as_int64(), 0);
  EXPECT_EQ(StateDigest(hub_dir_ + "/hub.db"), before);

  // A third-party client reads the receipts the hub keeps.
  if (!HaveProgram("curl")) FAIL() << "curl is not installed (apt-get install curl)";
  RunResult curl = RunProgram({"curl", "-sS", "--cacert", hub_dir_ + "/tls.crt",
                               town_.url() + "/v1/stations/dongfeng-01/receipts?after=0"},
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
  town_.AddRow(dir, "财务收支");
  Hash32 before = StateDigest(hub_dir_ + "/hub.db");
  RunResult r = town_.Station({"sync", "--dir", dir, "--no-retry"});
  EXPECT_EQ(r.exit_code, 5) << r.out << r.err;  // refused: a person must act
  EXPECT_NE(r.err.find("证书指纹"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("[cert_pin_mismatch]"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(cert_sha256_), std::string::npos) << "shows what the server presented";
  EXPECT_EQ(StateDigest(hub_dir_ + "/hub.db"), before);
  EXPECT_EQ(hub_.log().find("POST"), std::string::npos) << "nothing was sent";
  // Nothing was sent, so nothing is marked sent.
  EXPECT_EQ(Status(dir)["unsent"].as_int64(), 1);

  // With the right pin the same change set goes through.
  ASSERT_EQ(town_.Station({"config", "--dir", dir, "--hub-cert-sha256", cert_sha256_}).exit_code,
            0);
  RunResult ok = town_.Station({"sync", "--dir", dir, "--json"});
  ASSERT_EQ(ok.exit_code, 0) << ok.err;
  EXPECT_EQ(boost::json::parse(ok.out).as_object()["accepted"].as_int64(), 1);
}

// A revoked station is refused as a whole: exit 9 with the reason, nothing
// marked (its change set stays in the outbox for a re-enrolment), nothing
// stored at the hub.
TEST_F(StationSyncIntegrationTest, RevokedStationLearnsWhyItsChangeSetWasRefused) {
  std::string dir = MakeStation("hongqi-01", "红旗村", cert_sha256_);
  town_.AddRow(dir, "财务收支");
  ASSERT_EQ(town_
                .Hub({"station", "revoke", "--dir", hub_dir_, "--id", "hongqi-01", "--reason",
                      "设备丢失"})
                .exit_code,
            0);
  RunResult r = town_.Station({"sync", "--dir", dir, "--json"});
  ASSERT_EQ(r.exit_code, 9) << r.err;
  auto o = boost::json::parse(r.out).as_object();
  EXPECT_EQ(o["outcome"].as_string(), "station_revoked");
  EXPECT_EQ(o["receipts"].as_array()[0].as_object()["code"].as_string(), "station_revoked");
  EXPECT_NE(o["refused"].as_object()["message"].as_string().find("设备丢失"), std::string::npos);
  EXPECT_NE(r.err.find("[station_revoked]"), std::string::npos) << r.err;
  auto st = Status(dir);
  EXPECT_EQ(st["rejected"].as_int64(), 0);
  EXPECT_EQ(st["outbox"].as_int64(), 1);
  EXPECT_EQ(st["hub_refusal"].as_object()["code"].as_string(), "station_revoked");
  EXPECT_EQ(CountRows(hub_dir_ + "/hub.db", "changesets"), 0);
}

TEST_F(StationSyncIntegrationTest, HubThatIsDownIsReportedAsTryLater) {
  std::string dir = MakeStation("hongqi-01", "红旗村", cert_sha256_);
  town_.AddRow(dir, "财务收支");
  ASSERT_EQ(hub_.Stop(), 0);
  RunResult r = town_.Station({"sync", "--dir", dir, "--no-retry"});
  EXPECT_EQ(r.exit_code, 6) << r.err;  // try again later
  EXPECT_NE(r.err.find("[hub_unreachable]"), std::string::npos) << r.err;
  EXPECT_EQ(Status(dir)["unsent"].as_int64(), 1);
}

}  // namespace
}  // namespace gongkai::hub::testing
