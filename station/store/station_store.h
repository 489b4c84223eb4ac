// The station's local store: one data directory holding
//   station.db   SQLite (WAL, synchronous=FULL), schema in schema.cc,
//                layout in docs/formats/station-store.md
//   station.key  the station's Ed25519 private key, PKCS#8 PEM, mode 0600
//
// What it keeps: the last approved catalog (version, hash, rows), the journal
// of local edits (pending until sealed), and the outbox of sealed, signed
// change sets chained by seq/prev. The working view the clerk sees is
// approved + undecided outbox + pending (working_view.h).
//
// Every method that changes something runs in ONE transaction (BEGIN
// IMMEDIATE … COMMIT) and has committed — on disk — when it returns ok.
// Reading methods run in one read transaction, so they see one consistent
// state even while another process writes.
//
// The sync client uses: Seal, OutboxToSend, MarkSent, RecordReceipts,
// LoadApproved, ApplyPulled, RecordSync, LoadHub (see the section
// "for the sync client" below and docs/station.md).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/bytes.h"
#include "core/base/status.h"
#include "core/catalog/catalog.h"
#include "core/changeset/posting.h"
#include "core/crypto/ed25519.h"
#include "core/store/sqlite.h"
#include "station/edits/edit_plan.h"
#include "station/edits/pending_edit.h"
#include "station/edits/working_view.h"
#include "station/log/accepted_checkpoints.h"
#include "station/seal/build_change_sets.h"
#include "station/store/edit_journal.h"
#include "station/store/hub_certificates.h"
#include "station/store/hub_settings.h"
#include "station/store/outbox.h"
#include "station/store/refused_changesets.h"

namespace gongkai::station {

inline constexpr const char* kDbFileName = "station.db";
inline constexpr const char* kKeyFileName = "station.key";

struct StationInfo {
  std::string station_id;
  std::string unit;
  PublicKey public_key{};
  int64_t created_at = 0;

  // The C2SP verifier key the hub enrolls: station_id+keyid+base64.
  std::string VerifierKey() const;
};

struct InitRequest {
  std::string dir;
  std::string station_id;
  std::string unit;
  HubSettings hub;
  int64_t now = 0;
};

struct OpenOptions {
  // PRAGMA integrity_check instead of the faster quick_check, plus the
  // outbox chain check (VerifyOutboxChain).
  bool full_check = false;
};

struct StoreStatus {
  uint64_t catalog_version = 0;
  Hash32 catalog_hash{};
  int64_t approved_rows = 0;
  int64_t pending_edits = 0;  // journal entries not yet sealed
  int64_t outbox = 0;         // change sets the town has not decided
  int64_t unsent = 0;         // change sets not yet sent (state sealed)
  int64_t rejected = 0;       // change sets the town rejected, not yet dealt with
                              // (OpenRejectionSeqs, outbox.h)
  int64_t held_rows = 0;      // rows whose edits the hub refused, waiting for the clerk
  int64_t conflicts = 0;      // pending ops whose base no longer matches
  std::vector<StaleOp> conflict_details;  // those ops (working_view.h)
  std::optional<int64_t> last_sync;
  uint64_t last_seq = 0;  // the outbox tip
};

// StationPosting::state of a record the hub refused.
inline constexpr const char* kPostingRefused = "refused";

// One posting record as the station knows it.
struct StationPosting {
  Hash32 record_id{};
  uint64_t seq = 0;  // the change set carrying it
  Hash32 changeset_id{};
  uint64_t op_index = 0;
  PostingOp op;
  int64_t created_at = 0;
  // sealed, sent, accepted (the hub has it: outbox accepted or approved),
  // refused (the hub refused it; code and reason say why).
  std::string state;
  std::string code, reason;
};

struct SealResult {
  // Empty when nothing was sealed. Only seq, id, prev, op_count and note
  // are filled in: the envelopes are in the outbox (OutboxToSend).
  std::vector<SealedChangeSet> change_sets;
  size_t sealed_edits = 0;
  size_t cancelled_edits = 0;
};

// A newer approved catalog, as the sync client assembled and verified it.
struct ApprovedUpdate {
  uint64_t version = 0;
  Hash32 hash{};  // must equal Catalog::Hash() of rows
  Catalog rows;
  // Change sets the approvals up to this version include, each with the
  // version that approved it; this station's become "approved".
  std::vector<ApprovedChangeSet> included_changesets;
};

struct ApprovedSnapshot {
  uint64_t version = 0;
  Hash32 hash{};
  Catalog rows;
};

class StationStore {
 public:
  // Makes the directory (0700) if needed, the key (unless a previous,
  // interrupted init left one) and the store. AlreadyExists
  // "already_initialized" when the directory holds a station already.
  static Result<StationStore> Init(const InitRequest& request);
  // Opens an initialized directory: migrations, then quick_check (or the
  // full checks). FailedPrecondition "not_initialized" when there is none.
  static Result<StationStore> Open(const std::string& dir, const OpenOptions& options = {});

