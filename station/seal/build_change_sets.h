// Sealing, the pure part: coalesced ops (coalesce.h) become one or more
// signed change sets chained after the outbox tip.
//
//  - ops keep their order and are cut into chunks of at most max_ops ops and
//    about max_body_bytes of encoded body, so no change set comes near the
//    hub's limits (kMaxOpsPerChangeSet ops, kMaxEnvelopeBody bytes);
//  - chunk i gets seq = tip.seq + i + 1 and prev = the id of the chunk
//    before it (or the tip's id); all share base_version, created_at and
//    the note, which gets " [i/n]" appended when there is more than one;
//  - each body is checked with ValidateChangeSet before it is signed;
//  - the envelope is EncodeEnvelope(SignEnvelope(kChangeSet, station,
//    body, key)): these exact bytes are stored and later sent.
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <string>
#include <vector>

#include "core/base/bytes.h"
#include "core/base/status.h"
#include "core/changeset/changeset.h"
#include "core/crypto/ed25519.h"
#include "station/edits/coalesce.h"

namespace gongkai::station {

struct SealLimits {
  size_t max_ops = 2000;
  size_t max_body_bytes = 4u << 20;
};

// The longest note a clerk may give (room is left for " [i/n]").
inline constexpr size_t kMaxSealNoteChars = kMaxNoteChars - 30;  // 970

struct SealHeader {
  std::string station;
  uint64_t after_seq = 0;  // the outbox tip (0 when empty)
  Hash32 after_id{};       // its id (zeros when empty)
  uint64_t base_version = 0;
  int64_t created_at = 0;
  std::string note;
};

struct SealedChangeSet {
  uint64_t seq = 0;
  Hash32 id{};
  Hash32 prev{};
  Bytes envelope;
  uint64_t op_count = 0;
  std::string note;
  std::vector<int64_t> edit_ids;  // journal entries carried by this change set
};

// Builds the change sets one at a time and hands each to `emit` (which
// stores it) before building the next, popping ops off `ops` as it goes, so
// sealing 10,000 rows never holds more than one change set's bytes.
// InvalidArgument for a bad note (ValidateText reasons) or no ops; the
// first error of emit stops it.
Status BuildChangeSets(std::deque<CoalescedOp> ops, const SealHeader& header, const PrivateKey& key,
                       const SealLimits& limits,
                       const std::function<Status(SealedChangeSet)>& emit);

// The same, collected (for tests and small batches).
Result<std::vector<SealedChangeSet>> BuildChangeSets(std::deque<CoalescedOp> ops,
                                                     const SealHeader& header,
                                                     const PrivateKey& key,
                                                     const SealLimits& limits = {});

}  // namespace gongkai::station
