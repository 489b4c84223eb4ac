// StationStore: the working view, status, history and clerk actions.
#include "core/record/envelope.h"
#include "station/edits/coalesce.h"
#include "station/store/approved_catalog.h"
#include "station/store/refused_changesets.h"
#include "station/store/station_store.h"

namespace gongkai::station {
namespace {

Status OutboxCorrupt(uint64_t seq, const Status& s) {
  return DataLoss("outbox_broken", "发件箱中序号 " + std::to_string(seq) +
                                       " 的变更集已损坏，请运行 gongkai-station check 并联系镇"
                                       "政务公开办 (outbox entry corrupt): " +
                                       s.message());
}

}  // namespace

Result<WorkingView> StationStore::LoadViewLocked() {
  WorkingView view;
  GK_RETURN_IF_ERROR(ForEachApprovedRow(db_, [&](Row row) { view.PutApproved(std::move(row)); }));
  GK_RETURN_IF_ERROR(
      ForEachOutboxEntry(db_, {OutboxState::kSealed, OutboxState::kSent, OutboxState::kAccepted},
                         [&](OutboxEntry e) -> Status {
                           auto env = DecodeEnvelope(e.envelope);
                           if (!env.ok()) return OutboxCorrupt(e.seq, env.status());
                           e.envelope = Bytes();
                           auto cs = DecodeChangeSet(env->body);
                           if (!cs.ok()) return OutboxCorrupt(e.seq, cs.status());
                           for (Op& op : cs->ops) view.Apply(std::move(op), RowOrigin::kOutbox);
                           return Status::Ok();
                         }));
  Coalescer coalescer;
  GK_RETURN_IF_ERROR(ForEachPendingEdit(db_, [&](PendingEdit e) {
    coalescer.Add(std::move(e));
    return Status::Ok();
  }));
  Coalesced coalesced = std::move(coalescer).Finish();
  while (!coalesced.ops.empty()) {
    view.Apply(std::move(coalesced.ops.front().op), RowOrigin::kPending);
    coalesced.ops.pop_front();
  }
  return view;
}

Result<WorkingView> StationStore::LoadView() {
  ReadTransaction tx(db_);
  GK_RETURN_IF_ERROR(tx.status());
  return LoadViewLocked();
}

Result<StoreStatus> StationStore::LoadStatus() {
  ReadTransaction tx(db_);
  GK_RETURN_IF_ERROR(tx.status());
  StoreStatus s;
  GK_ASSIGN_OR_RETURN(ApprovedState approved, LoadApprovedState(db_));
  s.catalog_version = approved.version;
  s.catalog_hash = approved.hash;
  GK_ASSIGN_OR_RETURN(s.approved_rows, CountApprovedRows(db_));
  GK_ASSIGN_OR_RETURN(s.pending_edits, CountPendingEdits(db_));
  {
    GK_ASSIGN_OR_RETURN(Statement st,
                        db_.Prepare("SELECT state, count(*) FROM outbox GROUP BY state"));
    for (;;) {
      GK_ASSIGN_OR_RETURN(bool has, st.Step());
      if (!has) break;
      auto state = OutboxStateFromName(st.ColumnText(0));
      int64_t n = st.ColumnInt(1);
      if (state && IsUndecided(*state)) s.outbox += n;
      if (state == OutboxState::kSealed) s.unsent += n;
    }
  }
  {
    GK_ASSIGN_OR_RETURN(Statement st, db_.Prepare("SELECT last_sync FROM station"));
    GK_ASSIGN_OR_RETURN(bool has, st.Step());
    if (has && !st.ColumnIsNull(0)) s.last_sync = st.ColumnInt(0);
  }
  GK_ASSIGN_OR_RETURN(OutboxTip tip, LoadOutboxTip(db_));
  s.last_seq = tip.seq;
  GK_ASSIGN_OR_RETURN(std::vector<uint64_t> open_rejections, OpenRejectionSeqs(db_));
  s.rejected = static_cast<int64_t>(open_rejections.size());
  GK_ASSIGN_OR_RETURN(std::set<std::string> held, HeldRowIds(db_));
  s.held_rows = static_cast<int64_t>(held.size());
  GK_ASSIGN_OR_RETURN(WorkingView view, LoadViewLocked());
  s.conflicts = static_cast<int64_t>(view.stale_ops());
  s.conflict_details = view.stale();
  return s;
}

Result<std::vector<HistoryEntry>> StationStore::LoadHistory(
    const std::optional<std::string>& row_id) {
  ReadTransaction tx(db_);
  GK_RETURN_IF_ERROR(tx.status());
  return station::LoadHistory(db_, row_id);
}

Result<size_t> StationStore::RecordAction(std::string_view command, std::string_view detail,
                                          int64_t now, const Planner& plan) {
  Transaction tx(db_);
  GK_RETURN_IF_ERROR(tx.status());
  JournalWriter journal(db_, std::string(command), std::string(detail), now);
  std::set<std::string> touched;
  {
    GK_ASSIGN_OR_RETURN(WorkingView view, LoadViewLocked());
    GK_RETURN_IF_ERROR(plan(view, [&](const PendingEdit& e) {
      touched.insert(e.row_id);
      return journal.Append(e);
    }));
  }
  if (journal.count() == 0) return size_t{0};
  // The clerk acted on these rows: a refusal that held them is dealt with
  // (refused_changesets.h); the next seal sends them again.
  GK_RETURN_IF_ERROR(ReleaseHeldRows(db_, touched));
  GK_RETURN_IF_ERROR(tx.Commit());
  return journal.count();
}

}  // namespace gongkai::station
