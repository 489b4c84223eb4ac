// gongkai-audit against a real `gongkai-hub serve` (end to end, processes
// on loopback): a good log verifies and resumes; a changed, deleted or
// swapped entry in the hub's database, a forked history and a rewound one
// all fail with exit status 1, naming the first bad entry; an exported
// log verifies offline; `history` shows one row's verified story.
#include <gtest/gtest.h>

#include <filesystem>
#include <functional>

#include "core/base/hex.h"
#include "core/log/log_export.h"
#include "core/store/atomic_file.h"
#include "tests/hub/hub_testing.h"
#include "tests/hub/log_fixture.h"
#include "tests/testing/process.h"

namespace gongkai::hub::testing {
namespace {

namespace fs = std::filesystem;

class LogAuditProcessTest : public LogFixture {
 protected:
  void SetUp() override {
    signal(SIGPIPE, SIG_IGN);
    LogFixture::SetUp();
    audit_ = BinaryPath("station/gongkai-audit");
    ASSERT_EQ(access(audit_.c_str(), X_OK), 0)
        << "gongkai-audit is not built (cmake --build BUILD --target gongkai-audit)";
  }

  RunResult Audit(std::vector<std::string> args) {
    args.insert(args.begin(), audit_);
    return RunProgram(args, tmp_.path(), std::chrono::seconds(60));
  }
  std::vector<std::string> HubFlags(const HubProcess& hub) {
    return {"--hub",
            "https://127.0.0.1:" + std::to_string(hub.port()),
            "--hub-cert-sha256",
            HexEncode(identity_.cert_sha256),
            "--hub-key",
            identity_.log_key.ToString()};
  }
  RunResult Verify(const HubProcess& hub, std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {"verify"};
    for (const std::string& a : HubFlags(hub)) args.push_back(a);
    args.push_back("--json");
    args.insert(args.end(), extra.begin(), extra.end());
    return Audit(args);
  }
  // gongkai-hub check --json with `extra` flags.
  RunResult Check(std::vector<std::string> extra = {}) {
    std::vector<std::string> a = {BinaryPath("hub/gongkai-hub"), "check", "--dir", paths_.dir,
                                  "--json"};
    a.insert(a.end(), extra.begin(), extra.end());
    return RunProgram(a, tmp_.path());
  }
  // A copy of hub.db to put back between damages (Restore).
  std::string Backup() {
    const std::string backup = tmp_.path() + "/good.db";
    EXPECT_EQ(RunProgram({"sqlite3", db_path(), ".backup '" + backup + "'"}, tmp_.path()).exit_code,
              0);
    return backup;
  }
  void Restore(const std::string& backup) {
    ASSERT_EQ(
        RunProgram({"sqlite3", db_path(), ".restore '" + backup + "'"}, tmp_.path()).exit_code, 0);
  }
  static boost::json::object Out(const RunResult& r) {
    boost::system::error_code ec;
    auto v = boost::json::parse(r.out, ec);
    EXPECT_FALSE(ec) << r.out << r.err;
    return ec ? boost::json::object() : v.as_object();
  }
  // Expects a verification failure (exit 1) naming entry `index`.
  void ExpectBadEntry(const RunResult& r, uint64_t index, const std::string& code = "") {
    EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
    auto o = Out(r);
    ASSERT_TRUE(o.contains("error")) << r.out;
    auto& e = o["error"].as_object();
    if (!code.empty()) {
      EXPECT_EQ(e["code"].as_string(), code) << r.out;
    }
    ASSERT_TRUE(e.contains("index")) << r.out << r.err;
    EXPECT_EQ(e["index"].as_int64(), static_cast<int64_t>(index)) << r.out;
    EXPECT_NE(r.err.find("第一条有问题的记录: 第 " + std::to_string(index) + " 条"),
              std::string::npos)
        << r.err;
  }

