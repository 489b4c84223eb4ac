// Administrators over the years (docs/hub.md § Administrators): a real hub,
// a real station and the real auditor.
//
//   zhang (genesis) adds li; li approves; li revokes zhang; zhang's next
//   approval is refused at the hub and nothing is written; li cannot
//   revoke herself (the last active administrator); `admin list` tells who
//   added and revoked whom at which entry; the station pulls the roster
//   with the decisions and accepts li's approval; the auditor accepts the
//   log. Then an approval signed with zhang's revoked key is written into
//   the hub's store behind its back (a forged history): the station refuses
//   it on pull (admin_revoked, its catalog stays) and `gongkai-audit verify`
//   names it as the first bad entry.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <boost/json.hpp>
#include <fstream>
#include <string>

#include "core/base/hex.h"
#include "core/crypto/ed25519.h"
#include "hub/admin/admin_signer.h"
#include "hub/review/approve.h"
#include "hub/review/review_store.h"
#include "hub/store/hub_db.h"
#include "hub/store/log_table.h"
#include "tests/hub/hub_testing.h"
#include "tests/testing/admin_town.h"
#include "tests/testing/town.h"

namespace gongkai::hub::testing {
namespace {

// li's key is sealed under kAdminPassword; zhang's (from init) is a
// plaintext key file.
class AdminRosterTest : public AdminTownTest {};

TEST_F(AdminRosterTest, AddApproveRevokeAndEveryoneRefusesTheRevokedAdministrator) {
  std::string hongqi = town_.AddStation("hongqi-01", "红旗村");
  town_.AddRow(hongqi, "财务收支", {"--contact", "0375-1111111"});
  town_.StationJson({"sync", "--dir", hongqi});

  // zhang (the only administrator, signing by default) adds li.
  json::object added = town_
                           .HubJson({"admin", "add", "--dir", hub_dir_, "--name", "li", "--as",
                                     "zhang", "--password-file", password_file_,
                                     "--scrypt-log2n", "10"})
                           .as_object();
  ASSERT_TRUE(added.contains("add_index"));
  const int64_t li_added = added["add_index"].as_int64();

  // With two active administrators, a signing command must say who signs;
  // nothing is written.
  uint64_t before = LogEntries();
  RunResult who = town_.Hub({"approve", "--dir", hub_dir_, "--all"});
  EXPECT_EQ(who.exit_code, 1) << who.err;
  EXPECT_NE(who.err.find("[several_admins]"), std::string::npos) << who.err;
  EXPECT_EQ(LogEntries(), before);

  // li approves version 1.
  json::object v1 =
      town_.HubJson({"approve", "--dir", hub_dir_, "--all", "--as", "li"}).as_object();
  EXPECT_EQ(v1["version"].as_int64(), 1);
  EXPECT_EQ(v1["admin"].as_string(), "li");

  // li revokes zhang.
  json::object revoked =
      town_.HubJson({"admin", "revoke", "--dir", hub_dir_, "--name", "zhang", "--as", "li"})
          .as_object();
  const int64_t zhang_revoked = revoked["revoke_index"].as_int64();

  // zhang's approval is refused at the hub; nothing is written.
  town_.AddRow(hongqi, "集体经济收益分配", {"--contact", "0375-1111111"});
  town_.StationJson({"sync", "--dir", hongqi});
  before = LogEntries();
  RunResult refused = town_.Hub({"approve", "--dir", hub_dir_, "--all", "--as", "zhang"});
  EXPECT_EQ(refused.exit_code, 1) << refused.err;
  EXPECT_NE(refused.err.find("[admin_revoked]"), std::string::npos) << refused.err;
  EXPECT_EQ(LogEntries(), before);
  RunResult rejected = town_.Hub({"reject", "--dir", hub_dir_, "1", "--reason", "x", "--as", "zhang"});
  EXPECT_EQ(rejected.exit_code, 1);
  EXPECT_NE(rejected.err.find("[admin_revoked]"), std::string::npos) << rejected.err;
  EXPECT_EQ(LogEntries(), before);

  // The last active administrator cannot be revoked, not even by herself.
  RunResult last = town_.Hub({"admin", "revoke", "--dir", hub_dir_, "--name", "li", "--as", "li"});
  EXPECT_EQ(last.exit_code, 1);
  EXPECT_NE(last.err.find("[last_admin]"), std::string::npos) << last.err;
  EXPECT_EQ(LogEntries(), before);

  // The roster.
  json::array admins =
      town_.HubJson({"admin", "list", "--dir", hub_dir_}).as_object().at("admins").as_array();
  ASSERT_EQ(admins.size(), 2u);
  json::object li = admins[0].as_object(), zhang = admins[1].as_object();
  EXPECT_EQ(li["name"].as_string(), "li");
  EXPECT_EQ(li["status"].as_string(), "active");
  EXPECT_EQ(li["added_by"].as_string(), "zhang");
  EXPECT_EQ(li["added_index"].as_int64(), li_added);
  EXPECT_EQ(zhang["status"].as_string(), "revoked");
  EXPECT_EQ(zhang["added_by"].as_string(), "");
  EXPECT_EQ(zhang["added_index"].as_int64(), 0);
  EXPECT_EQ(zhang["revoked_by"].as_string(), "li");
  EXPECT_EQ(zhang["revoked_index"].as_int64(), zhang_revoked);

  // The station pulls the roster with li's approval and accepts it.
  ASSERT_NO_FATAL_FAILURE(ExpectVersion1Accepted(hongqi));

  // A forged approval: zhang's revoked key signs version 2 and it is
  // written into the hub's store directly, past the hub's own check.
  uint64_t forged_index = 0;
  {
    Result<HubDb> db = HubDb::Open(hub_dir_ + "/hub.db");
    ASSERT_TRUE(db.ok());
    Result<PrivateKey> key = PrivateKey::LoadPem(hub_dir_ + "/admins/zhang.key");
    ASSERT_TRUE(key.ok()) << key.status().ToString();
    Transaction tx(db->db());
    ASSERT_TRUE(tx.status().ok());
    Result<std::vector<LoggedChangeSet>> undecided = ListUndecided(*db);
    ASSERT_TRUE(undecided.ok());
    ASSERT_EQ(undecided->size(), 1u);
    Result<ApproveOutcome> forged = ApproveInTransaction(
        *db, AdminSigner{"zhang", std::move(key).value()}, {(*undecided)[0].meta.id}, "", 1);
    ASSERT_TRUE(forged.ok()) << forged.status().ToString();
    forged_index = forged->log_index;
    ASSERT_TRUE(tx.Commit().ok());
  }
  ExpectForgedApprovalRefused(hongqi, "admin_revoked", forged_index);
}

// A lost password: another active administrator re-keys the account (a
// revoke and an add of the same name, two log entries); the old key no
// longer signs, the new one does, and the auditor accepts the history.
TEST_F(AdminRosterTest, AnotherAdministratorRekeysALostAccount) {
  town_.HubJson({"admin", "add", "--dir", hub_dir_, "--name", "li", "--as", "zhang",
                 "--password-file", password_file_, "--scrypt-log2n", "10"});
  std::string old_key = town_.HubJson({"admin", "list", "--dir", hub_dir_})
                            .as_object()
                            .at("admins")
                            .as_array()[1]
                            .as_object()
                            .at("key")
                            .as_string()
                            .c_str();
  // zhang forgot the password: li re-keys zhang (zhang's new password is
  // li's here, for the test's one variable).
  RunResult self = town_.Hub({"admin", "rekey", "--dir", hub_dir_, "--name", "li", "--as", "li",
                              "--password-file", password_file_, "--scrypt-log2n", "10"});
  EXPECT_EQ(self.exit_code, 1);
  EXPECT_NE(self.err.find("[rekey_self]"), std::string::npos) << self.err;

  const std::string old_pem = hub_dir_ + "/admins/zhang.key.old";
  ASSERT_EQ(::rename((hub_dir_ + "/admins/zhang.key").c_str(), old_pem.c_str()), 0);
  json::object rekeyed = town_
                             .HubJson({"admin", "rekey", "--dir", hub_dir_, "--name", "zhang",
                                       "--as", "li", "--password-file", password_file_,
                                       "--scrypt-log2n", "10"})
                             .as_object();
  EXPECT_EQ(rekeyed["add_index"].as_int64(), rekeyed["revoke_index"].as_int64() + 1);
  json::object zhang = town_.HubJson({"admin", "list", "--dir", hub_dir_})
                           .as_object()
                           .at("admins")
                           .as_array()[1]
                           .as_object();
  EXPECT_EQ(zhang["status"].as_string(), "active");
  EXPECT_NE(zhang["key"].as_string(), old_key);
  EXPECT_EQ(zhang["added_by"].as_string(), "li");

  // The old key file is refused; the new one signs.
  ASSERT_EQ(::rename(old_pem.c_str(), (hub_dir_ + "/admins/zhang.key").c_str()), 0);
  RunResult old = town_.Hub({"approve", "--dir", hub_dir_, "--all", "--as", "zhang"});
  EXPECT_EQ(old.exit_code, 1);
  EXPECT_NE(old.err.find("[admin_key_mismatch]"), std::string::npos) << old.err;
  ASSERT_EQ(::unlink((hub_dir_ + "/admins/zhang.key").c_str()), 0);
  town_.SignAs("zhang");  // the new key, sealed under the password
  std::string hongqi = town_.AddStation("hongqi-01", "红旗村");
  EXPECT_FALSE(HasFailure());
  RunResult audit = Verify();
  EXPECT_EQ(audit.exit_code, 0) << audit.out << audit.err;
}

}  // namespace
}  // namespace gongkai::hub::testing
