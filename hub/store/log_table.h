// The log_entries table: every leaf of the hub's append-only log, as the
// exact envelope bytes, numbered from 0 (the genesis record). Rows are only
// ever inserted, at index = current size, inside the caller's transaction.
//
// Each append also stores the RFC 9162 Merkle nodes the new leaf completes
// (merkle_nodes, hub/store/node_store.h) in the same transaction, so the
// tree is never recomputed: a root or proof of any size needs O(log n)
// node reads (docs/formats/merkle.md §2). It also indexes the entry's
// row history (row_changes, hub/store/row_history_table.h) in the same
// transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "core/base/bytes.h"
#include "core/base/status.h"
#include "core/record/envelope.h"
#include "hub/store/hub_db.h"

namespace gongkai::hub {

struct LogEntry {
  uint64_t index = 0;
  EnvelopeKind kind = EnvelopeKind::kGenesis;
  Bytes entry;
  int64_t added_at = 0;
};

// Appends at index LogSize() with its Merkle nodes and returns that index.
// The caller holds the transaction.
Result<uint64_t> AppendLogEntry(HubDb& db, EnvelopeKind kind, const Bytes& entry, int64_t now);
Result<uint64_t> LogSize(HubDb& db);
Result<std::optional<LogEntry>> ReadLogEntry(HubDb& db, uint64_t index);
// Entries with begin <= index < end in index order, stopping early once
// max_bytes of entry bytes are collected (always at least one entry if any
// is stored). Indexes are as stored: a gap means a missing row.
Result<std::vector<LogEntry>> ReadLogEntries(HubDb& db, uint64_t begin, uint64_t end,
                                             size_t max_bytes);
// Every entry of `kind` with index < before, in index order (served by the
// index log_entries_by_kind, hub/store/log_schema.cc).
Result<std::vector<LogEntry>> ReadLogEntriesOfKind(HubDb& db, EnvelopeKind kind, uint64_t before);
// Whether every entry with index >= from is of `kind` (true when there is
// none). Scans only the entries from `from` on.
Result<bool> OnlyKindFrom(HubDb& db, uint64_t from, EnvelopeKind kind);
// The same, each entry checked against the Merkle leaf the hub stored when
// it appended it: an entry that is not that leaf (rewritten or swapped by
// hand) is DataLoss "db_corrupt" naming its index — the hub never serves a
// damaged entry as good (hub/log/store_check.h checks the whole store).
Result<std::vector<LogEntry>> ReadCheckedLogEntries(HubDb& db, uint64_t begin, uint64_t end,
                                                    size_t max_bytes);

}  // namespace gongkai::hub
