// The crash matrix (issue #10): REAL processes are killed with SIGKILL at
// random moments at nine points, many times each, in one long-lived town
// (a `gongkai-hub serve`, three stations):
//
//   hub:ingest      serve, while three `gongkai-station sync` upload
//   hub:checkpoint  serve, while clients GET /v1/checkpoint on a log that
//                   grows (checkpoints are signed lazily, on request)
//   hub:backup      `sqlite3 hub.db ".backup …"` (docs/operations.md), while
//                   serve ingests
//   hub:approve     `gongkai-hub approve --all`, while a station uploads
//   station:seal    `gongkai-station seal` of 40 pending edits
//   station:push    `gongkai-station sync` with two unsent change sets
//   station:pull    `gongkai-station sync` fetching a newly approved version
//   station:apply   the same, with the kill drawn from the later half of the
//                   run (verifying and applying the answer)
//   station:reseal  `gongkai-station sync` of a second computer of 红旗村
//                   whose first change set copies rows the first computer
//                   uploaded (refused: row_exists) with 20 more behind it:
//                   the kill lands while the refused one is returned and the
//                   rest re-sealed and sent (docs/station-sync.md); the round
//                   is then finished (exit 8) and the copies discarded, so
//                   the checks below hold as at every other point
//
// After every kill the killed program is started again (serve restarted,
// approve run again) and the town is checked:
//   integrity  PRAGMA integrity_check of hub.db, full check (integrity +
//              outbox chain) of every station store
//   acked      nothing acknowledged is lost: every change set a station
//              recorded as accepted/approved is in the hub with the same id
//              and log index; every receipt a finished sync printed; every
//              version a finished approve printed (same hash); every
//              checkpoint a client received opens with the log key and
//              matches the hub's tree at its size; every finished backup is
//              a sound copy
//   no-dup     nothing applied twice: log indexes gapless, no log entry
//              twice, one change-set entry per accepted change set, one
//              approval entry per version, versions gapless; each station's
//              outbox seqs 1..n and the hub's change sets of that station
//              are exactly its own (same id per seq)
//   audit      `gongkai-audit verify` against the restarted hub, with one
//              --state file kept over the whole run (the log only grows)
//   converge   after `sync` of every station, each holds the hub's latest
//              approved catalog (version and hash), nothing left unsent
// The kill moments are random (seeded: GONGKAI_CRASH_SEED reproduces a
// run); the checks hold for every moment, so there is no timing assertion.
// The delay bound adapts (grows after kills that came too late, shrinks
// otherwise) so kills keep landing inside the program's run.
//
// GONGKAI_CRASH_KILLS=N kills per point (default 5, for CI);
// GONGKAI_CRASH_TABLE=FILE also writes the table as Markdown.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <random>
#include <set>
#include <span>
#include <thread>

#include "core/base/hex.h"
#include "core/crypto/verifier_key.h"
#include "core/log/checkpoint.h"
#include "core/log/merkle.h"
#include "station/store/station_store.h"
#include "tests/e2e/crash_matrix_town.h"
#include "tests/testing/temp_dir.h"

namespace gongkai::crash_matrix {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

const char* const kChecks[] = {"integrity", "acked", "no-dup", "audit", "converge"};
constexpr int kNumChecks = 5;

struct PointStats {
  std::string name;
  std::string what;
  int kills = 0;
  int mid_run = 0;  // the killed program had not finished yet
  int passed[kNumChecks] = {};
  int run[kNumChecks] = {};
};

// A spawned program that can be polled, waited for and killed.
class Proc {
 public:
  Proc(const std::vector<std::string>& argv, const std::string& base)
      : out_(base + ".out"), err_(base + ".err") {
    pid_ = testing::Spawn(argv, out_, err_);
    EXPECT_GT(pid_, 0) << argv[0];
  }
  ~Proc() {
    if (!reaped_ && pid_ > 0) {
      kill(pid_, SIGKILL);
      Wait();
    }
  }
  // True if it has exited (reaps it).
  bool Exited() {
    if (reaped_) return true;
    int st = 0;
    if (waitpid(pid_, &st, WNOHANG) == pid_) Record(st);
    return reaped_;
  }
  void Kill() {
    if (!Exited()) kill(pid_, SIGKILL);
  }
  int Wait() {
    if (!reaped_) {
      int code = testing::WaitExit(pid_, std::chrono::seconds(120));
      reaped_ = true;
      code_ = code;
    }
    return code_;
  }
  // Exited on its own with status 0 before any kill.
  bool FinishedOk() const { return finished_before_kill_ && code_ == 0; }
  void MarkKillMoment() { finished_before_kill_ = Exited(); }
  bool finished_before_kill() const { return finished_before_kill_; }
  std::string out() const { return ReadText(out_); }
  std::string err() const { return ReadText(err_); }

