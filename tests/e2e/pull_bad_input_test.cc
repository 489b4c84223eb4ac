// A station refuses a bad GET /v1/catalog answer with a specific reason and
// leaves its store exactly as it was (station/sync/pull_catalog.h): a
// wrong catalog hash, a bad or unknown administrator signature, a genesis
// that is not the pinned hub's, an older version (rollback), a snapshot
// that does not match the signed approval, a missing change set, a gap in
// the versions. The untampered answer is then accepted.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "core/base/base64.h"
#include "core/base/hex.h"
#include "core/record/envelope.h"
#include "hub/review/approve.h"
#include "hub/review/catalog_feed.h"
#include "hub/review/review_store.h"
#include "tests/e2e/town_fixture.h"

namespace gongkai::testing {
namespace {

namespace json = boost::json;

class PullBadInputTest : public ::testing::Test {
 protected:
  void SetUp() override {
    town_.Start();
    ASSERT_FALSE(HasFatalFailure());
    hongqi_ = town_.AddVillage("hongqi-01", "红旗村");
    dongfeng_ = town_.AddVillage("dongfeng-01", "东风村");
    // Version 1: a row of 红旗村; 东风村 pulls it.
    town_.Cli(hongqi_, AddRowArgs("财务收支"));
    ASSERT_TRUE(town_.Sync(hongqi_).ok());
    ApproveAll();
    ASSERT_TRUE(town_.Sync(dongfeng_).ok());
    ASSERT_TRUE(town_.Sync(hongqi_).ok());
    // Versions 2 and 3: two edits of it, not yet pulled by 东风村.
    for (const char* contact : {"0375-2222222", "0375-3333333"}) {
      std::string out;
      town_.Cli(hongqi_, {"list", "--json"}, &out);
      std::string id(json::parse(out).as_array()[0].as_object()["id"].as_string());
      town_.Cli(hongqi_, {"edit", id, "--set", std::string("contact=") + contact});
      ASSERT_TRUE(town_.Sync(hongqi_).ok());
      ApproveAll();
    }
    before_ = StationDigest(dongfeng_.dir);
  }

  void ApproveAll() {
    hub::ApproveRequest req;
    req.all = true;
    req.now = 1700000300;
    ASSERT_TRUE(hub::Approve(town_.db(), town_.admin(), req).ok());
  }

  // The hub's answer for 东风村 (holding version 1).
  json::object Feed(bool snapshot) {
    hub::FeedOptions opts;
    opts.snapshot_when_smaller = snapshot;
    if (snapshot) opts.max_replay_versions = 0;
    Result<std::string> body = hub::CatalogFeedJson(town_.db(), 1, opts);
    EXPECT_TRUE(body.ok());
    return json::parse(*body).as_object();
  }

  // Pulls `answer` into 东风村 and returns the refusal.
  Status Pull(const json::object& answer) {
    std::string body = json::serialize(answer);
    auto store = station::StationStore::Open(dongfeng_.dir);
    EXPECT_TRUE(store.ok());
    station::GetFn get = [&](const std::string&) -> Result<station::HttpsResponse> {
      return station::HttpsResponse{200, "application/json", body};
    };
    Result<station::PullReport> r = station::PullCatalog(*store, get, 1700000500);
    return r.ok() ? Status::Ok() : r.status();
  }

  void ExpectRefused(const json::object& answer, const std::string& reason) {
    Status s = Pull(answer);
    EXPECT_EQ(s.reason(), reason) << s.ToString();
    EXPECT_EQ(StationDigest(dongfeng_.dir), before_) << "the store changed";
  }

  static json::object* EntryOfKind(json::object& answer, const std::string& kind) {
    for (json::value& e : answer["entries"].as_array()) {
      if (e.as_object()["kind"].as_string() == kind) return &e.as_object();
    }
    return nullptr;
  }

