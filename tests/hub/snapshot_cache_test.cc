// The cached snapshot answer (hub/review/snapshot_cache.h,
// docs/decisions/0016-cached-snapshot-answer.md): a binary snapshot answer
// to a client that accepts deflate is one zlib stream in three parts whose
// middle part is the snapshot deflated once and shared by every pull; it
// inflates to exactly the answer an uncached pull gets; the checkpoint and
// entries are built for each pull; and nothing is served from the cache
// once the store no longer matches the log.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include "core/codec/deflate.h"
#include "core/crypto/sha256.h"
#include "core/feed/catalog_answer.h"
#include "hub/review/approve.h"
#include "hub/review/catalog_feed.h"
#include "hub/review/snapshot_cache.h"
#include "tests/hub/api_fixture.h"

namespace gongkai::hub::testing {
namespace {

class SnapshotCacheTest : public ApiFixture {
 protected:
  void SetUp() override {
    ApiFixture::SetUp();
    if (HasFatalFailure()) return;
    std::vector<Op> ops;
    for (int i = 0; i < 40; ++i) ops.push_back(CreateOp{VillageRow(RowId(100 + i), "红旗村")});
    ASSERT_EQ(PostNext(hongqi_, std::move(ops)).status, 200);
    ASSERT_TRUE(ApproveAll().ok());
  }

  // A pull as the station makes it: binary, deflate accepted.
  HttpResponse Pull(const std::string& target = "/v1/catalog?form=bin&enrollments=1") {
    HttpRequest req;
    req.method = "GET";
    req.target = target;
    req.accept_encoding = "deflate";
    return api_->HandleSync(std::move(req));
  }

  static std::string Header(const HttpResponse& r, const std::string& name) {
    for (const auto& [n, v] : r.headers) {
      if (n == name) return v;
    }
    return "";
  }

  // The parts inflated, decoded.
  static CatalogAnswer Decoded(const HttpResponse& r, Bytes* plain = nullptr) {
    std::string joined;
    for (const auto& p : r.body_parts) joined += *p;
    Result<std::string> inflated = Inflate(joined, 64u << 20);
    EXPECT_TRUE(inflated.ok()) << inflated.status().ToString();
    if (!inflated.ok()) return {};
    if (plain) *plain = ToBytes(*inflated);
    Result<CatalogAnswer> a = DecodeCatalogAnswer(ToBytes(*inflated));
    EXPECT_TRUE(a.ok()) << a.status().ToString();
    return a.ok() ? *a : CatalogAnswer{};
  }