 private:
  void Record(int st) {
    reaped_ = true;
    code_ = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
  }
  pid_t pid_ = -1;
  bool reaped_ = false;
  bool finished_before_kill_ = false;
  int code_ = -1;
  std::string out_, err_;
};

// Random delays in [lo_frac·upper, upper]; the bound follows the program's
// current speed.
struct Window {
  double upper = 0.3;
  double lo_frac = 0;
  double Draw(std::mt19937_64& rng) {
    return std::uniform_real_distribution<double>(lo_frac * upper, upper)(rng);
  }
  void Adapt(bool finished_before_kill) {
    upper *= finished_before_kill ? 0.85 : 1.15;
    upper = std::clamp(upper, 0.005, 20.0);
  }
};

double Since(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}
void Sleep(double s) { std::this_thread::sleep_for(std::chrono::duration<double>(s)); }

struct Receipt {
  std::string station;
  int64_t seq;
  std::string id;
};

// What programs told their users before being killed — each must survive.
struct Evidence {
  std::vector<Receipt> receipts;                           // finished syncs
  std::vector<std::pair<int64_t, std::string>> approvals;  // finished approves
  std::vector<std::string> checkpoints;                    // notes clients received
};

class CrashMatrixTest : public ::testing::Test {
 protected:
  void SetUp() override {
    signal(SIGPIPE, SIG_IGN);
    const char* k = std::getenv("GONGKAI_CRASH_KILLS");
    kills_ = k ? std::max(1, std::atoi(k)) : 5;
    const char* s = std::getenv("GONGKAI_CRASH_SEED");
    seed_ = s ? std::strtoull(s, nullptr, 10) : std::random_device{}();
    rng_.seed(seed_);
    RecordProperty("seed", std::to_string(seed_));
    std::printf("[ crash    ] seed %llu (GONGKAI_CRASH_SEED reproduces), %d kills per point\n",
                static_cast<unsigned long long>(seed_), kills_);
    town_ = std::make_unique<ProcessTown>(tmp_.path());
    ASSERT_TRUE(town_->Built());
    town_->Init({{"hongqi-01", "红旗村"}, {"dongfeng-01", "东风村"}, {"xiangyang-01", "向阳村"}});
    audit_state_ = tmp_.path() + "/audit.state";
  }

  StationDir& St(int i) { return town_->stations()[static_cast<size_t>(i) % 3]; }
  std::string Base() { return town_->runs() + "/p" + std::to_string(++procs_); }

  // Syncs with receipts recorded as evidence when they finished with 0.
  void Collect(Proc& p, const std::string& station) {
    if (!p.FinishedOk()) return;
    CollectReceipts(p.out(), station);
  }
  void CollectReceipts(const std::string& out, const std::string& station) {
    boost::system::error_code ec;
    boost::json::value v = boost::json::parse(out, ec);
    if (ec || !v.is_object()) {
      ADD_FAILURE() << "sync printed no JSON: " << out;
      return;
    }
    for (const auto& r : v.as_object().at("receipts").as_array()) {
      const auto& o = r.as_object();
      std::string status(o.at("status").as_string());
      if (status == "accepted" || status == "duplicate") {
        evidence_.receipts.push_back(
            {station, o.at("seq").as_int64(), std::string(o.at("id").as_string())});
      }
    }
  }

  // ---- the checks -------------------------------------------------------

  std::string CheckIntegrity() {
    std::string hub = IntegrityCheck(town_->hub_db());
    if (hub != "ok") return "hub.db: " + hub;
    for (StationDir& s : town_->stations()) {
      auto store = station::StationStore::Open(s.dir, station::OpenOptions{true});
      if (!store.ok()) return s.id + ": " + store.status().ToString();
      Status full = store->FullCheck();
      if (!full.ok()) return s.id + ": " + full.ToString();
    }
    return "";
  }

