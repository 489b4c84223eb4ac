// POST /v1/changesets through the plain request → response function: one
// test per bad input, each asserting the HTTP status, the error code and
// that the hub's stored state did not change.
#include <gtest/gtest.h>

#include "core/base/hex.h"
#include "core/feed/receipts_answer.h"
#include "hub/ingest/upload.h"
#include "hub/store/evidence_table.h"
#include "tests/hub/api_fixture.h"

namespace gongkai::hub::testing {
namespace {

class ChangeSetUploadTest : public ApiFixture {};

TEST_F(ChangeSetUploadTest, AcceptsAChangeSetAndAppendsItToTheLog) {
  int64_t log_before = CountRows(db_path(), "log_entries");  // genesis + 2 enrollments
  ChangeSet cs = hongqi_.Next({CreateRow(RowId(10), "红旗村")});
  HttpResponse r = Post(Batch({hongqi_.Seal(cs)}));
  ASSERT_EQ(r.status, 200) << r.body;
  auto rec = Receipt0(r);
  EXPECT_EQ(rec["status"].as_string(), "accepted");
  EXPECT_EQ(rec["station"].as_string(), "hongqi-01");
  EXPECT_EQ(rec["seq"].as_int64(), 1);
  EXPECT_EQ(rec["log_index"].as_int64(), log_before);
  EXPECT_EQ(rec["id"].as_string(), HexEncode(ChangeSetId(EncodeChangeSet(cs))));
  EXPECT_EQ(CountRows(db_path(), "log_entries"), log_before + 1);
  EXPECT_EQ(CountRows(db_path(), "changesets"), 1);
}

TEST_F(ChangeSetUploadTest, LogEntryHoldsTheExactEnvelopeBytes) {
  ChangeSet cs = hongqi_.Next({SetContact(RowId(1), "", "0371-1234567")});
  Bytes env = hongqi_.Seal(cs);
  ASSERT_EQ(Post(Batch({env})).status, 200);
  sqlite3* db = nullptr;
  sqlite3_open(db_path().c_str(), &db);
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(db, "SELECT entry, kind FROM log_entries ORDER BY idx DESC LIMIT 1", -1, &st,
                     nullptr);
  ASSERT_EQ(sqlite3_step(st), SQLITE_ROW);
  const auto* p = static_cast<const uint8_t*>(sqlite3_column_blob(st, 0));
  EXPECT_EQ(Bytes(p, p + sqlite3_column_bytes(st, 0)), env);
  EXPECT_EQ(sqlite3_column_int(st, 1), static_cast<int>(EnvelopeKind::kChangeSet));
  sqlite3_finalize(st);
  sqlite3_close(db);
}

TEST_F(ChangeSetUploadTest, UnknownStationIsForbidden) {
  TestStation stranger{"stranger-01", "红旗村", KeyFromByte(0x55)};
  Hash32 before = StateDigest(db_path());
  HttpResponse r = PostNext(stranger, {CreateRow(RowId(10), "红旗村")});
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(ErrorCode(r), "unknown_station");
  EXPECT_EQ(Receipt0(r)["status"].as_string(), "rejected");
  EXPECT_EQ(StateDigest(db_path()), before);
  EXPECT_EQ(RefusedRows(db_path()), "stranger-01 unknown_station 1 1\n");
}

TEST_F(ChangeSetUploadTest, RevokedStationIsForbidden) {
  ASSERT_EQ(PostNext(hongqi_, {CreateRow(RowId(10), "红旗村")}).status, 200);
  ASSERT_TRUE(RevokeStation(*db_, *admin_, "hongqi-01", "设备丢失", 1700000100).ok());
  Hash32 before = StateDigest(db_path());
  HttpResponse r = PostNext(hongqi_, {SetContact(RowId(10), "", "110")});
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(ErrorCode(r), "station_revoked");
  EXPECT_EQ(StateDigest(db_path()), before);
  EXPECT_EQ(RefusedRows(db_path()), "hongqi-01 station_revoked 1 2\n");
}

TEST_F(ChangeSetUploadTest, RevokedStationCannotMakeTheHubStoreEvidence) {
  ChangeSet cs = hongqi_.Next({CreateRow(RowId(10), "红旗村")}, "第一版");
  ASSERT_EQ(Post(Batch({hongqi_.Seal(cs)})).status, 200);
  ASSERT_TRUE(RevokeStation(*db_, *admin_, "hongqi-01", "设备丢失", 1700000100).ok());
  ChangeSet other = cs;
  other.note = "第二版";  // would be an equivocation, but the station is revoked
  Hash32 before = StateDigest(db_path());
  HttpResponse r = Post(Batch({hongqi_.Seal(other)}));
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(ErrorCode(r), "station_revoked");
  EXPECT_EQ(StateDigest(db_path()), before);
  EXPECT_EQ(RefusedRows(db_path()), "hongqi-01 station_revoked 1 1\n");
  EXPECT_EQ(CountRows(db_path(), "equivocations"), 0);
  // A resend of what was accepted before the revocation is still a duplicate.
  HttpResponse resend = Post(Batch({hongqi_.Seal(cs)}));
  EXPECT_EQ(resend.status, 200);
  EXPECT_EQ(Receipt0(resend)["status"].as_string(), "duplicate");
}

TEST_F(ChangeSetUploadTest, ReEnrolledStationContinuesItsChainWithTheNewKey) {
  ASSERT_EQ(PostNext(hongqi_, {CreateRow(RowId(10), "红旗村")}).status, 200);
  ASSERT_TRUE(RevokeStation(*db_, *admin_, "hongqi-01", "设备丢失", 1700000100).ok());
  TestStation renewed = hongqi_;
  renewed.key = KeyFromByte(0x77);
  ASSERT_TRUE(
      EnrollStation(*db_, *admin_, "hongqi-01", "红旗村", renewed.verifier_key(), 1700000200).ok());
  // The old key no longer signs for the station, even though the server
  // had it cached from the first upload.
  Hash32 before = StateDigest(db_path());
  HttpResponse old = Post(Batch({hongqi_.Seal(hongqi_.Next({SetContact(RowId(10), "", "110")}))}));
  EXPECT_EQ(old.status, 401);
  EXPECT_EQ(ErrorCode(old), "bad_signature");
  EXPECT_EQ(StateDigest(db_path()), before);
  EXPECT_EQ(RefusedRows(db_path()), "hongqi-01 bad_signature 1 2\n");
  // The new key continues the chain: seq 2, prev = the change set of seq 1.
  HttpResponse r = PostNext(renewed, {SetContact(RowId(10), "", "110")});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(Receipt0(r)["seq"].as_int64(), 2);
  EXPECT_EQ(RefusedRows(db_path()), "");  // refused since its last accepted one: none
}

TEST_F(ChangeSetUploadTest, SignatureByAnotherKeyIsUnauthenticated) {
  TestStation impostor = hongqi_;
  impostor.key = KeyFromByte(0x66);
  Hash32 before = StateDigest(db_path());
  HttpResponse r = PostNext(impostor, {CreateRow(RowId(10), "红旗村")});
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(ErrorCode(r), "bad_signature");
  EXPECT_EQ(StateDigest(db_path()), before);
  EXPECT_EQ(RefusedRows(db_path()), "hongqi-01 bad_signature 1 1\n");
}

TEST_F(ChangeSetUploadTest, EveryFlippedByteIsRefusedAndWritesNothing) {
  ChangeSet cs = hongqi_.Next({SetContact(RowId(1), "", "0371-1234567")}, "改电话");
  Bytes env = hongqi_.Seal(cs);
  Hash32 before = StateDigest(db_path());
  for (size_t i = 0; i < env.size(); ++i) {
    Bytes bad = env;
    bad[i] ^= 0x01;
    HttpResponse r = Post(Batch({bad}));
    ASSERT_NE(r.status, 200) << "flipped byte " << i << " was accepted";
    ASSERT_GE(r.status, 400) << "byte " << i;
    ASSERT_FALSE(ErrorCode(r).empty()) << "byte " << i;
  }
  EXPECT_EQ(StateDigest(db_path()), before);
  // Only refusals attributable to hongqi-01 (its signature verified, or
  // its id not enrolled) were recorded; every other flip recorded nothing.
  std::string refused = RefusedRows(db_path());
  for (size_t at = 0; at < refused.size(); at = refused.find('\n', at) + 1) {
    std::string line = refused.substr(at, refused.find('\n', at) - at);
    EXPECT_TRUE(line.starts_with("hongqi-01 bad_signature ") ||
                line.find(" unknown_station ") != std::string::npos)
        << line;
  }
  // And the unflipped envelope is fine, and clears hongqi-01's refusals.
  EXPECT_EQ(Post(Batch({env})).status, 200);
  EXPECT_EQ(RefusedRows(db_path()).find("hongqi-01 "), std::string::npos);
}

TEST_F(ChangeSetUploadTest, FlippedByteInTheBodyIsABadSignature) {
  ChangeSet cs = hongqi_.Next({SetContact(RowId(1), "", "0371-1234567")}, "改电话");
  Bytes env = hongqi_.Seal(cs);
  Bytes bad = env;
  bad[bad.size() - 64 - 3] ^= 0x01;  // inside the last value of the body ("...567")
  Hash32 before = StateDigest(db_path());
  HttpResponse r = Post(Batch({bad}));
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(ErrorCode(r), "bad_signature");
  EXPECT_EQ(StateDigest(db_path()), before);
  EXPECT_EQ(RefusedRows(db_path()), "hongqi-01 bad_signature 1 1\n");
}

// A request of many change sets (a station catching up) has its
// signatures verified on every core at once (TryVerifyUploadSignatures):
// the same receipts as one by one, and a bad signature among them is still
// refused alone, at its place, writing nothing of its own.
TEST_F(ChangeSetUploadTest, ManyChangeSetsInOneRequestVerifyInParallelWithTheSameReceipts) {
  ASSERT_EQ(PostNext(hongqi_, {CreateRow(RowId(10), "红旗村")}).status, 200);  // key cached
  const int64_t log_before = CountRows(db_path(), "log_entries");
  std::vector<Bytes> envelopes;
  TestStation chain = hongqi_;
  std::string value;
  for (int i = 0; i < 12; ++i) {
    std::string next = "0371-" + std::to_string(1000000 + i);
    ChangeSet cs = chain.Next({SetContact(RowId(10), value, next)});
    envelopes.push_back(chain.Seal(cs));
    chain.Accepted(cs);
    value = next;
  }
  ASSERT_GE(envelopes.size(), kParallelVerifyFrom);
  Bytes last_good = envelopes.back();
  envelopes.back()[envelopes.back().size() - 1] ^= 0x01;  // the last one's signature
  HttpResponse r = Post(Batch(envelopes));
  auto receipts = Json(r)["receipts"].as_array();
  ASSERT_EQ(receipts.size(), 12u) << r.body;
  for (size_t i = 0; i < 11; ++i) {
    auto rec = receipts[i].as_object();
    EXPECT_EQ(rec["status"].as_string(), "accepted") << i << " " << r.body;
    EXPECT_EQ(rec["seq"].as_int64(), static_cast<int64_t>(i + 2));
    EXPECT_EQ(rec["log_index"].as_int64(), log_before + static_cast<int64_t>(i));
  }
  auto bad = receipts[11].as_object();
  EXPECT_EQ(bad["status"].as_string(), "rejected");
  EXPECT_EQ(bad["code"].as_string(), "bad_signature") << r.body;
  EXPECT_EQ(CountRows(db_path(), "log_entries"), log_before + 11);
  EXPECT_EQ(RefusedRows(db_path()), "hongqi-01 bad_signature 1 13\n");
  // Sent again whole and good: eleven duplicates and the twelfth accepted.
  envelopes.back() = last_good;
  HttpResponse again = Post(Batch(envelopes));
  auto second = Json(again)["receipts"].as_array();
  ASSERT_EQ(second.size(), 12u) << again.body;
  for (size_t i = 0; i < 11; ++i) {
    EXPECT_EQ(second[i].as_object()["status"].as_string(), "duplicate") << i;
  }
  EXPECT_EQ(second[11].as_object()["status"].as_string(), "accepted") << again.body;
  ExpectLogValid();
}

TEST_F(ChangeSetUploadTest, SeqGapIsAConflict) {
  ASSERT_EQ(PostNext(hongqi_, {CreateRow(RowId(10), "红旗村")}).status, 200);
  TestStation ahead = hongqi_;
  ahead.seq += 1;  // skips seq 2
  Hash32 before = StateDigest(db_path());
  HttpResponse r = PostNext(ahead, {SetContact(RowId(10), "", "110")});
  EXPECT_EQ(r.status, 409);
  EXPECT_EQ(ErrorCode(r), "seq_gap");
  EXPECT_EQ(StateDigest(db_path()), before);
  EXPECT_EQ(RefusedRows(db_path()), "hongqi-01 seq_gap 1 3\n");
}

TEST_F(ChangeSetUploadTest, FirstChangeSetMustHaveSeqOne) {
  TestStation ahead = hongqi_;
  ahead.seq = 4;
  ahead.prev.fill(7);
  Hash32 before = StateDigest(db_path());
  HttpResponse r = PostNext(ahead, {CreateRow(RowId(10), "红旗村")});
  EXPECT_EQ(r.status, 409);
  EXPECT_EQ(ErrorCode(r), "seq_gap");
  EXPECT_EQ(StateDigest(db_path()), before);
  EXPECT_EQ(RefusedRows(db_path()), "hongqi-01 seq_gap 1 5\n");
}

TEST_F(ChangeSetUploadTest, WrongPrevIsAConflict) {
  ASSERT_EQ(PostNext(hongqi_, {CreateRow(RowId(10), "红旗村")}).status, 200);
  TestStation forked = hongqi_;
  forked.prev.fill(0x99);
  Hash32 before = StateDigest(db_path());
  HttpResponse r = PostNext(forked, {SetContact(RowId(10), "", "110")});
  EXPECT_EQ(r.status, 409);
  EXPECT_EQ(ErrorCode(r), "prev_mismatch");
  EXPECT_EQ(StateDigest(db_path()), before);
  EXPECT_EQ(RefusedRows(db_path()), "hongqi-01 prev_mismatch 1 2\n");
}

TEST_F(ChangeSetUploadTest, ReplayGetsTheSameReceiptAsDuplicate) {
  ChangeSet cs = hongqi_.Next({CreateRow(RowId(10), "红旗村")});
  Bytes body = Batch({hongqi_.Seal(cs)});
  HttpResponse first = Post(body);
  ASSERT_EQ(first.status, 200);
  Hash32 before = StateDigest(db_path());
  HttpResponse again = Post(body);
  EXPECT_EQ(again.status, 200);
  auto a = Receipt0(first), b = Receipt0(again);
  EXPECT_EQ(b["status"].as_string(), "duplicate");
  EXPECT_EQ(b["log_index"], a["log_index"]);
  EXPECT_EQ(b["id"], a["id"]);
  EXPECT_EQ(StateDigest(db_path()), before);
  EXPECT_EQ(RefusedRows(db_path()), "");
}

// ?form=bin: the same receipts in the compact form, with the lean headers of
// the project's media types; a rejection stays JSON; another form is
// refused before anything is read (docs/formats/http-changesets.md).
TEST_F(ChangeSetUploadTest, FormBinAnswersCompactReceiptsAndRejectionsStayJson) {
  const std::string bin = "/v1/changesets?form=bin";
  ChangeSet cs = hongqi_.Next({CreateRow(RowId(10), "红旗村")});
  Bytes body = Batch({hongqi_.Seal(cs)});

  Hash32 before = StateDigest(db_path());
  HttpResponse other = Post(body, "application/octet-stream", "/v1/changesets?form=xml");
  EXPECT_EQ(other.status, 400);
  EXPECT_EQ(ErrorCode(other), "bad_query");
  EXPECT_EQ(StateDigest(db_path()), before) << "nothing stored";

  HttpResponse first = Post(body, "application/octet-stream", bin);
  ASSERT_EQ(first.status, 200);
  EXPECT_EQ(first.content_type, kReceiptsMediaType);
  Result<CompactReceipts> answer =
      DecodeCompactReceipts(Bytes(first.body.begin(), first.body.end()));
  ASSERT_TRUE(answer.ok()) << answer.status().ToString();
  EXPECT_FALSE(answer->nothing_new) << "no verdict unless a poll is named";
  const std::vector<CompactReceipt>* compact = &answer->receipts;
  ASSERT_EQ(compact->size(), 1u);
  EXPECT_FALSE((*compact)[0].duplicate);
  EXPECT_EQ((*compact)[0].seq, 1u);
  hongqi_.Accepted(cs);

  // The same receipt as JSON (a duplicate now), then compact again.
  auto json = Receipt0(Post(body));
  EXPECT_EQ(json["status"].as_string(), "duplicate");
  EXPECT_EQ(json["log_index"].to_number<uint64_t>(), (*compact)[0].log_index);
  ASSERT_TRUE((*compact)[0].id.has_value());
  EXPECT_EQ(json["id"].as_string(), HexEncode(*(*compact)[0].id));
  HttpResponse again = Post(body, "application/octet-stream", bin);
  Result<CompactReceipts> dup = DecodeCompactReceipts(Bytes(again.body.begin(), again.body.end()));
  ASSERT_TRUE(dup.ok()) << dup.status().ToString();
  ASSERT_EQ(dup->receipts.size(), 1u);
  EXPECT_TRUE(dup->receipts[0].duplicate);
  EXPECT_EQ(dup->receipts[0].log_index, (*compact)[0].log_index);

  TestStation ahead = hongqi_;
  ahead.seq += 1;  // skips a seq: refused
  HttpResponse gap = Post(Batch({ahead.Seal(ahead.Next({SetContact(RowId(10), "", "110")}))}),
                          "application/octet-stream", bin);
  EXPECT_EQ(gap.status, 409);
  EXPECT_NE(gap.content_type, kReceiptsMediaType);
  EXPECT_EQ(ErrorCode(gap), "seq_gap");
}

TEST_F(ChangeSetUploadTest, EquivocationIsRefusedAndKeptAsEvidence) {
  ChangeSet cs = hongqi_.Next({CreateRow(RowId(10), "红旗村")}, "第一版");
  ASSERT_EQ(Post(Batch({hongqi_.Seal(cs)})).status, 200);
  ChangeSet other = cs;
  other.note = "第二版";  // same station and seq, different body
  Bytes evidence = hongqi_.Seal(other);
  Hash32 before = StateDigest(db_path());
  HttpResponse r = Post(Batch({evidence}));
  EXPECT_EQ(r.status, 409);
  EXPECT_EQ(ErrorCode(r), "equivocation");
  EXPECT_EQ(StateDigest(db_path()), before);
  EXPECT_EQ(RefusedRows(db_path()), "hongqi-01 equivocation 1 1\n");
  EXPECT_EQ(CountRows(db_path(), "equivocations"), 1);
  // The same evidence again is refused the same way and stored once.
  HttpResponse again = Post(Batch({evidence}));
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(ErrorCode(again), "equivocation");
  EXPECT_EQ(CountRows(db_path(), "equivocations"), 1);
}

// Issue 21 (6): one key that signs many histories fills the disk no more
// than kMaxEvidencePerStation envelopes; each is still refused.
TEST_F(ChangeSetUploadTest, EquivocationEvidenceIsCappedPerStation) {
  ChangeSet cs = hongqi_.Next({CreateRow(RowId(10), "红旗村")}, "第一版");
  ASSERT_EQ(Post(Batch({hongqi_.Seal(cs)})).status, 200);
  std::vector<Bytes> forks;
  for (int i = 0; i < 30; ++i) {
    ChangeSet other = cs;
    other.note = "另一版 " + std::to_string(i);
    forks.push_back(hongqi_.Seal(other));
  }
  Hash32 before = StateDigest(db_path());
  HttpResponse r = Post(Batch(forks));
  EXPECT_EQ(r.status, 409);
  EXPECT_EQ(ErrorCode(r), "equivocation");
  auto receipts = Json(r)["receipts"].as_array();
  ASSERT_EQ(receipts.size(), 30u);
  for (const auto& rec : receipts)
    EXPECT_EQ(rec.as_object().at("code").as_string(), "equivocation");
  EXPECT_EQ(CountRows(db_path(), "equivocations"), static_cast<int64_t>(kMaxEvidencePerStation));
  EXPECT_EQ(StateDigest(db_path()), before);
  EXPECT_EQ(CountRows(db_path(), "changesets"), 1);
}

// Issue 21 (7): the hub's caps on ops, before anything is stored.
TEST_F(ChangeSetUploadTest, ChangeSetOverTheOpsCapIsRefused) {
  std::vector<Op> ops(ApiOptions{}.max_ops_per_changeset + 1, SetContact(RowId(1), "", "0371"));
  Hash32 before = StateDigest(db_path());
  HttpResponse r = PostNext(hongqi_, ops);
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(ErrorCode(r), "too_many_ops");
  EXPECT_EQ(StateDigest(db_path()), before);
  EXPECT_EQ(CountRows(db_path(), "changesets"), 0);
}

TEST_F(ChangeSetUploadTest, RequestOverTheOpsCapIsTooLargeAndStoresNothing) {
  const size_t per = ApiOptions{}.max_ops_per_changeset;
  const size_t count = ApiOptions{}.max_ops_per_request / per + 1;
  std::vector<Bytes> batch;
  TestStation st = hongqi_;
  for (size_t i = 0; i < count; ++i) {
    ChangeSet cs = st.Next(std::vector<Op>(per, SetContact(RowId(1), "", "0371")));
    batch.push_back(st.Seal(cs));
    st.Accepted(cs);
  }
  Hash32 before = StateDigest(db_path());
  HttpResponse r = Post(Batch(batch));
  EXPECT_EQ(r.status, 413);
  EXPECT_EQ(ErrorCode(r), "too_many_ops_in_request");
  EXPECT_EQ(StateDigest(db_path()), before);
  EXPECT_EQ(CountRows(db_path(), "changesets"), 0);
  EXPECT_EQ(RefusedRows(db_path()), "");
  // Fewer change sets per request (what a station does after a 413) go in.
  batch.pop_back();
  EXPECT_EQ(Post(Batch(batch)).status, 200);
}

TEST_F(ChangeSetUploadTest, CreatingARowOfAnotherUnitIsForbidden) {
  Hash32 before = StateDigest(db_path());
  HttpResponse r = PostNext(hongqi_, {CreateRow(RowId(10), "东风村")});
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(ErrorCode(r), "outside_unit");
  EXPECT_EQ(StateDigest(db_path()), before);
  EXPECT_EQ(RefusedRows(db_path()), "hongqi-01 outside_unit 1 1\n");
}

TEST_F(ChangeSetUploadTest, EditingACatalogRowOfAnotherUnitIsForbidden) {
  Hash32 before = StateDigest(db_path());
  HttpResponse r = PostNext(hongqi_, {SetContact(RowId(2), "", "110")});  // 东风村's row
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(ErrorCode(r), "outside_unit");
  EXPECT_EQ(StateDigest(db_path()), before);
  EXPECT_EQ(RefusedRows(db_path()), "hongqi-01 outside_unit 1 1\n");
}

TEST_F(ChangeSetUploadTest, RetiringARowCreatedByAnotherStationIsForbidden) {
  ASSERT_EQ(PostNext(dongfeng_, {CreateRow(RowId(20), "东风村")}).status, 200);
  Hash32 before = StateDigest(db_path());
  HttpResponse r = PostNext(hongqi_, {RetireOp{RowId(20), Hash32{}}});
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(ErrorCode(r), "outside_unit");
  EXPECT_EQ(StateDigest(db_path()), before);
  EXPECT_EQ(RefusedRows(db_path()), "hongqi-01 outside_unit 1 1\n");
}

TEST_F(ChangeSetUploadTest, EditingAnUnknownRowIsUnprocessable) {
  Hash32 before = StateDigest(db_path());
  HttpResponse r = PostNext(hongqi_, {SetContact(RowId(99), "", "110")});
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(ErrorCode(r), "unknown_row");
  EXPECT_EQ(StateDigest(db_path()), before);
  EXPECT_EQ(RefusedRows(db_path()), "hongqi-01 unknown_row 1 1\n");
}

TEST_F(ChangeSetUploadTest, CreatingAnExistingRowIsAConflict) {
  Hash32 before = StateDigest(db_path());
  HttpResponse r = PostNext(hongqi_, {CreateRow(RowId(1), "红旗村")});
  EXPECT_EQ(r.status, 409);
  EXPECT_EQ(ErrorCode(r), "row_exists");
  EXPECT_EQ(StateDigest(db_path()), before);
  EXPECT_EQ(RefusedRows(db_path()), "hongqi-01 row_exists 1 1\n");
}

TEST_F(ChangeSetUploadTest, EditingARowCreatedEarlierInTheSameChangeSetIsAllowed) {
  HttpResponse r =
      PostNext(hongqi_, {CreateRow(RowId(10), "红旗村"), SetContact(RowId(10), "", "110")});
  EXPECT_EQ(r.status, 200) << r.body;
}

TEST_F(ChangeSetUploadTest, InvalidFieldValueIsUnprocessable) {
  Row row = VillageRow(RowId(10), "红旗村");
  row.Set(Field::kChannels, "微信群");  // not in the fixed list
  Hash32 before = StateDigest(db_path());
  HttpResponse r = PostNext(hongqi_, {CreateOp{row}});
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(ErrorCode(r), "unknown_value");
  EXPECT_EQ(StateDigest(db_path()), before);
  EXPECT_EQ(RefusedRows(db_path()), "hongqi-01 unknown_value 1 0\n");
}

// Issue 21 (9): a right-to-left override or a zero-width space would show
// the administrator something other than what is stored.
TEST_F(ChangeSetUploadTest, InvisibleFormattingCharacterIsUnprocessable) {
  Row row = VillageRow(RowId(10), "红旗村");
  row.Set(Field::kContent, "收支明细\u202E1.0024");
  Hash32 before = StateDigest(db_path());
  HttpResponse r = PostNext(hongqi_, {SetContact(RowId(1), "", "0371"), CreateOp{row}});
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(ErrorCode(r), "invisible_character");
  auto rec = Receipt0(r);
  EXPECT_EQ(rec["code"].as_string(), "invisible_character");
  ASSERT_TRUE(rec.contains("ops")) << r.body;
  EXPECT_EQ(boost::json::serialize(rec["ops"]), "[1]");
  EXPECT_EQ(StateDigest(db_path()), before);
  EXPECT_EQ(CountRows(db_path(), "changesets"), 0);

  // In a set's new value and in the note too.
  for (ChangeSet cs : {hongqi_.Next({SetContact(RowId(1), "", "0371\u200B")}),
                       hongqi_.Next({SetContact(RowId(1), "", "0371")}, "说明\u2066")}) {
    HttpResponse again = Post(Batch({hongqi_.Seal(cs)}));
    EXPECT_EQ(again.status, 422);
    EXPECT_EQ(ErrorCode(again), "invisible_character");
  }
  EXPECT_EQ(StateDigest(db_path()), before);
}

TEST_F(ChangeSetUploadTest, EmptyRequiredValueIsUnprocessable) {
  Hash32 before = StateDigest(db_path());
  HttpResponse r = PostNext(hongqi_, {SetOp{RowId(1), Field::kSubject, "红旗村民委员会", ""}});
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(ErrorCode(r), "empty_required");
  EXPECT_EQ(StateDigest(db_path()), before);
  EXPECT_EQ(RefusedRows(db_path()), "hongqi-01 empty_required 1 0\n");
}

TEST_F(ChangeSetUploadTest, BaseVersionAheadOfTheHubIsUnprocessable) {
  ChangeSet cs = hongqi_.Next({SetContact(RowId(1), "", "110")});
  cs.base_version = 5;
  Hash32 before = StateDigest(db_path());
  HttpResponse r = Post(Batch({hongqi_.Seal(cs)}));
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(ErrorCode(r), "unknown_base_version");
  EXPECT_EQ(StateDigest(db_path()), before);
  EXPECT_EQ(RefusedRows(db_path()), "hongqi-01 unknown_base_version 1 1\n");
}

TEST_F(ChangeSetUploadTest, SignerOtherThanTheChangeSetsStationIsForbidden) {
  ChangeSet cs = hongqi_.Next({SetContact(RowId(1), "", "110")});
  Bytes env = EncodeEnvelope(
      SignEnvelope(EnvelopeKind::kChangeSet, "dongfeng-01", EncodeChangeSet(cs), dongfeng_.key));
  Hash32 before = StateDigest(db_path());
  HttpResponse r = Post(Batch({env}));
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(ErrorCode(r), "signer_mismatch");
  EXPECT_EQ(StateDigest(db_path()), before);
  EXPECT_EQ(RefusedRows(db_path()), "");
}

TEST_F(ChangeSetUploadTest, EnvelopeOfAnotherKindIsUnprocessable) {
  Bytes env = EncodeEnvelope(SignEnvelope(EnvelopeKind::kApproval, "hongqi-01",
                                          EncodeChangeSet(hongqi_.Next({})), hongqi_.key));
  Hash32 before = StateDigest(db_path());
  HttpResponse r = Post(Batch({env}));
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(ErrorCode(r), "wrong_kind");
  EXPECT_EQ(StateDigest(db_path()), before);
  EXPECT_EQ(RefusedRows(db_path()), "");
}

TEST_F(ChangeSetUploadTest, TruncatedBodyIsABadRequest) {
  Bytes body = Batch({hongqi_.Seal(hongqi_.Next({CreateRow(RowId(10), "红旗村")}))});
  body.resize(body.size() / 2);
  Hash32 before = StateDigest(db_path());
  HttpResponse r = Post(body);
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(ErrorCode(r), "truncated");
  EXPECT_EQ(StateDigest(db_path()), before);
  EXPECT_EQ(RefusedRows(db_path()), "");
}

TEST_F(ChangeSetUploadTest, TruncatedEnvelopeInsideAWholeBatchIsABadRequest) {
  Bytes env = hongqi_.Seal(hongqi_.Next({CreateRow(RowId(10), "红旗村")}));
  env.resize(env.size() - 10);
  Hash32 before = StateDigest(db_path());
  HttpResponse r = Post(Batch({env}));
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(ErrorCode(r), "truncated");
  EXPECT_EQ(StateDigest(db_path()), before);
  EXPECT_EQ(RefusedRows(db_path()), "");
}

TEST_F(ChangeSetUploadTest, GarbageBytesAreABadRequest) {
  Hash32 before = StateDigest(db_path());
  HttpResponse r = Post(ToBytes("\xde\xad\xbe\xef not a batch at all"));
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(ErrorCode(r), "malformed");
  EXPECT_EQ(StateDigest(db_path()), before);
  EXPECT_EQ(RefusedRows(db_path()), "");
}

TEST_F(ChangeSetUploadTest, EmptyBodyIsABadRequest) {
  HttpResponse r = Post(Bytes{});
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(ErrorCode(r), "malformed");
}

TEST_F(ChangeSetUploadTest, EmptyBatchIsABadRequest) {
  HttpResponse r = Post(Batch({}));
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(ErrorCode(r), "empty_batch");
}

TEST_F(ChangeSetUploadTest, TooManyChangeSetsInOneRequestIsTooLarge) {
  std::vector<Bytes> many(51, hongqi_.Seal(hongqi_.Next({CreateRow(RowId(10), "红旗村")})));
  Hash32 before = StateDigest(db_path());
  HttpResponse r = Post(Batch(many));
  EXPECT_EQ(r.status, 413);
  EXPECT_EQ(ErrorCode(r), "too_many_changesets");
  EXPECT_EQ(StateDigest(db_path()), before);
  EXPECT_EQ(RefusedRows(db_path()), "");
}

TEST_F(ChangeSetUploadTest, WrongContentTypeIsUnsupported) {
  Hash32 before = StateDigest(db_path());
  HttpResponse r = Post(Batch({hongqi_.Seal(hongqi_.Next({CreateRow(RowId(10), "红旗村")}))}),
                        "application/json");
  EXPECT_EQ(r.status, 415);
  EXPECT_EQ(ErrorCode(r), "unsupported_media_type");
  EXPECT_EQ(StateDigest(db_path()), before);
  EXPECT_EQ(RefusedRows(db_path()), "");
}

TEST_F(ChangeSetUploadTest, SeveralChangeSetsOfOneStationInOneRequestChain) {
  std::vector<Bytes> envs;
  std::vector<ChangeSet> sets;
  TestStation st = hongqi_;
  for (int i = 0; i < 3; ++i) {
    ChangeSet cs = st.Next({CreateRow(RowId(10 + i), "红旗村")});
    envs.push_back(st.Seal(cs));
    st.Accepted(cs);
  }
  Bytes body = Batch(envs);
  HttpResponse r = Post(body);
  ASSERT_EQ(r.status, 200) << r.body;
  auto receipts = Json(r)["receipts"].as_array();
  ASSERT_EQ(receipts.size(), 3u);
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(receipts[i].as_object().at("status").as_string(), "accepted");
    EXPECT_EQ(receipts[i].as_object().at("seq").as_int64(), i + 1);
  }
  // The whole request again: the same receipts, as duplicates.
  Hash32 before = StateDigest(db_path());
  HttpResponse again = Post(body);
  ASSERT_EQ(again.status, 200);
  auto dup = Json(again)["receipts"].as_array();
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(dup[i].as_object().at("status").as_string(), "duplicate");
    EXPECT_EQ(dup[i].as_object().at("log_index"), receipts[i].as_object().at("log_index"));
  }
  EXPECT_EQ(StateDigest(db_path()), before);
}

