// A hub whose database was edited by hand cannot make villages accept what
// the log does not prove (docs/station-sync.md § Pull, docs/audit.md), with
// the real programs over HTTPS:
//
//  - its `stations` table given another key for 红旗村: a change set signed
//    with that key is ingested and approved, but every station that pulls it
//    refuses it (changeset_forged, exit 7, an alarm recorded, catalog
//    untouched), and `gongkai-audit verify` names the entry;
//  - its catalog rolled back behind the log (approved rows and versions
//    restored from an older backup): the public page, /v1/catalog and every
//    pull answer db_corrupt, which stations report as hub_damaged (exit 10,
//    one alarm however often they retry), never as a busy hub.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <string>

#include "core/base/hex.h"
#include "core/crypto/verifier_key.h"
#include "tests/testing/sql_file.h"
#include "tests/testing/town.h"

namespace gongkai::testing {
namespace {

namespace json = boost::json;

class LyingHubTest : public TownTest {
 protected:
  LyingHubTest()
      : TownTest(TownOptions{"lying.example/gongkai", "zhang", std::chrono::seconds(120)}) {}

  RunResult Station(std::vector<std::string> args) { return town_.Station(std::move(args)); }
  json::object Json(const RunResult& r) {
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    return json::parse(r.out).as_object();
  }
  void Sql(const std::string& sql) {
    RunResult r = RunProgram({"sqlite3", town_.hub_db(), sql}, town_.runs());
    ASSERT_EQ(r.exit_code, 0) << sql << ": " << r.err;
  }
  void Approve() {
    RunResult r = town_.Hub({"approve", "--dir", town_.hub_dir(), "--all"});
    ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  }
  json::object SyncJson(const std::string& dir) {
    return Json(Station({"sync", "--dir", dir, "--json"}));
  }
  std::string ApprovedHash(const std::string& dir) {
    return std::string(Json(Station({"status", "--dir", dir, "--json"}))["catalog_hash"].as_string());
  }
  // The id of the n-th row of 红旗村 that `list` shows (from 0).
  std::string RowId(const std::string& dir, size_t n) {
    json::array rows = json::parse(Station({"list", "--dir", dir, "--json"}).out).as_array();
    for (const json::value& r : rows) {
      if (r.as_object().at("unit").as_string() != "红旗村") continue;
      if (n-- == 0) return std::string(r.as_object().at("id").as_string());
    }
    ADD_FAILURE() << "no such row of 红旗村 in " << dir;
    return "";
  }
  json::array Alarms(const std::string& dir) {
    return Json(Station({"status", "--dir", dir, "--json"}))["log_alarms"].as_array();
  }
  // Several rows each, so one edit travels as change sets (mode decisions),
  // not as a snapshot.
  void Seed(const std::string& dir) {
    for (const char* item : {"财务收支", "集体经济收益分配", "低保对象名单", "村级工程项目"}) {
      town_.AddRow(dir, item);
    }
  }
};

TEST_F(LyingHubTest, AChangeSetTheVillageNeverSignedIsRefusedByEveryStation) {
  std::string hongqi = town_.AddStation("hongqi-01", "红旗村");
  std::string dongfeng = town_.AddStation("dongfeng-01", "东风村");
  Seed(hongqi);
  Seed(dongfeng);
  SyncJson(hongqi);
  SyncJson(dongfeng);
  Approve();
  SyncJson(hongqi);
  SyncJson(dongfeng);
  // An honest edit of 红旗村 reaches 东风村 as change sets, signature checked.
  ASSERT_EQ(Station({"edit", "--dir", hongqi, RowId(hongqi, 0), "--set", "公开时限=每月5日前"}).exit_code,
            0);
  SyncJson(hongqi);
  Approve();
  json::object honest = SyncJson(dongfeng);
  ASSERT_EQ(honest["pull"].as_object()["mode"].as_string(), "decisions") << honest;
  const std::string before = ApprovedHash(dongfeng);
  SyncJson(hongqi);
  ASSERT_EQ(before, ApprovedHash(hongqi));

  // Someone with the hub's database: a copy of 红旗村's station with a key of
  // its own, and the hub's stations table edited to that key.
  std::string rogue = town_.root() + "/rogue";
  ASSERT_EQ(RunProgram({"cp", "-a", hongqi, rogue}, town_.runs()).exit_code, 0);
  json::object rekey = Json(Station({"rekey", "--dir", rogue, "--json"}));
  Result<VerifierKey> key = ParseVerifierKey(std::string(rekey["verifier_key"].as_string()));
  ASSERT_TRUE(key.ok()) << key.status().ToString();
  Sql("UPDATE stations SET public_key = X'" + HexEncode(key->key) + "' WHERE id = 'hongqi-01'");
  ASSERT_EQ(Station({"edit", "--dir", rogue, RowId(rogue, 1), "--set", "公开时限=从不公开"}).exit_code,
            0);
  json::object forged = SyncJson(rogue);  // the hub accepts it: its table says so
  ASSERT_EQ(forged["accepted"].as_int64(), 1) << forged;
  Approve();  // and the administrator, shown an ordinary edit, approves it

  for (const std::string& dir : {dongfeng, hongqi}) {
    SCOPED_TRACE(dir);
    const Hash32 store_before = TablesDigest(dir + "/station.db", {"approved_rows"});
    for (int attempt = 0; attempt < 2; ++attempt) {
      RunResult pull = Station({"sync", "--dir", dir});
      EXPECT_EQ(pull.exit_code, 7) << pull.out << pull.err;
      EXPECT_NE(pull.err.find("[changeset_forged]"), std::string::npos) << pull.err;
      EXPECT_NE(pull.err.find("警报"), std::string::npos) << pull.err;
    }
    EXPECT_EQ(ApprovedHash(dir), before) << "the forged edit was not applied";
    EXPECT_EQ(TablesDigest(dir + "/station.db", {"approved_rows"}), store_before);
    json::array alarms = Alarms(dir);
    ASSERT_FALSE(alarms.empty());
    EXPECT_EQ(alarms.back().as_object()["reason"].as_string(), "changeset_forged");
  }
  // The auditor catches it from the log alone.
  RunResult audit = town_.Audit({"verify", "--hub", town_.url(), "--hub-cert-sha256",
                                 town_.cert_sha256(), "--hub-key", town_.log_key(), "--quiet"});
  EXPECT_EQ(audit.exit_code, 1) << audit.out << audit.err;
  EXPECT_NE(audit.err.find("bad_signature"), std::string::npos) << audit.err;
}

TEST_F(LyingHubTest, ACatalogRolledBackBehindTheLogIsServedToNobody) {
  std::string hongqi = town_.AddStation("hongqi-01", "红旗村");
  Seed(hongqi);
  SyncJson(hongqi);
  Approve();
  SyncJson(hongqi);
  // A copy of the approved catalog of version 1, then version 2.
  Sql("CREATE TABLE old_rows AS SELECT * FROM approved_rows");
  ASSERT_EQ(Station({"edit", "--dir", hongqi, RowId(hongqi, 0), "--set", "公开时限=每月5日前"}).exit_code,
            0);
  SyncJson(hongqi);
  Approve();
  // Rolled back by hand: the rows and the versions table of version 1, the
  // log (which the stations check) left as it is.
  Sql("DELETE FROM approved_rows; INSERT INTO approved_rows SELECT * FROM old_rows; "
      "DROP TABLE old_rows; DELETE FROM versions WHERE version = 2;");
  town_.Stop();
  ASSERT_TRUE(town_.Serve({"--no-self-check"}));  // a hub that does not check itself at start

  RunResult page = RunProgram({"curl", "-sk", "-o", "/dev/null", "-w", "%{http_code}",
                               town_.url() + "/"},
                              town_.runs());
  EXPECT_EQ(page.out, "500") << "the public page shows no unsigned catalog";
  RunResult feed = RunProgram({"curl", "-sk", town_.url() + "/v1/catalog?since=0"}, town_.runs());
  EXPECT_NE(feed.out.find("\"db_corrupt\""), std::string::npos) << feed.out;

  // A new station of the town (since=0: the snapshot) is told the truth.
  std::string fresh = town_.AddStation("xinmin-01", "新民村");
  for (int attempt = 0; attempt < 3; ++attempt) {
    RunResult sync = Station({"sync", "--dir", fresh});
    EXPECT_EQ(sync.exit_code, 10) << sync.out << sync.err;
    EXPECT_NE(sync.err.find("[hub_damaged]"), std::string::npos) << sync.err;
    EXPECT_EQ(sync.err.find("hub_busy"), std::string::npos) << sync.err;
  }
  json::array alarms = Alarms(fresh);
  ASSERT_EQ(alarms.size(), 1u) << "one alarm however often it retries";
  EXPECT_EQ(alarms[0].as_object()["reason"].as_string(), "hub_damaged");
  EXPECT_EQ(Json(Station({"status", "--dir", fresh, "--json"}))["catalog_version"].as_int64(), 0);
}

// The public page names the certificate, the log key and an audit command
// that works as printed (after the HTML escaping is undone).
TEST_F(LyingHubTest, TheAuditCommandOnThePublicPageWorksAsShown) {
  std::string hongqi = town_.AddStation("hongqi-01", "红旗村");
  Seed(hongqi);
  SyncJson(hongqi);
  Approve();
  RunResult page = RunProgram({"curl", "-sk", town_.url() + "/"}, town_.runs());
  ASSERT_EQ(page.exit_code, 0) << page.err;
  auto between = [&](const std::string& open, const std::string& close) {
    size_t a = page.out.find(open);
    if (a == std::string::npos) return std::string();
    a += open.size();
    return page.out.substr(a, page.out.find(close, a) - a);
  };
  EXPECT_EQ(between("<code id=\"cert-sha256\">", "</code>"), town_.cert_sha256());
  EXPECT_EQ(between("<code id=\"log-key\">", "</code>"), town_.log_key());
  std::string command = between("<pre id=\"audit-command\">", "</pre>");
  ASSERT_FALSE(command.empty()) << page.out;
  for (auto [from, to] : {std::pair<std::string, std::string>{"&#39;", "'"}, {"&amp;", "&"},
                          {"&quot;", "\""}, {"&lt;", "<"}, {"&gt;", ">"}}) {
    for (size_t at; (at = command.find(from)) != std::string::npos;) command.replace(at, from.size(), to);
  }
  ASSERT_EQ(command.rfind("gongkai-audit ", 0), 0u) << command;
  command.replace(0, std::string("gongkai-audit").size(), "'" + town_.audit_bin() + "'");
  RunResult r = RunProgram({"bash", "-c", "cd '" + town_.runs() + "' && " + command}, town_.runs());
  EXPECT_EQ(r.exit_code, 0) << command << "\n" << r.out << r.err;
  EXPECT_NE(r.out.find("核验通过"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace gongkai::testing