  std::string CheckAcknowledged() {
    SqlFile hub(town_->hub_db());
    std::map<std::pair<std::string, int64_t>, std::pair<std::string, std::string>> at_hub;
    for (auto& r : hub.Rows("SELECT station, seq, id, log_index FROM changesets")) {
      at_hub[{r[0], std::stoll(r[1])}] = {r[2], r[3]};
    }
    for (StationDir& s : town_->stations()) {
      SqlFile db(s.dir + "/station.db");
      for (auto& r : db.Rows("SELECT seq, changeset_id, log_index, state, approved_version "
                             "FROM outbox WHERE state IN ('accepted', 'approved')")) {
        auto it = at_hub.find({s.id, std::stoll(r[0])});
        if (it == at_hub.end()) return s.id + " seq " + r[0] + " (" + r[3] + ") lost at the hub";
        if (it->second.first != r[1]) return s.id + " seq " + r[0] + ": another id at the hub";
        if (!r[2].empty() && it->second.second != r[2]) {
          return s.id + " seq " + r[0] + ": receipt log index " + r[2] + " but hub has " +
                 it->second.second;
        }
        if (r[3] == "approved") {
          std::string v = hub.Text(
              "SELECT version FROM decisions WHERE decision = 'approved' "
              "AND changeset = x'" +
              r[1] + "'");
          // The station records the version it learned the approval in
          // (versions pulled together carry the newest): never earlier.
          if (v.empty() || r[4].empty() || std::stoll(r[4]) < std::stoll(v)) {
            return s.id + " seq " + r[0] + " approved in " + r[4] + ", hub: " + v;
          }
        }
      }
    }
    for (const Receipt& r : evidence_.receipts) {
      auto it = at_hub.find({r.station, r.seq});
      if (it == at_hub.end() || it->second.first != r.id) {
        return "a receipt printed by sync is lost: " + r.station + " seq " + std::to_string(r.seq);
      }
    }
    for (const auto& [version, hash] : evidence_.approvals) {
      std::string h =
          hub.Text("SELECT hash FROM versions WHERE version = " + std::to_string(version));
      if (h != hash) return "approved version " + std::to_string(version) + " lost or changed";
    }
    // Checkpoints the hub handed out: signed by the log key, over the tree
    // the hub (still) has, naming the catalog version it had.
    if (!evidence_.checkpoints.empty()) {
      Result<VerifierKey> key = ParseVerifierKey(town_->log_key());
      if (!key.ok()) return "log key: " + key.status().ToString();
      std::vector<Hash32> leaves = LeafHashes();
      for (const std::string& note : evidence_.checkpoints) {
        Result<Checkpoint> cp = OpenCheckpoint(note, *key, "crash.example/gongkai");
        if (!cp.ok()) return "a served checkpoint does not open: " + cp.status().ToString();
        if (cp->size > leaves.size()) {
          return "a served checkpoint of size " + std::to_string(cp->size) +
                 " is beyond the log (" + std::to_string(leaves.size()) + ")";
        }
        Hash32 root = RootFromLeafHashes(std::span<const Hash32>(leaves.data(), cp->size));
        if (root != cp->root) return "a served checkpoint's root differs at its size";
        if (cp->catalog_version > 0) {
          std::string h = hub.Text("SELECT hash FROM versions WHERE version = " +
                                   std::to_string(cp->catalog_version));
          if (h != HexEncode(cp->catalog_hash)) return "a served checkpoint names a lost version";
        }
      }
      checkpoints_checked_ += evidence_.checkpoints.size();
      evidence_.checkpoints.clear();  // the log is append-only: checked once is enough
    }
    return "";
  }

  std::vector<Hash32> LeafHashes() {
    SqlFile db(town_->hub_db());
    std::vector<Hash32> out;
    sqlite3_stmt* st = nullptr;
    sqlite3_prepare_v2(db.raw(), "SELECT idx, entry FROM log_entries ORDER BY idx", -1, &st,
                       nullptr);
    while (sqlite3_step(st) == SQLITE_ROW) {
      out.push_back(LeafHash(static_cast<const uint8_t*>(sqlite3_column_blob(st, 1)),
                             static_cast<size_t>(sqlite3_column_bytes(st, 1))));
    }
    sqlite3_finalize(st);
    return out;
  }

