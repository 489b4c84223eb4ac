// The two-person rule (docs/hub.md § Two-person approval,
// docs/decisions/0018-two-person-approval.md): a real hub, a real station
// and the real auditor.
//
//   policy 2 is refused with one administrator; with two it is logged.
//   zhang's approval becomes a review — no version, `pending` shows
//   "已审查，等待第二位管理员"; zhang again is refused (already_reviewed),
//   nothing written; li's approval makes the version, carrying zhang's
//   review; the station pulls and accepts it and `gongkai-audit verify`
//   accepts the log. Then an approval signed by li alone, with no review,
//   is written into the hub's store behind its back: the station refuses it
//   on pull (review_missing) and the auditor names it as the first bad
//   entry.
//
//   A review stops counting when its administrator is revoked, and when the
//   proposal changes (another change set arrives).
#include <gtest/gtest.h>
#include <stdlib.h>

#include <boost/json.hpp>
#include <fstream>
#include <string>

#include "core/crypto/ed25519.h"
#include "hub/admin/admin_key_file.h"
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

class TwoPersonTest : public AdminTownTest {
 protected:
  void AddAdmin(const std::string& name) {
    town_.HubJson({"admin", "add", "--dir", hub_dir_, "--name", name, "--as", "zhang",
                   "--password-file", password_file_, "--scrypt-log2n", "10"});
  }
  int64_t HubVersion() {
    return town_.HubJson({"catalog", "--dir", hub_dir_, "--json"})
        .as_object()
        .at("version")
        .as_int64();
  }
  json::object Pending() {
    return town_.HubJson({"pending", "--dir", hub_dir_, "--json"}).as_object();
  }
};

TEST_F(TwoPersonTest, OneSignatureWaitsTheSamePersonTwiceCountsOnceASecondPersonMakesTheVersion) {
  std::string hongqi = town_.AddStation("hongqi-01", "红旗村");
  town_.AddRow(hongqi, "财务收支", {"--contact", "0375-1111111"});
  town_.StationJson({"sync", "--dir", hongqi});

  // With one administrator, two signatures per version can never be had.
  uint64_t before = LogEntries();
  RunResult alone = town_.Hub({"admin", "policy", "--dir", hub_dir_, "--approvals", "2"});
  EXPECT_EQ(alone.exit_code, 1) << alone.err;
  EXPECT_NE(alone.err.find("[too_few_admins]"), std::string::npos) << alone.err;
  EXPECT_EQ(LogEntries(), before);
  RunResult three = town_.Hub({"admin", "policy", "--dir", hub_dir_, "--approvals", "3"});
  EXPECT_EQ(three.exit_code, 2) << three.err;
  EXPECT_EQ(LogEntries(), before);

  AddAdmin("li");
  json::object policy = town_
                            .HubJson({"admin", "policy", "--dir", hub_dir_, "--approvals", "2",
                                      "--as", "zhang", "--json"})
                            .as_object();
  EXPECT_EQ(policy["approvals"].as_int64(), 2);
  const int64_t policy_index = policy["log_index"].as_int64();
  EXPECT_EQ(static_cast<uint64_t>(policy_index), LogEntries() - 1);

  // One signature: a review, no version.
  json::object first =
      town_.HubJson({"approve", "--dir", hub_dir_, "--all", "--as", "zhang", "--json"}).as_object();
  EXPECT_EQ(first["state"].as_string(), "reviewed");
  EXPECT_TRUE(first["version"].is_null());
  EXPECT_EQ(first["proposed_version"].as_int64(), 1);
  EXPECT_EQ(HubVersion(), 0);
  json::object pending = Pending();
  EXPECT_EQ(pending["policy"].as_object()["approvals"].as_int64(), 2);
  EXPECT_EQ(pending["policy"].as_object()["log_index"].as_int64(), policy_index);
  ASSERT_EQ(pending["reviews"].as_array().size(), 1u);
  json::object review = pending["reviews"].as_array()[0].as_object();
  EXPECT_EQ(review["admin"].as_string(), "zhang");
  EXPECT_EQ(review["state"].as_string(), "waiting");
  EXPECT_EQ(review["log_index"].as_int64(), first["log_index"].as_int64());
  RunResult text = town_.Hub({"pending", "--dir", hub_dir_});
  EXPECT_NE(text.out.find("已审查，等待第二位管理员"), std::string::npos) << text.out;

  // The same person again: refused, nothing written.
  before = LogEntries();
  RunResult again = town_.Hub({"approve", "--dir", hub_dir_, "--all", "--as", "zhang"});
  EXPECT_EQ(again.exit_code, 1) << again.out << again.err;
  EXPECT_NE(again.err.find("[already_reviewed]"), std::string::npos) << again.err;
  EXPECT_EQ(LogEntries(), before);
  EXPECT_EQ(HubVersion(), 0);

  // A second person: the version, carrying zhang's review.
  json::object v1 =
      town_.HubJson({"approve", "--dir", hub_dir_, "--all", "--as", "li", "--json"}).as_object();
  EXPECT_EQ(v1["state"].as_string(), "approved");
  EXPECT_EQ(v1["version"].as_int64(), 1);
  ASSERT_EQ(v1["reviewers"].as_array().size(), 1u);
  EXPECT_EQ(v1["reviewers"].as_array()[0].as_string(), "zhang");
  EXPECT_EQ(HubVersion(), 1);
  EXPECT_TRUE(Pending()["reviews"].as_array().empty());

  // The station pulls the policy with the approval and accepts it; so does
  // the auditor.
  ASSERT_NO_FATAL_FAILURE(ExpectVersion1Accepted(hongqi));

  // A forged approval: li, a real active administrator, signs version 2
  // alone (no review) and it is written into the store behind the hub's back.
  town_.AddRow(hongqi, "集体经济收益分配", {"--contact", "0375-1111111"});
  town_.StationJson({"sync", "--dir", hongqi});
  uint64_t forged_index = 0;
  {
    Result<HubDb> db = HubDb::Open(hub_dir_ + "/hub.db");
    ASSERT_TRUE(db.ok());
    Result<AdminKeyFile> file = LoadAdminKeyFile(hub_dir_ + "/admins/li.key.enc");
    ASSERT_TRUE(file.ok()) << file.status().ToString();
    Result<PrivateKey> key = UnlockAdminKey(*file, kAdminPassword);
    ASSERT_TRUE(key.ok()) << key.status().ToString();
    AdminSigner li{"li", std::move(key).value()};
    Transaction tx(db->db());
    ASSERT_TRUE(tx.status().ok());
    Result<std::vector<LoggedChangeSet>> undecided = ListUndecided(*db);
    ASSERT_TRUE(undecided.ok());
    ASSERT_EQ(undecided->size(), 1u);
    Result<PreparedApproval> prepared = PrepareApproval(*db, li, {(*undecided)[0].meta.id}, "", 1);
    ASSERT_TRUE(prepared.ok()) << prepared.status().ToString();
    Result<ApproveOutcome> forged = CommitApproval(*db, li, *prepared, 1);
    ASSERT_TRUE(forged.ok()) << forged.status().ToString();
    forged_index = forged->log_index;
    ASSERT_TRUE(tx.Commit().ok());
  }
  ExpectForgedApprovalRefused(hongqi, "review_missing", forged_index);
}

