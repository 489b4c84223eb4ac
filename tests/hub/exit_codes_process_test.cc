// The exit statuses of real failures, one program after another, as
// docs/exit-codes.md lists them (the one table: 0 done, 1 failed, 2 usage,
// 3 input, 4 not found, 5 refused, 6 try later, 7 damaged; the station's 8–10
// are covered by tests/station/refused_changesets_test.cc and the e2e tests).
// Each failure also prints one line `… [reason]` and changes nothing.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "core/store/sqlite.h"
#include "tests/testing/process.h"
#include "tests/testing/sql_file.h"
#include "tests/testing/temp_dir.h"
#include "tests/testing/town.h"

namespace gongkai::testing {
namespace {

namespace fs = std::filesystem;

bool SaysReason(const RunResult& r, const std::string& reason) {
  return r.err.find("[" + reason + "]") != std::string::npos;
}

class ExitCodesProcessTest : public ::testing::Test {
 protected:
  ExitCodesProcessTest() : town_(tmp_.path()) {}
  void SetUp() override {
    ASSERT_TRUE(town_.Built());
    town_.Init();
    ASSERT_FALSE(HasFatalFailure());
  }

  TempDir tmp_;
  Town town_;
};

TEST_F(ExitCodesProcessTest, StationFailuresExitByWhatToDoNext) {
  const std::string dir = tmp_.path() + "/station";
  RunResult init = town_.Station({"init", "--dir", dir, "--id", "hongqi-01", "--unit", "红旗村"});
  ASSERT_EQ(init.exit_code, 0) << init.err;

  RunResult usage = town_.Station({"list", "--dir", dir, "--bogus"});
  EXPECT_EQ(usage.exit_code, 2) << usage.err;
  EXPECT_TRUE(SaysReason(usage, "unknown_flag")) << usage.err;

  const std::string bad_dir = tmp_.path() + "/bad-station";
  RunResult bad_id =
      town_.Station({"init", "--dir", bad_dir, "--id", "Hong Qi!", "--unit", "红旗村"});
  EXPECT_EQ(bad_id.exit_code, 3) << bad_id.err;
  EXPECT_TRUE(SaysReason(bad_id, "bad_station_id")) << bad_id.err;
  EXPECT_FALSE(fs::exists(bad_dir + "/station.db")) << "nothing written";

  RunResult missing =
      town_.Station({"history", "--dir", dir, "00000000-0000-4000-8000-000000000000"});
  EXPECT_EQ(missing.exit_code, 4) << missing.err;
  EXPECT_TRUE(SaysReason(missing, "unknown_id")) << missing.err;

  // Not pinned to any hub: a person must configure it (never "try later").
  RunResult refused = town_.Station({"sync", "--dir", dir});
  EXPECT_EQ(refused.exit_code, 5) << refused.err;
  EXPECT_TRUE(SaysReason(refused, "hub_not_configured")) << refused.err;
  boost::json::value status = town_.StationJson({"status", "--dir", dir});
  EXPECT_EQ(status.as_object().at("outbox").to_number<int64_t>(), 0);
}

TEST_F(ExitCodesProcessTest, HubFailuresAreOneUsageTwoDamageSeven) {
  RunResult usage = town_.Hub({"approve", "--dir", town_.hub_dir(), "--bogus"});
  EXPECT_EQ(usage.exit_code, 2) << usage.err;

  const Hash32 before = TablesDigest(town_.hub_db(), {"log_entries", "stations", "admins"});
  RunResult again = town_.Hub(
      {"init", "--dir", town_.hub_dir(), "--origin", "town.example/gongkai", "--admin", "wang"});
  EXPECT_EQ(again.exit_code, 1) << again.err;
  EXPECT_TRUE(SaysReason(again, "already_initialized")) << again.err;
  EXPECT_EQ(TablesDigest(town_.hub_db(), {"log_entries", "stations", "admins"}), before);

  RunResult sound = town_.Hub({"check", "--dir", town_.hub_dir()});
  ASSERT_EQ(sound.exit_code, 0) << sound.err;
  {
    Result<Database> db = Database::Open(town_.hub_db());
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    // The genesis leaf rewritten by hand: it no longer matches the tree.
    Status rewritten = db->Exec("UPDATE log_entries SET entry = x'00' WHERE idx = 0");
    ASSERT_TRUE(rewritten.ok()) << rewritten.ToString();
  }
  RunResult damaged = town_.Hub({"check", "--dir", town_.hub_dir()});
  EXPECT_EQ(damaged.exit_code, 7) << damaged.err;
  EXPECT_TRUE(SaysReason(damaged, "db_corrupt")) << damaged.err;
  // serve refuses to start on it, with the same status (systemd does not
  // restart it: RestartPreventExitStatus=2 7).
  RunResult serve = town_.Hub({"serve", "--dir", town_.hub_dir(), "--listen", "127.0.0.1:0"});
  EXPECT_EQ(serve.exit_code, 7) << serve.err;
}

TEST_F(ExitCodesProcessTest, AuditUsageAndCannotCheck) {
  RunResult usage = town_.Audit({"verify", "--hub", "https://127.0.0.1:1"});
  EXPECT_EQ(usage.exit_code, 2) << usage.err;
  // Nothing listens on port 1: the log could not be checked — never 0.
  RunResult unreachable =
      town_.Audit({"verify", "--hub", "https://127.0.0.1:1", "--hub-cert-sha256",
                   town_.cert_sha256(), "--hub-key", town_.log_key(), "--quiet"});
  EXPECT_EQ(unreachable.exit_code, 3) << unreachable.err;
  EXPECT_TRUE(SaysReason(unreachable, "hub_unreachable")) << unreachable.err;
}

TEST_F(ExitCodesProcessTest, WitnessUsageAndRefusedInit) {
  const std::string dir = tmp_.path() + "/witness";
  RunResult usage = town_.Witness({"init", "--dir", dir, "--bogus"});
  EXPECT_EQ(usage.exit_code, 2) << usage.err;
  RunResult first = town_.Witness({"init", "--dir", dir, "--name", "county.example/witness"});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  RunResult again = town_.Witness({"init", "--dir", dir, "--name", "county.example/witness"});
  EXPECT_EQ(again.exit_code, 1) << again.err;
  EXPECT_TRUE(SaysReason(again, "already_initialized")) << again.err;
}

}  // namespace
}  // namespace gongkai::testing
