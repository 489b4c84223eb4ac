// A station refuses a bad GET /v1/catalog answer with a specific reason and
// leaves its store exactly as it was (station/sync/pull_catalog.h): a
// wrong catalog hash, a bad or unknown administrator signature, a genesis
// that is not the pinned hub's, an older version (rollback), a snapshot
// that does not match the signed approval, a missing change set, a gap in
// the versions. The untampered answer is then accepted.
//
// Every tampered answer is re-sealed as a malicious hub holding the log key
// would (Reseal: the log rebuilt over the tampered entries, a new signed
// checkpoint, fresh inclusion and consistency proofs), so these checks are
// reached behind the transparency-log checks. A tampered answer that is NOT
// re-sealed, and a re-sealed one that rewrites history the station already
// accepted, raise a log alarm instead (station/log/checkpoint_check.h).
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "core/base/base64.h"
#include "core/base/hex.h"
#include "core/feed/api_paths.h"
#include "core/log/checkpoint.h"
#include "core/log/merkle.h"
#include "core/record/envelope.h"
#include "hub/log/checkpoints.h"
#include "hub/review/approve.h"
#include "hub/review/catalog_feed.h"
#include "hub/review/review_store.h"
#include "hub/store/log_table.h"
#include "station/log/accepted_checkpoints.h"
#include "tests/testing/in_process_town.h"

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
    Result<std::string> body = hub::CatalogFeedJson(town_.db(), 1, opts, &LogKey());
    EXPECT_TRUE(body.ok());
    return json::parse(*body).as_object();
  }

  const PrivateKey& LogKey() {
    if (!log_key_) log_key_ = PrivateKey::LoadPem(town_.hub_dir() + "/log.key").value();
    return *log_key_;
  }

  static json::array Proof(const std::vector<Hash32>& hashes) {
    json::array a;
    for (const Hash32& h : hashes) a.push_back(json::string(Base64Encode(h.data(), 32)));
    return a;
  }

  // As a hub holding the log key would: rebuilds the log with the answer's
  // entries in place of the stored ones, signs a checkpoint of it (catalog
  // line of the real log) and replaces the proofs; consistency proofs are
  // then served from that log (tree_).
  void Reseal(json::object& answer) {
    uint64_t size = hub::LogSize(town_.db()).value();
    std::vector<hub::LogEntry> log = hub::ReadLogEntries(town_.db(), 0, size, 1 << 30).value();
    ASSERT_EQ(log.size(), size);
    auto put = [&](json::object& e) {
      log[e["index"].to_number<uint64_t>()].entry =
          *Base64Decode(std::string(e["entry"].as_string()));
    };
    put(answer["genesis"].as_object());
    for (json::value& e : answer["entries"].as_array()) put(e.as_object());
    tree_ = std::make_unique<MemoryNodeStore>();
    for (const hub::LogEntry& e : log) ASSERT_TRUE(tree_->Append(LeafHash(e.entry)).ok());
    Checkpoint cp = hub::CheckpointAt(town_.db(), town_.identity().origin, size).value();
    cp.root = Root(*tree_, size).value();
    answer["checkpoint"] = SignCheckpoint(cp, cp.origin, LogKey()).value();
    auto prove = [&](json::object& e) {
      e["inclusion"] =
          Proof(InclusionProof(*tree_, e["index"].to_number<uint64_t>(), size).value());
    };
    prove(answer["genesis"].as_object());
    for (json::value& e : answer["entries"].as_array()) prove(e.as_object());
  }

  // Pulls `answer` into 东风村 and returns the refusal. Other requests (the
  // consistency proof) go to the re-sealed log if any, else to the hub.
  Status Pull(const json::object& answer) {
    std::string body = json::serialize(answer);
    auto store = station::StationStore::Open(dongfeng_.dir);
    EXPECT_TRUE(store.ok());
    station::GetFn get = [&](const std::string& target) -> Result<station::HttpsResponse> {
      if (target.starts_with("/v1/catalog") || target.starts_with(api_path::kPollPrefix)) {
        return station::HttpsResponse{200, "application/json", body};
      }
      std::string prefix = "/v1/log/proof/consistency?from=";
      if (tree_ && target.starts_with(prefix)) {
        size_t amp = target.find("&to=");
        uint64_t from = std::stoull(target.substr(prefix.size(), amp - prefix.size()));
        uint64_t to = std::stoull(target.substr(amp + 4));
        json::object proof{{"from", from},
                           {"to", to},
                           {"proof", Proof(ConsistencyProof(*tree_, from, to).value())}};
        return station::HttpsResponse{200, "application/json", json::serialize(proof)};
      }
      HttpResponse r = town_.Get(target);
      return station::HttpsResponse{r.status, r.content_type, r.body};
    };
    Result<station::PullReport> r = station::PullCatalog(*store, get, 1700000500);
    return r.ok() ? Status::Ok() : r.status();
  }

  std::vector<station::LogAlarm> Alarms() {
    auto store = station::StationStore::Open(dongfeng_.dir);
    EXPECT_TRUE(store.ok());
    return station::LogAlarms(store->db()).value();
  }

  void ExpectRefused(json::object answer, const std::string& reason) {
    Reseal(answer);
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
  InProcessTown town_{tmp_.path()};
  Village hongqi_, dongfeng_;
  Hash32 before_{};
  std::optional<PrivateKey> log_key_;
  std::unique_ptr<MemoryNodeStore> tree_;  // the re-sealed log
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

TEST_F(PullBadInputTest, EntryNotInTheSignedLogRaisesAnAlarm) {
  json::object a = Feed(false);
  json::object* approval = EntryOfKind(a, "approval");
  ASSERT_NE(approval, nullptr);
  Bytes bytes = *Base64Decode(std::string((*approval)["entry"].as_string()));
  bytes.back() ^= 0x01;  // not re-sealed: the inclusion proof no longer fits
  (*approval)["entry"] = Base64Encode(bytes);
  Status s = Pull(a);
  EXPECT_EQ(s.reason(), "entry_not_in_log") << s.ToString();
  EXPECT_NE(s.message().find("ALARM"), std::string::npos) << s.message();
  EXPECT_EQ(StationDigest(dongfeng_.dir), before_) << "the store changed";
  std::vector<station::LogAlarm> alarms = Alarms();
  ASSERT_EQ(alarms.size(), 1u);
  EXPECT_EQ(alarms[0].reason, "entry_not_in_log");
  EXPECT_EQ(alarms[0].note, std::string(a["checkpoint"].as_string()));
}

TEST_F(PullBadInputTest, RewrittenHistoryRaisesAnAlarmShownByStatus) {
  // A hub that rewrites entry 1 (accepted by 东风村 at its last pull) and
  // re-signs everything consistently: the consistency proof from the
  // accepted checkpoint fails.
  json::object a = Feed(false);
  Bytes rewritten = hub::ReadLogEntries(town_.db(), 1, 2, 1 << 20).value().at(0).entry;
  rewritten.back() ^= 0x01;
  json::object e1{{"index", 1}, {"kind", "changeset"}, {"entry", Base64Encode(rewritten)}};
  json::object resealed = a;
  json::array with_e1{e1};
  resealed["entries"] = with_e1;
  Reseal(resealed);
  a["checkpoint"] = resealed["checkpoint"];  // the forked log's checkpoint
  Status s = Pull(a);
  EXPECT_EQ(s.reason(), "checkpoint_forked") << s.ToString();
  EXPECT_EQ(StationDigest(dongfeng_.dir), before_) << "the store changed";
  std::string out;
  town_.Cli(dongfeng_, {"status", "--json"}, &out);
  json::object status = json::parse(out).as_object();
  EXPECT_EQ(status["catalog_version"].to_number<uint64_t>(), 1u);
  ASSERT_EQ(status["log_alarms"].as_array().size(), 1u) << out;
  EXPECT_EQ(status["log_alarms"].as_array()[0].as_object()["reason"].as_string(),
            "checkpoint_forked");
  town_.Cli(dongfeng_, {"status"}, &out);
  EXPECT_NE(out.find("checkpoint_forked"), std::string::npos) << out;
  // The hub's genuine log is still accepted afterwards, the alarm stays.
  tree_.reset();
  ASSERT_TRUE(Pull(Feed(false)).ok());
  EXPECT_EQ(Alarms().size(), 1u);
}

void ExpectAccepted(PullBadInputTest* t, InProcessTown& town, const Village& v) {
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
  // The pull accepted the hub's checkpoint of its whole log.
  auto accepted = station::LatestAcceptedCheckpoint(store->db());
  ASSERT_TRUE(accepted.ok() && accepted->has_value());
  EXPECT_EQ((*accepted)->checkpoint.size, hub::LogSize(town.db()).value());
  EXPECT_EQ((*accepted)->checkpoint.catalog_version, 3u);
  EXPECT_TRUE(station::LogAlarms(store->db()).value().empty());
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