TEST_F(TwoPersonTest, AReviewStopsCountingWhenItsAdministratorIsRevokedOrTheProposalChanges) {
  std::string hongqi = town_.AddStation("hongqi-01", "红旗村");
  town_.AddRow(hongqi, "财务收支", {"--contact", "0375-1111111"});
  town_.StationJson({"sync", "--dir", hongqi});
  AddAdmin("li");
  AddAdmin("wu");
  town_.HubJson({"admin", "policy", "--dir", hub_dir_, "--approvals", "2", "--as", "zhang"});

  // li reviews, then is revoked: her review no longer counts, and zhang's
  // signature is a review, not the version.
  town_.HubJson({"approve", "--dir", hub_dir_, "--all", "--as", "li"});
  town_.HubJson({"admin", "revoke", "--dir", hub_dir_, "--name", "li", "--as", "zhang"});
  json::array reviews = Pending()["reviews"].as_array();
  ASSERT_EQ(reviews.size(), 1u);
  EXPECT_EQ(reviews[0].as_object()["state"].as_string(), "revoked");
  json::object zhang =
      town_.HubJson({"approve", "--dir", hub_dir_, "--all", "--as", "zhang", "--json"}).as_object();
  EXPECT_EQ(zhang["state"].as_string(), "reviewed");
  EXPECT_EQ(HubVersion(), 0);

  // Under policy 2 with two active administrators left, a plain revoke
  // would leave one: refused, nothing written.
  uint64_t before = LogEntries();
  RunResult revoke =
      town_.Hub({"admin", "revoke", "--dir", hub_dir_, "--name", "wu", "--as", "zhang"});
  EXPECT_EQ(revoke.exit_code, 1);
  EXPECT_NE(revoke.err.find("[policy_needs_admins]"), std::string::npos) << revoke.err;
  EXPECT_EQ(LogEntries(), before);

  // Another change set arrives: zhang's review is of the old proposal, so
  // wu's signature is a review too — no version from two different proposals.
  town_.AddRow(hongqi, "集体经济收益分配", {"--contact", "0375-1111111"});
  town_.StationJson({"sync", "--dir", hongqi});
  json::array now = Pending()["reviews"].as_array();
  ASSERT_EQ(now.size(), 2u);
  EXPECT_EQ(now[1].as_object()["admin"].as_string(), "zhang");
  EXPECT_EQ(now[1].as_object()["state"].as_string(), "stale");
  json::object wu =
      town_.HubJson({"approve", "--dir", hub_dir_, "--all", "--as", "wu", "--json"}).as_object();
  EXPECT_EQ(wu["state"].as_string(), "reviewed");
  EXPECT_EQ(HubVersion(), 0);

  // zhang signs the proposal as it is now: the version, with wu's review.
  json::object v1 =
      town_.HubJson({"approve", "--dir", hub_dir_, "--all", "--as", "zhang", "--json"}).as_object();
  EXPECT_EQ(v1["version"].as_int64(), 1);
  EXPECT_EQ(v1["reviewers"].as_array()[0].as_string(), "wu");
  town_.StationJson({"sync", "--dir", hongqi});
  EXPECT_EQ(StationVersion(hongqi), 1);
  RunResult audit = Verify();
  EXPECT_EQ(audit.exit_code, 0) << audit.out << audit.err;
}

}  // namespace
}  // namespace gongkai::hub::testing