  // `gongkai-hub log export` of the hub's log to `file`.
  void ExportLog(const std::string& file) {
    RunResult ex = RunProgram(
        {BinaryPath("hub/gongkai-hub"), "log", "export", "--dir", paths_.dir, "--json", file},
        tmp_.path());
    ASSERT_EQ(ex.exit_code, 0) << ex.out << ex.err;
  }
  // Verifies `file` with the hub's key; extra flags after --json.
  RunResult VerifyFile(const std::string& file, std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {
        "verify", "--file", file, "--hub-key", identity_.log_key.ToString(), "--json"};
    args.insert(args.end(), extra.begin(), extra.end());
    return Audit(args);
  }
  Bytes Entry(uint64_t i) { return (*ReadLogEntry(*db_, i))->entry; }
  void SetEntry(uint64_t i, const Bytes& b) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(db_path().c_str(), &db), SQLITE_OK);
    sqlite3_stmt* st = nullptr;
    sqlite3_prepare_v2(db, "UPDATE log_entries SET entry = ? WHERE idx = ?", -1, &st, nullptr);
    sqlite3_bind_blob(st, 1, b.data(), static_cast<int>(b.size()), SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 2, static_cast<int64_t>(i));
    EXPECT_EQ(sqlite3_step(st), SQLITE_DONE);
    sqlite3_finalize(st);
    sqlite3_close(db);
  }

  std::string audit_;
};

TEST_F(LogAuditProcessTest, VerifiesARealHubThenResumesFromItsState) {
  BuildHistory();
  HubProcess hub;
  ASSERT_TRUE(hub.Start(paths_.dir));
  std::string state = tmp_.path() + "/audit.state";
  RunResult r = Verify(hub, {"--state", state});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  auto o = Out(r);
  EXPECT_EQ(o["size"].as_int64(), 10);
  EXPECT_EQ(o["catalog_version"].as_int64(), 2);
  EXPECT_EQ(o["catalog_hash"].as_string(), HexEncode(catalog_.Hash()));
  EXPECT_EQ(o["verified_now"].as_int64(), 10);
  EXPECT_TRUE(o["previous_size"].is_null());

  Upload(dongfeng_, {SetContact(RowId(12), catalog_.Find(RowId(12))->Get(Field::kContact), "110")});
  RunResult again = Verify(hub, {"--state", state});
  ASSERT_EQ(again.exit_code, 0) << again.out << again.err;
  auto a = Out(again);
  EXPECT_EQ(a["size"].as_int64(), 11);
  EXPECT_EQ(a["resumed_from"].as_int64(), 10);
  EXPECT_EQ(a["verified_now"].as_int64(), 1);
  EXPECT_EQ(a["previous_size"].as_int64(), 10);

  RunResult text = Audit({"verify", "--hub", "https://127.0.0.1:" + std::to_string(hub.port()),
                          "--hub-cert-sha256", HexEncode(identity_.cert_sha256), "--hub-key",
                          identity_.log_key.ToString()});
  EXPECT_EQ(text.exit_code, 0) << text.err;
  EXPECT_NE(text.out.find("核验通过"), std::string::npos) << text.out;
  EXPECT_EQ(hub.Stop(), 0);
}

TEST_F(LogAuditProcessTest, AChangedEntryIsNamed) {
  BuildHistory();
  Bytes e = Entry(6);
  e.back() ^= 0x01;  // the last byte of the station's signature
  SetEntry(6, e);
  HubProcess hub;
  ASSERT_TRUE(hub.Start(paths_.dir, {"--no-self-check"}));  // a hub that lies
  RunResult r = Verify(hub);
  ExpectBadEntry(r, 6, "bad_signature");
  // The served entry is not the one the hub's signed tree holds.
  EXPECT_NE(r.err.find("不是集镇中心签名的检查点所承诺的那一条"), std::string::npos) << r.err;
}

TEST_F(LogAuditProcessTest, ADeletedEntryIsNamed) {
  BuildHistory();
  // Delete entry 4 and renumber the rest, as a careful forger would.
  Sql("DELETE FROM log_entries WHERE idx = 4;"
      "UPDATE log_entries SET idx = idx + 999999 WHERE idx > 4;"
      "UPDATE log_entries SET idx = idx - 1000000 WHERE idx >= 1000000;");
  HubProcess hub;
  ASSERT_TRUE(hub.Start(paths_.dir, {"--no-self-check"}));  // a hub that lies
  ExpectBadEntry(Verify(hub), 4);
}

TEST_F(LogAuditProcessTest, ADeletedEntryLeavingAHoleIsNamed) {
  BuildHistory();
  Sql("DELETE FROM log_entries WHERE idx = 7");
  HubProcess hub;
  ASSERT_TRUE(hub.Start(paths_.dir, {"--no-self-check"}));  // a hub that lies
  ExpectBadEntry(Verify(hub), 7, "log_entry_missing");
}

