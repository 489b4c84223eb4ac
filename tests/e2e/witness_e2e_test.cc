// A town hub, a county witness and auditors as real processes (docs/witness.md,
// docs/audit.md § 见证者): the hub sends every checkpoint to the witness, the
// cosignature rides /v1/checkpoint and `log export`, and an auditor given
// the witness key refuses what the witness did not cosign — a fork (two
// hubs sharing one log key), a rollback (the newest entry deleted) — while
// an old leaf rewritten is caught by the audit itself and by
// `gongkai-hub check`.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <boost/json.hpp>
#include <filesystem>
#include <thread>

#include "tests/testing/town.h"

namespace gongkai::testing {
namespace {

namespace fs = std::filesystem;
namespace json = boost::json;

// A witness key nobody runs (docs/formats/cosignature.md, known answer).
constexpr char kStrangerWitness[] =
    "county.example/witness+1c3085cd+BAOhB7/zzhC+HXDdGOdLwJln5NYwm6UNXx3chmQSVTG4";

class WitnessE2eTest : public WitnessedTownTest {
 protected:
  RunResult Verify(const std::string& url, const std::vector<std::string>& extra = {}) {
    std::vector<std::string> args = {
        "verify",        "--hub",  url,      "--hub-cert-sha256", town_.cert_sha256(), "--hub-key",
        town_.log_key(), "--json", "--quiet"};
    args.insert(args.end(), extra.begin(), extra.end());
    return town_.Audit(args);
  }
  // Polls until an audit requiring the witness passes (the hub's sender
  // runs every second); the last result.
  RunResult WaitWitnessed(const std::string& url, const std::vector<std::string>& extra = {}) {
    RunResult r;
    std::vector<std::string> args = {"--witness-key", witness_key_};
    args.insert(args.end(), extra.begin(), extra.end());
    for (int i = 0; i < 100; ++i) {
      r = Verify(url, args);
      if (r.exit_code == 0) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
    return r;
  }
  std::string ErrorCode(const RunResult& r) {
    json::value v = json::parse(r.out);
    return std::string(v.as_object()["error"].as_object()["code"].as_string());
  }
  uint64_t SizeOf(const RunResult& r) {
    return json::parse(r.out).as_object()["size"].to_number<uint64_t>();
  }
  void Sql(const std::string& db_path, const std::string& sql) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(db_path.c_str(), &db), SQLITE_OK);
    char* err = nullptr;
    EXPECT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err), SQLITE_OK) << err;
    sqlite3_free(err);
    sqlite3_close(db);
  }
  // An enrollment: one more log entry, signed by the administrator.
  void Enroll(const std::string& hub_dir, const std::string& id) {
    RunResult init = town_.Station(
        {"init", "--dir", tmp_.path() + "/" + id, "--id", id, "--unit", "村" + id, "--json"});
    ASSERT_EQ(init.exit_code, 0) << init.err;
    std::string vkey(json::parse(init.out).as_object()["verifier_key"].as_string());
    RunResult add = town_.Hub(
        {"station", "add", "--dir", hub_dir, "--id", id, "--unit", "村" + id, "--key", vkey});
    ASSERT_EQ(add.exit_code, 0) << add.err;
  }

  // A station of this town that requires `witness` (its key) to have
  // cosigned every checkpoint it accepts.
  std::string WitnessStation(const std::string& id, const std::string& witness,
                             const StationOptions& options = {}) {
    std::string dir = town_.AddStation(id, "村" + id, options);
    RunResult c = town_.Station({"config", "--dir", dir, "--witness-key", witness});
    EXPECT_EQ(c.exit_code, 0) << c.err;
    return dir;
  }
  json::object Status(const std::string& dir) {
    return town_.StationJson({"status", "--dir", dir}).as_object();
  }
  // exit 7, one alarm with `reason` recorded, catalog still at `version`.
  void ExpectAlarm(const RunResult& r, const std::string& dir, const std::string& reason,
                   int64_t version) {
    EXPECT_EQ(r.exit_code, 7) << r.out << r.err;
    EXPECT_NE(r.err.find(reason), std::string::npos) << r.err;
    EXPECT_EQ(r.err.find("hub_busy"), std::string::npos) << r.err;
    json::object st = Status(dir);
    ASSERT_GE(st["log_alarms"].as_array().size(), 1u) << json::serialize(st);
    EXPECT_EQ(st["log_alarms"].as_array().back().as_object()["reason"].as_string(), reason);
    EXPECT_EQ(st["catalog_version"].to_number<int64_t>(), version);
  }
};

