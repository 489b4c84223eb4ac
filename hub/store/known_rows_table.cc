#include "hub/store/known_rows_table.h"

namespace gongkai::hub {

Status InsertKnownRow(HubDb& db, const std::string& id, const std::string& unit,
                      const std::optional<Hash32>& changeset) {
  GK_ASSIGN_OR_RETURN(Stmt st,
                      db.Prepare("INSERT INTO known_rows (id, unit, changeset) VALUES (?, ?, ?)"));
  st->BindAll(id, unit);
  if (changeset) {
    st->Bind(3, *changeset);
  } else {
    st->BindNull(3);
  }
  return st->Run();
}

Result<std::optional<std::string>> FindRowUnit(HubDb& db, const std::string& id) {
  GK_ASSIGN_OR_RETURN(Stmt st, db.Prepare("SELECT unit FROM known_rows WHERE id = ?"));
  st->Bind(1, id);
  GK_ASSIGN_OR_RETURN(bool row, st->Step());
  if (!row) return std::optional<std::string>();
  return std::optional<std::string>(st->ColumnText(0));
}

}  // namespace gongkai::hub
