// Pulling the approved catalog from the hub (docs/station-sync.md § Pull):
// GET /v1/catalog?since=V&form=bin&enrollments=1[&have_log=N][&have_genesis=1]
// [&cosigned=1][&if_new=1] for the version V this station holds and the size N of the
// last checkpoint it accepted (have_genesis=1 when it keeps the hub's
// genesis entry, station/store/hub_genesis.h; cosigned=1 when county
// witnesses are required, station/store/witness_settings.h; if_new=1 when
// it holds both a checkpoint and the genesis: then "304 Not Modified" means
// nothing is new and the pull ends there, writing nothing; that request is
// sent in its short form GET /v1/poll/V/N[/c], and in the long one when the
// hub answers 404, as a hub before the short poll does). The answer is
// the binary form
// (docs/formats/catalog-answer.md), or JSON from an older hub. Then
//
//   0. the transparency log (station/log/checkpoint_check.h): the answer's
//      checkpoint must be signed by the pinned hub key and extend the last
//      checkpoint this station accepted (the consistency proof the answer
//      carries from N; without one, GET /v1/log/proof/consistency when it
//      is larger), and the genesis (unless kept: its leaf 0 cannot change
//      in a consistent log) and every entry must carry a
//      valid inclusion proof in it. A forked or rewound history or an
//      entry not in the log is recorded as a log alarm (its own
//      transaction; `status` shows it) and nothing else is written;
//   1. the genesis entry must name the hub key this station pinned
//      (--hub-key: same origin and public key) and be signed by it; it
//      names the first administrator;
//   2. the answer's roster entries are replayed with the auditor's rules
//      (core/audit/record_rules.h) and every approval and rejection must be
//      signed by an administrator active at its log index (and say so in
//      its body);
//   2b. every certificate announcement must be signed by the genesis's log
//      key under the log's origin (rules T); they are kept with the pull
//      (station/store/hub_certificates.h);
//   3. the versions must follow on from V without a gap; an answer older
//      than V is a rollback and is refused;
//   4. each approval is replayed with ReplayApproval over the catalog the
//      station holds (parent hash, included change sets — identified by
//      SHA-256 of their bodies — resolutions, resulting hash); in snapshot
//      mode the snapshot must hash to the signed result hash of the latest
//      approval;
//   5. the checkpoint's catalog line must name the version and hash the
//      answer brings;
//   6. only then, in ONE transaction (StationStore::ApplyPulled), the
//      checkpoint is recorded as accepted, the new catalog is stored, this
//      station's included change sets become approved and its rejected
//      ones rejected, with the reason; the genesis is kept the first time.
// Any failure leaves the store exactly as it was.
//
// Reasons: checkpoint_forked, checkpoint_rewound, entry_not_in_log (alarms),
// checkpoint_catalog_mismatch, the checkpoint parse/signature reasons,
// hub_key_not_configured, hub_key_mismatch, bad_signature,
// unknown_admin, admin_revoked, signer_mismatch, the roster and policy reasons, the
// review reasons of rule A8 (review_missing, review_mismatch, review_twice, bad_review),
// catalog_rollback, catalog_fork,
// version_gap, missing_changeset, snapshot_mismatch, hash_mismatch and the
// replay reasons (parent_mismatch, resolution_mismatch, …),
// bad_hub_answer, the hub's error code for a non-200 answer.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/status.h"
#include "core/crypto/verifier_key.h"
#include "station/store/station_store.h"
#include "station/sync/catalog_answer.h"
#include "station/sync/hub_transport.h"

namespace gongkai::station {

struct VerifiedPull {
  std::string mode;
  std::optional<ApprovedUpdate> update;  // none when the version did not move
  std::vector<Receipt> rejections;       // of this station's change sets
  size_t approvals = 0;
  // Certificate announcements, each signed by the log key of the genesis
  // (rules T, docs/formats/log-entry.md): kept with the pull.
  std::vector<HubCertificate> certificates;
};

// Pure: checks `answer` against what the station holds.
Result<VerifiedPull> VerifyCatalogAnswer(const CatalogAnswer& answer, const ApprovedSnapshot& held,
                                         const VerifierKey& hub_key, const std::string& station_id);

struct PullReport {
  uint64_t from_version = 0;
  uint64_t to_version = 0;
  Hash32 hash{};
  std::string mode;
  size_t approvals = 0;
  size_t rejected_mine = 0;
  size_t receipts = 0;               // recorded through ApplyOptions::receipts
  size_t certificates = 0;           // certificate announcements in the answer
  bool consistency_fetched = false;  // the proof needed a second request
  bool changed = false;              // anything was written
};

// GETs one path of the hub (e.g. "/v1/catalog?since=3").
using GetFn = std::function<Result<HttpsResponse>(const std::string& target)>;

// True for a short poll that asks catalog answer format 3 ("/a/3" at its
// end): its GET needs no Accept-Encoding, a hub that writes format 3
// deflates a large answer unasked (docs/decisions/0034-lean-answer.md). The
// long form, asked after a hub refused the short poll (an older hub), keeps
// the header.
bool ImpliesDeflate(std::string_view target);

// `answered`: a poll (NextPollRest) the hub has just said is nothing new,
// in its answer to the push of this round (docs/decisions/0032-the-push-
// answers-the-poll.md). When it is still the poll this pull would send, the
// pull ends as after a 304, without a request.
Result<PullReport> PullCatalog(StationStore& store, const GetFn& get, int64_t now,
                               const std::optional<std::string>& answered = std::nullopt);

// The poll PullCatalog would send next, as the rest of a short poll after
// /v1/poll/ (V/N[/c]/r/HEX: without the "/o/STATION" and "/a/N" it sends,
// which do not change whether the answer is a 304 — decision 0033), when
// the station holds a verified checkpoint and the genesis (only then can
// it be told "nothing new"); none otherwise.
Result<std::optional<std::string>> NextPollRest(StationStore& store);

// The verification and application half of PullCatalog, for an answer
// that came some other way (a catalog USB bundle, station/bundle/).
struct ApplyOptions {
  // Offline (a bundle): the answer may be for an older version than the one
  // held — approvals the station holds are checked (signature, and the
  // result hash of its own version: catalog_fork) and skipped; a checkpoint
  // smaller than the last accepted one means an old bundle (FailedPrecondition
  // "bundle_stale", no alarm). `get` is still asked for a missing
  // consistency proof; a bundle answers it with an error.
  bool offline = false;
  // Receipts to record in the same transaction, made once the checkpoint
  // is verified (e.g. checked by inclusion proofs against it).
  std::function<Result<std::vector<Receipt>>(const Checkpoint&)> receipts;
};
Result<PullReport> ApplyCatalogAnswer(StationStore& store, CatalogAnswer answer, const GetFn& get,
                                      int64_t now, const ApplyOptions& opts = {});

}  // namespace gongkai::station
