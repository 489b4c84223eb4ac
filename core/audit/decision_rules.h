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

Result<Rejection> CheckRejection(const AuditState& st, const Envelope& env);
// Returns the change set the rejection decided (no longer pending).
ChangeSet ApplyRejection(AuditState& st, const Rejection& r);

}  // namespace gongkai