TEST_F(WitnessE2eTest, AStationRequiringTheWitnessSyncsCosignedCatalogs) {
  std::string hongqi = WitnessStation("hongqi-01", witness_key_);
  town_.AddRow(hongqi, "财务收支");
  RunResult first = town_.Station({"sync", "--dir", hongqi});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  ASSERT_EQ(town_.Hub({"approve", "--dir", town_.hub_dir(), "--all"}).exit_code, 0);
  RunResult second = town_.Station({"sync", "--dir", hongqi});
  ASSERT_EQ(second.exit_code, 0) << second.err;
  EXPECT_EQ(Status(hongqi)["catalog_version"].to_number<int64_t>(), 1);
  // Syncing again at the same size, now with a refreshed or added
  // cosignature line, is the same checkpoint: no conflict.
  EXPECT_EQ(town_.Station({"sync", "--dir", hongqi}).exit_code, 0);
  // config shows what is required.
  json::object cfg = town_.StationJson({"config", "--dir", hongqi}).as_object();
  EXPECT_EQ(cfg["witness_keys"].as_array()[0].as_string(), witness_key_);
  EXPECT_EQ(cfg["witness_quorum"].to_number<int64_t>(), 1);
  // A station told of a witness this hub never asked: alarm, nothing applied.
  std::string dongfeng = WitnessStation("dongfeng-01", kStrangerWitness);
  ExpectAlarm(town_.Station({"sync", "--dir", dongfeng}), dongfeng, "checkpoint_not_witnessed", 0);
  // Bad witness settings are refused and change nothing.
  RunResult bad = town_.Station({"config", "--dir", hongqi, "--witness-key", town_.log_key()});
  EXPECT_EQ(bad.exit_code, 3) << bad.err;
  EXPECT_NE(bad.err.find("bad_witness_key"), std::string::npos);
  RunResult quorum = town_.Station({"config", "--dir", hongqi, "--witness-quorum", "2"});
  EXPECT_EQ(quorum.exit_code, 3) << quorum.err;
  cfg = town_.StationJson({"config", "--dir", hongqi}).as_object();
  EXPECT_EQ(cfg["witness_keys"].as_array().size(), 1u);
}

TEST_F(WitnessE2eTest, AStationRequiringTheWitnessRefusesAForkedHub) {
  ASSERT_EQ(WaitWitnessed(town_.url()).exit_code, 0);
  ASSERT_EQ(town_.Stop(), 0);
  const std::string dir_b = tmp_.path() + "/hub-b";
  fs::copy(town_.hub_dir(), dir_b, fs::copy_options::recursive);
  ASSERT_TRUE(town_.Serve());
  Enroll(town_.hub_dir(), "a-01");
  ASSERT_EQ(WaitWitnessed(town_.url()).exit_code, 0);
  // Hub B enrols the village station itself, and shows it its own history.
  HubProcess hub_b;
  ASSERT_TRUE(hub_b.Start(dir_b));
  const std::string url_b = "https://127.0.0.1:" + std::to_string(hub_b.port());
  RunResult init =
      town_.Station({"init", "--dir", tmp_.path() + "/village", "--id", "village-01", "--unit",
                     "村village", "--hub", url_b, "--hub-key", town_.log_key(), "--hub-cert-sha256",
                     town_.cert_sha256(), "--witness-key", witness_key_, "--json"});
  ASSERT_EQ(init.exit_code, 0) << init.err;
  std::string vkey(json::parse(init.out).as_object()["verifier_key"].as_string());
  ASSERT_EQ(town_
                .Hub({"station", "add", "--dir", dir_b, "--id", "village-01", "--unit", "村village",
                      "--key", vkey})
                .exit_code,
            0);
  ExpectAlarm(town_.Station({"sync", "--dir", tmp_.path() + "/village"}), tmp_.path() + "/village",
              "checkpoint_not_witnessed", 0);
}

