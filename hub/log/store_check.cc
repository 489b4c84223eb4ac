#include "hub/log/store_check.h"

#include <algorithm>
#include <map>

#include "core/crypto/verifier_key.h"
#include "core/log/checkpoint.h"
#include "core/log/merkle.h"
#include "hub/log/checkpoints.h"
#include "hub/store/approved_rows_table.h"
#include "hub/store/log_table.h"
#include "hub/store/meta_table.h"
#include "hub/store/node_store.h"
#include "hub/store/row_history_table.h"

namespace gongkai::hub {
namespace {

struct Bad {
  std::string what;
  std::optional<uint64_t> index;
  // What to do; empty: stop, restore from the backup, tell the county.
  std::string remedy = {};
};

Result<std::optional<Bad>> Found(Bad bad) { return std::optional<Bad>(std::move(bad)); }

using Notes = std::map<uint64_t, std::string>;

// The signed notes by size (checkpoints table).
Result<Notes> SignedNotes(HubDb& db) {
  GK_ASSIGN_OR_RETURN(Stmt st, db.Prepare("SELECT size, note FROM checkpoints ORDER BY size"));
  Notes notes;
  for (;;) {
    GK_ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) break;
    notes[static_cast<uint64_t>(st->ColumnInt(0))] = st->ColumnText(1);
  }
  return notes;
}

Result<int64_t> Count(HubDb& db, const char* sql) {
  GK_ASSIGN_OR_RETURN(Stmt st, db.Prepare(sql));
  GK_ASSIGN_OR_RETURN(bool row, st->Step());
  return row ? st->ColumnInt(0) : 0;
}

// The first index in [0, n) with no row (the table has fewer than n rows).
Result<uint64_t> FirstHole(HubDb& db, uint64_t n) {
  GK_ASSIGN_OR_RETURN(Stmt st, db.Prepare("SELECT idx FROM log_entries ORDER BY idx"));
  uint64_t want = 0;
  for (;;) {
    GK_ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row || static_cast<uint64_t>(st->ColumnInt(0)) != want) return want;
    ++want;
  }
  return n;
}

Result<std::optional<Bad>> CheckRowHistory(HubDb& db, uint64_t n, StoreCheckReport& report);

