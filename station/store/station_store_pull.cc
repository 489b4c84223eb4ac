// StationStore: applying what a pull from the hub brought — a newer
// approved catalog and the administrator's rejections — atomically.
#include <algorithm>

#include "core/base/hex.h"
#include "station/store/approved_catalog.h"
#include "station/store/hub_certificates.h"
#include "station/store/hub_genesis.h"
#include "station/store/refused_changesets.h"
#include "station/store/station_store.h"

namespace gongkai::station {

Status StationStore::ApplyPulled(const std::optional<ApprovedUpdate>& update,
                                 const std::vector<Receipt>& rejections, int64_t now,
                                 const std::optional<AcceptedCheckpoint>& checkpoint,
                                 const Bytes* genesis,
                                 const std::vector<HubCertificate>& certificates) {
  if (update) {
    Hash32 actual = update->rows.Hash();
    if (actual != update->hash) {
      return DataLoss("catalog_hash_mismatch",
                      "收到的目录与其哈希不符，未采用；请稍后重新同步 (catalog hash mismatch: "
                      "expected " +
                          HexEncode(update->hash) + ", got " + HexEncode(actual) + ")");
    }
  }
  Transaction tx(db_);
  GK_RETURN_IF_ERROR(tx.status());
  if (update) {
    GK_ASSIGN_OR_RETURN(ApprovedState current, LoadApprovedState(db_));
    if (update->version <= current.version) {
      if (update->version != current.version || update->hash != current.hash) {
        return FailedPrecondition("stale_catalog",
                                  "收到的目录版本 " + std::to_string(update->version) +
                                      " 不比本站的版本 " + std::to_string(current.version) +
                                      " 新，未采用 (catalog version not newer)");
      }
    } else {
      GK_RETURN_IF_ERROR(ReplaceApprovedCatalog(db_, update->rows, update->version, update->hash));
      GK_RETURN_IF_ERROR(MarkOutboxApproved(db_, update->included_changesets, now));
    }
  }
  bool accepted = false;
  for (const Receipt& r : rejections) {
    GK_RETURN_IF_ERROR(ApplyReceipt(db_, r, now));
    accepted = accepted || r.kind != Receipt::Kind::kRejected;
  }
  // As RecordReceipts: an accepted change set (a USB bundle's receipt) ends
  // a refusal of the station as a whole.
  if (accepted) GK_RETURN_IF_ERROR(ClearStationRefusal(db_));
  if (checkpoint) GK_RETURN_IF_ERROR(RecordAcceptedCheckpoint(db_, *checkpoint));
  if (genesis) GK_RETURN_IF_ERROR(StoreHubGenesis(db_, *genesis));
  GK_RETURN_IF_ERROR(StoreHubCertificates(db_, certificates));
  return tx.Commit();
}

Result<std::vector<HubCertificate>> StationStore::AnnouncedCertificates() {
  ReadTransaction tx(db_);
  GK_RETURN_IF_ERROR(tx.status());
  return LoadHubCertificates(db_);
}

Status StationStore::FollowAnnouncedCertificate(const std::string& cert_sha256) {
  Transaction tx(db_);
  GK_RETURN_IF_ERROR(tx.status());
  GK_ASSIGN_OR_RETURN(std::vector<HubCertificate> known, LoadHubCertificates(db_));
  bool announced = std::any_of(known.begin(), known.end(), [&](const HubCertificate& c) {
    return c.cert_sha256 == cert_sha256;
  });
  if (!announced) {
    return PermissionDenied("cert_not_announced",
                            "证书 " + cert_sha256 + " 没有在镇服务器的日志中公告过，本站不改用它");
  }
  GK_ASSIGN_OR_RETURN(Statement st, db_.Prepare("UPDATE station SET hub_cert_sha256 = ?"));
  st.Bind(1, cert_sha256);
  GK_RETURN_IF_ERROR(st.Run());
  return tx.Commit();
}

Result<std::optional<Bytes>> StationStore::LoadGenesis() {
  ReadTransaction tx(db_);
  GK_RETURN_IF_ERROR(tx.status());
  return LoadHubGenesis(db_);
}

Result<std::vector<OutboxEntry>> StationStore::RejectedChangeSets() {
  ReadTransaction tx(db_);
  GK_RETURN_IF_ERROR(tx.status());
  GK_ASSIGN_OR_RETURN(std::vector<OutboxEntry> all, LoadOutbox(db_, {OutboxState::kRejected}));
  GK_ASSIGN_OR_RETURN(std::vector<uint64_t> open, OpenRejectionSeqs(db_));
  std::vector<OutboxEntry> list;
  for (OutboxEntry& e : all) {
    if (!std::binary_search(open.begin(), open.end(), e.seq)) continue;
    e.envelope = Bytes();
    list.push_back(std::move(e));
  }
  return list;
}

}  // namespace gongkai::station
