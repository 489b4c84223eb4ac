// A compact Merkle range over the whole log so far: the roots of the
// perfect subtrees that make up a tree of `size` leaves, largest (leftmost)
// first — one per set bit of `size`, so at most 64 hashes whatever the log's
// length. This is what an auditor needs to recompute the RFC 9162 root of a
// log it streams, without keeping any leaf (docs/formats/merkle.md, §1).
//
//   size = 13 = 0b1101  →  hashes = [ MTH(D[0:8]), MTH(D[8:12]), MTH(D[12:13]) ]
//   Root() = NodeHash(hashes[0], NodeHash(hashes[1], hashes[2]))
//
// Append costs 1 + (number of trailing one bits of the old size) hashes;
// Root() costs popcount(size) − 1 hashes.
#pragma once

#include <cstdint>
#include <vector>

#include "core/base/bytes.h"
#include "core/base/status.h"

namespace gongkai {

class CompactRange {
 public:
  CompactRange() = default;
  // Rebuilds a range from saved hashes. DataLoss "bad_compact_range" unless
  // hashes.size() == popcount(size).
  static Result<CompactRange> FromHashes(uint64_t size, std::vector<Hash32> hashes);

  // Appends one leaf, given as its LeafHash.
  void Append(const Hash32& leaf_hash);

  uint64_t size() const { return size_; }
  // MTH(D[0:size]); EmptyTreeRoot() for an empty range.
  Hash32 Root() const;
  const std::vector<Hash32>& hashes() const { return hashes_; }

  bool operator==(const CompactRange&) const = default;

 private:
  uint64_t size_ = 0;
  std::vector<Hash32> hashes_;
};

}  // namespace gongkai
