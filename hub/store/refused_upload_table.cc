#include "hub/store/refused_upload_table.h"

#include <algorithm>
#include <map>

#include "hub/store/station_table.h"

namespace gongkai::hub {
namespace {

constexpr const char* kUnenrolled = "station NOT IN (SELECT id FROM stations)";

Result<bool> HasRows(HubDb& db, const std::string& station) {
  GK_ASSIGN_OR_RETURN(Stmt st,
                      db.Prepare("SELECT 1 FROM refused_uploads WHERE station = ? LIMIT 1"));
  st->Bind(1, station);
  return st->Step();
}

Result<bool> IsEnrolled(HubDb& db, const std::string& station) {
  GK_ASSIGN_OR_RETURN(Stmt st, db.Prepare("SELECT 1 FROM stations WHERE id = ?"));
  st->Bind(1, station);
  return st->Step();
}

// Makes room for one more unenrolled id: evicts the least recently seen.
Status MakeRoom(HubDb& db) {
  GK_ASSIGN_OR_RETURN(Stmt count, db.Prepare(std::string("SELECT COUNT(DISTINCT station) FROM "
                                                         "refused_uploads WHERE ") +
                                             kUnenrolled));
  GK_ASSIGN_OR_RETURN(bool row, count->Step());
  int64_t n = row ? count->ColumnInt(0) : 0;
  for (; n >= static_cast<int64_t>(kMaxUnenrolledStations); --n) {
    std::string victim;
    {
      GK_ASSIGN_OR_RETURN(
          Stmt oldest,
          db.Prepare(std::string("SELECT station FROM refused_uploads WHERE ") + kUnenrolled +
                     " GROUP BY station ORDER BY MAX(last_at), station LIMIT 1"));
      GK_ASSIGN_OR_RETURN(bool found, oldest->Step());
      if (!found) break;
      victim = oldest->ColumnText(0);
    }
    GK_RETURN_IF_ERROR(ClearRefusedUploads(db, victim));
  }
  return Status::Ok();
}

Result<RefusedUpload> FromRow(const Statement& st) {
  RefusedUpload r;
  r.station = st.ColumnText(0);
  r.code = st.ColumnText(1);
  r.count = static_cast<uint64_t>(st.ColumnInt(2));
  r.first_at = st.ColumnInt(3);
  r.last_at = st.ColumnInt(4);
  r.seq = static_cast<uint64_t>(st.ColumnInt(5));
  r.message = st.ColumnText(6);
  if (!st.ColumnIsNull(7)) {
    Bytes key = st.ColumnBlob(7);
    PublicKey k{};
    if (key.size() != k.size()) {
      return DataLoss("db_corrupt", "拒收记录中的公钥长度错误 (bad key): " + r.station);
    }
    std::copy(key.begin(), key.end(), k.begin());
    r.key = k;
  }
  if (!st.ColumnIsNull(8)) r.unit = st.ColumnText(8);
  if (!st.ColumnIsNull(9)) {
    Bytes id = st.ColumnBlob(9);
    Hash32 h{};
    if (id.size() != h.size()) {
      return DataLoss("db_corrupt", "拒收记录中的变更集编号长度错误 (bad id): " + r.station);
    }
    std::copy(id.begin(), id.end(), h.begin());
    r.id = h;
  }
  if (!st.ColumnIsNull(10)) {
    std::string ops = st.ColumnText(10);
    size_t at = 0;
    while (at < ops.size()) {
      size_t comma = ops.find(',', at);
      if (comma == std::string::npos) comma = ops.size();
      std::string one = ops.substr(at, comma - at);
      if (one.empty() || one.size() > 9 ||
          one.find_first_not_of("0123456789") != std::string::npos) {
        return DataLoss("db_corrupt", "拒收记录中的操作序号格式错误 (bad ops): " + r.station);
      }
      r.ops.push_back(static_cast<size_t>(std::stoul(one)));
      at = comma + 1;
    }
  }
  return r;
}

constexpr const char* kColumns =
    "station, code, count, first_at, last_at, last_seq, last_message, station_key, unit, "
    "last_id, last_ops";

Result<std::vector<RefusedUpload>> ReadAll(Statement& st) {
  std::vector<RefusedUpload> out;
  for (;;) {
    GK_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    GK_ASSIGN_OR_RETURN(RefusedUpload r, FromRow(st));
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace

Status RecordRefusedUpload(HubDb& db, const RefusedUpload& r) {
  GK_ASSIGN_OR_RETURN(bool known, HasRows(db, r.station));
  if (!known) {
    GK_ASSIGN_OR_RETURN(bool enrolled, IsEnrolled(db, r.station));
    if (!enrolled) GK_RETURN_IF_ERROR(MakeRoom(db));
  }
  GK_ASSIGN_OR_RETURN(
      Stmt st,
      db.Prepare("INSERT INTO refused_uploads (station, code, count, first_at, last_at, last_seq, "
                 "last_message, station_key, unit, last_id, last_ops) "
                 "VALUES (?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?) "
                 "ON CONFLICT (station, code) DO UPDATE SET count = count + 1, "
                 "last_at = excluded.last_at, last_seq = excluded.last_seq, "
                 "last_message = excluded.last_message, "
                 "station_key = COALESCE(excluded.station_key, station_key), "
                 "unit = COALESCE(excluded.unit, unit), "
                 "last_id = excluded.last_id, last_ops = excluded.last_ops"));
  st->BindAll(r.station, r.code, r.last_at, r.last_at, static_cast<int64_t>(r.seq), r.message);
  if (r.key) {
    st->Bind(7, Bytes(r.key->begin(), r.key->end()));
  } else {
    st->BindNull(7);
  }
  if (r.unit) {
    st->Bind(8, *r.unit);
  } else {
    st->BindNull(8);
  }
  if (r.id) {
    st->Bind(9, Bytes(r.id->begin(), r.id->end()));
  } else {
    st->BindNull(9);
  }
  std::string ops;
  for (size_t op : r.ops) ops += (ops.empty() ? "" : ",") + std::to_string(op);
  if (r.ops.empty()) {
    st->BindNull(10);
  } else {
    st->Bind(10, ops);
  }
  return st->Run();
}

Status ClearRefusedUploads(HubDb& db, const std::string& station) {
  GK_ASSIGN_OR_RETURN(Stmt st, db.Prepare("DELETE FROM refused_uploads WHERE station = ?"));
  st->Bind(1, station);
  return st->Run();
}

Result<std::vector<RefusedUpload>> ListRefusedUploads(HubDb& db) {
  GK_ASSIGN_OR_RETURN(Stmt st, db.Prepare(std::string("SELECT ") + kColumns +
                                          " FROM refused_uploads ORDER BY station, last_at DESC, "
                                          "code"));
  return ReadAll(*st);
}

Result<std::vector<RefusedUpload>> ListStationRefusals(HubDb& db, const std::string& station) {
  GK_ASSIGN_OR_RETURN(Stmt st, db.Prepare(std::string("SELECT ") + kColumns +
                                          " FROM refused_uploads WHERE station = ? AND last_id "
                                          "IS NOT NULL ORDER BY last_seq, code"));
  st->Bind(1, station);
  return ReadAll(*st);
}

Result<std::vector<UploadAttempt>> ListUploadAttempts(HubDb& db) {
  GK_ASSIGN_OR_RETURN(std::vector<RefusedUpload> rows, ListRefusedUploads(db));
  GK_ASSIGN_OR_RETURN(std::vector<StationRecord> stations, ListStations(db));
  std::map<std::string, const StationRecord*> by_id;
  for (const StationRecord& s : stations) by_id[s.id] = &s;
  std::map<std::string, UploadAttempt> attempts;
  std::map<std::string, int64_t> key_at, unit_at;  // last_at of the row the key/unit came from
  for (const RefusedUpload& r : rows) {
    auto it = by_id.find(r.station);
    bool revoked = false;
    if (it != by_id.end()) {
      // An enrolled id is an attempt only while revoked and offering
      // another key (a re-initialised station waiting to be enrolled again).
      if (!it->second->revoked || !r.key || *r.key == it->second->key) continue;
      revoked = true;
    }
    auto [a, fresh] = attempts.try_emplace(r.station);
    UploadAttempt& at = a->second;
    if (fresh) {
      at.station = r.station;
      at.first_at = r.first_at;
      at.revoked = revoked;
    }
    at.count += r.count;
    at.first_at = std::min(at.first_at, r.first_at);
    at.last_at = std::max(at.last_at, r.last_at);
    if (r.key && (!at.key || r.last_at > key_at[r.station])) {
      at.key = r.key;
      key_at[r.station] = r.last_at;
    }
    if (r.unit && (!at.unit || r.last_at > unit_at[r.station])) {
      at.unit = r.unit;
      unit_at[r.station] = r.last_at;
    }
  }
  std::vector<UploadAttempt> out;
  for (auto& [id, a] : attempts) out.push_back(std::move(a));
  std::stable_sort(out.begin(), out.end(), [](const UploadAttempt& x, const UploadAttempt& y) {
    return x.last_at > y.last_at;
  });
  return out;
}

Result<std::optional<UploadAttempt>> FindUploadAttempt(HubDb& db, const std::string& station) {
  GK_ASSIGN_OR_RETURN(std::vector<UploadAttempt> all, ListUploadAttempts(db));
  for (UploadAttempt& a : all) {
    if (a.station == station) return std::optional<UploadAttempt>(std::move(a));
  }
  return std::optional<UploadAttempt>();
}

}  // namespace gongkai::hub