  void Sql(const std::string& statement) {
    ::gongkai::testing::SqlFile f(db_path());
    char* err = nullptr;
    ASSERT_EQ(sqlite3_exec(f.raw(), statement.c_str(), nullptr, nullptr, &err), SQLITE_OK) << err;
  }
};

TEST_F(SnapshotCacheTest, ASnapshotPullIsTheWholeAnswerDeflatedInThreeParts) {
  HttpResponse r = Pull();
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_TRUE(r.body.empty());
  ASSERT_EQ(r.body_parts.size(), 3u);
  EXPECT_EQ(Header(r, "Content-Encoding"), "deflate");
  EXPECT_EQ(Header(r, "Vary"), "Accept-Encoding");
  EXPECT_EQ(r.content_type, kCatalogAnswerMediaType);
  Bytes plain;
  CatalogAnswer a = Decoded(r, &plain);
  EXPECT_EQ(a.mode, "snapshot");
  ASSERT_TRUE(a.snapshot.has_value());
  EXPECT_EQ(a.snapshot->rows, 40u);
  EXPECT_EQ(Sha256(a.snapshot->catalog), a.hash);
  ASSERT_TRUE(a.checkpoint.has_value());
  // Byte for byte what a client that takes no deflate gets.
  HttpResponse whole = Get("/v1/catalog?form=bin&enrollments=1");
  ASSERT_EQ(whole.status, 200);
  EXPECT_TRUE(whole.body_parts.empty());
  EXPECT_EQ(std::string(plain.begin(), plain.end()), whole.body);
}

TEST_F(SnapshotCacheTest, EveryPullSharesOneSnapshotButGetsItsOwnCheckpoint) {
  HttpResponse first = Pull();
  ASSERT_EQ(first.body_parts.size(), 3u);
  CatalogAnswer a = Decoded(first);
  // The log grows (an enrolment) but the catalog does not.
  Enroll("xinhe-01", "新河村", 0x44);
  HttpResponse second = Pull();
  ASSERT_EQ(second.body_parts.size(), 3u);
  EXPECT_EQ(first.body_parts[1].get(), second.body_parts[1].get());  // the same bytes in memory
  CatalogAnswer b = Decoded(second);
  EXPECT_EQ(a.snapshot->catalog, b.snapshot->catalog);
  ASSERT_TRUE(a.checkpoint && b.checkpoint);
  EXPECT_NE(*a.checkpoint, *b.checkpoint);  // a newer tree, not a cached note
}

TEST_F(SnapshotCacheTest, ANewVersionIsServedAsANewSnapshot) {
  HttpResponse first = Pull();
  Row row = VillageRow(RowId(500), "红旗村");
  ASSERT_EQ(PostNext(hongqi_, {CreateOp{row}}).status, 200);
  Result<ApproveOutcome> approved = ApproveAll();
  ASSERT_TRUE(approved.ok()) << approved.status().ToString();
  HttpResponse second = Pull();
  ASSERT_EQ(second.body_parts.size(), 3u);
  EXPECT_NE(first.body_parts[1].get(), second.body_parts[1].get());
  CatalogAnswer b = Decoded(second);
  EXPECT_EQ(b.version, 2u);
  EXPECT_EQ(b.snapshot->rows, 41u);
  EXPECT_EQ(Sha256(b.snapshot->catalog), b.hash);
}

TEST_F(SnapshotCacheTest, JsonAndUncodedPullsAreWholeBodies) {
  HttpResponse json = Pull("/v1/catalog");
  ASSERT_EQ(json.status, 200);
  EXPECT_TRUE(json.body_parts.empty());
  auto o = Json(json);
  EXPECT_EQ(o["mode"].as_string(), "snapshot");
  // A pull that moves nothing (current) has no snapshot to share.
  HttpResponse current = Pull("/v1/catalog?form=bin&since=1");
  ASSERT_EQ(current.status, 200);
  EXPECT_TRUE(current.body_parts.empty());
  Result<CatalogAnswer> c = DecodeCatalogAnswer(ToBytes(current.body));
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->mode, "current");
}

TEST_F(SnapshotCacheTest, RowsEditedAfterCachingAreNeverServed) {
  ASSERT_EQ(Pull().status, 200);  // cached now
  // A row's body edited by hand (a byte added to its encoding).
  Sql("UPDATE approved_rows SET body = body || x'00' WHERE id = '" + RowId(100) + "'");
  HttpResponse r = Pull();
  EXPECT_EQ(r.status, 500);
  EXPECT_EQ(ErrorCode(r), "db_corrupt");
  EXPECT_TRUE(r.body_parts.empty());
  // Not from the cache either on the next pull.
  EXPECT_EQ(ErrorCode(Pull()), "db_corrupt");
}

TEST_F(SnapshotCacheTest, ARowDeletedAfterCachingIsNeverServed) {
  ASSERT_EQ(Pull().status, 200);
  Sql("DELETE FROM approved_rows WHERE id = '" + RowId(101) + "'");
  HttpResponse r = Pull();
  EXPECT_EQ(ErrorCode(r), "db_corrupt");
  EXPECT_TRUE(r.body_parts.empty());
}

TEST_F(SnapshotCacheTest, AVersionsRowThatDisagreesWithTheLogIsNeverServed) {
  ASSERT_EQ(Pull().status, 200);
  Sql("UPDATE versions SET hash = zeroblob(32) WHERE version = 1");
  HttpResponse r = Pull();
  EXPECT_EQ(ErrorCode(r), "db_corrupt");
  EXPECT_TRUE(r.body_parts.empty());
}

TEST_F(SnapshotCacheTest, BuiltOnceWhileTheStoreIsUnchanged) {
  SnapshotCache cache;
  auto a = cache.Get(*db_);
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  auto b = cache.Get(*db_);
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(a->get(), b->get());
  EXPECT_EQ(cache.builds(), 1u);
  EXPECT_EQ((*a)->rows, 40u);
  // Another connection commits something unrelated: checked again, kept.
  Enroll("xinhe-01", "新河村", 0x44);
  auto c = cache.Get(*db_);
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(a->get(), c->get());
  EXPECT_EQ(cache.builds(), 1u);
  // Edited by another process: refused, and dropped.
  Sql("DELETE FROM approved_rows WHERE id = '" + RowId(102) + "'");
  auto d = cache.Get(*db_);
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.status().reason(), "db_corrupt");
}

}  // namespace
}  // namespace gongkai::hub::testing
