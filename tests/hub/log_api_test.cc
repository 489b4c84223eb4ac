// The hub's transparency log in process: Merkle nodes stored with every
// append (same transaction), the backfill for a log that predates them,
// lazily signed and stored checkpoints with the catalog extension, and the
// /v1/checkpoint, /v1/log/* endpoints with their parameter errors.
#include <gtest/gtest.h>

#include "core/store/sqlite.h"
#include "hub/log/checkpoints.h"
#include "hub/store/node_store.h"
#include "hub/store/schema.h"
#include "tests/hub/log_fixture.h"

namespace gongkai::hub::testing {
namespace {

std::vector<Bytes> AllEntries(HubDb& db) {
  std::vector<Bytes> out;
  Result<uint64_t> n = LogSize(db);
  EXPECT_TRUE(n.ok());
  for (uint64_t i = 0; i < *n; ++i) out.push_back((*ReadLogEntry(db, i))->entry);
  return out;
}

Hash32 NaiveRoot(const std::vector<Bytes>& entries, size_t n) {
  std::vector<Hash32> leaves;
  for (size_t i = 0; i < n; ++i) leaves.push_back(LeafHash(entries[i]));
  return RootFromLeafHashes(leaves);
}

std::vector<Hash32> Hashes(const boost::json::object& o) {
  std::vector<Hash32> out;
  for (const auto& v : o.at("proof").as_array()) {
    Bytes b = *Base64Decode(v.as_string());
    Hash32 h;
    std::copy(b.begin(), b.end(), h.begin());
    out.push_back(h);
  }
  return out;
}

class LogApiTest : public LogFixture {};

TEST_F(LogApiTest, EveryAppendStoresItsNodesSoTheRootNeedsNoRecomputation) {
  BuildHistory();
  std::vector<Bytes> entries = AllEntries(*db_);
  ASSERT_EQ(entries.size(), 10u);
  SqliteNodeStore store(*db_);
  EXPECT_EQ(*store.LeafCount(), 10u);
  for (size_t n = 1; n <= entries.size(); ++n) {
    Result<Hash32> root = Root(store, n);
    ASSERT_TRUE(root.ok()) << root.status().ToString();
    EXPECT_EQ(*root, NaiveRoot(entries, n)) << n;
  }
  // Fewer than 2n nodes.
  EXPECT_EQ(CountRows(db_path(), "merkle_nodes"), 10 + 5 + 2 + 1);
}

TEST_F(LogApiTest, ARolledBackAppendLeavesNeitherEntryNorNodes) {
  int64_t nodes = CountRows(db_path(), "merkle_nodes");
  {
    Transaction tx(db_->db());
    ASSERT_TRUE(tx.status().ok());
    ASSERT_TRUE(AppendLogEntry(*db_, EnvelopeKind::kRejection, Bytes{1, 2, 3}, 1).ok());
  }  // rolled back
  EXPECT_EQ(CountRows(db_path(), "merkle_nodes"), nodes);
  EXPECT_EQ(*LogSize(*db_), 3u);
}

TEST_F(LogApiTest, ANodeStoreRefusesToRewriteANodeWithAnotherHash) {
  SqliteNodeStore store(*db_);
  Hash32 h = *(*store.GetNode(0, 0));
  EXPECT_TRUE(store.PutNode(0, 0, h).ok());
  h[0] ^= 1;
  Status s = store.PutNode(0, 0, h);
  EXPECT_EQ(s.reason(), "merkle_node_conflict");
}

// A hub whose database was written before migration 2: entries, no nodes.
TEST_F(LogApiTest, OpeningAnOldHubBuildsTheMissingNodes) {
  BuildHistory();
  std::vector<Bytes> entries = AllEntries(*db_);
  std::string old_path = tmp_.path() + "/old.db";
  {
    Result<Database> db = Database::Open(old_path);
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE(db->Migrate({HubSchemaMigrations()[0]}).ok());
    for (size_t i = 0; i < entries.size(); ++i) {
      Result<Statement> st = db->Prepare("INSERT INTO log_entries VALUES (?, 1, ?, 0)");
      ASSERT_TRUE(st.ok());
      st->Bind(1, static_cast<int64_t>(i)).Bind(2, entries[i]);
      ASSERT_TRUE(st->Run().ok());
    }
    EXPECT_EQ(*db->UserVersion(), 1);
  }
  Result<HubDb> hub = HubDb::Open(old_path);
  ASSERT_TRUE(hub.ok()) << hub.status().ToString();
  SqliteNodeStore store(*hub);
  EXPECT_EQ(*store.LeafCount(), entries.size());
  EXPECT_EQ(*Root(store, entries.size()), NaiveRoot(entries, entries.size()));
  // And appending continues the same tree.
  {
    Transaction tx(hub->db());
    ASSERT_TRUE(AppendLogEntry(*hub, EnvelopeKind::kRejection, Bytes{9}, 1).ok());
    ASSERT_TRUE(tx.Commit().ok());
  }
  entries.push_back(Bytes{9});
  EXPECT_EQ(*Root(store, entries.size()), NaiveRoot(entries, entries.size()));
}

TEST_F(LogApiTest, CheckpointIsSignedOncePerSizeAndNamesTheLatestApproval) {
  HttpResponse r = Get("/v1/checkpoint");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.content_type, "text/plain; charset=utf-8");
  Checkpoint cp = OpenNote(r.body);
  EXPECT_EQ(cp.size, 3u);
  EXPECT_EQ(cp.catalog_version, 0u);
  EXPECT_EQ(cp.catalog_hash, Catalog().Hash());
  EXPECT_EQ(Get("/v1/checkpoint").body, r.body);
  EXPECT_EQ(CountRows(db_path(), "checkpoints"), 1);

