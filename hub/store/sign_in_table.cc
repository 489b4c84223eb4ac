#include "hub/store/sign_in_table.h"

#include <limits>

namespace gongkai::hub {

Status AppendSignIn(HubDb& db, const SignInRecord& r) {
  Transaction tx(db.db());
  GK_RETURN_IF_ERROR(tx.status());
  {
    GK_ASSIGN_OR_RETURN(Stmt st, db.Prepare("INSERT INTO sign_ins (at, admin, address, "
                                            "known_device, outcome, locked_seconds) "
                                            "VALUES (?, ?, ?, ?, ?, ?)"));
    st->BindAll(r.at, r.admin, r.address, static_cast<int64_t>(r.known_device ? 1 : 0), r.outcome,
                r.locked_seconds);
    GK_RETURN_IF_ERROR(st->Run());
  }
  {
    GK_ASSIGN_OR_RETURN(Stmt st, db.Prepare("DELETE FROM sign_ins WHERE id <= "
                                            "(SELECT MAX(id) FROM sign_ins) - ?"));
    st->Bind(1, kMaxSignIns);
    GK_RETURN_IF_ERROR(st->Run());
  }
  return tx.Commit();
}

Result<std::vector<SignInRecord>> ListSignIns(HubDb& db, int64_t before, size_t limit) {
  GK_ASSIGN_OR_RETURN(Stmt st, db.Prepare("SELECT id, at, admin, address, known_device, outcome, "
                                          "locked_seconds FROM sign_ins WHERE id < ? "
                                          "ORDER BY id DESC LIMIT ?"));
  st->BindAll(before > 0 ? before : std::numeric_limits<int64_t>::max(),
              static_cast<int64_t>(limit));
  std::vector<SignInRecord> out;
  for (;;) {
    GK_ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) break;
    SignInRecord r;
    r.id = st->ColumnInt(0);
    r.at = st->ColumnInt(1);
    r.admin = st->ColumnText(2);
    r.address = st->ColumnText(3);
    r.known_device = st->ColumnInt(4) != 0;
    r.outcome = st->ColumnText(5);
    r.locked_seconds = st->ColumnInt(6);
    out.push_back(std::move(r));
  }
  return out;
}

Result<int64_t> CountSignIns(HubDb& db) {
  GK_ASSIGN_OR_RETURN(Stmt st, db.Prepare("SELECT COUNT(*) FROM sign_ins"));
  GK_ASSIGN_OR_RETURN(bool row, st->Step());
  if (!row) return Internal("db_error", "count returned nothing");
  return st->ColumnInt(0);
}

}  // namespace gongkai::hub
