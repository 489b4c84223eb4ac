#include "hub/store/row_history_table.h"

#include <set>

#include "core/base/hex.h"
#include "core/catalog/row_codec.h"
#include "core/changeset/changeset.h"
#include "core/codec/wire.h"
#include "core/record/decision.h"
#include "hub/store/log_table.h"
#include "hub/store/schema.h"

namespace gongkai::hub {
namespace {

constexpr char kBackfillKey[] = "row_history_backfill";

// An entry that does not decode indexes nothing (see the header).
Status Undecodable() { return Status::Ok(); }

Status IndexChangeSet(HubDb& db, uint64_t index, const Bytes& body) {
  Result<ChangeSet> cs = DecodeChangeSet(body);
  if (!cs.ok()) return Undecodable();
  Hash32 id = ChangeSetId(body);
  GK_ASSIGN_OR_RETURN(
      Stmt st, db.Prepare("INSERT INTO row_changes (row_id, log_index, op_index, changeset, "
                          "station, seq, created_at, note, kind, field, old_value, new_value, "
                          "created_row, retire_base) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                          "?, ?)"));
  for (uint32_t i = 0; i < cs->ops.size(); ++i) {
    const Op& op = cs->ops[i];
    GK_RETURN_IF_ERROR(st->Reset());
    st->BindAll(OpRowId(op), static_cast<int64_t>(index), int64_t{i}, id, cs->station,
                static_cast<int64_t>(cs->seq), cs->created_at, cs->note);
    st->BindNull(10).BindNull(11).BindNull(12).BindNull(13).BindNull(14);
    if (const auto* cr = std::get_if<CreateOp>(&op)) {
      st->Bind(9, static_cast<int64_t>(RowOpKind::kCreate));
      WireWriter w;
      EncodeRow(w, cr->row);
      st->Bind(13, w.bytes());
    } else if (const auto* s = std::get_if<SetOp>(&op)) {
      st->Bind(9, static_cast<int64_t>(RowOpKind::kSet));
      st->Bind(10, static_cast<int64_t>(s->field)).Bind(11, s->base).Bind(12, s->value);
    } else {
      st->Bind(9, static_cast<int64_t>(RowOpKind::kRetire));
      st->Bind(14, HexEncode(std::get<RetireOp>(op).base));
    }
    GK_RETURN_IF_ERROR(st->Run());
  }
  return Status::Ok();
}

Status IndexApproval(HubDb& db, uint64_t index, const Bytes& body) {
  Result<Approval> a = DecodeApproval(body);
  if (!a.ok()) return Undecodable();
  // Resolutions first, while their change sets are still undecided: the
  // last one naming an op wins, as in RowHistory.
  GK_ASSIGN_OR_RETURN(Stmt res,
                      db.Prepare("UPDATE row_changes SET resolution = ?, resolution_value = ? "
                                 "WHERE changeset = ? AND op_index = ? AND state = 0"));
  const std::set<Hash32> included(a->changesets.begin(), a->changesets.end());
  for (const Resolution& r : a->resolutions) {
    if (!included.count(r.changeset)) continue;
    GK_RETURN_IF_ERROR(res->Reset());
    res->BindAll(static_cast<int64_t>(r.action), r.value, r.changeset,
                 static_cast<int64_t>(r.op_index));
    GK_RETURN_IF_ERROR(res->Run());
  }
  GK_ASSIGN_OR_RETURN(Stmt st, db.Prepare("UPDATE row_changes SET state = 1, decision_index = ?, "
                                          "version = ?, admin = ?, decided_at = ? "
                                          "WHERE changeset = ? AND state = 0"));
  for (const Hash32& id : a->changesets) {
    GK_RETURN_IF_ERROR(st->Reset());
    st->BindAll(static_cast<int64_t>(index), static_cast<int64_t>(a->version), a->admin,
                a->decided_at, id);
    GK_RETURN_IF_ERROR(st->Run());
  }
  return Status::Ok();
}

Status IndexRejection(HubDb& db, uint64_t index, const Bytes& body) {
  Result<Rejection> r = DecodeRejection(body);
  if (!r.ok()) return Undecodable();
  GK_ASSIGN_OR_RETURN(Stmt st, db.Prepare("UPDATE row_changes SET state = 2, decision_index = ?, "
                                          "admin = ?, decided_at = ?, reason = ? "
                                          "WHERE changeset = ? AND state = 0"));
  st->BindAll(static_cast<int64_t>(index), r->admin, r->decided_at, r->reason, r->changeset);
  return st->Run();
}

Result<bool> BackfillPending(HubDb& db) {
  GK_ASSIGN_OR_RETURN(Stmt st, db.Prepare("SELECT 1 FROM meta WHERE key = ?"));
  st->Bind(1, std::string_view(kBackfillKey));
  return st->Step();
}

}  // namespace

Status IndexRowHistory(HubDb& db, uint64_t index, EnvelopeKind kind, const Bytes& entry) {
  if (kind != EnvelopeKind::kChangeSet && kind != EnvelopeKind::kApproval &&
      kind != EnvelopeKind::kRejection) {
    return Status::Ok();
  }
  Result<Envelope> env = DecodeEnvelope(entry);
  if (!env.ok()) return Undecodable();
  if (env->kind != kind) {
    return Undecodable();
  }
  switch (kind) {
    case EnvelopeKind::kChangeSet:
      return IndexChangeSet(db, index, env->body);
    case EnvelopeKind::kApproval:
      return IndexApproval(db, index, env->body);
    default:
      return IndexRejection(db, index, env->body);
  }
}

Status BackfillRowHistory(HubDb& db) {
  GK_ASSIGN_OR_RETURN(bool pending, BackfillPending(db));
  if (!pending) return Status::Ok();
  Transaction tx(db.db());
  GK_RETURN_IF_ERROR(tx.status());
  // Re-checked inside the transaction: another process may have done it.
  GK_ASSIGN_OR_RETURN(pending, BackfillPending(db));
  if (!pending) return Status::Ok();
  GK_RETURN_IF_ERROR(db.db().Exec("DELETE FROM row_changes"));
  GK_ASSIGN_OR_RETURN(uint64_t size, LogSize(db));
  constexpr size_t kChunkBytes = 8 << 20;
  for (uint64_t next = 0; next < size;) {
    GK_ASSIGN_OR_RETURN(std::vector<LogEntry> entries,
                        ReadLogEntries(db, next, size, kChunkBytes));
    if (entries.empty()) break;
    for (const LogEntry& e : entries) {
      GK_RETURN_IF_ERROR(IndexRowHistory(db, e.index, e.kind, e.entry));
    }
    next = entries.back().index + 1;
  }
  GK_ASSIGN_OR_RETURN(Stmt done, db.Prepare("DELETE FROM meta WHERE key = ?"));
  done->Bind(1, std::string_view(kBackfillKey));
  GK_RETURN_IF_ERROR(done->Run());
  return tx.Commit();
}

Status CreateScratchRowChanges(HubDb& db) {
  // Migration 10's own text, as TEMP and without the references.
  const std::string table = "CREATE TABLE row_changes (";
  const std::string end = ") WITHOUT ROWID;";
  for (const std::string& migration : HubSchemaMigrations()) {
    const size_t at = migration.find(table);
    const size_t stop = migration.find(end, at);
    if (at == std::string::npos || stop == std::string::npos) continue;
    std::string sql = migration.substr(at, stop + end.size() - at);
    sql.replace(0, table.size(), "CREATE TEMP TABLE row_changes (");
    for (const std::string ref = " REFERENCES log_entries(idx)";;) {
      const size_t r = sql.find(ref);
      if (r == std::string::npos) break;
      sql.erase(r, ref.size());
    }
    GK_RETURN_IF_ERROR(db.db().Exec(sql));
    return db.db().Exec(
        "CREATE INDEX temp.row_changes_by_changeset ON row_changes(changeset, op_index)");
  }
  return Internal("no_row_changes_schema", "程序内没有 row_changes 表的定义");
}

Status RebuildRowHistory(HubDb& db) {
  {
    Transaction tx(db.db());
    GK_RETURN_IF_ERROR(tx.status());
    GK_ASSIGN_OR_RETURN(Stmt ask,
                        db.Prepare("INSERT OR IGNORE INTO meta (key, value) VALUES (?, x'01')"));
    ask->Bind(1, std::string_view(kBackfillKey));
    GK_RETURN_IF_ERROR(ask->Run());
    GK_RETURN_IF_ERROR(tx.Commit());
  }
  return BackfillRowHistory(db);
}

Result<std::optional<StoredRowHistory>> ReadRowHistory(HubDb& db, const std::string& row_id) {
  GK_ASSIGN_OR_RETURN(
      Stmt st, db.Prepare("SELECT log_index, op_index, changeset, station, seq, created_at, note, "
                          "kind, field, old_value, new_value, created_row, retire_base, state, "
                          "decision_index, version, admin, decided_at, reason, resolution, "
                          "resolution_value FROM row_changes WHERE row_id = ? "
                          "ORDER BY log_index, op_index"));
  st->Bind(1, row_id);
  StoredRowHistory h;
  for (;;) {
    GK_ASSIGN_OR_RETURN(bool has, st->Step());
    if (!has) break;
    ++h.rows_read;
    RowChange c;
    c.log_index = static_cast<uint64_t>(st->ColumnInt(0));
    c.op_index = static_cast<uint32_t>(st->ColumnInt(1));
    c.changeset_id = HexEncode(st->ColumnBlob(2));
    c.station = st->ColumnText(3);
    c.seq = static_cast<uint64_t>(st->ColumnInt(4));
    c.created_at = st->ColumnInt(5);
    c.note = st->ColumnText(6);
    c.kind = static_cast<RowOpKind>(st->ColumnInt(7));
    if (c.kind == RowOpKind::kSet) {
      c.field = static_cast<Field>(st->ColumnInt(8));
      c.field_key = Spec(*c.field).key;
      c.field_label = Spec(*c.field).label;
      c.old_value = st->ColumnText(9);
      c.new_value = st->ColumnText(10);
    } else if (c.kind == RowOpKind::kCreate) {
      Bytes body = st->ColumnBlob(11);
      WireReader r(body);
      Row row;
      DecodeRow(r, &row, /*validate=*/false);
      if (!r.Finish().ok()) {
        return DataLoss("db_corrupt", "条目 " + row_id + " 的历史记录无法解析；请管理员运行 "
                                      "gongkai-hub check (row_changes row does not decode)");
      }
      c.created_row = std::move(row);
    } else {
      c.retire_base = st->ColumnText(12);
    }
    RowDecision& d = c.decision;
    d.state = static_cast<DecisionState>(st->ColumnInt(13));
    if (d.state != DecisionState::kPending) {
      d.log_index = static_cast<uint64_t>(st->ColumnInt(14));
      d.admin = st->ColumnText(16);
      d.decided_at = st->ColumnInt(17);
    }
    if (d.state == DecisionState::kApproved) {
      d.version = static_cast<uint64_t>(st->ColumnInt(15));
      if (!st->ColumnIsNull(19)) {
        d.resolution = static_cast<ResolutionAction>(st->ColumnInt(19));
        d.resolution_value = st->ColumnText(20);
      }
    }
    if (d.state == DecisionState::kRejected) d.reason = st->ColumnText(18);
    h.changes.push_back(std::move(c));
  }
  if (h.changes.empty()) return std::optional<StoredRowHistory>();

  GK_ASSIGN_OR_RETURN(Stmt row_st, db.Prepare("SELECT body, (SELECT MAX(version) FROM versions) "
                                              "FROM approved_rows WHERE id = ?"));
  row_st->Bind(1, row_id);
  GK_ASSIGN_OR_RETURN(bool approved, row_st->Step());
  if (approved) {
    ++h.rows_read;
    Bytes body = row_st->ColumnBlob(0);
    WireReader r(body);
    Row row;
    DecodeRow(r, &row);
    if (!r.Finish().ok() || row.id != row_id) {
      return DataLoss("db_corrupt", "已批准的条目 " + row_id + " 无法解析；请管理员运行 "
                                    "gongkai-hub check (approved row does not decode)");
    }
    h.approved_row = std::move(row);
    h.approved_version = static_cast<uint64_t>(row_st->ColumnInt(1));
  }
  return std::optional<StoredRowHistory>(std::move(h));
}

}  // namespace gongkai::hub
