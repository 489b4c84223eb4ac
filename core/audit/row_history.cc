#include "core/audit/row_history.h"

#include "core/base/hex.h"

namespace gongkai {

const char* RowOpKindName(RowOpKind k) {
  switch (k) {
    case RowOpKind::kCreate:
      return "create";
    case RowOpKind::kSet:
      return "set";
    case RowOpKind::kRetire:
      return "retire";
  }
  return "unknown";
}

const char* DecisionStateName(DecisionState s) {
  switch (s) {
    case DecisionState::kPending:
      return "pending";
    case DecisionState::kApproved:
      return "approved";
    case DecisionState::kRejected:
      return "rejected";
  }
  return "unknown";
}

void RowHistory::OnChangeSet(uint64_t index, const Hash32& id, const ChangeSet& cs) {
  std::vector<size_t>* positions = nullptr;
  for (uint32_t i = 0; i < cs.ops.size(); ++i) {
    const Op& op = cs.ops[i];
    RowChange c;
    if (const auto* cr = std::get_if<CreateOp>(&op)) {
      if (cr->row.id != row_id_) continue;
      c.kind = RowOpKind::kCreate;
      c.created_row = cr->row;
    } else if (const auto* s = std::get_if<SetOp>(&op)) {
      if (s->id != row_id_) continue;
      c.kind = RowOpKind::kSet;
      c.field = s->field;
      c.field_key = Spec(s->field).key;
      c.field_label = Spec(s->field).label;
      c.old_value = s->base;
      c.new_value = s->value;
    } else {
      const auto& r = std::get<RetireOp>(op);
      if (r.id != row_id_) continue;
      c.kind = RowOpKind::kRetire;
      c.retire_base = HexEncode(r.base);
    }
    c.log_index = index;
    c.station = cs.station;
    c.seq = cs.seq;
    c.changeset_id = HexEncode(id);
    c.created_at = cs.created_at;
    c.note = cs.note;
    c.op_index = i;
    if (!positions) positions = &undecided_[id];
    positions->push_back(changes_.size());
    changes_.push_back(std::move(c));
  }
}

void RowHistory::OnApproval(uint64_t index, const Approval& approval, const Catalog& result) {
  const Row* row = result.Find(row_id_);
  if (row) {
    approved_row_ = *row;
    approved_version_ = approval.version;
  }
  for (const Hash32& id : approval.changesets) {
    auto it = undecided_.find(id);
    if (it == undecided_.end()) continue;
    for (size_t pos : it->second) {
      RowChange& c = changes_[pos];
      RowDecision& d = c.decision;
      d.state = DecisionState::kApproved;
      d.log_index = index;
      d.version = approval.version;
      d.admin = approval.admin;
      d.decided_at = approval.decided_at;
      for (const Resolution& r : approval.resolutions) {
        if (r.changeset == id && r.op_index == c.op_index) {
          d.resolution = r.action;
          d.resolution_value = r.value;
        }
      }
      d.exists_after = row != nullptr;
      d.retired_after = row && row->retired;
      if (row && c.field) d.value_after = row->Get(*c.field);
    }
    undecided_.erase(it);
  }
}

void RowHistory::OnRejection(uint64_t index, const Rejection& rejection,
                             const ChangeSet& /*rejected*/) {
  auto it = undecided_.find(rejection.changeset);
  if (it == undecided_.end()) return;
  for (size_t pos : it->second) {
    RowDecision& d = changes_[pos].decision;
    d.state = DecisionState::kRejected;
    d.log_index = index;
    d.admin = rejection.admin;
    d.decided_at = rejection.decided_at;
    d.reason = rejection.reason;
  }
  undecided_.erase(it);
}

bool RowHistoryByPrefix::Matches(const std::string& row_id) const {
  if (prefix_.size() < kMinRowIdPrefix) return row_id == prefix_;
  return row_id.compare(0, prefix_.size(), prefix_) == 0;
}

void RowHistoryByPrefix::OnChangeSet(uint64_t index, const Hash32& id, const ChangeSet& cs) {
  for (const Op& op : cs.ops) {
    const std::string* row_id = nullptr;
    if (const auto* cr = std::get_if<CreateOp>(&op)) {
      row_id = &cr->row.id;
    } else if (const auto* s = std::get_if<SetOp>(&op)) {
      row_id = &s->id;
    } else {
      row_id = &std::get<RetireOp>(op).id;
    }
    if (Matches(*row_id)) matches_.try_emplace(*row_id, *row_id);
  }
  for (auto& [row_id, h] : matches_) h.OnChangeSet(index, id, cs);
}

void RowHistoryByPrefix::OnApproval(uint64_t index, const Approval& approval,
                                    const Catalog& result) {
  for (auto& [row_id, h] : matches_) h.OnApproval(index, approval, result);
}

void RowHistoryByPrefix::OnRejection(uint64_t index, const Rejection& rejection,
                                     const ChangeSet& rejected) {
  for (auto& [row_id, h] : matches_) h.OnRejection(index, rejection, rejected);
}

}  // namespace gongkai
