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

struct ViewRow {
  Row row;
  RowOrigin origin = RowOrigin::kApproved;
};

class WorkingView {
 public:
  const ViewRow* Find(const std::string& id) const;
  const std::map<std::string, ViewRow>& rows() const { return rows_; }
  size_t stale_ops() const { return stale_ops_; }

  // Adds an approved row (replacing any row with its id).
  void PutApproved(Row row);
  // Applies an op; returns false (and counts it stale when origin is
  // kPending) if its base did not match.
  bool Apply(Op op, RowOrigin origin);

 private:
  std::map<std::string, ViewRow> rows_;
  size_t stale_ops_ = 0;
};

}  // namespace gongkai::station
