#include "core/audit/compact_range.h"

#include <bit>

#include "core/log/merkle.h"

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

}  // namespace gongkai
