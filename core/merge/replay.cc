#include "core/merge/replay.h"

#include "core/base/hex.h"

namespace gongkai {

Result<Catalog> ReplayApproval(const Catalog& parent, const Approval& approval,
                               std::span<const IdentifiedChangeSet> included) {
  if (parent.Hash() != approval.parent_hash) {
    return DataLoss("parent_mismatch",
                    "审批所依据的目录版本与本地不符 (parent catalog hash mismatch) — 版本 " +
                        std::to_string(approval.version));
  }
  if (included.size() != approval.changesets.size()) {
    return DataLoss("changeset_mismatch", "审批包含的变更集与提供的不符 (change set list differs)");
  }
  for (size_t i = 0; i < included.size(); ++i) {
    if (included[i].id != approval.changesets[i]) {
      return DataLoss("changeset_mismatch",
                      "审批包含的变更集与提供的不符: " + HexEncode(approval.changesets[i]));
    }
  }
  GK_ASSIGN_OR_RETURN(MergeResult merged, Merge(parent, included, approval.resolutions));
  if (!merged.unresolved.empty()) {
    return FailedPrecondition("unresolved_conflict",
                              "还有 " + std::to_string(merged.unresolved.size()) +
                                  " 个冲突未解决，例如 " + merged.unresolved[0].conflict_id);
  }
  if (merged.used != approval.resolutions) {
    return DataLoss("resolution_mismatch", "审批记录的冲突处理与实际冲突不符 (resolutions differ)");
  }
  if (merged.catalog.Hash() != approval.result_hash) {
    return DataLoss("hash_mismatch",
                    "按审批重算的目录哈希与签名记录不符 (resulting catalog hash mismatch) — 版本 " +
                        std::to_string(approval.version));
  }
  return std::move(merged.catalog);
}

}  // namespace gongkai
