#include "station/store/refused_changesets.h"

#include "core/changeset/changeset.h"
#include "core/changeset/refusal.h"
#include "core/record/envelope.h"
#include "station/store/edit_journal.h"
#include "station/store/outbox.h"

namespace gongkai::station {

const char* const kRefusedChangeSetsMigration = R"sql(
CREATE TABLE refused_changesets (
  refusal_id   INTEGER PRIMARY KEY,
  seq          INTEGER NOT NULL CHECK (seq >= 1),
  changeset_id BLOB    NOT NULL CHECK (length(changeset_id) = 32),
  envelope     BLOB    NOT NULL,
  note         TEXT    NOT NULL,
  created_at   INTEGER NOT NULL,
  role         TEXT    NOT NULL CHECK (role IN ('refused', 'withdrawn')),
  code         TEXT    NOT NULL,
  reason       TEXT    NOT NULL,
  at           INTEGER NOT NULL,
  resealed_as  INTEGER
);

CREATE TABLE held_rows (
  row_id     TEXT    PRIMARY KEY,
  refusal_id INTEGER NOT NULL REFERENCES refused_changesets(refusal_id),
  code       TEXT    NOT NULL,
  reason     TEXT    NOT NULL,
  held_at    INTEGER NOT NULL
) WITHOUT ROWID;

ALTER TABLE station ADD COLUMN refusal_code TEXT;
ALTER TABLE station ADD COLUMN refusal_message TEXT;
ALTER TABLE station ADD COLUMN refusal_at INTEGER;

-- Before this migration a refusal at ingest was recorded as 'rejected' and
-- stopped the station's chain for good. Those entries were never logged:
-- they go back to 'sealed' (their chain is intact) and the next sync
-- delivers them or returns their edits under the rules above. Only the
-- administrator's rejections (pulled, code rejected_by_admin) stay rejected.
UPDATE outbox SET state = 'sealed', reject_code = NULL, reject_reason = NULL
  WHERE state = 'rejected' AND coalesce(reject_code, '') <> 'rejected_by_admin';
)sql";

