// RFC 9162 (Certificate Transparency 2.0) §2.1 Merkle tree hashing and
// proofs, over SHA-256. See docs/formats/merkle.md.
//
//   LeafHash(d)    = SHA-256(0x00 || d)
//   NodeHash(l, r) = SHA-256(0x01 || l || r)
//   MTH({})        = SHA-256("")
//   MTH(D[n])      = NodeHash(MTH(D[0:k]), MTH(D[k:n])), k = largest power of
//                    two smaller than n (n > 1)
//
// Storage scheme ("perfect subtree nodes"): node (level, index) is the hash
// of the perfect subtree over leaves [index * 2^level, (index + 1) * 2^level).
// Level 0 holds the leaf hashes. A node is written once, when its last leaf
// is appended, and never changes. Appending a leaf writes 1 + (number of
// trailing one bits of the old size) nodes and reads as many left siblings;
// the root and every inclusion or consistency proof of any size n <= the
// number of appended leaves needs at most 2 * ceil(log2 n) + 2 node reads.
//
// Verification follows RFC 9162 §2.1.3.2 and §2.1.4.2 and needs only hashes.
// Failure reasons (Status::reason()):
//   index_out_of_range   leaf index >= tree size           (kInvalidArgument)
//   size_out_of_range    old size > new size, size too big (kInvalidArgument)
//   bad_proof_length     proof has the wrong number of hashes (kDataLoss)
//   root_mismatch        recomputed root differs from the given root (kDataLoss)
//   bad_subtree_range    range is not a node of any RFC 9162 tree (kInvalidArgument)
//   merkle_node_missing  the store lacks a node it should have (kDataLoss)
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "core/base/bytes.h"
#include "core/base/status.h"

namespace gongkai {

// Trees are limited to 2^63 leaves so that sizes and ranges never overflow.
inline constexpr uint64_t kMaxMerkleTreeSize = uint64_t{1} << 63;

Hash32 LeafHash(const uint8_t* data, size_t len);
inline Hash32 LeafHash(const Bytes& data) { return LeafHash(data.data(), data.size()); }
inline Hash32 LeafHash(std::string_view data) {
  return LeafHash(reinterpret_cast<const uint8_t*>(data.data()), data.size());
}
Hash32 NodeHash(const Hash32& left, const Hash32& right);
// MTH of the empty tree: SHA-256 of the empty string (e3b0c442...).
Hash32 EmptyTreeRoot();

// MTH over leaf hashes held in memory (O(n) time, O(log n) extra space).
Hash32 RootFromLeafHashes(std::span<const Hash32> leaf_hashes);

// ---------------------------------------------------------------------------
// Durable tree: a store of perfect-subtree nodes.

struct MerkleNode {
  uint32_t level = 0;
  uint64_t index = 0;
  Hash32 hash{};
  bool operator==(const MerkleNode&) const = default;
};

// Implemented by the hub over SQLite and by MemoryNodeStore below.
class MerkleNodeStore {
 public:
  virtual ~MerkleNodeStore() = default;
  // nullopt if the node has not been written.
  virtual Result<std::optional<Hash32>> GetNode(uint32_t level, uint64_t index) = 0;
  // Must succeed if the same hash is already stored there and must fail if a
  // different hash is.
  virtual Status PutNode(uint32_t level, uint64_t index, const Hash32& hash) = 0;
};

// The nodes that appending `leaf_hash` as leaf number `size` (0-based) to a
// tree of `size` leaves creates, bottom-up: (0, size) first, then each parent
// completed by it. Reads the left siblings from `store`; writes nothing, so
// the caller can store the nodes in its own transaction.
Result<std::vector<MerkleNode>> NodesForAppend(MerkleNodeStore& store, uint64_t size,
                                               const Hash32& leaf_hash);
// NodesForAppend followed by PutNode for each node.
Status AppendLeaf(MerkleNodeStore& store, uint64_t size, const Hash32& leaf_hash);

// MTH(D[begin:end]) for a range that is a node of some RFC 9162 tree: begin
// is a multiple of the smallest power of two >= end - begin (e.g. [8, 13)
// but not [4, 9)). Needs every leaf in the range to have been appended.
Result<Hash32> SubtreeHash(MerkleNodeStore& store, uint64_t begin, uint64_t end);
// MTH of the first `size` leaves (size may be smaller than the stored tree).
Result<Hash32> Root(MerkleNodeStore& store, uint64_t size);
// PATH(index, D[size]) of RFC 9162 §2.1.3.1, deepest sibling first.
Result<std::vector<Hash32>> InclusionProof(MerkleNodeStore& store, uint64_t index, uint64_t size);
// PROOF(m, D[n]) of RFC 9162 §2.1.4.1; empty when m == 0 or m == n.
Result<std::vector<Hash32>> ConsistencyProof(MerkleNodeStore& store, uint64_t m, uint64_t n);

// ---------------------------------------------------------------------------
// Verification (hashes only).

// RFC 9162 §2.1.3.2.
Status VerifyInclusion(const Hash32& leaf_hash, uint64_t index, uint64_t size,
                       std::span<const Hash32> proof, const Hash32& root);
// RFC 9162 §2.1.4.2, extended as in transparency-dev/merkle: m == n needs an
// empty proof and equal roots; m == 0 needs an empty proof and root_m equal
// to EmptyTreeRoot().
Status VerifyConsistency(uint64_t m, uint64_t n, const Hash32& root_m, const Hash32& root_n,
                         std::span<const Hash32> proof);

// ---------------------------------------------------------------------------
// In-memory store, for tests and for the auditor (which rebuilds the tree
// from the leaves it downloads). Nodes of each level must be written in
// index order, as AppendLeaf does.
class MemoryNodeStore : public MerkleNodeStore {
 public:
  Result<std::optional<Hash32>> GetNode(uint32_t level, uint64_t index) override;
  Status PutNode(uint32_t level, uint64_t index, const Hash32& hash) override;

  // Number of leaves appended so far.
  uint64_t size() const { return levels_.empty() ? 0 : levels_[0].size(); }
  // AppendLeaf(*this, size(), leaf_hash).
  Status Append(const Hash32& leaf_hash);

 private:
  std::vector<std::vector<Hash32>> levels_;
};

}  // namespace gongkai
