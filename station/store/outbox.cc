#include "station/store/outbox.h"

#include "core/base/hex.h"
#include "core/changeset/changeset.h"
#include "core/record/envelope.h"

namespace gongkai::station {
namespace {

constexpr const char* kColumns =
    "seq, changeset_id, prev, envelope, op_count, note, created_at, state, state_at, "
    "log_index, reject_code, reject_reason, approved_version";

Hash32 ToHash(const Bytes& b) {
  Hash32 h{};
  if (b.size() == h.size()) std::copy(b.begin(), b.end(), h.begin());
  return h;
}

Result<OutboxEntry> ReadEntry(const Statement& st) {
  OutboxEntry e;
  e.seq = static_cast<uint64_t>(st.ColumnInt(0));
  e.changeset_id = ToHash(st.ColumnBlob(1));
  e.prev = ToHash(st.ColumnBlob(2));
  e.envelope = st.ColumnBlob(3);
  e.op_count = static_cast<uint64_t>(st.ColumnInt(4));
  e.note = st.ColumnText(5);
  e.created_at = st.ColumnInt(6);
  auto state = OutboxStateFromName(st.ColumnText(7));
  if (!state) {
    return DataLoss("store_corrupt",
                    "发件箱记录 " + std::to_string(e.seq) + " 的状态无效 (outbox state corrupt)");
  }
  e.state = *state;
  e.state_at = st.ColumnInt(8);
  if (!st.ColumnIsNull(9)) e.log_index = static_cast<uint64_t>(st.ColumnInt(9));
  e.reject_code = st.ColumnText(10);
  e.reject_reason = st.ColumnText(11);
  if (!st.ColumnIsNull(12)) e.approved_version = static_cast<uint64_t>(st.ColumnInt(12));
  return e;
}

Status SetState(Database& db, uint64_t seq, OutboxState s, int64_t now) {
  GK_ASSIGN_OR_RETURN(Statement st,
                      db.Prepare("UPDATE outbox SET state = ?, state_at = ? WHERE seq = ?"));
  st.BindAll(std::string_view(OutboxStateName(s)), now, static_cast<int64_t>(seq));
  return st.Run();
}

}  // namespace

Result<std::optional<OutboxEntry>> LoadOutboxEntry(Database& db, uint64_t seq) {
  GK_ASSIGN_OR_RETURN(Statement st,
                      db.Prepare(std::string("SELECT ") + kColumns + " FROM outbox WHERE seq = ?"));
  st.Bind(1, static_cast<int64_t>(seq));
  GK_ASSIGN_OR_RETURN(bool has, st.Step());
  if (!has) return std::optional<OutboxEntry>();
  GK_ASSIGN_OR_RETURN(OutboxEntry e, ReadEntry(st));
  return std::optional<OutboxEntry>(std::move(e));
}

const char* OutboxStateName(OutboxState s) {
  switch (s) {
    case OutboxState::kSealed:
      return "sealed";
    case OutboxState::kSent:
      return "sent";
    case OutboxState::kAccepted:
      return "accepted";
    case OutboxState::kApproved:
      return "approved";
    case OutboxState::kRejected:
      return "rejected";
  }
  return "unknown";
}

std::optional<OutboxState> OutboxStateFromName(std::string_view name) {
  for (auto s : {OutboxState::kSealed, OutboxState::kSent, OutboxState::kAccepted,
                 OutboxState::kApproved, OutboxState::kRejected}) {
    if (name == OutboxStateName(s)) return s;
  }
  return std::nullopt;
}

Status InsertOutbox(Database& db, const OutboxEntry& e) {
  GK_ASSIGN_OR_RETURN(Statement st,
                      db.Prepare("INSERT INTO outbox(seq, changeset_id, prev, envelope, op_count, "
                                 "note, created_at, state, state_at) "
                                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  st.BindAll(static_cast<int64_t>(e.seq), e.changeset_id, e.prev, e.envelope,
             static_cast<int64_t>(e.op_count), e.note, e.created_at,
             std::string_view(OutboxStateName(e.state)), e.state_at);
  return st.Run();
}

Result<OutboxTip> LoadOutboxTip(Database& db) {
  GK_ASSIGN_OR_RETURN(Statement st,
                      db.Prepare("SELECT seq, changeset_id FROM outbox ORDER BY seq DESC LIMIT 1"));
  GK_ASSIGN_OR_RETURN(bool has, st.Step());
  OutboxTip tip;
  if (has) {
    tip.seq = static_cast<uint64_t>(st.ColumnInt(0));
    tip.id = ToHash(st.ColumnBlob(1));
  }
  return tip;
}

Status ForEachOutboxEntry(Database& db, const std::vector<OutboxState>& only,
                          const std::function<Status(OutboxEntry)>& visit) {
  std::string sql = std::string("SELECT ") + kColumns + " FROM outbox";
  if (!only.empty()) {
    sql += " WHERE state IN (";
    for (size_t i = 0; i < only.size(); ++i) {
      sql += std::string(i ? ", '" : "'") + OutboxStateName(only[i]) + "'";
    }
    sql += ")";
  }
  sql += " ORDER BY seq";
  GK_ASSIGN_OR_RETURN(Statement st, db.Prepare(sql));
  for (;;) {
    GK_ASSIGN_OR_RETURN(bool has, st.Step());
    if (!has) break;
    GK_ASSIGN_OR_RETURN(OutboxEntry e, ReadEntry(st));
    GK_RETURN_IF_ERROR(visit(std::move(e)));
  }
  return Status::Ok();
}

Result<std::vector<OutboxEntry>> LoadOutbox(Database& db, const std::vector<OutboxState>& only) {
  std::vector<OutboxEntry> out;
  GK_RETURN_IF_ERROR(ForEachOutboxEntry(db, only, [&](OutboxEntry e) {
    out.push_back(std::move(e));
    return Status::Ok();
  }));
  return out;
}

Status MarkOutboxSent(Database& db, uint64_t seq, int64_t now) {
  GK_ASSIGN_OR_RETURN(auto e, LoadOutboxEntry(db, seq));
  if (!e) return NotFound("unknown_seq", "发件箱中没有序号 " + std::to_string(seq));
  if (e->state != OutboxState::kSealed) return Status::Ok();  // already further along
  return SetState(db, seq, OutboxState::kSent, now);
}

Result<std::vector<uint64_t>> OpenRejectionSeqs(Database& db) {
  GK_ASSIGN_OR_RETURN(
      Statement st,
      db.Prepare("SELECT o.seq FROM outbox o WHERE o.state = 'rejected' AND EXISTS ("
                 "  SELECT 1 FROM edits e WHERE e.changeset_seq = o.seq AND NOT EXISTS ("
                 "    SELECT 1 FROM edits later WHERE later.row_id = e.row_id AND later.edit_id > "
                 "      (SELECT max(edit_id) FROM edits WHERE changeset_seq = o.seq))) "
                 "ORDER BY o.seq"));
  std::vector<uint64_t> out;
  for (;;) {
    GK_ASSIGN_OR_RETURN(bool has, st.Step());
    if (!has) break;
    out.push_back(static_cast<uint64_t>(st.ColumnInt(0)));
  }
  return out;
}

Status ApplyReceipt(Database& db, const Receipt& r, int64_t now) {
  GK_ASSIGN_OR_RETURN(auto e, LoadOutboxEntry(db, r.seq));
  if (!e) return NotFound("unknown_seq", "发件箱中没有序号 " + std::to_string(r.seq));
  if (e->changeset_id != r.changeset_id) {
    return DataLoss("receipt_mismatch",
                    "镇里回执的变更集 " + HexEncode(r.changeset_id) + " 与本站序号 " +
                        std::to_string(r.seq) + " 的变更集 " + HexEncode(e->changeset_id) +
                        " 不符，请联系镇政务公开办 (receipt does not match the outbox)");
  }
  if (!IsUndecided(e->state)) return Status::Ok();  // decided: receipts change nothing
  if (r.kind == Receipt::Kind::kRejected) {
    GK_ASSIGN_OR_RETURN(Statement st,
                        db.Prepare("UPDATE outbox SET state = 'rejected', state_at = ?, "
                                   "reject_code = ?, reject_reason = ? WHERE seq = ?"));
    st.BindAll(now, r.code, r.reason, static_cast<int64_t>(r.seq));
    return st.Run();
  }
  // A change set of posting records only has nothing for the town to
  // approve: the hub's acceptance is its final word (docs/postings.md).
  bool postings_only = false;
  if (Result<Envelope> env = DecodeEnvelope(e->envelope); env.ok()) {
    Result<ChangeSet> cs = DecodeChangeSet(env->body);
    postings_only = cs.ok() && cs->ops.empty();
  }
  GK_ASSIGN_OR_RETURN(
      Statement st,
      db.Prepare(postings_only
                     ? "UPDATE outbox SET state = 'approved', "
                       "state_at = ?, log_index = coalesce(?, log_index) "
                       "WHERE seq = ?"
                     : "UPDATE outbox SET state = 'accepted', "
                       "state_at = CASE WHEN state = 'accepted' THEN state_at ELSE ? END, "
                       "log_index = coalesce(?, log_index) WHERE seq = ?"));
  st.Bind(1, now);
  if (r.log_index) {
    st.Bind(2, static_cast<int64_t>(*r.log_index));
  } else {
    st.BindNull(2);
  }
  st.Bind(3, static_cast<int64_t>(r.seq));
  return st.Run();
}

Status MarkOutboxApproved(Database& db, const std::vector<ApprovedChangeSet>& approved,
                          int64_t now) {
  GK_ASSIGN_OR_RETURN(Statement st,
                      db.Prepare("UPDATE outbox SET state = 'approved', state_at = ?, "
                                 "approved_version = ? WHERE changeset_id = ? "
                                 "AND state IN ('sealed', 'sent', 'accepted')"));
  for (const ApprovedChangeSet& a : approved) {
    GK_RETURN_IF_ERROR(st.Reset());
    st.BindAll(now, static_cast<int64_t>(a.version), a.id);
    GK_RETURN_IF_ERROR(st.Run());
  }
  return Status::Ok();
}

}  // namespace gongkai::station
