// When the hub received a log entry, bounded by witness cosignatures
// (docs/audit.md § Postings received after their deadline). Log entries
// carry no time; a county witness's cosignature of a checkpoint carries one
// (core/log/cosignature.h), so for the entry at index i:
//
//   received no later than  the earliest time witnesses cosigned a
//                           checkpoint of size > i (it contains entry i);
//   received no earlier than the latest time witnesses cosigned a
//                           checkpoint of size <= i (the witness had not
//                           yet been shown entry i, and never cosigns a
//                           smaller checkpoint after a larger one).
//
// With a quorum of K witnesses a checkpoint bounds only with at least K
// cosignatures, and its time is the K-th earliest (upper bound: K
// witnesses saw the entry by then) or the K-th latest (lower bound: K
// witnesses had not seen it by then) of their timestamps.
//
// A deadline is a day in China Standard Time (core/deadline/date.h); a
// record is on time when the upper bound's day is on or before the
// deadline, late when the lower bound's day is after it, and undetermined
// otherwise — the bounds straddle the deadline or a side is unbounded.
// Never a guess. Pure: no I/O, no clock.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "core/deadline/date.h"

namespace gongkai {

// One checkpoint size with the timestamps (unix seconds) of its valid
// cosignatures by the witnesses the auditor trusts, one per witness.
struct WitnessedSize {
  uint64_t size = 0;
  std::vector<uint64_t> timestamps;
};

struct ReceiptBounds {
  std::optional<uint64_t> not_before;  // unix seconds; nullopt: unbounded
  std::optional<uint64_t> not_after;
  uint64_t not_before_size = 0;  // the checkpoint size giving each bound
  uint64_t not_after_size = 0;
};

// The bounds for the entry at `index`; quorum 0 counts as 1.
ReceiptBounds BoundReceipt(uint64_t index, std::span<const WitnessedSize> witnessed, size_t quorum);

enum class ReceiptVerdict { kOnTime, kLate, kUndetermined };

ReceiptVerdict JudgeReceipt(const ReceiptBounds& b, deadline::Date deadline);

// "on_time", "late", "undetermined".
const char* ReceiptVerdictName(ReceiptVerdict v);
// 按时收到, 逾期收到, 无法判定.
const char* ReceiptVerdictLabel(ReceiptVerdict v);

}  // namespace gongkai
