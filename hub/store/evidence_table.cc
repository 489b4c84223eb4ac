#include "hub/store/evidence_table.h"

#include "core/crypto/sha256.h"

namespace gongkai::hub {

Status InsertEquivocation(HubDb& db, const Equivocation& e) {
  GK_ASSIGN_OR_RETURN(Stmt st, db.Prepare("INSERT OR IGNORE INTO equivocations (station, seq, "
                                          "envelope_hash, envelope, accepted_id, received_at) "
                                          "VALUES (?, ?, ?, ?, ?, ?)"));
  st->BindAll(e.station, static_cast<int64_t>(e.seq), Sha256(e.envelope), e.envelope, e.accepted_id,
              e.received_at);
  return st->Run();
}

Result<uint64_t> CountEquivocations(HubDb& db, const std::string& station) {
  GK_ASSIGN_OR_RETURN(Stmt st, db.Prepare("SELECT COUNT(*) FROM equivocations WHERE station = ?"));
  st->Bind(1, station);
  GK_ASSIGN_OR_RETURN(bool row, st->Step());
  if (!row) return Internal("db_error", "count returned nothing");
  return static_cast<uint64_t>(st->ColumnInt(0));
}

}  // namespace gongkai::hub
