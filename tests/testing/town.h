// A town of REAL programs for end-to-end and integration tests:
// `gongkai-hub init` (log key and TLS certificate), `gongkai-hub serve` on
// a free loopback port, stations made with `gongkai-station init` pinned
// to the hub's key and certificate and enrolled with `gongkai-hub station
// add`, and any command of gongkai-hub, gongkai-station or gongkai-audit
// run to the end with its exit code and output captured. serve can be
// stopped, killed and started again (on the same port if asked). All
// files live under the root directory; serve is killed on destruction.
//
//   Town town(tmp_.path());
//   town.Init();
//   ASSERT_TRUE(town.Serve());
//   std::string hongqi = town.AddStation("hongqi-01", "红旗村");
//   town.AddRow(hongqi, "财务收支");
//   RunResult r = town.Station({"sync", "--dir", hongqi, "--json"});
//
// TownTest (below) is a test fixture that does the first three lines.
//
// For a hub and stations in one process (no sockets), see
// tests/testing/in_process_town.h.
#pragma once

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "tests/testing/process.h"
#include "tests/testing/temp_dir.h"

namespace gongkai::testing {

// The flags of `gongkai-station add` for a row of 村务公开 / 村级财务 / item.
std::vector<std::string> AddRowArgs(const std::string& item);

struct TownOptions {
  std::string origin = "baofeng.example/gongkai";
  std::string admin = "zhang";
  // Deadline of every command run (a command past it is killed: exit -1).
  std::chrono::milliseconds timeout = std::chrono::seconds(30);
};

// How a station is made: its hub URL and certificate pin, the town's own
// when empty (a wrong pin, or a URL that leads nowhere or to a proxy).
struct StationOptions {
  std::string url;
  std::string pin;
};

class Town {
 public:
  explicit Town(std::string root, TownOptions options = {});
  ~Town();
  Town(const Town&) = delete;
  Town& operator=(const Town&) = delete;

  // False, with a test failure naming it, if a program is not built.
  bool Built() const;
  // gongkai-hub init --json into root/hub; keeps the log key and the pin.
  // A fatal failure (check HasFatalFailure) if it fails.
  void Init();
  // Uses an existing hub directory instead (e.g. a copy of a template).
  void Adopt(std::string hub_dir, std::string log_key, std::string cert_sha256);

  // gongkai-hub serve; port 0: a free one. False (with a failure) if it
  // did not come up.
  bool Serve(const std::vector<std::string>& extra = {}, uint16_t port = 0);
  // SIGTERM and wait; the exit status.
  int Stop() { return serve_.Stop(); }
  // SIGKILL and reap.
  void Kill() { serve_.Kill(); }
  HubProcess& serve() { return serve_; }
  // https://127.0.0.1:PORT of serve.
  std::string url() const;

  // gongkai-station init --json at root/ID pinned to the hub, then
  // gongkai-hub station add; the station's directory (failures are test
  // failures).
  std::string AddStation(const std::string& id, const std::string& unit,
                         const StationOptions& options = {});
  // The administrator AddStation signs as (--as NAME); none: the hub's
  // only active administrator.
  void SignAs(std::string admin) { signer_ = std::move(admin); }
  // gongkai-station add (AddRowArgs(item) and `extra`) in dir; must exit 0.
  void AddRow(const std::string& dir, const std::string& item,
              const std::vector<std::string>& extra = {});

  // The program with args, run to the end (timeout 0: the town's).
  RunResult Hub(std::vector<std::string> args, std::chrono::milliseconds timeout = {});
  RunResult Station(std::vector<std::string> args, std::chrono::milliseconds timeout = {});
  RunResult Audit(std::vector<std::string> args, std::chrono::milliseconds timeout = {});
  RunResult Witness(std::vector<std::string> args, std::chrono::milliseconds timeout = {});

  // A county witness of this town's log (docs/witness.md): gongkai-witness
  // init at root/witness, add-log with the town's log key, serve on a free
  // port, then gongkai-hub witness add. Returns the witness key (type
  // 0x04); a fatal failure if a step fails.
  std::string AddWitness(const std::string& name = "county.example/witness");
  HubProcess& witness() { return witness_; }
  const std::string& witness_dir() const { return witness_dir_; }
  std::string witness_url() const { return "https://127.0.0.1:" + std::to_string(witness_.port()); }
  const std::string& witness_cert_sha256() const { return witness_cert_sha256_; }
  // With --json appended; a test failure unless it exits 0; the parsed
  // output (null when it failed).
  boost::json::value HubJson(std::vector<std::string> args);
  boost::json::value StationJson(std::vector<std::string> args);
  // The full argv (program first), e.g. for Spawn.
  std::vector<std::string> HubArgv(std::vector<std::string> args) const;
  std::vector<std::string> StationArgv(std::vector<std::string> args) const;

  const std::string& root() const { return root_; }
  // Where command output files go.
  const std::string& runs() const { return runs_; }
  const std::string& hub_dir() const { return hub_dir_; }
  std::string hub_db() const { return hub_dir_ + "/hub.db"; }
  const std::string& log_key() const { return log_key_; }
  const std::string& cert_sha256() const { return cert_sha256_; }
  const std::string& hub_bin() const { return hub_bin_; }
  const std::string& station_bin() const { return station_bin_; }
  const std::string& audit_bin() const { return audit_bin_; }

 private:
  RunResult Run(const std::string& bin, std::vector<std::string> args,
                std::chrono::milliseconds timeout);

  std::string root_, runs_;
  TownOptions options_;
  std::string hub_bin_, station_bin_, audit_bin_;
  std::string hub_dir_, log_key_, cert_sha256_;
  std::string signer_;
  HubProcess serve_;
  std::string witness_bin_, witness_dir_, witness_cert_sha256_;
  HubProcess witness_;
};

// A test with a town in a temporary directory whose hub is initialized
// and serving when the test body starts.
class TownTest : public ::testing::Test {
 protected:
  explicit TownTest(TownOptions options = {}) : town_(tmp_.path(), std::move(options)) {}
  void SetUp() override {
    town_.Init();
    ASSERT_FALSE(HasFatalFailure());
    ASSERT_TRUE(town_.Serve());
  }

  TempDir tmp_;
  Town town_;
};

// A town with one county witness, county.example/w1, serving on loopback;
// witness_key_ is its verifier key (for --witness-key).
class WitnessedTownTest : public TownTest {
 protected:
  void SetUp() override {
    TownTest::SetUp();
    ASSERT_FALSE(HasFatalFailure());
    witness_key_ = town_.AddWitness("county.example/w1");
    ASSERT_FALSE(witness_key_.empty());
  }

  std::string witness_key_;
};

}  // namespace gongkai::testing
