// The two-person rule as an auditor replays it (docs/formats/log-entry.md,
// rules P, V and A8): a policy record sets how many different active
// administrators sign each version; under policy 2 an approval must carry
// a review by another active administrator of the same proposal, logged
// since the latest approval.
#include <gtest/gtest.h>

#include "core/audit/audit_state_codec.h"
#include "core/audit/log_verifier.h"
#include "core/record/policy.h"
#include "core/record/roster.h"
#include "tests/core/audit/log_builder.h"

namespace gongkai::audit_test {
namespace {

const std::string kLi = "li";
const std::string kWu = "wu";

class PolicyRulesTest : public ::testing::Test {
 protected:
  PolicyRulesTest() : li_key_(Key(40)), wu_key_(Key(41)) {}

  void Add(const std::string& name, const PrivateKey& key) {
    RosterChange r{RosterAction::kAdd, name, key.public_key(), kAdmin, log_.Now()};
    log_.leaves.push_back(
        Leaf(EnvelopeKind::kRoster, kAdmin, EncodeRosterChange(r), log_.admin_key));
  }
  void RevokeBy(const std::string& name, const PrivateKey& key) {
    RosterChange r{RosterAction::kRevoke, name, key.public_key(), kAdmin, log_.Now()};
    log_.leaves.push_back(
        Leaf(EnvelopeKind::kRoster, kAdmin, EncodeRosterChange(r), log_.admin_key));
  }
  Bytes Policy(uint8_t n, const std::string& who, const PrivateKey& key) {
    ApprovalPolicy p{n, who, log_.Now()};
    return Leaf(EnvelopeKind::kPolicy, who, EncodeApprovalPolicy(p), key);
  }
  Bytes ReviewLeaf(const Approval& a, const std::string& who, const PrivateKey& key) {
    return Leaf(EnvelopeKind::kReview, who, EncodeReview(ReviewOf(a, who, log_.Now())), key);
  }
  // Logs `who`'s review of `a` and returns its leaf.
  Bytes LogReview(const Approval& a, const std::string& who, const PrivateKey& key) {
    log_.leaves.push_back(ReviewLeaf(a, who, key));
    return log_.leaves.back();
  }
  // Logs the approval `a` carrying `reviews`.
  void LogApproval(Approval a, std::vector<Bytes> reviews) {
    a.reviews = std::move(reviews);
    log_.leaves.push_back(log_.ApprovalLeaf(a));
  }
  // Genesis admin (wang-admin) adds li, a change set, policy 2.
  Hash32 SetUpPolicyTwo() {
    Add(kLi, li_key_);
    log_.Enroll("hongqi-01", "红旗村", 10);
    Hash32 id = log_.Commit("hongqi-01", {CreateOp{SampleVillageRow()}});
    log_.leaves.push_back(Policy(2, kAdmin, log_.admin_key));
    return id;
  }

