// Pulls send only what the station lacks (hub/review/catalog_feed.h,
// station/sync/pull_catalog.h): the station asks for the binary form and
// says which log size it verified and that it keeps the genesis; the hub
// leaves the genesis out and puts the consistency proof in the answer, so
// a pull is one request. An older hub's JSON answer (genesis in, no proof)
// still works through the extra GET. A damaged binary answer is refused
// (bad_hub_answer) and nothing is written. A station that has verified
// everything there is asks with if_new=1 and is told "304, nothing new"
// (docs/formats/catalog-answer.md § Nothing new).
#include <gtest/gtest.h>

#include <bit>
#include <filesystem>
#include <functional>

#include "core/base/hex.h"
#include "core/feed/api_paths.h"
#include "core/feed/catalog_answer.h"
#include "core/feed/receipts_answer.h"
#include "core/log/compact_range.h"
#include "core/log/merkle.h"
#include "hub/review/approve.h"
#include "hub/review/reject.h"
#include "hub/review/review_store.h"
#include "hub/store/log_table.h"
#include "hub/store/node_store.h"
#include "station/log/accepted_checkpoints.h"
#include "station/store/outbox.h"
#include "tests/testing/in_process_town.h"
#include "tests/testing/sql_file.h"

namespace gongkai::testing {
namespace {

// A binary catalog answer of the town's hub, in any format.
Result<CatalogAnswer> Decode(const std::string& body) {
  return DecodeCatalogAnswer(Bytes(body.begin(), body.end()), InProcessTown::kOrigin);
}

class PullCompactTest : public ::testing::Test {
 protected:
  void SetUp() override {
    town_.Start();
    hongqi_ = town_.AddVillage("hongqi-01", "红旗村");
    dongfeng_ = town_.AddVillage("dongfeng-01", "东风村");
  }

  void EditAndApprove(const std::string& item) {
    town_.Cli(hongqi_, AddRowArgs(item));
    ASSERT_TRUE(town_.Sync(hongqi_).ok());
    hub::ApproveRequest req;
    req.all = true;
    req.now = 1700000300;
    ASSERT_TRUE(hub::Approve(town_.db(), town_.admin(), req).ok());
  }

  // Pulls into 东风村 (or `village`) through `get`, recording the targets
  // asked for.
  Result<station::PullReport> Pull(const station::GetFn& get, const Village* village = nullptr) {
    GK_ASSIGN_OR_RETURN(station::StationStore store,
                        station::StationStore::Open((village ? *village : dongfeng_).dir));
    targets_.clear();
    station::GetFn recording = [&](const std::string& target) {
      targets_.push_back(target);
      return get(target);
    };
    return station::PullCatalog(store, recording, 1700000400);
  }

  uint64_t LogSize() { return hub::LogSize(town_.db()).value(); }

  // The hub's frontier of its tree of n leaves.
  std::vector<Hash32> HubFrontier(uint64_t n) {
    hub::SqliteNodeStore store(town_.db());
    return RangeFrontier(store, n).value();
  }

  // The frontier `village` keeps of its verified tree (decision 0034), if any.
  std::optional<std::vector<Hash32>> KeptFrontier(const Village& village) {
    Result<station::StationStore> store = station::StationStore::Open(village.dir);
    if (!store.ok()) return std::nullopt;
    return station::LatestAcceptedCheckpoint(store->db()).value()->frontier;
  }
  struct RangeDamage {
    const char* name;
    std::function<void(CatalogAnswer&)> damage;
    const char* reason;
  };
  // Pulls into 东风村 once per case, the answer's range damaged by it:
  // refused with the case's reason, no table changed, an alarm recorded
  // unless the reason is bad_hub_answer. `seen` gets each answer before
  // its damage.
  void ExpectDamagedRangesRefused(const std::vector<RangeDamage>& cases,
                                  const std::function<void(const CatalogAnswer&)>& seen) {
    for (const RangeDamage& c : cases) {
      station::GetFn damaging = [&](const std::string& target) -> Result<station::HttpsResponse> {
        HttpResponse r = town_.GetInflated(target);
        Result<CatalogAnswer> a = Decode(r.body);
        if (r.status == 200 && a.ok() && a->range) {
          seen(*a);
          c.damage(*a);
          Bytes b = EncodeCatalogAnswer(*a);
          r.body.assign(b.begin(), b.end());
        }
        return station::HttpsResponse{r.status, r.content_type, r.body};
      };
      const std::string db = dongfeng_.dir + "/station.db";
      const std::vector<std::string> tables = {"station", "approved_rows", "accepted_checkpoints"};
      auto alarms = [&] {
        Result<station::StationStore> store = station::StationStore::Open(dongfeng_.dir);
        return store.ok() ? station::LogAlarms(store->db()).value().size() : size_t{999};
      };
      const size_t alarms_before = alarms();
      Hash32 before = TablesDigest(db, tables);
      Result<station::PullReport> r = Pull(damaging);
      ASSERT_FALSE(r.ok()) << c.name;
      EXPECT_EQ(r.status().reason(), c.reason) << c.name << ": " << r.status().ToString();
      EXPECT_EQ(TablesDigest(db, tables), before) << c.name;
      EXPECT_EQ(alarms(), alarms_before + (std::string(c.reason) == "bad_hub_answer" ? 0 : 1))
          << c.name;
    }
  }

  // Forgets it: the station asks format 2 again, which brings the frontier.
  void ForgetFrontier(const Village& village) {
    Result<Database> db = Database::Open(village.dir + "/station.db");
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE(db->Exec("UPDATE accepted_checkpoints SET frontier = NULL").ok());
  }

  // The first 8 hex digits of the hub's root at size n.
  std::string RootPrefix(uint64_t n) {
    hub::SqliteNodeStore store(town_.db());
    return HexEncode(Root(store, n).value()).substr(0, 8);
  }

  std::string HubHash() { return HexEncode(hub::LatestVersion(town_.db()).value().hash); }

