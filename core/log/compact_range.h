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
//
// The same range is also a proof (docs/formats/catalog-answer.md § Format 2;
// docs/decisions/0033-compact-range-and-checkpoint.md): a station
// that verified the tree of `from` leaves gets its perfect subtree roots
// (RangeFrontier), checks that they fold to the root it verified, appends
// the leaves from `from` on — the ones it holds hashed itself, the others
// given — and must arrive at the signed root of the new size. That one
// check proves both that the new tree extends the old one (what a
// consistency proof shows) and that each entry it holds is the leaf at its
// index (what an inclusion proof shows).
#pragma once

#include <cstdint>
#include <map>
#include <vector>

#include "core/base/bytes.h"
#include "core/base/status.h"
#include "core/log/merkle.h"

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

// A range from a verified tree of `from` leaves to a larger one.
struct RangeProof {
  uint64_t from = 0;
  std::vector<Hash32> frontier;  // CompactRange of the first `from` leaves: popcount(from) hashes
  std::vector<Hash32> leaves;    // LeafHash of each index in [from, to) the verifier does not hold
  bool operator==(const RangeProof&) const = default;
};

// The frontier of the first `size` leaves from stored nodes, largest first.
Result<std::vector<Hash32>> RangeFrontier(MerkleNodeStore& store, uint64_t size);

// Checks `proof` against the tree of proof.from leaves with root from_root
// and the tree of `to` leaves with root to_root. `held` maps index → LeafHash
// of the entries the verifier holds; every index in [from, to) not in it
// takes the next of proof.leaves, in order. Reasons (kDataLoss):
// range_frontier (wrong count, or it does not fold to from_root),
// range_leaves (an index of `held` outside [from, to), or proof.leaves too
// few or too many), range_root (the leaves do not give to_root). When it
// verifies and `reached` is given, *reached is the range of `to` leaves —
// the frontier a station keeps for its next range (catalog answer format 3).
Status VerifyRange(const RangeProof& proof, const Hash32& from_root, uint64_t to,
                   const Hash32& to_root, const std::map<uint64_t, Hash32>& held,
                   CompactRange* reached = nullptr);

}  // namespace gongkai
