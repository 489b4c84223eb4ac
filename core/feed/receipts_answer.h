// The compact answer to POST /v1/changesets?form=bin (docs/formats/
// http-changesets.md § Compact answer): what a station that asked gets when
// every change set of its request was accepted or was a duplicate. Any
// other answer (a rejection, a request refused whole) stays JSON; the
// station tells the two apart by the first byte (0x01 here, `{` for JSON).
//
//   receipts := archive{                 ; docs/formats/wire.md
//     u8  format = 1
//     u64 n          receipt[n]          ; one per change set, in request order
//   }
//             | archive{
//     u8  format = 2
//     u8  poll       ; 1: the poll the request named would be answered 304
//     u64 n          receipt[n]          ;   now; 0: ask it
//   }
//             | archive{
//     u8  format = 3                     ; the short push's answer (0033)
//     u8  poll       ; as in format 2; 0 when the push named no poll
//     u64 n          short_receipt[n]
//   }
//   receipt  := u8 status (1 accepted, 2 duplicate), u64 seq,
//               fixed32 id (SHA-256 of the change set body), u64 log_index
//   short_receipt := u8 status, u64 seq, u64 log_index
//                    ; no id: the station holds what it sent and checks the seq
//
// 49 bytes a receipt against some 150 of JSON, and the lean headers of the
// project's own media types (docs/decisions/0031-nothing-new-for-you.md).
// Format 2 answers a request that named the station's next poll
// (`&poll=V/N…`): the push then tells the station whether that poll can be
// skipped (docs/decisions/0032-the-push-answers-the-poll.md).
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "core/base/bytes.h"
#include "core/base/status.h"

namespace gongkai {

inline constexpr const char* kReceiptsMediaType = "application/vnd.gongkai.receipts";
inline constexpr uint8_t kReceiptsFormat = 1;
inline constexpr uint8_t kReceiptsWithPollFormat = 2;
inline constexpr uint8_t kShortReceiptsFormat = 3;

struct CompactReceipt {
  bool duplicate = false;  // else accepted
  uint64_t seq = 0;
  std::optional<Hash32> id;  // absent in format 3
  uint64_t log_index = 0;
};

struct CompactReceipts {
  std::vector<CompactReceipt> receipts;
  // Format 2 only: the hub's verdict on the poll the request named.
  std::optional<bool> nothing_new;
};

// Format 1 without a verdict, format 2 with one. Every receipt's id must
// be present.
Bytes EncodeCompactReceipts(const std::vector<CompactReceipt>& receipts,
                            std::optional<bool> nothing_new = std::nullopt);
// Format 3, the short push's answer: ids left out, the verdict always
// there (false when none was asked).
Bytes EncodeShortReceipts(const std::vector<CompactReceipt>& receipts, bool nothing_new);
// Reasons: unsupported_format, bad_verdict (a poll byte other than 0 or
// 1), bad_status (a status byte other than 1 or 2), too_many (n beyond what
// the bytes hold) and the framing reasons of wire.md. All DataLoss.
Result<CompactReceipts> DecodeCompactReceipts(const Bytes& bytes);

}  // namespace gongkai