  LogBuilder log_;
  PrivateKey li_key_, wu_key_;
};

TEST_F(PolicyRulesTest, AReviewThenAnApprovalByAnotherAdministratorMakesTheVersion) {
  Hash32 id = SetUpPolicyTwo();
  Approval a = log_.MakeApproval({id}, {});
  LogApproval(a, {LogReview(a, kLi, li_key_)});
  LogVerifier v;
  ASSERT_TRUE(AddAll(v, log_.leaves).ok()) << AddAll(v, log_.leaves, v.size()).ToString();
  EXPECT_EQ(v.catalog_version(), 1u);
  EXPECT_EQ(v.state().approvals_required, 2);
  EXPECT_EQ(v.state().policy_index, 4u);
  EXPECT_TRUE(v.state().reviews.empty());  // the approval used them up
}

TEST_F(PolicyRulesTest, AnApprovalWithoutAReviewIsRefusedUnderPolicyTwo) {
  Hash32 id = SetUpPolicyTwo();
  log_.leaves.push_back(log_.ApprovalLeaf(log_.MakeApproval({id}, {})));
  ExpectRefusedAt(log_.leaves, 5, "review_missing");
  // The same approval before the policy record is fine.
  std::vector<Bytes> before = log_.leaves;
  std::swap(before[4], before[5]);
  LogVerifier v;
  EXPECT_TRUE(AddAll(v, before).ok());
}

TEST_F(PolicyRulesTest, TheSamePersonTwiceCountsOnce) {
  Hash32 id = SetUpPolicyTwo();
  Approval a = log_.MakeApproval({id}, {});
  LogApproval(a, {LogReview(a, kAdmin, log_.admin_key)});
  ExpectRefusedAt(log_.leaves, 6, "review_twice");
}

TEST_F(PolicyRulesTest, AReviewOfAnotherProposalDoesNotCount) {
  Hash32 id = SetUpPolicyTwo();
  Approval a = log_.MakeApproval({id}, {});
  Approval other = a;
  other.result_hash[0] ^= 1;
  LogApproval(a, {LogReview(other, kLi, li_key_)});
  ExpectRefusedAt(log_.leaves, 6, "review_mismatch");
}

TEST_F(PolicyRulesTest, AReviewNeverLoggedDoesNotCount) {
  Hash32 id = SetUpPolicyTwo();
  Approval a = log_.MakeApproval({id}, {});
  LogApproval(a, {ReviewLeaf(a, kLi, li_key_)});  // carried, but not in the log
  ExpectRefusedAt(log_.leaves, 5, "review_not_logged");
}

TEST_F(PolicyRulesTest, TheReviewOfAnAdministratorRevokedSinceNoLongerCounts) {
  Add(kWu, wu_key_);  // a third, so li can be revoked under policy 2
  Hash32 id = SetUpPolicyTwo();
  Approval a = log_.MakeApproval({id}, {});
  Bytes review = LogReview(a, kLi, li_key_);
  RevokeBy(kLi, li_key_);
  LogApproval(a, {review});
  ExpectRefusedAt(log_.leaves, 8, "admin_revoked");
}

TEST_F(PolicyRulesTest, PolicyAndReviewRecordsAreChecked) {
  // More approvals than active administrators.
  log_.leaves.push_back(Policy(2, kAdmin, log_.admin_key));
  ExpectRefusedAt(log_.leaves, 1, "too_few_admins");
  // Signed by someone not on the roster.
  log_.leaves.back() = Policy(1, kLi, li_key_);
  ExpectRefusedAt(log_.leaves, 1, "unknown_admin");
  // A review of a version that is not the next one.
  Hash32 id = SetUpPolicyTwo();
  Approval a = log_.MakeApproval({id}, {});
  log_.leaves.erase(log_.leaves.begin() + 1);
  a.version = 2;
  log_.leaves.push_back(ReviewLeaf(a, kLi, li_key_));
  ExpectRefusedAt(log_.leaves, 5, "review_stale");
}

TEST_F(PolicyRulesTest, TheStateCarriesThePolicyAndTheReviewsAcrossASave) {
  Hash32 id = SetUpPolicyTwo();
  Approval a = log_.MakeApproval({id}, {});
  LogApproval(a, {LogReview(a, kLi, li_key_)});
  LogVerifier v;
  ASSERT_TRUE(AddAll(v, std::vector<Bytes>(log_.leaves.begin(), log_.leaves.end() - 1)).ok());
  Bytes saved = v.SaveState();
  EXPECT_EQ(saved[1 + 8 + kAuditStateMagic.size()], 3);  // format 3
  Result<LogVerifier> resumed = LogVerifier::LoadState(saved);
  ASSERT_TRUE(resumed.ok()) << resumed.status().ToString();
  EXPECT_EQ(resumed->state().approvals_required, 2);
  EXPECT_EQ(resumed->state().reviews.size(), 1u);
  EXPECT_EQ(resumed->SaveState(), saved);
  EXPECT_TRUE(resumed->Add(log_.leaves.size() - 1, log_.leaves.back()).ok());
}

}  // namespace
}  // namespace gongkai::audit_test