  std::string CheckNoDuplicates() {
    SqlFile hub(town_->hub_db());
    auto expect = [&](const std::string& sql, int64_t want, const std::string& what) {
      int64_t got = hub.Int(sql);
      return got == want ? std::string() : what + " (" + std::to_string(got) + ")";
    };
    int64_t entries = hub.Int("SELECT count(*) FROM log_entries");
    std::string e;
    if (!(e = expect("SELECT coalesce(max(idx), -1) + 1 FROM log_entries", entries,
                     "log indexes have a gap"))
             .empty() ||
        !(e = expect("SELECT count(*) FROM (SELECT entry FROM log_entries GROUP BY entry "
                     "HAVING count(*) > 1)",
                     0, "a log entry is there twice"))
             .empty() ||
        !(e = expect("SELECT count(*) FROM log_entries WHERE kind = 4",
                     hub.Int("SELECT count(*) FROM changesets"),
                     "change-set entries differ from accepted change sets"))
             .empty() ||
        !(e = expect("SELECT count(*) FROM log_entries WHERE kind = 5",
                     hub.Int("SELECT count(*) FROM versions"),
                     "approval entries differ from versions"))
             .empty() ||
        !(e = expect("SELECT coalesce(max(version), 0) FROM versions",
                     hub.Int("SELECT count(*) FROM versions"), "versions have a gap"))
             .empty() ||
        !(e = expect("SELECT count(*) FROM decisions WHERE decision = 'approved'",
                     hub.Int("SELECT coalesce(sum(changesets), 0) FROM versions"),
                     "approved change sets differ from what the versions include"))
             .empty()) {
      return e;
    }
    for (StationDir& s : town_->stations()) {
      SqlFile db(s.dir + "/station.db");
      if (db.Int("SELECT count(*) FROM outbox") !=
          db.Int("SELECT coalesce(max(seq), 0) FROM outbox")) {
        return s.id + ": outbox seqs have a gap";
      }
      std::map<int64_t, std::string> mine;
      for (auto& r : db.Rows("SELECT seq, changeset_id FROM outbox")) mine[std::stoll(r[0])] = r[1];
      for (auto& r : hub.Rows("SELECT seq, id FROM changesets WHERE station = '" + s.id + "'")) {
        auto it = mine.find(std::stoll(r[0]));
        if (it == mine.end() || it->second != r[1]) {
          return s.id + " seq " + r[0] + " at the hub is not the station's change set";
        }
      }
    }
    return "";
  }

  std::string CheckAudit() {
    RunResult r = RunProgram(
        {town_->audit_bin(), "verify", "--hub", town_->url(), "--hub-cert-sha256",
         town_->cert_sha256(), "--hub-key", town_->log_key(), "--state", audit_state_, "--quiet"},
        town_->runs(), std::chrono::seconds(120));
    return r.exit_code == 0
               ? ""
               : "gongkai-audit verify exit " + std::to_string(r.exit_code) + ": " + r.err;
  }

  std::string CheckConverge() {
    for (StationDir& s : town_->stations()) {
      RunResult r = town_->Sync(s);
      if (r.exit_code != 0)
        return s.id + " sync exit " + std::to_string(r.exit_code) + ": " + r.err;
      CollectReceipts(r.out, s.id);
    }
    SqlFile hub(town_->hub_db());
    std::string version = hub.Text("SELECT coalesce(max(version), 0) FROM versions");
    std::string hash = hub.Text("SELECT hash FROM versions ORDER BY version DESC LIMIT 1");
    for (StationDir& s : town_->stations()) {
      SqlFile db(s.dir + "/station.db");
      auto row = db.Rows("SELECT catalog_version, catalog_hash FROM station");
      if (row.empty() || row[0][0] != version || (version != "0" && row[0][1] != hash)) {
        return s.id + " holds version " + (row.empty() ? "?" : row[0][0]) + ", hub " + version;
      }
      int64_t unsent = db.Int("SELECT count(*) FROM outbox WHERE state IN ('sealed', 'sent')");
      if (unsent != 0) return s.id + ": " + std::to_string(unsent) + " change sets still unsent";
      if (db.Int("SELECT count(*) FROM edits WHERE state = 'pending'") != 0) {
        return s.id + ": pending edits after sync";
      }
    }
    return "";
  }

