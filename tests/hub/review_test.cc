// Review on the hub (hub/review/): the proposed head and its conflicts,
// resolve, approve, reject, older catalog versions and GET /v1/catalog —
// every refusal with its specific reason and nothing written; and the
// hub's log stays valid for the independent auditor after approvals and
// rejections.
#include <gtest/gtest.h>

#include "core/audit/log_verifier.h"
#include "core/base/hex.h"
#include "core/catalog/set_value.h"
#include "hub/review/approve.h"
#include "hub/review/catalog_feed.h"
#include "hub/review/catalog_history.h"
#include "hub/review/proposed_head.h"
#include "hub/review/reject.h"
#include "hub/review/resolve.h"
#include "hub/store/log_table.h"
#include "tests/hub/api_fixture.h"

namespace gongkai::hub::testing {
namespace {

// Every table, including the review tables.
Hash32 FullDigest(const std::string& db_path) {
  sqlite3* db = nullptr;
  sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
  Sha256Hasher h;
  for (const char* table : {"meta", "log_entries", "changesets", "versions", "approved_rows",
                            "decisions", "resolutions"}) {
    sqlite3_stmt* st = nullptr;
    sqlite3_prepare_v2(db, (std::string("SELECT * FROM ") + table + " ORDER BY 1, 2").c_str(), -1,
                       &st, nullptr);
    h.Update(std::string(table));
    while (sqlite3_step(st) == SQLITE_ROW) {
      for (int c = 0; c < sqlite3_column_count(st); ++c) {
        const void* p = sqlite3_column_blob(st, c);
        int n = sqlite3_column_bytes(st, c);
        h.Update(std::to_string(n) + ":");
        if (p) h.Update(static_cast<const uint8_t*>(p), static_cast<size_t>(n));
      }
    }
    sqlite3_finalize(st);
  }
  sqlite3_close(db);
  return h.Finish();
}

class ReviewTest : public ApiFixture {
 protected:
  void SetUp() override {
    ApiFixture::SetUp();
    if (HasFatalFailure()) return;
    hongqi2_ = Enroll("hongqi-02", "红旗村", 0x43);
    // Version 1: one row of 红旗村, contact 0375-1111111.
    Row row = VillageRow(RowId(10), "红旗村");
    row.Set(Field::kContact, "0375-1111111");
    ASSERT_EQ(PostNext(hongqi_, {CreateOp{row}}).status, 200);
    ASSERT_TRUE(ApproveAll().ok());
  }

  // Two offices of 红旗村 change 咨询电话 from the same base: one conflict.
  std::string MakeConflict() {
    EXPECT_EQ(PostNext(hongqi_, {SetContact(RowId(10), "0375-1111111", "0375-2222222")}).status,
              200);
    EXPECT_EQ(PostNext(hongqi2_, {SetContact(RowId(10), "0375-1111111", "0375-3333333")}).status,
              200);
    Result<ProposedHead> head = BuildProposedHead(*db_);
    EXPECT_TRUE(head.ok());
    EXPECT_EQ(head->conflicts.size(), 1u);
    EXPECT_EQ(head->unresolved, 1u);
    return head->conflicts.empty() ? "" : head->conflicts[0].conflict.conflict_id;
  }

  Status ResolveWith(const std::string& id, ResolveKind kind, const std::string& text = "") {
    ResolveRequest req{id, kind, text, "zhang", 1700000200};
    Result<ResolveOutcome> r = Resolve(*db_, req);
    return r.ok() ? Status::Ok() : r.status();
  }

