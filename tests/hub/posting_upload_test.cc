// Posting records (change-set op 4) through POST /v1/changesets: stored on
// receipt without approval, and each bad input refused with its code and
// nothing stored (docs/postings.md § What the hub refuses).
#include <gtest/gtest.h>

#include <ctime>

#include "core/catalog/row_codec.h"
#include "core/deadline/date.h"
#include "hub/ingest/check_postings.h"
#include "hub/review/approve.h"
#include "hub/store/posting_table.h"
#include "tests/hub/api_fixture.h"

namespace gongkai::hub::testing {
namespace {

constexpr const char* kBoard = "社区/企事业单位/村公示栏（电子屏）";

class PostingUploadTest : public ApiFixture {
 protected:
  void SetUp() override {
    ApiFixture::SetUp();
    if (HasFatalFailure()) return;
    // Approved: RowId(10) of 红旗村, RowId(11) of 东风村, RowId(12) of
    // 红旗村 retired.
    Row retired = VillageRow(RowId(12), "红旗村");
    ASSERT_EQ(PostNext(hongqi_, {CreateRow(RowId(10), "红旗村"), CreateOp{retired}}).status, 200);
    ASSERT_EQ(PostNext(dongfeng_, {CreateRow(RowId(11), "东风村")}).status, 200);
    ASSERT_TRUE(ApproveAll().ok());
    ASSERT_EQ(PostNext(hongqi_, {RetireOp{RowId(12), RowHash(retired)}}).status, 200);
    ASSERT_TRUE(ApproveAll().ok());
  }

  static PostingOp Posting(const std::string& row, std::string period = "2026年11月") {
    PostingOp p;
    p.row_id = row;
    p.period = std::move(period);
    p.posted = "2026-11-03";
    p.channels = {kBoard};
    p.display_from = "2026-11-03";
    p.display_to = "2026-11-10";
    p.note = "公示栏张贴";
    return p;
  }

  HttpResponse PostPostings(TestStation& st, std::vector<Op> edits, std::vector<PostingOp> ps) {
    ChangeSet cs = st.Next(std::move(edits));
    cs.postings = std::move(ps);
    HttpResponse r = Post(Batch({st.Seal(cs)}));
    if (r.status == 200) st.Accepted(cs);
    last_id_ = ChangeSetId(EncodeChangeSet(cs));
    return r;
  }

  // A bad posting: refused with `code` and `http`, nothing stored.
  void ExpectRefused(TestStation& st, const PostingOp& p, const std::string& code, int http) {
    Hash32 before = StateDigest(db_path());
    HttpResponse r = PostPostings(st, {}, {p});
    EXPECT_EQ(r.status, http) << r.body;
    EXPECT_EQ(ErrorCode(r), code) << r.body;
    auto rec = Receipt0(r);
    EXPECT_EQ(rec["status"].as_string(), "rejected");
    ASSERT_TRUE(rec.contains("ops")) << r.body;
    EXPECT_EQ(rec["ops"].as_array().at(0).as_int64(), 0);
    EXPECT_EQ(StateDigest(db_path()), before);
  }

