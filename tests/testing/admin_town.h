// AdminTownTest: a real town (TownTest) whose tests add administrators
// beyond the one `init` made. Each added administrator's key is sealed
// under kAdminPassword, given by GONGKAI_ADMIN_PASSWORD and by the file
// password_file_; zhang's key (from init) is a plaintext key file, which
// ignores both. Used by the roster and two-person e2e tests.
#pragma once

#include <gtest/gtest.h>
#include <stdlib.h>

#include <boost/json.hpp>
#include <fstream>
#include <string>

#include "hub/store/hub_db.h"
#include "hub/store/log_table.h"
#include "tests/testing/town.h"

namespace gongkai::testing {

class AdminTownTest : public TownTest {
 protected:
  static constexpr const char* kAdminPassword = "li-mima-2024-long";

  void SetUp() override {
    TownTest::SetUp();
    ::setenv("GONGKAI_ADMIN_PASSWORD", kAdminPassword, 1);
    password_file_ = tmp_.path() + "/admin.pw";
    std::ofstream(password_file_) << kAdminPassword << "\n";
  }
  void TearDown() override { ::unsetenv("GONGKAI_ADMIN_PASSWORD"); }

  // Entries in the hub's log, read from its database.
  uint64_t LogEntries() {
    Result<hub::HubDb> db = hub::HubDb::Open(hub_dir_ + "/hub.db");
    EXPECT_TRUE(db.ok());
    Result<uint64_t> n = hub::LogSize(*db);
    EXPECT_TRUE(n.ok());
    return n.ok() ? *n : 0;
  }
  int64_t StationVersion(const std::string& dir) {
    return town_.StationJson({"status", "--dir", dir}).as_object().at("catalog_version").as_int64();
  }
  // `gongkai-audit verify` of the served log, pinned to the town's key
  // and certificate.
  RunResult Verify() {
    return town_.Audit({"verify", "--hub", town_.url(), "--hub-cert-sha256", town_.cert_sha256(),
                        "--hub-key", town_.log_key(), "--json"});
  }
  // The station pulls and holds version 1; the auditor and `check --full`
  // accept the hub (callers wrap it in ASSERT_NO_FATAL_FAILURE).
  void ExpectVersion1Accepted(const std::string& station_dir) {
    town_.StationJson({"sync", "--dir", station_dir});
    EXPECT_EQ(StationVersion(station_dir), 1);
    RunResult audit = Verify();
    ASSERT_EQ(audit.exit_code, 0) << audit.out << audit.err;
    RunResult check = town_.Hub({"check", "--dir", hub_dir_, "--full"});
    EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
  }

  // A forged approval (log entry forged_index) must stop both the station
  // (its sync exits 5 naming `code`, its catalog stays at version 1) and
  // the auditor (exit 1, the error's code and index).
  void ExpectForgedApprovalRefused(const std::string& station_dir, const std::string& code,
                                   uint64_t forged_index) {
    RunResult pull = town_.Station({"sync", "--dir", station_dir, "--json"});
    EXPECT_EQ(pull.exit_code, 5) << pull.out << pull.err;
    EXPECT_NE((pull.out + pull.err).find(code), std::string::npos) << pull.out << pull.err;
    EXPECT_EQ(StationVersion(station_dir), 1);

    RunResult bad = Verify();
    EXPECT_EQ(bad.exit_code, 1) << bad.out << bad.err;
    boost::json::object err = boost::json::parse(bad.out).as_object().at("error").as_object();
    EXPECT_EQ(err["code"].as_string(), code) << bad.out;
    EXPECT_EQ(err["index"].as_int64(), static_cast<int64_t>(forged_index)) << bad.out;
  }

  std::string password_file_;
  const std::string hub_dir_ = town_.hub_dir();
};

}  // namespace gongkai::testing
