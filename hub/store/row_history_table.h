// The row_changes table (schema migration 10): the history of every
// catalog row, written in the same transaction that appends the log entry
// it comes from, so that /rows/{id} reads one row's history — O(its
// changes) rows — and never verifies or reads the log per request or per
// restart (docs/hub.md § "Row history"; decision 0017).
//
// One row per op of a logged change set, keyed (row_id, log_index,
// op_index): who, when, the op (create/set/retire with its values) and —
// updated in place when the approval or rejection that decides its change
// set is appended — the decision: approved in version V by whom, when, and
// how a conflict on that op was settled, or rejected with the reason.
// Exactly the RowChange fields of core/audit/row_history.h that the page
// shows; the after-approval row (value_after, exists_after, retired_after)
// is not kept — the page shows the row from approved_rows instead.
//
// Entries are indexed by IndexRowHistory, called by AppendLogEntry for
// every entry. A database from before migration 10 is back-filled by
// BackfillRowHistory (HubDb::Open) from its log entries, once.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/audit/row_history.h"
#include "core/base/status.h"
#include "core/record/envelope.h"
#include "hub/store/hub_db.h"

namespace gongkai::hub {

// What IndexRowHistory writes for an entry is a function of the log alone,
// and `gongkai-hub check --full` holds every hub to it (store_check.h):
// changing it needs a migration that asks for the back-fill below, or
// every older hub would be reported damaged.
//
// Indexes log entry `index` (its exact envelope bytes) inside the caller's
// transaction: a change set adds a row per op; an approval or rejection
// decides the undecided rows of its change sets; other kinds change
// nothing. An entry that does not decode indexes nothing: every caller
// appends only records it has built or decoded, and a damaged log is
// `gongkai-hub check`'s to report (the hub must still open for it).
// Errors are the database's.
Status IndexRowHistory(HubDb& db, uint64_t index, EnvelopeKind kind, const Bytes& entry);

// Migration 10 leaves the meta key "row_history_backfill": while it is
// there, one BEGIN IMMEDIATE transaction empties row_changes, indexes every
// log entry in order and removes the key. Cheap (one lookup) when there
// is nothing to do.
Status BackfillRowHistory(HubDb& db);

// Rebuilds row_changes from the log now (`gongkai-hub check
// --rebuild-row-history`, after check found it differs): asks for the
// back-fill above (the meta key, committed first: a rebuild killed half-way
// is finished by the next HubDb::Open) and does it.
Status RebuildRowHistory(HubDb& db);

// Creates TEMP row_changes — the columns, defaults, checks and index of the
// hub's own, from migration 10's text (schema.h), without the references
// to main's log_entries — which SQLite resolves IndexRowHistory's
// unqualified statements to until it is dropped: what `check --full`
// indexes the log into. The definition is the program's, never read from
// the file being checked; a later migration that changes row_changes must
// change it too (check --full of a sound hub, LogAuditProcessTest, fails
// otherwise).
Status CreateScratchRowChanges(HubDb& db);

struct StoredRowHistory {
  // In log order (and op order within a change set).
  std::vector<RowChange> changes;
  // The row in the latest approved version, if it has it, and that version.
  std::optional<Row> approved_row;
  uint64_t approved_version = 0;
  // How many stored rows this read (row_changes rows + the approved row):
  // what a request costs, for tests.
  uint64_t rows_read = 0;
};

// nullopt if no logged change set touched the row. Reads inside the
// caller's transaction.
Result<std::optional<StoredRowHistory>> ReadRowHistory(HubDb& db, const std::string& row_id);

}  // namespace gongkai::hub
