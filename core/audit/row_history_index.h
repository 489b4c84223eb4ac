// The history of every row, kept up to date as a log is verified entry by
// entry: one LogObserver that holds a RowHistory (row_history.h) per row id
// a change set has touched. Fed by one LogVerifier that advances only over
// entries it has not seen, it lets a reader (the hub's /rows/{id} page)
// answer from what was verified once instead of verifying the whole log
// again for every request. Every row's history is exactly what a
// RowHistory of that row over the same log holds.
#pragma once

#include <map>
#include <string>

#include "core/audit/log_observer.h"
#include "core/audit/row_history.h"

namespace gongkai {

class RowHistoryIndex : public LogObserver {
 public:
  // The row's history, or nullptr if no change set in the log touched it.
  const RowHistory* Find(const std::string& row_id) const;
  size_t rows() const { return rows_.size(); }

  void OnChangeSet(uint64_t index, const Hash32& id, const ChangeSet& cs) override;
  void OnApproval(uint64_t index, const Approval& approval, const Catalog& result) override;
  void OnRejection(uint64_t index, const Rejection& rejection, const ChangeSet& rejected) override;

 private:
  std::map<std::string, RowHistory> rows_;
};

}  // namespace gongkai
