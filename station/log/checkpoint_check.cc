#include "station/log/checkpoint_check.h"

#include "core/base/reasons.h"
#include "core/log/merkle.h"

namespace gongkai::station {

Result<Checkpoint> CheckNewCheckpoint(std::string_view note, const VerifierKey& hub_key,
                                      const std::optional<Checkpoint>& last,
                                      std::span<const Hash32> consistency_proof) {
  GK_ASSIGN_OR_RETURN(Checkpoint cp, OpenCheckpoint(note, hub_key, hub_key.name));
  if (!last) return cp;
  const std::string sizes = "（新检查点 " + std::to_string(cp.size) + " 条，已接受的 " +
                            std::to_string(last->size) + " 条）";
  if (cp.size < last->size) {
    return DataLoss("checkpoint_rewound",
                    "集镇中心的日志倒退了" + sizes +
                        "：历史被删改，已拒绝同步，请立即报告县政务公开办 (rewound history)");
  }
  Status s = VerifyConsistency(last->size, cp.size, last->root, cp.root, consistency_proof);
  if (!s.ok()) {
    return DataLoss("checkpoint_forked",
                    "集镇中心的新检查点与本站已接受的检查点不一致" + sizes +
                        "：历史被改写（分叉），已拒绝同步，请立即报告县政务公开办 (forked "
                        "history; " +
                        s.reason() + ")");
  }
  if (cp.size == last->size &&
      (cp.catalog_version != last->catalog_version || cp.catalog_hash != last->catalog_hash)) {
    return DataLoss("checkpoint_forked", "集镇中心对同一段日志给出了不同的目录版本" + sizes +
                                             "，已拒绝同步 (same log, other catalog)");
  }
  if (cp.catalog_version < last->catalog_version) {
    return DataLoss("checkpoint_rewound", "集镇中心的目录版本倒退了（" +
                                              std::to_string(cp.catalog_version) + " < " +
                                              std::to_string(last->catalog_version) +
                                              "），已拒绝同步 (catalog version went back)");
  }
  return cp;
}

Status CheckIncluded(const Bytes& entry, uint64_t index, const Checkpoint& cp,
                     std::span<const Hash32> inclusion_proof) {
  Status s = VerifyInclusion(LeafHash(entry), index, cp.size, inclusion_proof, cp.root);
  if (s.ok()) return s;
  return DataLoss("entry_not_in_log", "第 " + std::to_string(index) +
                                          " 条记录不在集镇中心签名的日志里（" + s.reason() +
                                          "），已拒绝同步 (decision not in the signed log)");
}

bool IsHistoryAlarm(const Status& s) {
  return s.reason() == reason::kCheckpointRewound || s.reason() == reason::kCheckpointForked ||
         s.reason() == reason::kEntryNotInLog || s.reason() == reason::kCheckpointNotWitnessed ||
         s.reason() == reason::kBadCosignature;
}

}  // namespace gongkai::station
