// End to end with real programs: a `gongkai-hub serve` and three
// `gongkai-station` processes — two offices of 红旗村 (hongqi-01,
// hongqi-02) and 东风村 — over HTTPS with pinned certificates.
//
//   round 1: each village adds a row; the administrator approves; everyone
//            syncs to version 1.
//   round 2: the two 红旗村 offices change 咨询电话 of the same row from the
//            same base (→ one conflict) and each add a different 渠道 (→ no
//            conflict, both kept); 东风村 makes a disjoint edit, and a second
//            change set that the administrator rejects. Approving with the
//            conflict open is refused; the administrator resolves via the
//            CLI and approves.
//   after one sync each, all four report the same catalog_version and
//   catalog_hash; 东风村 sees its rejected change set with the reason; the
//   hub's log passes the independent auditor's verifier.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "core/audit/log_verifier.h"
#include "core/base/hex.h"
#include "hub/store/hub_db.h"
#include "hub/store/log_table.h"
#include "tests/hub/hub_fixture.h"
#include "tests/hub/hub_testing.h"
#include "tests/testing/town.h"

namespace gongkai::hub::testing {
namespace {

class ReviewEndToEndTest : public TownTest {
 protected:
  void AddRow(const std::string& dir, const std::string& item) {
    town_.AddRow(dir, item, {"--contact", "0375-1111111"});
  }

  void Edit(const std::string& dir, const std::string& id, std::vector<std::string> sets) {
    std::vector<std::string> args = {"edit", "--dir", dir, id};
    for (const std::string& s : sets) {
      args.push_back("--set");
      args.push_back(s);
    }
    RunResult r = town_.Station(args);
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }

  json::object Sync(const std::string& dir) {
    return town_.StationJson({"sync", "--dir", dir}).as_object();
  }

  std::string RowOf(const std::string& dir, const std::string& unit) {
    json::value list = town_.StationJson({"list", "--dir", dir});
    for (const json::value& v : list.as_array()) {
      if (v.as_object().at("unit").as_string() == unit) {
        return std::string(v.as_object().at("id").as_string());
      }
    }
    ADD_FAILURE() << "no row of " << unit;
    return "";
  }