TEST_F(WitnessE2eTest, AStationRequiringTheWitnessCatchesARollback) {
  std::string hongqi = WitnessStation("hongqi-01", witness_key_);
  ASSERT_EQ(WaitWitnessed(town_.url()).exit_code, 0);
  ASSERT_EQ(town_.Station({"sync", "--dir", hongqi}).exit_code, 0);
  RunResult seen = WaitWitnessed(town_.url());
  const uint64_t size = SizeOf(seen);
  const uint16_t port = town_.serve().port();  // the station knows this address
  ASSERT_EQ(town_.Stop(), 0);
  Sql(town_.hub_db(), "DELETE FROM log_entries WHERE idx = " + std::to_string(size - 1));
  ASSERT_TRUE(town_.Serve({"--no-self-check"}, port));
  ExpectAlarm(town_.Station({"sync", "--dir", hongqi}), hongqi, "checkpoint_rewound", 0);
}

TEST_F(WitnessE2eTest, AStationRequiringTheWitnessWorksOfflineWithCosignedBundles) {
  std::string hongqi = WitnessStation("hongqi-01", witness_key_);
  std::string other = WitnessStation("xinzhuang-01", witness_key_);
  town_.AddRow(hongqi, "财务收支");
  const std::string up = tmp_.path() + "/up.gkb";
  ASSERT_EQ(town_.Station({"bundle", "export", "--dir", hongqi, up}).exit_code, 0);
  ASSERT_EQ(town_.Hub({"bundle", "import", "--dir", town_.hub_dir(), up}).exit_code, 0);
  ASSERT_EQ(town_.Hub({"approve", "--dir", town_.hub_dir(), "--all"}).exit_code, 0);
  ASSERT_EQ(WaitWitnessed(town_.url()).exit_code, 0);
  // Without --cosigned the stick carries no cosignature: refused, alarm.
  const std::string plain = tmp_.path() + "/plain.gkb";
  ASSERT_EQ(town_.Hub({"bundle", "export", "--dir", town_.hub_dir(), plain}).exit_code, 0);
  ExpectAlarm(town_.Station({"bundle", "import", "--dir", other, plain}), other,
              "checkpoint_not_witnessed", 0);
  // With --cosigned it carries the witness's line and the village applies it.
  const std::string down = tmp_.path() + "/down.gkb";
  RunResult exported = town_.Hub(
      {"bundle", "export", "--dir", town_.hub_dir(), "--station", "hongqi-01", "--cosigned", down});
  ASSERT_EQ(exported.exit_code, 0) << exported.err;
  RunResult imported = town_.Station({"bundle", "import", "--dir", hongqi, down});
  ASSERT_EQ(imported.exit_code, 0) << imported.err;
  EXPECT_EQ(Status(hongqi)["catalog_version"].to_number<int64_t>(), 1);
}

