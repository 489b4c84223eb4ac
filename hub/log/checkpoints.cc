#include "hub/log/checkpoints.h"

#include "core/catalog/catalog.h"
#include "core/record/decision.h"
#include "core/record/envelope.h"
#include "hub/store/log_table.h"
#include "hub/store/node_store.h"
#include "hub/store/witness_table.h"

namespace gongkai::hub {
Result<CatalogHead> CatalogBefore(HubDb& db, uint64_t size) {
  GK_ASSIGN_OR_RETURN(Stmt st, db.Prepare("SELECT idx, entry FROM log_entries WHERE kind = ? AND "
                                          "idx < ? ORDER BY idx DESC LIMIT 1"));
  st->BindAll(static_cast<int64_t>(EnvelopeKind::kApproval), static_cast<int64_t>(size));
  GK_ASSIGN_OR_RETURN(bool row, st->Step());
  CatalogHead head;
  if (!row) return head;
  int64_t idx = st->ColumnInt(0);
  Bytes entry = st->ColumnBlob(1);
  auto damaged = [&](const Status& s) {
    return DataLoss("db_corrupt",
                    "第 " + std::to_string(idx) + " 条日志记录（审批）无法解析: " + s.message());
  };
  Result<Envelope> env = DecodeEnvelope(entry);
  if (!env.ok()) return damaged(env.status());
  Result<Approval> a = DecodeApproval(env->body);
  if (!a.ok()) return damaged(a.status());
  head.version = a->version;
  head.hash = a->result_hash;
  return head;
}

namespace {

Result<std::optional<std::string>> StoredNote(HubDb& db, uint64_t size) {
  GK_ASSIGN_OR_RETURN(Stmt st, db.Prepare("SELECT note FROM checkpoints WHERE size = ?"));
  st->Bind(1, static_cast<int64_t>(size));
  GK_ASSIGN_OR_RETURN(bool row, st->Step());
  if (!row) return std::optional<std::string>();
  return std::optional<std::string>(st->ColumnText(0));
}

}  // namespace

Result<Checkpoint> CheckpointAt(HubDb& db, const std::string& origin, uint64_t size) {
  SqliteNodeStore store(db);
  Checkpoint cp;
  cp.origin = origin;
  cp.size = size;
  GK_ASSIGN_OR_RETURN(cp.root, Root(store, size));
  GK_ASSIGN_OR_RETURN(CatalogHead head, CatalogBefore(db, size));
  cp.catalog_version = head.version;
  cp.catalog_hash = head.hash;
  return cp;
}

Result<SignedCheckpoint> LatestCheckpoint(HubDb& db, const std::string& origin,
                                          const PrivateKey& key, int64_t now) {
  SignedCheckpoint out;
  std::optional<std::string> stored;
  std::string cosignatures;
  {
    // One snapshot for the size and everything read for it.
    GK_RETURN_IF_ERROR(db.db().Exec("BEGIN"));
    auto read = [&]() -> Status {
      GK_ASSIGN_OR_RETURN(uint64_t size, LogSize(db));
      if (size == 0) return FailedPrecondition("empty_log", "日志是空的 (the log is empty)");
      GK_ASSIGN_OR_RETURN(out.checkpoint, CheckpointAt(db, origin, size));
      GK_ASSIGN_OR_RETURN(stored, StoredNote(db, size));
      GK_ASSIGN_OR_RETURN(cosignatures, CosignatureLines(db, size));
      return Status::Ok();
    };
    Status s = read();
    (void)db.db().Exec("COMMIT");
    GK_RETURN_IF_ERROR(s);
  }
  if (stored) {
    out.note = *stored + cosignatures;
    return out;
  }
  GK_ASSIGN_OR_RETURN(out.note, SignCheckpoint(out.checkpoint, origin, key));
  GK_ASSIGN_OR_RETURN(Stmt st, db.Prepare("INSERT OR IGNORE INTO checkpoints (size, note, "
                                          "signed_at) VALUES (?, ?, ?)"));
  st->BindAll(static_cast<int64_t>(out.checkpoint.size), out.note, now);
  (void)st->Run();  // storing is a record, not a precondition of serving
  return out;
}

Result<SignedCheckpoint> CurrentCheckpoint(HubDb& db, const std::string& origin,
                                           const PrivateKey& key) {
  GK_ASSIGN_OR_RETURN(uint64_t size, LogSize(db));
  if (size == 0) return FailedPrecondition("empty_log", "日志是空的 (the log is empty)");
  return CheckpointOfSize(db, origin, key, size);
}

Result<SignedCheckpoint> CheckpointOfSize(HubDb& db, const std::string& origin,
                                          const PrivateKey& key, uint64_t size) {
  SignedCheckpoint out;
  GK_ASSIGN_OR_RETURN(out.checkpoint, CheckpointAt(db, origin, size));
  GK_ASSIGN_OR_RETURN(std::optional<std::string> stored, StoredNote(db, size));
  if (stored) {
    out.note = *stored;
  } else {
    GK_ASSIGN_OR_RETURN(out.note, SignCheckpoint(out.checkpoint, origin, key));
  }
  return out;
}

}  // namespace gongkai::hub