  // Runs the five checks (acknowledged and no-dup once before the stations
  // sync again, once after) and counts them for `p`.
  void CheckAll(PointStats& p, int kill) {
    auto count = [&](int c, const std::string& failure) {
      ++p.run[c];
      if (failure.empty()) {
        ++p.passed[c];
      } else {
        ADD_FAILURE() << p.name << " kill " << kill << ", check " << kChecks[c] << ": " << failure;
      }
    };
    count(0, CheckIntegrity());
    std::string acked = CheckAcknowledged();
    std::string nodup = CheckNoDuplicates();
    std::string converge = CheckConverge();
    if (acked.empty()) acked = CheckAcknowledged();
    if (nodup.empty()) nodup = CheckNoDuplicates();
    count(1, acked);
    count(2, nodup);
    count(3, CheckAudit());
    count(4, converge);
  }

  // ---- the points -------------------------------------------------------

  void HubIngest(PointStats& p, Window& w) {
    for (int i = 0; i < kills_; ++i) {
      for (int s = 0; s < 3; ++s) town_->Import(St(s), 3);
      town_->Seal(St(i));
      town_->Import(St(i), 3);  // sealed by sync itself
      RestartHubAndCheck(p, w, SyncAllUntilHubKilled(w), i);
    }
  }

  // Starts a sync at each of the three stations, kills the hub after a drawn
  // moment (then runs after_kill), waits for the syncs and collects what they
  // said. True when all three had finished before the kill.
  bool SyncAllUntilHubKilled(Window& w, const std::function<void()>& after_kill = {}) {
    std::vector<std::unique_ptr<Proc>> syncs;
    for (int s = 0; s < 3; ++s) {
      syncs.push_back(std::make_unique<Proc>(town_->SyncArgv(St(s)), Base()));
    }
    Sleep(w.Draw(rng_));
    bool all_done = true;
    for (auto& sp : syncs) {
      sp->MarkKillMoment();
      all_done = all_done && sp->finished_before_kill();
    }
    town_->KillHub();
    if (after_kill) after_kill();
    for (int s = 0; s < 3; ++s) {
      syncs[s]->Wait();
      Collect(*syncs[s], St(s).id);
    }
    return all_done;
  }

  // Counts the kill, restarts the hub and checks every invariant.
  void RestartHubAndCheck(PointStats& p, Window& w, bool all_done, int i) {
    ++p.kills;
    p.mid_run += !all_done;
    w.Adapt(all_done);
    town_->RestartHub();
    CheckAll(p, i);
  }

  void HubCheckpoint(PointStats& p, Window& w) {
    for (int i = 0; i < kills_; ++i) {
      for (int s = 0; s < 3; ++s) town_->Import(St(s), 3);
      std::atomic<bool> stop{false};
      std::vector<std::vector<std::string>> got(2);
      std::vector<std::thread> readers;
      uint16_t port = town_->serve().port();
      for (int r = 0; r < 2; ++r) {
        readers.emplace_back([&, r] {
          while (!stop) {
            testing::TlsClient c;
            if (!c.Connect(port) ||
                !c.Write("GET /v1/checkpoint HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: "
                         "close\r\n\r\n")) {
              Sleep(0.002);
              continue;
            }
            std::string resp = c.ReadUntilClose(2000);
            size_t body = resp.find("\r\n\r\n");
            if (resp.starts_with("HTTP/1.1 200") && body != std::string::npos) {
              got[r].push_back(resp.substr(body + 4));
            }
          }
        });
      }
      bool all_done = SyncAllUntilHubKilled(w, [&] {
        stop = true;
        for (std::thread& t : readers) t.join();
      });
      for (auto& g : got)
        evidence_.checkpoints.insert(evidence_.checkpoints.end(), g.begin(), g.end());
      served_checkpoints_ += got[0].size() + got[1].size();
      RestartHubAndCheck(p, w, all_done, i);
    }
  }

