#include "hub/store/posting_table.h"

#include <algorithm>

#include "core/catalog/set_value.h"

namespace gongkai::hub {

const char* const kPostingSchemaMigration = R"sql(
CREATE TABLE IF NOT EXISTS postings (
  record_id     BLOB    PRIMARY KEY CHECK (length(record_id) = 32),
  changeset     BLOB    NOT NULL CHECK (length(changeset) = 32),
  op_index      INTEGER NOT NULL CHECK (op_index >= 0),
  log_index     INTEGER NOT NULL REFERENCES log_entries(idx),
  station       TEXT    NOT NULL,
  unit          TEXT    NOT NULL,
  row_id        TEXT    NOT NULL,
  period        TEXT    NOT NULL CHECK (period <> ''),
  period_key    TEXT    NOT NULL,
  posted        TEXT    NOT NULL,
  channels      TEXT    NOT NULL,
  display_from  TEXT    NOT NULL,
  display_to    TEXT    NOT NULL,
  note          TEXT    NOT NULL,
  supersedes    BLOB    CHECK (supersedes IS NULL OR length(supersedes) = 32),
  superseded_by BLOB    CHECK (superseded_by IS NULL OR length(superseded_by) = 32),
  received_at   INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS postings_by_period ON postings(period_key, row_id);
CREATE INDEX IF NOT EXISTS postings_by_row ON postings(row_id, log_index);
CREATE TABLE IF NOT EXISTS posting_attachments (
  record_id  BLOB    NOT NULL REFERENCES postings(record_id),
  position   INTEGER NOT NULL CHECK (position >= 0),
  sha256     BLOB    NOT NULL CHECK (length(sha256) = 32),
  size       INTEGER NOT NULL CHECK (size >= 1),
  media_type TEXT    NOT NULL,
  file_name  TEXT    NOT NULL,
  PRIMARY KEY (record_id, position)
) WITHOUT ROWID;
)sql";

namespace {

#define GK_POSTING_COLUMNS                                                                    \
  "SELECT record_id, changeset, op_index, log_index, station, unit, row_id, period, "         \
  "period_key, posted, channels, display_from, display_to, note, supersedes, superseded_by, " \
  "received_at FROM postings "

Result<Hash32> Hash(const Statement& st, int col) {
  Bytes b = st.ColumnBlob(col);
  Hash32 h{};
  if (b.size() != h.size()) return Status(Code::kInternal, "corrupt", "公开记录的哈希长度错误");
  std::copy(b.begin(), b.end(), h.begin());
  return h;
}

Result<StoredPosting> FromRow(HubDb& db, const Statement& st) {
  StoredPosting p;
  GK_ASSIGN_OR_RETURN(p.record_id, Hash(st, 0));
  GK_ASSIGN_OR_RETURN(p.changeset, Hash(st, 1));
  p.op_index = static_cast<uint64_t>(st.ColumnInt(2));
  p.log_index = static_cast<uint64_t>(st.ColumnInt(3));
  p.station = st.ColumnText(4);
  p.unit = st.ColumnText(5);
  p.op.row_id = st.ColumnText(6);
  p.op.period = st.ColumnText(7);
  p.period_key = st.ColumnText(8);
  p.op.posted = st.ColumnText(9);
  p.op.channels = SplitSetValue(st.ColumnText(10));
  p.op.display_from = st.ColumnText(11);
  p.op.display_to = st.ColumnText(12);
  p.op.note = st.ColumnText(13);
  if (!st.ColumnIsNull(14)) {
    GK_ASSIGN_OR_RETURN(Hash32 h, Hash(st, 14));
    p.op.supersedes = h;
  }
  if (!st.ColumnIsNull(15)) {
    GK_ASSIGN_OR_RETURN(Hash32 h, Hash(st, 15));
    p.superseded_by = h;
  }
  p.received_at = st.ColumnInt(16);
  GK_ASSIGN_OR_RETURN(Stmt a,
                      db.Prepare("SELECT sha256, size, media_type, file_name FROM "
                                 "posting_attachments WHERE record_id = ? ORDER BY position"));
  a->Bind(1, p.record_id);
  for (;;) {
    GK_ASSIGN_OR_RETURN(bool has, a->Step());
    if (!has) break;
    AttachmentRef ref;
    GK_ASSIGN_OR_RETURN(ref.sha256, Hash(*a, 0));
    ref.size = static_cast<uint64_t>(a->ColumnInt(1));
    ref.media_type = a->ColumnText(2);
    ref.file_name = a->ColumnText(3);
    p.op.attachments.push_back(std::move(ref));
  }
  return p;
}

Result<std::vector<StoredPosting>> Collect(HubDb& db, Stmt& st) {
  std::vector<StoredPosting> out;
  for (;;) {
    GK_ASSIGN_OR_RETURN(bool has, st->Step());
    if (!has) break;
    GK_ASSIGN_OR_RETURN(StoredPosting p, FromRow(db, *st));
    out.push_back(std::move(p));
  }
  return out;
}

std::string JoinChannels(const std::vector<std::string>& channels) {
  std::string s;
  for (const std::string& c : channels) s += (s.empty() ? "" : "、") + c;
  return s;
}

}  // namespace

Status InsertPosting(HubDb& db, const StoredPosting& p) {
  GK_ASSIGN_OR_RETURN(
      Stmt st, db.Prepare("INSERT INTO postings (record_id, changeset, op_index, log_index, "
                          "station, unit, row_id, period, period_key, posted, channels, "
                          "display_from, display_to, note, supersedes, superseded_by, "
                          "received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                          "NULL, ?)"));
  st->BindAll(p.record_id, p.changeset, static_cast<int64_t>(p.op_index),
              static_cast<int64_t>(p.log_index), p.station, p.unit, p.op.row_id, p.op.period,
              p.period_key, p.op.posted, JoinChannels(p.op.channels), p.op.display_from,
              p.op.display_to, p.op.note);
  if (p.op.supersedes) {
    st->Bind(15, *p.op.supersedes);
  } else {
    st->BindNull(15);
  }
  st->Bind(16, p.received_at);
  GK_RETURN_IF_ERROR(st->Run());
  GK_ASSIGN_OR_RETURN(Stmt a, db.Prepare("INSERT INTO posting_attachments (record_id, position, "
                                         "sha256, size, media_type, file_name) VALUES (?, ?, ?, "
                                         "?, ?, ?)"));
  for (size_t i = 0; i < p.op.attachments.size(); ++i) {
    const AttachmentRef& r = p.op.attachments[i];
    GK_RETURN_IF_ERROR(a->Reset());
    a->BindAll(p.record_id, static_cast<int64_t>(i), r.sha256, static_cast<int64_t>(r.size),
               r.media_type, r.file_name);
    GK_RETURN_IF_ERROR(a->Run());
  }
  if (p.op.supersedes) {
    GK_ASSIGN_OR_RETURN(Stmt u, db.Prepare("UPDATE postings SET superseded_by = ? "
                                           "WHERE record_id = ? AND superseded_by IS NULL"));
    u->BindAll(p.record_id, *p.op.supersedes);
    GK_RETURN_IF_ERROR(u->Run());
  }
  return Status::Ok();
}

Result<std::optional<StoredPosting>> FindPosting(HubDb& db, const Hash32& record_id) {
  GK_ASSIGN_OR_RETURN(Stmt st, db.Prepare(GK_POSTING_COLUMNS "WHERE record_id = ?"));
  st->Bind(1, record_id);
  GK_ASSIGN_OR_RETURN(std::vector<StoredPosting> found, Collect(db, st));
  if (found.empty()) return std::optional<StoredPosting>();
  return std::optional<StoredPosting>(std::move(found.front()));
}

Result<std::vector<StoredPosting>> PostingsForPeriod(HubDb& db, const std::string& period_key) {
  GK_ASSIGN_OR_RETURN(Stmt st,
                      db.Prepare(GK_POSTING_COLUMNS "WHERE period_key = ? ORDER BY log_index, "
                                                    "op_index"));
  st->Bind(1, period_key);
  return Collect(db, st);
}

Result<std::vector<StoredPosting>> LatestPostingsOfRow(HubDb& db, const std::string& row_id,
                                                       size_t limit) {
  GK_ASSIGN_OR_RETURN(
      Stmt st, db.Prepare(GK_POSTING_COLUMNS "WHERE row_id = ? AND superseded_by IS NULL "
                                             "ORDER BY log_index DESC, op_index DESC LIMIT ?"));
  st->BindAll(row_id, static_cast<int64_t>(limit));
  return Collect(db, st);
}

}  // namespace gongkai::hub
