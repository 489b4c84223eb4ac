// Power loss at the points of the SIGKILL crash matrix (crash_matrix_test.cc),
// with the hub and a station in one process (in_process_town.h) on a SQLite
// VFS that drops every write not yet fsynced when the power goes
// (tests/testing/power_loss_vfs.h). For each point the operation runs once
// to count its writes, then again from the same starting files with the
// power cut after the 1st, …, Nth write. After each cut the files are put
// back as a disk holds them after the reboot, and:
//
//   - both stores open and pass their full checks (PRAGMA integrity_check,
//     the station's outbox chain, gongkai-hub check --full's CheckStore);
//   - nothing acknowledged is lost: an operation that returned OK before the
//     cut is there after it; a change set the station holds as accepted is
//     in the hub's log;
//   - nothing is applied twice or half: each step is all or nothing, and the
//     next ordinary step (sync, approve) brings everything to the end state.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <functional>
#include <string>

#include "hub/log/store_check.h"
#include "hub/review/approve.h"
#include "hub/review/review_store.h"
#include "station/store/station_store.h"
#include "tests/testing/in_process_town.h"
#include "tests/testing/power_loss_vfs.h"
#include "tests/testing/sample_rows.h"

namespace gongkai::testing {
namespace {

namespace fs = std::filesystem;

constexpr int kCutPoints = 12;  // cut points per operation (spread over its writes)

class PowerLossTest : public ::testing::Test {
 protected:
  void SetUp() override { vfs_ = &PowerLossVfs::Install(); }

  enum class Then { kNothing, kSync, kSyncAndApprove };
  // A town in `root`: hub, 红旗村 with `rows` rows added (pending), then
  // synced (pending at the hub) and approved if asked.
  void BuildTown(const std::string& root, int rows, Then then = Then::kNothing) {
    InProcessTown town(root);
    town.Start();
    Village v = town.AddVillage("hongqi-01", "红旗村");
    for (int i = 0; i < rows; ++i) town.Cli(v, AddRowArgs("事项" + std::to_string(i)));
    if (then != Then::kNothing) {
      ASSERT_TRUE(town.Sync(v).ok());
    }
    if (then == Then::kSyncAndApprove) {
      ASSERT_TRUE(ApproveAll(town).ok());
    }
  }
  static Village Hongqi(const std::string& root) {
    return Village{"hongqi-01", "红旗村", root + "/hongqi-01"};
  }
  static void Copy(const std::string& from, const std::string& to) {
    fs::remove_all(to);
    fs::copy(from, to, fs::copy_options::recursive);
  }
  static void Seal(const Village& v) {
    auto store = station::StationStore::Open(v.dir);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    ASSERT_TRUE(store->Seal(store->LoadKey().value(), "同步", 1700000100).ok());
  }
  static Status ApproveAll(InProcessTown& town) {
    hub::ApproveRequest req;
    req.all = true;
    req.now = 1700000200;
    return hub::Approve(town.db(), town.admin(), req).status();
  }

  // The checks after every reboot, and the next ordinary steps to the end.
  void ExpectSoundAfterReboot(InProcessTown& town, const Village& v) {
    Result<hub::StoreCheckReport> hub_check = hub::CheckStore(town.db(), true, nullptr);
    EXPECT_TRUE(hub_check.ok()) << hub_check.status().ToString();
    auto store = station::StationStore::Open(v.dir, station::OpenOptions{true});
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    EXPECT_TRUE(store->FullCheck().ok());
    // Acknowledged by the hub ⇒ in the hub's log.
    auto outbox = station::LoadOutbox(store->db());
    ASSERT_TRUE(outbox.ok());
    for (const auto& e : *outbox) {
      if (e.log_index) {
        auto at_hub = hub::FindLoggedChangeSet(town.db(), e.changeset_id);
        ASSERT_TRUE(at_hub.ok());
        EXPECT_TRUE(at_hub->has_value()) << "seq " << e.seq << " accepted, then lost by the hub";
      }
    }
  }

