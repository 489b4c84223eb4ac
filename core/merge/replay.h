// Replaying an approval: how the hub builds a new version and how stations
// and auditors check one, with the same code (docs/merge.md).
#pragma once

#include <span>

#include "core/base/status.h"
#include "core/catalog/catalog.h"
#include "core/merge/merge.h"
#include "core/record/decision.h"

namespace gongkai {

// Checks and applies `approval` to `parent` (the catalog of version
// approval.version − 1). `included` must hold the change sets listed in the
// approval, in that order. Reasons (all DataLoss unless noted):
//   parent_mismatch      parent.Hash() != approval.parent_hash
//   changeset_mismatch   included ids differ from approval.changesets
//   unresolved_conflict  a conflict without a resolution (FailedPrecondition)
//   resolution_mismatch  the resolutions used differ from those recorded
//   hash_mismatch        the result does not hash to approval.result_hash
Result<Catalog> ReplayApproval(const Catalog& parent, const Approval& approval,
                               std::span<const IdentifiedChangeSet> included);

}  // namespace gongkai