  TempDir tmp_;
  InProcessTown town_{tmp_.path()};
  Village hongqi_, dongfeng_;
  std::vector<std::string> targets_;
};

TEST_F(PullCompactTest, SecondPullIsOneRequestWithoutGenesis) {
  EditAndApprove("财务收支");
  Result<station::PullReport> first = Pull(town_.Getter());
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  ASSERT_EQ(targets_.size(), 1u);
  EXPECT_EQ(targets_[0], "/v1/catalog?since=0&form=bin&enrollments=1&answer=2&own=dongfeng-01");
  EXPECT_EQ(first->to_version, 1u);

  EditAndApprove("低保名单");
  HttpResponse raw = town_.Get("/v1/catalog?since=1&form=bin&have_log=4&have_genesis=1");
  EXPECT_EQ(raw.content_type, hub::kCatalogAnswerMediaType);
  Result<CatalogAnswer> decoded = Decode(raw.body);
  ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
  EXPECT_FALSE(decoded->genesis.has_value());
  ASSERT_TRUE(decoded->consistency.has_value());
  EXPECT_EQ(decoded->consistency->from, 4u);

  Result<station::PullReport> second = Pull(town_.Getter());
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  ASSERT_EQ(targets_.size(), 1u) << "a second request was made";
  // The short poll: have_log and have_genesis=1 (and if_new=1) in its path
  // (docs/http-api.md § The short poll).
  EXPECT_TRUE(targets_[0].starts_with("/v1/poll/1/")) << targets_[0];
  EXPECT_FALSE(second->consistency_fetched);
  EXPECT_EQ(second->to_version, 2u);
  EXPECT_EQ(HexEncode(second->hash), HubHash());
}

TEST_F(PullCompactTest, NothingNewIsA304ThatWritesNothingAndSomethingNewIsTheAnswer) {
  EditAndApprove("财务收支");
  ASSERT_TRUE(Pull(town_.Getter()).ok());
  ASSERT_EQ(targets_.size(), 1u);
  EXPECT_EQ(targets_[0].find("if_new"), std::string::npos)
      << "nothing verified yet: " << targets_[0];

  const std::string db = dongfeng_.dir + "/station.db";
  const std::vector<std::string> tables = {"station", "approved_rows", "outbox",
                                           "accepted_checkpoints", "log_alarms"};
  Hash32 before = TablesDigest(db, tables);
  std::vector<int> statuses;
  station::GetFn seen = [&](const std::string& target) -> Result<station::HttpsResponse> {
    Result<station::HttpsResponse> r = town_.Getter()(target);
    if (r.ok()) statuses.push_back(r->status);
    return r;
  };
  Result<station::PullReport> idle = Pull(seen);
  ASSERT_TRUE(idle.ok()) << idle.status().ToString();
  ASSERT_EQ(targets_.size(), 1u);
  // In its short form (docs/http-api.md § The short poll): the version it
  // holds and the size of the log it verified (the hub's whole log).
  EXPECT_EQ(targets_[0], "/v1/poll/1/" + std::to_string(LogSize()) + "/o/dongfeng-01/r/" +
                             RootPrefix(LogSize()) + "/a/2");
  EXPECT_EQ(statuses, std::vector<int>{304});
  EXPECT_EQ(idle->from_version, 1u);
  EXPECT_EQ(idle->to_version, 1u);
  EXPECT_FALSE(idle->changed);
  EXPECT_EQ(TablesDigest(db, tables), before) << "a 304 writes nothing";

  // Uploads alone (the log grows by change sets, no new version): still
  // nothing for this station to verify, so still a 304 and nothing written
  // (docs/decisions/0031-nothing-new-for-you.md).
  const uint64_t verified = LogSize();
  town_.Cli(hongqi_, AddRowArgs("低保名单"));
  ASSERT_TRUE(town_.Sync(hongqi_).ok());
  ASSERT_GT(LogSize(), verified);
  statuses.clear();
  Result<station::PullReport> uploads = Pull(seen);
  ASSERT_TRUE(uploads.ok()) << uploads.status().ToString();
  EXPECT_EQ(statuses, std::vector<int>{304});
  EXPECT_FALSE(uploads->changed);
  EXPECT_EQ(TablesDigest(db, tables), before) << "a 304 writes nothing";

  // A log smaller than the one the station verified is never "nothing new":
  // the full answer, whose checkpoint the station then refuses.
  HttpResponse shrunk = town_.Get("/v1/poll/1/" + std::to_string(LogSize() + 5));
  EXPECT_EQ(shrunk.status, 200);
  // Nor is a log whose tree at N is not the one the station verified (a
  // hub restored from a backup and grown again): the root's start says so.
  const std::string at_n = "/v1/poll/1/" + std::to_string(verified);
  EXPECT_EQ(town_.Get(at_n + "/r/" + RootPrefix(verified)).status, 304);
  const std::string other = RootPrefix(verified) == "00000000" ? "11111111" : "00000000";
  EXPECT_EQ(town_.Get(at_n + "/r/" + other).status, 200);
  EXPECT_EQ(town_
                .Get("/v1/catalog?since=1&form=bin&enrollments=1&have_genesis=1&if_new=1"
                     "&have_log=" +
                     std::to_string(verified) + "&have_root=" + other)
                .status,
            200);

  // A decision in the log (the administrator rejects that upload): the full
  // answer, the larger checkpoint accepted.
  Result<hub::RejectOutcome> rejected =
      hub::Reject(town_.db(), town_.admin(), "hongqi-01/2", "重复的事项", 1700000350);
  ASSERT_TRUE(rejected.ok()) << rejected.status().ToString();
  statuses.clear();
  Result<station::PullReport> grown = Pull(seen);
  ASSERT_TRUE(grown.ok()) << grown.status().ToString();
  EXPECT_EQ(statuses, std::vector<int>{200});
  EXPECT_TRUE(grown->changed) << "the larger checkpoint is accepted";
  EXPECT_NE(TablesDigest(db, tables), before);

  // Another upload, then its approval: a 304 for the upload, the new version
  // for the approval.
  town_.Cli(hongqi_, AddRowArgs("救助名单"));
  ASSERT_TRUE(town_.Sync(hongqi_).ok());
  statuses.clear();
  ASSERT_TRUE(Pull(seen).ok());
  EXPECT_EQ(statuses, std::vector<int>{304});
  hub::ApproveRequest req;
  req.all = true;
  req.now = 1700000360;
  ASSERT_TRUE(hub::Approve(town_.db(), town_.admin(), req).ok());
  statuses.clear();
  Result<station::PullReport> approved = Pull(seen);
  ASSERT_TRUE(approved.ok()) << approved.status().ToString();
  EXPECT_EQ(statuses, std::vector<int>{200});
  EXPECT_EQ(approved->to_version, 2u);
  EXPECT_EQ(HexEncode(approved->hash), HubHash());
}

TEST_F(PullCompactTest, JsonAnswerOfAnOlderHubStillWorks) {
  EditAndApprove("财务收支");
  ASSERT_TRUE(Pull(town_.Getter()).ok());
  EditAndApprove("低保名单");
  // As a hub before the compact answer: JSON, genesis always, no
  // consistency (but with the enrolments stations check change sets by).
  station::GetFn old_hub = [&](const std::string& target) -> Result<station::HttpsResponse> {
    if (target.starts_with("/v1/catalog?")) {
      HttpResponse r = town_.Get(target.substr(0, target.find('&')) + "&enrollments=1");
      return station::HttpsResponse{r.status, r.content_type, r.body};
    }
    if (target.starts_with("/v1/poll/")) {  // unknown to it: 404, as its router answers
      return station::HttpsResponse{404, "application/json",
                                    R"({"error":"not_found","message":"没有这个地址"})"};
    }
    HttpResponse r = town_.GetInflated(target);
    return station::HttpsResponse{r.status, r.content_type, r.body};
  };
  Result<station::PullReport> r = Pull(old_hub);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE(r->consistency_fetched);
  // The short poll, its 404, the long form, the consistency proof.
  ASSERT_EQ(targets_.size(), 3u);
  EXPECT_TRUE(targets_[0].starts_with("/v1/poll/1/")) << targets_[0];
  EXPECT_TRUE(targets_[1].starts_with("/v1/catalog?since=1&")) << targets_[1];
  EXPECT_NE(targets_[1].find("&if_new=1&have_root="), std::string::npos) << targets_[1];
  EXPECT_TRUE(targets_[1].ends_with("&own=dongfeng-01")) << targets_[1];
  EXPECT_TRUE(targets_[2].starts_with("/v1/log/proof/consistency?from=")) << targets_[2];
  EXPECT_EQ(HexEncode(r->hash), HubHash());
}

// A hub older than the enrolment check sends change sets without the
// enrolments to check them by: refused (not taken on trust), no alarm, the
// store unchanged (docs/decisions/0010-stations-check-who-signed.md).
TEST_F(PullCompactTest, ChangeSetsWithoutEnrolmentsAreRefusedWithoutAnAlarm) {
  EditAndApprove("财务收支");
  ASSERT_TRUE(Pull(town_.Getter()).ok());
  EditAndApprove("低保名单");
  hub::FeedOptions replay;
  replay.snapshot_when_smaller = false;
  station::GetFn older = [&](const std::string& target) -> Result<station::HttpsResponse> {
    if (target.starts_with("/v1/catalog?") || target.starts_with(api_path::kPollPrefix)) {
      hub::FeedRequest req =
          target.starts_with(api_path::kPollPrefix)
              ? hub::ParsePollPath(target.substr(api_path::kPollPrefix.size())).value()
              : hub::ParseFeedQuery(target.substr(12)).value();
      req.enrollments = false;
      req.if_new = false;
      PrivateKey key = PrivateKey::LoadPem(town_.hub_dir() + "/log.key").value();
      hub::FeedBody body = hub::CatalogFeedBody(town_.db(), req, replay, &key).value();
      return station::HttpsResponse{200, body.content_type, body.body};
    }
    HttpResponse r = town_.GetInflated(target);
    return station::HttpsResponse{r.status, r.content_type, r.body};
  };
  Hash32 before = StationDigest(dongfeng_.dir);
  Result<station::PullReport> r = Pull(older);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().reason(), "enrollments_missing") << r.status().ToString();
  EXPECT_EQ(StationDigest(dongfeng_.dir), before);
  auto store = station::StationStore::Open(dongfeng_.dir);
  ASSERT_TRUE(store.ok());
  EXPECT_TRUE(station::LogAlarms(store->db()).value().empty());
  // The same hub upgraded: accepted.
  ASSERT_TRUE(Pull(town_.Getter()).ok());
}

TEST_F(PullCompactTest, DamagedBinaryAnswerIsRefusedAndChangesNothing) {
  EditAndApprove("财务收支");
  Hash32 before = StationDigest(dongfeng_.dir);
  HttpResponse good = town_.Get("/v1/catalog?since=0&form=bin");
  ASSERT_EQ(good.status, 200);
  for (size_t n : {size_t{0}, size_t{1}, size_t{40}, good.body.size() / 2, good.body.size() - 1}) {
    std::string cut = good.body.substr(0, n);
    if (n == 0) cut = std::string(1, '\x02');  // an empty body is not binary; a wrong format is
    station::GetFn get = [&](const std::string&) -> Result<station::HttpsResponse> {
      return station::HttpsResponse{200, hub::kCatalogAnswerMediaType, cut};
    };
    Result<station::PullReport> r = Pull(get);
    ASSERT_FALSE(r.ok()) << n;
    EXPECT_EQ(r.status().reason(), "bad_hub_answer") << n << ": " << r.status().ToString();
    EXPECT_EQ(StationDigest(dongfeng_.dir), before);
  }
}

TEST_F(PullCompactTest, BadQueryParametersAreRefused) {
  EXPECT_EQ(town_.Get("/v1/catalog?form=xml").status, 400);
  EXPECT_FALSE(town_.Get("/v1/catalog?form=xml").station_only);
  EXPECT_TRUE(town_.Get("/v1/catalog?since=0&form=bin").station_only);
  EXPECT_FALSE(town_.Get("/v1/catalog?since=0").station_only) << "JSON keeps every header";
  EXPECT_EQ(town_.Get("/v1/catalog?have_log=x").status, 400);
  EXPECT_EQ(town_.Get("/v1/catalog?have_genesis=2").status, 400);
  HttpResponse json = town_.Get("/v1/catalog?since=0&have_genesis=1&have_log=1");
  ASSERT_EQ(json.status, 200);
  EXPECT_EQ(json.body.find("\"genesis\""), std::string::npos);
  EXPECT_NE(json.body.find("\"consistency\""), std::string::npos);
}

// The short poll is the long request in fewer bytes: the same answers, and
// a malformed one is refused bad_query.
TEST_F(PullCompactTest, TheShortPollIsTheLongRequest) {
  EditAndApprove("财务收支");
  const std::string n = std::to_string(LogSize());
  auto same = [&](const std::string& poll, const std::string& query) {
    HttpResponse a = town_.Get(poll);
    HttpResponse b = town_.Get("/v1/catalog?" + query);
    EXPECT_EQ(a.status, b.status) << poll;
    EXPECT_EQ(a.content_type, b.content_type) << poll;
    EXPECT_EQ(a.body, b.body) << poll;
    return a.status;
  };
  const std::string flags = "&form=bin&enrollments=1&have_genesis=1&if_new=1";
  EXPECT_EQ(same("/v1/poll/1/" + n, "since=1&have_log=" + n + flags), 304);
  EXPECT_EQ(same("/v1/poll/0/" + n, "since=0&have_log=" + n + flags), 200);
  EXPECT_EQ(same("/v1/poll/1/1", "since=1&have_log=1" + flags), 200);
  EXPECT_EQ(same("/v1/poll/1/1/c", "since=1&have_log=1&cosigned=1" + flags), 200);

  EXPECT_EQ(same("/v1/poll/1/1/o/hongqi-01", "since=1&have_log=1&own=hongqi-01" + flags), 200);
  EXPECT_EQ(same("/v1/poll/1/1/c/o/c", "since=1&have_log=1&cosigned=1&own=c" + flags), 200);
  const std::string root = RootPrefix(LogSize());
  EXPECT_EQ(same("/v1/poll/1/" + n + "/o/hongqi-01/r/" + root,
                 "since=1&have_log=" + n + "&own=hongqi-01&have_root=" + root + flags),
            304);
  EXPECT_EQ(same("/v1/poll/1/" + n + "/r/" + root,
                 "since=1&have_log=" + n + "&have_root=" + root + flags),
            304);
  // "/a/2" is answer=2 (0033): format 2 of the catalog answer.
  EXPECT_EQ(
      same("/v1/poll/1/1/o/hongqi-01/r/" + RootPrefix(1) + "/a/2",
           "since=1&have_log=1&own=hongqi-01&have_root=" + RootPrefix(1) + "&answer=2" + flags),
      200);
  EXPECT_EQ(same("/v1/poll/1/1/a/2", "since=1&have_log=1&answer=2" + flags), 200);
  EXPECT_EQ(same("/v1/poll/1/1/a/1", "since=1&have_log=1" + flags), 200);

  // A station newer than the hub asks a format it does not write: it gets
  // the newest it does, and reads it by its format byte.
  EXPECT_EQ(same("/v1/poll/1/1/a/4", "since=1&have_log=1&answer=3" + flags), 200);
  EXPECT_EQ(same("/v1/poll/1/1/a/3", "since=1&have_log=1&answer=7" + flags), 200);
  EXPECT_EQ(town_.Get("/v1/poll/1/1/a/4").body[1], 3);

  for (const char* bad : {"/v1/poll/",
                          "/v1/poll/1/2/a/0",
                          "/v1/poll/1/2/a/x",
                          "/v1/poll/1/2/a/",
                          "/v1/poll/1/2/a/2/",
                          "/v1/poll/1/2/a/2/c",
                          "/v1/catalog?answer=0",
                          "/v1/catalog?answer=x",
                          "/v1/poll/1",
                          "/v1/poll/1/",
                          "/v1/poll/x/1",
                          "/v1/poll/1/2/d",
                          "/v1/poll/1/2/c/",
                          "/v1/poll/-1/2",
                          "/v1/poll/1/99999999999999999999",
                          "/v1/poll/1/2/o",
                          "/v1/poll/1/2/o/",
                          "/v1/poll/1/2/o/Hongqi",
                          "/v1/poll/1/2/o/hongqi-01/c",
                          "/v1/poll/1/2/x/hongqi-01",
                          "/v1/catalog?form=bin&own=",
                          "/v1/catalog?own=a%2Fb",
                          "/v1/poll/1/2/r/",
                          "/v1/poll/1/2/r/1234567",
                          "/v1/poll/1/2/r/ABCDEF12",
                          "/v1/poll/1/2/r/abcdef12/",
                          "/v1/poll/1/2/r/abcdef12/o/hongqi-01",
                          "/v1/poll/1/2/o/hongqi-01/r/xyzxyzxy",
                          "/v1/catalog?have_root=12"}) {
    HttpResponse r = town_.Get(bad);
    EXPECT_EQ(r.status, 400) << bad;
    EXPECT_NE(r.body.find("bad_query"), std::string::npos) << bad << ": " << r.body;
  }
  HttpRequest post;
  post.method = "POST";
  post.target = "/v1/poll/1/" + n;
  EXPECT_EQ(town_.api().HandleSync(post).status, 405);
}

// Format 2 (docs/decisions/0033-compact-range-and-checkpoint.md): a station
// that verified the log at size N gets, instead of the consistency proof and
// an inclusion proof per new entry, the frontier of its tree of N and the
// leaf hashes of the entries it is not sent; and the checkpoint as its size,
// root and signature. It arrives at the same verified state.
// A station that verified a range keeps the frontier of the tree it
// reached (decision 0034) and from then on asks format 3: the same answer
// with compact integers, without the origin and without the frontier. A
// large one comes deflated though the poll named no Accept-Encoding.
TEST_F(PullCompactTest, AStationThatKeepsItsFrontierIsSentOnlyTheLeaves) {
  EditAndApprove("财务收支");
  ASSERT_TRUE(Pull(town_.Getter()).ok());  // the first pull: inclusion proofs
  EXPECT_FALSE(KeptFrontier(dongfeng_).has_value());
  EditAndApprove("低保名单");
  ASSERT_TRUE(Pull(town_.Getter()).ok());  // format 2 brings the frontier
  ASSERT_EQ(targets_.size(), 1u);
  EXPECT_TRUE(targets_[0].ends_with("/a/2")) << targets_[0];
  EXPECT_EQ(KeptFrontier(dongfeng_), HubFrontier(LogSize()));

  EditAndApprove("村务公开");
  std::vector<std::string> bodies;
  station::GetFn seen = [&](const std::string& target) -> Result<station::HttpsResponse> {
    HttpResponse r = town_.GetInflated(target);
    bodies.push_back(r.body);
    return station::HttpsResponse{r.status, r.content_type, r.body};
  };
  Result<station::PullReport> r = Pull(seen);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(targets_.size(), 1u);
  EXPECT_TRUE(targets_[0].ends_with("/a/3")) << targets_[0];
  EXPECT_EQ(HexEncode(r->hash), HubHash());
  EXPECT_EQ(r->to_version, 3u);
  EXPECT_EQ(KeptFrontier(dongfeng_), HubFrontier(LogSize())) << "the frontier moves on";
  Result<CatalogAnswer> three = Decode(bodies[0]);
  ASSERT_TRUE(three.ok()) << three.status().ToString();
  EXPECT_EQ(three->format, 3);
  ASSERT_TRUE(three->range.has_value());
  EXPECT_TRUE(three->range->frontier.empty());
  EXPECT_EQ(bodies[0].find(InProcessTown::kOrigin), std::string::npos) << "no origin";
  // The same request in format 2: the frontier and origin, fixed integers.
  std::string asked_two = targets_[0];
  asked_two.back() = '2';
  HttpResponse two = town_.Get(asked_two);
  ASSERT_EQ(two.status, 200);
  Result<CatalogAnswer> as_two = Decode(two.body);
  ASSERT_TRUE(as_two.ok());
  EXPECT_EQ(*as_two->checkpoint, *three->checkpoint);
  EXPECT_EQ(as_two->range->leaves, three->range->leaves);
  EXPECT_GE(two.body.size(), bodies[0].size() + 32 * as_two->range->frontier.size() + 8 +
                                 std::string(InProcessTown::kOrigin).size())
      << two.body.size() << " vs " << bodies[0].size();

  // A catch-up of three versions in format 3 is over 1 KiB: deflated,
  // unasked; the same in format 2 without Accept-Encoding is not.
  EditAndApprove("救助名单");
  EditAndApprove("危房改造");
  EditAndApprove("低保名单二");
  const uint64_t have =
      station::LatestAcceptedCheckpoint(station::StationStore::Open(dongfeng_.dir)->db())
          .value()
          ->checkpoint.size;
  const std::string poll =
      "/v1/poll/3/" + std::to_string(have) + "/o/dongfeng-01/r/" + RootPrefix(have) + "/a/";
  HttpResponse lean = town_.Get(poll + "3");
  HttpResponse plain = town_.Get(poll + "2");
  ASSERT_EQ(lean.status, 200);
  auto coding = [](const HttpResponse& res) {
    for (const auto& [name, value] : res.headers) {
      if (name == "Content-Encoding") return value;
    }
    return std::string();
  };
  EXPECT_EQ(coding(lean), "deflate");
  EXPECT_EQ(coding(plain), "");
  EXPECT_GT(plain.body.size(), 1024u);
  EXPECT_LT(lean.body.size(), plain.body.size());
  Result<station::PullReport> caught_up = Pull(town_.Getter());
  ASSERT_TRUE(caught_up.ok()) << caught_up.status().ToString();
  EXPECT_EQ(HexEncode(caught_up->hash), HubHash());
  EXPECT_EQ(KeptFrontier(dongfeng_), HubFrontier(LogSize()));
}

// A kept frontier that does not fold to the verified root (a damaged
// store) is not used: the station asks format 2, which brings the frontier
// again — no alarm. A format-3 range whose given leaf is damaged is an
// alarm, as in format 2; one from another size is a bad answer.
TEST_F(PullCompactTest, ALeanRangeIsCheckedAgainstTheKeptFrontier) {
  EditAndApprove("财务收支");
  ASSERT_TRUE(Pull(town_.Getter()).ok());
  EditAndApprove("低保名单");
  ASSERT_TRUE(Pull(town_.Getter()).ok());
  ASSERT_TRUE(KeptFrontier(dongfeng_).has_value());
  {
    Result<Database> db = Database::Open(dongfeng_.dir + "/station.db");
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE(db->Exec("UPDATE accepted_checkpoints SET frontier = "
                         "zeroblob(length(frontier)) WHERE frontier IS NOT NULL")
                    .ok());
  }
  EXPECT_FALSE(KeptFrontier(dongfeng_).has_value()) << "loaded only when it folds to the root";
  EditAndApprove("村务公开");
  Result<station::PullReport> repaired = Pull(town_.Getter());
  ASSERT_TRUE(repaired.ok()) << repaired.status().ToString();
  EXPECT_TRUE(targets_[0].ends_with("/a/2")) << targets_[0];
  EXPECT_EQ(KeptFrontier(dongfeng_), HubFrontier(LogSize()));

  EditAndApprove("救助名单");
  town_.Cli(hongqi_, AddRowArgs("危房改造"));
  ASSERT_TRUE(town_.Sync(hongqi_).ok());  // an undecided change set: a given leaf
  const std::vector<RangeDamage> cases = {
      {"a given leaf", [](CatalogAnswer& a) { a.range->leaves.back()[5] ^= 1; },
       "checkpoint_forked"},
      {"another size", [](CatalogAnswer& a) { a.range->from -= 1; }, "bad_hub_answer"},
      {"a given leaf missing", [](CatalogAnswer& a) { a.range->leaves.pop_back(); },
       "bad_hub_answer"},
  };
  ExpectDamagedRangesRefused(cases,
                             [](const CatalogAnswer& a) { EXPECT_EQ(a.format, 3) << "format 3"; });
  Result<station::PullReport> good = Pull(town_.Getter());
  ASSERT_TRUE(good.ok()) << good.status().ToString();
  EXPECT_EQ(HexEncode(good->hash), HubHash());
}

// A range proves entries only when it proves a larger checkpoint: one that
// rides with the checkpoint the station already holds proves nothing, and
// the entries then need their inclusion proofs. Otherwise a hub could send
// a decision that is in no signed log (here: a rejection of the station's
// own change set) with the old checkpoint and an empty range from 0.
TEST_F(PullCompactTest, ARangeWithNoLargerCheckpointProvesNoEntry) {
  EditAndApprove("财务收支");
  ASSERT_TRUE(Pull(town_.Getter(), &hongqi_).ok());
  town_.Cli(hongqi_, AddRowArgs("救助名单"));
  ASSERT_TRUE(town_.Sync(hongqi_).ok());  // seq 2 at the hub, undecided
  const std::string held_note = [&] {
    Result<station::StationStore> store = station::StationStore::Open(hongqi_.dir);
    return station::LatestAcceptedCheckpoint(store->db()).value()->note;
  }();
  ASSERT_TRUE(hub::Reject(town_.db(), town_.admin(), "hongqi-01/2", "重复的事项", 1700000350).ok());
  bool rejection_sent = false;
  station::GetFn unlogged = [&](const std::string& target) -> Result<station::HttpsResponse> {
    HttpResponse r = town_.GetInflated(target);
    Result<CatalogAnswer> a = Decode(r.body);
    if (r.status == 200 && a.ok()) {
      for (FeedEntry& e : a->entries) {
        rejection_sent |= e.kind == "rejection";
        e.inclusion.reset();
      }
      a->checkpoint = held_note;  // the size the station verified
      a->consistency.reset();
      a->range = RangeProof{0, {}, {}};
      Bytes b = EncodeCatalogAnswer(*a);
      r.body.assign(b.begin(), b.end());
    }
    return station::HttpsResponse{r.status, r.content_type, r.body};
  };
  const std::string db = hongqi_.dir + "/station.db";
  const std::vector<std::string> tables = {"station", "outbox", "accepted_checkpoints",
                                           "log_alarms"};
  Hash32 before = TablesDigest(db, tables);
  Result<station::PullReport> r = Pull(unlogged, &hongqi_);
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(rejection_sent);
  EXPECT_EQ(r.status().reason(), "bad_hub_answer") << r.status().ToString();
  EXPECT_EQ(TablesDigest(db, tables), before) << "the rejection is not applied";
  Result<station::StationStore> store = station::StationStore::Open(hongqi_.dir);
  ASSERT_TRUE(store.ok());
  EXPECT_NE(station::LoadOutboxEntry(store->db(), 2).value()->state,
            station::OutboxState::kRejected);
}

TEST_F(PullCompactTest, ACompactRangeAndCheckpointReplaceTheProofs) {
  EditAndApprove("财务收支");
  ASSERT_TRUE(Pull(town_.Getter()).ok());
  const uint64_t n = LogSize();
  EditAndApprove("低保名单");
  const std::string query =
      "/v1/catalog?since=1&form=bin&enrollments=1&have_genesis=1&have_log=" + std::to_string(n);
  HttpResponse one = town_.Get(query);
  HttpResponse two = town_.Get(query + "&answer=2");
  ASSERT_EQ(one.status, 200);
  ASSERT_EQ(two.status, 200);
  Result<CatalogAnswer> a1 = Decode(one.body);
  Result<CatalogAnswer> a2 = Decode(two.body);
  ASSERT_TRUE(a1.ok() && a2.ok());
  EXPECT_EQ(a1->format, 1);
  EXPECT_EQ(a2->format, 2);
  EXPECT_EQ(*a2->checkpoint, *a1->checkpoint) << "the note rebuilt byte for byte";
  EXPECT_EQ(two.body.find("— "), std::string::npos) << "no note text on the wire";
  ASSERT_TRUE(a2->range.has_value());
  EXPECT_FALSE(a2->consistency.has_value());
  EXPECT_EQ(a2->range->from, n);
  EXPECT_EQ(a2->range->frontier.size(), static_cast<size_t>(std::popcount(n)));
  size_t proof_hashes = a1->consistency->proof.size();
  for (const FeedEntry& e : a2->entries) {
    EXPECT_EQ(e.inclusion.has_value(), e.index < n) << e.index;
  }
  for (const FeedEntry& e : a1->entries) proof_hashes += e.inclusion->size();
  EXPECT_LT(a2->range->frontier.size() + a2->range->leaves.size(), proof_hashes);
  EXPECT_LT(two.body.size() + 150, one.body.size()) << two.body.size() << " vs " << one.body.size();

  Result<station::PullReport> r = Pull(town_.Getter());
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(targets_.size(), 1u);
  EXPECT_TRUE(targets_[0].ends_with("/a/2")) << targets_[0];
  EXPECT_EQ(r->to_version, 2u);
  EXPECT_EQ(HexEncode(r->hash), HubHash());
  EXPECT_FALSE(r->consistency_fetched);
  Result<station::StationStore> store = station::StationStore::Open(dongfeng_.dir);
  ASSERT_TRUE(store.ok());
  std::optional<station::AcceptedCheckpoint> accepted =
      station::LatestAcceptedCheckpoint(store->db()).value();
  ASSERT_TRUE(accepted.has_value());
  EXPECT_EQ(accepted->note, *a1->checkpoint) << "the station keeps the note the hub signed";
}

// A range the station cannot verify is the hub's word against the history
// the station verified: an alarm, as a bad consistency proof is, and nothing
// applied. One from another size than the station asked is a bad answer.
TEST_F(PullCompactTest, ARangeThatDoesNotVerifyIsAnAlarmAndAppliesNothing) {
  // A checkpoint the hub signed before the station verified anything newer.
  HttpResponse early = town_.Get("/v1/catalog?since=0&form=bin");
  const std::string early_note = *Decode(early.body)->checkpoint;
  EditAndApprove("财务收支");
  ASSERT_TRUE(Pull(town_.Getter()).ok());
  EditAndApprove("低保名单");
  town_.Cli(hongqi_, AddRowArgs("村务公开"));
  ASSERT_TRUE(town_.Sync(hongqi_).ok());  // an undecided change set: a given leaf
  ForgetFrontier(dongfeng_);              // format 2: the frontier on the wire
  const std::vector<RangeDamage> cases = {
      {"a frontier hash", [](CatalogAnswer& a) { a.range->frontier[0][0] ^= 1; },
       "checkpoint_forked"},
      {"a given leaf", [](CatalogAnswer& a) { a.range->leaves.back()[5] ^= 1; },
       "checkpoint_forked"},
      // A smaller signed checkpoint is rewound, a range attached or not.
      {"a rewound checkpoint with a range", [&](CatalogAnswer& a) { a.checkpoint = early_note; },
       "checkpoint_rewound"},
      // A malformed range is a bad answer, not evidence.
      {"a given leaf missing", [](CatalogAnswer& a) { a.range->leaves.pop_back(); },
       "bad_hub_answer"},
      {"a frontier hash missing", [](CatalogAnswer& a) { a.range->frontier.pop_back(); },
       "bad_hub_answer"},
      {"another size", [](CatalogAnswer& a) { a.range->from -= 1; }, "bad_hub_answer"},
  };
  ExpectDamagedRangesRefused(cases, [](const CatalogAnswer& a) {
    EXPECT_FALSE(a.range->leaves.empty()) << "an undecided change set: a given leaf";
  });
  // The undamaged answer still verifies.
  Result<station::PullReport> good = Pull(town_.Getter());
  ASSERT_TRUE(good.ok()) << good.status().ToString();
  EXPECT_EQ(good->to_version, 2u);
}

// With the station's own change set in the range, a range that does not
// reach the signed root may be the station's own doing (an envelope `rekey`
// re-signed): it asks for every change set whole, no alarm. A frontier that
// does not fold to the root it verified cannot be: that is an alarm.
TEST_F(PullCompactTest, AForkedFrontierIsAnAlarmEvenWithTheStationsOwnChangeSet) {
  EditAndApprove("财务收支");
  ASSERT_TRUE(Pull(town_.Getter(), &hongqi_).ok());
  EditAndApprove("低保名单");
  ForgetFrontier(hongqi_);  // format 2: the frontier on the wire
  bool own_in_range = false;
  station::GetFn forked = [&](const std::string& target) -> Result<station::HttpsResponse> {
    HttpResponse r = town_.GetInflated(target);
    Result<CatalogAnswer> a = Decode(r.body);
    if (r.status == 200 && a.ok() && a->range) {
      for (const FeedEntry& e : a->entries) {
        own_in_range |= e.kind == kOwnChangeSetKind && e.index >= a->range->from;
      }
      a->range->frontier[0][0] ^= 1;
      Bytes b = EncodeCatalogAnswer(*a);
      r.body.assign(b.begin(), b.end());
    }
    return station::HttpsResponse{r.status, r.content_type, r.body};
  };
  Result<station::PullReport> r = Pull(forked, &hongqi_);
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(own_in_range);
  EXPECT_EQ(r.status().reason(), "checkpoint_forked") << r.status().ToString();
  EXPECT_EQ(targets_.size(), 1u) << "not asked again whole";
  Result<station::StationStore> store = station::StationStore::Open(hongqi_.dir);
  ASSERT_TRUE(store.ok());
  EXPECT_EQ(station::LogAlarms(store->db()).value().size(), 1u);
}

// The kinds of the entries in every 200 answer `get` gave.
station::GetFn RecordingKinds(const station::GetFn& get, std::vector<std::string>* kinds) {
  return [get, kinds](const std::string& target) -> Result<station::HttpsResponse> {
    Result<station::HttpsResponse> r = get(target);
    // Format 2 comes without Content-Type (decision 0033): whatever decodes.
    if (r.ok() && r->status == 200) {
      Result<CatalogAnswer> a = Decode(r->body);
      if (a.ok()) {
        for (const FeedEntry& e : a->entries) kinds->push_back(e.kind);
      }
    }
    return r;
  };
}

// A station's own change sets come back by reference (their seq) and
// without its enrolment: it puts its outbox envelopes in their place and
// checks them like any entry (docs/decisions/0031-nothing-new-for-you.md).
// Another station gets them whole, with the enrolment.
TEST_F(PullCompactTest, OwnChangeSetsComeByReferenceAndArePutBackFromTheOutbox) {
  EditAndApprove("财务收支");
  ASSERT_TRUE(Pull(town_.Getter(), &hongqi_).ok());
  ASSERT_TRUE(Pull(town_.Getter()).ok());
  EditAndApprove("低保名单");

  std::vector<std::string> mine, theirs;
  Result<station::PullReport> own = Pull(RecordingKinds(town_.Getter(), &mine), &hongqi_);
  ASSERT_TRUE(own.ok()) << own.status().ToString();
  EXPECT_EQ(own->mode, "decisions");
  EXPECT_EQ(own->to_version, 2u);
  EXPECT_EQ(HexEncode(own->hash), HubHash());
  EXPECT_EQ(mine, (std::vector<std::string>{kOwnChangeSetKind, "approval"}));
  EXPECT_NE(targets_[0].find("/o/hongqi-01/r/"), std::string::npos) << targets_[0];

  Result<station::PullReport> other = Pull(RecordingKinds(town_.Getter(), &theirs));
  ASSERT_TRUE(other.ok()) << other.status().ToString();
  EXPECT_EQ(other->to_version, 2u);
  EXPECT_EQ(theirs, (std::vector<std::string>{"enrollment", "changeset", "approval"}));

  // In JSON (curl, people) nothing comes by reference.
  HttpResponse json = town_.Get("/v1/catalog?since=1&enrollments=1&own=hongqi-01");
  EXPECT_EQ(json.status, 200);
  EXPECT_EQ(json.body.find(kOwnChangeSetKind), std::string::npos);
}

// A station restored from a backup older than one of its change sets does
// not hold that envelope: it asks again without own= and gets them whole.
TEST_F(PullCompactTest, AStationRestoredWithoutItsOwnChangeSetAsksForItWhole) {
  EditAndApprove("财务收支");
  ASSERT_TRUE(Pull(town_.Getter(), &hongqi_).ok());
  const std::string backup = tmp_.path() + "/hongqi-backup";
  std::filesystem::copy(hongqi_.dir, backup, std::filesystem::copy_options::recursive);
  EditAndApprove("低保名单");
  std::filesystem::remove_all(hongqi_.dir);
  std::filesystem::copy(backup, hongqi_.dir, std::filesystem::copy_options::recursive);

  std::vector<std::string> kinds;
  Result<station::PullReport> r = Pull(RecordingKinds(town_.Getter(), &kinds), &hongqi_);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->to_version, 2u);
  EXPECT_EQ(HexEncode(r->hash), HubHash());
  ASSERT_EQ(targets_.size(), 2u);
  EXPECT_NE(targets_[0].find("/o/hongqi-01/r/"), std::string::npos) << targets_[0];
  EXPECT_EQ(targets_[1].find("own="), std::string::npos) << targets_[1];
  EXPECT_EQ(kinds, (std::vector<std::string>{kOwnChangeSetKind, "approval", "enrollment",
                                             "changeset", "approval"}));
}

