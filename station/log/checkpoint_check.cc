#include "station/log/checkpoint_check.h"

#include <functional>
#include <string>

#include "core/base/reasons.h"
#include "core/log/merkle.h"

namespace gongkai::station {

namespace {

// Whether the tree of `cp` extends the tree of `last` (same size: the same root).
using ExtendsFn = std::function<Status(const Checkpoint& last, const Checkpoint& cp)>;

Result<Checkpoint> CheckExtending(std::string_view note, const VerifierKey& hub_key,
                                  const std::optional<Checkpoint>& last, const ExtendsFn& extends) {
  GK_ASSIGN_OR_RETURN(Checkpoint cp, OpenCheckpoint(note, hub_key, hub_key.name));
  if (!last) return cp;
  const std::string sizes = "（新检查点 " + std::to_string(cp.size) + " 条，已接受的 " +
                            std::to_string(last->size) + " 条）";
  if (cp.size < last->size) {
    return DataLoss("checkpoint_rewound",
                    "集镇中心的日志倒退了" + sizes +
                        "：历史被删改，已拒绝同步，请立即报告县政务公开办 (rewound history)");
  }
  Status s = extends(*last, cp);
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

}  // namespace

Result<Checkpoint> CheckNewCheckpoint(std::string_view note, const VerifierKey& hub_key,
                                      const std::optional<Checkpoint>& last,
                                      std::span<const Hash32> consistency_proof) {
  return CheckExtending(note, hub_key, last, [&](const Checkpoint& l, const Checkpoint& cp) {
    return VerifyConsistency(l.size, cp.size, l.root, cp.root, consistency_proof);
  });
}

Result<Checkpoint> CheckNewCheckpoint(std::string_view note, const VerifierKey& hub_key,
                                      const std::optional<Checkpoint>& last,
                                      const RangeProof& range,
                                      const std::map<uint64_t, Hash32>& held,
                                      CompactRange* reached) {
  return CheckExtending(note, hub_key, last, [&](const Checkpoint& l, const Checkpoint& cp) {
    if (cp.size == l.size) return VerifyConsistency(l.size, cp.size, l.root, cp.root, {});
    // The frontier of another size could fold to this root too (a tree's
    // root is also a one-hash frontier): the size is checked first.
    if (range.from != l.size) {
      return DataLoss("range_frontier", "range from " + std::to_string(range.from));
    }
    return VerifyRange(range, l.root, cp.size, cp.root, held, reached);
  });
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
