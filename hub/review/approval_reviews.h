// Reviews: the first signatures of two-person approvals (docs/hub.md
// § Two-person approval, docs/decisions/0018-two-person-approval.md).
// Under policy 2, `approve` by an administrator whose proposal no other
// active administrator has signed yet logs a review record (kind 9)
// instead of a version; the approval by a second administrator of the
// same proposal carries that review. Reviews are read from the log (by
// kind), never from a table of their own, so the hub judges them exactly
// as stations and auditors do.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/base/bytes.h"
#include "core/base/status.h"
#include "core/record/decision.h"
#include "hub/review/proposed_head.h"
#include "hub/store/hub_db.h"

namespace gongkai::hub {

struct LoggedReview {
  uint64_t log_index = 0;
  Review review;
  Bytes entry;          // the exact log entry (an encoded envelope)
  bool counts = false;  // its signer is active, with the key that signed it
};

// Every review logged for version `version` over the catalog hashed
// `parent` (so none from before that parent was approved), in log order.
Result<std::vector<LoggedReview>> ReviewsForVersion(HubDb& db, uint64_t version,
                                                    const Hash32& parent);

// "已审查，等待第二位管理员" — how a review of the current proposal is shown.
inline constexpr const char* kWaitingLabel = "已审查，等待第二位管理员";

// A review of the next version as `pending` shows it: "waiting" (of the
// proposal as it stands: every undecided change set, merged now — a second
// administrator's `approve --all` completes it), "stale" (the proposal
// changed since: a change set arrived or left, a resolution changed) or
// "revoked" (its signer is no longer an active administrator).
enum class ReviewState : uint8_t { kWaiting, kStale, kRevoked };
// "waiting", "stale", "revoked" (`pending --json`).
const char* ReviewStateName(ReviewState s);

struct ReviewView {
  uint64_t log_index = 0;
  std::string admin;
  ReviewState state = ReviewState::kWaiting;
};
Result<std::vector<ReviewView>> ReviewsOfProposal(HubDb& db, const ProposedHead& head);

}  // namespace gongkai::hub