// A hub from before own= (decision 0025's) refuses the poll's "/o/STATION"
// with 400 bad_query and ignores own= in the long form: the station asks
// the long form at once and gets its change sets whole.
TEST_F(PullCompactTest, AHubBeforeOwnReferencesStillWorks) {
  EditAndApprove("财务收支");
  ASSERT_TRUE(Pull(town_.Getter(), &hongqi_).ok());
  EditAndApprove("低保名单");
  station::GetFn older = [&](const std::string& target) -> Result<station::HttpsResponse> {
    if (target.starts_with(api_path::kPollPrefix) && target.find("/o/") != std::string::npos) {
      return station::HttpsResponse{400, "application/json",
                                    R"({"error":{"code":"bad_query","message":"短轮询的地址"}})"};
    }
    std::string plain = target;
    if (size_t own = plain.find("&own="); own != std::string::npos) plain.resize(own);
    HttpResponse r = town_.GetInflated(plain);
    return station::HttpsResponse{r.status, r.content_type, r.body};
  };
  std::vector<std::string> kinds;
  Result<station::PullReport> r = Pull(RecordingKinds(older, &kinds), &hongqi_);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->to_version, 2u);
  EXPECT_EQ(HexEncode(r->hash), HubHash());
  ASSERT_EQ(targets_.size(), 2u);
  EXPECT_TRUE(targets_[0].starts_with(api_path::kPollPrefix)) << targets_[0];
  EXPECT_TRUE(targets_[1].starts_with("/v1/catalog?since=1&")) << targets_[1];
  EXPECT_EQ(kinds, (std::vector<std::string>{"enrollment", "changeset", "approval"}));
}