  void HubBackup(PointStats& p, Window& w) {
    std::string last_complete;
    for (int i = 0; i < kills_; ++i) {
      for (int s = 0; s < 3; ++s) town_->Import(St(s), 3);
      int64_t entries_before = SqlFile(town_->hub_db()).Int("SELECT count(*) FROM log_entries");
      std::string dest = town_->runs() + "/backup-" + std::to_string(i) + ".db";
      std::vector<std::unique_ptr<Proc>> syncs;
      for (int s = 0; s < 3; ++s) {
        syncs.push_back(std::make_unique<Proc>(town_->SyncArgv(St(s)), Base()));
      }
      Proc backup({"sqlite3", town_->hub_db(), ".backup '" + dest + "'"}, Base());
      Sleep(w.Draw(rng_));
      backup.MarkKillMoment();
      backup.Kill();
      backup.Wait();
      for (int s = 0; s < 3; ++s) {
        syncs[s]->Wait();
        if (syncs[s]->Wait() == 0) CollectReceipts(syncs[s]->out(), St(s).id);
      }
      ++p.kills;
      p.mid_run += !backup.finished_before_kill();
      w.Adapt(backup.finished_before_kill());
      // The copy: whatever is left must open soundly (an interrupted copy
      // rolls back to nothing); a finished one holds everything logged
      // before it started.
      if (fs::exists(dest)) {
        std::string ic = IntegrityCheck(dest);
        EXPECT_EQ(ic, "ok") << "backup " << i;
        if (backup.FinishedOk()) {
          SqlFile copy(dest);
          EXPECT_GE(copy.Int("SELECT count(*) FROM log_entries"), entries_before);
          last_complete = dest;
          ++backups_complete_;
        }
      } else {
        EXPECT_FALSE(backup.FinishedOk()) << "a finished backup left no file";
      }
      CheckAll(p, i);
    }
    // Restore the newest finished copy as docs/operations.md says and audit it.
    if (!last_complete.empty()) {
      std::string rd = tmp_.path() + "/restored";
      fs::create_directories(rd);
      fs::copy_file(last_complete, rd + "/hub.db");
      for (const char* f : {"log.key", "tls.key", "tls.crt"}) {
        fs::copy_file(town_->hub_dir() + "/" + f, rd + "/" + f);
      }
      fs::copy(town_->hub_dir() + "/admins", rd + "/admins", fs::copy_options::recursive);
      HubProcess restored;
      ASSERT_TRUE(restored.Start(rd));
      RunResult r =
          RunProgram({town_->audit_bin(), "verify", "--hub", restored.url(""), "--hub-cert-sha256",
                      town_->cert_sha256(), "--hub-key", town_->log_key(), "--quiet"},
                     town_->runs());
      EXPECT_EQ(r.exit_code, 0) << "the restored backup does not audit: " << r.err;
      restored_ok_ = r.exit_code == 0;
      restored.Stop();
    }
  }

  void HubApprove(PointStats& p, Window& w) {
    for (int i = 0; i < kills_; ++i) {
      town_->Import(St(i), 3);
      RunResult fed = town_->Sync(St(i));
      EXPECT_EQ(fed.exit_code, 0) << fed.err;
      if (fed.exit_code == 0) CollectReceipts(fed.out, St(i).id);
      town_->Import(St(i + 1), 3);
      Proc approve(town_->HubArgv({"approve", "--dir", town_->hub_dir(), "--all", "--json",
                                   "--note", "崩溃测试"}),
                   Base());
      Proc sync(town_->SyncArgv(St(i + 1)), Base());
      Sleep(w.Draw(rng_));
      approve.MarkKillMoment();
      approve.Kill();
      approve.Wait();
      sync.Wait();
      if (sync.Wait() == 0) CollectReceipts(sync.out(), St(i + 1).id);
      ++p.kills;
      p.mid_run += !approve.finished_before_kill();
      w.Adapt(approve.finished_before_kill());
      if (approve.finished_before_kill()) {
        EXPECT_EQ(approve.Wait(), 0) << approve.err();
        if (approve.FinishedOk()) {
          auto o = boost::json::parse(approve.out()).as_object();
          evidence_.approvals.emplace_back(o["version"].as_int64(),
                                           std::string(o["hash"].as_string()));
        }
      }
      // Restart: the administrator runs approve again.
      EXPECT_TRUE(town_->ApproveAll(&evidence_.approvals));
      CheckAll(p, i);
    }
  }

  void StationSeal(PointStats& p, Window& w) {
    for (int i = 0; i < kills_; ++i) {
      town_->Import(St(i), 40);
      Proc seal(town_->StationArgv({"seal", "--dir", St(i).dir}), Base());
      Sleep(w.Draw(rng_));
      seal.MarkKillMoment();
      seal.Kill();
      seal.Wait();
      ++p.kills;
      p.mid_run += !seal.finished_before_kill();
      w.Adapt(seal.finished_before_kill());
      CheckAll(p, i);
    }
  }

  // Station i syncs and is killed after a drawn moment; what it said is
  // collected and every invariant checked.
  void KillSyncAndCheck(PointStats& p, Window& w, int i) {
    Proc sync(town_->SyncArgv(St(i)), Base());
    Sleep(w.Draw(rng_));
    sync.MarkKillMoment();
    sync.Kill();
    sync.Wait();
    Collect(sync, St(i).id);
    ++p.kills;
    p.mid_run += !sync.finished_before_kill();
    w.Adapt(sync.finished_before_kill());
    CheckAll(p, i);
  }

