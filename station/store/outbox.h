// The outbox: this station's sealed change sets, kept as the exact signed
// envelope bytes (EncodeEnvelope of a kChangeSet envelope) so the sync
// client sends them verbatim, chained by seq (1, 2, 3… with no gap) and
// prev (the id of the previous change set). See
// docs/formats/station-store.md § outbox.
//
// States and the only transitions (anything else is refused or ignored):
//
//   sealed ──MarkSent──▶ sent ──receipt accepted/duplicate──▶ accepted
//     │                   │                                     │
//     └─receipt accepted──┴──────────▶ accepted                 ├─ApplyPulled─▶ approved
//     └─receipt rejected──┴─────────────────────▶ rejected ◀────┘ (receipt rejected)
//
// A receipt for an already decided change set (approved, rejected) changes
// nothing. These functions run inside the caller's transaction.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/bytes.h"
#include "core/base/status.h"
#include "core/store/sqlite.h"

namespace gongkai::station {

enum class OutboxState : uint8_t { kSealed, kSent, kAccepted, kApproved, kRejected };
// "sealed", "sent", "accepted", "approved", "rejected" (stored and in JSON).
const char* OutboxStateName(OutboxState s);
std::optional<OutboxState> OutboxStateFromName(std::string_view name);
// True while the town has not decided: sealed, sent, accepted.
inline bool IsUndecided(OutboxState s) {
  return s == OutboxState::kSealed || s == OutboxState::kSent || s == OutboxState::kAccepted;
}

struct OutboxEntry {
  uint64_t seq = 0;
  Hash32 changeset_id{};  // SHA-256 of the change set body
  Hash32 prev{};          // id of change set seq-1; zeros for seq 1
  Bytes envelope;         // exact signed envelope bytes to send
  uint64_t op_count = 0;
  std::string note;
  int64_t created_at = 0;
  OutboxState state = OutboxState::kSealed;
  int64_t state_at = 0;                      // when the state last changed (unix seconds)
  std::optional<uint64_t> log_index;         // hub log index once accepted
  std::string reject_code, reject_reason;    // once rejected
  std::optional<uint64_t> approved_version;  // once approved
};

// What the hub said about one change set (POST /v1/changesets or
// GET /v1/stations/{id}/receipts).
struct Receipt {
  enum class Kind { kAccepted, kDuplicate, kRejected };
  uint64_t seq = 0;
  Hash32 changeset_id{};  // must match the stored id of seq
  Kind kind = Kind::kAccepted;
  std::optional<uint64_t> log_index;
  std::string code;    // rejected: machine-readable code
  std::string reason;  // rejected: the reason shown to the clerk
};

struct OutboxTip {
  uint64_t seq = 0;  // 0 when the outbox is empty
  Hash32 id{};       // zeros when empty
};

Status InsertOutbox(Database& db, const OutboxEntry& e);
Result<OutboxTip> LoadOutboxTip(Database& db);
// All entries in seq order; with `only`, just the entries in those states.
Result<std::vector<OutboxEntry>> LoadOutbox(Database& db,
                                            const std::vector<OutboxState>& only = {});
// The entry of `seq`, if the outbox holds it.
Result<std::optional<OutboxEntry>> LoadOutboxEntry(Database& db, uint64_t seq);
// LoadOutbox, one entry at a time (an outbox may hold many megabytes).
Status ForEachOutboxEntry(Database& db, const std::vector<OutboxState>& only,
                          const std::function<Status(OutboxEntry)>& visit);
Status MarkOutboxSent(Database& db, uint64_t seq, int64_t now);
// The town's rejections the clerk has not dealt with yet, in seq order: a
// rejected change set is dealt with once every row it touched has a later
// edit in the journal (the clerk redid or reconsidered it).
Result<std::vector<uint64_t>> OpenRejectionSeqs(Database& db);
Status ApplyReceipt(Database& db, const Receipt& r, int64_t now);
// A change set and the catalog version whose approval included it.
struct ApprovedChangeSet {
  Hash32 id{};
  uint64_t version = 0;
};
// Marks the listed change sets (those that are this station's) approved, each
// with the version that approved it.
Status MarkOutboxApproved(Database& db, const std::vector<ApprovedChangeSet>& approved,
                          int64_t now);

}  // namespace gongkai::station
