// Refused uploads per station (hub/store/refused_upload_table.h) through the
// real request → response function: what is recorded for whom, the
// Gongkai-Station-Key/-Unit headers of a station that is not enrolled, the
// bound on unenrolled ids, and enrolling from a recorded attempt.
#include <gtest/gtest.h>

#include "core/audit/log_verifier.h"
#include "hub/admin/station_enrollment.h"
#include "hub/store/log_table.h"
#include "hub/store/refused_upload_table.h"
#include "hub/store/station_table.h"
#include "tests/hub/api_fixture.h"

namespace gongkai::hub::testing {
namespace {

// "新丰村" percent-encoded as UTF-8.
const char* kXinfengEncoded = "%E6%96%B0%E4%B8%B0%E6%9D%91";

class RefusedUploadTest : public ApiFixture {
 protected:
  HttpResponse PostWith(const Bytes& body, const std::string& key, const std::string& unit) {
    HttpRequest req;
    req.method = "POST";
    req.target = "/v1/changesets";
    req.content_type = "application/octet-stream";
    req.body.assign(body.begin(), body.end());
    req.station_key = key;
    req.station_unit = unit;
    return api_->HandleSync(std::move(req));
  }
  HttpResponse PostNextWith(TestStation& st, std::vector<Op> ops, const std::string& key,
                            const std::string& unit) {
    ChangeSet cs = st.Next(std::move(ops));
    HttpResponse r = PostWith(Batch({st.Seal(cs)}), key, unit);
    if (r.status == 200) st.Accepted(cs);
    return r;
  }
  std::optional<UploadAttempt> Attempt(const std::string& id) {
    return FindUploadAttempt(*db_, id).value();
  }