  Hash32 last_id_{};
};

TEST_F(PostingUploadTest, PostingIsStoredOnReceiptWithoutApproval) {
  int64_t log_before = CountRows(db_path(), "log_entries");
  PostingOp p = Posting(RowId(10));
  HttpResponse r = PostPostings(hongqi_, {}, {p});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(Receipt0(r)["status"].as_string(), "accepted");
  EXPECT_EQ(CountRows(db_path(), "log_entries"), log_before + 1);
  // In the table at once, under its record id …
  Result<std::optional<StoredPosting>> stored = FindPosting(*db_, PostingRecordId(last_id_, 0));
  ASSERT_TRUE(stored.ok() && *stored);
  EXPECT_EQ((*stored)->op, p);
  EXPECT_EQ((*stored)->unit, "红旗村");
  EXPECT_EQ((*stored)->period_key, "2026年11月");
  EXPECT_EQ((*stored)->log_index, static_cast<uint64_t>(log_before));
  // … and nothing waits for the administrator.
  Result<std::vector<LoggedChangeSet>> undecided = ListUndecided(*db_);
  ASSERT_TRUE(undecided.ok());
  EXPECT_TRUE(undecided->empty());
  ExpectLogValid();
}

TEST_F(PostingUploadTest, MixedChangeSetStoresPostingsAndSendsEditsToReview) {
  HttpResponse r =
      PostPostings(hongqi_, {SetContact(RowId(10), "", "0375-1234567")}, {Posting(RowId(10))});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(CountRows(db_path(), "postings"), 1);
  Result<std::vector<LoggedChangeSet>> undecided = ListUndecided(*db_);
  ASSERT_TRUE(undecided.ok());
  ASSERT_EQ(undecided->size(), 1u);
  EXPECT_EQ(undecided->front().ics.cs.ops.size(), 1u);
  // The posting is op 1 (after the edit): its id says so.
  Result<std::optional<StoredPosting>> stored = FindPosting(*db_, PostingRecordId(last_id_, 1));
  ASSERT_TRUE(stored.ok() && *stored);
}

TEST_F(PostingUploadTest, PeriodsAreComparedInTheirNormalForm) {
  ASSERT_EQ(PostPostings(hongqi_, {}, {Posting(RowId(10), "2026-11")}).status, 200);
  Result<std::vector<StoredPosting>> found = PostingsForPeriod(*db_, "2026年11月");
  ASSERT_TRUE(found.ok());
  ASSERT_EQ(found->size(), 1u);
  EXPECT_EQ(found->front().op.period, "2026-11");  // as the clerk wrote it
}

TEST_F(PostingUploadTest, SupersedingMarksTheCorrectedRecord) {
  ASSERT_EQ(PostPostings(hongqi_, {}, {Posting(RowId(10))}).status, 200);
  Hash32 first = PostingRecordId(last_id_, 0);
  PostingOp fix = Posting(RowId(10));
  fix.posted = "2026-11-02";
  fix.supersedes = first;
  ASSERT_EQ(PostPostings(hongqi_, {}, {fix}).status, 200);
  Hash32 second = PostingRecordId(last_id_, 0);
  auto old = FindPosting(*db_, first);
  ASSERT_TRUE(old.ok() && *old);
  ASSERT_TRUE((*old)->superseded_by.has_value());
  EXPECT_EQ(*(*old)->superseded_by, second);
  EXPECT_EQ((*old)->op.posted, "2026-11-03");  // the record itself unchanged
  auto latest = LatestPostingsOfRow(*db_, RowId(10), 5);
  ASSERT_TRUE(latest.ok());
  ASSERT_EQ(latest->size(), 1u);
  EXPECT_EQ(latest->front().record_id, second);
  // Correcting the first again: already_superseded.
  PostingOp again = fix;
  again.supersedes = first;
  ExpectRefused(hongqi_, again, "already_superseded", 409);
}

TEST_F(PostingUploadTest, RowOfAnotherUnitIsRefused) {
  ExpectRefused(hongqi_, Posting(RowId(11)), "outside_unit", 403);
}

TEST_F(PostingUploadTest, RetiredRowIsRefused) {
  ExpectRefused(hongqi_, Posting(RowId(12)), "row_retired", 409);
}

TEST_F(PostingUploadTest, UnknownRowIsRefused) {
  ExpectRefused(hongqi_, Posting(RowId(99)), "unknown_row", 422);
}

TEST_F(PostingUploadTest, RowNotYetApprovedIsRefusedAsUnknown) {
  ASSERT_EQ(PostNext(hongqi_, {CreateRow(RowId(13), "红旗村")}).status, 200);
  ExpectRefused(hongqi_, Posting(RowId(13)), "unknown_row", 422);
}

TEST_F(PostingUploadTest, FutureDateIsRefused) {
  PostingOp p = Posting(RowId(10));
  p.posted = "2099-01-01";
  p.display_from = p.display_to = "";
  ExpectRefused(hongqi_, p, "posted_in_future", 422);
}

TEST_F(PostingUploadTest, TomorrowIsWithinTheTolerance) {
  PostingOp p = Posting(RowId(10));
  p.posted = deadline::FormatIsoDate(
      deadline::AddDays(deadline::DateInChina(static_cast<int64_t>(std::time(nullptr))), 1));
  p.display_from = p.display_to = "";
  EXPECT_EQ(PostPostings(hongqi_, {}, {p}).status, 200);
}

TEST_F(PostingUploadTest, ChannelNotInTheRowIsRefused) {
  PostingOp p = Posting(RowId(10));
  p.channels = {"政府网站"};
  ExpectRefused(hongqi_, p, "channel_not_in_row", 422);
}

TEST_F(PostingUploadTest, EmptyPeriodIsRefused) {
  PostingOp p = Posting(RowId(10));
  p.period = "";
  Hash32 before = StateDigest(db_path());
  HttpResponse r = PostPostings(hongqi_, {}, {p});
  EXPECT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(ErrorCode(r), "empty_period");
  EXPECT_EQ(StateDigest(db_path()), before);
}

TEST_F(PostingUploadTest, SupersedesOfAnUnknownRecordIsRefused) {
  PostingOp p = Posting(RowId(10));
  p.supersedes = Hash32{7};
  ExpectRefused(hongqi_, p, "unknown_supersedes", 422);
}

TEST_F(PostingUploadTest, SupersedesOfAnotherUnitsRecordIsRefused) {
  PostingOp theirs = Posting(RowId(11));
  ASSERT_EQ(PostPostings(dongfeng_, {}, {theirs}).status, 200);
  PostingOp p = Posting(RowId(10));
  p.supersedes = PostingRecordId(last_id_, 0);
  ExpectRefused(hongqi_, p, "supersedes_outside_unit", 403);
}

// A record is accepted only once the hub holds each attachment it names,
// whole, with that hash, size and type (the upload comes first).
TEST_F(PostingUploadTest, AttachmentsTheHubDoesNotHoldAreRefused) {
  PostingOp p = Posting(RowId(10));
  p.attachments.push_back(AttachmentRef{Hash32{1}, 2048, "image/jpeg", "公示栏.jpg"});
  ExpectRefused(hongqi_, p, "attachments_unavailable", 409);
}

TEST_F(PostingUploadTest, AttachmentsPresentReadsTheAttachmentTable) {
  std::vector<AttachmentRef> refs = {AttachmentRef{Hash32{1}, 2048, "image/jpeg", "a.jpg"}};
  Result<bool> none = AttachmentsPresent(*db_, refs);
  ASSERT_TRUE(none.ok()) << none.status().ToString();
  EXPECT_FALSE(*none);
  ASSERT_TRUE(db_->db()
                  .Exec("INSERT INTO attachments (sha256, size, media_type, uploaded_by, "
                        "received_at) VALUES (x'" +
                        HexEncode(Hash32{1}) + "', 2048, 'image/jpeg', 'hongqi', 0)")
                  .ok());
  EXPECT_TRUE(*AttachmentsPresent(*db_, refs));
  refs[0].size = 2049;  // the same hash with another size is not it
  EXPECT_FALSE(*AttachmentsPresent(*db_, refs));
  refs[0].size = 2048;
  refs[0].media_type = "application/pdf";  // nor with another type
  EXPECT_FALSE(*AttachmentsPresent(*db_, refs));
}

TEST_F(PostingUploadTest, EveryRefusedPostingIsNamed) {
  PostingOp bad1 = Posting(RowId(11));
  PostingOp good = Posting(RowId(10));
  PostingOp bad2 = Posting(RowId(12));
  Hash32 before = StateDigest(db_path());
  HttpResponse r = PostPostings(hongqi_, {}, {bad1, good, bad2});
  EXPECT_EQ(ErrorCode(r), "outside_unit");
  auto ops = Receipt0(r)["ops"].as_array();
  ASSERT_EQ(ops.size(), 2u);
  EXPECT_EQ(ops[0].as_int64(), 0);
  EXPECT_EQ(ops[1].as_int64(), 2);
  EXPECT_EQ(StateDigest(db_path()), before);
}

}  // namespace
}  // namespace gongkai::hub::testing
