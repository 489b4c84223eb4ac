// Set-up for the resilience tests (tests/e2e/sync_resilience_test.cc):
// real `gongkai-hub serve` and `gongkai-station` processes (the town of
// tests/testing/town.h) talking over TLS through the fault proxy
// (tests/testing/fault_proxy.h).
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
#include "tests/testing/fault_proxy.h"
#include "tests/testing/sample_rows.h"
#include "tests/testing/sql_file.h"
#include "tests/testing/temp_dir.h"
#include "tests/testing/town.h"

namespace gongkai::testing {

inline constexpr size_t kCatalogRows = 5000;

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
  return HubChangeSetCount(hub_dir + "/hub.db", station);
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
    Town town(t.root.path(), {.timeout = std::chrono::seconds(120)});
    town.Init();
    ASSERT_FALSE(HasFatalFailure());
    t.dir = town.hub_dir();
    t.log_key = town.log_key();
    t.cert_sha256 = town.cert_sha256();
    ASSERT_TRUE(town.Serve());
    std::string town_station = town.AddStation("town-01", "宝丰镇");
    ASSERT_FALSE(HasFailure());
    ASSERT_EQ(FillOutbox(town_station, kCatalogRows, 2000), (kCatalogRows + 1999) / 2000);
    RunResult sync = town.Station({"sync", "--dir", town_station, "--no-retry"});
    ASSERT_EQ(sync.exit_code, 0) << sync.err;
    ASSERT_EQ(town.Stop(), 0) << town.serve().log();
    RunResult approve = town.Hub({"approve", "--dir", t.dir, "--all", "--note", "初始目录"});
    ASSERT_EQ(approve.exit_code, 0) << approve.err;
    t.catalog_hash = HubCatalogHash(town);
    ASSERT_EQ(t.catalog_hash.size(), 64u);
    t.ok = true;
  }

  static std::string HubCatalogHash(Town& town) {
    RunResult r =
        town.Hub({"catalog", "--dir", town.hub_dir(), "--json"}, std::chrono::seconds(60));
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
    town_.Adopt(hub_dir_, tmpl_->log_key, tmpl_->cert_sha256);
    ASSERT_TRUE(town_.Serve());
    proxy_ = std::make_unique<FaultProxy>(town_.serve().port());
    ASSERT_TRUE(proxy_->Start().ok());
  }

  void TearDown() override {
    if (proxy_) proxy_->Stop();
    town_.Kill();
  }

  // A station of `unit` enrolled at the hub, whose hub URL is the proxy.
  std::string MakeStation(const std::string& id, const std::string& unit) {
    return town_.AddStation(id, unit, {.url = proxy_->url(), .pin = ""});
  }

  RunResult Station(std::vector<std::string> args,
                    std::chrono::milliseconds timeout = std::chrono::seconds(120)) {
    return town_.Station(std::move(args), timeout);
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
    EXPECT_EQ(std::string(st["catalog_hash"].as_string()), HubCatalogHash(town_));
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
                                 town_.url() + "/v1/stations/" + station + "/receipts?after=0"},
                                town_.runs());
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
  Town town_{tmp_.path()};
  std::string hub_dir_;
  std::unique_ptr<FaultProxy> proxy_;
  std::string last_failures_;
};

}  // namespace gongkai::testing
