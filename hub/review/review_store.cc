#include "hub/review/review_store.h"

#include <algorithm>

#include "core/catalog/row_codec.h"
#include "core/changeset/changeset.h"
#include "core/codec/wire.h"
#include "core/record/envelope.h"

namespace gongkai::hub {
namespace {

Status Corrupt(const std::string& what) {
  return DataLoss("db_corrupt", "集镇中心数据库已损坏: " + what + " (database damaged)");
}

Result<Hash32> HashColumn(const Statement& st, int col) {
  Bytes b = st.ColumnBlob(col);
  Hash32 h{};
  if (b.size() != h.size()) return Corrupt("哈希长度错误");
  std::copy(b.begin(), b.end(), h.begin());
  return h;
}

#define GK_VERSION_COLUMNS                                                                  \
  "SELECT version, hash, parent_hash, log_index, admin, decided_at, note, changesets FROM " \
  "versions "

Result<VersionRecord> VersionFromRow(const Statement& st) {
  VersionRecord v;
  v.version = static_cast<uint64_t>(st.ColumnInt(0));
  GK_ASSIGN_OR_RETURN(v.hash, HashColumn(st, 1));
  GK_ASSIGN_OR_RETURN(v.parent_hash, HashColumn(st, 2));
  v.log_index = static_cast<uint64_t>(st.ColumnInt(3));
  v.admin = st.ColumnText(4);
  v.decided_at = st.ColumnInt(5);
  v.note = st.ColumnText(6);
  v.changesets = static_cast<uint64_t>(st.ColumnInt(7));
  return v;
}

#define GK_LOGGED_COLUMNS                                                                   \
  "SELECT c.station, c.seq, c.id, c.log_index, c.base_version, c.op_count, c.received_at, " \
  "l.entry FROM changesets c JOIN log_entries l ON l.idx = c.log_index "

Result<LoggedChangeSet> LoggedFromRow(const Statement& st) {
  LoggedChangeSet out;
  AcceptedChangeSet& m = out.meta;
  m.station = st.ColumnText(0);
  m.seq = static_cast<uint64_t>(st.ColumnInt(1));
  GK_ASSIGN_OR_RETURN(m.id, HashColumn(st, 2));
  m.log_index = static_cast<uint64_t>(st.ColumnInt(3));
  m.base_version = static_cast<uint64_t>(st.ColumnInt(4));
  m.op_count = static_cast<uint64_t>(st.ColumnInt(5));
  m.received_at = st.ColumnInt(6);
  out.envelope = st.ColumnBlob(7);
  Result<Envelope> env = DecodeEnvelope(out.envelope);
  if (!env.ok()) return Corrupt("日志第 " + std::to_string(m.log_index) + " 条无法解析");
  Result<ChangeSet> cs = DecodeChangeSet(env->body);
  if (!cs.ok()) return Corrupt("日志第 " + std::to_string(m.log_index) + " 条变更集无法解析");
  out.ics.id = m.id;
  out.ics.cs = std::move(cs).value();
  return out;
}

}  // namespace

Status InsertVersion(HubDb& db, const VersionRecord& v) {
  GK_ASSIGN_OR_RETURN(Stmt st, db.Prepare("INSERT INTO versions (version, hash, parent_hash, "
                                          "log_index, admin, decided_at, note, changesets) "
                                          "VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
  st->BindAll(static_cast<int64_t>(v.version), v.hash, v.parent_hash,
              static_cast<int64_t>(v.log_index), v.admin, v.decided_at, v.note,
              static_cast<int64_t>(v.changesets));
  return st->Run();
}

Result<std::optional<VersionRecord>> FindVersion(HubDb& db, uint64_t version) {
  GK_ASSIGN_OR_RETURN(Stmt st, db.Prepare(GK_VERSION_COLUMNS "WHERE version = ?"));
  st->Bind(1, static_cast<int64_t>(version));
  GK_ASSIGN_OR_RETURN(bool row, st->Step());
  if (!row) return std::optional<VersionRecord>();
  GK_ASSIGN_OR_RETURN(VersionRecord v, VersionFromRow(*st));
  return std::optional<VersionRecord>(std::move(v));
}

Result<ApprovedHead> LatestVersion(HubDb& db) {
  GK_ASSIGN_OR_RETURN(Stmt st, db.Prepare(GK_VERSION_COLUMNS "ORDER BY version DESC LIMIT 1"));
  GK_ASSIGN_OR_RETURN(bool row, st->Step());
  ApprovedHead head;
  if (!row) {
    head.hash = Catalog().Hash();
    return head;
  }
  GK_ASSIGN_OR_RETURN(VersionRecord v, VersionFromRow(*st));
  head.version = v.version;
  head.hash = v.hash;
  head.log_index = v.log_index;
  return head;
}

Result<std::vector<VersionRecord>> ListVersions(HubDb& db, uint64_t first, uint64_t last) {
  GK_ASSIGN_OR_RETURN(
      Stmt st, db.Prepare(GK_VERSION_COLUMNS "WHERE version BETWEEN ? AND ? ORDER BY version"));
  st->BindAll(static_cast<int64_t>(first), static_cast<int64_t>(last));
  std::vector<VersionRecord> out;
  for (;;) {
    GK_ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) break;
    GK_ASSIGN_OR_RETURN(VersionRecord v, VersionFromRow(*st));
    out.push_back(std::move(v));
  }
  return out;
}

Status InsertDecision(HubDb& db, const Decision& d) {
  GK_ASSIGN_OR_RETURN(Stmt st, db.Prepare("INSERT INTO decisions (changeset, decision, version, "
                                          "reason, log_index) VALUES (?, ?, ?, ?, ?)"));
  st->BindAll(d.changeset, d.approved ? "approved" : "rejected");
  if (d.approved) {
    st->Bind(3, static_cast<int64_t>(d.version)).BindNull(4);
  } else {
    st->BindNull(3).Bind(4, d.reason);
  }
  st->Bind(5, static_cast<int64_t>(d.log_index));
  return st->Run();
}

namespace {
Result<Decision> DecisionFromRow(const Statement& st) {
  Decision d;
  GK_ASSIGN_OR_RETURN(d.changeset, HashColumn(st, 0));
  d.approved = st.ColumnText(1) == "approved";
  if (!st.ColumnIsNull(2)) d.version = static_cast<uint64_t>(st.ColumnInt(2));
  if (!st.ColumnIsNull(3)) d.reason = st.ColumnText(3);
  d.log_index = static_cast<uint64_t>(st.ColumnInt(4));
  return d;
}
}  // namespace

Result<std::optional<Decision>> FindDecision(HubDb& db, const Hash32& changeset) {
  GK_ASSIGN_OR_RETURN(Stmt st, db.Prepare("SELECT changeset, decision, version, reason, log_index "
                                          "FROM decisions WHERE changeset = ?"));
  st->Bind(1, changeset);
  GK_ASSIGN_OR_RETURN(bool row, st->Step());
  if (!row) return std::optional<Decision>();
  GK_ASSIGN_OR_RETURN(Decision d, DecisionFromRow(*st));
  return std::optional<Decision>(std::move(d));
}

Result<std::vector<Decision>> RejectionsAfter(HubDb& db, std::optional<uint64_t> after) {
  GK_ASSIGN_OR_RETURN(Stmt st, db.Prepare("SELECT changeset, decision, version, reason, log_index "
                                          "FROM decisions WHERE decision = 'rejected' "
                                          "AND log_index > ? ORDER BY log_index"));
  st->Bind(1, after ? static_cast<int64_t>(*after) : int64_t{-1});
  std::vector<Decision> out;
  for (;;) {
    GK_ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) break;
    GK_ASSIGN_OR_RETURN(Decision d, DecisionFromRow(*st));
    out.push_back(std::move(d));
  }
  return out;
}

Result<std::vector<LoggedChangeSet>> ListUndecided(HubDb& db) {
  GK_ASSIGN_OR_RETURN(
      Stmt st, db.Prepare(GK_LOGGED_COLUMNS
                          "LEFT JOIN decisions d ON d.changeset = c.id "
                          "WHERE d.changeset IS NULL AND c.op_count > 0 ORDER BY c.log_index"));
  std::vector<LoggedChangeSet> out;
  for (;;) {
    GK_ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) break;
    GK_ASSIGN_OR_RETURN(LoggedChangeSet cs, LoggedFromRow(*st));
    out.push_back(std::move(cs));
  }
  return out;
}

