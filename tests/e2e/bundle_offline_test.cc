// No network at all, with the real programs: a station's edits go to the
// hub on a "USB stick" (gongkai-station bundle export → gongkai-hub bundle
// import), the administrator approves, and the catalog comes back the same
// way (gongkai-hub bundle export --station → gongkai-station bundle
// import). The station ends with the same catalog hash as the hub's
// `catalog --json` and as a second station that syncs online over HTTPS.
// Importing either bundle twice changes nothing; truncated, damaged,
// wrong-kind, re-sealed and foreign bundles are refused with a specific
// reason and the store unchanged (digest of its tables).
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <filesystem>

#include "core/bundle/bundle_file.h"
#include "core/bundle/catalog_bundle.h"
#include "core/bundle/changeset_bundle.h"
#include "core/feed/catalog_answer.h"
#include "core/store/atomic_file.h"
#include "station/store/station_store.h"
#include "tests/hub/hub_testing.h"
#include "tests/testing/in_process_town.h"
#include "tests/testing/town.h"

namespace gongkai::hub::testing {
namespace {

Hash32 StationStateDigest(const std::string& dir) {
  return TablesDigest(dir + "/station.db",
                      {"station", "approved_rows", "outbox", "actions", "edits",
                       "accepted_checkpoints", "log_alarms", "hub_genesis"});
}

class BundleOfflineTest : public ::testing::Test {
 protected:
  void SetUp() override {
    town_.Init();
    ASSERT_FALSE(HasFatalFailure());
    hub_dir_ = town_.hub_dir();
  }

  RunResult Hub(std::vector<std::string> args) { return town_.Hub(std::move(args)); }
  RunResult Station(std::vector<std::string> args) { return town_.Station(std::move(args)); }
  json::object Json(const RunResult& r) {
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return json::parse(r.out).as_object();
  }

  std::string MakeStation(const std::string& id, const std::string& unit, const std::string& url) {
    return town_.AddStation(id, unit, {.url = url, .pin = ""});
  }

  void AddRow(const std::string& dir, const std::string& item) { town_.AddRow(dir, item); }

  std::string StationHash(const std::string& dir) {
    return std::string(
        Json(Station({"status", "--dir", dir, "--json"}))["catalog_hash"].as_string());
  }
  std::string HubHash() {
    return std::string(Json(Hub({"catalog", "--dir", hub_dir_, "--json"}))["hash"].as_string());
  }

  // `gongkai-station bundle import` of `file` must fail with `reason` and
  // leave the station's tables as they were.
  void ExpectStationRefuses(const std::string& dir, const std::string& file,
                            const std::string& reason) {
    Hash32 before = StationStateDigest(dir);
    RunResult r = Station({"bundle", "import", "--dir", dir, file});
    EXPECT_GT(r.exit_code, 2) << r.out;  // not success, not a usage error
    if (reason == "bundle_truncated" || reason == "bundle_corrupt") {
      // A file damaged on its way is input to copy again, not an alarm.
      EXPECT_EQ(r.exit_code, 3) << file << ": " << r.err;
    }
    EXPECT_NE(r.err.find("[" + reason + "]"), std::string::npos) << file << ": " << r.err;
    EXPECT_EQ(StationStateDigest(dir), before) << file << ": the store changed";
  }

  std::string Write(const std::string& name, const Bytes& bytes) {
    std::string path = tmp_.path() + "/" + name;
    WriteBinary(path, std::string(bytes.begin(), bytes.end()));
    return path;
  }

  static Bytes ReadBytes(const std::string& path) {
    std::string s = ReadText(path);
    return Bytes(s.begin(), s.end());
  }

