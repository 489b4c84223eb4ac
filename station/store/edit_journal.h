// The journal of local edits (tables `actions` and `edits`, see
// docs/formats/station-store.md). Every clerk action appends one `actions`
// row and its edits; sealing moves edits from 'pending' to 'sealed' (with
// the outbox seq that carries them) or 'cancelled' (coalesced away). Edits
// are never deleted: they are the station's local history.
//
// These functions run inside the caller's transaction.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/status.h"
#include "core/store/sqlite.h"
#include "station/edits/pending_edit.h"

namespace gongkai::station {

// One journal entry with what became of it.
struct HistoryEntry {
  int64_t edit_id = 0;
  int64_t action_id = 0;
  std::string command;  // add, edit, retire, import
  std::string detail;   // e.g. the imported file's name
  int64_t created_at = 0;
  PendingEdit edit;  // kind, row id, field/base/value or the row
  // pending, cancelled, or the state of the carrying change set: sealed,
  // sent, accepted, approved, rejected.
  std::string state;
  std::optional<uint64_t> changeset_seq;
  std::string reject_reason;  // when rejected
  std::optional<uint64_t> approved_version;
};

// Appends the edits of one action, one at a time; the `actions` row is
// written with the first edit, so an action without edits leaves no trace.
class JournalWriter {
 public:
  JournalWriter(Database& db, std::string command, std::string detail, int64_t now)
      : db_(db), command_(std::move(command)), detail_(std::move(detail)), now_(now) {}
  Status Append(const PendingEdit& edit);
  size_t count() const { return count_; }

 private:
  Database& db_;
  std::string command_, detail_;
  int64_t now_;
  int64_t action_id_ = 0;
  std::optional<Statement> insert_;
  size_t count_ = 0;
};

// Calls visit(edit) for each pending edit in journal order, reading them one
// at a time; stops at the first error visit returns.
Status ForEachPendingEdit(Database& db, const std::function<Status(PendingEdit)>& visit);
// The pending edits in journal order, all at once.
Result<std::vector<PendingEdit>> LoadPendingEdits(Database& db);
Result<int64_t> CountPendingEdits(Database& db);

Status MarkEditsSealed(Database& db, const std::vector<int64_t>& edit_ids, uint64_t seq);
Status MarkEditsCancelled(Database& db, const std::vector<int64_t>& edit_ids);

// Every journal entry in order, or those of one row.
Result<std::vector<HistoryEntry>> LoadHistory(Database& db,
                                              const std::optional<std::string>& row_id);

}  // namespace gongkai::station