namespace {

struct Withdrawn {
  OutboxEntry entry;
  ChangeSet changeset;
  std::vector<std::pair<int64_t, std::string>> edits;  // edit_id, row_id
  int64_t refusal_id = 0;
};

Status Mismatch(const Refusal& r) {
  return DataLoss("receipt_mismatch", "镇服务器退回的变更集 (序号 " + std::to_string(r.seq) +
                                          ") 与本站发件箱中的不符，未做任何改动；请联系镇政务公开办");
}

Result<ChangeSet> DecodeStored(const OutboxEntry& e) {
  Result<Envelope> env = DecodeEnvelope(e.envelope);
  Result<ChangeSet> cs = env.ok() ? DecodeChangeSet(env->body) : Result<ChangeSet>(env.status());
  if (!cs.ok()) {
    return DataLoss("outbox_broken", "发件箱中的变更集 " + std::to_string(e.seq) +
                                         " 无法解析: " + cs.status().message());
  }
  return cs;
}

Result<std::vector<std::pair<int64_t, std::string>>> EditsOf(Database& db, uint64_t seq) {
  GK_ASSIGN_OR_RETURN(Statement st, db.Prepare("SELECT edit_id, row_id FROM edits "
                                               "WHERE changeset_seq = ? ORDER BY edit_id"));
  st.Bind(1, static_cast<int64_t>(seq));
  std::vector<std::pair<int64_t, std::string>> out;
  for (;;) {
    GK_ASSIGN_OR_RETURN(bool has, st.Step());
    if (!has) break;
    out.emplace_back(st.ColumnInt(0), st.ColumnText(1));
  }
  return out;
}

Result<int64_t> InsertRefused(Database& db, const OutboxEntry& e, const char* role,
                              const std::string& code, const std::string& reason, int64_t now) {
  GK_ASSIGN_OR_RETURN(Statement st,
                      db.Prepare("INSERT INTO refused_changesets(seq, changeset_id, envelope, "
                                 "note, created_at, role, code, reason, at) "
                                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  st.BindAll(static_cast<int64_t>(e.seq), e.changeset_id, e.envelope, e.note, e.created_at,
             std::string_view(role), code, reason, now);
  GK_RETURN_IF_ERROR(st.Run());
  return db.LastInsertRowId();
}

}  // namespace

Result<ReturnedChangeSets> ReturnRefusedChangeSet(Database& db, const std::string& station,
                                                  const PrivateKey& key, const Refusal& refusal,
                                                  int64_t now) {
  ReturnedChangeSets out;
  // The refused entry and everything after it.
  std::vector<Withdrawn> withdrawn;
  {
    GK_ASSIGN_OR_RETURN(std::vector<OutboxEntry> all, LoadOutbox(db));
    for (OutboxEntry& e : all) {
      if (e.seq < refusal.seq) continue;
      Withdrawn w;
      w.entry = std::move(e);
      withdrawn.push_back(std::move(w));
    }
  }
  if (withdrawn.empty() || withdrawn.front().entry.seq != refusal.seq ||
      withdrawn.front().entry.changeset_id != refusal.changeset_id) {
    return Mismatch(refusal);
  }
  auto in_flight = [](OutboxState s) { return s == OutboxState::kSealed || s == OutboxState::kSent; };
  if (!in_flight(withdrawn.front().entry.state)) return out;  // decided already: stale
  for (Withdrawn& w : withdrawn) {
    // The hub accepts a chain: nothing after a refused change set can be in it.
    if (!in_flight(w.entry.state)) return Mismatch(refusal);
    GK_ASSIGN_OR_RETURN(w.changeset, DecodeStored(w.entry));
    GK_ASSIGN_OR_RETURN(w.edits, EditsOf(db, w.entry.seq));
  }

  // The rows the refusal is about.
  const ChangeSet& refused = withdrawn.front().changeset;
  out.refused_postings = refused.postings.size();
  std::set<std::string> newly_held;
  for (size_t i : refusal.ops) {
    if (i < refused.ops.size()) newly_held.insert(OpRowId(refused.ops[i]));
  }
  if (newly_held.empty()) {
    for (const Op& op : refused.ops) newly_held.insert(OpRowId(op));
  }

  // 1. Out of the outbox, into refused_changesets; their edits pending.
  const std::string withdrawn_reason = "随第 " + std::to_string(refusal.seq) +
                                       " 号变更集一起撤回，已重新封存 (withdrawn with the refused "
                                       "change set and sealed again)";
  for (Withdrawn& w : withdrawn) {
    bool first = &w == &withdrawn.front();
    GK_ASSIGN_OR_RETURN(w.refusal_id,
                        InsertRefused(db, w.entry, first ? "refused" : "withdrawn",
                                      refusal.code, first ? refusal.reason : withdrawn_reason, now));
  }
  {
    GK_ASSIGN_OR_RETURN(Statement st,
                        db.Prepare("UPDATE edits SET state = 'pending', changeset_seq = NULL "
                                   "WHERE changeset_seq >= ?"));
    st.Bind(1, static_cast<int64_t>(refusal.seq));
    GK_RETURN_IF_ERROR(st.Run());
    GK_ASSIGN_OR_RETURN(Statement del, db.Prepare("DELETE FROM outbox WHERE seq >= ?"));
    del.Bind(1, static_cast<int64_t>(refusal.seq));
    GK_RETURN_IF_ERROR(del.Run());
  }

  // 2. Hold the rows. The hub's message names the first refused op; the
  // other rows get words of their own.
  std::string first_row = refusal.ops.empty() || refusal.ops.front() >= refused.ops.size()
                              ? std::string()
                              : OpRowId(refused.ops[refusal.ops.front()]);
  {
    GK_ASSIGN_OR_RETURN(Statement st,
                        db.Prepare("INSERT OR REPLACE INTO held_rows(row_id, refusal_id, code, "
                                   "reason, held_at) VALUES (?, ?, ?, ?, ?)"));
    for (const std::string& row : newly_held) {
      GK_RETURN_IF_ERROR(st.Reset());
      std::string reason = row == first_row || newly_held.size() == 1
                               ? refusal.reason
                               : RowRefusalLabel(refusal.code) + " (" + refusal.code + ")";
      st.BindAll(row, withdrawn.front().refusal_id, refusal.code, reason, now);
      GK_RETURN_IF_ERROR(st.Run());
    }
  }
  GK_ASSIGN_OR_RETURN(std::set<std::string> held, HeldRowIds(db));

  // 3. Re-seal what is not held, in the original order.
  GK_ASSIGN_OR_RETURN(OutboxTip tip, LoadOutboxTip(db));
  GK_ASSIGN_OR_RETURN(Statement mark_resealed,
                      db.Prepare("UPDATE refused_changesets SET resealed_as = ? "
                                 "WHERE refusal_id = ?"));
  for (Withdrawn& w : withdrawn) {
    ChangeSet cs = std::move(w.changeset);
    std::vector<Op> kept;
    for (Op& op : cs.ops) {
      if (!held.count(OpRowId(op))) kept.push_back(std::move(op));
    }
    // Postings (公开记录) of a withdrawn change set travel again; those of
    // the refused one stay in refused_changesets, where `records` shows the
    // hub's reason (a refusal of a mixed change set is about its postings
    // only when it names no edit).
    if (&w == &withdrawn.front()) cs.postings.clear();
    std::vector<int64_t> sealed_edits;
    for (const auto& [edit_id, row_id] : w.edits) {
      if (held.count(row_id)) {
        ++out.returned_edits;
      } else {
        sealed_edits.push_back(edit_id);
      }
    }
    if (kept.empty() && cs.postings.empty()) {
      // Every op was on a held row; edits of rows no op names (none in a
      // well-formed store) simply stay pending.
      continue;
    }
    cs.ops = std::move(kept);
    cs.seq = tip.seq + 1;
    cs.prev = tip.id;
    GK_RETURN_IF_ERROR(ValidateChangeSet(cs));
    cs.station = station;
    OutboxEntry e = SealedOutboxEntry(cs, key, w.entry.note, w.entry.created_at, now);
    GK_RETURN_IF_ERROR(InsertOutbox(db, e));
    GK_RETURN_IF_ERROR(MarkEditsSealed(db, sealed_edits, e.seq));
    GK_RETURN_IF_ERROR(mark_resealed.Reset());
    mark_resealed.BindAll(static_cast<int64_t>(e.seq), w.refusal_id);
    GK_RETURN_IF_ERROR(mark_resealed.Run());
    out.resealed.push_back(e.seq);
    tip = OutboxTip{e.seq, e.changeset_id};
  }
  out.refused_seq = refusal.seq;
  out.held_rows.assign(newly_held.begin(), newly_held.end());
  out.withdrawn = withdrawn.size() - 1;
  return out;
}

Result<std::vector<HeldRow>> LoadHeldRows(Database& db) {
  GK_ASSIGN_OR_RETURN(Statement st,
                      db.Prepare("SELECT h.row_id, h.code, h.reason, r.seq, h.held_at "
                                 "FROM held_rows h JOIN refused_changesets r "
                                 "ON r.refusal_id = h.refusal_id ORDER BY h.held_at, h.row_id"));
  std::vector<HeldRow> out;
  for (;;) {
    GK_ASSIGN_OR_RETURN(bool has, st.Step());
    if (!has) break;
    out.push_back(HeldRow{st.ColumnText(0), st.ColumnText(1), st.ColumnText(2),
                          static_cast<uint64_t>(st.ColumnInt(3)), st.ColumnInt(4)});
  }
  return out;
}

Result<std::set<std::string>> HeldRowIds(Database& db) {
  GK_ASSIGN_OR_RETURN(Statement st, db.Prepare("SELECT row_id FROM held_rows"));
  std::set<std::string> out;
  for (;;) {
    GK_ASSIGN_OR_RETURN(bool has, st.Step());
    if (!has) break;
    out.insert(st.ColumnText(0));
  }
  return out;
}

Status ReleaseHeldRows(Database& db, const std::set<std::string>& rows) {
  if (rows.empty()) return Status::Ok();
  GK_ASSIGN_OR_RETURN(Statement st, db.Prepare("DELETE FROM held_rows WHERE row_id = ?"));
  for (const std::string& row : rows) {
    GK_RETURN_IF_ERROR(st.Reset());
    st.Bind(1, row);
    GK_RETURN_IF_ERROR(st.Run());
  }
  return Status::Ok();
}

OutboxEntry SealedOutboxEntry(const ChangeSet& cs, const PrivateKey& key, std::string note,
                              int64_t created_at, int64_t now) {
  Bytes body = EncodeChangeSet(cs);
  OutboxEntry e;
  e.seq = cs.seq;
  e.changeset_id = ChangeSetId(body);
  e.prev = cs.prev;
  e.op_count = cs.op_count();
  e.note = std::move(note);
  e.created_at = created_at;
  e.state = OutboxState::kSealed;
  e.state_at = now;
  e.envelope =
      EncodeEnvelope(SignEnvelope(EnvelopeKind::kChangeSet, cs.station, std::move(body), key));
  return e;
}

Result<std::vector<RefusedChangeSet>> LoadRefusedChangeSets(Database& db) {
  GK_ASSIGN_OR_RETURN(Statement st,
                      db.Prepare("SELECT refusal_id, seq, changeset_id, note, role, code, reason, "
                                 "at, resealed_as FROM refused_changesets ORDER BY refusal_id"));
  std::vector<RefusedChangeSet> out;
  for (;;) {
    GK_ASSIGN_OR_RETURN(bool has, st.Step());
    if (!has) break;
    RefusedChangeSet r;
    r.refusal_id = st.ColumnInt(0);
    r.seq = static_cast<uint64_t>(st.ColumnInt(1));
    Bytes id = st.ColumnBlob(2);
    if (id.size() == r.changeset_id.size()) std::copy(id.begin(), id.end(), r.changeset_id.begin());
    r.note = st.ColumnText(3);
    r.role = st.ColumnText(4);
    r.code = st.ColumnText(5);
    r.reason = st.ColumnText(6);
    r.at = st.ColumnInt(7);
    if (!st.ColumnIsNull(8)) r.resealed_as = static_cast<uint64_t>(st.ColumnInt(8));
    out.push_back(std::move(r));
  }
  return out;
}

Status RecordStationRefusal(Database& db, const StationRefusal& r) {
  GK_ASSIGN_OR_RETURN(Statement st, db.Prepare("UPDATE station SET refusal_code = ?, "
                                               "refusal_message = ?, refusal_at = ?"));
  st.BindAll(r.code, r.message, r.at);
  return st.Run();
}

Status ClearStationRefusal(Database& db) {
  return db.Exec(
      "UPDATE station SET refusal_code = NULL, refusal_message = NULL, refusal_at = NULL "
      "WHERE refusal_code IS NOT NULL");
}

Result<std::optional<StationRefusal>> LoadStationRefusal(Database& db) {
  GK_ASSIGN_OR_RETURN(Statement st, db.Prepare("SELECT refusal_code, refusal_message, refusal_at "
                                               "FROM station WHERE refusal_code IS NOT NULL"));
  GK_ASSIGN_OR_RETURN(bool has, st.Step());
  if (!has) return std::optional<StationRefusal>();
  return std::optional<StationRefusal>(
      StationRefusal{st.ColumnText(0), st.ColumnText(1), st.ColumnInt(2)});
}

Result<bool> NeedsIntroduction(Database& db, const PublicKey& current) {
  GK_ASSIGN_OR_RETURN(std::optional<StationRefusal> last, LoadStationRefusal(db));
  if (last && IsEnrolmentRefusal(last->code)) return true;
  // The newest change set the hub decided: was it signed with this key?
  GK_ASSIGN_OR_RETURN(Statement st,
                      db.Prepare("SELECT envelope FROM outbox WHERE state IN "
                                 "('accepted', 'approved', 'rejected') ORDER BY seq DESC LIMIT 1"));
  GK_ASSIGN_OR_RETURN(bool has, st.Step());
  if (!has) return true;
  Result<Envelope> env = DecodeEnvelope(st.ColumnBlob(0));
  return !env.ok() || !VerifyEnvelope(*env, current).ok();
}

}  // namespace gongkai::station