Result<std::optional<Bad>> Check(HubDb& db, bool full, bool history, StoreCheckReport& report) {
  GK_ASSIGN_OR_RETURN(HubMeta meta, ReadMeta(db));
  GK_ASSIGN_OR_RETURN(uint64_t n, LogSize(db));
  report.entries = n;
  // 1. entries without a hole.
  GK_ASSIGN_OR_RETURN(int64_t rows, Count(db, "SELECT COUNT(*) FROM log_entries"));
  if (static_cast<uint64_t>(rows) != n) {
    GK_ASSIGN_OR_RETURN(uint64_t hole, FirstHole(db, n));
    return Found(Bad{"日志记录缺了第 " + std::to_string(hole) + " 条 (a log entry is missing)", hole});
  }
  // 2. nothing signed or stored beyond the end.
  SqliteNodeStore nodes(db);
  GK_ASSIGN_OR_RETURN(uint64_t leaves, nodes.LeafCount());
  GK_ASSIGN_OR_RETURN(Notes notes, SignedNotes(db));
  uint64_t signed_size = notes.empty() ? 0 : notes.rbegin()->first;
  if (leaves > n || signed_size > n) {
    return Found(Bad{"日志只有 " + std::to_string(n) + " 条，但本服务器曾为 " +
                   std::to_string(std::max(leaves, signed_size)) +
                   " 条的日志签名或建树：末尾的记录被删除了 (entries at the end were deleted: "
                   "the log was rewound)",
               n});
  }
  // 3. each entry is the leaf the tree holds.
  uint64_t from = full || n < kQuickLeaves ? 0 : n - kQuickLeaves;
  MemoryNodeStore recomputed;
  for (uint64_t i = full ? 0 : from; i < n; ++i) {
    GK_ASSIGN_OR_RETURN(std::optional<LogEntry> e, ReadLogEntry(db, i));
    if (!e) return Found(Bad{"日志记录缺了第 " + std::to_string(i) + " 条 (a log entry is missing)", i});
    Hash32 leaf = LeafHash(e->entry);
    GK_ASSIGN_OR_RETURN(std::optional<Hash32> stored, nodes.GetNode(0, i));
    if (stored && *stored != leaf) {
      return Found(Bad{"第 " + std::to_string(i) +
                     " 条日志记录与签名时的树不符：记录被改写或调换了 (the entry is not the leaf "
                     "the signed tree holds)",
                 i});
    }
    if (full) GK_RETURN_IF_ERROR(recomputed.Append(leaf));
    ++report.leaves_checked;
  }
  // 4. the tree at each signed size, and the notes' signatures.
  VerifierKey log_key = MakeVerifierKey(meta.origin, meta.log_key);
  for (auto it = notes.begin(); it != notes.end(); ++it) {
    if (!full && std::next(it) != notes.end()) continue;  // quick: the latest
    const auto& [size, note] = *it;
    Result<Checkpoint> cp = OpenCheckpoint(note, log_key, meta.origin);
    if (!cp.ok() || cp->size != size) {
      return Found(Bad{"保存的第 " + std::to_string(size) + " 条检查点签名无效 (" +
                     (cp.ok() ? std::string("size") : cp.status().reason()) +
                     ") (a stored checkpoint does not verify)",
                 std::nullopt});
    }
    GK_ASSIGN_OR_RETURN(Hash32 stored_root, Root(nodes, size));
    if (stored_root != cp->root) {
      return Found(Bad{"存储的默克尔树与 " + std::to_string(size) +
                     " 条时签名的根哈希不符 (the stored tree differs from a signed root)",
                 std::nullopt});
    }
    if (full) {
      GK_ASSIGN_OR_RETURN(Hash32 root, Root(recomputed, size));
      if (root != cp->root) {
        return Found(Bad{"日志记录重算的根哈希与 " + std::to_string(size) +
                       " 条时签名的不符 (the entries do not give the signed root)",
                   std::nullopt});
      }
    }
    ++report.notes_checked;
  }
  // 4b. (full) every stored Merkle node is the one the entries give: the
  // proofs `serve` sends are made of them, and check 4 reads only the
  // nodes on the way to each signed root.
  if (full) {
    GK_ASSIGN_OR_RETURN(
        Stmt st, db.Prepare("SELECT level, idx, hash FROM merkle_nodes ORDER BY level, idx"));
    for (;;) {
      GK_ASSIGN_OR_RETURN(bool has, st->Step());
      if (!has) break;
      const auto level = static_cast<uint32_t>(st->ColumnInt(0));
      const auto idx = static_cast<uint64_t>(st->ColumnInt(1));
      const Bytes stored = st->ColumnBlob(2);
      GK_ASSIGN_OR_RETURN(std::optional<Hash32> want, recomputed.GetNode(level, idx));
      if (!want || !std::equal(stored.begin(), stored.end(), want->begin(), want->end())) {
        const uint64_t first_leaf = level < 64 ? idx << level : 0;
        return Found(Bad{"存储的默克尔树节点（第 " + std::to_string(level) + " 层第 " +
                             std::to_string(idx) +
                             " 个）与日志记录重算的不符，证明会出错 (a stored Merkle node "
                             "differs from the one the entries give)",
                         first_leaf});
      }
      ++report.nodes_checked;
    }
  }
  // 5. the approved rows are the catalog the log signed.
  if (n > 0) {
    GK_ASSIGN_OR_RETURN(Checkpoint now, CheckpointAt(db, meta.origin, n));
    GK_ASSIGN_OR_RETURN(Catalog approved, LoadApprovedRows(db));
    report.catalog_version = now.catalog_version;
    report.approved_rows = approved.size();
    if (approved.Hash() != now.catalog_hash) {
      return Found(Bad{"已批准目录（approved_rows）与日志中第 " + std::to_string(now.catalog_version) +
                     " 版审批签名的目录哈希不符：目录被改动了 (approved rows differ from the "
                     "signed catalog)",
                 std::nullopt});
    }
  }
  // 6. (full) the rows' history is what the log's entries give.
  if (full && history) return CheckRowHistory(db, n, report);
  return std::optional<Bad>();
}

// The first log index whose rows are in `a` and not in `b`.
Result<std::optional<uint64_t>> FirstOnlyIn(HubDb& db, const char* a, const char* b) {
  GK_ASSIGN_OR_RETURN(Stmt st,
                      db.Prepare(std::string("SELECT min(log_index) FROM (SELECT * FROM ") + a +
                                 " EXCEPT SELECT * FROM " + b + ")"));
  GK_ASSIGN_OR_RETURN(bool row, st->Step());
  if (!row || st->ColumnIsNull(0)) return std::optional<uint64_t>();
  return std::optional<uint64_t>(static_cast<uint64_t>(st->ColumnInt(0)));
}

