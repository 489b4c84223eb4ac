// The approval policy (docs/hub.md § Two-person approval,
// docs/formats/records.md § Policy): how many different active
// administrators sign each version. `gongkai-hub admin policy --approvals N`
// logs a policy record (kind 8) signed by an active administrator, in one
// transaction. The policy in force is the latest policy entry of the log —
// the hub keeps no copy, so it can never disagree with what stations and
// auditors replay.
#pragma once

#include <cstdint>
#include <string>

#include "core/base/status.h"
#include "hub/admin/admin_signer.h"
#include "hub/store/hub_db.h"

namespace gongkai::hub {

struct PolicyInForce {
  uint8_t approvals = 1;   // 1 before any policy record
  uint64_t log_index = 0;  // the policy entry; 0: none
  std::string admin;       // who set it; "" if none
};

// "审批规则: …" — one line for pending, the web pending page and `admin policy`.
std::string PolicyText(uint8_t approvals, uint64_t log_index);

// The latest policy entry of the log (DataLoss db_corrupt if it does not decode).
Result<PolicyInForce> ReadApprovalPolicy(HubDb& db);

// Reasons: RequireActiveAdmin's, bad_approvals (not 1 or 2),
// too_few_admins (more than the active administrators), policy_unchanged
// (already in force: nothing written).
Result<PolicyInForce> SetApprovalPolicy(HubDb& db, const AdminSigner& signer, int approvals,
                                        int64_t now);

}  // namespace gongkai::hub
