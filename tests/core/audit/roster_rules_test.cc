// The roster rules O* of docs/formats/log-entry.md: the roster is replayed
// at each log index, so a signature counts only while its administrator is
// active at that index.
#include <gtest/gtest.h>

#include "core/audit/audit_state_codec.h"
#include "core/audit/log_verifier.h"
#include "core/record/roster.h"
#include "tests/core/audit/log_builder.h"

namespace gongkai::audit_test {
namespace {

const std::string kLi = "li";

class RosterRulesTest : public ::testing::Test {
 protected:
  RosterRulesTest() : li_key_(Key(40)) {}

  Bytes Roster(RosterAction action, const std::string& name, const PublicKey& key,
               const std::string& signer, const PrivateKey& signer_key) {
    RosterChange r{action, name, key, signer, log_.Now()};
    return Leaf(EnvelopeKind::kRoster, signer, EncodeRosterChange(r), signer_key);
  }
  void AddLi() {
    log_.leaves.push_back(
        Roster(RosterAction::kAdd, kLi, li_key_.public_key(), kAdmin, log_.admin_key));
  }
  void LiRevokesGenesisAdmin() {
    log_.leaves.push_back(
        Roster(RosterAction::kRevoke, kAdmin, log_.admin_key.public_key(), kLi, li_key_));
  }
  // An approval of the pending change sets signed by `who`.
  Bytes ApprovalBy(const std::string& who, const PrivateKey& key, const std::vector<Hash32>& ids) {
    Approval a = log_.MakeApproval(ids, {});
    a.admin = who;
    return Leaf(EnvelopeKind::kApproval, who, EncodeApproval(a), key);
  }

  LogBuilder log_;
  PrivateKey li_key_;
};

TEST_F(RosterRulesTest, AnAddedAdministratorSignsAndTheRevokedOneNoLonger) {
  log_.Enroll("hongqi-01", "红旗村", 10);
  Hash32 id = log_.Commit("hongqi-01", {CreateOp{SampleVillageRow()}});
  AddLi();
  log_.leaves.push_back(ApprovalBy(kLi, li_key_, {id}));
  LogVerifier ok;
  ASSERT_TRUE(AddAll(ok, log_.leaves).ok());
  EXPECT_EQ(ok.catalog_version(), 1u);

  // Before li was added, the same approval is refused.
  std::vector<Bytes> early = log_.leaves;
  std::swap(early[3], early[4]);
  ExpectRefusedAt(early, 3, "unknown_admin");
}

TEST_F(RosterRulesTest, ASignatureOfARevokedAdministratorIsRefusedAtThatIndex) {
  log_.Enroll("hongqi-01", "红旗村", 10);
  Hash32 id = log_.Commit("hongqi-01", {CreateOp{SampleVillageRow()}});
  AddLi();
  LiRevokesGenesisAdmin();
  log_.leaves.push_back(ApprovalBy(kAdmin, log_.admin_key, {id}));
  ExpectRefusedAt(log_.leaves, 5, "admin_revoked");
  // And a roster record signed by the revoked administrator.
  log_.leaves.back() = Roster(RosterAction::kAdd, "wu", Key(41).public_key(), kAdmin,
                              log_.admin_key);
  ExpectRefusedAt(log_.leaves, 5, "admin_revoked");
}

TEST_F(RosterRulesTest, TheLastActiveAdministratorCannotBeRevoked) {
  log_.leaves.push_back(Roster(RosterAction::kRevoke, kAdmin, log_.admin_key.public_key(),
                               kAdmin, log_.admin_key));
  ExpectRefusedAt(log_.leaves, 1, "last_admin");
}

TEST_F(RosterRulesTest, AddAndRevokeRefuseWhatTheRosterDoesNotAllow) {
  AddLi();
  std::vector<Bytes> twice = log_.leaves;
  twice.push_back(Roster(RosterAction::kAdd, kLi, Key(42).public_key(), kAdmin, log_.admin_key));
  ExpectRefusedAt(twice, 2, "admin_exists");

  std::vector<Bytes> reused = log_.leaves;
  reused.push_back(
      Roster(RosterAction::kAdd, "wu", log_.admin_key.public_key(), kAdmin, log_.admin_key));
  ExpectRefusedAt(reused, 2, "key_in_use");

  std::vector<Bytes> wrong_key = log_.leaves;
  wrong_key.push_back(
      Roster(RosterAction::kRevoke, kLi, Key(42).public_key(), kAdmin, log_.admin_key));
  ExpectRefusedAt(wrong_key, 2, "key_mismatch");

  std::vector<Bytes> unknown = log_.leaves;
  unknown.push_back(
      Roster(RosterAction::kRevoke, "wu", Key(42).public_key(), kAdmin, log_.admin_key));
  ExpectRefusedAt(unknown, 2, "unknown_admin");

  std::vector<Bytes> mismatch = log_.leaves;
  RosterChange r{RosterAction::kAdd, "wu", Key(42).public_key(), kLi, log_.Now()};
  mismatch.push_back(
      Leaf(EnvelopeKind::kRoster, kAdmin, EncodeRosterChange(r), log_.admin_key));
  ExpectRefusedAt(mismatch, 2, "signer_mismatch");
}

TEST_F(RosterRulesTest, AReKeyedNameSignsWithItsNewKeyOnly) {
  log_.Enroll("hongqi-01", "红旗村", 10);
  Hash32 id = log_.Commit("hongqi-01", {CreateOp{SampleVillageRow()}});
  AddLi();
  PrivateKey new_key = Key(43);
  // li re-keys the genesis administrator: revoke, then add the same name.
  LiRevokesGenesisAdmin();
  log_.leaves.push_back(
      Roster(RosterAction::kAdd, kAdmin, new_key.public_key(), kLi, li_key_));
  std::vector<Bytes> old_key = log_.leaves;
  old_key.push_back(ApprovalBy(kAdmin, log_.admin_key, {id}));
  ExpectRefusedAt(old_key, 6, "bad_signature");
  log_.leaves.push_back(ApprovalBy(kAdmin, new_key, {id}));
  LogVerifier v;
  ASSERT_TRUE(AddAll(v, log_.leaves).ok());
  // The old key can never come back under any name.
  log_.leaves.push_back(
      Roster(RosterAction::kAdd, "wu", log_.admin_key.public_key(), kLi, li_key_));
  ExpectRefusedAt(log_.leaves, 7, "key_in_use");
}

TEST_F(RosterRulesTest, TheStateFileKeepsTheRosterAndResumes) {
  AddLi();
  LiRevokesGenesisAdmin();
  LogVerifier v;
  ASSERT_TRUE(AddAll(v, log_.leaves).ok());
  Result<LogVerifier> resumed = LogVerifier::LoadState(v.SaveState());
  ASSERT_TRUE(resumed.ok()) << resumed.status().ToString();
  EXPECT_EQ(resumed->SaveState(), v.SaveState());
  EXPECT_TRUE(resumed->state().admins.at(kAdmin).revoked);
  EXPECT_EQ(resumed->state().admins.at(kAdmin).revoked_index, 2u);
  // The revoked administrator still cannot sign after resuming.
  Bytes next = Roster(RosterAction::kAdd, "wu", Key(44).public_key(), kAdmin, log_.admin_key);
  EXPECT_EQ(resumed->Add(3, next).reason(), "admin_revoked");
  EXPECT_EQ(resumed->size(), 3u);
}

}  // namespace
}  // namespace gongkai::audit_test
