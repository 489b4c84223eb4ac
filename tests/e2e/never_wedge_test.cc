// A clerk's ordinary mistakes never wedge a station (docs/station-sync.md §
// "When the town's server refuses"), with the real programs over HTTPS:
//
//  - sync before the town enrolled the station: exit 9 with the key to hand
//    over, nothing marked, rows still listed; once enrolled, one sync
//    delivers everything;
//  - two computers of one village upload the same rows: the second one's
//    copies are refused (row_exists) and held for the clerk (exit 8), its
//    later change set is re-sealed onto the last accepted one and accepted;
//    the clerk discards the held rows and the next sync is clean.
//
// After each: hub and stations converge on one catalog hash, no row is lost,
// the hub holds each station's seqs once, and `gongkai-audit verify` passes.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <iostream>
#include <random>
#include <sstream>

#include "station/edits/edit_plan.h"
#include "station/store/station_store.h"
#include "tests/testing/sample_rows.h"
#include "tests/testing/sql_file.h"
#include "tests/testing/town.h"

namespace gongkai::testing {
namespace {

namespace json = boost::json;

class NeverWedgeTest : public TownTest {
 protected:
  NeverWedgeTest() : TownTest(TownOptions{"dongfeng.example/gongkai", "zhang", std::chrono::seconds(120)}) {}

  RunResult Hub(std::vector<std::string> args) { return town_.Hub(std::move(args)); }
  RunResult Station(std::vector<std::string> args) { return town_.Station(std::move(args)); }
  json::object Json(const RunResult& r) {
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return json::parse(r.out).as_object();
  }

