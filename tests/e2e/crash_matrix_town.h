// The crash matrix's town (crash_matrix_test.cc): the town of real
// programs (tests/testing/town.h) with three villages, whose `serve` can be
// SIGKILLed and started again (on a new port: every station is re-pointed
// with `gongkai-station config --hub`), rows imported and sealed through
// the CLI, and the administrator's approvals recorded as evidence.
// Read-only SQL on the stores: tests/testing/sql_file.h.
#pragma once

#include <gtest/gtest.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>

#include <boost/json.hpp>
#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "core/store/atomic_file.h"
#include "tests/testing/sql_file.h"
#include "tests/testing/town.h"

namespace gongkai::crash_matrix {

using testing::HubProcess;
using testing::IntegrityCheck;
using testing::ReadText;
using testing::RunProgram;
using testing::RunResult;
using testing::SqlFile;
using testing::Town;

// --- the town -------------------------------------------------------------

struct StationDir {
  std::string id;
  std::string unit;
  std::string dir;
  int rows = 0;  // rows imported so far (names stay unique)
};

class ProcessTown {
 public:
  explicit ProcessTown(std::string root)
      : town_(std::move(root),
              {.origin = "crash.example/gongkai", .timeout = std::chrono::seconds(120)}) {}

  bool Built() const { return town_.Built(); }

  void Init(const std::vector<std::pair<std::string, std::string>>& villages) {
    town_.Init();
    ASSERT_FALSE(::testing::Test::HasFatalFailure());
    ASSERT_TRUE(StartHub());
    for (const auto& [id, unit] : villages) {
      StationDir s{id, unit, town_.AddStation(id, unit)};
      ASSERT_FALSE(::testing::Test::HasFailure());
      stations_.push_back(s);
    }
  }

  bool StartHub() { return town_.Serve(); }

  // One more station, enrolled, for a village already in the town (a second
  // office computer); appended to stations().
  StationDir& AddStation(const std::string& id, const std::string& unit) {
    stations_.push_back(StationDir{id, unit, town_.AddStation(id, unit)});
    return stations_.back();
  }

  // SIGKILL to serve (if it is running), then start it again and point
  // every station at its new port.
  void KillHub() {
    town_.serve().Signal(SIGKILL);
    town_.serve().WaitForExit();
  }
  void RestartHub() {
    ASSERT_TRUE(StartHub());
    for (const StationDir& s : stations_) {
      RunResult r = Station({"config", "--dir", s.dir, "--hub", url()});
      ASSERT_EQ(r.exit_code, 0) << r.err;
    }
  }

  RunResult Hub(std::vector<std::string> args) { return town_.Hub(std::move(args)); }
  RunResult Station(std::vector<std::string> args) { return town_.Station(std::move(args)); }
  std::vector<std::string> StationArgv(std::vector<std::string> args) const {
    return town_.StationArgv(std::move(args));
  }
  std::vector<std::string> HubArgv(std::vector<std::string> args) const {
    return town_.HubArgv(std::move(args));
  }

  // `gongkai-station import` of n new rows (one create edit each).
  void Import(StationDir& s, int n) {
    std::string csv =
        "领域,一级事项,二级事项,公开内容（要素）,公开依据,公开时限,公开主体,公开渠道和载体,"
        "公开对象,公开方式,公开层级,备注\n";
    for (int i = 0; i < n; ++i) {
      csv += "村务公开,村级财务,财务收支第" + std::to_string(s.rows++) +
             "项,收支明细；集体资产；债权债务,《村民委员会组织法》第三十条,每季度," + s.unit +
             "民委员会,社区/企事业单位/村公示栏（电子屏）、政府网站,特定群体,主动,村级,\n";
    }
    std::string path = runs() + "/" + s.id + "-" + std::to_string(s.rows) + ".csv";
    ASSERT_TRUE(WriteFileAtomic(path, csv, 0644).ok());
    RunResult r = Station({"import", "--dir", s.dir, path});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  void Seal(const StationDir& s) {
    RunResult r = Station({"seal", "--dir", s.dir, "--note", "崩溃测试"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  // sync --no-retry; the exit status.
  RunResult Sync(const StationDir& s) {
    return Station({"sync", "--dir", s.dir, "--no-retry", "--json"});
  }
  std::vector<std::string> SyncArgv(const StationDir& s) const {
    return StationArgv({"sync", "--dir", s.dir, "--no-retry", "--json"});
  }
  // approve --all when anything is undecided; false if it failed.
  bool ApproveAll(std::vector<std::pair<int64_t, std::string>>* acknowledged) {
    if (Undecided() == 0) return true;
    RunResult r = Hub({"approve", "--dir", hub_dir(), "--all", "--json", "--note", "崩溃测试"});
    if (r.exit_code != 0) {
      ADD_FAILURE() << "approve: " << r.err;
      return false;
    }
    auto o = boost::json::parse(r.out).as_object();
    acknowledged->emplace_back(o["version"].as_int64(), std::string(o["hash"].as_string()));
    return true;
  }
  int64_t Undecided() {
    SqlFile db(hub_db());
    return db.Int(
        "SELECT count(*) FROM changesets c WHERE NOT EXISTS "
        "(SELECT 1 FROM decisions d WHERE d.changeset = c.id)");
  }

  std::string url() const { return town_.url(); }
  std::string hub_db() const { return town_.hub_db(); }
  const std::string& hub_dir() const { return town_.hub_dir(); }
  const std::string& log_key() const { return town_.log_key(); }
  const std::string& cert_sha256() const { return town_.cert_sha256(); }
  const std::string& audit_bin() const { return town_.audit_bin(); }
  const std::string& runs() const { return town_.runs(); }
  const std::string& root() const { return town_.root(); }
  HubProcess& serve() { return town_.serve(); }
  std::vector<StationDir>& stations() { return stations_; }

 private:
  Town town_;
  std::vector<StationDir> stations_;
};

}  // namespace gongkai::crash_matrix
