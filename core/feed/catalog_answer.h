// The answer to GET /v1/catalog?since=V (docs/http-api.md § Catalog) as a
// value: the hub builds it (hub/review/catalog_feed.h), the station decodes
// and verifies it (station/sync/pull_catalog.h), and a catalog USB bundle
// carries it (core/bundle/catalog_bundle.h). Nothing in it is trusted until
// pull_catalog.h has checked the checkpoint signature, the proofs and the
// administrator signatures.
//
// Two encodings of the same value:
//   JSON (the default, for curl and people; hub/review/catalog_feed.h and
//        station/sync/catalog_answer.h), and
//   binary (`form=bin`), below, byte by byte in docs/formats/catalog-answer.md:
//
//   answer := archive{                         ; docs/formats/wire.md
//     u8      format = 1
//     string  origin                           ; ≤ 1024 bytes
//     u64     since, version
//     fixed32 hash                             ; catalog hash of `version`
//     u8      mode                             ; 0 current, 1 decisions, 2 snapshot
//     u8      has_genesis   [entry genesis]    ; left out when the station holds it
//     u64     n             entry[n]           ; log order, strictly increasing index
//     u8      has_snapshot  [u64 version, fixed32 hash, u64 rows, string catalog]
//     u8      has_checkpoint [string note]     ; the C2SP signed checkpoint
//     u8      has_consistency [u64 from, u8 k, fixed32 proof[k]]
//   }
//   entry := u64 index, u8 kind (EnvelopeKind: 1 genesis, 2 enrollment, 4 changeset,
//            5 approval, 6 rejection, 7 roster, 8 policy, 10 certificate; or
//            0x84, the asking station's own change set by reference),
//            string bytes (the exact log entry; for 0x84 the change set's
//            seq, u64), u8 has_inclusion [u8 k, fixed32 proof[k]]   ; k ≤ 64
//
// The consistency proof is RFC 9162 PROOF(from, D[checkpoint size]): the
// station asked with `have_log=from` (the size of the last checkpoint it
// accepted) and needs no second request.
//
// Format 2 (asked with `answer=2`; docs/decisions/0033-compact-range-and-
// checkpoint.md) is format 1 with two fields that may take a smaller form:
//     u8 checkpoint  0 none | 1 string note
//                    | 2 u64 size, fixed32 root, u8 s, (string name, string sig)[s]
//                      ; the note rebuilt from the answer's origin, version and
//                      ; hash (name "" = the origin; sig = key id ‖ signature)
//     u8 proof       0 none | 1 u64 from, u8 k, fixed32 proof[k]
//                    | 2 u64 from, u8 k, fixed32 frontier[k], u64 m, fixed32 leaf[m]
//                      ; a compact range (core/log/compact_range.h): entries from
//                      ; `from` on carry no inclusion proof
// The encoder uses the compact checkpoint only when the rebuilt note is
// byte for byte the note; the decoder gives back the note either way.
//
// Format 3 (asked with `answer=3` by a station that keeps the frontier of
// the tree it verified; docs/decisions/0034-lean-answer.md) is format 2
// with compact integers (every u64 and length a LEB128 varint, wire.md),
// without the origin (the reader names it: the origin of the checkpoint it
// verified) and with a range without its frontier:
//     u8 proof 2 := varint from, varint m, fixed32 leaf[m]
// The reader puts its own frontier of `from` leaves in range->frontier.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/base/bytes.h"
#include "core/base/status.h"
#include "core/log/compact_range.h"

