// A town of REAL processes for the crash matrix (crash_matrix_test.cc):
// `gongkai-hub init/serve/station add/approve`, `gongkai-station
// init/import/seal/sync/config` and `gongkai-audit verify`, all on loopback
// with the pinned certificate. The hub's `serve` can be SIGKILLed and
// started again (on a new port: every station is re-pointed with
// `gongkai-station config --hub`). Read-only SQL on the stores goes
// through the SQLite C API.
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
#include "tests/hub/process_helpers.h"

namespace gongkai::crash_matrix {

using hub::testing::HubProcess;
using hub::testing::ReadText;
using hub::testing::RunProgram;
using hub::testing::RunResult;

// --- SQLite, read side ----------------------------------------------------

// Opens read-write (a WAL left by a killed writer is recovered on open).
class SqlFile {
 public:
  explicit SqlFile(const std::string& path) {
    if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
      ADD_FAILURE() << "cannot open " << path << ": " << sqlite3_errmsg(db_);
    }
    sqlite3_busy_timeout(db_, 10000);
  }
  ~SqlFile() { sqlite3_close(db_); }
  SqlFile(const SqlFile&) = delete;
  SqlFile& operator=(const SqlFile&) = delete;

  // Every row, every column as text (blobs as lowercase hex).
  std::vector<std::vector<std::string>> Rows(const std::string& sql) {
    std::vector<std::vector<std::string>> out;
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &st, nullptr) != SQLITE_OK) {
      ADD_FAILURE() << sql << ": " << sqlite3_errmsg(db_);
      return out;
    }
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
      std::vector<std::string> row;
      for (int c = 0; c < sqlite3_column_count(st); ++c) {
        if (sqlite3_column_type(st, c) == SQLITE_BLOB) {
          const auto* p = static_cast<const unsigned char*>(sqlite3_column_blob(st, c));
          static const char* kHex = "0123456789abcdef";
          std::string hex;
          for (int i = 0; i < sqlite3_column_bytes(st, c); ++i) {
            hex += kHex[p[i] >> 4];
            hex += kHex[p[i] & 15];
          }
          row.push_back(hex);
        } else {
          const unsigned char* t = sqlite3_column_text(st, c);
          row.push_back(t ? reinterpret_cast<const char*>(t) : "");
        }
      }
      out.push_back(std::move(row));
    }
    if (rc != SQLITE_DONE) ADD_FAILURE() << sql << ": " << sqlite3_errmsg(db_);
    sqlite3_finalize(st);
    return out;
  }
  int64_t Int(const std::string& sql) {
    auto rows = Rows(sql);
    if (rows.empty() || rows[0].empty() || rows[0][0].empty()) return 0;
    return std::stoll(rows[0][0]);
  }
  std::string Text(const std::string& sql) {
    auto rows = Rows(sql);
    return rows.empty() || rows[0].empty() ? "" : rows[0][0];
  }
  sqlite3* raw() { return db_; }

 private:
  sqlite3* db_ = nullptr;
};

// "ok", or what PRAGMA integrity_check found.
inline std::string IntegrityCheck(const std::string& path) {
  SqlFile db(path);
  auto rows = db.Rows("PRAGMA integrity_check");
  std::string out;
  for (auto& r : rows) out += (out.empty() ? "" : "; ") + r[0];
  return out;
}

// --- the town -------------------------------------------------------------

struct StationDir {
  std::string id;
  std::string unit;
  std::string dir;
  int rows = 0;  // rows imported so far (names stay unique)
};

class ProcessTown {
 public:
  explicit ProcessTown(std::string root) : root_(std::move(root)) {
    hub_bin_ = hub::testing::BinaryPath("hub/gongkai-hub");
    station_bin_ = hub::testing::BinaryPath("station/gongkai-station");
    audit_bin_ = hub::testing::BinaryPath("station/gongkai-audit");
    runs_ = root_ + "/runs";
    std::filesystem::create_directories(runs_);
  }