// A hub that names another of the station's change sets than the one it
// logged at that index fails the inclusion proof over the outbox's bytes.
// Those bytes are the station's own, not the hub's word, so it is no alarm:
// the station asks for every change set whole and checks them as any
// other station's (also what happens when `rekey` re-signed an envelope
// the hub already had).
TEST_F(PullCompactTest, AReferenceThatIsNotTheLoggedEnvelopeIsAskedForWhole) {
  EditAndApprove("财务收支");
  ASSERT_TRUE(Pull(town_.Getter(), &hongqi_).ok());
  EditAndApprove("低保名单");
  std::vector<bool> ranged;  // per answer: checked by a compact range (0033), not proofs
  station::GetFn lying = [&](const std::string& target) -> Result<station::HttpsResponse> {
    HttpResponse r = town_.GetInflated(target);
    Result<CatalogAnswer> a = Decode(r.body);
    if (r.status == 200 && a.ok()) {
      ranged.push_back(a->range.has_value());
      for (FeedEntry& e : a->entries) {
        if (e.kind == kOwnChangeSetKind) e.entry = OwnChangeSetRef(1);  // logged: seq 2
      }
      Bytes b = EncodeCatalogAnswer(*a);
      r.body.assign(b.begin(), b.end());
    }
    return station::HttpsResponse{r.status, r.content_type, r.body};
  };
  Result<station::PullReport> r = Pull(lying, &hongqi_);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->to_version, 2u);
  EXPECT_EQ(HexEncode(r->hash), HubHash());
  ASSERT_EQ(targets_.size(), 2u);
  EXPECT_EQ(targets_[1].find("own="), std::string::npos) << targets_[1];
  EXPECT_EQ(ranged, (std::vector<bool>{true, true}));
  Result<station::StationStore> store = station::StationStore::Open(hongqi_.dir);
  ASSERT_TRUE(store.ok());
  EXPECT_TRUE(station::LogAlarms(store->db()).value().empty()) << "no alarm";
}

