// StationStore: what the sync client reads and records — the outbox,
// receipts, the approved catalog and the time of the last sync.
#include "station/store/approved_catalog.h"
#include "station/store/station_store.h"

namespace gongkai::station {

Result<std::vector<OutboxEntry>> StationStore::OutboxToSend() {
  ReadTransaction tx(db_);
  GK_RETURN_IF_ERROR(tx.status());
  return LoadOutbox(db_, {OutboxState::kSealed, OutboxState::kSent});
}

Result<std::vector<OutboxEntry>> StationStore::Outbox() {
  ReadTransaction tx(db_);
  GK_RETURN_IF_ERROR(tx.status());
  return LoadOutbox(db_);
}

Status StationStore::MarkSent(const std::vector<uint64_t>& seqs, int64_t now) {
  Transaction tx(db_);
  GK_RETURN_IF_ERROR(tx.status());
  for (uint64_t seq : seqs) GK_RETURN_IF_ERROR(MarkOutboxSent(db_, seq, now));
  return tx.Commit();
}

Status StationStore::RecordReceipts(const std::vector<Receipt>& receipts, int64_t now) {
  Transaction tx(db_);
  GK_RETURN_IF_ERROR(tx.status());
  bool accepted = false;
  for (const Receipt& r : receipts) {
    GK_RETURN_IF_ERROR(ApplyReceipt(db_, r, now));
    accepted = accepted || r.kind != Receipt::Kind::kRejected;
  }
  if (accepted) GK_RETURN_IF_ERROR(ClearStationRefusal(db_));
  return tx.Commit();
}

Result<ReturnedChangeSets> StationStore::ReturnRefused(const PrivateKey& key,
                                                       const Refusal& refusal, int64_t now) {
  if (key.public_key() != info_.public_key) {
    return DataLoss("key_mismatch", "签名密钥不是本站的密钥 (key does not match this station)");
  }
  Transaction tx(db_);
  GK_RETURN_IF_ERROR(tx.status());
  GK_ASSIGN_OR_RETURN(ReturnedChangeSets out,
                      ReturnRefusedChangeSet(db_, info_.station_id, key, refusal, now));
  GK_RETURN_IF_ERROR(tx.Commit());
  return out;
}

Status StationStore::RecordStationRefusal(const StationRefusal& refusal) {
  Transaction tx(db_);
  GK_RETURN_IF_ERROR(tx.status());
  GK_RETURN_IF_ERROR(station::RecordStationRefusal(db_, refusal));
  return tx.Commit();
}

Result<std::optional<StationRefusal>> StationStore::LastStationRefusal() {
  ReadTransaction tx(db_);
  GK_RETURN_IF_ERROR(tx.status());
  return LoadStationRefusal(db_);
}

Result<std::vector<HeldRow>> StationStore::HeldRows() {
  ReadTransaction tx(db_);
  GK_RETURN_IF_ERROR(tx.status());
  return LoadHeldRows(db_);
}

Result<std::vector<RefusedChangeSet>> StationStore::RefusedChangeSets() {
  ReadTransaction tx(db_);
  GK_RETURN_IF_ERROR(tx.status());
  return LoadRefusedChangeSets(db_);
}

Result<bool> StationStore::NeedsIntroduction() {
  ReadTransaction tx(db_);
  GK_RETURN_IF_ERROR(tx.status());
  return station::NeedsIntroduction(db_, info_.public_key);
}

Result<ApprovedSnapshot> StationStore::LoadApproved() {
  ReadTransaction tx(db_);
  GK_RETURN_IF_ERROR(tx.status());
  GK_ASSIGN_OR_RETURN(ApprovedState state, LoadApprovedState(db_));
  ApprovedSnapshot snap;
  snap.version = state.version;
  snap.hash = state.hash;
  GK_ASSIGN_OR_RETURN(snap.rows, LoadApprovedCatalog(db_));
  return snap;
}

Status StationStore::RecordSync(int64_t now) {
  Transaction tx(db_);
  GK_RETURN_IF_ERROR(tx.status());
  GK_ASSIGN_OR_RETURN(Statement st, db_.Prepare("UPDATE station SET last_sync = ?"));
  st.Bind(1, now);
  GK_RETURN_IF_ERROR(st.Run());
  return tx.Commit();
}

}  // namespace gongkai::station