namespace gongkai {

inline constexpr uint8_t kCatalogAnswerFormat = 1;
inline constexpr uint8_t kCatalogAnswerCompactFormat = 2;
inline constexpr uint8_t kCatalogAnswerLeanFormat = 3;
inline constexpr uint8_t kCatalogAnswerNewestFormat = kCatalogAnswerLeanFormat;
inline constexpr size_t kMaxFeedEntries = 1'000'000;
inline constexpr size_t kMaxProofHashes = 64;
inline constexpr size_t kMaxSnapshotBytes = size_t{256} << 20;

// The asking station's own change set by reference (`own=STATION`,
// docs/decisions/0031-nothing-new-for-you.md): the entry's bytes are its
// seq (u64, little-endian) instead of the envelope, which the station
// holds in its outbox and puts back before checking anything
// (station/sync/pull_catalog.h). Kind byte 0x84: kind 4 with the
// "by reference" bit.
inline constexpr const char* kOwnChangeSetKind = "own_changeset";
inline constexpr uint8_t kOwnChangeSetKindByte = 0x84;
Bytes OwnChangeSetRef(uint64_t seq);
// The seq of a kOwnChangeSetKind entry's bytes; nullopt unless exactly 8 bytes.
std::optional<uint64_t> ParseOwnChangeSetRef(const Bytes& bytes);

struct FeedEntry {
  uint64_t index = 0;
  std::string kind;                              // "changeset", "approval", "rejection", "genesis"
  Bytes entry;                                   // exact log bytes (an encoded envelope)
  std::optional<std::vector<Hash32>> inclusion;  // proof in the checkpoint's tree
  // Set by the station alone, never encoded nor decoded: `entry` is this
  // station's envelope from its outbox, put in place of a kOwnChangeSetKind
  // reference (station/sync/pull_catalog.cc). An own_changeset entry
  // without it came from the hub and is refused.
  bool from_outbox = false;
};

struct FeedSnapshot {
  uint64_t version = 0;
  Hash32 hash{};
  uint64_t rows = 0;  // informational
  Bytes catalog;      // docs/formats/catalog-snapshot.md
};

struct FeedConsistency {
  uint64_t from = 0;  // the tree size the proof starts from
  std::vector<Hash32> proof;
};

struct CatalogAnswer {
  // The binary form's format: 1, or 2 for a station that asked answer=2
  // (the checkpoint compacted when it can be, a range allowed), or 3
  // (format 2 lean: compact integers, no origin, a range without frontier).
  uint8_t format = kCatalogAnswerFormat;
  uint64_t since = 0;
  uint64_t version = 0;
  Hash32 hash{};
  std::string mode;  // current | decisions | snapshot
  std::string origin;
  std::optional<FeedEntry> genesis;  // absent when the station said it holds it
  std::vector<FeedEntry> entries;
  std::optional<FeedSnapshot> snapshot;
  std::optional<std::string> checkpoint;  // the signed note
  std::optional<FeedConsistency> consistency;
  // Format 2 and 3 only, instead of `consistency`: a compact range from
  // the station's verified size; entries from range->from on then carry no
  // inclusion proof. Format 3 neither writes nor reads its frontier.
  std::optional<RangeProof> range;
};

Bytes EncodeCatalogAnswer(const CatalogAnswer& a);

// The binary answer around its snapshot's catalog bytes, for an answer
// sent in pieces (a cached catalog shared by many answers,
// hub/review/snapshot_cache.h): head ‖ catalog ‖ tail is
// EncodeCatalogAnswer(a) when a.snapshot->catalog is those catalog_size
// bytes. `a.snapshot` must be present; its catalog field is not read.
struct CatalogAnswerFrame {
  Bytes head;  // up to and with the catalog's u64 length
  Bytes tail;  // checkpoint and consistency
};
CatalogAnswerFrame EncodeCatalogAnswerFrame(const CatalogAnswer& a, uint64_t catalog_size);
// Reasons: unsupported_format, bad_mode, bad_kind (also a by-reference
// entry whose bytes are not 8), entries_out_of_order, bad_checkpoint (a
// compact checkpoint that does not make a checkpoint note), bad_proof (a
// proof form byte other than 0-2, or a range in format 1),
// too_many and the framing reasons of wire.md (truncated, malformed,
// trailing_bytes, too_long). All kDataLoss or kInvalidArgument: the caller
// (the station) reports them as bad_hub_answer or bundle_corrupt.
// `origin` is the origin of a format-3 answer (which leaves it out); a
// format-3 answer without one is unsupported_format.
Result<CatalogAnswer> DecodeCatalogAnswer(const Bytes& bytes, std::string_view origin = {});

}  // namespace gongkai