// A reference the station did not put back itself — sent unasked, here
// again in the answer to the request without own= — is a bad answer:
// refused, no alarm, nothing written.
TEST_F(PullCompactTest, AReferenceSentUnaskedIsABadAnswer) {
  EditAndApprove("财务收支");
  ASSERT_TRUE(Pull(town_.Getter(), &hongqi_).ok());
  EditAndApprove("低保名单");
  station::GetFn stubborn = [&](const std::string& target) -> Result<station::HttpsResponse> {
    std::string with_own = target;
    if (target.starts_with("/v1/catalog?") && target.find("&own=") == std::string::npos) {
      with_own += "&own=hongqi-01";
    }
    HttpResponse r = town_.Get(with_own);
    Result<CatalogAnswer> a = Decode(r.body);
    if (r.status == 200 && a.ok()) {
      for (FeedEntry& e : a->entries) {
        if (e.kind == kOwnChangeSetKind) e.entry = OwnChangeSetRef(99);  // not in the outbox
      }
      Bytes b = EncodeCatalogAnswer(*a);
      r.body.assign(b.begin(), b.end());
    }
    return station::HttpsResponse{r.status, r.content_type, r.body};
  };
  Hash32 before = StationDigest(hongqi_.dir);
  Result<station::PullReport> r = Pull(stubborn, &hongqi_);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().reason(), "bad_hub_answer") << r.status().ToString();
  EXPECT_EQ(StationDigest(hongqi_.dir), before) << "nothing written";
  Result<station::StationStore> store = station::StationStore::Open(hongqi_.dir);
  ASSERT_TRUE(store.ok());
  EXPECT_TRUE(station::LogAlarms(store->db()).value().empty()) << "no alarm";
}