TEST_F(WitnessE2eTest, CheckpointsAreCosignedAndAuditorsRequireIt) {
  std::string hongqi = town_.AddStation("hongqi-01", "红旗村");
  town_.AddRow(hongqi, "财务收支");
  ASSERT_EQ(town_.Station({"sync", "--dir", hongqi}).exit_code, 0);
  ASSERT_EQ(town_.Hub({"approve", "--dir", town_.hub_dir(), "--all"}).exit_code, 0);

  RunResult ok = WaitWitnessed(town_.url());
  ASSERT_EQ(ok.exit_code, 0) << ok.err << ok.out;
  json::object o = json::parse(ok.out).as_object();
  ASSERT_EQ(o["cosignatures"].as_array().size(), 1u);
  EXPECT_EQ(o["cosignatures"].as_array()[0].as_object()["witness"].as_string(), witness_key_);

  // The witness holds the same head.
  json::object wl =
      json::parse(town_.Witness({"list", "--dir", town_.witness_dir(), "--json"}).out).as_object();
  EXPECT_EQ(wl["logs"].as_array()[0].as_object()["size"].to_number<uint64_t>(), SizeOf(ok));
  // The hub shows where its witness is.
  json::object hl = town_.HubJson({"witness", "list", "--dir", town_.hub_dir()}).as_object();
  EXPECT_EQ(hl["witnesses"].as_array()[0].as_object()["cosigned_size"].to_number<uint64_t>(),
            SizeOf(ok));

  // A witness key the hub never asked: not witnessed, exit 1, evidence code.
  RunResult stranger = Verify(town_.url(), {"--witness-key", kStrangerWitness});
  EXPECT_EQ(stranger.exit_code, 1) << stranger.err;
  EXPECT_EQ(ErrorCode(stranger), "checkpoint_not_witnessed");
  // A quorum of two with one real witness: not enough.
  RunResult quorum = Verify(town_.url(), {"--witness-key", witness_key_, "--witness-key",
                                          kStrangerWitness, "--witness-quorum", "2"});
  EXPECT_EQ(quorum.exit_code, 1);
  EXPECT_EQ(ErrorCode(quorum), "checkpoint_not_witnessed");
  // Without --witness-key the same hub verifies as before.
  EXPECT_EQ(Verify(town_.url()).exit_code, 0);

  // The exported log carries the cosignature: offline verification too.
  const std::string file = tmp_.path() + "/baofeng.log";
  ASSERT_EQ(town_.Hub({"log", "export", "--dir", town_.hub_dir(), file}).exit_code, 0);
  RunResult offline = town_.Audit({"verify", "--file", file, "--hub-key", town_.log_key(),
                                   "--witness-key", witness_key_, "--json"});
  EXPECT_EQ(offline.exit_code, 0) << offline.err;
  // A witness key given where the log key is due, or the reverse: usage.
  EXPECT_EQ(town_
                .Audit({"verify", "--file", file, "--hub-key", town_.log_key(), "--witness-key",
                        town_.log_key()})
                .exit_code,
            2);
  // `witness send`: nothing to do while the cosignature is fresh.
  RunResult send = town_.Hub({"witness", "send", "--dir", town_.hub_dir()});
  EXPECT_EQ(send.exit_code, 0) << send.err;
  // The witness down and a new entry: send fails with one line, and the
  // error is shown by `witness list`; the hub goes on taking entries.
  ASSERT_EQ(town_.witness().Stop(), 0);
  Enroll(town_.hub_dir(), "dongfeng-01");
  RunResult down = town_.Hub({"witness", "send", "--dir", town_.hub_dir()});
  EXPECT_EQ(down.exit_code, 1);
  EXPECT_NE(down.err.find("witness_failed"), std::string::npos) << down.err;
  json::object dl = town_.HubJson({"witness", "list", "--dir", town_.hub_dir()}).as_object();
  EXPECT_NE(dl["witnesses"].as_array()[0].as_object()["last_error"].as_string(), "");
}

// The witness registered with a fingerprint that is not its certificate's
// (say it renewed it): `witness send` fails with one line and `witness
// list` says how this hub sets the pin again, not the station's command.
TEST_F(WitnessE2eTest, AWrongWitnessPinSaysHowTheHubSetsItAgain) {
  const std::string name = "county.example/w1";
  ASSERT_EQ(town_.Hub({"witness", "remove", "--dir", town_.hub_dir(), "--name", name}).exit_code,
            0);
  RunResult add =
      town_.Hub({"witness", "add", "--dir", town_.hub_dir(), "--url", town_.witness_url(), "--key",
                 witness_key_, "--cert-sha256", std::string(64, 'a')});
  ASSERT_EQ(add.exit_code, 0) << add.err;
  Enroll(town_.hub_dir(), "dongfeng-01");
  RunResult send = town_.Hub({"witness", "send", "--dir", town_.hub_dir()});
  EXPECT_EQ(send.exit_code, 1) << send.out << send.err;
  json::object list = town_.HubJson({"witness", "list", "--dir", town_.hub_dir()}).as_object();
  const std::string error(list["witnesses"].as_array()[0].as_object()["last_error"].as_string());
  EXPECT_NE(error.find(std::string(64, 'a')), std::string::npos) << error;
  EXPECT_NE(error.find("gongkai-hub witness remove --name " + name), std::string::npos) << error;
  EXPECT_EQ(error.find("gongkai-station"), std::string::npos) << error;
  EXPECT_EQ(error.find("公告"), std::string::npos) << error;
}

