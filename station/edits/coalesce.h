// Coalescing: the pending edits of the journal, in journal order, become the
// ops of the next change set(s). Rules (docs/station.md § 合并规则):
//
//  C1  A row created locally and not yet sealed is sent as ONE create op:
//      later sets of its fields change the row inside that op.
//  C2  Retiring such a row drops it: its create, sets and the retire itself
//      produce no op (the edits are "cancelled").
//  C3  Several sets of one field of an existing row become one set op whose
//      base is the FIRST edit's base (what the clerk saw before touching it)
//      and whose value is the LAST edit's value.
//  C4  A set op whose final value equals its base is dropped (cancelled):
//      the clerk changed the field and changed it back.
//  C5  Retiring an existing row drops that row's pending sets; the retire
//      op's base is the RowHash of the row as it was before those sets
//      (reconstructed from the row as seen at retire time with each edited
//      field put back to its first base). The sets' edits go with the retire.
//  C6  Ops come in the order of the first edit that touched each op; edits
//      after a retire of the same row (which the edit rules refuse anyway)
//      are folded into the retire.
//
// Every input edit ends up either in exactly one op's edit_ids or in
// cancelled, so sealing can mark each journal entry.
#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <vector>

#include "core/changeset/changeset.h"
#include "station/edits/pending_edit.h"

namespace gongkai::station {

struct CoalescedOp {
  Op op;
  std::vector<int64_t> edit_ids;  // the journal entries this op carries
};

struct Coalesced {
  // A deque, so consumers can pop ops off the front and free them as they
  // go (a 10,000-row import is 10,000 create ops).
  std::deque<CoalescedOp> ops;
  std::vector<int64_t> cancelled;  // edits that produce no op (C2, C4)
};

// Feeds edits one at a time (journal order), so a caller streaming them from
// the store never holds them all at once.
class Coalescer {
 public:
  Coalescer();
  ~Coalescer();
  Coalescer(Coalescer&&) noexcept;
  Coalescer& operator=(Coalescer&&) noexcept;

  void Add(PendingEdit edit);
  Coalesced Finish() &&;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

Coalesced CoalescePendingEdits(std::vector<PendingEdit> edits);

}  // namespace gongkai::station
