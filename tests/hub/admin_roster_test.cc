// The roster as library calls (hub/admin/admin_roster.h): every change a
// signed log entry written with the admins table in one transaction, every
// refusal leaving the store exactly as it was, and a revoked
// administrator refused by every signing path.
#include "hub/admin/admin_roster.h"

#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "core/audit/log_verifier.h"
#include "core/record/roster.h"
#include "hub/admin/admin_key_file.h"
#include "hub/admin/admin_password.h"
#include "hub/admin/password_input.h"
#include "hub/admin/station_enrollment.h"
#include "hub/review/approve.h"
#include "hub/store/log_table.h"
#include "tests/hub/hub_fixture.h"

namespace gongkai::hub::testing {
namespace {

constexpr const char* kPassword = "li-mima-2024-long";

class AdminRosterLibTest : public HubFixture {
 protected:
  NewAdminKey Li() {
    NewAdminKey k;
    k.name = "li";
    k.password = kPassword;
    k.params.log2_n = 10;
    return k;
  }
  AdminSigner LiSigner() {
    Result<AdminSigner> s = UnlockAdminWithPassword(*db_, paths_, "li", kPassword);
    EXPECT_TRUE(s.ok()) << s.status().ToString();
    return std::move(s).value();
  }
  // The whole log verifies with the auditor's rules.
  void ExpectLogVerifies() {
    uint64_t n = LogSize(*db_).value();
    LogVerifier v;
    for (uint64_t i = 0; i < n; ++i) {
      Status s = v.Add(i, ReadLogEntry(*db_, i).value()->entry);
      ASSERT_TRUE(s.ok()) << s.ToString();
    }
  }
};

TEST_F(AdminRosterLibTest, AddIsASignedRosterEntryWithASealedKey) {
  Result<RosterOutcome> out = AddAdmin(*db_, paths_, *admin_, Li(), 1700000300);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  ASSERT_TRUE(out->add_index);
  std::optional<LogEntry> e = ReadLogEntry(*db_, *out->add_index).value();
  ASSERT_TRUE(e);
  EXPECT_EQ(e->kind, EnvelopeKind::kRoster);
  Envelope env = DecodeEnvelope(e->entry).value();
  EXPECT_EQ(env.signer, "zhang");
  EXPECT_TRUE(VerifyEnvelope(env, identity_.admin_key.key).ok());
  EXPECT_EQ(DecodeRosterChange(env.body).value(),
            (RosterChange{RosterAction::kAdd, "li", out->key, "zhang", 1700000300}));
  // The key file is sealed under li's password, private, and is li's key.
  struct stat st;
  ASSERT_EQ(::stat(out->key_file.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 077, 0u);
  EXPECT_EQ(LiSigner().key.public_key(), out->key);
  std::optional<AdminRecord> rec = FindAdmin(*db_, "li").value();
  ASSERT_TRUE(rec);
  EXPECT_TRUE(rec->active());
  ExpectLogVerifies();
}

TEST_F(AdminRosterLibTest, RefusalsWriteNothing) {
  Hash32 before = StateDigest(db_path());
  NewAdminKey again = Li();
  again.name = "zhang";
  EXPECT_EQ(AddAdmin(*db_, paths_, *admin_, again, 1).status().reason(), "admin_exists");
  NewAdminKey weak = Li();
  weak.password = "123";
  EXPECT_FALSE(AddAdmin(*db_, paths_, *admin_, weak, 1).ok());
  NewAdminKey bad = Li();
  bad.name = "Li Ming";
  EXPECT_EQ(AddAdmin(*db_, paths_, *admin_, bad, 1).status().reason(), "bad_admin_name");
  EXPECT_EQ(RevokeAdmin(*db_, *admin_, "zhang", 1).status().reason(), "last_admin");
  EXPECT_EQ(RevokeAdmin(*db_, *admin_, "wu", 1).status().reason(), "unknown_admin");
  EXPECT_EQ(StateDigest(db_path()), before);
  struct stat st;
  EXPECT_NE(::stat(AdminEncryptedKeyPath(paths_, "zhang").c_str(), &st), 0);
  EXPECT_NE(::stat(AdminEncryptedKeyPath(paths_, "li").c_str(), &st), 0);
}

TEST_F(AdminRosterLibTest, ARevokedAdministratorIsRefusedByEverySigningPath) {
  ASSERT_TRUE(AddAdmin(*db_, paths_, *admin_, Li(), 1).ok());
  AdminSigner li = LiSigner();
  Result<RosterOutcome> revoked = RevokeAdmin(*db_, li, "zhang", 2);
  ASSERT_TRUE(revoked.ok()) << revoked.status().ToString();
  EXPECT_EQ(RevokeAdmin(*db_, li, "zhang", 3).status().reason(), "already_revoked");
  EXPECT_EQ(RevokeAdmin(*db_, *admin_, "li", 3).status().reason(), "admin_revoked");

  Hash32 before = StateDigest(db_path());
  // zhang's key in memory (a web session, a long-running auto-approver).
  ApproveRequest req;
  req.all = true;
  EXPECT_EQ(Approve(*db_, *admin_, req).status().reason(), "admin_revoked");
  EXPECT_EQ(
      EnrollStation(*db_, *admin_, "xinfeng-01", "新丰村",
                    MakeVerifierKey("xinfeng-01", KeyFromByte(0x50).public_key()), 3)
          .status()
          .reason(),
      "admin_revoked");
  EXPECT_EQ(RevokeStation(*db_, *admin_, "hongqi-01", "x", 3).status().reason(), "admin_revoked");
  NewAdminKey wu = Li();
  wu.name = "wu";
  EXPECT_EQ(AddAdmin(*db_, paths_, *admin_, wu, 3).status().reason(), "admin_revoked");
  // Loading zhang's key from the data directory.
  EXPECT_EQ(LoadAdminSigner(*db_, paths_, "zhang").status().reason(), "admin_revoked");
  EXPECT_EQ(StateDigest(db_path()), before);
  // li, the only active administrator, is the default signer, and the last.
  ::setenv(kAdminPasswordEnv, kPassword, 1);
  Result<AdminSigner> by_default = LoadAdminSigner(*db_, paths_, "");
  ::unsetenv(kAdminPasswordEnv);
  ASSERT_TRUE(by_default.ok()) << by_default.status().ToString();
  EXPECT_EQ(by_default->name, "li");
  EXPECT_EQ(RevokeAdmin(*db_, li, "li", 4).status().reason(), "last_admin");
  ExpectLogVerifies();
}

TEST_F(AdminRosterLibTest, ListTellsWhoAddedAndRevokedWhomAndWhen) {
  Result<RosterOutcome> added = AddAdmin(*db_, paths_, *admin_, Li(), 1);
  ASSERT_TRUE(added.ok());
  Result<RosterOutcome> revoked = RevokeAdmin(*db_, LiSigner(), "zhang", 2);
  ASSERT_TRUE(revoked.ok());
  std::vector<AdminListing> list = ListAdminRoster(*db_).value();
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].admin.name, "li");
  EXPECT_EQ(list[0].added_by, "zhang");
  EXPECT_EQ(list[0].admin.log_index, *added->add_index);
  EXPECT_TRUE(list[0].admin.active());
  EXPECT_EQ(list[1].admin.name, "zhang");
  EXPECT_EQ(list[1].added_by, "");
  EXPECT_EQ(list[1].admin.revoked_index, revoked->revoke_index);
  EXPECT_EQ(list[1].revoked_by, "li");
  EXPECT_EQ(ActiveAdminNames(*db_).value(), std::vector<std::string>{"li"});
}

}  // namespace
}  // namespace gongkai::hub::testing
