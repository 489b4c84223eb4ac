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
#pragma once

#include <string>
#include <vector>

#include "core/base/bytes.h"
#include "core/base/status.h"
#include "hub/admin/admin_signer.h"
#include "hub/store/hub_db.h"

namespace gongkai::hub {

struct ApproveRequest {
  bool all = false;
  std::vector<std::string> changesets;  // references (changeset_ref.h) when !all
  std::string note;
  int64_t now = 0;
};

struct ApproveOutcome {
  uint64_t version = 0;
  Hash32 hash{};
  Hash32 parent_hash{};
  uint64_t log_index = 0;
  std::vector<Hash32> included;  // merge order
  size_t resolutions = 0;
  size_t rows = 0;
};

// Reasons besides those of FindChangeSetRef: nothing_to_approve,
// listed_twice, unresolved_conflict, bad_note (note text), and database
// errors.
Result<ApproveOutcome> Approve(HubDb& db, const AdminSigner& admin, const ApproveRequest& req);

// Used by Approve and the auto-approver: approves exactly `chosen` (ids,
// in the order to merge) inside the caller's transaction.
Result<ApproveOutcome> ApproveInTransaction(HubDb& db, const AdminSigner& admin,
                                            const std::vector<Hash32>& chosen,
                                            const std::string& note, int64_t now);

}  // namespace gongkai::hub
