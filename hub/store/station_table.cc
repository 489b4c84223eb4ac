#include "hub/store/station_table.h"

#include <algorithm>

namespace gongkai::hub {
namespace {

#define GK_STATION_COLUMNS                                                                \
  "SELECT id, unit, public_key, enrolled_by, enrolled_at, enrollment_index, revoked_by, " \
  "revoked_at, revoke_reason, revocation_index FROM stations "
constexpr const char* kFindById = GK_STATION_COLUMNS "WHERE id = ?";
constexpr const char* kFindByKey = GK_STATION_COLUMNS "WHERE public_key = ?";
constexpr const char* kListAll = GK_STATION_COLUMNS "ORDER BY id";
#undef GK_STATION_COLUMNS

Result<StationRecord> FromRow(const Statement& st) {
  StationRecord s;
  s.id = st.ColumnText(0);
  s.unit = st.ColumnText(1);
  Bytes key = st.ColumnBlob(2);
  if (key.size() != s.key.size()) {
    return DataLoss("db_corrupt", "站点公钥长度错误 (bad station key): " + s.id);
  }
  std::copy(key.begin(), key.end(), s.key.begin());
  s.enrolled_by = st.ColumnText(3);
  s.enrolled_at = st.ColumnInt(4);
  s.enrollment_index = static_cast<uint64_t>(st.ColumnInt(5));
  s.revoked = !st.ColumnIsNull(9);
  if (s.revoked) {
    s.revoked_by = st.ColumnText(6);
    s.revoked_at = st.ColumnInt(7);
    s.revoke_reason = st.ColumnText(8);
    s.revocation_index = static_cast<uint64_t>(st.ColumnInt(9));
  }
  return s;
}

Result<std::optional<StationRecord>> FindOne(Stmt& st) {
  GK_ASSIGN_OR_RETURN(bool row, st->Step());
  if (!row) return std::optional<StationRecord>();
  GK_ASSIGN_OR_RETURN(StationRecord s, FromRow(*st));
  return std::optional<StationRecord>(std::move(s));
}

}  // namespace

Status InsertStation(HubDb& db, const StationRecord& s) {
  GK_ASSIGN_OR_RETURN(Stmt st,
                      db.Prepare("INSERT INTO stations (id, unit, public_key, enrolled_by, "
                                 "enrolled_at, enrollment_index) VALUES (?, ?, ?, ?, ?, ?)"));
  st->BindAll(s.id, s.unit, Bytes(s.key.begin(), s.key.end()), s.enrolled_by, s.enrolled_at,
              static_cast<int64_t>(s.enrollment_index));
  return st->Run();
}

Status ReEnrollStation(HubDb& db, const StationRecord& s) {
  GK_ASSIGN_OR_RETURN(Stmt st,
                      db.Prepare("UPDATE stations SET unit = ?, public_key = ?, enrolled_by = ?, "
                                 "enrolled_at = ?, enrollment_index = ?, revoked_by = NULL, "
                                 "revoked_at = NULL, revoke_reason = NULL, revocation_index = NULL "
                                 "WHERE id = ? AND revocation_index IS NOT NULL"));
  st->BindAll(s.unit, Bytes(s.key.begin(), s.key.end()), s.enrolled_by, s.enrolled_at,
              static_cast<int64_t>(s.enrollment_index), s.id);
  GK_RETURN_IF_ERROR(st->Run());
  if (db.db().Changes() != 1) {
    return NotFound("unknown_station", "没有这个已撤销的站点: " + s.id);
  }
  return Status::Ok();
}

Status MarkStationRevoked(HubDb& db, const std::string& id, const std::string& admin,
                          int64_t revoked_at, const std::string& reason, uint64_t log_index) {
  GK_ASSIGN_OR_RETURN(Stmt st, db.Prepare("UPDATE stations SET revoked_by = ?, revoked_at = ?, "
                                          "revoke_reason = ?, revocation_index = ? "
                                          "WHERE id = ? AND revocation_index IS NULL"));
  st->BindAll(admin, revoked_at, reason, static_cast<int64_t>(log_index), id);
  GK_RETURN_IF_ERROR(st->Run());
  if (db.db().Changes() != 1) {
    return NotFound("unknown_station", "没有这个站点，或它已被撤销: " + id);
  }
  return Status::Ok();
}

Result<std::optional<StationRecord>> FindStation(HubDb& db, const std::string& id) {
  GK_ASSIGN_OR_RETURN(Stmt st, db.Prepare(kFindById));
  st->Bind(1, id);
  return FindOne(st);
}

Result<std::optional<StationRecord>> FindStationByKey(HubDb& db, const PublicKey& key) {
  GK_ASSIGN_OR_RETURN(Stmt st, db.Prepare(kFindByKey));
  st->Bind(1, Bytes(key.begin(), key.end()));
  return FindOne(st);
}

Result<std::vector<StationRecord>> ListStations(HubDb& db) {
  GK_ASSIGN_OR_RETURN(Stmt st, db.Prepare(kListAll));
  std::vector<StationRecord> out;
  for (;;) {
    GK_ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) break;
    GK_ASSIGN_OR_RETURN(StationRecord s, FromRow(*st));
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace gongkai::hub