  StationStore(StationStore&&) = default;
  StationStore& operator=(StationStore&&) = default;

  const std::string& dir() const { return dir_; }
  const StationInfo& info() const { return info_; }
  Database& db() { return db_; }

  // Loads station.key; refuses a key readable by others ("key_permissions")
  // or one that is not this station's ("key_mismatch").
  Result<PrivateKey> LoadKey() const;

  // A new key for this station (station_keys.h): the old one retired, the
  // change sets in flight signed again; returns the new public key. The
  // town must enrol it (gongkai-hub station add) before uploads go through.
  Result<PublicKey> Rekey(int64_t now);

  Result<HubSettings> LoadHub();
  // Sets the given settings (validated); unset ones stay as they are.
  Status UpdateHub(const HubSettings& changes);

  // ---- reading
  Result<WorkingView> LoadView();
  Result<StoreStatus> LoadStatus();
  Result<std::vector<HistoryEntry>> LoadHistory(const std::optional<std::string>& row_id);

  // ---- one clerk action: plan(view, emit) runs inside the write
  // transaction; every edit it emits is journaled at once, under one action.
  // If plan fails, the transaction rolls back and nothing is written.
  // Returns the number of edits (0: nothing changed, nothing written).
  using Planner = std::function<Status(const WorkingView&, const EditSink&)>;
  Result<size_t> RecordAction(std::string_view command, std::string_view detail, int64_t now,
                              const Planner& plan);

  // ---- the clerk gives up the pending edits of one row (after the hub
  // refused them, say): they become cancelled, the row is no longer held.
  // Returns the number of edits cancelled (0: nothing pending for it).
  Result<size_t> DiscardPending(const std::string& row_id, int64_t now);

  // ---- sealing: pending edits → signed change set(s) in the outbox, in the
  // same transaction that marks the edits sealed or cancelled. Pending
  // edits of held rows (refused_changesets.h) are left out.
  Result<SealResult> Seal(const PrivateKey& key, std::string_view note, int64_t now,
                          const SealLimits& limits = {});

  // ---- posting records (公开记录, docs/postings.md): checked against the
  // approved catalog (own unit, not retired, channels of the row, a
  // superseded record of this station and row) and sealed at once, alone,
  // into a change set of its own at the outbox tip, so the record has its
  // id (PostingRecordId) from the start. Nothing is written on a refusal.
  Result<StationPosting> RecordPosting(const PrivateKey& key, const PostingOp& op, int64_t now);
  // The same checks, writing nothing: a caller with files to keep first
  // (station/commands/posting_entry.h) refuses before it writes any.
  Status CheckPosting(const PostingOp& op);
  // Every posting of this station: in the outbox (with its state) and those
  // the hub refused, oldest first; with row_id, only that row's.
  Result<std::vector<StationPosting>> LoadPostings(const std::optional<std::string>& row_id);

