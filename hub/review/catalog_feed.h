// The body of GET /v1/catalog?since=V (docs/http-api.md § Catalog): what a
// station holding approved version V needs to reach the latest version.
//
//   {"format":1, "origin", "since":V, "version":L, "hash":hex(L),
//    "mode": "current" | "decisions" | "snapshot",
//    "genesis": {"index":0, "entry":base64},
//    "entries": [{"index", "kind", "entry":base64}...],      // log order
//    "snapshot": {"version", "hash", "rows", "catalog":base64}  // mode snapshot
//   }
//
// entries holds the approval entries of versions V+1..L, the rejection
// entries logged after version V's approval, every roster entry and every
// policy entry (so the station checks each decision against the roster and
// the approval policy at its index); in mode "decisions" also the
// change set entries those approvals include, so the station replays every
// approval itself. When V is 0, more than max_replay_versions behind, or
// the change sets would weigh more than the snapshot, the mode is
// "snapshot": the catalog of version L (docs/formats/catalog-snapshot.md),
// whose SHA-256 the station checks against the signed approval of L.
// Entries are the exact log bytes.
//
// With the log key, the answer also carries
//   "checkpoint": the signed checkpoint note (docs/formats/checkpoint.md)
//                 of the log as of this same snapshot, and
//   "inclusion":  in the genesis and in every entry, the RFC 9162 inclusion
//                 proof (base64 hashes, deepest first) of that entry's index
//                 in the checkpoint's tree,
// so the station checks the log before it applies anything.
//
// What the station already has (query parameters, docs/http-api.md):
//   have_log=N      the size of the last checkpoint it accepted: the answer
//                   then carries "consistency": {"from": N, "proof": [...]},
//                   RFC 9162 PROOF(N, checkpoint size), when 0 < N < size;
//   have_genesis=1  it holds the genesis entry: "genesis" is left out;
//   enrollments=1   in mode "decisions", also the enrolment entries of the
//                   stations whose change sets are included (each one logged
//                   before that station's last included change set), so the
//                   station checks every change set's signature against the
//                   key the log enrolled (docs/station-sync.md § Pull);
//   form=bin        the binary form (docs/formats/catalog-answer.md,
//                   Content-Type application/vnd.gongkai.catalog-answer)
//                   instead of JSON.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/status.h"
#include "core/crypto/ed25519.h"
#include "core/feed/api_paths.h"
#include "core/feed/catalog_answer.h"
#include "hub/review/snapshot_cache.h"
#include "hub/store/hub_db.h"