  // Runs `phase` once uncut from `start` (counting its writes), then with the
  // power cut at spread points; `check(town, village, acked)` after each reboot.
  void Matrix(const std::string& start,
              const std::function<Status(InProcessTown&, const Village&)>& phase,
              const std::function<void(InProcessTown&, const Village&, bool)>& check) {
    const std::string run = tmp_.path() + "/run";
    uint64_t writes = 0;
    {
      Copy(start, run);
      InProcessTown town(run);
      town.Open();
      const uint64_t before = vfs_->writes();
      ASSERT_TRUE(phase(town, Hongqi(run)).ok());
      writes = vfs_->writes() - before;
    }
    ASSERT_GT(writes, 0u);
    const uint64_t step = std::max<uint64_t>(1, writes / kCutPoints);
    int cuts = 0, acked_cuts = 0;
    for (uint64_t n = 1; n <= writes; n += step) {
      SCOPED_TRACE("power cut after write " + std::to_string(n) + " of " + std::to_string(writes));
      vfs_->SyncAll();
      Copy(start, run);
      bool acked = false;
      {
        InProcessTown town(run);
        town.Open();
        vfs_->Arm(n);
        acked = phase(town, Hongqi(run)).ok();
        town.Close();
      }
      cuts += vfs_->cut();
      acked_cuts += acked && vfs_->cut();
      vfs_->LosePower();
      vfs_->Disarm();
      InProcessTown town(run);
      town.Open();
      ExpectSoundAfterReboot(town, Hongqi(run));
      check(town, Hongqi(run), acked);
      if (HasFailure()) return;
    }
    EXPECT_GT(cuts, 0) << "the power never went out";
    std::cout << "[power loss] " << cuts << " cuts over " << writes << " writes (" << acked_cuts
              << " after the operation was acknowledged)\n";
  }