  TempDir tmp_;
  Town town_{tmp_.path()};
  std::string hub_dir_;
};

TEST_F(BundleOfflineTest, RoundTripMatchesOnlineSyncAndRepeatsChangeNothing) {
  // 红旗村 has no network: its hub URL leads nowhere.
  std::string hongqi = MakeStation("hongqi-01", "红旗村", "https://127.0.0.1:1");
  AddRow(hongqi, "财务收支");
  AddRow(hongqi, "低保名单");
  std::string up = tmp_.path() + "/hongqi-up.gkb";
  json::object exported = Json(Station({"bundle", "export", "--dir", hongqi, up, "--json"}));
  EXPECT_EQ(exported["sealed"].as_int64(), 1);
  EXPECT_EQ(exported["change_sets"].as_int64(), 1);
  EXPECT_EQ(exported["catalog_version"].as_int64(), 0);

  // Its own bundle is not for a station.
  ExpectStationRefuses(hongqi, up, "bundle_wrong_kind");

  RunResult imported = Hub({"bundle", "import", "--dir", hub_dir_, up});
  ASSERT_EQ(imported.exit_code, 0) << imported.err;
  EXPECT_NE(imported.out.find("已受理，日志序号"), std::string::npos) << imported.out;
  EXPECT_NE(imported.err.find("accepted=1 duplicate=0 rejected=0"), std::string::npos)
      << imported.err;
  Hash32 hub_before = HubDigest(hub_dir_);
  json::object again = Json(Hub({"bundle", "import", "--dir", hub_dir_, up, "--json"}));
  EXPECT_EQ(again["accepted"].as_int64(), 0);
  EXPECT_EQ(again["duplicate"].as_int64(), 1);
  EXPECT_EQ(HubDigest(hub_dir_), hub_before) << "a second import changed the hub";

  ASSERT_EQ(Hub({"approve", "--dir", hub_dir_, "--all"}).exit_code, 0);
  std::string down = tmp_.path() + "/hongqi-down.gkb";
  json::object hub_export =
      Json(Hub({"bundle", "export", "--dir", hub_dir_, "--station", "hongqi-01", down, "--json"}));
  EXPECT_EQ(hub_export["version"].as_int64(), 1);
  EXPECT_EQ(hub_export["receipts"].as_int64(), 1);

  // A hub's bundle is not for the hub.
  RunResult wrong = Hub({"bundle", "import", "--dir", hub_dir_, down});
  EXPECT_EQ(wrong.exit_code, 1);
  EXPECT_NE(wrong.err.find("[bundle_wrong_kind]"), std::string::npos) << wrong.err;

  json::object applied = Json(Station({"bundle", "import", "--dir", hongqi, down, "--json"}));
  EXPECT_EQ(applied["to_version"].as_int64(), 1);
  EXPECT_EQ(applied["receipts"].as_int64(), 1);
  EXPECT_EQ(StationHash(hongqi), HubHash());
  json::object status = Json(Station({"status", "--dir", hongqi, "--json"}));
  EXPECT_EQ(status["catalog_version"].as_int64(), 1);
  EXPECT_EQ(status["outbox"].as_int64(), 0);
  EXPECT_FALSE(status["last_sync"].is_null()) << "the USB import is this station's last sync";

  Hash32 station_before = StationStateDigest(hongqi);
  RunResult twice = Station({"bundle", "import", "--dir", hongqi, down});
  ASSERT_EQ(twice.exit_code, 0) << twice.err;
  EXPECT_NE(twice.out.find("目录已是最新"), std::string::npos) << twice.out;
  EXPECT_EQ(StationStateDigest(hongqi), station_before) << "a second import changed the station";

  // 东风村 syncs online and gets the very same catalog.
  ASSERT_TRUE(town_.Serve());
  std::string dongfeng = MakeStation("dongfeng-01", "东风村", town_.url());
  RunResult sync = Station({"sync", "--dir", dongfeng, "--no-retry"});
  ASSERT_EQ(sync.exit_code, 0) << sync.err;
  EXPECT_EQ(StationHash(dongfeng), StationHash(hongqi));

  // Round 2, still offline: the return bundle proves consistency from the
  // log size the station reported in its bundle.
  AddRow(hongqi, "救灾物资");
  std::string up2 = tmp_.path() + "/hongqi-up2.gkb";
  json::object exported2 = Json(Station({"bundle", "export", "--dir", hongqi, up2, "--json"}));
  EXPECT_EQ(exported2["catalog_version"].as_int64(), 1);
  EXPECT_GT(exported2["log_size"].as_int64(), 0);
  ASSERT_EQ(Hub({"bundle", "import", "--dir", hub_dir_, up2}).exit_code, 0);
  ASSERT_EQ(Hub({"approve", "--dir", hub_dir_, "--all"}).exit_code, 0);
  std::string down2 = tmp_.path() + "/hongqi-down2.gkb";
  json::object hub_export2 =
      Json(Hub({"bundle", "export", "--dir", hub_dir_, "--station", "hongqi-01", down2, "--json"}));
  EXPECT_EQ(hub_export2["since"].as_int64(), 1);
  EXPECT_EQ(hub_export2["consistency_from"].as_int64(), exported2["log_size"].as_int64());
  json::object applied2 = Json(Station({"bundle", "import", "--dir", hongqi, down2, "--json"}));
  EXPECT_EQ(applied2["to_version"].as_int64(), 2);
  EXPECT_EQ(StationHash(hongqi), HubHash());
  // The first return bundle is now old: refused, nothing changes.
  ExpectStationRefuses(hongqi, down, "bundle_stale");

  // 东风村's next pull says what it holds (have_log, have_genesis): the
  // answer carries the consistency proof inline, so the hub sees no
  // second request for it.
  RunResult sync2 = Station({"sync", "--dir", dongfeng, "--no-retry"});
  ASSERT_EQ(sync2.exit_code, 0) << sync2.err;
  EXPECT_EQ(StationHash(dongfeng), StationHash(hongqi));
  EXPECT_EQ(town_.serve().log().find("/v1/log/proof/consistency"), std::string::npos)
      << town_.serve().log();
  {
    Result<station::StationStore> store = station::StationStore::Open(dongfeng);
    ASSERT_TRUE(store.ok());
    Result<std::optional<Bytes>> genesis = store->LoadGenesis();
    ASSERT_TRUE(genesis.ok());
    EXPECT_TRUE(genesis->has_value()) << "the genesis was not kept";
  }
  EXPECT_EQ(town_.Stop(), 0);
}

// A file already on the stick — the town's catalog bundle not yet
// imported, or anything else — is never overwritten by `bundle export`
// without --force, on either side: file_exists (exit 5 on the station, 1 on
// the hub, docs/exit-codes.md), the file as it was
// and (on the station) nothing sealed.
TEST_F(BundleOfflineTest, ExportNeverOverwritesAFileWithoutForce) {
  std::string hongqi = MakeStation("hongqi-01", "红旗村", "https://127.0.0.1:1");
  AddRow(hongqi, "财务收支");
  const std::string taken = tmp_.path() + "/town-to-hongqi-01.gkb";
  WriteBinary(taken, "镇里的目录文件，还没导入");
  for (bool hub : {false, true}) {
    SCOPED_TRACE(hub ? "gongkai-hub" : "gongkai-station");
    RunResult r = hub ? Hub({"bundle", "export", "--dir", hub_dir_, "--station", "hongqi-01", taken,
                             "--json"})
                      : Station({"bundle", "export", "--dir", hongqi, taken, "--json"});
    EXPECT_EQ(r.exit_code, hub ? 1 : 5) << r.out << r.err;  // docs/exit-codes.md
    EXPECT_NE(r.err.find("file_exists"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("--force"), std::string::npos) << r.err;
    EXPECT_EQ(ReadText(taken), "镇里的目录文件，还没导入");
  }
  json::object status = Json(Station({"status", "--dir", hongqi, "--json"}));
  EXPECT_EQ(status["outbox"].as_int64(), 0) << "nothing was sealed";
  EXPECT_EQ(status["pending_edits"].as_int64(), 1);
  json::object forced =
      Json(Station({"bundle", "export", "--dir", hongqi, taken, "--force", "--json"}));
  EXPECT_EQ(forced["change_sets"].as_int64(), 1);
  EXPECT_NE(ReadText(taken), "镇里的目录文件，还没导入");
  ASSERT_EQ(Hub({"bundle", "export", "--dir", hub_dir_, "--station", "hongqi-01", taken, "--force"})
                .exit_code,
            0);
}

TEST_F(BundleOfflineTest, DamagedForeignAndTamperedBundlesChangeNothing) {
  std::string hongqi = MakeStation("hongqi-01", "红旗村", "https://127.0.0.1:1");
  AddRow(hongqi, "财务收支");
  std::string up = tmp_.path() + "/up.gkb";
  ASSERT_EQ(Station({"bundle", "export", "--dir", hongqi, up}).exit_code, 0);
  ASSERT_EQ(Hub({"bundle", "import", "--dir", hub_dir_, up}).exit_code, 0);
  ASSERT_EQ(Hub({"approve", "--dir", hub_dir_, "--all"}).exit_code, 0);
  std::string down = tmp_.path() + "/down.gkb";
  ASSERT_EQ(Hub({"bundle", "export", "--dir", hub_dir_, "--station", "hongqi-01", down}).exit_code,
            0);
  Bytes good = ReadBytes(down);
  const size_t payload = good.size() - 18 - 32;

  // Truncated within the magic, the header, the payload, the digest.
  for (size_t n : {size_t{0}, size_t{5}, size_t{8}, size_t{17}, size_t{18}, 18 + payload / 2,
                   18 + payload, good.size() - 1}) {
    ExpectStationRefuses(hongqi,
                         Write("cut" + std::to_string(n), Bytes(good.begin(), good.begin() + n)),
                         "bundle_truncated");
  }
  // Flipped bytes: magic, format, kind, payload, digest; one byte too many.
  auto flipped = [&](size_t at) {
    Bytes b = good;
    b[at] ^= 0x01;
    return Write("flip" + std::to_string(at), b);
  };
  ExpectStationRefuses(hongqi, flipped(0), "not_a_bundle");
  ExpectStationRefuses(hongqi, flipped(8), "bundle_unsupported_format");
  ExpectStationRefuses(hongqi, flipped(9), "bundle_corrupt");
  ExpectStationRefuses(hongqi, flipped(18 + payload / 3), "bundle_corrupt");
  ExpectStationRefuses(hongqi, flipped(good.size() - 1), "bundle_corrupt");
  Bytes longer = good;
  longer.push_back(0);
  ExpectStationRefuses(hongqi, Write("longer", longer), "bundle_corrupt");
  ExpectStationRefuses(hongqi, tmp_.path() + "/no-such-file", "file_missing");

  // Re-sealed after tampering (the digest is right, the content is not):
  // a changed decision, a changed checkpoint.
  CatalogBundle bundle = DecodeCatalogBundle(*OpenBundle(good, BundleKind::kCatalog)).value();
  CatalogAnswer answer = DecodeCatalogAnswer(bundle.answer).value();
  auto resealed = [&](const std::string& name, const CatalogBundle& b, const char* reason) {
    ExpectStationRefuses(
        hongqi, Write(name, SealBundle(BundleKind::kCatalog, EncodeCatalogBundle(b))), reason);
  };
  auto with_answer = [&](const CatalogAnswer& a) {
    CatalogBundle b = bundle;
    b.answer = EncodeCatalogAnswer(a);
    return b;
  };
  {
    CatalogAnswer a = answer;
    ASSERT_FALSE(a.entries.empty());
    a.entries.back().entry.back() ^= 0x01;
    resealed("resealed-entry", with_answer(a), "entry_not_in_log");
  }
  {
    CatalogAnswer a = answer;
    size_t at = a.checkpoint->find('\n') + 1;  // the size line
    (*a.checkpoint)[at] = (*a.checkpoint)[at] == '9' ? '8' : '9';
    resealed("resealed-checkpoint", with_answer(a), "hub_key_mismatch");
  }
  {
    CatalogBundle b = bundle;
    ASSERT_FALSE(b.receipts.empty());
    b.receipts[0].log_index += 1;
    resealed("resealed-receipt", b, "receipt_not_in_log");
  }
  {
    // A bundle carries format 1 only: a compact range in a file nobody
    // signed could turn a tampered entry into a fork alarm (decision 0033).
    CatalogAnswer a = answer;
    a.format = kCatalogAnswerCompactFormat;
    resealed("format-2", with_answer(a), "bundle_corrupt");
  }
  {
    CatalogBundle b = bundle;
    b.station = "dongfeng-01";
    resealed("other-station", b, "bundle_other_station");
  }
  // Another town's hub: its checkpoint is not signed by the pinned key.
  Town other(tmp_.path() + "/other", {.origin = "other.example/gongkai"});
  other.Init();
  std::string other_dir = other.hub_dir();
  std::string foreign = tmp_.path() + "/foreign.gkb";
  ASSERT_EQ(Hub({"bundle", "export", "--dir", other_dir, foreign}).exit_code, 0);
  ExpectStationRefuses(hongqi, foreign, "hub_key_mismatch");
  // And the hub refuses a station bundle meant for another hub.
  Hash32 other_before = HubDigest(other_dir);
  RunResult r = Hub({"bundle", "import", "--dir", other_dir, up});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("[hub_key_mismatch]"), std::string::npos) << r.err;
  EXPECT_EQ(HubDigest(other_dir), other_before);

  // After all that, the good bundle still applies.
  RunResult ok = Station({"bundle", "import", "--dir", hongqi, down});
  ASSERT_EQ(ok.exit_code, 0) << ok.err;
  EXPECT_EQ(StationHash(hongqi), HubHash());
}

TEST_F(BundleOfflineTest, HubRefusesDamagedChangeSetBundlesWithoutWriting) {
  std::string hongqi = MakeStation("hongqi-01", "红旗村", "https://127.0.0.1:1");
  AddRow(hongqi, "财务收支");
  std::string up = tmp_.path() + "/up.gkb";
  ASSERT_EQ(Station({"bundle", "export", "--dir", hongqi, up}).exit_code, 0);
  Bytes good = ReadBytes(up);
  Hash32 before = HubDigest(hub_dir_);
  auto refused = [&](const Bytes& b, const std::string& reason) {
    std::string path = Write("hub-bad", b);
    RunResult r = Hub({"bundle", "import", "--dir", hub_dir_, path});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("[" + reason + "]"), std::string::npos) << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << "one line: " << r.err;
    EXPECT_EQ(HubDigest(hub_dir_), before);
  };
  refused(Bytes(good.begin(), good.begin() + 30), "bundle_truncated");
  Bytes flipped = good;
  flipped[good.size() / 2] ^= 0x40;
  refused(flipped, "bundle_corrupt");
  // A change set whose signature was tampered with, re-sealed: the same
  // receipt as over HTTPS (rejected, bad_signature), nothing written.
  ChangeSetBundle b = DecodeChangeSetBundle(*OpenBundle(good, BundleKind::kChangeSets)).value();
  b.envelopes[0].back() ^= 0x01;
  std::string path =
      Write("bad-sig", SealBundle(BundleKind::kChangeSets, EncodeChangeSetBundle(b)));
  // Exit 3: read, but not everything delivered.
  RunResult sig = Hub({"bundle", "import", "--dir", hub_dir_, path, "--json"});
  EXPECT_EQ(sig.exit_code, 3) << sig.err;
  json::object o = json::parse(sig.out).as_object();
  EXPECT_EQ(o["rejected"].as_int64(), 1);
  EXPECT_EQ(o["receipts"].as_array()[0].as_object()["code"].as_string(), "bad_signature");
  EXPECT_EQ(HubDigest(hub_dir_), before);
}

}  // namespace
}  // namespace gongkai::hub::testing
