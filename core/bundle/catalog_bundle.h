// The payload of a catalog bundle (kind 2, bundle_file.h): what
// `gongkai-hub bundle export` carries back to a station. Grammar of
// docs/formats/wire.md, byte by byte in docs/formats/bundle.md:
//
//   catalog := archive{
//     u8      format = 1
//     string  station          ; "" when not made for one station (≤ 64)
//     u64     n                ; ≤ 100,000
//     receipt[n]               ; that station's accepted change sets, seq order
//     string  answer           ; the binary catalog answer
//                              ; (docs/formats/catalog-answer.md), with the
//                              ; consistency proof from the station's last
//                              ; known log size
//   }
//   receipt := u64 seq, fixed32 id, u64 log_index,
//              u8 k, fixed32 inclusion[k]   ; RFC 9162 proof of log_index in
//                                           ; the answer's checkpoint, k ≤ 64
//
// The station checks each receipt against the exact envelope bytes its own
// outbox holds for that seq: LeafHash(envelope) must be leaf log_index of
// the signed checkpoint. So an unsigned file cannot mark a change set as
// received that the hub did not log.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/base/bytes.h"
#include "core/base/status.h"

namespace gongkai {

inline constexpr uint8_t kCatalogBundleFormat = 1;

struct BundleReceipt {
  uint64_t seq = 0;
  Hash32 id{};
  uint64_t log_index = 0;
  std::vector<Hash32> inclusion;
};

struct CatalogBundle {
  std::string station;
  std::vector<BundleReceipt> receipts;
  Bytes answer;  // EncodeCatalogAnswer (core/feed/catalog_answer.h)
};

Bytes EncodeCatalogBundle(const CatalogBundle& b);
// Reasons: unsupported_format, too_many, the framing reasons of wire.md.
// The answer is decoded separately (DecodeCatalogAnswer).
Result<CatalogBundle> DecodeCatalogBundle(const Bytes& payload);

}  // namespace gongkai