  bool Built() const {
    for (const std::string& b : {hub_bin_, station_bin_, audit_bin_}) {
      if (access(b.c_str(), X_OK) != 0) {
        ADD_FAILURE() << b << " is not built";
        return false;
      }
    }
    return true;
  }

  void Init(const std::vector<std::pair<std::string, std::string>>& villages) {
    hub_dir_ = root_ + "/hub";
    RunResult init = Hub({"init", "--dir", hub_dir_, "--origin", "crash.example/gongkai", "--admin",
                          "zhang", "--json"});
    ASSERT_EQ(init.exit_code, 0) << init.err;
    auto o = boost::json::parse(init.out).as_object();
    log_key_ = std::string(o["log_key"].as_string());
    cert_sha256_ = std::string(o["cert_sha256"].as_string());
    ASSERT_TRUE(StartHub());
    for (const auto& [id, unit] : villages) {
      StationDir s{id, unit, root_ + "/" + id};
      RunResult si = Station({"init", "--dir", s.dir, "--id", id, "--unit", unit, "--hub", url(),
                              "--hub-key", log_key_, "--hub-cert-sha256", cert_sha256_, "--json"});
      ASSERT_EQ(si.exit_code, 0) << si.err;
      std::string vkey(boost::json::parse(si.out).as_object()["verifier_key"].as_string());
      RunResult add =
          Hub({"station", "add", "--dir", hub_dir_, "--id", id, "--unit", unit, "--key", vkey});
      ASSERT_EQ(add.exit_code, 0) << add.err;
      stations_.push_back(s);
    }
  }

  bool StartHub() {
    serve_ = std::make_unique<HubProcess>();
    if (!serve_->Start(hub_dir_)) return false;
    return true;
  }

  // SIGKILL to serve (if it is running), then start it again and point
  // every station at its new port.
  void KillHub() {
    serve_->Signal(SIGKILL);
    serve_->WaitForExit();
  }
  void RestartHub() {
    ASSERT_TRUE(StartHub());
    for (const StationDir& s : stations_) {
      RunResult r = Station({"config", "--dir", s.dir, "--hub", url()});
      ASSERT_EQ(r.exit_code, 0) << r.err;
    }
  }

  RunResult Hub(std::vector<std::string> args) {
    args.insert(args.begin(), hub_bin_);
    return RunProgram(args, runs_, std::chrono::seconds(120));
  }
  RunResult Station(std::vector<std::string> args) {
    args.insert(args.begin(), station_bin_);
    return RunProgram(args, runs_, std::chrono::seconds(120));
  }
  std::vector<std::string> StationArgv(std::vector<std::string> args) const {
    args.insert(args.begin(), station_bin_);
    return args;
  }
  std::vector<std::string> HubArgv(std::vector<std::string> args) const {
    args.insert(args.begin(), hub_bin_);
    return args;
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
    std::string path = runs_ + "/" + s.id + "-" + std::to_string(s.rows) + ".csv";
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
    RunResult r = Hub({"approve", "--dir", hub_dir_, "--all", "--json", "--note", "崩溃测试"});
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

  std::string url() const { return "https://127.0.0.1:" + std::to_string(serve_->port()); }
  std::string hub_db() const { return hub_dir_ + "/hub.db"; }
  const std::string& hub_dir() const { return hub_dir_; }
  const std::string& log_key() const { return log_key_; }
  const std::string& cert_sha256() const { return cert_sha256_; }
  const std::string& audit_bin() const { return audit_bin_; }
  const std::string& runs() const { return runs_; }
  const std::string& root() const { return root_; }
  HubProcess& serve() { return *serve_; }
  std::vector<StationDir>& stations() { return stations_; }

 private:
  std::string root_, runs_, hub_bin_, station_bin_, audit_bin_;
  std::string hub_dir_, log_key_, cert_sha256_;
  std::unique_ptr<HubProcess> serve_;
  std::vector<StationDir> stations_;
};

}  // namespace gongkai::crash_matrix
