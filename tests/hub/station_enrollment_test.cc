// station add / revoke as library calls: signed records in the log, the
// stations table, and every refusal leaving the state as it was.
#include "hub/admin/station_enrollment.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include "core/record/enrollment.h"
#include "core/record/revocation.h"
#include "hub/store/log_table.h"
#include "hub/store/station_table.h"
#include "tests/hub/hub_fixture.h"

namespace gongkai::hub::testing {
namespace {

class StationEnrollmentTest : public HubFixture {};

TEST_F(StationEnrollmentTest, EnrollmentIsASignedLogEntry) {
  TestStation s{"xinfeng-01", "新丰村", KeyFromByte(0x50)};
  Result<uint64_t> index = EnrollStation(*db_, *admin_, s.id, s.unit, s.verifier_key(), 1700000200);
  ASSERT_TRUE(index.ok()) << index.status().ToString();
  std::optional<LogEntry> e = ReadLogEntry(*db_, *index).value();
  ASSERT_TRUE(e);
  EXPECT_EQ(e->kind, EnvelopeKind::kEnrollment);
  Envelope env = DecodeEnvelope(e->entry).value();
  EXPECT_EQ(env.kind, EnvelopeKind::kEnrollment);
  EXPECT_EQ(env.signer, "zhang");
  EXPECT_TRUE(VerifyEnvelope(env, identity_.admin_key.key).ok());
  Enrollment rec = DecodeEnrollment(env.body).value();
  EXPECT_EQ(rec, (Enrollment{"xinfeng-01", "新丰村", s.key.public_key(), "zhang", 1700000200}));
  std::optional<StationRecord> row = FindStation(*db_, "xinfeng-01").value();
  ASSERT_TRUE(row);
  EXPECT_EQ(row->unit, "新丰村");
  EXPECT_EQ(row->enrollment_index, *index);
  EXPECT_FALSE(row->revoked);
}

TEST_F(StationEnrollmentTest, KeyNamedForAnotherStationIsRefused) {
  Hash32 before = StateDigest(db_path());
  VerifierKey vk = MakeVerifierKey("other-01", KeyFromByte(0x50).public_key());
  EXPECT_EQ(EnrollStation(*db_, *admin_, "xinfeng-01", "新丰村", vk, 1).status().reason(),
            "key_name_mismatch");
  EXPECT_EQ(StateDigest(db_path()), before);
}

TEST_F(StationEnrollmentTest, SecondEnrollmentOfAnIdIsRefused) {
  Hash32 before = StateDigest(db_path());
  Result<uint64_t> r =
      EnrollStation(*db_, *admin_, "hongqi-01", "红旗村",
                    MakeVerifierKey("hongqi-01", KeyFromByte(0x51).public_key()), 1);
  EXPECT_EQ(r.status().reason(), "station_exists");
  EXPECT_EQ(r.status().code(), Code::kAlreadyExists);
  EXPECT_EQ(StateDigest(db_path()), before);
}

TEST_F(StationEnrollmentTest, KeyOfAnotherStationIsRefused) {
  Hash32 before = StateDigest(db_path());
  VerifierKey vk = MakeVerifierKey("xinfeng-01", hongqi_.key.public_key());
  EXPECT_EQ(EnrollStation(*db_, *admin_, "xinfeng-01", "新丰村", vk, 1).status().reason(),
            "key_in_use");
  EXPECT_EQ(StateDigest(db_path()), before);
}

TEST_F(StationEnrollmentTest, BadUnitIsRefused) {
  Hash32 before = StateDigest(db_path());
  VerifierKey vk = MakeVerifierKey("xinfeng-01", KeyFromByte(0x50).public_key());
  EXPECT_EQ(EnrollStation(*db_, *admin_, "xinfeng-01", "", vk, 1).status().reason(), "bad_unit");
  EXPECT_EQ(StateDigest(db_path()), before);
}

TEST_F(StationEnrollmentTest, RevocationIsASignedLogEntry) {
  Result<uint64_t> index = RevokeStation(*db_, *admin_, "hongqi-01", "设备丢失", 1700000300);
  ASSERT_TRUE(index.ok()) << index.status().ToString();
  Envelope env = DecodeEnvelope(ReadLogEntry(*db_, *index).value()->entry).value();
  EXPECT_EQ(env.kind, EnvelopeKind::kRevocation);
  EXPECT_TRUE(VerifyEnvelope(env, identity_.admin_key.key).ok());
  EXPECT_EQ(DecodeRevocation(env.body).value(),
            (Revocation{"hongqi-01", "设备丢失", "zhang", 1700000300}));
  StationRecord row = FindStation(*db_, "hongqi-01").value().value();
  EXPECT_TRUE(row.revoked);
  EXPECT_EQ(row.revoke_reason, "设备丢失");
  EXPECT_EQ(row.revocation_index, *index);
}

TEST_F(StationEnrollmentTest, RevokingTwiceIsRefused) {
  ASSERT_TRUE(RevokeStation(*db_, *admin_, "hongqi-01", "设备丢失", 1).ok());
  Hash32 before = StateDigest(db_path());
  EXPECT_EQ(RevokeStation(*db_, *admin_, "hongqi-01", "again", 2).status().reason(),
            "already_revoked");
  EXPECT_EQ(StateDigest(db_path()), before);
}

TEST_F(StationEnrollmentTest, RevokingAnUnknownStationIsRefused) {
  Hash32 before = StateDigest(db_path());
  Result<uint64_t> r = RevokeStation(*db_, *admin_, "nobody", "x", 1);
  EXPECT_EQ(r.status().reason(), "unknown_station");
  EXPECT_EQ(r.status().code(), Code::kNotFound);
  EXPECT_EQ(StateDigest(db_path()), before);
}

TEST_F(StationEnrollmentTest, RevocationNeedsAReason) {
  Hash32 before = StateDigest(db_path());
  EXPECT_EQ(RevokeStation(*db_, *admin_, "hongqi-01", "", 1).status().reason(), "empty_reason");
  EXPECT_EQ(RevokeStation(*db_, *admin_, "hongqi-01", "  ", 1).status().reason(), "empty_reason");
  EXPECT_EQ(StateDigest(db_path()), before);
}

TEST_F(StationEnrollmentTest, RevokedIdIsEnrolledAgainWithANewKeyAndUnit) {
  uint64_t revoked_at = RevokeStation(*db_, *admin_, "hongqi-01", "设备丢失", 1).value();
  VerifierKey vk = MakeVerifierKey("hongqi-01", KeyFromByte(0x52).public_key());
  Result<uint64_t> index = EnrollStation(*db_, *admin_, "hongqi-01", "红旗村二组", vk, 2);
  ASSERT_TRUE(index.ok()) << index.status().ToString();
  EXPECT_GT(*index, revoked_at);
  Envelope env = DecodeEnvelope(ReadLogEntry(*db_, *index).value()->entry).value();
  EXPECT_EQ(env.kind, EnvelopeKind::kEnrollment);
  EXPECT_EQ(DecodeEnrollment(env.body).value(),
            (Enrollment{"hongqi-01", "红旗村二组", vk.key, "zhang", 2}));
  StationRecord row = FindStation(*db_, "hongqi-01").value().value();
  EXPECT_FALSE(row.revoked);
  EXPECT_EQ(row.key, vk.key);
  EXPECT_EQ(row.unit, "红旗村二组");
  EXPECT_EQ(row.enrollment_index, *index);
  EXPECT_EQ(row.revocation_index, 0u);
  // Enrolled again, it is in force: a further enrollment is refused.
  Hash32 before = StateDigest(db_path());
  EXPECT_EQ(EnrollStation(*db_, *admin_, "hongqi-01", "红旗村", vk, 3).status().reason(),
            "station_exists");
  EXPECT_EQ(StateDigest(db_path()), before);
}

TEST_F(StationEnrollmentTest, RevokedIdIsEnrolledAgainWithTheSameKey) {
  ASSERT_TRUE(RevokeStation(*db_, *admin_, "hongqi-01", "误撤销", 1).ok());
  Result<uint64_t> index =
      EnrollStation(*db_, *admin_, "hongqi-01", "红旗村", hongqi_.verifier_key(), 2);
  ASSERT_TRUE(index.ok()) << index.status().ToString();
  EXPECT_FALSE(FindStation(*db_, "hongqi-01").value().value().revoked);
}

TEST_F(StationEnrollmentTest, ReEnrollmentWithAnotherStationsKeyIsRefused) {
  ASSERT_TRUE(RevokeStation(*db_, *admin_, "hongqi-01", "设备丢失", 1).ok());
  Hash32 before = StateDigest(db_path());
  VerifierKey vk = MakeVerifierKey("hongqi-01", dongfeng_.key.public_key());
  EXPECT_EQ(EnrollStation(*db_, *admin_, "hongqi-01", "红旗村", vk, 2).status().reason(),
            "key_in_use");
  EXPECT_EQ(StateDigest(db_path()), before);
}

TEST_F(StationEnrollmentTest, AdminKeyReadableByOthersIsRefused) {
  ASSERT_EQ(::chmod(paths_.admin_key("zhang").c_str(), 0644), 0);
  EXPECT_EQ(LoadAdminSigner(*db_, paths_, "").status().reason(), "key_permissions");
}

// The default signer is the only ACTIVE administrator on the roster; a
// stray key file makes no administrator (several active ones need --as:
// tests/e2e/admin_roster_test.cc).
TEST_F(StationEnrollmentTest, AStrayKeyFileIsNotASecondAdministrator) {
  ASSERT_TRUE(KeyFromByte(0x60).SavePem(paths_.admin_key("li")).ok());
  Result<AdminSigner> by_default = LoadAdminSigner(*db_, paths_, "");
  ASSERT_TRUE(by_default.ok()) << by_default.status().ToString();
  EXPECT_EQ(by_default->name, "zhang");
  EXPECT_TRUE(LoadAdminSigner(*db_, paths_, "zhang").ok());
  // "li" has a key file but is not an administrator of this hub.
  EXPECT_EQ(LoadAdminSigner(*db_, paths_, "li").status().reason(), "unknown_admin");
}

TEST_F(StationEnrollmentTest, KeyFileNotMatchingTheRecordIsRefused) {
  std::string path = paths_.admin_key("zhang");
  ASSERT_EQ(::unlink(path.c_str()), 0);
  ASSERT_TRUE(KeyFromByte(0x61).SavePem(path).ok());
  EXPECT_EQ(LoadAdminSigner(*db_, paths_, "").status().reason(), "admin_key_mismatch");
}

}  // namespace
}  // namespace gongkai::hub::testing
