// The working view: what the clerk sees and edits.
//
//   view = approved catalog
//          + ops of outbox change sets not yet decided (sealed/sent/accepted),
//            in seq order
//          + ops coalesced from the pending edits (coalesce.h)
//
// Each row remembers where its current content comes from (origin), so
// `list` and `show` can mark rows with changes the town has not approved.
// An op whose base no longer matches the row it lands on (the approved
// catalog moved under a pending edit, or the row vanished) is counted as
// stale: the hub will report it as a conflict. Stale ops are still applied
// when the row exists, so the view shows the clerk's intent.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/catalog/row.h"
#include "core/changeset/changeset.h"

namespace gongkai::station {

enum class RowOrigin : uint8_t {
  kApproved = 0,  // as in the last approved catalog
  kOutbox = 1,    // changed by a sealed change set the town has not decided
  kPending = 2,   // changed by an edit not yet sealed
};
// "approved", "outbox", "pending".
const char* RowOriginName(RowOrigin origin);

// A pending op whose base no longer matches the row under it: after a pull
// rebased the pending edits onto a newer approved version, these are the
// clerk's local conflicts (shown by `status`).
struct StaleOp {
  std::string row_id;
  const char* kind = "set";  // "create", "set", "retire"
  std::optional<Field> field;  // set only
  std::string base;            // what the clerk's edit was made against (set)
  std::string current;         // what is there now (set; empty if the row is gone)
  bool row_missing = false;
};

struct ViewRow {
  Row row;
  RowOrigin origin = RowOrigin::kApproved;
};

class WorkingView {
 public:
  const ViewRow* Find(const std::string& id) const;
  const std::map<std::string, ViewRow>& rows() const { return rows_; }
  size_t stale_ops() const { return stale_ops_; }
  const std::vector<StaleOp>& stale() const { return stale_; }

  // Adds an approved row (replacing any row with its id).
  void PutApproved(Row row);
  // Applies an op; returns false (and counts it stale when origin is
  // kPending) if its base did not match.
  bool Apply(Op op, RowOrigin origin);

 private:
  std::map<std::string, ViewRow> rows_;
  size_t stale_ops_ = 0;
  std::vector<StaleOp> stale_;
};

}  // namespace gongkai::station