  TestStation xinfeng_{"xinfeng-01", "新丰村", KeyFromByte(0x58)};
};

TEST_F(RefusedUploadTest, UnenrolledStationIsRecordedWithItsKeyAndUnit) {
  Hash32 before = StateDigest(db_path());
  std::string vkey = xinfeng_.verifier_key().ToString();
  HttpResponse r = PostNextWith(xinfeng_, {CreateRow(RowId(30), "新丰村")}, vkey, kXinfengEncoded);
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(ErrorCode(r), "unknown_station");
  EXPECT_EQ(StateDigest(db_path()), before);  // nothing but the refused-upload row
  EXPECT_EQ(RefusedRows(db_path()), "xinfeng-01 unknown_station 1 1\n");
  // Again: the same row counts two.
  PostNextWith(xinfeng_, {CreateRow(RowId(30), "新丰村")}, vkey, kXinfengEncoded);
  EXPECT_EQ(RefusedRows(db_path()), "xinfeng-01 unknown_station 2 1\n");
  std::optional<UploadAttempt> a = Attempt("xinfeng-01");
  ASSERT_TRUE(a);
  EXPECT_EQ(a->key, xinfeng_.key.public_key());
  EXPECT_EQ(a->unit, "新丰村");
  EXPECT_EQ(a->count, 2u);
  EXPECT_FALSE(a->revoked);
}

TEST_F(RefusedUploadTest, HeadersAreRecordedOnlyWhenTheyHoldUp) {
  // A key named for another station, a key that does not verify the
  // envelope, a unit that is not valid percent-encoded text: the attempt is
  // recorded, without them, and the answer is the same.
  struct Case {
    std::string key, unit;
  } cases[] = {
      {hongqi_.verifier_key().ToString(), "%E6%96%B0%"},
      {MakeVerifierKey("xinfeng-01", KeyFromByte(0x59).public_key()).ToString(), "%ZZ"},
      {"not a key", "%00"},
      {"", ""},
  };
  for (const Case& c : cases) {
    HttpResponse r = PostNextWith(xinfeng_, {CreateRow(RowId(30), "新丰村")}, c.key, c.unit);
    EXPECT_EQ(r.status, 403) << c.key;
    EXPECT_EQ(ErrorCode(r), "unknown_station");
  }
  std::optional<UploadAttempt> a = Attempt("xinfeng-01");
  ASSERT_TRUE(a);
  EXPECT_FALSE(a->key);
  EXPECT_FALSE(a->unit);
  EXPECT_EQ(a->count, 4u);
  EXPECT_EQ(
      EnrollStationFromAttempt(*db_, *admin_, "xinfeng-01", std::nullopt, 1).status().reason(),
      "attempt_without_key");
}

TEST_F(RefusedUploadTest, EnrolledStationsHeadersChangeNothing) {
  ASSERT_EQ(PostNextWith(hongqi_, {CreateRow(RowId(10), "红旗村")},
                         hongqi_.verifier_key().ToString(), kXinfengEncoded)
                .status,
            200);
  EXPECT_EQ(RefusedRows(db_path()), "");
  EXPECT_TRUE(ListUploadAttempts(*db_).value().empty());
}

TEST_F(RefusedUploadTest, MalformedUploadsRecordNothing) {
  Bytes env = xinfeng_.Seal(xinfeng_.Next({CreateRow(RowId(30), "新丰村")}));
  Bytes cut = env;
  cut.resize(cut.size() - 10);
  EXPECT_EQ(PostWith(Batch({cut}), xinfeng_.verifier_key().ToString(), kXinfengEncoded).status,
            400);
  EXPECT_EQ(PostWith(ToBytes("garbage"), "", "").status, 400);
  EXPECT_EQ(RefusedRows(db_path()), "");
}

TEST_F(RefusedUploadTest, UnenrolledIdsAreBoundedLeastRecentlySeenEvicted) {
  // Fill the table directly with kMaxUnenrolledStations ids, then one more
  // through the API: the oldest id goes.
  for (size_t i = 0; i < kMaxUnenrolledStations; ++i) {
    RefusedUpload r;
    r.station = "ghost-" + std::to_string(i);
    r.code = "unknown_station";
    r.first_at = r.last_at = 1000 + static_cast<int64_t>(i);
    r.seq = 1;
    r.message = "x";
    ASSERT_TRUE(RecordRefusedUpload(*db_, r).ok());
  }
  // Enrolled stations' rows do not count towards the bound.
  TestStation ahead = hongqi_;
  ahead.seq = 4;
  ahead.prev.fill(7);
  ASSERT_EQ(PostNext(ahead, {CreateRow(RowId(10), "红旗村")}).status, 409);
  EXPECT_EQ(CountRows(db_path(), "refused_uploads"),
            static_cast<int64_t>(kMaxUnenrolledStations) + 1);
  PostNextWith(xinfeng_, {CreateRow(RowId(30), "新丰村")}, "", "");
  EXPECT_EQ(CountRows(db_path(), "refused_uploads"),
            static_cast<int64_t>(kMaxUnenrolledStations) + 1);
  std::string rows = RefusedRows(db_path());
  EXPECT_EQ(rows.find("ghost-0 "), std::string::npos);
  EXPECT_NE(rows.find("ghost-1 "), std::string::npos);
  EXPECT_NE(rows.find("xinfeng-01 unknown_station 1 1"), std::string::npos);
  EXPECT_NE(rows.find("hongqi-01 seq_gap 1 5"), std::string::npos);
}

TEST_F(RefusedUploadTest, EnrolFromAttemptThenTheNextUploadIsAcceptedAndClearsTheRows) {
  std::string vkey = xinfeng_.verifier_key().ToString();
  ASSERT_EQ(PostNextWith(xinfeng_, {CreateRow(RowId(30), "新丰村")}, vkey, kXinfengEncoded).status,
            403);
  Result<AttemptEnrollment> e =
      EnrollStationFromAttempt(*db_, *admin_, "xinfeng-01", std::nullopt, 1700000300);
  ASSERT_TRUE(e.ok()) << e.status().ToString();
  EXPECT_EQ(e->unit, "新丰村");
  EXPECT_EQ(e->key.ToString(), vkey);
  StationRecord rec = FindStation(*db_, "xinfeng-01").value().value();
  EXPECT_EQ(rec.unit, "新丰村");
  EXPECT_EQ(rec.key, xinfeng_.key.public_key());
  // Enrolled now: no longer an attempt, but its refusal shows until accepted.
  EXPECT_FALSE(Attempt("xinfeng-01"));
  EXPECT_EQ(RefusedRows(db_path()), "xinfeng-01 unknown_station 1 1\n");
  HttpResponse r = PostNext(xinfeng_, {CreateRow(RowId(30), "新丰村")});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(RefusedRows(db_path()), "");
  // Nothing left to enrol from.
  EXPECT_EQ(
      EnrollStationFromAttempt(*db_, *admin_, "xinfeng-01", std::nullopt, 1).status().reason(),
      "no_attempt");
}

TEST_F(RefusedUploadTest, UnitGivenByTheAdministratorWins) {
  ASSERT_EQ(PostNextWith(xinfeng_, {CreateRow(RowId(30), "新丰村")},
                         xinfeng_.verifier_key().ToString(), "")
                .status,
            403);
  EXPECT_EQ(
      EnrollStationFromAttempt(*db_, *admin_, "xinfeng-01", std::nullopt, 1).status().reason(),
      "attempt_without_unit");
  Result<AttemptEnrollment> e =
      EnrollStationFromAttempt(*db_, *admin_, "xinfeng-01", std::string("新丰村"), 2);
  ASSERT_TRUE(e.ok()) << e.status().ToString();
  EXPECT_EQ(FindStation(*db_, "xinfeng-01").value()->unit, "新丰村");
}

TEST_F(RefusedUploadTest, RevokedStationWithANewKeyIsAnAttemptAndIsEnrolledAgain) {
  ASSERT_EQ(PostNext(hongqi_, {CreateRow(RowId(10), "红旗村")}).status, 200);
  ASSERT_TRUE(RevokeStation(*db_, *admin_, "hongqi-01", "电脑重装", 1700000100).ok());
  TestStation renewed = hongqi_;
  renewed.key = KeyFromByte(0x71);
  Hash32 before = StateDigest(db_path());
  HttpResponse r = PostNextWith(renewed, {SetContact(RowId(10), "", "110")},
                                renewed.verifier_key().ToString(), "%E7%BA%A2%E6%97%97%E6%9D%91");
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(ErrorCode(r), "station_revoked");
  EXPECT_EQ(StateDigest(db_path()), before);
  EXPECT_EQ(CountRows(db_path(), "equivocations"), 0);
  std::optional<UploadAttempt> a = Attempt("hongqi-01");
  ASSERT_TRUE(a);
  EXPECT_TRUE(a->revoked);
  EXPECT_EQ(a->key, renewed.key.public_key());
  EXPECT_EQ(a->unit, "红旗村");
  ASSERT_TRUE(EnrollStationFromAttempt(*db_, *admin_, "hongqi-01", std::nullopt, 1700000200).ok());
  HttpResponse ok = PostNext(renewed, {SetContact(RowId(10), "", "110")});
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(Receipt0(ok)["seq"].as_int64(), 2);
  EXPECT_EQ(RefusedRows(db_path()), "");
  // The independent auditor accepts the hub's log: enrollment, change set,
  // revocation, enrollment again, the change set signed with the new key.
  uint64_t size = LogSize(*db_).value();
  LogVerifier v;
  for (uint64_t i = 0; i < size; ++i) {
    Status s = v.Add(i, ReadLogEntry(*db_, i).value()->entry);
    ASSERT_TRUE(s.ok()) << "entry " << i << ": " << s.ToString();
  }
  EXPECT_EQ(v.state().stations.at("hongqi-01").last_seq, 2u);
  EXPECT_EQ(v.state().stations.at("hongqi-01").key, renewed.key.public_key());
}

TEST_F(RefusedUploadTest, RevokedStationWithItsOldKeyIsNoAttempt) {
  ASSERT_TRUE(RevokeStation(*db_, *admin_, "hongqi-01", "设备丢失", 1700000100).ok());
  PostNextWith(hongqi_, {CreateRow(RowId(10), "红旗村")}, hongqi_.verifier_key().ToString(), "");
  EXPECT_EQ(RefusedRows(db_path()), "hongqi-01 station_revoked 1 1\n");
  EXPECT_FALSE(Attempt("hongqi-01"));
}

}  // namespace
}  // namespace gongkai::hub::testing
