#include "core/audit/row_history_index.h"

namespace gongkai {

const RowHistory* RowHistoryIndex::Find(const std::string& row_id) const {
  auto it = rows_.find(row_id);
  return it == rows_.end() ? nullptr : &it->second;
}

void RowHistoryIndex::OnChangeSet(uint64_t index, const Hash32& id, const ChangeSet& cs) {
  // A row's history starts with the first change set that touches it; what
  // came before says nothing about it.
  std::map<std::string, RowHistory*> touched;
  for (const Op& op : cs.ops) {
    const std::string& row_id = OpRowId(op);
    if (touched.count(row_id)) continue;
    auto it = rows_.try_emplace(row_id, row_id).first;
    touched.emplace(row_id, &it->second);
  }
  for (auto& [row_id, history] : touched) history->OnChangeSet(index, id, cs);
}

void RowHistoryIndex::OnApproval(uint64_t index, const Approval& approval, const Catalog& result) {
  // Every row: each keeps "the latest approved version that has it".
  for (auto& [row_id, history] : rows_) history.OnApproval(index, approval, result);
}

void RowHistoryIndex::OnRejection(uint64_t index, const Rejection& rejection,
                                  const ChangeSet& rejected) {
  for (const Op& op : rejected.ops) {
    auto it = rows_.find(OpRowId(op));
    if (it != rows_.end()) it->second.OnRejection(index, rejection, rejected);
  }
}

}  // namespace gongkai
