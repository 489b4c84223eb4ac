// Set-up for the resilience tests (tests/e2e/sync_resilience_test.cc):
// real `gongkai-hub serve` and `gongkai-station` processes talking over TLS
// through the fault proxy (tests/testing/fault_proxy.h).
//
// Building a 5,000-row approved catalog costs seconds, so it is built once
// per test binary run, in a template hub directory (a town station sends
// 5,000 created rows, `gongkai-hub approve --all`), and each test starts
// from a copy of that directory. Stations are made with the real
// `gongkai-station init` and enrolled with `gongkai-hub station add`; their
// outboxes are filled through the station library (one action of N created
// rows, sealed one op per change set — the CLI would need N seal runs), and
// every sync runs through the real binaries.
#pragma once

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <boost/json.hpp>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/base/uuid.h"
#include "core/changeset/changeset.h"
#include "core/record/envelope.h"
#include "station/store/station_store.h"
#include "tests/hub/process_helpers.h"
#include "tests/testing/fault_proxy.h"
#include "tests/testing/sample_rows.h"
#include "tests/testing/temp_dir.h"

namespace gongkai::testing {

using hub::testing::BinaryPath;
using hub::testing::HaveProgram;
using hub::testing::ReadText;
using hub::testing::RunProgram;
using hub::testing::RunResult;
using hub::testing::Spawn;
using hub::testing::WaitExit;

inline constexpr size_t kCatalogRows = 5000;

// `gongkai-hub serve` that can be killed and started again on the same port.
class ServeProcess {
 public:
  ~ServeProcess() { Kill(); }

