// Rejecting one undecided change set with a reason for the village clerk
// (docs/hub.md § Review). In ONE transaction: the Rejection {change set id,
// station, seq, reason, admin, time} is signed by the administrator,
// appended to the log (kRejection) and recorded as the change set's
// decision; resolutions chosen for its conflicts are dropped.
#pragma once

#include <string>

#include "core/base/status.h"
#include "core/record/decision.h"
#include "hub/admin/admin_signer.h"
#include "hub/review/review_store.h"
#include "hub/store/hub_db.h"

namespace gongkai::hub {

// What was signed and where the log holds it.
struct RejectOutcome {
  Rejection rejection;
  uint64_t log_index = 0;
};

// What a rejection would sign, checked without signing or writing (the
// web's confirmation step, docs/hub-web.md § Rejecting): the undecided
// change set `ref` names and a reason that passes
// ValidateRejectionReason. Reads in the caller's transaction or snapshot.
struct RejectPreview {
  LoggedChangeSet changeset;
  std::string reason;
};
Result<RejectPreview> PrepareReject(HubDb& db, const std::string& ref, const std::string& reason);

// Reasons of FindChangeSetRef, and empty_reason / too_long / text reasons
// for the reason (the same checks as PrepareReject, in its transaction).
Result<RejectOutcome> Reject(HubDb& db, const AdminSigner& admin, const std::string& ref,
                             const std::string& reason, int64_t now);

}  // namespace gongkai::hub