  TestStation hongqi2_{"", "", KeyFromByte(1)};
};

TEST_F(ReviewTest, ConflictIsShownWithBothSides) {
  std::string id = MakeConflict();
  Result<ProposedHead> head = BuildProposedHead(*db_);
  ASSERT_TRUE(head.ok());
  const Conflict& c = head->conflicts[0].conflict;
  EXPECT_EQ(c.conflict_id, id);
  EXPECT_EQ(c.kind, ConflictKind::kField);
  EXPECT_EQ(c.field, Field::kContact);
  EXPECT_EQ(c.base, "0375-1111111");
  EXPECT_EQ(c.proposed, "0375-2222222");
  EXPECT_EQ(c.incoming, "0375-3333333");
  EXPECT_EQ(c.proposed_by, head->undecided[0].meta.id);
  EXPECT_EQ(c.changeset, head->undecided[1].meta.id);
  EXPECT_FALSE(head->conflicts[0].resolution.has_value());
}

TEST_F(ReviewTest, ApprovingWithAnUnresolvedConflictIsRefusedAndWritesNothing) {
  std::string id = MakeConflict();
  Hash32 before = FullDigest(db_path());
  Result<ApproveOutcome> out = ApproveAll();
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.status().reason(), "unresolved_conflict");
  EXPECT_EQ(out.status().code(), Code::kFailedPrecondition);
  EXPECT_NE(out.status().message().find(id), std::string::npos);
  EXPECT_EQ(FullDigest(db_path()), before);
  // Approving only the first (clean) change set works.
  Result<ProposedHead> head = BuildProposedHead(*db_);
  ApproveRequest req;
  req.changesets = {HexEncode(head->undecided[0].meta.id).substr(0, 8)};
  req.now = 1700000400;
  Result<ApproveOutcome> first = Approve(*db_, *admin_, req);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ(first->version, 2u);
  ExpectLogValid();
}

// Issue 21 (3): `approve --all --expect HASH` signs only the result the
// administrator reviewed.
TEST_F(ReviewTest, ApproveWithAnExpectedHashThatNoLongerHoldsIsStaleReview) {
  ASSERT_EQ(PostNext(hongqi_, {SetContact(RowId(10), "0375-1111111", "0375-2222222")}).status, 200);
  Result<ProposedHead> seen = BuildProposedHead(*db_);
  ASSERT_TRUE(seen.ok());
  Hash32 reviewed = seen->proposed.Hash();
  // Uploaded after the review.
  ASSERT_EQ(PostNext(hongqi_, {SetContact(RowId(10), "0375-2222222", "0375-8888888")}).status, 200);
  Hash32 before = FullDigest(db_path());
  ApproveRequest req;
  req.all = true;
  req.now = 1700000400;
  req.expect_hash = reviewed;
  Result<ApproveOutcome> out = Approve(*db_, *admin_, req);
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.status().code(), Code::kFailedPrecondition);
  EXPECT_EQ(out.status().reason(), "stale_review");
  EXPECT_EQ(FullDigest(db_path()), before);

  // The ids shown must be exactly the ones approved.
  req.expect_hash.reset();
  req.expect_ids = std::vector<Hash32>{seen->undecided[0].meta.id};
  out = Approve(*db_, *admin_, req);
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.status().reason(), "stale_review");
  EXPECT_EQ(FullDigest(db_path()), before);

  // Reviewed again: approved, and the outcome names what was signed.
  Result<ProposedHead> now = BuildProposedHead(*db_);
  req.expect_hash = now->proposed.Hash();
  req.expect_ids = std::vector<Hash32>{now->undecided[0].meta.id, now->undecided[1].meta.id};
  out = Approve(*db_, *admin_, req);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(out->hash, now->proposed.Hash());
  ASSERT_EQ(out->details.size(), 2u);
  EXPECT_EQ(out->details[1].station, "hongqi-01");
  EXPECT_EQ(out->details[1].seq, 3u);
  EXPECT_EQ(out->details[1].ops, 1u);
  ExpectLogValid();
}

TEST_F(ReviewTest, ResolutionThatFailsValidationIsRefusedAndNotStored) {
  std::string id = MakeConflict();
  Hash32 before = FullDigest(db_path());
  Status s = ResolveWith(id, ResolveKind::kValue,
                         "0375\x01"
                         "1");
  EXPECT_EQ(s.reason(), "bad_resolution");
  EXPECT_NE(s.message().find("control_character"), std::string::npos) << s.message();
  EXPECT_EQ(ResolveWith(id, ResolveKind::kValue, std::string(201, '9')).reason(), "bad_resolution");
  EXPECT_EQ(ResolveWith(id, ResolveKind::kTake, "ffffffff").reason(), "not_a_side");
  EXPECT_EQ(ResolveWith("c-0000000000", ResolveKind::kKeep).reason(), "unknown_conflict");
  EXPECT_EQ(FullDigest(db_path()), before);
}

TEST_F(ReviewTest, BlankValueForARequiredFieldIsEmptyRequiredAndNotStored) {
  std::string id = MakeTimeLimitConflict(hongqi_, hongqi2_);
  ASSERT_FALSE(id.empty());
  Hash32 before = FullDigest(db_path());
  for (std::string blank : {"", " ", "   ", "\t", "\xE3\x80\x80", " \xE3\x80\x80 "}) {
    Status s = ResolveWith(id, ResolveKind::kValue, blank);
    EXPECT_EQ(s.reason(), "empty_required") << "[" << blank << "]";
    EXPECT_EQ(s.code(), Code::kInvalidArgument);
    EXPECT_NE(s.message().find("公开时限"), std::string::npos) << s.message();
  }
  EXPECT_EQ(FullDigest(db_path()), before);
  EXPECT_TRUE(ResolveWith(id, ResolveKind::kValue, "每月20日前").ok());
}

