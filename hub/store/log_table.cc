#include "hub/store/log_table.h"

namespace gongkai::hub {

Result<uint64_t> LogSize(HubDb& db) {
  GK_ASSIGN_OR_RETURN(Stmt st, db.Prepare("SELECT COALESCE(MAX(idx) + 1, 0) FROM log_entries"));
  GK_ASSIGN_OR_RETURN(bool row, st->Step());
  if (!row) return Internal("db_error", "log size query returned nothing");
  return static_cast<uint64_t>(st->ColumnInt(0));
}

Result<uint64_t> AppendLogEntry(HubDb& db, EnvelopeKind kind, const Bytes& entry, int64_t now) {
  GK_ASSIGN_OR_RETURN(uint64_t index, LogSize(db));
  GK_ASSIGN_OR_RETURN(
      Stmt st,
      db.Prepare("INSERT INTO log_entries (idx, kind, entry, added_at) VALUES (?, ?, ?, ?)"));
  st->Bind(1, static_cast<int64_t>(index)).Bind(2, static_cast<int64_t>(kind)).Bind(3, entry);
  st->Bind(4, now);
  GK_RETURN_IF_ERROR(st->Run());
  return index;
}

Result<std::optional<LogEntry>> ReadLogEntry(HubDb& db, uint64_t index) {
  GK_ASSIGN_OR_RETURN(Stmt st,
                      db.Prepare("SELECT kind, entry, added_at FROM log_entries WHERE idx = ?"));
  st->Bind(1, static_cast<int64_t>(index));
  GK_ASSIGN_OR_RETURN(bool row, st->Step());
  if (!row) return std::optional<LogEntry>();
  return std::optional<LogEntry>(LogEntry{index, static_cast<EnvelopeKind>(st->ColumnInt(0)),
                                          st->ColumnBlob(1), st->ColumnInt(2)});
}

}  // namespace gongkai::hub