TEST_F(WitnessE2eTest, AForkOfTwoHubsSharingAKeyIsNotWitnessed) {
  ASSERT_EQ(WaitWitnessed(town_.url()).exit_code, 0);
  // Hub B: a copy of hub A (same log key, same certificate, same witness).
  ASSERT_EQ(town_.Stop(), 0);
  const std::string dir_b = tmp_.path() + "/hub-b";
  fs::copy(town_.hub_dir(), dir_b, fs::copy_options::recursive);
  fs::remove(dir_b + "/serve.port");
  ASSERT_TRUE(town_.Serve());
  // A and B append different entries at the same index.
  Enroll(town_.hub_dir(), "a-01");
  RunResult a = WaitWitnessed(town_.url());
  ASSERT_EQ(a.exit_code, 0) << a.err;
  Enroll(dir_b, "b-01");
  HubProcess hub_b;
  ASSERT_TRUE(hub_b.Start(dir_b));
  const std::string url_b = "https://127.0.0.1:" + std::to_string(hub_b.port());
  // B's own signature is fine, and without a witness B's history verifies.
  RunResult plain = Verify(url_b);
  ASSERT_EQ(plain.exit_code, 0) << plain.err;
  EXPECT_EQ(SizeOf(plain), SizeOf(a));
  // With the witness required it never does: the witness refused B.
  RunResult forked = WaitWitnessed(url_b);
  EXPECT_EQ(forked.exit_code, 1) << forked.out;
  EXPECT_EQ(ErrorCode(forked), "checkpoint_not_witnessed");
  // The witness kept B's attempt as evidence, and B knows it was refused.
  json::object wl =
      json::parse(town_.Witness({"list", "--dir", town_.witness_dir(), "--json"}).out).as_object();
  EXPECT_GE(wl["logs"].as_array()[0].as_object()["evidence"].to_number<int64_t>(), 1);
  RunResult b_list = town_.Hub({"witness", "list", "--dir", dir_b, "--json"});
  EXPECT_NE(b_list.out.find("witness_conflict"), std::string::npos) << b_list.out;
  // A is still witnessed.
  EXPECT_EQ(Verify(town_.url(), {"--witness-key", witness_key_}).exit_code, 0);
}

TEST_F(WitnessE2eTest, ARollbackIsRefusedOnceItsCosignatureIsStale) {
  RunResult before = WaitWitnessed(town_.url());
  ASSERT_EQ(before.exit_code, 0) << before.err;
  const uint64_t size = SizeOf(before);
  std::this_thread::sleep_for(std::chrono::seconds(3));
  Enroll(town_.hub_dir(), "late-01");
  RunResult grown = WaitWitnessed(town_.url());
  ASSERT_EQ(grown.exit_code, 0);
  ASSERT_EQ(SizeOf(grown), size + 1);
  // The newest entry deleted by hand; the hub serves anyway (a hub that lies).
  ASSERT_EQ(town_.Stop(), 0);
  Sql(town_.hub_db(), "DELETE FROM log_entries WHERE idx = " + std::to_string(size));
  RunResult check = town_.Hub({"check", "--dir", town_.hub_dir()});
  EXPECT_EQ(check.exit_code, 7) << check.out << check.err;
  ASSERT_TRUE(town_.Serve({"--no-self-check"}));
  // The hub can only show the old checkpoint, cosigned ≥ 3 s ago; the
  // witness refuses to go back, so it is never cosigned again.
  RunResult rolled = Verify(town_.url(), {"--witness-key", witness_key_, "--witness-max-age", "2"});
  EXPECT_EQ(rolled.exit_code, 1) << rolled.out;
  EXPECT_EQ(ErrorCode(rolled), "checkpoint_not_witnessed");
  // The hub's sender saw the witness ahead of the log and says so.
  std::string listed;
  for (int i = 0; i < 50 && listed.find("witness_ahead") == std::string::npos; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    listed = town_.Hub({"witness", "list", "--dir", town_.hub_dir(), "--json"}).out;
  }
  EXPECT_NE(listed.find("witness_ahead"), std::string::npos) << listed;
}

TEST_F(WitnessE2eTest, AnOldLeafRewrittenIsCaughtDespiteItsCosignature) {
  ASSERT_EQ(WaitWitnessed(town_.url()).exit_code, 0);
  ASSERT_EQ(town_.Stop(), 0);
  Sql(town_.hub_db(), "UPDATE log_entries SET entry = x'00' WHERE idx = 0");
  RunResult check = town_.Hub({"check", "--dir", town_.hub_dir()});
  EXPECT_EQ(check.exit_code, 7);
  ASSERT_TRUE(town_.Serve({"--no-self-check"}));
  RunResult r = Verify(town_.url(), {"--witness-key", witness_key_});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
}

}  // namespace
}  // namespace gongkai::testing