  // ---- for the sync client
  // Change sets to (re)send, in seq order: states sealed and sent. Sending
  // is idempotent at the hub, so a "sent" one whose receipt was lost is
  // simply sent again.
  Result<std::vector<OutboxEntry>> OutboxToSend();
  // Every outbox entry in seq order.
  Result<std::vector<OutboxEntry>> Outbox();
  Status MarkSent(const std::vector<uint64_t>& seqs, int64_t now);
  // All receipts in one transaction; DataLoss "receipt_mismatch" (nothing
  // recorded) if a receipt names a change set id the outbox does not hold.
  // An accepted receipt also clears the last whole refusal.
  Status RecordReceipts(const std::vector<Receipt>& receipts, int64_t now);
  // A change set refused for its edits: ReturnRefusedChangeSet
  // (refused_changesets.h) in one transaction.
  Result<ReturnedChangeSets> ReturnRefused(const PrivateKey& key, const Refusal& refusal,
                                           int64_t now);
  // The hub refused an upload as a whole (nothing else changes).
  Status RecordStationRefusal(const StationRefusal& refusal);
  Result<std::optional<StationRefusal>> LastStationRefusal();
  Result<std::vector<HeldRow>> HeldRows();
  Result<std::vector<RefusedChangeSet>> RefusedChangeSets();
  // Whether uploads should carry the station's key and unit (refused_changesets.h).
  Result<bool> NeedsIntroduction();
  Result<ApprovedSnapshot> LoadApproved();
  Status RecordSync(int64_t now);
  // What a pull brought (station/sync/pull_catalog.h), in ONE transaction:
  // the newer catalog if any — it replaces the approved catalog and marks
  // the included change sets approved; FailedPrecondition "stale_catalog"
  // for a version not newer than the one held (the same version and hash
  // again is a no-op), DataLoss "catalog_hash_mismatch" if its rows do not
  // hash to its hash — and the administrator's rejections of this
  // station's change sets (receipts of kind kRejected; receipt_mismatch,
  // unknown_seq) and, if given, the hub checkpoint the pull verified
  // (RecordAcceptedCheckpoint, station/log/accepted_checkpoints.h). Any
  // failure writes nothing (station_store_pull.cc).
  // With `genesis`, the verified genesis entry is kept too (hub_genesis.h).
  Status ApplyPulled(const std::optional<ApprovedUpdate>& update,
                     const std::vector<Receipt>& rejections, int64_t now,
                     const std::optional<AcceptedCheckpoint>& checkpoint = std::nullopt,
                     const Bytes* genesis = nullptr,
                     const std::vector<HubCertificate>& certificates = {});
  // TLS certificates the hub's log key announced (hub_certificates.h).
  Result<std::vector<HubCertificate>> AnnouncedCertificates();
  // Moves the pinned certificate fingerprint to `cert_sha256`, which must
  // be an announced certificate (PermissionDenied "cert_not_announced",
  // nothing written, otherwise).
  Status FollowAnnouncedCertificate(const std::string& cert_sha256);
  // The kept genesis entry of the hub, if a pull verified one.
  Result<std::optional<Bytes>> LoadGenesis();
  // This station's rejected change sets the clerk has not dealt with yet
  // (OpenRejectionSeqs, outbox.h), in seq order (for status).
  Result<std::vector<OutboxEntry>> RejectedChangeSets();

  // ---- checks
  // seq 1..n without gap, prev = id of the previous, each envelope decodes,
  // is a change set of this station with that seq and id, and its signature
  // verifies with this station's key. DataLoss "outbox_broken" otherwise.
  Status VerifyOutboxChain();
  // PRAGMA integrity_check and VerifyOutboxChain.
  Status FullCheck();

 private:
  StationStore(std::string dir, Database db) : dir_(std::move(dir)), db_(std::move(db)) {}
  Status LoadInfo();
  Result<WorkingView> LoadViewLocked();  // inside a transaction

  std::string dir_;
  Database db_;
  StationInfo info_;
};

// A read transaction (BEGIN … ROLLBACK): one consistent snapshot.
class ReadTransaction {
 public:
  explicit ReadTransaction(Database& db) : db_(db) { status_ = db_.Exec("BEGIN"); }
  ~ReadTransaction() {
    if (status_.ok()) (void)db_.Exec("ROLLBACK");
  }
  ReadTransaction(const ReadTransaction&) = delete;
  ReadTransaction& operator=(const ReadTransaction&) = delete;
  const Status& status() const { return status_; }

 private:
  Database& db_;
  Status status_;
};

}  // namespace gongkai::station