  void StationPush(PointStats& p, Window& w) {
    for (int i = 0; i < kills_; ++i) {
      town_->Import(St(i), 3);
      town_->Seal(St(i));
      town_->Import(St(i), 3);
      town_->Seal(St(i));
      KillSyncAndCheck(p, w, i);
    }
  }

  // station:reseal (see the top of the file).
  void StationReseal(PointStats& p, Window& w) {
    town_->AddStation("hongqi-02", St(0).unit);
    ASSERT_FALSE(HasFailure());
    for (int i = 0; i < kills_; ++i) {
      StationDir& twin = town_->stations().back();
      town_->Import(St(0), 3);
      RunResult fed = town_->Sync(St(0));
      EXPECT_EQ(fed.exit_code, 0) << fed.err;
      if (fed.exit_code == 0) CollectReceipts(fed.out, St(0).id);
      // The village's own rows of the first computer's export.
      std::string all = town_->runs() + "/office-all-" + std::to_string(i) + ".csv";
      ASSERT_EQ(town_->Station({"export", "--dir", St(0).dir, all}).exit_code, 0);
      std::ifstream in(all);
      std::string line, own;
      for (int n = 0; std::getline(in, line); ++n) {
        if (n == 0 || line.find(St(0).unit) != std::string::npos) own += line + "\n";
      }
      std::string csv = town_->runs() + "/office-" + std::to_string(i) + ".csv";
      std::ofstream(csv) << own;
      RunResult copied = town_->Station({"import", "--dir", twin.dir, csv});
      ASSERT_EQ(copied.exit_code, 0) << copied.err;
      town_->Seal(twin);
      for (int k = 0; k < 20; ++k) {
        town_->Import(twin, 1);
        town_->Seal(twin);
      }
      Proc sync(town_->SyncArgv(twin), Base());
      Sleep(w.Draw(rng_));
      sync.MarkKillMoment();
      sync.Kill();
      sync.Wait();
      ++p.kills;
      p.mid_run += !sync.finished_before_kill();
      w.Adapt(sync.finished_before_kill());
      // The round finished by the next sync: the copies are held (8), the
      // rest delivered; the clerk gives the copies up.
      RunResult done = town_->Sync(twin);
      EXPECT_EQ(done.exit_code, 8) << done.out << done.err;
      if (done.exit_code == 8) CollectReceipts(done.out, twin.id);
      RunResult discard = town_->Station({"discard", "--dir", twin.dir, "--held"});
      EXPECT_EQ(discard.exit_code, 0) << discard.err;
      CheckAll(p, i);
    }
  }

  // A new version (rows of another station) for station i to pull.
  void StationPull(PointStats& p, Window& w, int rows) {
    for (int i = 0; i < kills_; ++i) {
      town_->Import(St(i + 1), rows);
      RunResult fed = town_->Sync(St(i + 1));
      EXPECT_EQ(fed.exit_code, 0) << fed.err;
      if (fed.exit_code == 0) CollectReceipts(fed.out, St(i + 1).id);
      EXPECT_TRUE(town_->ApproveAll(&evidence_.approvals));
      KillSyncAndCheck(p, w, i);
    }
  }

  double TimeIt(const std::function<void()>& f) {
    auto t = Clock::now();
    f();
    return Since(t);
  }

