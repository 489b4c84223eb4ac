// The payload of a changesets bundle (kind 1, bundle_file.h): what
// `gongkai-station bundle export` carries to the hub. Grammar of
// docs/formats/wire.md, byte by byte in docs/formats/bundle.md:
//
//   changesets := archive{
//     u8      format           ; 1, or 2 when the station introduces itself
//     string  hub              ; origin of the pinned hub key, "" if none (≤ 1024)
//     string  station          ; the station id (≤ 64)
//     [format 2 only:]
//     string  station_key      ; its verifier key (keys.md), as the
//                              ; Gongkai-Station-Key header (≤ 1024)
//     string  unit             ; its unit, as Gongkai-Station-Unit but not
//                              ; percent-encoded (≤ 1024)
//     u64     catalog_version  ; the approved version the station holds
//     u64     log_size         ; size of the last checkpoint it accepted, 0 if none
//     u64     n                ; ≤ 100,000
//     string  envelope[n]      ; exact signed change set envelopes, seq order
//   }
//
// A station writes format 2 until the hub has accepted one of its change
// sets (StationStore::NeedsIntroduction), so that the administrator can
// enrol it from the refused attempt; format 1 otherwise, which hubs that
// predate the introduction still read. The hub believes the key only if it
// verifies the envelopes (hub/ingest/upload.h OfferStation).
//
// Only the envelopes are signed; the other fields only tell the hub what
// to put in the return bundle (which proofs) — a lie there makes the
// return bundle useless to the station, never wrong.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/base/bytes.h"
#include "core/base/status.h"

namespace gongkai {

inline constexpr uint8_t kChangeSetBundleFormat = 1;
inline constexpr uint8_t kChangeSetBundleFormatIntroduced = 2;
inline constexpr size_t kMaxBundleChangeSets = 100'000;

struct ChangeSetBundle {
  std::string hub;
  std::string station;
  // Both empty: format 1. Otherwise format 2 (both written, either may be
  // empty on reading).
  std::string station_key;
  std::string unit;
  uint64_t catalog_version = 0;
  uint64_t log_size = 0;
  std::vector<Bytes> envelopes;
};

Bytes EncodeChangeSetBundle(const ChangeSetBundle& b);
// Reasons: unsupported_format, too_many, the framing reasons of wire.md.
Result<ChangeSetBundle> DecodeChangeSetBundle(const Bytes& payload);

}  // namespace gongkai