// The push names the poll the round would send next; the hub's compact
// receipts say whether it would be a 304, and the round then skips it: a
// round that only uploads is one request (docs/decisions/0032-the-push-
// answers-the-poll.md). A round with something new still pulls it.
TEST_F(PullCompactTest, ThePushAnswersThePollSoARoundThatOnlyUploadsIsOneRequest) {
  EditAndApprove("财务收支");
  ASSERT_TRUE(town_.Sync(hongqi_).ok());   // 红旗村 verifies version 1
  ASSERT_TRUE(Pull(town_.Getter()).ok());  // and so does 东风村

  town_.Cli(hongqi_, AddRowArgs("低保名单"));
  InProcessTown::SyncSeen seen;
  ASSERT_TRUE(town_.Sync(hongqi_, &seen).ok());
  // The short push (decision 0033), naming the poll without "/o/": whose
  // change sets come by reference does not change a 304.
  EXPECT_EQ(seen.push_target,
            "/v1/push/1/" + std::to_string(LogSize() - 1) + "/r/" + RootPrefix(LogSize() - 1));
  EXPECT_EQ(seen.nothing_new, std::optional<bool>(true));
  EXPECT_TRUE(seen.pulls.empty()) << "the pull was asked: " << seen.pulls[0];
  Result<station::StationStore> store = station::StationStore::Open(hongqi_.dir);
  ASSERT_TRUE(store.ok());
  EXPECT_EQ(store->LoadApproved().value().version, 1u);
  EXPECT_TRUE(station::LogAlarms(store->db()).value().empty());

  // 东风村's upload is approved: 红旗村's next push is told to ask, and its
  // pull brings version 2 with its own change set in it.
  town_.Cli(dongfeng_, AddRowArgs("救助名单"));
  ASSERT_TRUE(town_.Sync(dongfeng_).ok());
  hub::ApproveRequest req;
  req.all = true;
  req.now = 1700000360;
  ASSERT_TRUE(hub::Approve(town_.db(), town_.admin(), req).ok());
  town_.Cli(hongqi_, AddRowArgs("养老补贴"));
  seen = {};
  ASSERT_TRUE(town_.Sync(hongqi_, &seen).ok());
  EXPECT_EQ(seen.nothing_new, std::optional<bool>(false));
  ASSERT_EQ(seen.pulls.size(), 1u);
  EXPECT_EQ(store->LoadApproved().value().version, 2u);
  EXPECT_EQ(HexEncode(store->LoadApproved().value().hash), HubHash());

  // Without a poll named (an older station) the receipts have no verdict.
  town_.Cli(hongqi_, AddRowArgs("医疗救助"));
  station::PushReport plain;
  {
    PrivateKey key = store->LoadKey().value();
    ASSERT_TRUE(store->Seal(key, "同步", 1700000400).ok());
    station::PostFn post = [&](const std::string& body) -> Result<station::HttpsResponse> {
      HttpResponse r = town_.Post(station::kChangeSetsTarget, body);
      return station::HttpsResponse{r.status, r.content_type, r.body};
    };
    Result<station::PushReport> pushed =
        station::PushOutbox(*store, key, post, station::PushOptions{}, 1700000400);
    ASSERT_TRUE(pushed.ok()) << pushed.status().ToString();
    EXPECT_EQ(pushed->Accepted(), 1u);
    EXPECT_FALSE(pushed->nothing_new.has_value());
  }
}