TEST_F(LogAuditProcessTest, TwoSwappedEntriesAreNamedByTheMerkleTree) {
  BuildHistory();
  // Two enrollments: each is valid in either order, so only the tree the
  // hub signed can tell.
  Bytes one = Entry(1), two = Entry(2);
  SetEntry(1, two);
  SetEntry(2, one);
  HubProcess hub;
  ASSERT_TRUE(hub.Start(paths_.dir, {"--no-self-check"}));  // a hub that lies
  RunResult r = Verify(hub);
  ExpectBadEntry(r, 1, "root_mismatch");
}

TEST_F(LogAuditProcessTest, AForkedAndARewoundHistoryAreRefusedWithState) {
  // Three copies of the same hub (same log key, same certificate) share
  // entries [0, 3); A and B then append different change sets.
  api_.reset();
  ingest_->Stop();
  std::string dir_b = tmp_.path() + "/hub-b", dir_c = tmp_.path() + "/hub-c";
  fs::copy(paths_.dir, dir_b, fs::copy_options::recursive);
  fs::copy(paths_.dir, dir_c, fs::copy_options::recursive);
  auto append = [&](const std::string& dir, const std::string& contact) {
    Result<HubDb> db = HubDb::Open(HubPaths{dir}.db());
    ASSERT_TRUE(db.ok());
    ChangeSet cs = hongqi_.Next({CreateRow(RowId(40), "红旗村")}, contact);
    Transaction tx(db->db());
    ASSERT_TRUE(AppendLogEntry(*db, EnvelopeKind::kChangeSet, hongqi_.Seal(cs), 1).ok());
    ASSERT_TRUE(tx.Commit().ok());
  };
  append(paths_.dir, "A 看到的");
  append(dir_b, "B 看到的");

  std::string state = tmp_.path() + "/audit.state";
  {
    HubProcess a;
    ASSERT_TRUE(a.Start(paths_.dir));
    RunResult r = Verify(a, {"--state", state});
    ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
    EXPECT_EQ(a.Stop(), 0);
  }
  Result<std::string> before = ReadFile(state, 1 << 24);
  ASSERT_TRUE(before.ok());
  {
    HubProcess b;
    ASSERT_TRUE(b.Start(dir_b));
    RunResult r = Verify(b, {"--state", state});
    ExpectBadEntry(r, 3, "history_forked");
    EXPECT_NE(r.err.find("分叉"), std::string::npos) << r.err;
    EXPECT_EQ(b.Stop(), 0);
  }
  {
    HubProcess c;
    ASSERT_TRUE(c.Start(dir_c));
    RunResult r = Verify(c, {"--state", state});
    ExpectBadEntry(r, 3, "history_rewound");
    EXPECT_EQ(c.Stop(), 0);
  }
  // Refusals leave the state as it was: A still verifies, B still does not.
  EXPECT_EQ(*ReadFile(state, 1 << 24), *before);
}

TEST_F(LogAuditProcessTest, AnExportedLogVerifiesOffline) {
  BuildHistory();
  std::string file = tmp_.path() + "/town.log";
  ASSERT_NO_FATAL_FAILURE(ExportLog(file));
  RunResult r = VerifyFile(file);
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(Out(r)["size"].as_int64(), 10);

  std::string bytes = *ReadFile(file, 1 << 24);
  bytes.back() ^= 0x01;  // the last entry's signature
  WriteBinary(file, bytes);
  ExpectBadEntry(VerifyFile(file), 9, "bad_signature");
}