namespace gongkai::hub {

inline constexpr const char* kCatalogAnswerMediaType = "application/vnd.gongkai.catalog-answer";

struct FeedRequest {
  uint64_t since = 0;
  std::optional<uint64_t> have_log;
  bool have_genesis = false;
  bool enrollments = false;
  bool binary = false;
  // The checkpoint note carries the county witnesses' cosignature lines of
  // its size (hub/store/witness_table.h) after the hub's signature. Only
  // when asked: a station that pins notes byte for byte and predates
  // witnesses never sees a note change under it.
  bool cosigned = false;
  // if_new=1: when there is nothing for the station to verify (since is
  // the latest version, it keeps the genesis, and the log has have_log
  // entries or gained only change sets since), the answer is "304 Not Modified" with no body
  // (NothingNew; docs/formats/catalog-answer.md § Nothing new). Only a
  // station that asks gets a 304: older ones would read it as a refusal.
  bool if_new = false;
  // own=STATION (binary form only): in mode "decisions" that station's
  // change sets come by reference (kind 0x84, their seq; core/feed/
  // catalog_answer.h) and its enrolments not at all — the station holds
  // the envelopes in its outbox (docs/decisions/0031-nothing-new-for-you.md).
  std::optional<std::string> own;
  // have_root=HEX (8 to 64 lower-case hex digits): the start of the root
  // of the station's verified tree of have_log leaves. With if_new, a hub
  // whose own root at that size does not start so answers in full (the
  // station then sees the fork) instead of 304.
  std::optional<std::string> have_root;
  // answer=2 (binary form only): catalog answer format 2 — the checkpoint
  // in its compact form and, when it is smaller than the proofs, a compact
  // range instead of the consistency proof and the inclusion proofs of
  // entries from have_log on (docs/decisions/0033-compact-range-and-checkpoint.md);
  // answer=3: format 3 — format 2 with compact integers, without the
  // origin and without the range's frontier, which the station keeps
  // (docs/decisions/0034-lean-answer.md). A larger N gets the newest.
  uint8_t answer_format = kCatalogAnswerFormat;
};

// since, have_log (decimal, ≤ 19 digits), have_genesis, enrollments,
// cosigned and if_new (0 or 1), form (json or bin), own (a station id),
// have_root (8 to 64 lower-case hex digits) and answer (a positive
// decimal: that format, or the newest this hub writes below it); other
// parameters are ignored.
// InvalidArgument "bad_query".
Result<FeedRequest> ParseFeedQuery(std::string_view query);

// form=json (the default) or form=bin: true for bin, anything else
// InvalidArgument "bad_query". The catalog feed's and POST /v1/changesets'
// one reading of form. Pure.
Result<bool> ParseBinaryForm(std::string_view query);

// The short form of the poll a station that has verified everything sends
// (docs/http-api.md § The short poll): GET /v1/poll/V/N[/c][/o/STATION][/r/HEX][/a/2]
// is GET /v1/catalog?since=V&form=bin&enrollments=1&have_log=N&have_genesis=1
// &if_new=1, with &cosigned=1 for the "/c", &own=STATION for the
// "/o/STATION" (a valid station id), &have_root=HEX for the "/r/HEX"
// (8 to 64 lower-case hex digits) and &answer=N for the "/a/N" (1 is the
// default). `rest` is the path after
// api_path::kPollPrefix. V and N decimal (≤ 19 digits); anything else is
// InvalidArgument "bad_query". Pure.
Result<FeedRequest> ParsePollPath(std::string_view rest);

// if_new=1, have_genesis=1 and have_log=N asked, `since` is the latest
// approved version and the log holds N entries, or more whose every entry
// from index N on is a change set (which reaches a station only with the
// approval that includes it): the answer would bring the station nothing
// but a larger checkpoint. Never for a log smaller than N, nor when the
// hub's root at N does not start with have_root. One read transaction.
Result<bool> NothingNew(HubDb& db, const FeedRequest& request);

struct FeedOptions {
  uint64_t max_replay_versions = 50;
  // Send a snapshot instead when the change sets weigh more (tests turn
  // this off to exercise the replay path with small catalogs).
  bool snapshot_when_smaller = true;
  // The server's cache of the latest snapshot, deflated once and shared
  // (hub/review/snapshot_cache.h); none: one is built for this answer.
  SnapshotCache* snapshot_cache = nullptr;
};

// "since=V" (decimal, ≤ 19 digits; absent: 0); other parameters are
// ignored. InvalidArgument "bad_query".
Result<uint64_t> ParseSinceQuery(std::string_view query);

// Runs in one read transaction of its own. `log_key` (the hub's log key,
// meta.log_key's private half) adds the checkpoint and inclusion proofs;
// without it (tests of the feed alone) they are left out.
// The answer as a value (what the JSON and the binary form both encode).
// Runs in one read transaction of its own; the log key as below.
Result<CatalogAnswer> BuildCatalogAnswer(HubDb& db, const FeedRequest& request,
                                         const FeedOptions& opts = {},
                                         const PrivateKey* log_key = nullptr);
std::string CatalogAnswerJson(const CatalogAnswer& answer);

struct FeedBody {
  std::string content_type;
  std::string body;
  // Instead of `body`: the parts of one zlib stream (Content-Encoding:
  // deflate) to be written in order; the middle one is the cached
  // snapshot, shared with every other answer that sends it
  // (docs/decisions/0016-cached-snapshot-answer.md).
  std::vector<std::shared_ptr<const std::string>> deflated_parts;
};
// The body for `request`: JSON or binary. A binary snapshot answer to a
// client that accepts deflate comes as deflated_parts; every other answer
// as one body (the server compresses it as any other).
Result<FeedBody> CatalogFeedBody(HubDb& db, const FeedRequest& request,
                                 const FeedOptions& opts = {}, const PrivateKey* log_key = nullptr,
                                 bool accepts_deflate = false);

// BuildCatalogAnswer({since, enrollments=1}) as JSON: what a station asks for.
Result<std::string> CatalogFeedJson(HubDb& db, uint64_t since, const FeedOptions& opts = {},
                                    const PrivateKey* log_key = nullptr);

}  // namespace gongkai::hub
