#include "station/store/edit_journal.h"

#include "station/store/row_blob.h"

namespace gongkai::station {
namespace {

Status CorruptEdit(int64_t edit_id, const std::string& what) {
  return DataLoss("store_corrupt", "本地修改记录 " + std::to_string(edit_id) +
                                       " 已损坏 (journal entry corrupt): " + what);
}

// Reads kind, row_id, field, base, value, row_body from columns first..first+5.
Result<PendingEdit> ReadEdit(const Statement& st, int first, int64_t edit_id) {
  PendingEdit e;
  e.edit_id = edit_id;
  auto kind = EditKindFromName(st.ColumnText(first));
  if (!kind) return CorruptEdit(edit_id, "kind");
  e.kind = *kind;
  e.row_id = st.ColumnText(first + 1);
  if (e.kind == EditKind::kSet) {
    int64_t field = st.ColumnInt(first + 2);
    if (field < 0 || field >= static_cast<int64_t>(kFieldCount)) {
      return CorruptEdit(edit_id, "field");
    }
    e.field = static_cast<Field>(field);
    e.base = st.ColumnText(first + 3);
    e.value = st.ColumnText(first + 4);
  } else {
    GK_ASSIGN_OR_RETURN(e.row, DecodeRowBlob(st.ColumnBlob(first + 5)));
    if (e.row.id != e.row_id) return CorruptEdit(edit_id, "row id");
  }
  return e;
}

}  // namespace

Status JournalWriter::Append(const PendingEdit& e) {
  if (!insert_) {
    GK_ASSIGN_OR_RETURN(Statement action,
                        db_.Prepare("INSERT INTO actions(command, detail, created_at) "
                                    "VALUES (?, ?, ?)"));
    action.BindAll(command_, detail_, now_);
    GK_RETURN_IF_ERROR(action.Run());
    action_id_ = db_.LastInsertRowId();
    GK_ASSIGN_OR_RETURN(Statement ins,
                        db_.Prepare("INSERT INTO edits(action_id, kind, row_id, field, base, "
                                    "value, row_body) VALUES (?, ?, ?, ?, ?, ?, ?)"));
    insert_.emplace(std::move(ins));
  }
  Statement& ins = *insert_;
  GK_RETURN_IF_ERROR(ins.Reset());
  ins.BindAll(action_id_, std::string_view(EditKindName(e.kind)), e.row_id);
  if (e.kind == EditKind::kSet) {
    ins.Bind(4, static_cast<int64_t>(e.field)).Bind(5, e.base).Bind(6, e.value).BindNull(7);
  } else {
    ins.BindNull(4).BindNull(5).BindNull(6).Bind(7, EncodeRowBlob(e.row));
  }
  GK_RETURN_IF_ERROR(ins.Run());
  ++count_;
  return Status::Ok();
}

Status ForEachPendingEdit(Database& db, const std::function<Status(PendingEdit)>& visit) {
  GK_ASSIGN_OR_RETURN(Statement st,
                      db.Prepare("SELECT edit_id, kind, row_id, field, base, value, row_body "
                                 "FROM edits WHERE state = 'pending' ORDER BY edit_id"));
  for (;;) {
    GK_ASSIGN_OR_RETURN(bool has, st.Step());
    if (!has) break;
    GK_ASSIGN_OR_RETURN(PendingEdit e, ReadEdit(st, 1, st.ColumnInt(0)));
    GK_RETURN_IF_ERROR(visit(std::move(e)));
  }
  return Status::Ok();
}

Result<std::vector<PendingEdit>> LoadPendingEdits(Database& db) {
  std::vector<PendingEdit> out;
  GK_RETURN_IF_ERROR(ForEachPendingEdit(db, [&](PendingEdit e) {
    out.push_back(std::move(e));
    return Status::Ok();
  }));
  return out;
}

Result<int64_t> CountPendingEdits(Database& db) {
  GK_ASSIGN_OR_RETURN(Statement st,
                      db.Prepare("SELECT count(*) FROM edits WHERE state = 'pending'"));
  GK_ASSIGN_OR_RETURN(bool has, st.Step());
  return has ? st.ColumnInt(0) : 0;
}

Status MarkEditsSealed(Database& db, const std::vector<int64_t>& edit_ids, uint64_t seq) {
  GK_ASSIGN_OR_RETURN(Statement st,
                      db.Prepare("UPDATE edits SET state = 'sealed', changeset_seq = ? "
                                 "WHERE edit_id = ? AND state = 'pending'"));
  for (int64_t id : edit_ids) {
    GK_RETURN_IF_ERROR(st.Reset());
    st.BindAll(static_cast<int64_t>(seq), id);
    GK_RETURN_IF_ERROR(st.Run());
    if (db.Changes() != 1)
      return Internal("seal_lost_edit", "edit " + std::to_string(id) + " was not pending");
  }
  return Status::Ok();
}

Status MarkEditsCancelled(Database& db, const std::vector<int64_t>& edit_ids) {
  GK_ASSIGN_OR_RETURN(Statement st, db.Prepare("UPDATE edits SET state = 'cancelled' "
                                               "WHERE edit_id = ? AND state = 'pending'"));
  for (int64_t id : edit_ids) {
    GK_RETURN_IF_ERROR(st.Reset());
    st.Bind(1, id);
    GK_RETURN_IF_ERROR(st.Run());
    if (db.Changes() != 1)
      return Internal("seal_lost_edit", "edit " + std::to_string(id) + " was not pending");
  }
  return Status::Ok();
}

Result<std::vector<HistoryEntry>> LoadHistory(Database& db,
                                              const std::optional<std::string>& row_id) {
  std::string sql =
      "SELECT e.edit_id, e.action_id, a.command, a.detail, a.created_at, "
      "       e.kind, e.row_id, e.field, e.base, e.value, e.row_body, "
      "       e.state, e.changeset_seq, o.state, o.reject_reason, o.approved_version "
      "FROM edits e JOIN actions a ON a.action_id = e.action_id "
      "LEFT JOIN outbox o ON o.seq = e.changeset_seq ";
  sql += row_id ? "WHERE e.row_id = ? ORDER BY e.edit_id" : "ORDER BY e.edit_id";
  GK_ASSIGN_OR_RETURN(Statement st, db.Prepare(sql));
  if (row_id) st.Bind(1, *row_id);
  std::vector<HistoryEntry> out;
  for (;;) {
    GK_ASSIGN_OR_RETURN(bool has, st.Step());
    if (!has) break;
    HistoryEntry h;
    h.edit_id = st.ColumnInt(0);
    h.action_id = st.ColumnInt(1);
    h.command = st.ColumnText(2);
    h.detail = st.ColumnText(3);
    h.created_at = st.ColumnInt(4);
    GK_ASSIGN_OR_RETURN(h.edit, ReadEdit(st, 5, h.edit_id));
    h.state = st.ColumnText(11);
    if (!st.ColumnIsNull(12)) {
      h.changeset_seq = static_cast<uint64_t>(st.ColumnInt(12));
      h.state = st.ColumnText(13);
      h.reject_reason = st.ColumnText(14);
      if (!st.ColumnIsNull(15)) h.approved_version = static_cast<uint64_t>(st.ColumnInt(15));
    }
    out.push_back(std::move(h));
  }
  return out;
}

}  // namespace gongkai::station