  // port 0: any free port (reported through --port-file). A port another
  // process just left may take a moment to become free: retried.
  bool Start(const std::string& dir, uint16_t port = 0) {
    std::string port_file = dir + "/serve.port";
    log_ = dir + "/serve.log";
    for (int attempt = 0; attempt < 100; ++attempt) {
      std::filesystem::remove(port_file);
      pid_ = Spawn({BinaryPath("hub/gongkai-hub"), "serve", "--dir", dir, "--listen",
                    "127.0.0.1:" + std::to_string(port), "--port-file", port_file},
                   dir + "/serve.out", log_);
      if (pid_ < 0) break;
      for (int i = 0; i < 1000; ++i) {
        std::string text = ReadText(port_file);
        if (!text.empty() && text.back() == '\n') {
          port_ = static_cast<uint16_t>(std::stoi(text));
          return true;
        }
        int status = 0;
        if (waitpid(pid_, &status, WNOHANG) == pid_) {
          pid_ = -1;
          break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
      }
      if (pid_ > 0) break;  // running but silent: give up below
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    ADD_FAILURE() << "gongkai-hub serve did not come up on port " << port << ":\n"
                  << ReadText(log_);
    return false;
  }

  void Kill() {
    if (pid_ <= 0) return;
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
    pid_ = -1;
  }
  int Stop() {
    if (pid_ <= 0) return -1;
    kill(pid_, SIGTERM);
    int code = WaitExit(pid_, std::chrono::seconds(30));
    pid_ = -1;
    return code;
  }
  uint16_t port() const { return port_; }
  std::string log() const { return ReadText(log_); }

 private:
  pid_t pid_ = -1;
  uint16_t port_ = 0;
  std::string log_;
};

// What the hub's database says about one station's change sets.
struct HubRecord {
  std::vector<uint64_t> seqs;          // table changesets, in seq order
  std::map<uint64_t, int> log_copies;  // seq → change set entries in the log
  std::map<uint64_t, Hash32> log_ids;  // seq → id of the logged change set
};

inline HubRecord ReadHubRecord(const std::string& hub_dir, const std::string& station) {
  HubRecord r;
  sqlite3* db = nullptr;
  EXPECT_EQ(sqlite3_open_v2((hub_dir + "/hub.db").c_str(), &db, SQLITE_OPEN_READONLY, nullptr),
            SQLITE_OK);
  sqlite3_busy_timeout(db, 5000);
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(db, "SELECT seq FROM changesets WHERE station = ? ORDER BY seq", -1, &st,
                     nullptr);
  sqlite3_bind_text(st, 1, station.c_str(), -1, SQLITE_TRANSIENT);
  while (sqlite3_step(st) == SQLITE_ROW) {
    r.seqs.push_back(static_cast<uint64_t>(sqlite3_column_int64(st, 0)));
  }
  sqlite3_finalize(st);
  sqlite3_prepare_v2(db, "SELECT entry FROM log_entries WHERE kind = ? ORDER BY idx", -1, &st,
                     nullptr);
  sqlite3_bind_int(st, 1, static_cast<int>(EnvelopeKind::kChangeSet));
  while (sqlite3_step(st) == SQLITE_ROW) {
    const auto* p = static_cast<const uint8_t*>(sqlite3_column_blob(st, 0));
    Bytes entry(p, p + sqlite3_column_bytes(st, 0));
    Result<Envelope> env = DecodeEnvelope(entry);
    EXPECT_TRUE(env.ok());
    if (!env.ok() || env->signer != station) continue;
    Result<ChangeSet> cs = DecodeChangeSet(env->body);
    EXPECT_TRUE(cs.ok());
    if (!cs.ok()) continue;
    ++r.log_copies[cs->seq];
    r.log_ids[cs->seq] = ChangeSetId(env->body);
  }
  sqlite3_finalize(st);
  sqlite3_close(db);
  return r;
}

inline int64_t CountHubChangeSets(const std::string& hub_dir, const std::string& station) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2((hub_dir + "/hub.db").c_str(), &db, SQLITE_OPEN_READONLY, nullptr) !=
      SQLITE_OK) {
    sqlite3_close(db);
    return -1;
  }
  sqlite3_busy_timeout(db, 1000);
  sqlite3_stmt* st = nullptr;
  int64_t n = -1;
  if (sqlite3_prepare_v2(db, "SELECT count(*) FROM changesets WHERE station = ?", -1, &st,
                         nullptr) == SQLITE_OK) {
    sqlite3_bind_text(st, 1, station.c_str(), -1, SQLITE_TRANSIENT);
    if (sqlite3_step(st) == SQLITE_ROW) n = sqlite3_column_int64(st, 0);
  }
  sqlite3_finalize(st);
  sqlite3_close(db);
  return n;
}

// A village row of `unit`, distinct by n.
inline Row ResilienceRow(const std::string& unit, size_t n) {
  Row r = SampleVillageRow();
  r.id = NewUuid();
  r.unit = unit;
  r.Set(Field::kItemL2, "具体事项第" + std::to_string(n) + "项");
  r.Set(Field::kContact, "0375-" + std::to_string(6000000 + n));
  return r;
}

// `rows` created rows in one clerk action, sealed with at most
// `ops_per_changeset` ops each; the number of change sets sealed.
inline size_t FillOutbox(const std::string& dir, size_t rows, size_t ops_per_changeset) {
  Result<station::StationStore> store = station::StationStore::Open(dir);
  EXPECT_TRUE(store.ok()) << store.status().ToString();
  if (!store.ok()) return 0;
  std::string unit = store->info().unit;
  Result<size_t> n = store->RecordAction(
      "add", "resilience test rows", 1700000000,
      [&](const station::WorkingView&, const station::EditSink& emit) -> Status {
        for (size_t i = 0; i < rows; ++i) {
          GK_RETURN_IF_ERROR(emit(station::MakeCreateEdit(ResilienceRow(unit, i))));
        }
        return Status::Ok();
      });
  EXPECT_TRUE(n.ok()) << n.status().ToString();
  Result<PrivateKey> key = store->LoadKey();
  EXPECT_TRUE(key.ok()) << key.status().ToString();
  if (!key.ok()) return 0;
  station::SealLimits limits;
  limits.max_ops = ops_per_changeset;
  Result<station::SealResult> sealed = store->Seal(*key, "批量新增", 1700000001, limits);
  EXPECT_TRUE(sealed.ok()) << sealed.status().ToString();
  return sealed.ok() ? sealed->change_sets.size() : 0;
}

// Hub key, pin and the template directory shared by every test.
struct TemplateHub {
  TempDir root;
  std::string dir;  // root/hub
  std::string log_key, cert_sha256;
  std::string catalog_hash;
  bool ok = false;
};

class SyncResilienceTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    signal(SIGPIPE, SIG_IGN);
    tmpl_ = new TemplateHub;
    BuildTemplate(*tmpl_);
  }
  static void TearDownTestSuite() {
    delete tmpl_;
    tmpl_ = nullptr;
  }

  // The template hub holds version 1: kCatalogRows rows of 宝丰镇 made by
  // station town-01 and approved by the administrator.
  static void BuildTemplate(TemplateHub& t) {
    for (const char* bin : {"hub/gongkai-hub", "station/gongkai-station"}) {
      ASSERT_EQ(access(BinaryPath(bin).c_str(), X_OK), 0) << bin << " is not built";
    }
    t.dir = t.root.path() + "/hub";
    RunResult init = RunProgram({BinaryPath("hub/gongkai-hub"), "init", "--dir", t.dir, "--origin",
                                 "baofeng.example/gongkai", "--admin", "zhang", "--json"},
                                t.root.path());
    ASSERT_EQ(init.exit_code, 0) << init.err;
    auto o = boost::json::parse(init.out).as_object();
    t.log_key = std::string(o["log_key"].as_string());
    t.cert_sha256 = std::string(o["cert_sha256"].as_string());
    ServeProcess serve;
    ASSERT_TRUE(serve.Start(t.dir));
    std::string town = t.root.path() + "/town-01";
    InitStation(t.dir, t.root.path(), town, "town-01", "宝丰镇",
                "https://127.0.0.1:" + std::to_string(serve.port()));
    ASSERT_EQ(FillOutbox(town, kCatalogRows, 2000), (kCatalogRows + 1999) / 2000);
    RunResult sync =
        RunProgram({BinaryPath("station/gongkai-station"), "sync", "--dir", town, "--no-retry"},
                   t.root.path(), std::chrono::seconds(120));
    ASSERT_EQ(sync.exit_code, 0) << sync.err;
    ASSERT_EQ(serve.Stop(), 0) << serve.log();
    RunResult approve = RunProgram(
        {BinaryPath("hub/gongkai-hub"), "approve", "--dir", t.dir, "--all", "--note", "初始目录"},
        t.root.path(), std::chrono::seconds(120));
    ASSERT_EQ(approve.exit_code, 0) << approve.err;
    t.catalog_hash = HubCatalogHash(t.dir, t.root.path());
    ASSERT_EQ(t.catalog_hash.size(), 64u);
    t.ok = true;
  }

  // gongkai-station init (hub URL, key and pin of the template hub), then
  // gongkai-hub station add at hub_dir.
  static void InitStation(const std::string& hub_dir, const std::string& scratch,
                          const std::string& dir, const std::string& id, const std::string& unit,
                          const std::string& url) {
    RunResult init = RunProgram({BinaryPath("station/gongkai-station"), "init", "--dir", dir,
                                 "--id", id, "--unit", unit, "--hub", url, "--hub-key",
                                 tmpl_->log_key, "--hub-cert-sha256", tmpl_->cert_sha256, "--json"},
                                scratch);
    ASSERT_EQ(init.exit_code, 0) << init.err;
    std::string vkey(boost::json::parse(init.out).as_object()["verifier_key"].as_string());
    RunResult add = RunProgram({BinaryPath("hub/gongkai-hub"), "station", "add", "--dir", hub_dir,
                                "--id", id, "--unit", unit, "--key", vkey},
                               scratch);
    ASSERT_EQ(add.exit_code, 0) << add.err;
  }

  static std::string HubCatalogHash(const std::string& hub_dir, const std::string& scratch) {
    RunResult r = RunProgram({BinaryPath("hub/gongkai-hub"), "catalog", "--dir", hub_dir, "--json"},
                             scratch, std::chrono::seconds(60));
    EXPECT_EQ(r.exit_code, 0) << r.err;
    if (r.exit_code != 0) return "";
    return std::string(boost::json::parse(r.out).as_object()["hash"].as_string());
  }

  void SetUp() override {
    ASSERT_TRUE(tmpl_ && tmpl_->ok) << "the template hub could not be built";
    hub_dir_ = tmp_.path() + "/hub";
    std::filesystem::copy(tmpl_->dir, hub_dir_, std::filesystem::copy_options::recursive);
    for (const char* f : {"serve.port", "serve.log", "serve.out"}) {
      std::filesystem::remove(hub_dir_ + "/" + f);
    }
    ASSERT_TRUE(serve_.Start(hub_dir_));
    proxy_ = std::make_unique<FaultProxy>(serve_.port());
    ASSERT_TRUE(proxy_->Start().ok());
  }

  void TearDown() override {
    if (proxy_) proxy_->Stop();
    serve_.Kill();
  }

  // A station of `unit` enrolled at the hub, whose hub URL is the proxy.
  std::string MakeStation(const std::string& id, const std::string& unit) {
    std::string dir = tmp_.path() + "/" + id;
    InitStation(hub_dir_, tmp_.path(), dir, id, unit, proxy_->url());
    return dir;
  }

  RunResult Station(std::vector<std::string> args,
                    std::chrono::milliseconds timeout = std::chrono::seconds(120)) {
    args.insert(args.begin(), BinaryPath("station/gongkai-station"));
    return RunProgram(args, tmp_.path(), timeout);
  }

  boost::json::object StationStatus(const std::string& dir) {
    RunResult r = Station({"status", "--dir", dir, "--json"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    if (r.exit_code != 0) return {};
    return boost::json::parse(r.out).as_object();
  }

  // `sync` until it exits 0, at most max_runs times; every failed run must
  // say "try again later" (exit status 6). The number of runs.
  int SyncUntilDone(const std::string& dir, int max_runs) {
    for (int run = 1; run <= max_runs; ++run) {
      RunResult r = Station({"sync", "--dir", dir, "--json"});
      if (r.exit_code == 0) return run;
      EXPECT_EQ(r.exit_code, 6) << "run " << run << ": " << r.err;
      if (r.exit_code != 6) return -1;
      last_failures_ += r.err;
    }
    ADD_FAILURE() << "sync did not complete in " << max_runs << " runs:\n" << last_failures_;
    return -1;
  }

  // Nothing duplicated, nothing lost: the hub holds seqs 1..n of the
  // station once each, in its table, in its log and in the receipts it
  // serves; the station's outbox is all accepted with those log indices;
  // its catalog is the hub's.
  void ExpectSettled(const std::string& dir, const std::string& station, size_t n) {
    HubRecord rec = ReadHubRecord(hub_dir_, station);
    ASSERT_EQ(rec.seqs.size(), n);
    for (size_t i = 0; i < n; ++i) ASSERT_EQ(rec.seqs[i], i + 1);
    ASSERT_EQ(rec.log_copies.size(), n);
    for (const auto& [seq, copies] : rec.log_copies) {
      ASSERT_EQ(copies, 1) << "change set " << seq << " is in the log " << copies << " times";
    }

    ExpectReceipts(station, n);

    Result<station::StationStore> store = station::StationStore::Open(dir);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    Result<std::vector<station::OutboxEntry>> outbox = store->Outbox();
    ASSERT_TRUE(outbox.ok());
    ASSERT_EQ(outbox->size(), n);
    for (const station::OutboxEntry& e : *outbox) {
      ASSERT_EQ(e.state, station::OutboxState::kAccepted) << "seq " << e.seq;
      ASSERT_TRUE(e.log_index.has_value());
      ASSERT_EQ(rec.log_ids[e.seq], e.changeset_id) << "seq " << e.seq;
    }
    boost::json::object st = StationStatus(dir);
    EXPECT_EQ(st["unsent"].as_int64(), 0);
    EXPECT_EQ(st["rejected"].as_int64(), 0);
    EXPECT_EQ(st["last_seq"].as_int64(), static_cast<int64_t>(n));
    EXPECT_EQ(std::string(st["catalog_hash"].as_string()), HubCatalogHash(hub_dir_, tmp_.path()));
    EXPECT_EQ(std::string(st["catalog_hash"].as_string()), tmpl_->catalog_hash);
    RunResult check = Station({"check", "--dir", dir});
    EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
  }

  // GET /v1/stations/{id}/receipts straight from the hub, read by curl.
  void ExpectReceipts(const std::string& station, size_t n) {
    if (!HaveProgram("curl")) {
      ADD_FAILURE() << "curl is not installed (apt-get install curl)";
      return;
    }
    RunResult curl = RunProgram({"curl", "-sS", "--cacert", hub_dir_ + "/tls.crt",
                                 "https://127.0.0.1:" + std::to_string(serve_.port()) +
                                     "/v1/stations/" + station + "/receipts?after=0"},
                                tmp_.path());
    ASSERT_EQ(curl.exit_code, 0) << curl.err;
    auto o = boost::json::parse(curl.out).as_object();
    auto receipts = o["receipts"].as_array();
    ASSERT_EQ(receipts.size(), n);
    EXPECT_FALSE(o["more"].as_bool());
    for (size_t i = 0; i < n; ++i) {
      auto r = receipts[i].as_object();
      ASSERT_EQ(r["seq"].as_int64(), static_cast<int64_t>(i + 1));
      ASSERT_EQ(r["status"].as_string(), "accepted");
    }
  }

  static inline TemplateHub* tmpl_ = nullptr;
  TempDir tmp_;
  std::string hub_dir_;
  ServeProcess serve_;
  std::unique_ptr<FaultProxy> proxy_;
  std::string last_failures_;
};

}  // namespace gongkai::testing
