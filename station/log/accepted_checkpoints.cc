#include "station/log/accepted_checkpoints.h"

#include <cstring>

#include "core/log/compact_range.h"

namespace gongkai::station {
namespace {

Result<AcceptedCheckpoint> FromRow(Statement& st) {
  AcceptedCheckpoint a;
  a.checkpoint.size = static_cast<uint64_t>(st.ColumnInt(0));
  Bytes root = st.ColumnBlob(1);
  a.checkpoint.catalog_version = static_cast<uint64_t>(st.ColumnInt(2));
  Bytes hash = st.ColumnBlob(3);
  a.note = st.ColumnText(4);
  a.accepted_at = st.ColumnInt(5);
  if (root.size() != 32 || hash.size() != 32) {
    return DataLoss("store_corrupt", "本站保存的检查点已损坏 (accepted checkpoint damaged)");
  }
  std::memcpy(a.checkpoint.root.data(), root.data(), 32);
  std::memcpy(a.checkpoint.catalog_hash.data(), hash.data(), 32);
  // The origin is in the note's first line.
  a.checkpoint.origin = a.note.substr(0, a.note.find('\n'));
  // A frontier that does not fold to the root is not used: the station
  // then asks for an answer that brings one (format 2).
  if (!st.ColumnIsNull(6)) {
    Bytes raw = st.ColumnBlob(6);
    std::vector<Hash32> hashes(raw.size() / 32);
    for (size_t i = 0; i < hashes.size(); ++i) {
      std::memcpy(hashes[i].data(), raw.data() + 32 * i, 32);
    }
    Result<CompactRange> range = CompactRange::FromHashes(a.checkpoint.size, hashes);
    if (raw.size() % 32 == 0 && range.ok() && range->Root() == a.checkpoint.root) {
      a.frontier = std::move(hashes);
    }
  }
  return a;
}

constexpr const char* kColumns =
    "SELECT size, root, catalog_version, catalog_hash, note, accepted_at, frontier FROM "
    "accepted_checkpoints ";

Bytes FrontierBytes(const std::vector<Hash32>& hashes) {
  Bytes out;
  for (const Hash32& h : hashes) out.insert(out.end(), h.begin(), h.end());
  return out;
}

}  // namespace

Result<std::optional<AcceptedCheckpoint>> LatestAcceptedCheckpoint(Database& db) {
  GK_ASSIGN_OR_RETURN(Statement st,
                      db.Prepare(std::string(kColumns) + "ORDER BY size DESC LIMIT 1"));
  GK_ASSIGN_OR_RETURN(bool row, st.Step());
  if (!row) return std::optional<AcceptedCheckpoint>();
  GK_ASSIGN_OR_RETURN(AcceptedCheckpoint a, FromRow(st));
  return std::optional<AcceptedCheckpoint>(std::move(a));
}

Result<std::vector<AcceptedCheckpoint>> AcceptedCheckpoints(Database& db) {
  GK_ASSIGN_OR_RETURN(Statement st, db.Prepare(std::string(kColumns) + "ORDER BY size"));
  std::vector<AcceptedCheckpoint> out;
  for (;;) {
    GK_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    GK_ASSIGN_OR_RETURN(AcceptedCheckpoint a, FromRow(st));
    out.push_back(std::move(a));
  }
  return out;
}

Status RecordAcceptedCheckpoint(Database& db, const AcceptedCheckpoint& accepted) {
  const Checkpoint& cp = accepted.checkpoint;
  const std::string& note = accepted.note;
  auto add_frontier = [&]() -> Status {
    if (!accepted.frontier) return Status::Ok();
    GK_ASSIGN_OR_RETURN(Statement st, db.Prepare("UPDATE accepted_checkpoints SET frontier = ? "
                                                 "WHERE size = ? AND frontier IS NULL"));
    st.BindAll(FrontierBytes(*accepted.frontier), static_cast<int64_t>(cp.size));
    return st.Run();
  };
  {
    GK_ASSIGN_OR_RETURN(Statement st,
                        db.Prepare("SELECT note FROM accepted_checkpoints WHERE size = ?"));
    st.Bind(1, static_cast<int64_t>(cp.size));
    GK_ASSIGN_OR_RETURN(bool row, st.Step());
    if (row) {
      // The same signed text is the same checkpoint, whatever cosignature
      // lines ride with it (they are added and refreshed after signing).
      const std::string held = st.ColumnText(0);
      if (held == note) return add_frontier();
      const size_t a = held.rfind("\n\n"), b = note.rfind("\n\n");
      if (a != std::string::npos && b != std::string::npos &&
          std::string_view(held).substr(0, a) == std::string_view(note).substr(0, b)) {
        return add_frontier();
      }
      return DataLoss("checkpoint_conflict",
                      "本站已接受过另一份 " + std::to_string(cp.size) + " 条的检查点");
    }
  }
  GK_ASSIGN_OR_RETURN(Statement st,
                      db.Prepare("INSERT INTO accepted_checkpoints (size, root, catalog_version, "
                                 "catalog_hash, note, accepted_at, frontier) "
                                 "VALUES (?, ?, ?, ?, ?, ?, ?)"));
  st.BindAll(static_cast<int64_t>(cp.size), cp.root);
  st.Bind(3, static_cast<int64_t>(cp.catalog_version)).Bind(4, cp.catalog_hash);
  st.Bind(5, note).Bind(6, accepted.accepted_at);
  if (accepted.frontier) {
    st.Bind(7, FrontierBytes(*accepted.frontier));
  } else {
    st.BindNull(7);
  }
  return st.Run();
}

Status RecordLogAlarm(Database& db, const Status& alarm, const std::string& note, int64_t now) {
  GK_ASSIGN_OR_RETURN(Statement st, db.Prepare("INSERT INTO log_alarms (reason, message, note, "
                                               "raised_at) VALUES (?, ?, ?, ?)"));
  st.BindAll(alarm.reason(), alarm.message(), note, now);
  return st.Run();
}

Result<std::vector<LogAlarm>> LogAlarms(Database& db) {
  GK_ASSIGN_OR_RETURN(Statement st, db.Prepare("SELECT alarm_id, reason, message, note, raised_at "
                                               "FROM log_alarms ORDER BY alarm_id"));
  std::vector<LogAlarm> out;
  for (;;) {
    GK_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    out.push_back(LogAlarm{st.ColumnInt(0), st.ColumnText(1), st.ColumnText(2), st.ColumnText(3),
                           st.ColumnInt(4)});
  }
  return out;
}

}  // namespace gongkai::station
