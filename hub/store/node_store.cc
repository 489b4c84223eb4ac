#include "hub/store/node_store.h"

#include <cstring>

#include "core/base/hex.h"

namespace gongkai::hub {

Result<std::optional<Hash32>> SqliteNodeStore::GetNode(uint32_t level, uint64_t index) {
  GK_ASSIGN_OR_RETURN(Stmt st,
                      db_.Prepare("SELECT hash FROM merkle_nodes WHERE level = ? AND idx = ?"));
  st->BindAll(static_cast<int64_t>(level), static_cast<int64_t>(index));
  GK_ASSIGN_OR_RETURN(bool row, st->Step());
  if (!row) return std::optional<Hash32>();
  Bytes b = st->ColumnBlob(0);
  if (b.size() != 32) {
    return DataLoss("db_corrupt", "默克尔树节点损坏 (merkle node (" + std::to_string(level) + ", " +
                                      std::to_string(index) + ") is not 32 bytes)");
  }
  Hash32 h;
  std::memcpy(h.data(), b.data(), 32);
  return std::optional<Hash32>(h);
}

Status SqliteNodeStore::PutNode(uint32_t level, uint64_t index, const Hash32& hash) {
  {
    GK_ASSIGN_OR_RETURN(
        Stmt st,
        db_.Prepare("INSERT OR IGNORE INTO merkle_nodes (level, idx, hash) VALUES (?, ?, ?)"));
    st->BindAll(static_cast<int64_t>(level), static_cast<int64_t>(index), hash);
    GK_RETURN_IF_ERROR(st->Run());
    if (db_.db().Changes() == 1) return Status::Ok();
  }
  GK_ASSIGN_OR_RETURN(std::optional<Hash32> existing, GetNode(level, index));
  if (existing && *existing == hash) return Status::Ok();
  return DataLoss("merkle_node_conflict", "默克尔树节点 (" + std::to_string(level) + ", " +
                                              std::to_string(index) +
                                              ") 已有不同的哈希，拒绝改写 (stored " +
                                              (existing ? HexEncode(*existing) : std::string("?")) +
                                              ", new " + HexEncode(hash) + ")");
}

Result<uint64_t> SqliteNodeStore::LeafCount() {
  GK_ASSIGN_OR_RETURN(
      Stmt st, db_.Prepare("SELECT COALESCE(MAX(idx) + 1, 0) FROM merkle_nodes WHERE level = 0"));
  GK_ASSIGN_OR_RETURN(bool row, st->Step());
  if (!row) return Internal("db_error", "merkle leaf count query returned nothing");
  return static_cast<uint64_t>(st->ColumnInt(0));
}

}  // namespace gongkai::hub
