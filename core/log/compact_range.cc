#include "core/log/compact_range.h"

#include <bit>
#include <iterator>
#include <string>

namespace gongkai {

Result<CompactRange> CompactRange::FromHashes(uint64_t size, std::vector<Hash32> hashes) {
  if (size >= kMaxMerkleTreeSize || hashes.size() != static_cast<size_t>(std::popcount(size))) {
    return DataLoss("bad_compact_range", "保存的默克尔树状态与条目数不符 (compact range has " +
                                             std::to_string(hashes.size()) + " hashes for size " +
                                             std::to_string(size) + ")");
  }
  CompactRange r;
  r.size_ = size;
  r.hashes_ = std::move(hashes);
  return r;
}

void CompactRange::Append(const Hash32& leaf_hash) {
  hashes_.push_back(leaf_hash);
  // Each trailing one bit of the old size is a perfect subtree of the same
  // height as the one just completed: merge them pairwise, right to left.
  for (uint64_t s = size_; s & 1; s >>= 1) {
    Hash32 right = hashes_.back();
    hashes_.pop_back();
    hashes_.back() = NodeHash(hashes_.back(), right);
  }
  ++size_;
}

Hash32 CompactRange::Root() const {
  if (hashes_.empty()) return EmptyTreeRoot();
  Hash32 h = hashes_.back();
  for (size_t i = hashes_.size() - 1; i-- > 0;) h = NodeHash(hashes_[i], h);
  return h;
}

Result<std::vector<Hash32>> RangeFrontier(MerkleNodeStore& store, uint64_t size) {
  std::vector<Hash32> out;
  uint64_t begin = 0;
  for (int bit = 63; bit >= 0; --bit) {
    const uint64_t width = uint64_t{1} << bit;
    if (!(size & width)) continue;
    GK_ASSIGN_OR_RETURN(Hash32 h, SubtreeHash(store, begin, begin + width));
    out.push_back(h);
    begin += width;
  }
  return out;
}

namespace {
Status RangeRefused(std::string_view reason, const std::string& why) {
  return DataLoss(std::string(reason), "日志区间证明不成立 (" + why + ")");
}
}  // namespace

Status VerifyRange(const RangeProof& proof, const Hash32& from_root, uint64_t to,
                   const Hash32& to_root, const std::map<uint64_t, Hash32>& held,
                   CompactRange* reached) {
  Result<CompactRange> range = CompactRange::FromHashes(proof.from, proof.frontier);
  if (!range.ok() || proof.from == 0 || proof.from >= to) {
    return RangeRefused("range_frontier", "wrong frontier for size " + std::to_string(proof.from));
  }
  if (range->Root() != from_root) {
    return RangeRefused("range_frontier", "frontier does not fold to the verified root");
  }
  if (!held.empty() && (held.begin()->first < proof.from || std::prev(held.end())->first >= to)) {
    return RangeRefused("range_leaves", "an entry outside the range");
  }
  // Each index not held takes the next given leaf: their number is known.
  if (proof.leaves.size() != (to - proof.from) - held.size()) {
    return RangeRefused("range_leaves", std::to_string(proof.leaves.size()) + " leaf hashes for " +
                                            std::to_string(to - proof.from - held.size()));
  }
  auto next_held = held.begin();
  auto next_given = proof.leaves.begin();
  for (uint64_t i = proof.from; i < to; ++i) {
    if (next_held != held.end() && next_held->first == i) {
      range->Append((next_held++)->second);
    } else {
      range->Append(*next_given++);
    }
  }
  if (range->Root() != to_root) return RangeRefused("range_root", "another root");
  if (reached) *reached = std::move(range).value();
  return Status::Ok();
}

}  // namespace gongkai