  HubProcess& hub_ = town_.serve();
  const std::string hub_dir_ = town_.hub_dir();
};

TEST_F(ReviewEndToEndTest, ConflictsResolvedApprovedAndEveryStationConverges) {
  std::string hongqi1 = town_.AddStation("hongqi-01", "红旗村");
  std::string hongqi2 = town_.AddStation("hongqi-02", "红旗村");
  std::string dongfeng = town_.AddStation("dongfeng-01", "东风村");

  // Round 1: a row each from 红旗村 and 东风村; approved as version 1.
  AddRow(hongqi1, "财务收支");
  AddRow(dongfeng, "集体资产");
  EXPECT_EQ(Sync(hongqi1)["accepted"].as_int64(), 1);
  EXPECT_EQ(Sync(dongfeng)["accepted"].as_int64(), 1);
  json::object v1 =
      town_.HubJson({"approve", "--dir", hub_dir_, "--all", "--note", "第一版"}).as_object();
  EXPECT_EQ(v1["version"].as_int64(), 1);
  for (const std::string& dir : {hongqi1, hongqi2, dongfeng}) {
    EXPECT_EQ(Sync(dir)["pull"].as_object()["to_version"].as_int64(), 1);
  }
  std::string r1 = RowOf(hongqi2, "红旗村");
  std::string r2 = RowOf(hongqi2, "东风村");

  // Round 2.
  Edit(hongqi1, r1,
       {"contact=0375-2222222", "channels=社区/企事业单位/村公示栏（电子屏）、政府网站"});
  Edit(hongqi2, r1,
       {"contact=0375-3333333", "channels=社区/企事业单位/村公示栏（电子屏）、便民服务站"});
  Edit(dongfeng, r2, {"time_limit=每月"});
  for (const std::string& dir : {hongqi1, hongqi2, dongfeng}) {
    EXPECT_EQ(Sync(dir)["accepted"].as_int64(), 1);
  }
  Edit(dongfeng, r2, {"notes=这条备注不该加"});
  json::object pushed = Sync(dongfeng);
  ASSERT_EQ(pushed["accepted"].as_int64(), 1);
  std::string rejected_id(pushed["receipts"].as_array()[0].as_object()["id"].as_string());

  // The queue: four change sets, one conflict (咨询电话), none for 渠道.
  json::object pending = town_.HubJson({"pending", "--dir", hub_dir_}).as_object();
  EXPECT_EQ(pending["changesets"].as_array().size(), 4u);
  json::array conflicts = pending["conflicts"].as_array();
  ASSERT_EQ(conflicts.size(), 1u) << json::serialize(pending);
  json::object c = conflicts[0].as_object();
  EXPECT_EQ(c["kind"].as_string(), "field");
  EXPECT_EQ(c["field"].as_string(), "contact");
  EXPECT_EQ(c["label"].as_string(), "咨询电话");
  EXPECT_EQ(c["base"].as_string(), "0375-1111111");
  EXPECT_EQ(c["proposed"].as_string(), "0375-2222222");
  EXPECT_EQ(c["incoming"].as_string(), "0375-3333333");
  EXPECT_TRUE(c["resolution"].is_null());
  std::string conflict_id(c["id"].as_string());
  EXPECT_EQ(conflict_id.size(), 12u);
  EXPECT_EQ(pending["unresolved"].as_int64(), 1);
  RunResult text = town_.Hub({"pending", "--dir", hub_dir_});
  EXPECT_NE(text.out.find("咨询电话: 0375-1111111 → 0375-3333333"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find(conflict_id), std::string::npos);

  // Approving with the conflict open is refused, and writes nothing.
  Hash32 before = StateDigest(hub_dir_ + "/hub.db");
  RunResult refused = town_.Hub({"approve", "--dir", hub_dir_, "--all"});
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_NE(refused.err.find("[unresolved_conflict]"), std::string::npos) << refused.err;
  EXPECT_NE(refused.err.find(conflict_id), std::string::npos) << refused.err;
  EXPECT_EQ(StateDigest(hub_dir_ + "/hub.db"), before);

  // A value that fails validation is refused too.
  RunResult bad =
      town_.Hub({"resolve", "--dir", hub_dir_, conflict_id, "--value", std::string(201, '9')});
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_NE(bad.err.find("[bad_resolution]"), std::string::npos) << bad.err;

  // Resolve (taking hongqi-02's side), reject 东风村's second change set,
  // approve the rest.
  std::string incoming(c["incoming_changeset"].as_string());
  ASSERT_EQ(town_.Hub({"resolve", "--dir", hub_dir_, conflict_id, "--take", incoming.substr(0, 8)})
                .exit_code,
            0);
  json::object after = town_.HubJson({"pending", "--dir", hub_dir_}).as_object();
  EXPECT_EQ(after["unresolved"].as_int64(), 0);
  EXPECT_EQ(
      after["conflicts"].as_array()[0].as_object()["resolution"].as_object()["action"].as_string(),
      "incoming");
  RunResult rej = town_.Hub({"reject", "--dir", hub_dir_, rejected_id.substr(0, 10), "--reason",
                             "备注栏不用填写这类内容"});
  ASSERT_EQ(rej.exit_code, 0) << rej.err;
  json::object v2 =
      town_.HubJson({"approve", "--dir", hub_dir_, "--all", "--note", "第二版"}).as_object();
  EXPECT_EQ(v2["version"].as_int64(), 2);
  EXPECT_EQ(v2["changesets"].as_array().size(), 3u);
  EXPECT_EQ(v2["resolutions"].as_int64(), 1);

  // One sync each: everybody holds version 2 with the hub's hash.
  json::object catalog = town_.HubJson({"catalog", "--dir", hub_dir_}).as_object();
  EXPECT_EQ(catalog["version"].as_int64(), 2);
  for (const std::string& dir : {hongqi1, hongqi2, dongfeng}) {
    json::object s = Sync(dir);
    EXPECT_EQ(s["pull"].as_object()["to_version"].as_int64(), 2);
    json::object st = town_.StationJson({"status", "--dir", dir}).as_object();
    EXPECT_EQ(st["catalog_version"], catalog["version"]) << dir;
    EXPECT_EQ(st["catalog_hash"], catalog["hash"]) << dir;
    EXPECT_EQ(st["outbox"].as_int64(), 0) << dir;
  }
  // Both channels kept; the chosen telephone number; the disjoint edit.
  for (const json::value& v : catalog["rows"].as_array()) {
    const json::object& row = v.as_object();
    if (row.at("id").as_string() == r1) {
      EXPECT_EQ(row.at("channels").as_string(),
                "政府网站、便民服务站、社区/企事业单位/村公示栏（电子屏）");
      EXPECT_EQ(row.at("contact").as_string(), "0375-3333333");
    } else {
      EXPECT_EQ(row.at("time_limit").as_string(), "每月");
      EXPECT_EQ(row.at("notes").as_string(), "");
    }
  }

  // The approved catalog as a workbook (gongkai-hub catalog --xlsx): a
  // station holding that version finds every row unchanged in it.
  std::string xlsx = town_.root() + "/town-v2.xlsx";
  RunResult exported = town_.Hub({"catalog", "--dir", hub_dir_, "--xlsx", xlsx});
  ASSERT_EQ(exported.exit_code, 0) << exported.err;
  RunResult again = town_.Hub({"catalog", "--dir", hub_dir_, "--xlsx", xlsx});
  EXPECT_EQ(again.exit_code, 1);
  EXPECT_NE(again.err.find("[file_exists]"), std::string::npos) << "an existing file needs --force";
  json::object check = town_.StationJson({"import", "--dir", hongqi1, "--check", xlsx}).as_object();
  EXPECT_EQ(check["kind"].as_string(), "xlsx");
  EXPECT_EQ(check["unchanged"].as_int64(), static_cast<int64_t>(catalog["rows"].as_array().size()));
  EXPECT_EQ(check["added"].as_int64() + check["changed"].as_int64() + check["retired"].as_int64(),
            0);

  // The rejection reached 东风村 with its reason; the edit left the working
  // view but stays in history.
  json::object st = town_.StationJson({"status", "--dir", dongfeng}).as_object();
  EXPECT_EQ(st["rejected"].as_int64(), 1);
  json::object rj = st["rejected_changesets"].as_array()[0].as_object();
  EXPECT_EQ(rj["reason"].as_string(), "备注栏不用填写这类内容");
  EXPECT_EQ(rj["id"].as_string(), rejected_id);
  json::object shown = town_.StationJson({"show", "--dir", dongfeng, r2}).as_object();
  EXPECT_EQ(shown["notes"].as_string(), "");
  bool in_history = false;
  json::value dongfeng_history = town_.StationJson({"history", "--dir", dongfeng});
  for (const json::value& h : dongfeng_history.as_array()) {
    const json::object& e = h.as_object();
    if (e.at("state").as_string() == "rejected") {
      in_history = true;
      EXPECT_EQ(e.at("reject_reason").as_string(), "备注栏不用填写这类内容");
    }
  }
  EXPECT_TRUE(in_history);
  // Approved change sets are approved at their stations.
  json::value hongqi2_history = town_.StationJson({"history", "--dir", hongqi2});
  for (const json::value& h : hongqi2_history.as_array()) {
    EXPECT_EQ(h.as_object().at("state").as_string(), "approved");
  }

  // The old version is still there, rebuilt from the log.
  json::object old = town_.HubJson({"catalog", "--dir", hub_dir_, "--version", "1"}).as_object();
  EXPECT_EQ(old["hash"], v1["hash"]);

  // The independent auditor accepts the hub's whole log, and ends at the
  // same catalog.
  Result<HubDb> db = HubDb::Open(hub_dir_ + "/hub.db");
  ASSERT_TRUE(db.ok()) << db.status().ToString();
  Result<uint64_t> size = LogSize(*db);
  ASSERT_TRUE(size.ok());
  LogVerifier verifier;
  for (uint64_t i = 0; i < *size; ++i) {
    Result<std::optional<LogEntry>> e = ReadLogEntry(*db, i);
    ASSERT_TRUE(e.ok() && *e);
    Status s = verifier.Add(i, (*e)->entry);
    ASSERT_TRUE(s.ok()) << s.ToString();
  }
  EXPECT_EQ(verifier.catalog_version(), 2u);
  EXPECT_EQ(HexEncode(verifier.catalog_hash()), catalog["hash"].as_string());
  EXPECT_EQ(hub_.Stop(), 0);
}

// serve --auto-approve: clean change sets of the listed station become a
// version without an administrator; another station's wait in pending.
TEST_F(ReviewEndToEndTest, AutoApprovesCleanChangeSetsOfListedStationsOnly) {
  ASSERT_EQ(hub_.Stop(), 0);
  ASSERT_TRUE(town_.Serve({"--auto-approve", "hongqi-01", "--auto-approve-interval", "0.1"}));
  std::string hongqi = town_.AddStation("hongqi-01", "红旗村");
  std::string dongfeng = town_.AddStation("dongfeng-01", "东风村");
  AddRow(hongqi, "财务收支");
  AddRow(dongfeng, "集体资产");
  EXPECT_EQ(Sync(dongfeng)["accepted"].as_int64(), 1);
  EXPECT_EQ(Sync(hongqi)["accepted"].as_int64(), 1);
  json::object catalog;
  for (int i = 0; i < 300; ++i) {  // the approver runs every 0.1 s
    catalog = town_.HubJson({"catalog", "--dir", hub_dir_}).as_object();
    if (catalog["version"].as_int64() >= 1) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ASSERT_EQ(catalog["version"].as_int64(), 1) << hub_.log();
  ASSERT_EQ(catalog["rows"].as_array().size(), 1u);
  EXPECT_EQ(catalog["rows"].as_array()[0].as_object()["unit"].as_string(), "红旗村");
  json::object pending = town_.HubJson({"pending", "--dir", hub_dir_}).as_object();
  ASSERT_EQ(pending["changesets"].as_array().size(), 1u);
  EXPECT_EQ(pending["changesets"].as_array()[0].as_object()["station"].as_string(), "dongfeng-01");
  Sync(hongqi);
  json::object st = town_.StationJson({"status", "--dir", hongqi}).as_object();
  EXPECT_EQ(st["catalog_version"].as_int64(), 1);
  EXPECT_EQ(st["catalog_hash"], catalog["hash"]);
  EXPECT_EQ(hub_.Stop(), 0);
}

}  // namespace
}  // namespace gongkai::hub::testing
