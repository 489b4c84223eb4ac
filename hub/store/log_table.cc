#include "hub/store/log_table.h"

#include "core/log/merkle.h"
#include "hub/store/merkle_backfill.h"
#include "hub/store/node_store.h"
#include "hub/store/row_history_table.h"

namespace gongkai::hub {

Result<uint64_t> LogSize(HubDb& db) {
  GK_ASSIGN_OR_RETURN(Stmt st, db.Prepare("SELECT COALESCE(MAX(idx) + 1, 0) FROM log_entries"));
  GK_ASSIGN_OR_RETURN(bool row, st->Step());
  if (!row) return Internal("db_error", "log size query returned nothing");
  return static_cast<uint64_t>(st->ColumnInt(0));
}

Result<uint64_t> AppendLogEntry(HubDb& db, EnvelopeKind kind, const Bytes& entry, int64_t now) {
  GK_ASSIGN_OR_RETURN(uint64_t index, LogSize(db));
  SqliteNodeStore store(db);
  GK_ASSIGN_OR_RETURN(uint64_t leaves, store.LeafCount());
  // Normally equal: HubDb::Open has built the nodes of older entries.
  if (leaves != index) GK_RETURN_IF_ERROR(BuildMissingNodes(db));
  GK_ASSIGN_OR_RETURN(std::vector<MerkleNode> nodes, NodesForAppend(store, index, LeafHash(entry)));
  GK_ASSIGN_OR_RETURN(
      Stmt st,
      db.Prepare("INSERT INTO log_entries (idx, kind, entry, added_at) VALUES (?, ?, ?, ?)"));
  st->BindAll(static_cast<int64_t>(index), static_cast<int64_t>(kind), entry, now);
  GK_RETURN_IF_ERROR(st->Run());
  for (const MerkleNode& n : nodes) GK_RETURN_IF_ERROR(store.PutNode(n.level, n.index, n.hash));
  GK_RETURN_IF_ERROR(IndexRowHistory(db, index, kind, entry));
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

Result<std::vector<LogEntry>> ReadLogEntries(HubDb& db, uint64_t begin, uint64_t end,
                                             size_t max_bytes) {
  std::vector<LogEntry> out;
  if (begin >= end) return out;
  GK_ASSIGN_OR_RETURN(Stmt st, db.Prepare("SELECT idx, kind, entry, added_at FROM log_entries "
                                          "WHERE idx >= ? AND idx < ? ORDER BY idx"));
  st->BindAll(static_cast<int64_t>(begin), static_cast<int64_t>(end));
  size_t bytes = 0;
  for (;;) {
    GK_ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) break;
    LogEntry e{static_cast<uint64_t>(st->ColumnInt(0)), static_cast<EnvelopeKind>(st->ColumnInt(1)),
               st->ColumnBlob(2), st->ColumnInt(3)};
    if (!out.empty() && bytes + e.entry.size() > max_bytes) break;
    bytes += e.entry.size();
    out.push_back(std::move(e));
  }
  return out;
}

Result<std::vector<LogEntry>> ReadLogEntriesOfKind(HubDb& db, EnvelopeKind kind,
                                                   uint64_t before) {
  GK_ASSIGN_OR_RETURN(Stmt st, db.Prepare("SELECT idx, entry, added_at FROM log_entries "
                                          "WHERE kind = ? AND idx < ? ORDER BY idx"));
  st->BindAll(static_cast<int64_t>(kind), static_cast<int64_t>(before));
  std::vector<LogEntry> out;
  for (;;) {
    GK_ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) break;
    out.push_back(LogEntry{static_cast<uint64_t>(st->ColumnInt(0)), kind, st->ColumnBlob(1),
                           st->ColumnInt(2)});
  }
  return out;
}

Result<bool> OnlyKindFrom(HubDb& db, uint64_t from, EnvelopeKind kind) {
  GK_ASSIGN_OR_RETURN(Stmt st, db.Prepare("SELECT EXISTS (SELECT 1 FROM log_entries "
                                          "WHERE idx >= ? AND kind <> ?)"));
  st->BindAll(static_cast<int64_t>(from), static_cast<int64_t>(kind));
  GK_ASSIGN_OR_RETURN(bool row, st->Step());
  return row && st->ColumnInt(0) == 0;
}

Result<std::vector<LogEntry>> ReadCheckedLogEntries(HubDb& db, uint64_t begin, uint64_t end,
                                                    size_t max_bytes) {
  GK_ASSIGN_OR_RETURN(std::vector<LogEntry> entries, ReadLogEntries(db, begin, end, max_bytes));
  SqliteNodeStore nodes(db);
  for (const LogEntry& e : entries) {
    GK_ASSIGN_OR_RETURN(std::optional<Hash32> leaf, nodes.GetNode(0, e.index));
    if (leaf && *leaf != LeafHash(e.entry)) {
      return DataLoss("db_corrupt", "集镇中心数据库中的第 " + std::to_string(e.index) +
                                        " 条日志记录与签名时的树不符，已停止提供；请管理员运行 "
                                        "gongkai-hub check (log entry does not match the stored "
                                        "tree: index " +
                                        std::to_string(e.index) + ")");
    }
  }
  return entries;
}

}  // namespace gongkai::hub