// --jobs only changes how many threads verify signatures: the same
// verdict, the same state file, the same first bad entry; a bad value is a
// usage error that reads nothing.
TEST_F(LogAuditProcessTest, JobsGiveTheSameVerdictsAsOneThread) {
  BuildHistory();
  std::string file = tmp_.path() + "/town.log";
  ASSERT_NO_FATAL_FAILURE(ExportLog(file));
  auto verify = [&](const std::string& jobs, const std::string& state) {
    return VerifyFile(file, {"--jobs", jobs, "--state", state});
  };
  const std::string state1 = tmp_.path() + "/one.state", state4 = tmp_.path() + "/four.state";
  RunResult one = verify("1", state1);
  RunResult four = verify("4", state4);
  ASSERT_EQ(one.exit_code, 0) << one.out << one.err;
  ASSERT_EQ(four.exit_code, 0) << four.out << four.err;
  auto o1 = Out(one), o4 = Out(four);
  EXPECT_EQ(o4["size"].as_int64(), 10);
  EXPECT_EQ(o4["root"], o1["root"]);
  EXPECT_EQ(o4["catalog_hash"], o1["catalog_hash"]);
  EXPECT_EQ(*ReadFile(state4, 1 << 24), *ReadFile(state1, 1 << 24));

  std::string bytes = *ReadFile(file, 1 << 24);
  bytes.back() ^= 0x01;  // the last entry's signature
  WriteBinary(file, bytes);
  for (const char* jobs : {"1", "2", "8"}) {
    SCOPED_TRACE(jobs);
    ExpectBadEntry(VerifyFile(file, {"--jobs", jobs}), 9, "bad_signature");
  }

  const std::string untouched = tmp_.path() + "/untouched.state";
  for (const char* bad : {"0", "-1", "257", "two", ""}) {
    SCOPED_TRACE(bad);
    RunResult r = verify(bad, untouched);
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_NE(r.err.find("[bad_jobs]"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("--jobs"), std::string::npos) << r.err;
  }
  EXPECT_FALSE(fs::exists(untouched));
}

// Two entries swapped in an exported file: each is valid where it stands,
// only the signed root tells. A file's own tree cannot say which entry
// differs, so none is named — never entry 0 when 1 and 2 were swapped.
TEST_F(LogAuditProcessTest, SwappedEntriesInAFileAreRefusedWithoutNamingAWrongEntry) {
  BuildHistory();
  std::string file = tmp_.path() + "/swapped.log";
  ASSERT_NO_FATAL_FAILURE(ExportLog(file));
  std::string raw = *ReadFile(file, 1 << 24);
  LogExport log = DecodeLogExport(Bytes(raw.begin(), raw.end())).value();
  std::swap(log.entries[1], log.entries[2]);
  Bytes swapped = EncodeLogExport(log);
  WriteBinary(file, std::string(swapped.begin(), swapped.end()));
  RunResult r = VerifyFile(file);
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  auto e = Out(r)["error"].as_object();
  EXPECT_EQ(e["code"].as_string(), "root_mismatch");
  EXPECT_FALSE(e.contains("index")) << r.out;
  EXPECT_EQ(r.err.find("第一条有问题的记录"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("verify --hub"), std::string::npos) << r.err;
}

// verify --state used to download only new entries, so an old entry
// rewritten later (under the same signed checkpoints) passed. Each run now
// re-reads earlier entries and compares them with what it verified before.
TEST_F(LogAuditProcessTest, ResumingRereadsEarlierEntriesAndCatchesARewrittenOne) {
  BuildHistory();
  std::string file = tmp_.path() + "/town.log";
  RunResult ex = RunProgram(
      {BinaryPath("hub/gongkai-hub"), "log", "export", "--dir", paths_.dir, "--json", file},
      tmp_.path());
  ASSERT_EQ(ex.exit_code, 0) << ex.out << ex.err;
  std::string state = tmp_.path() + "/audit.state";
  auto verify = [&](std::vector<std::string> extra) {
    std::vector<std::string> a = {"verify", "--file", file, "--hub-key",
                                  identity_.log_key.ToString(), "--state", state, "--json"};
    a.insert(a.end(), extra.begin(), extra.end());
    return Audit(a);
  };
  RunResult first = verify({});
  ASSERT_EQ(first.exit_code, 0) << first.out << first.err;
  EXPECT_EQ(Out(first)["rechecked"].as_int64(), 0);
  RunResult again = verify({});
  ASSERT_EQ(again.exit_code, 0) << again.out << again.err;
  EXPECT_EQ(Out(again)["rechecked"].as_int64(), 10) << "a log smaller than the sample: all of it";

  std::string raw = *ReadFile(file, 1 << 24);
  LogExport log = DecodeLogExport(Bytes(raw.begin(), raw.end())).value();
  log.entries[3].back() ^= 0x01;  // same checkpoint, same size: only the bytes differ
  Bytes changed = EncodeLogExport(log);
  WriteBinary(file, std::string(changed.begin(), changed.end()));
  for (std::vector<std::string> extra : {std::vector<std::string>{},
                                         std::vector<std::string>{"--full"}}) {
    SCOPED_TRACE(extra.empty() ? "sample" : "full");
    ExpectBadEntry(verify(extra), 3, "entry_rewritten");
  }
  RunResult both = verify({"--full", "--sample", "5"});
  EXPECT_EQ(both.exit_code, 2) << both.err;
  RunResult bad = verify({"--sample", "x"});
  EXPECT_EQ(bad.exit_code, 2) << bad.err;
}

// The same damage in the hub's database, served by a hub that does not
// check itself: the auditor's resumed run names the rewritten entry.
TEST_F(LogAuditProcessTest, ResumingAgainstADamagedHubNeverPasses) {
  BuildHistory();
  HubProcess hub;
  ASSERT_TRUE(hub.Start(paths_.dir));
  std::string state = tmp_.path() + "/audit.state";
  ASSERT_EQ(Verify(hub, {"--state", state}).exit_code, 0);
  EXPECT_EQ(hub.Stop(), 0);
  Bytes e = Entry(3);
  e.back() ^= 0x01;
  SetEntry(3, e);
  HubProcess lying;
  ASSERT_TRUE(lying.Start(paths_.dir, {"--no-self-check"}));
  RunResult r = Verify(lying, {"--state", state});
  ExpectBadEntry(r, 3, "entry_rewritten");
  EXPECT_EQ(lying.Stop(), 0);
}

TEST_F(LogAuditProcessTest, HistoryShowsWhoChangedARowAndWhoDecided) {
  BuildHistory();
  HubProcess hub;
  ASSERT_TRUE(hub.Start(paths_.dir));
  std::vector<std::string> args = {"history"};
  for (const std::string& a : HubFlags(hub)) args.push_back(a);
  args.push_back(RowId(11));
  RunResult text = Audit(args);
  ASSERT_EQ(text.exit_code, 0) << text.out << text.err;
  EXPECT_NE(text.out.find("站点 hongqi-01 的第 1 号变更集"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("修改「" + std::string(Spec(Field::kContact).label) + "」"),
            std::string::npos)
      << text.out;
  EXPECT_NE(text.out.find("已批准，进入第 2 版 — 管理员 zhang"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("已退回"), std::string::npos);
  EXPECT_NE(text.out.find("号码有误"), std::string::npos);

  args.push_back("--json");
  RunResult json = Audit(args);
  ASSERT_EQ(json.exit_code, 0) << json.err;
  auto o = Out(json);
  auto& changes = o["changes"].as_array();
  ASSERT_EQ(changes.size(), 3u);
  EXPECT_EQ(changes[0].as_object().at("kind").as_string(), "create");
  auto& set = changes[1].as_object();
  EXPECT_EQ(set.at("field").as_string(), "contact");
  EXPECT_EQ(set.at("new_value").as_string(), "0375-1234567");
  EXPECT_EQ(set.at("decision").as_object().at("state").as_string(), "approved");
  EXPECT_EQ(set.at("decision").as_object().at("version").as_int64(), 2);
  auto& rejected = changes[2].as_object().at("decision").as_object();
  EXPECT_EQ(rejected.at("state").as_string(), "rejected");
  EXPECT_EQ(rejected.at("reason").as_string(), "号码有误");
  EXPECT_EQ(rejected.at("admin").as_string(), "zhang");
  EXPECT_FALSE(o["key_from_genesis"].as_bool());

  // The id as lists show it: a prefix. Here every id starts 00000000-…, so
  // the 8 digits name several rows: exit 4 with the candidates, never "no
  // changes"; a prefix nothing starts with: exit 4, unknown_row.
  auto with_id = [&](const std::string& id) {
    std::vector<std::string> a = {"history"};
    for (const std::string& f : HubFlags(hub)) a.push_back(f);
    a.push_back("--json");
    a.push_back(id);
    return Audit(a);
  };
  RunResult ambiguous = with_id("00000000");
  EXPECT_EQ(ambiguous.exit_code, 4) << ambiguous.err;
  auto amb = Out(ambiguous)["error"].as_object();
  EXPECT_EQ(amb["code"].as_string(), "ambiguous_id");
  EXPECT_GE(amb["candidates"].as_array().size(), 2u);
  EXPECT_NE(ambiguous.err.find(RowId(11)), std::string::npos) << ambiguous.err;
  RunResult unknown = with_id("ffffffff");
  EXPECT_EQ(unknown.exit_code, 4) << unknown.err;
  EXPECT_EQ(Out(unknown)["error"].as_object()["code"].as_string(), "unknown_row");
  EXPECT_EQ(unknown.out.find("changes"), std::string::npos);
  RunResult three_digits = with_id("000");
  EXPECT_EQ(three_digits.exit_code, 4) << "too short to be a prefix";
  EXPECT_EQ(Out(three_digits)["error"].as_object()["code"].as_string(), "unknown_row");
}

TEST_F(LogAuditProcessTest, WrongPinKeyOrUsageGetDistinctExitStatuses) {
  HubProcess hub;
  ASSERT_TRUE(hub.Start(paths_.dir));
  std::string url = "https://127.0.0.1:" + std::to_string(hub.port());
  RunResult no_pin = Audit({"verify", "--hub", url, "--hub-key", identity_.log_key.ToString()});
  EXPECT_EQ(no_pin.exit_code, 2) << no_pin.err;
  EXPECT_NE(no_pin.err.find("--hub-cert-sha256"), std::string::npos);
  RunResult bad_pin = Audit({"verify", "--hub", url, "--hub-cert-sha256", std::string(64, 'a'),
                             "--hub-key", identity_.log_key.ToString(), "--json"});
  EXPECT_EQ(bad_pin.exit_code, 3) << bad_pin.err;
  EXPECT_EQ(Out(bad_pin)["error"].as_object()["code"].as_string(), "cert_pin_mismatch");
  // The auditor is told its own next step, not the station's.
  const std::string pin_message(Out(bad_pin)["error"].as_object()["message"].as_string());
  EXPECT_NE(pin_message.find("--hub-cert-sha256 再运行"), std::string::npos) << pin_message;
  EXPECT_EQ(pin_message.find("gongkai-station"), std::string::npos) << pin_message;
  // A key that is not the hub's: the checkpoint does not verify.
  PrivateKey other = KeyFromByte(0x77);
  RunResult bad_key =
      Audit({"verify", "--hub", url, "--hub-cert-sha256", HexEncode(identity_.cert_sha256),
             "--hub-key", MakeVerifierKey(identity_.origin, other.public_key()).ToString()});
  EXPECT_EQ(bad_key.exit_code, 1) << bad_key.err;
  RunResult help = Audit({"--help"});
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.out.find("例子"), std::string::npos);
  RunResult version = Audit({"--version"});
  EXPECT_EQ(version.exit_code, 0);
  EXPECT_EQ(version.out.rfind("gongkai-audit ", 0), 0u);
}

// The hub checks itself (hub/log/store_check.h): each way of damaging its
// store by hand is found by `gongkai-hub check` (exit 7, the first bad
// index named where there is one), and `serve` and `log export` refuse to
// hand it out as good.
TEST_F(LogAuditProcessTest, TheHubFindsItsOwnDamageAndRefusesToServeIt) {
  std::string hub_bin = BinaryPath("hub/gongkai-hub");
  auto check = [&](bool full) {
    return Check(full ? std::vector<std::string>{"--full"} : std::vector<std::string>{});
  };
  BuildHistory();
  RunResult sound = check(true);
  ASSERT_EQ(sound.exit_code, 0) << sound.out << sound.err;
  EXPECT_EQ(Out(sound)["entries"].as_int64(), 10);
  ASSERT_EQ(check(false).exit_code, 0);
  {
    // A checkpoint signed for the whole log, as any served request does.
    HubProcess hub;
    ASSERT_TRUE(hub.Start(paths_.dir));
    ASSERT_EQ(Verify(hub).exit_code, 0);
    EXPECT_EQ(hub.Stop(), 0);
  }
  // Backup and restore through SQLite itself (other connections are open).
  const std::string backup = Backup();
  auto restore = [&] { Restore(backup); };
  struct Damage {
    const char* what;
    std::function<void()> apply;
    std::optional<int64_t> index;
  };
  std::vector<Damage> damages = {
      {"the newest entry deleted", [&] { Sql("DELETE FROM log_entries WHERE idx = 9"); }, 9},
      {"an old entry rewritten",
       [&] {
         Bytes e = Entry(3);
         e.back() ^= 0x01;
         SetEntry(3, e);
       },
       3},
      {"an approved row deleted",
       [&] { Sql("DELETE FROM approved_rows WHERE id = '" + RowId(12) + "'"); }, std::nullopt},
  };
  for (const Damage& d : damages) {
    SCOPED_TRACE(d.what);
    restore();
    d.apply();
    for (bool full : {false, true}) {
      RunResult r = check(full);
      EXPECT_EQ(r.exit_code, 7) << r.out << r.err;
      auto e = Out(r)["error"].as_object();
      EXPECT_EQ(e["code"].as_string(), "db_corrupt");
      if (d.index) {
        ASSERT_TRUE(e.contains("index")) << r.out;
        EXPECT_EQ(e["index"].as_int64(), *d.index);
        EXPECT_NE(r.err.find("第一条有问题的日志记录: 第 " + std::to_string(*d.index) + " 条"),
                  std::string::npos)
            << r.err;
      }
    }
    RunResult serve = RunProgram({hub_bin, "serve", "--dir", paths_.dir, "--listen", "127.0.0.1:0"},
                                 tmp_.path(), std::chrono::seconds(30));
    EXPECT_EQ(serve.exit_code, 7) << serve.out << serve.err;
    EXPECT_NE(serve.err.find("[db_corrupt]"), std::string::npos) << serve.err;
    std::string out = tmp_.path() + "/damaged.log";
    RunResult ex = RunProgram({hub_bin, "log", "export", "--dir", paths_.dir, out}, tmp_.path());
    EXPECT_EQ(ex.exit_code, 7) << ex.err;
    EXPECT_FALSE(fs::exists(out)) << "nothing exported";
  }
  restore();
  EXPECT_EQ(check(true).exit_code, 0) << "the backup is sound again";

  // Damaged while serving: the entry is not served as good.
  HubProcess hub;
  ASSERT_TRUE(hub.Start(paths_.dir));
  Bytes e = Entry(3);
  e.back() ^= 0x01;
  SetEntry(3, e);
  RunResult audit = Verify(hub);
  EXPECT_NE(audit.exit_code, 0) << audit.out;
  EXPECT_NE(audit.err.find("db_corrupt"), std::string::npos) << audit.err;
  EXPECT_NE(audit.err.find("3"), std::string::npos) << audit.err;
  EXPECT_EQ(hub.Stop(), 0);
}

// A stored Merkle node that no signed root reads (inside a perfect subtree
// the roots take whole) is still what `serve` builds proofs from: the full
// check recomputes every node from the entries and names the first leaf
// under the bad one. Damage a load finds by itself (an approved row that
// does not decode) is reported with its own reason and message, never an
// empty one.
TEST_F(LogAuditProcessTest, AFullCheckRecomputesEveryStoredNodeAndNamesNestedDamage) {
  BuildHistory();
  RunResult sound = Check({"--full"});
  ASSERT_EQ(sound.exit_code, 0) << sound.out << sound.err;
  EXPECT_GT(Out(sound)["nodes_checked"].as_int64(), Out(sound)["entries"].as_int64())
      << "the leaves and the nodes above them";
  const std::string backup = Backup();

  Sql("UPDATE merkle_nodes SET hash = zeroblob(32) WHERE level = 1 AND idx = 0");
  const Hash32 damaged = TablesDigest(db_path(), {"merkle_nodes"});
  RunResult node = Check({"--full"});
  EXPECT_EQ(node.exit_code, 7) << node.out << node.err;
  auto e = Out(node)["error"].as_object();
  EXPECT_EQ(e["code"].as_string(), "db_corrupt");
  EXPECT_EQ(e["index"].as_int64(), 0) << "the first leaf under node (1, 0)";
  EXPECT_NE(node.err.find("默克尔树节点（第 1 层第 0 个）"), std::string::npos) << node.err;
  EXPECT_EQ(TablesDigest(db_path(), {"merkle_nodes"}), damaged) << "the check wrote nothing";

  Restore(backup);
  Sql("UPDATE approved_rows SET body = x'00' WHERE id = (SELECT min(id) FROM approved_rows)");
  for (const char* mode : {"", "--full"}) {
    SCOPED_TRACE(mode);
    RunResult nested = Check(*mode ? std::vector<std::string>{mode} : std::vector<std::string>{});
    EXPECT_EQ(nested.exit_code, 7) << nested.out << nested.err;
    auto n = Out(nested)["error"].as_object();
    EXPECT_EQ(n["code"].as_string(), "db_corrupt") << nested.out;
    EXPECT_FALSE(n["message"].as_string().empty()) << nested.out;
    EXPECT_EQ(nested.err.find("错误:  []"), std::string::npos) << nested.err;
  }
}

// The rows' history (row_changes, the public /rows/{id} pages) is derived
// from the log: a full check indexes the log again and finds any history
// rewritten, removed or made up, naming the log index; the quick check at
// `serve` does not look. --rebuild-row-history puts it back from the log.
TEST_F(LogAuditProcessTest, AFullCheckFindsRewrittenRowHistoryAndRebuildsItFromTheLog) {
  BuildHistory();
  RunResult sound = Check({"--full"});
  ASSERT_EQ(sound.exit_code, 0) << sound.out << sound.err;
  EXPECT_EQ(Out(sound)["history_rows_checked"].as_int64(), 4) << "four ops in four change sets";
  EXPECT_FALSE(Out(sound)["row_history_rebuilt"].as_bool());
  const std::string backup = Backup();
  struct Damage {
    const char* what;
    std::string sql;
  };
  const std::vector<Damage> damages = {
      {"a value rewritten",
       "UPDATE row_changes SET new_value = '0375-0000000' WHERE new_value = '0375-1234567'"},
      {"a rejection turned into an approval",
       "UPDATE row_changes SET state = 1, reason = NULL WHERE state = 2"},
      {"a change removed", "DELETE FROM row_changes WHERE new_value = '0375-7654321'"},
      {"a change made up",
       "INSERT INTO row_changes SELECT row_id, log_index, op_index + 1, changeset, station, seq, "
       "created_at, note, kind, field, old_value, '0375-9999999', created_row, retire_base, state, "
       "decision_index, version, admin, decided_at, reason, resolution, resolution_value "
       "FROM row_changes WHERE new_value = '0375-1234567'"},
  };
  for (const Damage& d : damages) {
    SCOPED_TRACE(d.what);
    Restore(backup);
    Sql(d.sql);
    const Hash32 damaged = TablesDigest(db_path(), {"row_changes"});
    EXPECT_EQ(Check().exit_code, 0) << "the quick check does not index the log";
    RunResult full = Check({"--full"});
    EXPECT_EQ(full.exit_code, 7) << full.out << full.err;
    auto e = Out(full)["error"].as_object();
    EXPECT_EQ(e["code"].as_string(), "db_corrupt");
    ASSERT_TRUE(e.contains("index")) << full.out;
    EXPECT_GE(e["index"].as_int64(), 2) << "a change set's entry, after genesis and enrollment";
    EXPECT_NE(full.err.find("--rebuild-row-history"), std::string::npos) << full.err;
    EXPECT_EQ(TablesDigest(db_path(), {"row_changes"}), damaged) << "the check wrote nothing";

    RunResult rebuilt = Check({"--rebuild-row-history"});
    EXPECT_EQ(rebuilt.exit_code, 0) << rebuilt.out << rebuilt.err;
    EXPECT_TRUE(Out(rebuilt)["row_history_rebuilt"].as_bool()) << rebuilt.out;
    EXPECT_EQ(TablesDigest(db_path(), {"row_changes"}), TablesDigest(backup, {"row_changes"}))
        << "the history the log gives";
    EXPECT_EQ(Check({"--full"}).exit_code, 0);
  }
  // The table itself redefined: the check compares with its own definition,
  // never with the one in the file.
  Restore(backup);
  Sql("ALTER TABLE row_changes ADD COLUMN extra TEXT");
  RunResult redefined = Check({"--full"});
  EXPECT_EQ(redefined.exit_code, 7) << redefined.out << redefined.err;
  EXPECT_NE(redefined.err.find("row_changes 表的定义被改动了"), std::string::npos) << redefined.err;

  // From a damaged log nothing is rebuilt: the log's damage is reported.
  Restore(backup);
  Sql(damages[0].sql);
  Bytes e = Entry(3);
  e.back() ^= 0x01;
  SetEntry(3, e);
  const Hash32 damaged = TablesDigest(db_path(), {"row_changes"});
  RunResult refused = Check({"--rebuild-row-history"});
  EXPECT_EQ(refused.exit_code, 7) << refused.out << refused.err;
  EXPECT_EQ(Out(refused)["error"].as_object()["index"].as_int64(), 3) << refused.out;
  EXPECT_EQ(TablesDigest(db_path(), {"row_changes"}), damaged) << "nothing rebuilt";
}

}  // namespace
}  // namespace gongkai::hub::testing
