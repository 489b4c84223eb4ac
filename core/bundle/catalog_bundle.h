// The payload of a catalog bundle (kind 2, bundle_file.h): what
// `gongkai-hub bundle export` carries back to a station. Grammar of
// docs/formats/wire.md, byte by byte in docs/formats/bundle.md:
//
//   catalog := archive{
//     u8      format           ; 1, or 2 when it carries refusals
//     string  station          ; "" when not made for one station (≤ 64)
//     u64     n                ; ≤ 100,000
//     receipt[n]               ; that station's accepted change sets, seq order
//     [format 2 only:]
//     u64     m                ; ≤ 1,000
//     refusal[m]               ; that station's change sets the hub refused
//                              ; since its last accepted one
//     string  answer           ; the binary catalog answer
//                              ; (docs/formats/catalog-answer.md), with the
//                              ; consistency proof from the station's last
//                              ; known log size
//   }
//   receipt := u64 seq, fixed32 id, u64 log_index,
//              u8 k, fixed32 inclusion[k]   ; RFC 9162 proof of log_index in
//                                           ; the answer's checkpoint, k ≤ 64
//   refusal := fixed32 id,                  ; ChangeSetId of the refused envelope
//              u64 seq,                     ; as the hub read it, 0 if undecodable
//              string code (≤ 64), string message (≤ 4,096),
//              u64 k, u64 op[k]             ; the ops it is about, k ≤ 1,000
//
// A bundle without refusals is written as format 1, so stations that predate
// refusals keep reading ordinary bundles.
//
// The station checks each receipt against the exact envelope bytes its own
// outbox holds for that seq: LeafHash(envelope) must be leaf log_index of
// the signed checkpoint. So an unsigned file cannot mark a change set as
// received that the hub did not log.
// Refusals are not proven by anything: they are the hub's word, as its
// receipts over HTTPS are. Believing a false one costs nothing but work: the
// named change set's edits come back to the clerk, unsealed, and are sent
// again (station/bundle/catalog_import.h).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/base/bytes.h"
#include "core/base/status.h"

namespace gongkai {

inline constexpr uint8_t kCatalogBundleFormat = 1;
inline constexpr uint8_t kCatalogBundleFormatRefusals = 2;
inline constexpr size_t kMaxBundleRefusals = 1000;
inline constexpr size_t kMaxBundleRefusalOps = 1000;

struct BundleReceipt {
  uint64_t seq = 0;
  Hash32 id{};
  uint64_t log_index = 0;
  std::vector<Hash32> inclusion;
};

struct BundleRefusal {
  Hash32 id{};
  uint64_t seq = 0;
  std::string code;
  std::string message;
  std::vector<uint64_t> ops;
};

struct CatalogBundle {
  std::string station;
  std::vector<BundleReceipt> receipts;
  std::vector<BundleRefusal> refusals;
  Bytes answer;  // EncodeCatalogAnswer (core/feed/catalog_answer.h)
};

Bytes EncodeCatalogBundle(const CatalogBundle& b);
// Reasons: unsupported_format, too_many, the framing reasons of wire.md.
// The answer is decoded separately (DecodeCatalogAnswer).
Result<CatalogBundle> DecodeCatalogBundle(const Bytes& payload);

}  // namespace gongkai