// The columns of a table as PRAGMA table_info gives them (name, type,
// not null, default, key), in order.
Result<std::string> Columns(HubDb& db, const char* schema) {
  GK_ASSIGN_OR_RETURN(Stmt st,
                      db.Prepare(std::string("PRAGMA ") + schema + ".table_info(row_changes)"));
  std::string out;
  for (;;) {
    GK_ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) break;
    for (int c = 1; c <= 5; ++c) out += st->ColumnText(c) + "|";
    out += "\n";
  }
  return out;
}

// 6. The log's entries indexed again into a TEMP row_changes (the code's
// own definition, row_history_table.h), which the indexer's unqualified
// statements write to (SQLite looks in temp first); the hub's own file is
// only read. main's table must have the same columns.
Result<std::optional<Bad>> CheckRowHistory(HubDb& db, uint64_t n, StoreCheckReport& report) {
  GK_RETURN_IF_ERROR(CreateScratchRowChanges(db));
  struct DropTemp {
    HubDb& db;
    ~DropTemp() { (void)db.db().Exec("DROP TABLE IF EXISTS temp.row_changes"); }
  } drop{db};
  GK_ASSIGN_OR_RETURN(std::string ours, Columns(db, "temp"));
  GK_ASSIGN_OR_RETURN(std::string theirs, Columns(db, "main"));
  if (ours != theirs) {
    return Found(
        Bad{"row_changes 表的定义被改动了 (the row history table was redefined)", std::nullopt});
  }
  constexpr size_t kChunkBytes = 8 << 20;
  for (uint64_t next = 0; next < n;) {
    GK_ASSIGN_OR_RETURN(std::vector<LogEntry> entries, ReadLogEntries(db, next, n, kChunkBytes));
    if (entries.empty()) break;
    for (const LogEntry& e : entries) {
      GK_RETURN_IF_ERROR(IndexRowHistory(db, e.index, e.kind, e.entry));
    }
    next = entries.back().index + 1;
  }
  GK_ASSIGN_OR_RETURN(std::optional<uint64_t> missing,
                      FirstOnlyIn(db, "temp.row_changes", "main.row_changes"));
  GK_ASSIGN_OR_RETURN(std::optional<uint64_t> extra,
                      FirstOnlyIn(db, "main.row_changes", "temp.row_changes"));
  if (missing || extra) {
    const uint64_t at = std::min(missing.value_or(UINT64_MAX), extra.value_or(UINT64_MAX));
    return Found(Bad{"条目的修改历史（row_changes）与日志第 " + std::to_string(at) +
                         " 条不符：历史被改动了，网页上的条目历史不可信 (row history differs "
                         "from the log)",
                     at,
                     "它由签名的日志推出：请运行 gongkai-hub check --dir 目录 "
                     "--rebuild-row-history 从日志重建，再查一遍是谁改动了数据库"});
  }
  GK_ASSIGN_OR_RETURN(int64_t rows, Count(db, "SELECT COUNT(*) FROM main.row_changes"));
  report.history_rows_checked = static_cast<uint64_t>(rows);
  return std::optional<Bad>();
}

}  // namespace

Result<StoreCheckReport> CheckStore(HubDb& db, bool full, StoreCheckFailure* failure,
                                    bool history) {
  StoreCheckReport report;
  report.full = full;
  GK_RETURN_IF_ERROR(db.db().Exec("BEGIN"));
  Result<std::optional<Bad>> bad = Check(db, full, history, report);
  (void)db.db().Exec("ROLLBACK");
  if (!bad.ok()) {
    // A load deep in a check found the damage itself (db_corrupt naming the
    // row): that is the failure to report, not an empty one.
    if (failure) *failure = StoreCheckFailure{bad.status(), std::nullopt};
    return bad.status();
  }
  if (*bad) {
    const std::string remedy = (*bad)->remedy.empty()
                                   ? "请停止服务，从备份恢复（docs/operations.md）并报告县里"
                                   : (*bad)->remedy;
    Status s = DataLoss("db_corrupt", "集镇中心的数据库已损坏: " + (*bad)->what + "；" + remedy);
    if (failure) *failure = StoreCheckFailure{s, (*bad)->index};
    return s;
  }
  return report;
}

}  // namespace gongkai::hub