  TempDir tmp_;
  Town town_{tmp_.path()};
  Village hongqi_, dongfeng_;
  Hash32 before_{};
};

TEST_F(PullBadInputTest, WrongCatalogHashIsRefused) {
  json::object a = Feed(false);
  a["hash"] = HexEncode(Hash32{});
  ExpectRefused(a, "hash_mismatch");
}

TEST_F(PullBadInputTest, BadAdministratorSignatureIsRefused) {
  json::object a = Feed(false);
  json::object* approval = EntryOfKind(a, "approval");
  ASSERT_NE(approval, nullptr);
  Bytes bytes = *Base64Decode(std::string((*approval)["entry"].as_string()));
  bytes.back() ^= 0x01;  // the last byte of the signature
  (*approval)["entry"] = Base64Encode(bytes);
  ExpectRefused(a, "bad_signature");
}

TEST_F(PullBadInputTest, DecisionSignedBySomeoneElseIsRefused) {
  json::object a = Feed(false);
  json::object* approval = EntryOfKind(a, "approval");
  ASSERT_NE(approval, nullptr);
  Envelope env =
      DecodeEnvelope(*Base64Decode(std::string((*approval)["entry"].as_string()))).value();
  PrivateKey other = PrivateKey::FromSeed(Bytes(32, 0x77)).value();
  (*approval)["entry"] =
      Base64Encode(EncodeEnvelope(SignEnvelope(EnvelopeKind::kApproval, "li", env.body, other)));
  ExpectRefused(a, "unknown_admin");
}

TEST_F(PullBadInputTest, GenesisOfAnotherHubIsRefused) {
  auto store = station::StationStore::Open(dongfeng_.dir);
  ASSERT_TRUE(store.ok());
  PrivateKey other = PrivateKey::FromSeed(Bytes(32, 0x55)).value();
  station::HubSettings pin;
  pin.key = MakeVerifierKey("baofeng.example/gongkai", other.public_key()).ToString();
  ASSERT_TRUE(store->UpdateHub(pin).ok());
  before_ = StationDigest(dongfeng_.dir);
  ExpectRefused(Feed(false), "hub_key_mismatch");
}

TEST_F(PullBadInputTest, OlderVersionIsRefusedAsRollback) {
  json::object a = Feed(false);
  a["version"] = 0;
  a["mode"] = "current";
  a["hash"] = HexEncode(Catalog().Hash());
  a["entries"] = json::array();
  ExpectRefused(a, "catalog_rollback");
}

TEST_F(PullBadInputTest, SnapshotThatDoesNotMatchTheSignedHashIsRefused) {
  json::object a = Feed(true);
  ASSERT_EQ(a["mode"].as_string(), "snapshot");
  json::object& snap = a["snapshot"].as_object();
  Bytes bytes = *Base64Decode(std::string(snap["catalog"].as_string()));
  bytes[bytes.size() - 3] ^= 0x01;
  snap["catalog"] = Base64Encode(bytes);
  ExpectRefused(a, "snapshot_mismatch");
}

TEST_F(PullBadInputTest, MissingChangeSetIsRefused) {
  json::object a = Feed(false);
  ASSERT_EQ(a["mode"].as_string(), "decisions");
  json::array kept;
  for (json::value& e : a["entries"].as_array()) {
    if (e.as_object()["kind"].as_string() != "changeset") kept.push_back(e);
  }
  a["entries"] = kept;
  ExpectRefused(a, "missing_changeset");
}

TEST_F(PullBadInputTest, GapInVersionsIsRefused) {
  json::object a = Feed(false);
  json::array kept;
  bool dropped = false;
  for (json::value& e : a["entries"].as_array()) {
    if (!dropped && e.as_object()["kind"].as_string() == "approval") {
      dropped = true;  // version 2
      continue;
    }
    kept.push_back(e);
  }
  a["entries"] = kept;
  ExpectRefused(a, "version_gap");
}

void ExpectAccepted(PullBadInputTest* t, Town& town, const Village& v) {
  auto store = station::StationStore::Open(v.dir);
  ASSERT_TRUE(store.ok());
  auto held = store->LoadApproved();
  ASSERT_TRUE(held.ok());
  EXPECT_EQ(held->version, 3u);
  Result<hub::ApprovedHead> head = hub::LatestVersion(town.db());
  ASSERT_TRUE(head.ok());
  EXPECT_EQ(held->hash, head->hash);
  // Pulling again at the same version changes nothing.
  Hash32 now = StationDigest(v.dir);
  ASSERT_TRUE(town.Sync(v).ok());
  EXPECT_EQ(StationDigest(v.dir), now);
  (void)t;
}

TEST_F(PullBadInputTest, UntamperedDecisionsAreReplayedAndAccepted) {
  Status s = Pull(Feed(false));
  ASSERT_TRUE(s.ok()) << s.ToString();
  ExpectAccepted(this, town_, dongfeng_);
}

TEST_F(PullBadInputTest, UntamperedSnapshotIsAccepted) {
  Status s = Pull(Feed(true));
  ASSERT_TRUE(s.ok()) << s.ToString();
  ExpectAccepted(this, town_, dongfeng_);
}

}  // namespace
}  // namespace gongkai::testing