  // A station initialized but not enrolled; returns its verifier key.
  std::string InitStation(const std::string& id, const std::string& unit) {
    RunResult init = Station({"init", "--dir", Dir(id), "--id", id, "--unit", unit, "--hub",
                              town_.url(), "--hub-key", town_.log_key(), "--hub-cert-sha256",
                              town_.cert_sha256(), "--json"});
    EXPECT_EQ(init.exit_code, 0) << init.err;
    return std::string(json::parse(init.out).as_object()["verifier_key"].as_string());
  }
  void Enrol(const std::string& id, const std::string& unit, const std::string& vkey) {
    RunResult add = Hub(
        {"station", "add", "--dir", town_.hub_dir(), "--id", id, "--unit", unit, "--key", vkey});
    ASSERT_EQ(add.exit_code, 0) << add.err;
  }
  std::string Dir(const std::string& id) { return town_.root() + "/" + id; }
  void AddRow(const std::string& id, const std::string& item) { town_.AddRow(Dir(id), item); }
  json::object Status(const std::string& id) {
    return Json(Station({"status", "--dir", Dir(id), "--json"}));
  }
  size_t ListedRows(const std::string& id) {
    RunResult r = Station({"list", "--dir", Dir(id), "--json"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return json::parse(r.out).as_array().size();
  }
  std::string HubHash() {
    return std::string(
        Json(Hub({"catalog", "--dir", town_.hub_dir(), "--json"}))["hash"].as_string());
  }
  size_t HubRows() {
    return Json(Hub({"catalog", "--dir", town_.hub_dir(), "--json"}))["rows"].as_array().size();
  }
  // (station, seq) pairs the hub accepted, each once.
  std::vector<std::string> HubChangeSets() {
    std::vector<std::string> out;
    RunResult r = RunProgram({"sqlite3", town_.hub_db(),
                              "SELECT station || ':' || seq FROM changesets ORDER BY station, seq"},
                             town_.runs());
    EXPECT_EQ(r.exit_code, 0) << r.err;
    std::string line;
    std::istringstream in(r.out);
    while (std::getline(in, line)) out.push_back(line);
    return out;
  }
  // Two stations of 东风村 enrolled. The office PC (dongfeng-01) adds two
  // rows and uploads them; the laptop (dongfeng-02) imports the office PC's
  // spreadsheet (same row ids), seals it and adds a row of its own, unsent.
  void LaptopImportsTheOfficeRows() {
    Enrol("dongfeng-01", "东风村", InitStation("dongfeng-01", "东风村"));
    Enrol("dongfeng-02", "东风村", InitStation("dongfeng-02", "东风村"));
    AddRow("dongfeng-01", "财务收支");
    AddRow("dongfeng-01", "集体经济收益分配");
    ASSERT_EQ(Station({"sync", "--dir", Dir("dongfeng-01")}).exit_code, 0);
    std::string csv = town_.root() + "/office.csv";
    ASSERT_EQ(Station({"export", "--dir", Dir("dongfeng-01"), csv}).exit_code, 0);
    ASSERT_EQ(Station({"import", "--dir", Dir("dongfeng-02"), csv}).exit_code, 0);
    ASSERT_EQ(
        Station({"seal", "--dir", Dir("dongfeng-02"), "--note", "从办公室电脑导入"}).exit_code, 0);
    AddRow("dongfeng-02", "低保对象名单");
  }
  // Both stations of 东风村 hold the hub's catalog of three rows (and check
  // clean), the hub holds one change set of each, and the audit passes.
  void ExpectBothStationsConverged() {
    for (const char* id : {"dongfeng-01", "dongfeng-02"}) {
      EXPECT_EQ(std::string(Status(id)["catalog_hash"].as_string()), HubHash()) << id;
      EXPECT_EQ(ListedRows(id), 3u) << id;
      EXPECT_EQ(Station({"check", "--dir", Dir(id)}).exit_code, 0) << id;
    }
    EXPECT_EQ(HubRows(), 3u);
    EXPECT_EQ(HubChangeSets(), (std::vector<std::string>{"dongfeng-01:1", "dongfeng-02:1"}));
    ExpectAuditPasses();
  }

  // The laptop's --json report (sync or bundle import) once the hub refused
  // its imported change set: exit 8, one change set returned as row_exists,
  // the two office rows held and the laptop's own row re-sealed.
  void ExpectOfficeRowsHeld(const RunResult& r) {
    EXPECT_EQ(r.exit_code, 8) << r.out << r.err;
    json::object report = json::parse(r.out).as_object();
    EXPECT_EQ(std::string(report["outcome"].as_string()), "edits_held");
    ASSERT_EQ(report["returned"].as_array().size(), 1u);
    json::object returned = report["returned"].as_array()[0].as_object();
    EXPECT_EQ(std::string(returned["code"].as_string()), "row_exists");
    EXPECT_EQ(returned["held_rows"].as_array().size(), 2u);
    EXPECT_EQ(returned["resealed"].as_array().size(), 1u);
    EXPECT_EQ(report["held"].as_array().size(), 2u);
  }

  void ExpectAuditPasses() {
    RunResult r = town_.Audit({"verify", "--hub", town_.url(), "--hub-cert-sha256",
                               town_.cert_sha256(), "--hub-key", town_.log_key(), "--quiet"});
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  }
};

TEST_F(NeverWedgeTest, SyncBeforeEnrolmentThenOneSyncAfterEnrolmentDeliversEverything) {
  std::string vkey = InitStation("dongfeng-01", "东风村");
  AddRow("dongfeng-01", "财务收支");
  AddRow("dongfeng-01", "集体经济收益分配");
  AddRow("dongfeng-01", "低保对象名单");
  Hash32 hub_before = TablesDigest(town_.hub_db(), {"changesets", "log_entries"});

  for (int attempt = 0; attempt < 2; ++attempt) {
    SCOPED_TRACE(attempt);
    RunResult sync = Station({"sync", "--dir", Dir("dongfeng-01")});
    EXPECT_EQ(sync.exit_code, 9) << sync.out << sync.err;
    EXPECT_NE(sync.err.find("[unknown_station]"), std::string::npos) << sync.err;
    EXPECT_NE(sync.err.find(vkey), std::string::npos) << "the key to hand over: " << sync.err;
    EXPECT_EQ(sync.out.find("同步完成"), std::string::npos) << sync.out;
    // Nothing lost, nothing marked, the hub stored nothing.
    EXPECT_EQ(ListedRows("dongfeng-01"), 3u);
    json::object st = Status("dongfeng-01");
    EXPECT_EQ(st["outbox"].as_int64(), 1);
    EXPECT_EQ(st["rejected"].as_int64(), 0);
    EXPECT_EQ(st["held_rows"].as_int64(), 0);
    EXPECT_EQ(std::string(st["hub_refusal"].as_object()["code"].as_string()), "unknown_station");
    EXPECT_EQ(TablesDigest(town_.hub_db(), {"changesets", "log_entries"}), hub_before);
    RunResult check = Station({"check", "--dir", Dir("dongfeng-01")});
    EXPECT_EQ(check.exit_code, 9) << check.out;
    EXPECT_EQ(check.out.find("检查通过"), std::string::npos) << check.out;
  }
  // --json says the same to a script.
  RunResult json_sync = Station({"sync", "--dir", Dir("dongfeng-01"), "--json"});
  EXPECT_EQ(json_sync.exit_code, 9);
  json::object report = json::parse(json_sync.out).as_object();
  EXPECT_EQ(std::string(report["outcome"].as_string()), "unknown_station");
  EXPECT_EQ(std::string(report["refused"].as_object()["code"].as_string()), "unknown_station");

  // The station introduced itself: the administrator sees who tried, with
  // its key and unit, and enrols it from that attempt in one step.
  json::array listed = json::parse(Hub({"station", "list", "--dir", town_.hub_dir(), "--json"}).out)
                           .as_array();
  ASSERT_EQ(listed.size(), 1u);
  json::object attempt = listed[0].as_object();
  EXPECT_TRUE(attempt["attempt"].as_bool());
  EXPECT_EQ(std::string(attempt["id"].as_string()), "dongfeng-01");
  EXPECT_EQ(std::string(attempt["key"].as_string()), vkey);
  EXPECT_EQ(std::string(attempt["unit"].as_string()), "东风村");
  RunResult add = Hub({"station", "add", "--dir", town_.hub_dir(), "--id", "dongfeng-01",
                       "--from-attempt"});
  ASSERT_EQ(add.exit_code, 0) << add.err;
  RunResult sync = Station({"sync", "--dir", Dir("dongfeng-01"), "--json"});
  ASSERT_EQ(sync.exit_code, 0) << sync.out << sync.err;
  report = json::parse(sync.out).as_object();
  EXPECT_EQ(std::string(report["outcome"].as_string()), "delivered");
  EXPECT_EQ(report["accepted"].as_int64(), 1);
  EXPECT_EQ(HubChangeSets(), std::vector<std::string>{"dongfeng-01:1"});
  EXPECT_TRUE(Status("dongfeng-01")["hub_refusal"].is_null());
  // Accepted: the hub forgot the refusals, the station stops introducing itself.
  EXPECT_EQ(CountRows(town_.hub_db(), "refused_uploads"), 0);
  RunResult check = Station({"check", "--dir", Dir("dongfeng-01")});
  EXPECT_EQ(check.exit_code, 0) << check.out << check.err;

  ASSERT_EQ(Hub({"approve", "--dir", town_.hub_dir(), "--all"}).exit_code, 0);
  ASSERT_EQ(Station({"sync", "--dir", Dir("dongfeng-01")}).exit_code, 0);
  EXPECT_EQ(HubRows(), 3u);
  EXPECT_EQ(std::string(Status("dongfeng-01")["catalog_hash"].as_string()), HubHash());
  EXPECT_EQ(HubChangeSets(), std::vector<std::string>{"dongfeng-01:1"});
  ExpectAuditPasses();
}

TEST_F(NeverWedgeTest, RefusedRowsAreHeldLaterChangeSetsResealedAndTheClerkRecovers) {
  // The office PC uploads two rows; the laptop imports its spreadsheet (same
  // row ids), seals it, then adds a row of its own and syncs.
  ASSERT_NO_FATAL_FAILURE(LaptopImportsTheOfficeRows());

  ASSERT_NO_FATAL_FAILURE(
      ExpectOfficeRowsHeld(Station({"sync", "--dir", Dir("dongfeng-02"), "--json"})));
  // The laptop's own row went in as seq 1, re-sealed onto an empty chain.
  EXPECT_EQ(HubChangeSets(), (std::vector<std::string>{"dongfeng-01:1", "dongfeng-02:1"}));

  // Every view tells the truth until the clerk acts.
  json::object st = Status("dongfeng-02");
  EXPECT_EQ(st["held_rows"].as_int64(), 2);
  EXPECT_EQ(ListedRows("dongfeng-02"), 3u);
  RunResult list = Station({"list", "--dir", Dir("dongfeng-02")});
  EXPECT_NE(list.out.find("已退回·待修改"), std::string::npos) << list.out;
  RunResult check = Station({"check", "--dir", Dir("dongfeng-02")});
  EXPECT_EQ(check.exit_code, 8) << check.out;
  EXPECT_EQ(check.out.find("检查通过"), std::string::npos);
  // Syncing again changes nothing and says the same.
  RunResult again = Station({"sync", "--dir", Dir("dongfeng-02")});
  EXPECT_EQ(again.exit_code, 8) << again.out << again.err;
  EXPECT_NE(again.err.find("[edits_held]"), std::string::npos) << again.err;
  EXPECT_EQ(HubChangeSets(), (std::vector<std::string>{"dongfeng-01:1", "dongfeng-02:1"}));

  // The clerk gives the duplicates up; the next sync is clean.
  RunResult discard = Station({"discard", "--dir", Dir("dongfeng-02"), "--held"});
  ASSERT_EQ(discard.exit_code, 0) << discard.err;
  RunResult sync = Station({"sync", "--dir", Dir("dongfeng-02")});
  EXPECT_EQ(sync.exit_code, 0) << sync.out << sync.err;
  EXPECT_EQ(Station({"check", "--dir", Dir("dongfeng-02")}).exit_code, 0);

  ASSERT_EQ(Hub({"approve", "--dir", town_.hub_dir(), "--all"}).exit_code, 0);
  for (const char* id : {"dongfeng-01", "dongfeng-02"}) {
    ASSERT_EQ(Station({"sync", "--dir", Dir(id)}).exit_code, 0) << id;
  }
  ExpectBothStationsConverged();
}

// The town revokes a station (its laptop was stolen, say); the clerk's new
// machine — here the same store — takes a new key, the town enrols it from
// the upload attempt, and the chain goes on: nothing lost, nothing twice,
// the auditor replays the revocation and the enrolment again.
TEST_F(NeverWedgeTest, RevokedThenReEnrolledWithANewKeyDeliversWhatWaited) {
  std::string old_key = InitStation("dongfeng-01", "东风村");
  Enrol("dongfeng-01", "东风村", old_key);
  AddRow("dongfeng-01", "财务收支");
  ASSERT_EQ(Station({"sync", "--dir", Dir("dongfeng-01")}).exit_code, 0);
  ASSERT_EQ(Hub({"station", "revoke", "--dir", town_.hub_dir(), "--id", "dongfeng-01", "--reason",
                 "笔记本电脑丢失"})
                .exit_code,
            0);
  AddRow("dongfeng-01", "低保对象名单");
  RunResult sync = Station({"sync", "--dir", Dir("dongfeng-01")});
  EXPECT_EQ(sync.exit_code, 9) << sync.err;
  EXPECT_NE(sync.err.find("[station_revoked]"), std::string::npos) << sync.err;

  RunResult rekey = Station({"rekey", "--dir", Dir("dongfeng-01"), "--json"});
  ASSERT_EQ(rekey.exit_code, 0) << rekey.err;
  std::string new_key(json::parse(rekey.out).as_object()["verifier_key"].as_string());
  EXPECT_NE(new_key, old_key);
  EXPECT_EQ(Station({"check", "--dir", Dir("dongfeng-01")}).exit_code, 9)
      << "still revoked: not all passed";
  sync = Station({"sync", "--dir", Dir("dongfeng-01")});
  EXPECT_EQ(sync.exit_code, 9) << sync.err;
  RunResult add = Hub({"station", "add", "--dir", town_.hub_dir(), "--id", "dongfeng-01",
                       "--from-attempt"});
  ASSERT_EQ(add.exit_code, 0) << add.err;
  EXPECT_NE(add.out.find(new_key), std::string::npos) << add.out;

  sync = Station({"sync", "--dir", Dir("dongfeng-01"), "--json"});
  ASSERT_EQ(sync.exit_code, 0) << sync.out << sync.err;
  EXPECT_EQ(HubChangeSets(), (std::vector<std::string>{"dongfeng-01:1", "dongfeng-01:2"}));
  EXPECT_EQ(Station({"check", "--dir", Dir("dongfeng-01")}).exit_code, 0);
  ASSERT_EQ(Hub({"approve", "--dir", town_.hub_dir(), "--all"}).exit_code, 0);
  ASSERT_EQ(Station({"sync", "--dir", Dir("dongfeng-01")}).exit_code, 0);
  EXPECT_EQ(HubRows(), 2u);
  EXPECT_EQ(std::string(Status("dongfeng-01")["catalog_hash"].as_string()), HubHash());
  ExpectAuditPasses();
}

// SIGKILL while a refused change set is returned and the rest re-sealed
// (one transaction, station/store/refused_changesets.h): after every kill
// the store passes the full check, the outbox chain is unbroken, the hub
// holds the station's seqs once each; in the end every row but the refused
// one is at the hub, the refused one waits for the clerk.
TEST_F(NeverWedgeTest, KilledWhileResealingNothingLostNothingDoubled) {
  Enrol("dongfeng-01", "东风村", InitStation("dongfeng-01", "东风村"));
  Enrol("dongfeng-02", "东风村", InitStation("dongfeng-02", "东风村"));
  AddRow("dongfeng-01", "财务收支");
  ASSERT_EQ(Station({"sync", "--dir", Dir("dongfeng-01")}).exit_code, 0);
  std::string csv = town_.root() + "/office.csv";
  ASSERT_EQ(Station({"export", "--dir", Dir("dongfeng-01"), csv}).exit_code, 0);
  ASSERT_EQ(Station({"import", "--dir", Dir("dongfeng-02"), csv}).exit_code, 0);
  constexpr int kLater = 150;  // change sets sealed after the one to be refused
  {
    auto store = station::StationStore::Open(Dir("dongfeng-02"));
    ASSERT_TRUE(store.ok());
    auto key = store->LoadKey();
    ASSERT_TRUE(store->Seal(*key, "重复的一条", 1700000000).ok());
    for (int i = 0; i < kLater; ++i) {
      Row r = SampleVillageRow();
      char id[40];
      std::snprintf(id, sizeof id, "30000000-0000-4000-8000-%012d", i);
      r.id = id;
      r.unit = "东风村";
      auto n = store->RecordAction("add", "", 1700000000,
                                   [&](const station::WorkingView&, const station::EditSink& emit) {
                                     return emit(station::MakeCreateEdit(r));
                                   });
      ASSERT_TRUE(n.ok()) << n.status().ToString();
      ASSERT_TRUE(store->Seal(*key, "第 " + std::to_string(i + 1) + " 条", 1700000000).ok());
    }
  }
  std::mt19937 rng(20261202);
  int kills = 0, kills_after_return = 0, finished_code = -1;
  for (int attempt = 0; attempt < 30 && finished_code < 0; ++attempt) {
    pid_t pid = Spawn(town_.StationArgv({"sync", "--dir", Dir("dongfeng-02"), "--no-retry"}),
                      town_.root() + "/kill.out", town_.root() + "/kill.err");
    ASSERT_GT(pid, 0);
    // Kill points spread over the run: short at first, longer each time
    // (a run here takes a few hundred ms), until one is let finish.
    std::this_thread::sleep_for(std::chrono::milliseconds(
        attempt < 16 ? std::uniform_int_distribution<int>(0, 30 + 25 * attempt)(rng) : 10000));
    int status = 0;
    if (waitpid(pid, &status, WNOHANG) == 0) {
      kill(pid, SIGKILL);
      waitpid(pid, &status, 0);
      ++kills;
    } else if (WIFEXITED(status)) {
      finished_code = WEXITSTATUS(status);
    }
    // After every kill: a sound store, an unbroken chain, each seq once.
    auto store = station::StationStore::Open(Dir("dongfeng-02"), station::OpenOptions{true});
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    ASSERT_TRUE(store->FullCheck().ok());
    auto refused = store->RefusedChangeSets();
    ASSERT_TRUE(refused.ok());
    EXPECT_TRUE(refused->empty() || refused->size() == static_cast<size_t>(kLater) + 1)
        << refused->size();
    if (!refused->empty() && finished_code < 0) ++kills_after_return;
    std::vector<std::string> seqs = HubChangeSets();
    for (size_t i = 1; i < seqs.size(); ++i) {
      EXPECT_EQ(seqs[i], "dongfeng-02:" + std::to_string(i)) << "seqs once each, in order";
    }
  }
  EXPECT_EQ(finished_code, 8) << ReadText(town_.root() + "/kill.err");
  std::cout << "[ crash    ] re-seal: " << kills << " kills before a sync finished, "
            << kills_after_return << " of them after the refused change set was returned\n";
  EXPECT_GE(kills, 3) << "the kills must land while the sync runs";
  std::vector<std::string> seqs = HubChangeSets();
  ASSERT_EQ(seqs.size(), static_cast<size_t>(kLater) + 1);  // dongfeng-01:1 and 1..kLater
  json::object st = Status("dongfeng-02");
  EXPECT_EQ(st["held_rows"].as_int64(), 1);
  EXPECT_EQ(ListedRows("dongfeng-02"), static_cast<size_t>(kLater) + 1);

  ASSERT_EQ(Station({"discard", "--dir", Dir("dongfeng-02"), "--held"}).exit_code, 0);
  ASSERT_EQ(Station({"sync", "--dir", Dir("dongfeng-02")}).exit_code, 0);
  ASSERT_EQ(Hub({"approve", "--dir", town_.hub_dir(), "--all"}).exit_code, 0);
  for (const char* id : {"dongfeng-01", "dongfeng-02"}) {
    ASSERT_EQ(Station({"sync", "--dir", Dir(id)}).exit_code, 0) << id;
    EXPECT_EQ(std::string(Status(id)["catalog_hash"].as_string()), HubHash()) << id;
  }
  EXPECT_EQ(HubRows(), static_cast<size_t>(kLater) + 1);
  ExpectAuditPasses();
}

// The same three paths over USB sticks (docs/station-sync.md § "Over a USB
// stick"): the hub's `bundle import` exits 3 when it refused something, the
// refusals travel back in the catalog bundle, and `gongkai-station bundle
// import` takes them as sync takes receipts.

TEST_F(NeverWedgeTest, OverUsbBeforeEnrolmentTheSameStickWorksOnceEnrolled) {
  std::string vkey = InitStation("dongfeng-01", "东风村");
  AddRow("dongfeng-01", "财务收支");
  AddRow("dongfeng-01", "集体经济收益分配");
  AddRow("dongfeng-01", "低保对象名单");
  std::string up = town_.root() + "/up.gkb";
  RunResult exported = Station({"bundle", "export", "--dir", Dir("dongfeng-01"), up});
  ASSERT_EQ(exported.exit_code, 0) << exported.err;
  Hash32 hub_before = TablesDigest(town_.hub_db(), {"changesets", "log_entries"});

  RunResult imported = Hub({"bundle", "import", "--dir", town_.hub_dir(), up});
  EXPECT_EQ(imported.exit_code, 3) << imported.out << imported.err;
  EXPECT_NE(imported.out.find("[unknown_station]"), std::string::npos) << imported.out;
  EXPECT_NE(imported.err.find("--from-attempt"), std::string::npos) << imported.err;
  EXPECT_EQ(TablesDigest(town_.hub_db(), {"changesets", "log_entries"}), hub_before);
  // The stick introduced the station: key and unit, for one-step enrolment.
  json::array listed = json::parse(Hub({"station", "list", "--dir", town_.hub_dir(), "--json"}).out)
                           .as_array();
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_TRUE(listed[0].as_object()["attempt"].as_bool());
  EXPECT_EQ(std::string(listed[0].as_object()["key"].as_string()), vkey);
  EXPECT_EQ(std::string(listed[0].as_object()["unit"].as_string()), "东风村");
  ASSERT_EQ(Hub({"station", "add", "--dir", town_.hub_dir(), "--id", "dongfeng-01",
                 "--from-attempt"})
                .exit_code,
            0);

  // The same stick again: everything delivered.
  json::object again = Json(Hub({"bundle", "import", "--dir", town_.hub_dir(), up, "--json"}));
  EXPECT_EQ(again["accepted"].as_int64(), 1);
  EXPECT_EQ(HubChangeSets(), std::vector<std::string>{"dongfeng-01:1"});
  ASSERT_EQ(Hub({"approve", "--dir", town_.hub_dir(), "--all"}).exit_code, 0);
  std::string down = town_.root() + "/down.gkb";
  json::object made = Json(Hub({"bundle", "export", "--dir", town_.hub_dir(), "--station",
                                "dongfeng-01", down, "--json"}));
  EXPECT_EQ(made["refusals"].as_int64(), 0) << "accepted: the refusals were forgotten";
  json::object back = Json(Station({"bundle", "import", "--dir", Dir("dongfeng-01"), down, "--json"}));
  EXPECT_EQ(std::string(back["outcome"].as_string()), "delivered");
  EXPECT_EQ(back["receipts"].as_int64(), 1);
  EXPECT_EQ(std::string(Status("dongfeng-01")["catalog_hash"].as_string()), HubHash());
  EXPECT_EQ(ListedRows("dongfeng-01"), 3u);
  EXPECT_EQ(HubRows(), 3u);
  EXPECT_EQ(Station({"check", "--dir", Dir("dongfeng-01")}).exit_code, 0);
  ExpectAuditPasses();
}

TEST_F(NeverWedgeTest, OverUsbRefusedEditsComeBackInTheCatalogBundle) {
  // The same, but the laptop has no network: the clerk carries a stick to town.
  ASSERT_NO_FATAL_FAILURE(LaptopImportsTheOfficeRows());
  std::string up = town_.root() + "/up.gkb";
  ASSERT_EQ(Station({"bundle", "export", "--dir", Dir("dongfeng-02"), up}).exit_code, 0);

  RunResult imported = Hub({"bundle", "import", "--dir", town_.hub_dir(), up, "--json"});
  EXPECT_EQ(imported.exit_code, 3) << imported.err;
  json::object receipts = json::parse(imported.out).as_object();
  EXPECT_EQ(receipts["rejected"].as_int64(), 2);
  EXPECT_EQ(std::string(receipts["receipts"].as_array()[0].as_object()["code"].as_string()),
            "row_exists");
  EXPECT_EQ(HubChangeSets(), std::vector<std::string>{"dongfeng-01:1"});

  std::string down = town_.root() + "/down.gkb";
  json::object made = Json(Hub({"bundle", "export", "--dir", town_.hub_dir(), "--station",
                                "dongfeng-02", down, "--json"}));
  EXPECT_EQ(made["refusals"].as_int64(), 2);  // row_exists, and seq_gap after it
  ASSERT_NO_FATAL_FAILURE(ExpectOfficeRowsHeld(
      Station({"bundle", "import", "--dir", Dir("dongfeng-02"), down, "--json"})));
  EXPECT_EQ(Status("dongfeng-02")["held_rows"].as_int64(), 2);
  EXPECT_EQ(ListedRows("dongfeng-02"), 3u);
  EXPECT_EQ(Station({"check", "--dir", Dir("dongfeng-02")}).exit_code, 8);
  // The same file again: the refusals were taken already; still held.
  RunResult twice = Station({"bundle", "import", "--dir", Dir("dongfeng-02"), down, "--json"});
  EXPECT_EQ(twice.exit_code, 8) << twice.err;
  json::object second = json::parse(twice.out).as_object();
  EXPECT_TRUE(second["returned"].as_array().empty());
  EXPECT_EQ(second["stale_refusals"].as_int64(), 2);
  EXPECT_EQ(Status("dongfeng-02")["held_rows"].as_int64(), 2);

  // The clerk gives the duplicates up and carries the stick again.
  ASSERT_EQ(Station({"discard", "--dir", Dir("dongfeng-02"), "--held"}).exit_code, 0);
  std::string up2 = town_.root() + "/up2.gkb";
  ASSERT_EQ(Station({"bundle", "export", "--dir", Dir("dongfeng-02"), up2}).exit_code, 0);
  RunResult imported2 = Hub({"bundle", "import", "--dir", town_.hub_dir(), up2});
  EXPECT_EQ(imported2.exit_code, 0) << imported2.out << imported2.err;
  EXPECT_EQ(HubChangeSets(), (std::vector<std::string>{"dongfeng-01:1", "dongfeng-02:1"}));
  ASSERT_EQ(Hub({"approve", "--dir", town_.hub_dir(), "--all"}).exit_code, 0);
  std::string down2 = town_.root() + "/down2.gkb";
  json::object made2 = Json(Hub({"bundle", "export", "--dir", town_.hub_dir(), "--station",
                                 "dongfeng-02", down2, "--json"}));
  EXPECT_EQ(made2["refusals"].as_int64(), 0);
  json::object done = Json(Station({"bundle", "import", "--dir", Dir("dongfeng-02"), down2, "--json"}));
  EXPECT_EQ(std::string(done["outcome"].as_string()), "delivered");
  ASSERT_EQ(Station({"sync", "--dir", Dir("dongfeng-01")}).exit_code, 0);
  ExpectBothStationsConverged();
}

TEST_F(NeverWedgeTest, OverUsbRevokedThenReEnrolledWithANewKey) {
  std::string old_key = InitStation("dongfeng-01", "东风村");
  Enrol("dongfeng-01", "东风村", old_key);
  AddRow("dongfeng-01", "财务收支");
  std::string up1 = town_.root() + "/up1.gkb", down1 = town_.root() + "/down1.gkb";
  ASSERT_EQ(Station({"bundle", "export", "--dir", Dir("dongfeng-01"), up1}).exit_code, 0);
  ASSERT_EQ(Hub({"bundle", "import", "--dir", town_.hub_dir(), up1}).exit_code, 0);
  ASSERT_EQ(Hub({"bundle", "export", "--dir", town_.hub_dir(), "--station", "dongfeng-01", down1})
                .exit_code,
            0);
  ASSERT_EQ(Station({"bundle", "import", "--dir", Dir("dongfeng-01"), down1}).exit_code, 0);
  ASSERT_EQ(Hub({"station", "revoke", "--dir", town_.hub_dir(), "--id", "dongfeng-01", "--reason",
                 "笔记本电脑丢失"})
                .exit_code,
            0);

  AddRow("dongfeng-01", "低保对象名单");
  std::string up2 = town_.root() + "/up2.gkb", down2 = town_.root() + "/down2.gkb";
  ASSERT_EQ(Station({"bundle", "export", "--dir", Dir("dongfeng-01"), up2}).exit_code, 0);
  RunResult refused = Hub({"bundle", "import", "--dir", town_.hub_dir(), up2});
  EXPECT_EQ(refused.exit_code, 3) << refused.err;
  EXPECT_NE(refused.out.find("[station_revoked]"), std::string::npos) << refused.out;
  EXPECT_NE(refused.err.find("rekey"), std::string::npos) << refused.err;
  // The revocation travels back; the station is told, nothing is marked.
  json::object made = Json(Hub({"bundle", "export", "--dir", town_.hub_dir(), "--station",
                                "dongfeng-01", down2, "--json"}));
  EXPECT_EQ(made["refusals"].as_int64(), 1);
  RunResult told = Station({"bundle", "import", "--dir", Dir("dongfeng-01"), down2});
  EXPECT_EQ(told.exit_code, 9) << told.out << told.err;
  EXPECT_NE(told.err.find("[station_revoked]"), std::string::npos) << told.err;
  json::object st = Status("dongfeng-01");
  EXPECT_EQ(st["rejected"].as_int64(), 0) << "the second change set waits, unmarked";
  EXPECT_EQ(st["held_rows"].as_int64(), 0);
  EXPECT_EQ(std::string(st["hub_refusal"].as_object()["code"].as_string()), "station_revoked");
  EXPECT_EQ(Station({"check", "--dir", Dir("dongfeng-01")}).exit_code, 9);

  RunResult rekey = Station({"rekey", "--dir", Dir("dongfeng-01"), "--json"});
  ASSERT_EQ(rekey.exit_code, 0) << rekey.err;
  std::string new_key(json::parse(rekey.out).as_object()["verifier_key"].as_string());
  std::string up3 = town_.root() + "/up3.gkb", down3 = town_.root() + "/down3.gkb";
  ASSERT_EQ(Station({"bundle", "export", "--dir", Dir("dongfeng-01"), up3}).exit_code, 0);
  EXPECT_EQ(Hub({"bundle", "import", "--dir", town_.hub_dir(), up3}).exit_code, 3);
  RunResult add = Hub({"station", "add", "--dir", town_.hub_dir(), "--id", "dongfeng-01",
                       "--from-attempt"});
  ASSERT_EQ(add.exit_code, 0) << add.err;
  EXPECT_NE(add.out.find(new_key), std::string::npos) << add.out;
  json::object accepted = Json(Hub({"bundle", "import", "--dir", town_.hub_dir(), up3, "--json"}));
  EXPECT_EQ(accepted["accepted"].as_int64(), 1);
  EXPECT_EQ(HubChangeSets(), (std::vector<std::string>{"dongfeng-01:1", "dongfeng-01:2"}));
  ASSERT_EQ(Hub({"approve", "--dir", town_.hub_dir(), "--all"}).exit_code, 0);
  ASSERT_EQ(Hub({"bundle", "export", "--dir", town_.hub_dir(), "--station", "dongfeng-01", down3})
                .exit_code,
            0);
  RunResult done = Station({"bundle", "import", "--dir", Dir("dongfeng-01"), down3});
  EXPECT_EQ(done.exit_code, 0) << done.out << done.err;
  EXPECT_EQ(Station({"check", "--dir", Dir("dongfeng-01")}).exit_code, 0);
  EXPECT_EQ(HubRows(), 2u);
  EXPECT_EQ(std::string(Status("dongfeng-01")["catalog_hash"].as_string()), HubHash());
  ExpectAuditPasses();
}

}  // namespace
}  // namespace gongkai::testing
