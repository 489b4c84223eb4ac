// `gongkai-hub check`: does the hub's store still hold what it signed?
// (docs/operations.md § "The hub checks itself"). A hub must never serve
// damaged data as good: a row edited by hand in SQLite, an entry deleted or
// rewritten, a Merkle node changed. The checks, in order; the first that
// fails is reported as DataLoss "db_corrupt" naming the first bad index
// where there is one:
//
//   1. entries   log_entries holds indexes 0..n-1 without a hole (the first
//                missing index);
//   2. rewound   no signed checkpoint and no stored Merkle leaf is beyond n
//                (an entry at the end deleted: index n);
//   3. leaves    each entry's leaf hash is the stored level-0 node
//                (the first entry rewritten or swapped) — full: every entry;
//                quick: the last kQuickLeaves;
//   4. tree      the stored tree's root at each signed checkpoint's size is
//                the root in that note (full: every note, recomputed from the
//                entries; quick: the latest note, from the stored nodes) and
//                the note's signature verifies with the log key; full: every
//                stored Merkle node, not only those on the way to a root, is
//                the node the entries give (the proofs are made of them);
//   5. catalog   the approved rows hash to the catalog hash the log's latest
//                approval signed (rows edited in approved_rows);
//   6. history   (full only) row_changes, the rows' history the public
//                /rows/{id} pages show, is exactly what the log's entries
//                index to (row_history_table.h): indexed again into a TEMP
//                table and compared both ways (the first log index that
//                differs). Derived from the signed log, it is repaired by
//                RebuildRowHistory (`check --rebuild-row-history`).
//
// Quick mode runs when `serve` starts (a damaged hub refuses to start);
// full mode from `gongkai-hub check --full` and the systemd timer.
// Read-only: one read transaction (check 6 writes only its TEMP table).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/base/status.h"
#include "hub/store/hub_db.h"

namespace gongkai::hub {

inline constexpr uint64_t kQuickLeaves = 256;

struct StoreCheckReport {
  bool full = false;
  uint64_t entries = 0;       // the log's size
  uint64_t leaves_checked = 0;
  uint64_t notes_checked = 0;  // signed checkpoints checked
  uint64_t nodes_checked = 0;  // full: stored Merkle nodes recomputed
  uint64_t catalog_version = 0;
  size_t approved_rows = 0;
  uint64_t history_rows_checked = 0;  // full: row_changes rows compared
};

// OK with the report, or DataLoss "db_corrupt" (message names what and the
// index; Status::field() empty), or another error if the store cannot be
// read at all.
struct StoreCheckFailure {
  Status status;
  std::optional<uint64_t> index;  // the first bad log index, when known
};
// `history` false leaves check 6 out of a full check (before the history
// is rebuilt from a log that must first be found sound).
Result<StoreCheckReport> CheckStore(HubDb& db, bool full, StoreCheckFailure* failure = nullptr,
                                    bool history = true);

}  // namespace gongkai::hub
