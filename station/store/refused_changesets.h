// Change sets the hub refused at ingest, the rows held for the clerk, and
// the re-sealing that keeps a station from ever wedging
// (docs/station-sync.md § "When the town's server refuses";
// docs/formats/station-store.md § refused_changesets, held_rows).
//
// The hub accepts a station's change sets only as an unbroken chain
// (seq = last accepted + 1, prev = its id). A change set refused for
// particular edits (core/changeset/refusal.h, scope kEdits) is never logged,
// so it and every change set sealed after it must leave the outbox, or the
// chain stops there for good. ReturnRefusedChangeSet does that, in the
// caller's transaction:
//
//   1. the refused entry (seq k) and every later one (all sealed/sent: the
//      hub cannot have accepted what follows a refused one) are copied into
//      refused_changesets (role 'refused' for k, 'withdrawn' for the later
//      ones) and removed from the outbox; their journal edits become pending;
//   2. the rows the refusal is about are held (held_rows, with the hub's
//      code and reason): the rows of the ops the hub named, or every row of
//      the change set when it named none;
//   3. each withdrawn change set, in order, is re-sealed onto the outbox tip
//      (new seq, new prev, new signature; same note, created_at and
//      base_version) without its ops on held rows; its other edits are
//      sealed again with the new seq. A change set left without ops is not
//      re-sealed. Edits of held rows stay pending.
//
// Held rows are left out of Seal until the clerk acts on the row again
// (any add/edit/retire/import that touches it releases it: ReleaseHeldRows)
// or discards its pending edits (`gongkai-station discard`). The journal
// keeps every edit, and refused_changesets keeps the refused bytes, so
// nothing the clerk did is lost and nothing is applied twice: the withdrawn
// change sets never reached the hub's log.
//
// The state machine of one change set:
//
//   sealed ─send─▶ sent ─receipt accepted─▶ accepted ─approval─▶ approved
//     │              │                          └──town rejects─▶ rejected
//     │              ├─refused, scope kEdits──▶ (refused_changesets 'refused';
//     │              │                            its edits pending, rows held)
//     │              └─refused, kStation/kChain─▶ unchanged (whole request refused)
//     └── an earlier one refused for its edits ──▶ (refused_changesets
//          'withdrawn') ─re-seal─▶ a new sealed entry at the next seq
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/base/bytes.h"
#include "core/base/status.h"
#include "core/changeset/changeset.h"
#include "core/crypto/ed25519.h"
#include "core/store/sqlite.h"
#include "station/store/outbox.h"

namespace gongkai::station {

extern const char* const kRefusedChangeSetsMigration;

// What the hub said about the refused change set.
struct Refusal {
  uint64_t seq = 0;
  Hash32 changeset_id{};
  std::string code;
  std::string reason;
  std::vector<size_t> ops;  // the ops the hub named, from 0 (none: all of them)
};

struct ReturnedChangeSets {
  uint64_t refused_seq = 0;
  std::vector<std::string> held_rows;  // rows held by this refusal
  size_t returned_edits = 0;           // journal edits now pending again
  size_t withdrawn = 0;                // later change sets taken out
  std::vector<uint64_t> resealed;      // new seqs, in order
  size_t refused_postings = 0;         // posting records of the refused one (not resent)
};

// Steps 1–3 above, inside the caller's transaction. `station` and `key` are
// this station's id and key. DataLoss "receipt_mismatch" when the outbox
// holds no undecided entry k with that id (nothing written: the caller rolls
// back); an entry already accepted or decided is left alone (returns with
// refused_seq 0).
Result<ReturnedChangeSets> ReturnRefusedChangeSet(Database& db, const std::string& station,
                                                  const PrivateKey& key, const Refusal& refusal,
                                                  int64_t now);

struct HeldRow {
  std::string row_id;
  std::string code, reason;
  uint64_t refused_seq = 0;
  int64_t held_at = 0;
};

Result<std::vector<HeldRow>> LoadHeldRows(Database& db);
Result<std::set<std::string>> HeldRowIds(Database& db);
// The clerk acted on these rows: they are no longer held.
Status ReleaseHeldRows(Database& db, const std::set<std::string>& rows);

struct RefusedChangeSet {
  int64_t refusal_id = 0;
  uint64_t seq = 0;
  Hash32 changeset_id{};
  std::string note;
  std::string role;  // refused | withdrawn
  std::string code, reason;
  int64_t at = 0;
  std::optional<uint64_t> resealed_as;
};
// cs (its seq and prev set) encoded, signed with `key` as cs.station, as a
// sealed outbox entry with this note and created_at, state_at = now: what
// re-sealing and RecordPosting insert.
OutboxEntry SealedOutboxEntry(const ChangeSet& cs, const PrivateKey& key, std::string note,
                              int64_t created_at, int64_t now);

// Every refused or withdrawn change set, oldest first (for history).
Result<std::vector<RefusedChangeSet>> LoadRefusedChangeSets(Database& db);

// The last time the hub refused this station's upload as a whole (scope
// kStation or kChain), kept for status and the clerk's page; cleared by the
// next accepted receipt.
struct StationRefusal {
  std::string code, message;
  int64_t at = 0;
};
Status RecordStationRefusal(Database& db, const StationRefusal& r);
Status ClearStationRefusal(Database& db);
Result<std::optional<StationRefusal>> LoadStationRefusal(Database& db);

// True until the hub has accepted one of this station's change sets signed
// with `current` (its key now: after a rekey, the ones accepted under the
// old key do not count), and again while its last refusal was about
// enrolment: then the station introduces itself (its verifier key and unit)
// with its uploads and in its USB bundles.
Result<bool> NeedsIntroduction(Database& db, const PublicKey& current);

}  // namespace gongkai::station
