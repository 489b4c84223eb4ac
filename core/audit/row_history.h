// The history of one catalog row, built from the verified log: every op
// that touched the row id (create, set, retire), who made it and when, the
// value before and after, and what became of its change set — approved in
// version V by an administrator, rejected with a reason, or still pending.
//
// A RowHistory is a LogObserver: add it to a LogVerifier and the same pass
// that verifies the log fills it, with verified data only.
//
//   RowHistory h(row_id);
//   verifier.AddObserver(&h);
//   ... verifier.Add(i, leaf) for every entry ...
//   for (const RowChange& c : h.changes()) render(c);   // CLI's business
//
// Pure data: no rendering here (gongkai-audit history does that).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/audit/audit_state.h"
#include "core/audit/log_observer.h"
#include "core/catalog/fields.h"
#include "core/catalog/row.h"
#include "core/merge/merge.h"

namespace gongkai {

enum class RowOpKind : uint8_t { kCreate = 1, kSet = 2, kRetire = 3 };
const char* RowOpKindName(RowOpKind k);  // "create", "set", "retire"

enum class DecisionState : uint8_t { kPending = 0, kApproved = 1, kRejected = 2 };
const char* DecisionStateName(DecisionState s);  // "pending", "approved", "rejected"

struct RowDecision {
  DecisionState state = DecisionState::kPending;
  uint64_t log_index = 0;  // the approval or rejection entry (not pending)
  uint64_t version = 0;    // approved: the version it went into
  std::string admin;       // who approved or rejected
  int64_t decided_at = 0;  // unix seconds, as signed by the administrator
  std::string reason;      // rejected: the reason given to the station
  // Approved, when this op met a conflict: how the administrator settled
  // it (kValue with `resolution_value`, kIncoming or kKeep).
  std::optional<ResolutionAction> resolution;
  std::string resolution_value;
  // Approved: the row in that version — for a set, the field's value
  // (`value_after`); `retired_after` for every kind; `exists_after` false
  // if the row is not in the catalog of that version.
  bool exists_after = false;
  std::string value_after;
  bool retired_after = false;
};

struct RowChange {
  uint64_t log_index = 0;  // the change-set entry
  std::string station;
  uint64_t seq = 0;
  std::string changeset_id;  // 64 lowercase hex digits
  int64_t created_at = 0;    // unix seconds, the station's clock (informational)
  std::string note;          // the clerk's note of the change set
  uint32_t op_index = 0;     // position of the op in its change set (0-based)
  RowOpKind kind = RowOpKind::kSet;
  // kSet: the field, its English key and Chinese label, the value the clerk
  // saw (old) and the new value, canonical text.
  std::optional<Field> field;
  std::string field_key;
  std::string field_label;
  std::string old_value;
  std::string new_value;
  // kCreate: the row as created.
  std::optional<Row> created_row;
  // kRetire: RowHash of the row as the clerk saw it (hex).
  std::string retire_base;
  RowDecision decision;
};

class RowHistory : public LogObserver {
 public:
  explicit RowHistory(std::string row_id) : row_id_(std::move(row_id)) {}

  const std::string& row_id() const { return row_id_; }
  // In log order (and op order within a change set).
  const std::vector<RowChange>& changes() const { return changes_; }
  // The row in the latest approved version that has it (nullopt if none),
  // and that version.
  const std::optional<Row>& approved_row() const { return approved_row_; }
  uint64_t approved_version() const { return approved_version_; }

  void OnChangeSet(uint64_t index, const Hash32& id, const ChangeSet& cs) override;
  void OnApproval(uint64_t index, const Approval& approval, const Catalog& result) override;
  void OnRejection(uint64_t index, const Rejection& rejection, const ChangeSet& rejected) override;

 private:
  std::string row_id_;
  std::vector<RowChange> changes_;
  // Undecided change sets that touched the row → positions in changes_.
  std::unordered_map<Hash32, std::vector<size_t>, Hash32Hasher> undecided_;
  std::optional<Row> approved_row_;
  uint64_t approved_version_ = 0;
};

// The histories of every row whose id starts with `prefix` (the 8-digit
// id that lists and pages show, or the whole id), in the same single pass:
// a history is started at the first op that names a matching id — every
// row enters the log through a create, so nothing before it is missed —
// and every later event goes to each history started. The caller then
// takes the one match, or reports none (unknown_row) or several
// (ambiguous_id, listing them). A prefix shorter than kMinRowIdPrefix
// matches nothing but the whole id, so that a mistyped digit cannot make
// one pass keep half the catalog.
inline constexpr size_t kMinRowIdPrefix = 4;

class RowHistoryByPrefix : public LogObserver {
 public:
  explicit RowHistoryByPrefix(std::string prefix) : prefix_(std::move(prefix)) {}

  const std::string& prefix() const { return prefix_; }
  // Every matching id, sorted, with its history.
  const std::map<std::string, RowHistory>& matches() const { return matches_; }

  void OnChangeSet(uint64_t index, const Hash32& id, const ChangeSet& cs) override;
  void OnApproval(uint64_t index, const Approval& approval, const Catalog& result) override;
  void OnRejection(uint64_t index, const Rejection& rejection, const ChangeSet& rejected) override;

 private:
  bool Matches(const std::string& row_id) const;

  std::string prefix_;
  std::map<std::string, RowHistory> matches_;
};

}  // namespace gongkai
