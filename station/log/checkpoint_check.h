// The station's check of a hub checkpoint (pure: no I/O). On every sync the
// station fetches the hub's latest signed checkpoint and a consistency
// proof from the newest checkpoint it accepted before, and, for each
// decision it applies, that entry's inclusion proof (docs/station-sync.md).
//
//   CheckNewCheckpoint(note, hub_key, last, proof)   (or a compact range)
//     1. the note is signed by the pinned hub key, origin = key name
//        (the reasons of OpenCheckpoint: bad_signature, no_known_signature,
//        origin_mismatch, parse reasons);
//     2. with a last accepted checkpoint L:
//          size < L.size                     → checkpoint_rewound
//          proof does not show L is a prefix → checkpoint_forked
//          same size, other catalog line     → checkpoint_forked
//          catalog version < L's             → checkpoint_rewound
//   CheckIncluded(entry, index, cp, proof)  → entry_not_in_log
//
// checkpoint_rewound and checkpoint_forked are kDataLoss: evidence against
// the hub, to be raised as an alarm — never retried silently.
#pragma once

#include <map>
#include <optional>
#include <span>
#include <string_view>

#include "core/base/bytes.h"
#include "core/base/status.h"
#include "core/crypto/verifier_key.h"
#include "core/log/checkpoint.h"
#include "core/log/compact_range.h"

namespace gongkai::reason {
// Reasons of the log alarms (checkpoint_check.cc).
inline constexpr std::string_view kCheckpointRewound = "checkpoint_rewound";
inline constexpr std::string_view kCheckpointForked = "checkpoint_forked";
inline constexpr std::string_view kEntryNotInLog = "entry_not_in_log";
}  // namespace gongkai::reason

namespace gongkai::station {

Result<Checkpoint> CheckNewCheckpoint(std::string_view note, const VerifierKey& hub_key,
                                      const std::optional<Checkpoint>& last,
                                      std::span<const Hash32> consistency_proof);
// The same with a compact range from last->size instead of the consistency
// proof (core/log/compact_range.h, VerifyRange): `held` maps the index of
// every entry the station holds from last->size on to its LeafHash, so the
// one check also proves each of them is in the new tree. One that does not
// verify is checkpoint_forked; the caller (station/sync/pull_catalog.cc)
// refuses a range of another size or shape as a bad answer first. When it
// verifies, *reached (if given) is the range of the new size: the station
// keeps its frontier for the next answer (catalog answer format 3).
Result<Checkpoint> CheckNewCheckpoint(std::string_view note, const VerifierKey& hub_key,
                                      const std::optional<Checkpoint>& last,
                                      const RangeProof& range,
                                      const std::map<uint64_t, Hash32>& held,
                                      CompactRange* reached = nullptr);

// The log entry `entry` (exact bytes) is leaf `index` of the tree of `cp`.
Status CheckIncluded(const Bytes& entry, uint64_t index, const Checkpoint& cp,
                     std::span<const Hash32> inclusion_proof);

// True for the reasons that mean the hub showed a forked or rewound history,
// or (with --witness-key) a checkpoint the county witnesses did not cosign:
// checkpoint_not_witnessed, bad_cosignature (core/log/witness_policy.h).
bool IsHistoryAlarm(const Status& s);

}  // namespace gongkai::station
