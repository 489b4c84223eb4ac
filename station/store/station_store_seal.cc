// StationStore::Seal: pending edits → signed change sets, one transaction.
//
// Crash safety: the outbox rows and the edits' change of state are written
// in the same transaction, so after a crash either every pending edit is
// still pending and the outbox is as before, or all of them are sealed (or
// cancelled) and the outbox holds the new change sets, chained after the
// previous tip.
#include "core/catalog/validate.h"
#include "station/edits/coalesce.h"
#include "station/store/approved_catalog.h"
#include "station/store/station_store.h"

namespace gongkai::station {

Result<SealResult> StationStore::Seal(const PrivateKey& key, std::string_view note, int64_t now,
                                      const SealLimits& limits) {
  GK_RETURN_IF_ERROR(ValidateText(note, kMaxSealNoteChars, true, "note"));
  GK_RETURN_IF_ERROR(CheckVisibleText(note, "说明", "note"));
  if (key.public_key() != info_.public_key) {
    return DataLoss("key_mismatch", "签名密钥不是本站的密钥 (key does not match this station)");
  }
  Transaction tx(db_);
  GK_RETURN_IF_ERROR(tx.status());
  Coalescer coalescer;
  size_t total = 0;
  // Rows the hub refused wait for the clerk (refused_changesets.h).
  GK_ASSIGN_OR_RETURN(std::set<std::string> held, HeldRowIds(db_));
  GK_RETURN_IF_ERROR(ForEachPendingEdit(db_, [&](PendingEdit e) {
    if (held.count(e.row_id)) return Status::Ok();
    coalescer.Add(std::move(e));
    ++total;
    return Status::Ok();
  }));
  SealResult result;
  if (total == 0) return result;
  Coalesced coalesced = std::move(coalescer).Finish();
  result.cancelled_edits = coalesced.cancelled.size();
  result.sealed_edits = total - result.cancelled_edits;

  if (!coalesced.ops.empty()) {
    GK_ASSIGN_OR_RETURN(ApprovedState approved, LoadApprovedState(db_));
    GK_ASSIGN_OR_RETURN(OutboxTip tip, LoadOutboxTip(db_));
    SealHeader header;
    header.station = info_.station_id;
    header.after_seq = tip.seq;
    header.after_id = tip.id;
    header.base_version = approved.version;
    header.created_at = now;
    header.note = std::string(note);
    GK_RETURN_IF_ERROR(BuildChangeSets(
        std::move(coalesced.ops), header, key, limits, [&](SealedChangeSet s) -> Status {
          OutboxEntry e;
          e.seq = s.seq;
          e.changeset_id = s.id;
          e.prev = s.prev;
          e.envelope = std::move(s.envelope);
          e.op_count = s.op_count;
          e.note = s.note;
          e.created_at = now;
          e.state = OutboxState::kSealed;
          e.state_at = now;
          GK_RETURN_IF_ERROR(InsertOutbox(db_, e));
          GK_RETURN_IF_ERROR(MarkEditsSealed(db_, s.edit_ids, s.seq));
          s.edit_ids = {};
          result.change_sets.push_back(std::move(s));
          return Status::Ok();
        }));
  }
  GK_RETURN_IF_ERROR(MarkEditsCancelled(db_, coalesced.cancelled));
  GK_RETURN_IF_ERROR(tx.Commit());
  return result;
}

Result<size_t> StationStore::DiscardPending(const std::string& row_id, int64_t /*now*/) {
  Transaction tx(db_);
  GK_RETURN_IF_ERROR(tx.status());
  std::vector<int64_t> ids;
  GK_RETURN_IF_ERROR(ForEachPendingEdit(db_, [&](PendingEdit e) {
    if (e.row_id == row_id) ids.push_back(e.edit_id);
    return Status::Ok();
  }));
  GK_RETURN_IF_ERROR(MarkEditsCancelled(db_, ids));
  GK_RETURN_IF_ERROR(ReleaseHeldRows(db_, {row_id}));
  GK_RETURN_IF_ERROR(tx.Commit());
  return ids.size();
}

}  // namespace gongkai::station
