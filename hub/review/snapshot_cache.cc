#include "hub/review/snapshot_cache.h"

#include <functional>

#include "core/catalog/catalog_snapshot.h"
#include "core/crypto/sha256.h"
#include "hub/review/catalog_history.h"

namespace gongkai::hub {
namespace {

Status RowsDamaged(uint64_t version) {
  return DataLoss("db_corrupt", "已批准目录与第 " + std::to_string(version) +
                                    " 版记录的哈希不符 (approved rows damaged)");
}

Result<int64_t> DataVersion(HubDb& db) {
  GK_ASSIGN_OR_RETURN(Stmt st, db.Prepare("PRAGMA data_version"));
  GK_ASSIGN_OR_RETURN(bool has, st->Step());
  if (!has) return Internal("sqlite", "PRAGMA data_version gave no row");
  return st->ColumnInt(0);
}

}  // namespace

Result<StreamedSnapshot> StreamApprovedSnapshot(
    HubDb& db, const std::function<void(std::string_view)>& sink) {
  StreamedSnapshot out;
  {
    GK_ASSIGN_OR_RETURN(Stmt count, db.Prepare("SELECT count(*) FROM approved_rows"));
    GK_ASSIGN_OR_RETURN(bool has, count->Step());
    if (has) out.rows = static_cast<uint64_t>(count->ColumnInt(0));
  }
  Sha256Hasher hasher;
  auto emit = [&](std::string_view bytes) {
    hasher.Update(bytes);
    if (sink) sink(bytes);
  };
  Bytes header = EncodeCatalogSnapshotHeader(out.rows);
  emit(std::string_view(reinterpret_cast<const char*>(header.data()), header.size()));
  // Each stored body is one row's archive: the flag byte 0x01, then the
  // row's encoding — in a snapshot the rows follow one flag byte.
  GK_ASSIGN_OR_RETURN(Stmt st, db.Prepare("SELECT body FROM approved_rows ORDER BY id"));
  uint64_t seen = 0;
  for (;; ++seen) {
    GK_ASSIGN_OR_RETURN(bool has, st->Step());
    if (!has) break;
    Bytes body = st->ColumnBlob(0);
    if (body.empty() || body[0] != 1) {
      return DataLoss("db_corrupt", "已批准的条目无法解析 (approved row is not an archive)");
    }
    emit(std::string_view(reinterpret_cast<const char*>(body.data()) + 1, body.size() - 1));
  }
  if (seen != out.rows) {
    return DataLoss("db_corrupt", "已批准的条目在读取时数目不符 (approved rows changed)");
  }
  out.hash = hasher.Finish();
  return out;
}

Result<std::shared_ptr<const CachedSnapshot>> SnapshotCache::Get(HubDb& db) {
  GK_ASSIGN_OR_RETURN(ApprovedHead head, LoggedLatestVersion(db));
  GK_ASSIGN_OR_RETURN(int64_t data_version, DataVersion(db));
  std::lock_guard<std::mutex> lock(mu_);
  const void* connection = &db.db();
  if (entry_ && entry_->version == head.version && entry_->hash == head.hash) {
    if (connection == checked_connection_ && data_version == checked_data_version_) {
      return entry_;
    }
    Result<StreamedSnapshot> now = StreamApprovedSnapshot(db, nullptr);
    if (!now.ok() || now->hash != entry_->hash) {
      entry_.reset();
      GK_RETURN_IF_ERROR(now.status());
      return RowsDamaged(head.version);
    }
    checked_connection_ = connection;
    checked_data_version_ = data_version;
    return entry_;
  }
  // Another version (or none yet): build it.
  entry_.reset();
  PieceDeflater deflater;
  GK_ASSIGN_OR_RETURN(StreamedSnapshot streamed,
                      StreamApprovedSnapshot(db, [&](std::string_view b) { deflater.Add(b); }));
  if (streamed.hash != head.hash) return RowsDamaged(head.version);
  auto built = std::make_shared<CachedSnapshot>();
  built->version = head.version;
  built->hash = head.hash;
  built->rows = streamed.rows;
  built->piece = deflater.Finish();
  ++builds_;
  entry_ = std::move(built);
  checked_connection_ = connection;
  checked_data_version_ = data_version;
  return entry_;
}

uint64_t SnapshotCache::builds() const {
  std::lock_guard<std::mutex> lock(mu_);
  return builds_;
}

}  // namespace gongkai::hub
