#include "hub/store/merkle_backfill.h"

#include "core/log/merkle.h"
#include "hub/store/log_table.h"
#include "hub/store/node_store.h"

namespace gongkai::hub {
namespace {

constexpr uint64_t kChunk = 4096;

}  // namespace

Status BuildMissingNodes(HubDb& db) {
  SqliteNodeStore store(db);
  GK_ASSIGN_OR_RETURN(uint64_t leaves, store.LeafCount());
  GK_ASSIGN_OR_RETURN(uint64_t size, LogSize(db));
  if (leaves > size) {
    return DataLoss("merkle_nodes_ahead",
                    "默克尔树节点比日志记录多：日志有 " + std::to_string(size) + " 条，节点覆盖 " +
                        std::to_string(leaves) + " 条 (log entries are missing)");
  }
  while (leaves < size) {
    uint64_t end = std::min(size, leaves + kChunk);
    GK_ASSIGN_OR_RETURN(std::vector<LogEntry> entries, ReadLogEntries(db, leaves, end, 1ull << 30));
    if (entries.empty() || entries.front().index != leaves) {
      return DataLoss("log_entry_missing",
                      "日志缺少第 " + std::to_string(leaves) + " 条记录 (log entry missing)");
    }
    for (const LogEntry& e : entries) {
      if (e.index != leaves) {
        return DataLoss("log_entry_missing",
                        "日志缺少第 " + std::to_string(leaves) + " 条记录 (log entry missing)");
      }
      GK_RETURN_IF_ERROR(AppendLeaf(store, leaves, LeafHash(e.entry)));
      ++leaves;
    }
  }
  return Status::Ok();
}

Status BackfillMerkleNodes(HubDb& db) {
  {
    SqliteNodeStore store(db);
    GK_ASSIGN_OR_RETURN(uint64_t leaves, store.LeafCount());
    GK_ASSIGN_OR_RETURN(uint64_t size, LogSize(db));
    if (leaves >= size) return Status::Ok();
  }
  Transaction tx(db.db());
  GK_RETURN_IF_ERROR(tx.status());
  {
    // Re-checked inside the transaction: another process may have done it.
    SqliteNodeStore store(db);
    GK_ASSIGN_OR_RETURN(uint64_t leaves, store.LeafCount());
    GK_ASSIGN_OR_RETURN(uint64_t size, LogSize(db));
    if (leaves >= size) return Status::Ok();
  }
  GK_RETURN_IF_ERROR(BuildMissingNodes(db));
  return tx.Commit();
}

}  // namespace gongkai::hub