Result<std::optional<LoggedChangeSet>> FindLoggedChangeSet(HubDb& db, const Hash32& id) {
  GK_ASSIGN_OR_RETURN(Stmt st, db.Prepare(GK_LOGGED_COLUMNS "WHERE c.id = ?"));
  st->Bind(1, id);
  GK_ASSIGN_OR_RETURN(bool row, st->Step());
  if (!row) return std::optional<LoggedChangeSet>();
  GK_ASSIGN_OR_RETURN(LoggedChangeSet cs, LoggedFromRow(*st));
  return std::optional<LoggedChangeSet>(std::move(cs));
}

Status PutResolution(HubDb& db, const StoredResolution& r) {
  GK_ASSIGN_OR_RETURN(Stmt st, db.Prepare("INSERT OR REPLACE INTO resolutions (changeset, "
                                          "op_index, action, value, admin, chosen_at) "
                                          "VALUES (?, ?, ?, ?, ?, ?)"));
  st->BindAll(r.resolution.changeset, static_cast<int64_t>(r.resolution.op_index),
              static_cast<int64_t>(r.resolution.action), r.resolution.value, r.admin, r.chosen_at);
  return st->Run();
}

Result<std::vector<StoredResolution>> ListResolutions(HubDb& db) {
  GK_ASSIGN_OR_RETURN(Stmt st,
                      db.Prepare("SELECT changeset, op_index, action, value, admin, "
                                 "chosen_at FROM resolutions ORDER BY changeset, op_index"));
  std::vector<StoredResolution> out;
  for (;;) {
    GK_ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) break;
    StoredResolution r;
    GK_ASSIGN_OR_RETURN(r.resolution.changeset, HashColumn(*st, 0));
    r.resolution.op_index = static_cast<uint32_t>(st->ColumnInt(1));
    int64_t action = st->ColumnInt(2);
    if (action < 1 || action > 3) return Corrupt("冲突处理方式无效");
    r.resolution.action = static_cast<ResolutionAction>(action);
    r.resolution.value = st->ColumnText(3);
    r.admin = st->ColumnText(4);
    r.chosen_at = st->ColumnInt(5);
    out.push_back(std::move(r));
  }
  return out;
}

Status DeleteResolutionsOf(HubDb& db, const Hash32& changeset) {
  GK_ASSIGN_OR_RETURN(Stmt st, db.Prepare("DELETE FROM resolutions WHERE changeset = ?"));
  st->Bind(1, changeset);
  return st->Run();
}

Result<Bytes> LogEntryBytes(HubDb& db, uint64_t index) {
  GK_ASSIGN_OR_RETURN(Stmt st, db.Prepare("SELECT entry FROM log_entries WHERE idx = ?"));
  st->Bind(1, static_cast<int64_t>(index));
  GK_ASSIGN_OR_RETURN(bool row, st->Step());
  if (!row) return Corrupt("缺少日志第 " + std::to_string(index) + " 条");
  return st->ColumnBlob(0);
}

#undef GK_VERSION_COLUMNS
#undef GK_LOGGED_COLUMNS

}  // namespace gongkai::hub
