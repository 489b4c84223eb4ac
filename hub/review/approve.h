// Approving: a new catalog version out of undecided change sets
// (docs/hub.md § Review, docs/merge.md). In ONE transaction:
//   1. the chosen change sets (all undecided, or those named) are merged in
//      arrival order onto the latest approved catalog with the stored
//      resolutions; any unresolved conflict refuses the approval
//      (FailedPrecondition "unresolved_conflict", naming the conflicts);
//   2. the Approval {version V+1, parent hash, ids in merge order, the
//      resolutions used, result hash, admin, time, note} is checked with
//      ReplayApproval — the same check every station and auditor makes —
//      signed by the administrator and appended to the log (kApproval);
//   3. the version, its rows, the decisions and meta.catalog_version are
//      stored, and the resolutions of the included change sets dropped.
// Nothing is written when any step fails.
//
// Under an approval policy of 2 (hub/admin/approval_policy.h) step 2 needs
// a review of the same proposal by another active administrator
// (approval_reviews.h): with one, the approval carries it; without one the
// administrator's signature is logged as a review record (kind 9) and no
// version is made (ApproveOutcome::reviewed); signing again the proposal
// one has reviewed already is FailedPrecondition "already_reviewed" and
// writes nothing.
//
// Approval binds to what the administrator saw: with `expect_hash` the
// result of step 1 must hash to it, and with `expect_ids` the chosen change
// sets must be exactly those, and with `expect_pending` the undecided change
// sets must be exactly those (a selective approval from the web: the
// pending set the page was drawn from); otherwise FailedPrecondition "stale_review"
// (a change set arrived, or a resolution changed, since the review was
// shown) and nothing is signed. `pending --json` shows the hash to expect
// (`proposed_hash`); the web form carries both.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/base/bytes.h"
#include "core/base/status.h"
#include "core/catalog/catalog.h"
#include "core/merge/merge.h"
#include "core/record/decision.h"
#include "hub/admin/admin_signer.h"
#include "hub/store/hub_db.h"

namespace gongkai::hub {

struct ApproveRequest {
  bool all = false;
  std::vector<std::string> changesets;  // references (changeset_ref.h) when !all
  std::string note;
  int64_t now = 0;
  std::optional<Hash32> expect_hash;              // the result the reviewer saw
  std::optional<std::vector<Hash32>> expect_ids;  // the change sets the reviewer saw
  std::optional<std::vector<Hash32>> expect_pending;  // all undecided when the review was drawn
};

// One included change set, as signed (for `approve` to print).
struct ApprovedChangeSet {
  Hash32 id{};
  std::string station;
  uint64_t seq = 0;
  size_t ops = 0;
};

struct ApproveOutcome {
  uint64_t version = 0;
  Hash32 hash{};
  Hash32 parent_hash{};
  uint64_t log_index = 0;
  std::vector<Hash32> included;            // merge order
  std::vector<ApprovedChangeSet> details;  // the same, with station, seq and op count
  size_t resolutions = 0;
  size_t rows = 0;
  // Policy 2, first signature: a review was logged (log_index), no version
  // was made; `version` and `hash` are those proposed.
  bool reviewed = false;
  std::vector<std::string> reviewers;  // the reviews the approval carries
};

// Reasons besides those of FindChangeSetRef: nothing_to_approve,
// listed_twice, unresolved_conflict, invalid_result, stale_review,
// bad_note (note text), already_reviewed, and database errors.
Result<ApproveOutcome> Approve(HubDb& db, const AdminSigner& admin, const ApproveRequest& req);

// Used by Approve and the auto-approver: approves exactly `chosen` (ids,
// in the order to merge) inside the caller's transaction, under the
// policy in force (a review instead of a version when it needs one).
Result<ApproveOutcome> ApproveInTransaction(HubDb& db, const AdminSigner& admin,
                                            const std::vector<Hash32>& chosen,
                                            const std::string& note, int64_t now,
                                            const std::optional<Hash32>& expect_hash = {});

// The two halves of ApproveInTransaction, for callers that decide the
// reviews themselves. PrepareApproval merges and checks (nothing written);
// CommitApproval signs `prepared.approval` with the reviews it holds, logs
// and stores it — it does not check the policy.
struct PreparedApproval {
  Approval approval;  // unsigned; reviews empty
  Catalog approved;   // the parent catalog
  Catalog result;
  std::vector<IdentifiedChangeSet> included;
};
Result<PreparedApproval> PrepareApproval(HubDb& db, const AdminSigner& admin,
                                         const std::vector<Hash32>& chosen, const std::string& note,
                                         int64_t now,
                                         const std::optional<Hash32>& expect_hash = {});
Result<ApproveOutcome> CommitApproval(HubDb& db, const AdminSigner& admin,
                                      const PreparedApproval& prepared, int64_t now);

}  // namespace gongkai::hub