  BuildHistory();
  Checkpoint later = OpenNote(Get("/v1/checkpoint").body);
  EXPECT_EQ(later.size, 10u);
  EXPECT_EQ(later.root, NaiveRoot(AllEntries(*db_), 10));
  EXPECT_EQ(later.catalog_version, 2u);
  EXPECT_EQ(later.catalog_hash, catalog_.Hash());
  EXPECT_EQ(CountRows(db_path(), "checkpoints"), 2);
  // An older size still names the catalog of its own time.
  Result<Checkpoint> at6 = CheckpointAt(*db_, identity_.origin, 6);
  ASSERT_TRUE(at6.ok());
  EXPECT_EQ(at6->catalog_version, 1u);
}

TEST_F(LogApiTest, AnEarlierCheckpointIsTheSameBytesAsWhenItWasCurrent) {
  const std::string at3 = Get("/v1/checkpoint").body;  // signed and stored at size 3
  BuildHistory();
  EXPECT_EQ(Get("/v1/checkpoint?size=3").body, at3);
  // Size 6 was never asked for: signed now, the same as it would have been,
  // naming the catalog of its own time, and not stored.
  const int64_t stored = CountRows(db_path(), "checkpoints");
  HttpResponse r6 = Get("/v1/checkpoint?size=6");
  ASSERT_EQ(r6.status, 200) << r6.body;
  Checkpoint cp6 = OpenNote(r6.body);
  EXPECT_EQ(cp6.size, 6u);
  EXPECT_EQ(cp6.root, NaiveRoot(AllEntries(*db_), 6));
  EXPECT_EQ(cp6.catalog_version, 1u);
  EXPECT_EQ(Get("/v1/checkpoint?size=6").body, r6.body);
  EXPECT_EQ(CountRows(db_path(), "checkpoints"), stored);
  EXPECT_EQ(Get("/v1/checkpoint?size=10").body, Get("/v1/checkpoint").body);
  struct Bad {
    const char* query;
    const char* code;
  };
  for (Bad b : {Bad{"size=0", "beyond_log"}, Bad{"size=11", "beyond_log"},
                Bad{"size=x", "bad_parameter"}, Bad{"size=", "bad_parameter"}}) {
    SCOPED_TRACE(b.query);
    HttpResponse r = Get(std::string("/v1/checkpoint?") + b.query);
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(Json(r)["error"].as_object()["code"].as_string(), b.code);
  }
}

TEST_F(LogApiTest, KeyEndpointGivesTheVerifierKey) {
  HttpResponse r = Get("/v1/log/key");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.body, identity_.log_key.ToString() + "\n");
}