TEST_F(ChangeSetUploadTest, MixedRequestAnswersWithTheFirstRejectionAndKeepsTheAccepted) {
  ChangeSet good = hongqi_.Next({CreateRow(RowId(10), "红旗村")});
  TestStation after = hongqi_;
  after.Accepted(good);
  ChangeSet bad = after.Next({CreateRow(RowId(11), "东风村")});  // outside the unit
  HttpResponse r = Post(Batch({hongqi_.Seal(good), after.Seal(bad)}));
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(ErrorCode(r), "outside_unit");
  auto receipts = Json(r)["receipts"].as_array();
  ASSERT_EQ(receipts.size(), 2u);
  EXPECT_EQ(receipts[0].as_object().at("status").as_string(), "accepted");
  EXPECT_EQ(receipts[1].as_object().at("status").as_string(), "rejected");
  EXPECT_EQ(receipts[1].as_object().at("code").as_string(), "outside_unit");
  EXPECT_EQ(CountRows(db_path(), "changesets"), 1);
}

TEST_F(ChangeSetUploadTest, DatabaseFailureStoresNothingAndSaysSo) {
  // An injected failure in the middle of accepting dongfeng's change set
  // (after its log entry was written in the same transaction).
  ASSERT_TRUE(db_->db()
                  .Exec("CREATE TRIGGER fail_dongfeng BEFORE INSERT ON changesets "
                        "WHEN NEW.station = 'dongfeng-01' "
                        "BEGIN SELECT RAISE(ABORT, 'injected failure'); END;")
                  .ok());
  Hash32 before = StateDigest(db_path());
  HttpResponse r = PostNext(dongfeng_, {CreateRow(RowId(20), "东风村")});
  EXPECT_EQ(r.status, 500);
  EXPECT_EQ(ErrorCode(r), "internal");
  EXPECT_EQ(StateDigest(db_path()), before);
  // Other stations are not held back.
  EXPECT_EQ(PostNext(hongqi_, {CreateRow(RowId(10), "红旗村")}).status, 200);
}

TEST_F(ChangeSetUploadTest, StationEnrolledWhileTheQueueRunsIsAcceptedAtOnce) {
  TestStation late = Enroll("xinfeng-01", "新丰村", 0x43);
  EXPECT_EQ(PostNext(late, {CreateRow(RowId(30), "新丰村")}).status, 200);
}

}  // namespace
}  // namespace gongkai::hub::testing