  TempDir tmp_;
  std::unique_ptr<ProcessTown> town_;
  std::mt19937_64 rng_;
  uint64_t seed_ = 0;
  int kills_ = 5;
  int procs_ = 0;
  std::string audit_state_;
  Evidence evidence_;
  size_t served_checkpoints_ = 0, checkpoints_checked_ = 0;
  int backups_complete_ = 0;
  bool restored_ok_ = false;
};

TEST_F(CrashMatrixTest, EveryPointSurvivesRandomSigkills) {
  auto t0 = Clock::now();
  // A town with an approved version 1 everywhere; the baselines size the
  // first kill windows.
  for (int s = 0; s < 3; ++s) town_->Import(St(s), 20);
  double seal_s = TimeIt([&] { town_->Seal(St(0)); });
  double sync_s = 0;
  for (int s = 0; s < 3; ++s) {
    sync_s = std::max(sync_s, TimeIt([&] {
                        RunResult r = town_->Sync(St(s));
                        ASSERT_EQ(r.exit_code, 0) << r.err;
                      }));
  }
  double approve_s = TimeIt([&] { ASSERT_TRUE(town_->ApproveAll(&evidence_.approvals)); });
  for (int s = 0; s < 3; ++s) ASSERT_EQ(town_->Sync(St(s)).exit_code, 0);
  double backup_s = TimeIt([&] {
    RunResult r =
        RunProgram({"sqlite3", town_->hub_db(), ".backup '" + town_->runs() + "/backup-base.db'"},
                   town_->runs());
    ASSERT_EQ(r.exit_code, 0) << r.err << " (apt-get install sqlite3)";
  });
  ASSERT_EQ(CheckAudit(), "");

  std::vector<PointStats> points = {
      {"hub:ingest", "serve, 3 stations uploading"},
      {"hub:checkpoint", "serve, clients GET /v1/checkpoint, log growing"},
      {"hub:backup", "sqlite3 .backup while serve ingests"},
      {"hub:approve", "gongkai-hub approve --all"},
      {"station:seal", "gongkai-station seal (40 edits)"},
      {"station:push", "gongkai-station sync, 2 unsent change sets"},
      {"station:pull", "gongkai-station sync, new version to fetch"},
      {"station:apply", "same, kill in the later half (verify+apply)"},
      {"station:reseal", "gongkai-station sync, 1 refused + 20 re-sealed"},
  };
  Window ingest{sync_s * 1.5}, checkpoint{sync_s * 1.5}, backup{backup_s * 1.5},
      approve{approve_s * 1.5}, seal{seal_s * 2}, push{sync_s * 1.3}, pull{sync_s * 1.3},
      apply{sync_s * 1.3, 0.5}, reseal{sync_s * 2};
  HubIngest(points[0], ingest);
  HubCheckpoint(points[1], checkpoint);
  HubBackup(points[2], backup);
  HubApprove(points[3], approve);
  StationSeal(points[4], seal);
  StationPush(points[5], push);
  StationPull(points[6], pull, 30);
  StationPull(points[7], apply, 60);
  StationReseal(points[8], reseal);

  // The table.
  std::string table =
      "| point | killed process | kills | mid-run | integrity | acked | no-dup | audit | "
      "converge |\n|---|---|---:|---:|---:|---:|---:|---:|---:|\n";
  int total_kills = 0;
  std::printf("\n%-15s %6s %8s", "point", "kills", "mid-run");
  for (const char* c : kChecks) std::printf(" %10s", c);
  std::printf("\n");
  for (const PointStats& p : points) {
    total_kills += p.kills;
    std::printf("%-15s %6d %8d", p.name.c_str(), p.kills, p.mid_run);
    table += "| " + p.name + " | " + p.what + " | " + std::to_string(p.kills) + " | " +
             std::to_string(p.mid_run) + " |";
    for (int c = 0; c < kNumChecks; ++c) {
      std::string cell = std::to_string(p.passed[c]) + "/" + std::to_string(p.run[c]);
      std::printf(" %10s", cell.c_str());
      table += " " + cell + " |";
    }
    std::printf("\n");
    table += "\n";
  }
  SqlFile hub(town_->hub_db());
  char summary[512];
  std::snprintf(summary, sizeof summary,
                "%d kills in %.0f s (seed %llu); log %lld entries, %lld change sets, %lld "
                "versions; %zu served checkpoints checked; %d finished backups sound, newest "
                "restored and audited: %s",
                total_kills, Since(t0), static_cast<unsigned long long>(seed_),
                static_cast<long long>(hub.Int("SELECT count(*) FROM log_entries")),
                static_cast<long long>(hub.Int("SELECT count(*) FROM changesets")),
                static_cast<long long>(hub.Int("SELECT count(*) FROM versions")),
                checkpoints_checked_, backups_complete_,
                backups_complete_ ? (restored_ok_ ? "yes" : "NO") : "none finished");
  std::printf("%s\n", summary);
  if (const char* path = std::getenv("GONGKAI_CRASH_TABLE")) {
    std::ofstream(path) << table << "\n" << summary << "\n";
  }
  EXPECT_EQ(total_kills, static_cast<int>(points.size()) * kills_);
}

}  // namespace
}  // namespace gongkai::crash_matrix