TEST_F(ReviewTest, TwoOfficesEmptyingTheChannelsIsAConflictNotAnInvalidResult) {
  // Version 2: the row has two channels.
  const std::string one = "社区/企事业单位/村公示栏（电子屏）";
  const std::string two = "便民服务站";
  std::string both = CanonicalSetValue(Field::kChannels, one + "、" + two).value();
  std::string v1 = LatestCatalog(*db_).value().catalog.Find(RowId(10))->Get(Field::kChannels);
  ASSERT_EQ(v1, one);
  ASSERT_EQ(PostNext(hongqi_, {SetOp{RowId(10), Field::kChannels, one, both}}).status, 200);
  ASSERT_TRUE(ApproveAll().ok());
  // Each office removes the other's last channel.
  ASSERT_EQ(PostNext(hongqi_, {SetOp{RowId(10), Field::kChannels, both, one}}).status, 200);
  ASSERT_EQ(PostNext(hongqi2_, {SetOp{RowId(10), Field::kChannels, both, two}}).status, 200);
  Result<ProposedHead> head = BuildProposedHead(*db_);
  ASSERT_TRUE(head.ok());
  ASSERT_EQ(head->conflicts.size(), 1u);
  EXPECT_TRUE(head->invalid_rows.empty());
  const Conflict& c = head->conflicts[0].conflict;
  EXPECT_EQ(c.kind, ConflictKind::kEmptiedRequired);
  EXPECT_EQ(c.field, Field::kChannels);
  std::string id = c.conflict_id;
  EXPECT_EQ(ApproveAll().status().reason(), "unresolved_conflict");
  Hash32 before = FullDigest(db_path());
  EXPECT_EQ(ResolveWith(id, ResolveKind::kTake, HexEncode(c.changeset).substr(0, 8)).reason(),
            "bad_resolution");
  EXPECT_EQ(ResolveWith(id, ResolveKind::kValue, "  ").reason(), "empty_required");
  EXPECT_EQ(FullDigest(db_path()), before);
  ASSERT_TRUE(ResolveWith(id, ResolveKind::kValue, two + "、" + one).ok());
  Result<ApproveOutcome> out = ApproveAll();
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(LatestCatalog(*db_).value().catalog.Find(RowId(10))->Get(Field::kChannels), both);
  ExpectLogValid();
}

TEST_F(ReviewTest, ResolveThenApproveRecordsTheResolutionAndReplays) {
  std::string id = MakeConflict();
  ASSERT_TRUE(ResolveWith(id, ResolveKind::kValue, "0375-4444444").ok());
  Result<ProposedHead> head = BuildProposedHead(*db_);
  ASSERT_TRUE(head.ok());
  EXPECT_EQ(head->unresolved, 0u);
  ASSERT_TRUE(head->conflicts[0].resolution.has_value());
  EXPECT_EQ(head->conflicts[0].resolution->resolution.value, "0375-4444444");
  Result<ApproveOutcome> out = ApproveAll();
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(out->version, 2u);
  EXPECT_EQ(out->resolutions, 1u);
  EXPECT_EQ(CountRows(db_path(), "resolutions"), 0);
  Result<VersionedCatalog> cat = LatestCatalog(*db_);
  ASSERT_TRUE(cat.ok());
  EXPECT_EQ(cat->catalog.Find(RowId(10))->Get(Field::kContact), "0375-4444444");
  ExpectLogValid();
  // Older versions are rebuilt from the log.
  Result<VersionedCatalog> v1 = CatalogAtVersion(*db_, 1);
  ASSERT_TRUE(v1.ok()) << v1.status().ToString();
  EXPECT_EQ(v1->catalog.Find(RowId(10))->Get(Field::kContact), "0375-1111111");
  EXPECT_EQ(CatalogAtVersion(*db_, 9).status().reason(), "unknown_version");
}

