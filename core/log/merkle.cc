#include "core/log/merkle.h"

#include <algorithm>
#include <bit>
#include <string>

#include "core/crypto/sha256.h"

namespace gongkai {
namespace {

// Largest power of two strictly smaller than n (n >= 2).
uint64_t SplitPoint(uint64_t n) { return std::bit_floor(n - 1); }

Status BadProofLength(size_t got) {
  return DataLoss("bad_proof_length", "证明长度错误 (proof has the wrong number of hashes: " +
                                          std::to_string(got) + ")");
}

Status RootMismatch(const char* which) {
  return DataLoss("root_mismatch",
                  std::string("证明与根哈希不符 (proof does not match the ") + which + " root)");
}

// The walk up an audit path that verifying inclusion and consistency share
// (RFC 9162 §2.1.3.2 and §2.1.4.2): fn is the node's index in its level, sn
// the last node's, seed the node's hash. Returns the root the path leads to,
// or nullopt when the path is too short or too long for the tree. When
// left_only is given, the hashes to the node's left are also folded into
// *left_only: the consistency proof's old root.
std::optional<Hash32> WalkPath(uint64_t fn, uint64_t sn, const Hash32& seed,
                               std::span<const Hash32> path, Hash32* left_only) {
  Hash32 r = seed;
  for (const Hash32& p : path) {
    if (sn == 0) return std::nullopt;
    if ((fn & 1) || fn == sn) {
      r = NodeHash(p, r);
      if (left_only) *left_only = NodeHash(p, *left_only);
      while (!(fn & 1) && fn != 0) {
        fn >>= 1;
        sn >>= 1;
      }
    } else {
      r = NodeHash(r, p);
    }
    fn >>= 1;
    sn >>= 1;
  }
  if (sn != 0) return std::nullopt;
  return r;
}

Status NodeMissing(uint32_t level, uint64_t index) {
  return DataLoss("merkle_node_missing", "Merkle 节点缺失 (missing node level " +
                                             std::to_string(level) + " index " +
                                             std::to_string(index) + ")");
}

Result<Hash32> ReadNode(MerkleNodeStore& store, uint32_t level, uint64_t index) {
  GK_ASSIGN_OR_RETURN(std::optional<Hash32> node, store.GetNode(level, index));
  if (!node) return NodeMissing(level, index);
  return *node;
}

}  // namespace

Hash32 LeafHash(const uint8_t* data, size_t len) {
  Sha256Hasher h;
  const uint8_t prefix = 0x00;
  h.Update(&prefix, 1);
  h.Update(data, len);
  return h.Finish();
}

Hash32 NodeHash(const Hash32& left, const Hash32& right) {
  uint8_t buf[65];
  buf[0] = 0x01;
  std::copy(left.begin(), left.end(), buf + 1);
  std::copy(right.begin(), right.end(), buf + 33);
  return Sha256(buf, sizeof buf);
}

Hash32 EmptyTreeRoot() { return Sha256(std::string_view()); }

Hash32 RootFromLeafHashes(std::span<const Hash32> leaf_hashes) {
  if (leaf_hashes.empty()) return EmptyTreeRoot();
  // Compact range: stack[i] is a perfect subtree; sizes strictly decrease.
  std::vector<std::pair<uint64_t, Hash32>> stack;
  for (const Hash32& leaf : leaf_hashes) {
    uint64_t size = 1;
    Hash32 h = leaf;
    while (!stack.empty() && stack.back().first == size) {
      h = NodeHash(stack.back().second, h);
      size *= 2;
      stack.pop_back();
    }
    stack.emplace_back(size, h);
  }
  Hash32 root = stack.back().second;
  for (size_t i = stack.size() - 1; i-- > 0;) root = NodeHash(stack[i].second, root);
  return root;
}

Result<std::vector<MerkleNode>> NodesForAppend(MerkleNodeStore& store, uint64_t size,
                                               const Hash32& leaf_hash) {
  if (size >= kMaxMerkleTreeSize) {
    return InvalidArgument("size_out_of_range", "日志已满 (tree size limit reached)");
  }
  std::vector<MerkleNode> nodes;
  nodes.push_back({0, size, leaf_hash});
  Hash32 h = leaf_hash;
  uint32_t level = 0;
  uint64_t index = size;
  while (index & 1) {
    GK_ASSIGN_OR_RETURN(Hash32 left, ReadNode(store, level, index - 1));
    h = NodeHash(left, h);
    ++level;
    index >>= 1;
    nodes.push_back({level, index, h});
  }
  return nodes;
}

Status AppendLeaf(MerkleNodeStore& store, uint64_t size, const Hash32& leaf_hash) {
  GK_ASSIGN_OR_RETURN(std::vector<MerkleNode> nodes, NodesForAppend(store, size, leaf_hash));
  for (const MerkleNode& n : nodes) GK_RETURN_IF_ERROR(store.PutNode(n.level, n.index, n.hash));
  return Status::Ok();
}

Result<Hash32> SubtreeHash(MerkleNodeStore& store, uint64_t begin, uint64_t end) {
  if (end <= begin || end > kMaxMerkleTreeSize ||
      (begin != 0 && std::countr_zero(begin) < static_cast<int>(std::bit_width(end - begin - 1)))) {
    return InvalidArgument(
        "bad_subtree_range",
        "[" + std::to_string(begin) + ", " + std::to_string(end) + ") is not a Merkle subtree");
  }
  // The range splits into perfect subtrees of strictly decreasing size
  // (the one bits of end - begin); MTH folds them from the right.
  std::vector<Hash32> parts;
  uint64_t pos = begin;
  for (int level = static_cast<int>(std::bit_width(end - begin)) - 1; level >= 0; --level) {
    uint64_t width = uint64_t{1} << level;
    if (((end - begin) & width) == 0) continue;
    GK_ASSIGN_OR_RETURN(Hash32 h, ReadNode(store, uint32_t(level), pos >> level));
    parts.push_back(h);
    pos += width;
  }
  Hash32 h = parts.back();
  for (size_t i = parts.size() - 1; i-- > 0;) h = NodeHash(parts[i], h);
  return h;
}

Result<Hash32> Root(MerkleNodeStore& store, uint64_t size) {
  if (size == 0) return EmptyTreeRoot();
  return SubtreeHash(store, 0, size);
}

namespace {

// One step of the walk down from the root that both proofs take (RFC 9162
// §2.1.3.1 and §2.1.4.1): [*begin, *end) splits at SplitPoint, the walk
// keeps the part that holds `leaf` and adds the other part's hash (the
// path's sibling) to *proof. Returns whether it kept the right part.
Result<bool> StepDown(MerkleNodeStore& store, uint64_t leaf, uint64_t* begin, uint64_t* end,
                      std::vector<Hash32>* proof) {
  const uint64_t mid = *begin + SplitPoint(*end - *begin);
  const bool right = leaf >= mid;
  GK_ASSIGN_OR_RETURN(Hash32 sibling,
                      right ? SubtreeHash(store, *begin, mid) : SubtreeHash(store, mid, *end));
  proof->push_back(sibling);
  (right ? *begin : *end) = mid;
  return right;
}

}  // namespace

Result<std::vector<Hash32>> InclusionProof(MerkleNodeStore& store, uint64_t index, uint64_t size) {
  if (size > kMaxMerkleTreeSize) return InvalidArgument("size_out_of_range", "tree too large");
  if (index >= size) {
    return InvalidArgument("index_out_of_range", "叶子序号超出范围 (leaf " + std::to_string(index) +
                                                     " not in tree of size " +
                                                     std::to_string(size) + ")");
  }
  // Walk down from the root; collect the sibling of each node on the path.
  std::vector<Hash32> proof;
  uint64_t begin = 0, end = size;
  while (end - begin > 1) {
    GK_RETURN_IF_ERROR(StepDown(store, index, &begin, &end, &proof).status());
  }
  std::reverse(proof.begin(), proof.end());
  return proof;
}

Result<std::vector<Hash32>> ConsistencyProof(MerkleNodeStore& store, uint64_t m, uint64_t n) {
  if (m > n || n > kMaxMerkleTreeSize) {
    return InvalidArgument("size_out_of_range", "旧树大小超过新树 (old size " + std::to_string(m) +
                                                    " > new size " + std::to_string(n) + ")");
  }
  std::vector<Hash32> proof;
  if (m == 0 || m == n) return proof;
  // SUBPROOF(m, D[begin:end], b) of RFC 9162 §2.1.4.1, unrolled; m is absolute.
  uint64_t begin = 0, end = n;
  bool b = true;
  while (m != end) {
    GK_ASSIGN_OR_RETURN(bool went_right, StepDown(store, m - 1, &begin, &end, &proof));
    if (went_right) b = false;
  }
  if (!b) {
    GK_ASSIGN_OR_RETURN(Hash32 h, SubtreeHash(store, begin, end));
    proof.push_back(h);
  }
  std::reverse(proof.begin(), proof.end());
  return proof;
}

Status VerifyInclusion(const Hash32& leaf_hash, uint64_t index, uint64_t size,
                       std::span<const Hash32> proof, const Hash32& root) {
  if (index >= size) {
    return InvalidArgument("index_out_of_range", "叶子序号超出范围 (leaf " + std::to_string(index) +
                                                     " not in tree of size " +
                                                     std::to_string(size) + ")");
  }
  std::optional<Hash32> r = WalkPath(index, size - 1, leaf_hash, proof, nullptr);
  if (!r) return BadProofLength(proof.size());
  if (*r != root) return RootMismatch("tree");
  return Status::Ok();
}

Status VerifyConsistency(uint64_t m, uint64_t n, const Hash32& root_m, const Hash32& root_n,
                         std::span<const Hash32> proof) {
  if (m > n) {
    return InvalidArgument("size_out_of_range", "旧树大小超过新树 (old size " + std::to_string(m) +
                                                    " > new size " + std::to_string(n) + ")");
  }
  if (m == n || m == 0) {
    if (!proof.empty()) return BadProofLength(proof.size());
    if (root_m != (m == 0 ? EmptyTreeRoot() : root_n)) return RootMismatch("old");
    return Status::Ok();
  }
  if (proof.empty()) return BadProofLength(0);
  // If m is a power of two, the old root is the implicit first element.
  const bool m_is_pow2 = std::has_single_bit(m);
  const Hash32& first = m_is_pow2 ? root_m : proof[0];
  std::span<const Hash32> rest = m_is_pow2 ? proof : proof.subspan(1);
  uint64_t fn = m - 1, sn = n - 1;
  while (fn & 1) {
    fn >>= 1;
    sn >>= 1;
  }
  Hash32 fr = first;
  std::optional<Hash32> sr = WalkPath(fn, sn, first, rest, &fr);
  if (!sr) return BadProofLength(proof.size());
  if (fr != root_m) return RootMismatch("old");
  if (*sr != root_n) return RootMismatch("new");
  return Status::Ok();
}

Result<std::optional<Hash32>> MemoryNodeStore::GetNode(uint32_t level, uint64_t index) {
  if (level >= levels_.size() || index >= levels_[level].size()) {
    return std::optional<Hash32>();
  }
  return std::optional<Hash32>(levels_[level][index]);
}

Status MemoryNodeStore::PutNode(uint32_t level, uint64_t index, const Hash32& hash) {
  if (level >= 64) return InvalidArgument("bad_node_level", "node level must be < 64");
  if (levels_.size() <= level) levels_.resize(level + 1);
  std::vector<Hash32>& row = levels_[level];
  if (index < row.size()) {
    if (row[index] == hash) return Status::Ok();
    return FailedPrecondition("merkle_node_conflict",
                              "Merkle 节点已存在且不同 (a different node is already stored)");
  }
  if (index > row.size()) {
    return InvalidArgument("merkle_node_gap", "nodes of a level must be written in order");
  }
  row.push_back(hash);
  return Status::Ok();
}

Status MemoryNodeStore::Append(const Hash32& leaf_hash) {
  return AppendLeaf(*this, size(), leaf_hash);
}

}  // namespace gongkai
