// Settling one conflict of the proposed head (docs/merge.md § Conflict
// ids and resolutions). The choice is stored (table resolutions) until an
// approval uses it — it is signed then, as part of the Approval. Choosing
// again replaces the earlier choice.
//
//   --value V   the field becomes V (a text field conflict only); V is
//               validated like any edit, set fields take 、-joined values
//   --take REF  one side: REF names the incoming change set (→ incoming)
//               or the change set that wrote the proposed value, or
//               "approved" when that is the approved catalog (→ keep)
//   --keep      keep the proposed value, skip the incoming op
#pragma once

#include <string>

#include "core/base/status.h"
#include "core/merge/merge.h"
#include "hub/store/hub_db.h"

namespace gongkai::hub {

enum class ResolveKind { kValue, kTake, kKeep };

struct ResolveRequest {
  std::string conflict_id;  // "c-xxxxxxxxxx" (the "c-" may be left out)
  ResolveKind kind = ResolveKind::kKeep;
  std::string text;  // kValue: the value; kTake: the side
  std::string admin;
  int64_t now = 0;
};

struct ResolveOutcome {
  Conflict conflict;
  Resolution resolution;
};

// Reasons: unknown_conflict (NotFound), bad_resolution (InvalidArgument: the
// choice does not fit the conflict, or the value does not validate — the
// message names the field and why), not_a_side (--take names neither side).
Result<ResolveOutcome> Resolve(HubDb& db, const ResolveRequest& req);

}  // namespace gongkai::hub
