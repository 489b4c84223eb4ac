// The rules for administrator decisions (docs/formats/log-entry.md, rules
// A1–A7 and J1–J6): an approval makes the next version out of change sets
// that are in the log and undecided, and replaying it over the previous
// approved catalog must give its recorded hashes; a rejection decides one
// undecided change set.
#pragma once

#include <cstdint>

#include "core/audit/audit_state.h"
#include "core/base/status.h"
#include "core/catalog/catalog.h"
#include "core/record/decision.h"
#include "core/record/envelope.h"

namespace gongkai {

struct CheckedApproval {
  Approval approval;
  Catalog result;  // the catalog of approval.version
};

// Replays the approval (ReplayApproval) over st.catalog; changes nothing.
// Copies the included change sets and the catalog once, per approval.
Result<CheckedApproval> CheckApproval(const AuditState& st, const Envelope& env);
// Makes `result` the approved catalog of approval.version.
void ApplyApproval(AuditState& st, const Approval& approval, Catalog result);

// Rules V* (review): an active administrator signs a proposal for the next
// version (version V + 1 over catalog V) made of undecided change sets.
// The merge itself is checked when an approval carries the review (A7, A8).
Result<Review> CheckReview(const AuditState& st, const Envelope& env);
// Remembers the review entry (its leaf hash) until the next approval.
void ApplyReview(AuditState& st, uint64_t index, const Bytes& leaf);

// Rule A8: the approval `a` (signed by env.signer) carries, as reviews, the
// signatures of enough other administrators active in `st` on the same
// proposal to meet st.approvals_required. With `logged`, each review must
// also be an entry logged since the latest approval (st.reviews) — the
// auditor checks that; a station, which does not see every entry, passes
// false. Reasons: bad_review, unknown_admin, admin_revoked, bad_signature,
// signer_mismatch, review_twice, review_mismatch, review_not_logged,
// review_missing.
Status CheckApprovalReviews(const AuditState& st, const Envelope& env, const Approval& a,
                            bool logged);

Result<Rejection> CheckRejection(const AuditState& st, const Envelope& env);
// Returns the change set the rejection decided (no longer pending).
ChangeSet ApplyRejection(AuditState& st, const Rejection& r);

}  // namespace gongkai