  PowerLossVfs* vfs_ = nullptr;
  TempDir tmp_;
};

// The VFS itself: a commit with synchronous=OFF (never fsynced) is gone after
// the power cut; with synchronous=FULL (as every store here opens) it stays.
TEST_F(PowerLossTest, TheVfsLosesExactlyWhatWasNotSynced) {
  for (const char* sync : {"OFF", "FULL"}) {
    SCOPED_TRACE(sync);
    const std::string path = tmp_.path() + "/t-" + sync + ".db";
    auto exec = [](sqlite3* db, const std::string& sql) {
      char* err = nullptr;
      int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err);
      EXPECT_EQ(rc, SQLITE_OK) << sql << ": " << (err ? err : "");
      sqlite3_free(err);
    };
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
    exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; CREATE TABLE t (x)");
    exec(db, std::string("PRAGMA synchronous=") + sync);
    exec(db, "INSERT INTO t VALUES (1)");  // committed
    vfs_->Arm(1);                          // the next write is the last
    char* err = nullptr;
    sqlite3_exec(db, "INSERT INTO t VALUES (2)", nullptr, nullptr, &err);  // fails
    sqlite3_free(err);
    sqlite3_close(db);
    EXPECT_TRUE(vfs_->cut());
    uint64_t rolled = vfs_->LosePower();
    vfs_->Disarm();
    ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
    sqlite3_stmt* st = nullptr;
    ASSERT_EQ(sqlite3_prepare_v2(db, "SELECT COUNT(*) FROM t", -1, &st, nullptr), SQLITE_OK);
    ASSERT_EQ(sqlite3_step(st), SQLITE_ROW);
    EXPECT_EQ(sqlite3_column_int(st, 0), std::string(sync) == "FULL" ? 1 : 0) << rolled;
    sqlite3_finalize(st);
    sqlite3_close(db);
  }
}

TEST_F(PowerLossTest, StationSeal) {
  const std::string start = tmp_.path() + "/start";
  BuildTown(start, 40);
  Matrix(
      start,
      [](InProcessTown&, const Village& v) -> Status {
        GK_ASSIGN_OR_RETURN(station::StationStore store, station::StationStore::Open(v.dir));
        GK_ASSIGN_OR_RETURN(PrivateKey key, store.LoadKey());
        return store.Seal(key, "同步", 1700000100).status();
      },
      [](InProcessTown& town, const Village& v, bool acked) {
        auto store = station::StationStore::Open(v.dir);
        ASSERT_TRUE(store.ok());
        auto st = store->LoadStatus();
        ASSERT_TRUE(st.ok());
        // All or nothing: the 40 rows' edits pending, or one change set of them.
        if (acked) {
          EXPECT_EQ(st->outbox, 1);
        }
        EXPECT_TRUE((st->outbox == 1 && st->pending_edits == 0) ||
                    (st->outbox == 0 && st->pending_edits > 0))
            << "outbox " << st->outbox << ", pending " << st->pending_edits;
        // The next sync delivers every row once.
        ASSERT_TRUE(town.Sync(v).ok());
        EXPECT_EQ(CountRows(town.hub_dir() + "/hub.db", "changesets"), 1);
        EXPECT_EQ(CountRows(town.hub_dir() + "/hub.db", "known_rows"), 40);
      });
}

TEST_F(PowerLossTest, StationPushAndHubIngest) {
  const std::string start = tmp_.path() + "/start";
  BuildTown(start, 3);
  Seal(Hongqi(start));
  {
    InProcessTown town(start);
    town.Open();
    town.Cli(Hongqi(start), AddRowArgs("低保对象名单"));
  }
  Seal(Hongqi(start));
  Matrix(
      start, [](InProcessTown& town, const Village& v) { return town.Sync(v); },
      [](InProcessTown& town, const Village& v, bool acked) {
        const std::string db = town.hub_dir() + "/hub.db";
        if (acked) {
          EXPECT_EQ(CountRows(db, "changesets"), 2);
        }
        ASSERT_TRUE(town.Sync(v).ok());
        EXPECT_EQ(CountRows(db, "changesets"), 2) << "each change set once";
        auto store = station::StationStore::Open(v.dir);
        ASSERT_TRUE(store.ok());
        EXPECT_EQ(store->LoadStatus()->unsent, 0);
      });
}

TEST_F(PowerLossTest, HubApprove) {
  const std::string start = tmp_.path() + "/start";
  BuildTown(start, 5, Then::kSync);
  Matrix(
      start, [](InProcessTown& town, const Village&) { return ApproveAll(town); },
      [](InProcessTown& town, const Village& v, bool acked) {
        auto head = hub::LatestVersion(town.db());
        ASSERT_TRUE(head.ok());
        if (acked) {
          EXPECT_EQ(head->version, 1u);
        }
        EXPECT_LE(head->version, 1u);
        if (head->version == 0) {
          ASSERT_TRUE(ApproveAll(town).ok());
        }
        ASSERT_TRUE(town.Sync(v).ok());
        auto store = station::StationStore::Open(v.dir);
        ASSERT_TRUE(store.ok());
        EXPECT_EQ(store->LoadApproved()->hash, hub::LatestVersion(town.db())->hash);
      });
}

TEST_F(PowerLossTest, StationPullAndApply) {
  const std::string start = tmp_.path() + "/start";
  BuildTown(start, 5, Then::kSyncAndApprove);
  Matrix(
      start, [](InProcessTown& town, const Village& v) { return town.Sync(v); },
      [](InProcessTown& town, const Village& v, bool acked) {
        auto held = [&] {
          auto store = station::StationStore::Open(v.dir);
          EXPECT_TRUE(store.ok());
          return store->LoadApproved().value();
        };
        const Hash32 hub_hash = hub::LatestVersion(town.db())->hash;
        if (acked) {
          EXPECT_EQ(held().hash, hub_hash);
        }
        EXPECT_TRUE(held().version == 0 || held().hash == hub_hash) << "half applied";
        ASSERT_TRUE(town.Sync(v).ok());
        EXPECT_EQ(held().hash, hub_hash);
        EXPECT_EQ(held().version, 1u);
      });
}

}  // namespace
}  // namespace gongkai::testing