// A poll that is not one, or one with the JSON receipts, is refused before
// anything is stored.
TEST_F(PullCompactTest, APushNamingABadPollIsRefusedAndStoresNothing) {
  EditAndApprove("财务收支");
  ASSERT_TRUE(town_.Sync(hongqi_).ok());
  town_.Cli(hongqi_, AddRowArgs("低保名单"));
  Result<station::StationStore> store = station::StationStore::Open(hongqi_.dir);
  ASSERT_TRUE(store.ok());
  PrivateKey key = store->LoadKey().value();
  ASSERT_TRUE(store->Seal(key, "同步", 1700000400).ok());
  std::optional<std::string> rest = station::NextPollRest(*store).value();
  ASSERT_TRUE(rest.has_value());
  std::string body;
  station::PostFn capture = [&](const std::string& b) -> Result<station::HttpsResponse> {
    body = b;
    return station::HttpsResponse{503, "", ""};  // keeps the outbox as it was
  };
  (void)station::PushOutbox(*store, key, capture, station::PushOptions{}, 1700000400);
  ASSERT_FALSE(body.empty());
  const uint64_t size = LogSize();
  const Hash32 before = HubDigest(town_.hub_dir());
  const std::string bin = station::kChangeSetsTarget;
  for (const std::string& target :
       {"/v1/changesets?form=json&poll=" + *rest, "/v1/changesets?poll=" + *rest, bin + "&poll=",
        bin + "&poll=1", bin + "&poll=1/x", bin + "&poll=1/3/r/XYZ", bin + "&poll=1/3/o/"}) {
    HttpResponse r = town_.Post(target, body);
    EXPECT_EQ(r.status, 400) << target;
    EXPECT_NE(r.body.find("bad_query"), std::string::npos) << target << ": " << r.body;
    EXPECT_EQ(HubDigest(town_.hub_dir()), before) << target << ": nothing stored";
  }
  for (const std::string& target :
       {std::string("/v1/push/"), std::string("/v1/push/1"), std::string("/v1/push/1/3/r/XYZ"),
        std::string("/v1/push/1/3/o/"), "/v1/push/" + *rest + "/"}) {
    HttpResponse r = town_.Post(target, body, "");
    EXPECT_EQ(r.status, 400) << target;
    EXPECT_NE(r.body.find("bad_query"), std::string::npos) << target << ": " << r.body;
    EXPECT_EQ(HubDigest(town_.hub_dir()), before) << target << ": nothing stored";
  }
  // The short push takes no other type than the upload's (none is that type).
  HttpResponse typed = town_.Post("/v1/push/" + *rest, body, "text/plain");
  EXPECT_EQ(typed.status, 415);
  EXPECT_EQ(HubDigest(town_.hub_dir()), before) << "nothing stored";
  HttpRequest get;
  get.method = "GET";
  get.target = "/v1/push/" + *rest;
  EXPECT_EQ(town_.api().HandleSync(get).status, 405);

  HttpResponse ok = town_.Post(bin + "&poll=" + *rest, body);
  EXPECT_EQ(ok.status, 200);
  EXPECT_EQ(LogSize(), size + 1);
}

