// Shared helpers of the station tests: a fresh initialized store, the
// gongkai-station CLI run in-process, and a fingerprint of everything the
// store holds (to assert that a refused action wrote nothing). Their
// namespace, gongkai::station::testing, also sees the shared testing
// library (gongkai::testing: processes, temporary folders, workbooks), so
// a test file says `using namespace testing;` once instead of a list.
#pragma once

#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "station/app/run.h"
#include "station/store/station_store.h"
#include "tests/testing/temp_dir.h"

namespace gongkai::testing {}

namespace gongkai::station::testing {

using namespace ::gongkai::testing;  // NOLINT(google-build-using-namespace)

inline constexpr char kStationId[] = "hongqi-01";
inline constexpr char kUnit[] = "红旗村";
inline constexpr int64_t kNow = 1700000000;

inline StationStore InitStore(const std::string& dir) {
  InitRequest req;
  req.dir = dir;
  req.station_id = kStationId;
  req.unit = kUnit;
  req.now = kNow;
  auto store = StationStore::Init(req);
  EXPECT_TRUE(store.ok()) << store.status().ToString();
  return std::move(store).value();
}

struct CliResult {
  int code = 0;
  std::string out;
  std::string err;
};

inline CliResult RunCli(const std::vector<std::string>& args, const std::string& env_dir = "") {
  std::ostringstream out, err;
  CliEnv env;
  env.gongkai_dir = env_dir;
  env.now = kNow;
  CliResult r;
  r.code = RunStationCli(args, out, err, env);
  r.out = out.str();
  r.err = err.str();
  return r;
}

// Counts of every table and the station row: equal before and after a
// refused action means nothing was written.
inline std::string StoreFingerprint(const std::string& dir) {
  auto store = StationStore::Open(dir);
  if (!store.ok()) return "unopenable: " + store.status().ToString();
  std::string fp;
  for (const char* sql :
       {"SELECT count(*) FROM actions", "SELECT count(*) FROM edits",
        "SELECT count(*) FROM edits WHERE state = 'pending'", "SELECT count(*) FROM outbox",
        "SELECT count(*) FROM approved_rows",
        "SELECT coalesce(hub_url,'-') || coalesce(hub_key,'-') || coalesce(hub_cert_sha256,'-') "
        "|| catalog_version FROM station"}) {
    auto st = store->db().Prepare(sql);
    if (!st.ok() || !st->Step().ok()) return "query failed";
    fp += st->ColumnText(0) + "|";
  }
  return fp;
}

}  // namespace gongkai::station::testing
