#include "hub/store/changeset_table.h"

#include <algorithm>

namespace gongkai::hub {
namespace {

#define GK_CHANGESET_COLUMNS \
  "SELECT station, seq, id, log_index, base_version, op_count, received_at FROM changesets "
constexpr const char* kFind = GK_CHANGESET_COLUMNS "WHERE station = ? AND seq = ?";
constexpr const char* kLast = GK_CHANGESET_COLUMNS "WHERE station = ? ORDER BY seq DESC LIMIT 1";
constexpr const char* kList =
    GK_CHANGESET_COLUMNS "WHERE station = ? AND seq > ? ORDER BY seq LIMIT ?";
#undef GK_CHANGESET_COLUMNS

Result<AcceptedChangeSet> FromRow(const Statement& st) {
  AcceptedChangeSet cs;
  cs.station = st.ColumnText(0);
  cs.seq = static_cast<uint64_t>(st.ColumnInt(1));
  Bytes id = st.ColumnBlob(2);
  if (id.size() != cs.id.size()) return DataLoss("db_corrupt", "变更集编号长度错误 (bad id)");
  std::copy(id.begin(), id.end(), cs.id.begin());
  cs.log_index = static_cast<uint64_t>(st.ColumnInt(3));
  cs.base_version = static_cast<uint64_t>(st.ColumnInt(4));
  cs.op_count = static_cast<uint64_t>(st.ColumnInt(5));
  cs.received_at = st.ColumnInt(6);
  return cs;
}

Result<std::optional<AcceptedChangeSet>> FindOne(Stmt& st) {
  GK_ASSIGN_OR_RETURN(bool row, st->Step());
  if (!row) return std::optional<AcceptedChangeSet>();
  GK_ASSIGN_OR_RETURN(AcceptedChangeSet cs, FromRow(*st));
  return std::optional<AcceptedChangeSet>(std::move(cs));
}

}  // namespace

Status InsertChangeSet(HubDb& db, const AcceptedChangeSet& cs) {
  GK_ASSIGN_OR_RETURN(Stmt st, db.Prepare("INSERT INTO changesets (station, seq, id, log_index, "
                                          "base_version, op_count, received_at) "
                                          "VALUES (?, ?, ?, ?, ?, ?, ?)"));
  st->BindAll(cs.station, static_cast<int64_t>(cs.seq), cs.id, static_cast<int64_t>(cs.log_index),
              static_cast<int64_t>(cs.base_version), static_cast<int64_t>(cs.op_count),
              cs.received_at);
  return st->Run();
}

Result<std::optional<AcceptedChangeSet>> FindChangeSet(HubDb& db, const std::string& station,
                                                       uint64_t seq) {
  GK_ASSIGN_OR_RETURN(Stmt st, db.Prepare(kFind));
  st->BindAll(station, static_cast<int64_t>(seq));
  return FindOne(st);
}

Result<std::optional<AcceptedChangeSet>> LastChangeSet(HubDb& db, const std::string& station) {
  GK_ASSIGN_OR_RETURN(Stmt st, db.Prepare(kLast));
  st->Bind(1, station);
  return FindOne(st);
}

Result<std::vector<AcceptedChangeSet>> ListChangeSets(HubDb& db, const std::string& station,
                                                      uint64_t after, size_t limit) {
  GK_ASSIGN_OR_RETURN(Stmt st, db.Prepare(kList));
  // seq is stored as a signed 64-bit integer; anything above the largest
  // storable value has nothing after it.
  int64_t after_i =
      after > static_cast<uint64_t>(INT64_MAX) ? INT64_MAX : static_cast<int64_t>(after);
  st->BindAll(station, after_i, static_cast<int64_t>(limit));
  std::vector<AcceptedChangeSet> out;
  for (;;) {
    GK_ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) break;
    GK_ASSIGN_OR_RETURN(AcceptedChangeSet cs, FromRow(*st));
    out.push_back(std::move(cs));
  }
  return out;
}

}  // namespace gongkai::hub