TEST_F(ReviewTest, RejectNeedsAReasonAndAnUndecidedChangeSet) {
  ASSERT_EQ(PostNext(hongqi_, {SetContact(RowId(10), "0375-1111111", "0375-2222222")}).status, 200);
  Result<ProposedHead> head = BuildProposedHead(*db_);
  std::string ref = HexEncode(head->undecided[0].meta.id).substr(0, 6);
  Hash32 before = FullDigest(db_path());
  EXPECT_EQ(Reject(*db_, *admin_, ref, "", 1).status().reason(), "empty_reason");
  // Only white space (ASCII or U+3000) is blank too: never signed.
  EXPECT_EQ(Reject(*db_, *admin_, ref, "   ", 1).status().reason(), "empty_reason");
  EXPECT_EQ(Reject(*db_, *admin_, ref, "\u3000\u3000", 1).status().reason(), "empty_reason");
  EXPECT_EQ(Reject(*db_, *admin_, "abcdef12", "理由", 1).status().reason(), "unknown_changeset");
  EXPECT_EQ(Reject(*db_, *admin_, "xyz", "理由", 1).status().reason(), "bad_changeset_ref");
  EXPECT_EQ(FullDigest(db_path()), before);
  Result<RejectOutcome> r = Reject(*db_, *admin_, "hongqi-01/2", "电话号码有误", 1700000500);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->rejection.seq, 2u);
  EXPECT_EQ(r->rejection.reason, "电话号码有误");
  EXPECT_EQ(Reject(*db_, *admin_, ref, "再退一次", 1).status().reason(), "already_decided");
  ApproveRequest req;
  req.all = true;
  EXPECT_EQ(Approve(*db_, *admin_, req).status().reason(), "nothing_to_approve");
  ExpectLogValid();
}

TEST_F(ReviewTest, CatalogFeedModes) {
  // Station at version 1 and the hub at 1: nothing to do.
  HttpResponse current = Get("/v1/catalog?since=1");
  ASSERT_EQ(current.status, 200) << current.body;
  auto o = Json(current);
  EXPECT_EQ(o["mode"].as_string(), "current");
  EXPECT_EQ(o["version"].as_int64(), 1);
  EXPECT_TRUE(o["entries"].as_array().empty());
  EXPECT_EQ(o["genesis"].as_object()["index"].as_int64(), 0);
  // From 0: a snapshot, with the approval that signs its hash.
  auto snap = Json(Get("/v1/catalog"));
  EXPECT_EQ(snap["mode"].as_string(), "snapshot");
  EXPECT_EQ(snap["snapshot"].as_object()["hash"], snap["hash"]);
  EXPECT_EQ(snap["entries"].as_array().size(), 1u);
  // Version 2 from 1 without the size rule: the approval, its change set and
  // the enrolment of the station that signed it (logged before it).
  ASSERT_EQ(PostNext(hongqi_, {SetContact(RowId(10), "0375-1111111", "0375-2222222")}).status, 200);
  ASSERT_TRUE(ApproveAll().ok());
  Result<std::string> body = CatalogFeedJson(*db_, 1, FeedOptions{50, false});
  ASSERT_TRUE(body.ok());
  auto d = boost::json::parse(*body).as_object();
  EXPECT_EQ(d["mode"].as_string(), "decisions");
  auto entries = d["entries"].as_array();
  ASSERT_EQ(entries.size(), 3u);
  EXPECT_EQ(entries[0].as_object()["kind"].as_string(), "enrollment");
  EXPECT_EQ(entries[1].as_object()["kind"].as_string(), "changeset");
  EXPECT_EQ(entries[2].as_object()["kind"].as_string(), "approval");
  EXPECT_LT(entries[0].as_object()["index"].as_int64(), entries[1].as_object()["index"].as_int64());
  EXPECT_LT(entries[1].as_object()["index"].as_int64(), entries[2].as_object()["index"].as_int64());
  // Only for stations that ask (an older station refuses kinds it does not know).
  FeedRequest plain;
  plain.since = 1;
  Result<CatalogAnswer> without = BuildCatalogAnswer(*db_, plain, FeedOptions{50, false});
  ASSERT_TRUE(without.ok());
  ASSERT_EQ(without->entries.size(), 2u);
  EXPECT_EQ(without->entries[0].kind, "changeset");
  // Bad query.
  HttpResponse bad = Get("/v1/catalog?since=-1");
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(ErrorCode(bad), "bad_query");
  HttpRequest post;
  post.method = "POST";
  post.target = "/v1/catalog";
  EXPECT_EQ(api_->HandleSync(post).status, 405);
}

}  // namespace
}  // namespace gongkai::hub::testing