// The short push POST /v1/push/REST is the long form with &poll=REST: the
// same receipts, byte for byte, and no Content-Type on them; a hub before
// it answers 404 and the round pushes the long form instead.
TEST_F(PullCompactTest, TheShortPushIsTheLongFormWithoutContentTypes) {
  EditAndApprove("财务收支");
  ASSERT_TRUE(town_.Sync(hongqi_).ok());
  Result<station::StationStore> store = station::StationStore::Open(hongqi_.dir);
  ASSERT_TRUE(store.ok());
  PrivateKey key = store->LoadKey().value();
  auto sealed_body = [&](const std::string& item) {
    town_.Cli(hongqi_, AddRowArgs(item));
    EXPECT_TRUE(store->Seal(key, "同步", 1700000400).ok());
    std::string body;
    station::PostFn capture = [&](const std::string& b) -> Result<station::HttpsResponse> {
      body = b;
      return station::HttpsResponse{503, "", ""};  // keeps the outbox as it was
    };
    (void)station::PushOutbox(*store, key, capture, station::PushOptions{}, 1700000400);
    return body;
  };
  const std::string body = sealed_body("低保名单");
  const std::string rest = station::NextPollRest(*store).value().value();
  EXPECT_EQ(rest.find("/o/"), std::string::npos) << rest;
  HttpResponse short_form = town_.Post("/v1/push/" + rest, body, "");
  HttpResponse long_form =
      town_.Post(std::string(station::kChangeSetsTarget) + "&poll=" + rest, body);
  ASSERT_EQ(short_form.status, 200) << short_form.body;
  EXPECT_EQ(short_form.content_type, "") << "a bare compact answer";
  EXPECT_EQ(long_form.content_type, kReceiptsMediaType);
  // Both are sent without the headers meant for browsers and caches; the
  // hub's refusals of the same request are not (server.cc SetHeaders).
  EXPECT_TRUE(short_form.station_only);
  EXPECT_TRUE(long_form.station_only);
  EXPECT_FALSE(town_.Post("/v1/push/1", body, "").station_only);
  // The second is a duplicate of the first; else the same bytes.
  Result<CompactReceipts> a = DecodeCompactReceipts(ToBytes(short_form.body));
  Result<CompactReceipts> b = DecodeCompactReceipts(ToBytes(long_form.body));
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(a->nothing_new, std::optional<bool>(true));
  EXPECT_EQ(b->nothing_new, std::optional<bool>(true));
  ASSERT_EQ(a->receipts.size(), 1u);
  EXPECT_FALSE(a->receipts[0].duplicate);
  EXPECT_TRUE(b->receipts[0].duplicate);
  // Format 3: no id — the station holds what it sent and checks the seq.
  EXPECT_EQ(short_form.body[1], 3);
  EXPECT_FALSE(a->receipts[0].id.has_value());
  ASSERT_TRUE(b->receipts[0].id.has_value());
  EXPECT_EQ(a->receipts[0].seq, b->receipts[0].seq);
  EXPECT_EQ(a->receipts[0].log_index, b->receipts[0].log_index);
  EXPECT_EQ(short_form.body.size() + 32, long_form.body.size());
  // Without a poll: the verdict "ask", still bare.
  HttpResponse no_poll =
      town_.Post("/v1/push", sealed_body("养老补贴"), "application/octet-stream");
  ASSERT_EQ(no_poll.status, 200) << no_poll.body;
  EXPECT_EQ(no_poll.content_type, "");
  EXPECT_EQ(DecodeCompactReceipts(ToBytes(no_poll.body))->nothing_new, std::optional<bool>(false));

  // A short receipt names its change set by seq: a receipt for another seq
  // is receipt_mismatch, and nothing is recorded as accepted.
  (void)sealed_body("村务公开");
  const uint64_t last_seq = store->LoadStatus().value().last_seq;
  station::PostFn mismatched = [&](const std::string&) -> Result<station::HttpsResponse> {
    Bytes wrong = EncodeShortReceipts({{false, 999, std::nullopt, 42}}, false);
    return station::HttpsResponse{200, "", std::string(wrong.begin(), wrong.end())};
  };
  Result<station::PushReport> refused =
      station::PushOutbox(*store, key, mismatched, station::PushOptions{}, 1700000400);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().reason(), "receipt_mismatch");
  std::optional<station::OutboxEntry> entry =
      station::LoadOutboxEntry(store->db(), last_seq).value();
  ASSERT_TRUE(entry.has_value());
  EXPECT_NE(entry->state, station::OutboxState::kAccepted) << "nothing recorded";

  // A hub before the short push: 404, then the long form, once a round.
  const std::string next = sealed_body("医疗救助");
  std::vector<std::string> targets;
  station::PostFn older = station::ShortPushFirst(
      [&](const std::string& target, const std::string& type, const std::string& b) {
        targets.push_back(target + " " + type);
        if (target.starts_with("/v1/push")) {
          return Result<station::HttpsResponse>(station::HttpsResponse{
              404, "application/json", R"({"error":{"code":"not_found","message":"没有"}})"});
        }
        HttpResponse r = town_.Post(target, b, type);
        return Result<station::HttpsResponse>(
            station::HttpsResponse{r.status, r.content_type, r.body});
      },
      std::string("1/2/r/abcdef12"));
  ASSERT_EQ(older(next)->status, 200);
  ASSERT_EQ(older(next)->status, 200);
  EXPECT_EQ(targets, (std::vector<std::string>{
                         "/v1/push/1/2/r/abcdef12 ",
                         "/v1/changesets?form=bin&poll=1/2/r/abcdef12 application/octet-stream",
                         "/v1/changesets?form=bin&poll=1/2/r/abcdef12 application/octet-stream"}));
}

}  // namespace
}  // namespace gongkai::testing