TEST_F(LogApiTest, EntriesAreTheExactBytesInBoundedBatches) {
  BuildHistory();
  std::vector<Bytes> entries = AllEntries(*db_);
  auto o = Json(Get("/v1/log/entries?start=2&end=100"));
  EXPECT_EQ(o["start"].as_int64(), 2);
  EXPECT_EQ(o["end"].as_int64(), 10);
  EXPECT_EQ(o["log_size"].as_int64(), 10);
  auto& list = o["entries"].as_array();
  ASSERT_EQ(list.size(), 8u);
  for (size_t i = 0; i < list.size(); ++i) {
    EXPECT_EQ(*Base64Decode(list[i].as_string()), entries[2 + i]);
  }
}

TEST_F(LogApiTest, ProofsVerifyAgainstSignedCheckpoints) {
  Checkpoint small = OpenNote(Get("/v1/checkpoint").body);
  BuildHistory();
  Checkpoint big = OpenNote(Get("/v1/checkpoint").body);
  std::vector<Bytes> entries = AllEntries(*db_);
  for (uint64_t i = 0; i < big.size; ++i) {
    auto o = Json(Get("/v1/log/proof/inclusion?index=" + std::to_string(i) + "&size=10"));
    EXPECT_TRUE(VerifyInclusion(LeafHash(entries[i]), i, big.size, Hashes(o), big.root).ok()) << i;
    Hash32 leaf = LeafHash(entries[i]);
    EXPECT_EQ(*Base64Decode(o["leaf_hash"].as_string()), Bytes(leaf.begin(), leaf.end()));
  }
  auto c = Json(Get("/v1/log/proof/consistency?from=3&to=10"));
  EXPECT_TRUE(VerifyConsistency(small.size, big.size, small.root, big.root, Hashes(c)).ok());
  auto same = Json(Get("/v1/log/proof/consistency?from=10&to=10"));
  EXPECT_TRUE(same["proof"].as_array().empty());
}

TEST_F(LogApiTest, BadParametersGetSpecificErrors) {
  struct Case {
    std::string target;
    int status;
    std::string code;
  };
  for (const Case& c : std::vector<Case>{
           {"/v1/log/entries?end=2", 400, "missing_parameter"},
           {"/v1/log/entries?start=abc&end=2", 400, "bad_parameter"},
           {"/v1/log/entries?start=-1&end=2", 400, "bad_parameter"},
           {"/v1/log/entries?start=1&end=99999999999999999999", 400, "bad_parameter"},
           {"/v1/log/entries?start=2&end=2", 400, "bad_range"},
           {"/v1/log/entries?start=3&end=5", 400, "beyond_log"},
           {"/v1/log/proof/inclusion?index=1", 400, "missing_parameter"},
           {"/v1/log/proof/inclusion?index=x&size=2", 400, "bad_parameter"},
           {"/v1/log/proof/inclusion?index=2&size=2", 400, "index_out_of_range"},
           {"/v1/log/proof/inclusion?index=0&size=4", 400, "beyond_log"},
           {"/v1/log/proof/consistency?from=1", 400, "missing_parameter"},
           {"/v1/log/proof/consistency?from=3&to=2", 400, "bad_range"},
           {"/v1/log/proof/consistency?from=1&to=4", 400, "beyond_log"},
       }) {
    HttpResponse r = Get(c.target);
    EXPECT_EQ(r.status, c.status) << c.target << " " << r.body;
    EXPECT_EQ(ErrorCode(r), c.code) << c.target;
  }
  HttpRequest post;
  post.method = "POST";
  post.target = "/v1/checkpoint";
  HttpResponse r = api_->HandleSync(post);
  EXPECT_EQ(r.status, 405);
  EXPECT_EQ(ErrorCode(r), "method_not_allowed");
}

TEST_F(LogApiTest, AMissingRowIsReportedNotSkipped) {
  BuildHistory();
  Sql("DELETE FROM log_entries WHERE idx = 5");
  auto o = Json(Get("/v1/log/entries?start=0&end=10"));
  EXPECT_EQ(o["end"].as_int64(), 5);  // up to the hole
  HttpResponse r = Get("/v1/log/entries?start=5&end=10");
  EXPECT_EQ(r.status, 500);
  EXPECT_EQ(ErrorCode(r), "log_entry_missing");
}

}  // namespace
}  // namespace gongkai::hub::testing
