// RFC 9162 Merkle hashing and proofs: known answers, and exhaustive checks
// of every proof for trees up to 64 leaves against a naive reference written
// straight from RFC 9162 §2.1.
#include "core/log/merkle.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <bit>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "core/base/hex.h"
#include "core/crypto/sha256.h"

namespace gongkai {
namespace {

Hash32 H(std::string_view hex) { return *HexDecodeHash(hex); }

// transparency-dev/merkle testonly inputs and roots (from the Certificate
// Transparency C++ test suite): roots[n] is the root of the first n leaves.
const std::vector<std::string> kLeafHex = {"",
                                           "00",
                                           "10",
                                           "2021",
                                           "3031",
                                           "40414243",
                                           "5051525354555657",
                                           "606162636465666768696a6b6c6d6e6f"};
const std::vector<std::string> kRootHex = {
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
    "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
    "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
    "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
};

std::vector<Hash32> KatLeafHashes() {
  std::vector<Hash32> out;
  for (const std::string& hex : kLeafHex) out.push_back(LeafHash(*HexDecode(hex)));
  return out;
}

// ---------------------------------------------------------------------------
// Naive reference: MTH, PATH and PROOF exactly as written in RFC 9162 §2.1,
// recursing over explicit leaf ranges (memoized MTH to keep the test fast).
class Reference {
 public:
  explicit Reference(std::vector<Hash32> leaves) : leaves_(std::move(leaves)) {}

  Hash32 Mth(uint64_t begin, uint64_t end) {
    const uint64_t n = end - begin;
    if (n == 0) return Sha256(std::string_view());
    if (n == 1) return leaves_[begin];
    auto it = memo_.find({begin, end});
    if (it != memo_.end()) return it->second;
    uint64_t k = 1;
    while (k * 2 < n) k *= 2;
    Hash32 h = NodeHash(Mth(begin, begin + k), Mth(begin + k, end));
    memo_[{begin, end}] = h;
    return h;
  }

  // PATH(m, D[begin:end]) with m relative to begin.
  std::vector<Hash32> Path(uint64_t m, uint64_t begin, uint64_t end) {
    const uint64_t n = end - begin;
    if (n == 1) return {};
    uint64_t k = 1;
    while (k * 2 < n) k *= 2;
    std::vector<Hash32> out;
    if (m < k) {
      out = Path(m, begin, begin + k);
      out.push_back(Mth(begin + k, end));
    } else {
      out = Path(m - k, begin + k, end);
      out.push_back(Mth(begin, begin + k));
    }
    return out;
  }

  // Lengths of PATH(m, D[n]) and PROOF(m, D[n]), by the same recursions.
  static size_t PathLength(uint64_t m, uint64_t n) {
    if (n <= 1) return 0;
    uint64_t k = 1;
    while (k * 2 < n) k *= 2;
    return 1 + (m < k ? PathLength(m, k) : PathLength(m - k, n - k));
  }
  static size_t ProofLength(uint64_t m, uint64_t n) {
    return (m == 0 || m == n) ? 0 : SubproofLength(m, n, true);
  }
  static size_t SubproofLength(uint64_t m, uint64_t n, bool b) {
    if (m == n) return b ? 0 : 1;
    uint64_t k = 1;
    while (k * 2 < n) k *= 2;
    return 1 + (m <= k ? SubproofLength(m, k, b) : SubproofLength(m - k, n - k, false));
  }

  // PROOF(m, D[n]) = SUBPROOF(m, D[n], true).
  std::vector<Hash32> Proof(uint64_t m, uint64_t n) {
    if (m == 0 || m == n) return {};
    return Subproof(m, 0, n, true);
  }

 private:
  std::vector<Hash32> Subproof(uint64_t m, uint64_t begin, uint64_t end, bool b) {
    const uint64_t n = end - begin;
    if (m == n) {
      if (b) return {};
      return {Mth(begin, end)};
    }
    uint64_t k = 1;
    while (k * 2 < n) k *= 2;
    std::vector<Hash32> out;
    if (m <= k) {
      out = Subproof(m, begin, begin + k, b);
      out.push_back(Mth(begin + k, end));
    } else {
      out = Subproof(m - k, begin + k, end, false);
      out.push_back(Mth(begin, begin + k));
    }
    return out;
  }

  std::vector<Hash32> leaves_;
  std::map<std::pair<uint64_t, uint64_t>, Hash32> memo_;
};

constexpr uint64_t kMaxExhaustive = 64;

std::vector<Hash32> TestLeaves(uint64_t n) {
  std::vector<Hash32> out;
  for (uint64_t i = 0; i < n; ++i) out.push_back(LeafHash("leaf " + std::to_string(i)));
  return out;
}

// A store with every leaf of TestLeaves(kMaxExhaustive) appended.
MemoryNodeStore& SharedStore() {
  static MemoryNodeStore* store = [] {
    auto* s = new MemoryNodeStore;
    for (const Hash32& h : TestLeaves(kMaxExhaustive)) EXPECT_TRUE(s->Append(h).ok());
    return s;
  }();
  return *store;
}

Reference& SharedReference() {
  static Reference* ref = new Reference(TestLeaves(kMaxExhaustive));
  return *ref;
}

// Wrong values to try instead of v, within [lo, hi]: neighbours, the ends,
// and values differing in one bit or by a factor of two.
std::vector<uint64_t> Alternatives(uint64_t v, uint64_t lo, uint64_t hi) {
  std::vector<uint64_t> out;
  for (uint64_t w : {lo, hi, v - 3, v - 2, v - 1, v + 1, v + 2, v + 3, v ^ 1, v ^ 2, v ^ 4, v ^ 8,
                     v ^ 16, v ^ 32, v * 2, v / 2}) {
    if (w >= lo && w <= hi && w != v && std::find(out.begin(), out.end(), w) == out.end()) {
      out.push_back(w);
    }
  }
  return out;
}

Hash32 FlipBit(Hash32 h, size_t bit) {
  h[bit / 8 % 32] ^= uint8_t(1u << (bit % 8));
  return h;
}

// ---------------------------------------------------------------------------
// Hashing known answers.

TEST(MerkleHashTest, EmptyTreeRootIsSha256OfEmptyString) {
  EXPECT_EQ(HexEncode(EmptyTreeRoot()), kRootHex[0]);
  EXPECT_EQ(RootFromLeafHashes({}), H(kRootHex[0]));
}

TEST(MerkleHashTest, LeafHashOfEmptyDataIsSha256OfZeroByte) {
  EXPECT_EQ(LeafHash(""), Sha256(Bytes{0x00}));
  EXPECT_EQ(HexEncode(LeafHash("")),
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d");
}

TEST(MerkleHashTest, NodeHashPrefixesOneByte) {
  Hash32 l = LeafHash("l"), r = LeafHash("r");
  Bytes buf = {0x01};
  buf.insert(buf.end(), l.begin(), l.end());
  buf.insert(buf.end(), r.begin(), r.end());
  EXPECT_EQ(NodeHash(l, r), Sha256(buf));
  EXPECT_NE(NodeHash(l, r), NodeHash(r, l));
}

TEST(MerkleHashTest, RootsOfSizesZeroToEightMatchTransparencyDevConstants) {
  std::vector<Hash32> leaves = KatLeafHashes();
  MemoryNodeStore store;
  for (size_t n = 0; n <= leaves.size(); ++n) {
    SCOPED_TRACE("size " + std::to_string(n));
    EXPECT_EQ(HexEncode(RootFromLeafHashes(std::span(leaves).first(n))), kRootHex[n]);
    Result<Hash32> root = Root(store, n);
    ASSERT_TRUE(root.ok()) << root.status().ToString();
    EXPECT_EQ(HexEncode(*root), kRootHex[n]);
    if (n < leaves.size()) {
      ASSERT_TRUE(store.Append(leaves[n]).ok());
    }
  }
  // Older roots stay computable from the grown store.
  for (size_t n = 0; n <= leaves.size(); ++n) EXPECT_EQ(HexEncode(*Root(store, n)), kRootHex[n]);
}

TEST(MerkleHashTest, KnownInclusionAndConsistencyProofsOfTheEightLeafTree) {
  // Vectors from transparency-dev/merkle proof/verify_test.go.
  std::vector<Hash32> leaves = KatLeafHashes();
  MemoryNodeStore store;
  for (const Hash32& h : leaves) ASSERT_TRUE(store.Append(h).ok());
  EXPECT_EQ(
      *InclusionProof(store, 0, 8),
      (std::vector<Hash32>{H("96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7"),
                           H("5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e"),
                           H("6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4")}));
  EXPECT_EQ(
      *InclusionProof(store, 5, 8),
      (std::vector<Hash32>{H("bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"),
                           H("ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0"),
                           H("d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7")}));
  EXPECT_EQ(
      *ConsistencyProof(store, 1, 8),
      (std::vector<Hash32>{H("96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7"),
                           H("5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e"),
                           H("6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4")}));
  EXPECT_EQ(
      *ConsistencyProof(store, 6, 8),
      (std::vector<Hash32>{H("0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a"),
                           H("ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0"),
                           H("d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7")}));
  EXPECT_EQ(
      *ConsistencyProof(store, 2, 5),
      (std::vector<Hash32>{H("5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e"),
                           H("bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b")}));
  EXPECT_TRUE(
      VerifyConsistency(6, 8, H(kRootHex[6]), H(kRootHex[8]), *ConsistencyProof(store, 6, 8)).ok());
}

// ---------------------------------------------------------------------------
// Storage scheme.

TEST(MerkleStoreTest, AppendWritesOneNodePerCompletedPerfectSubtree) {
  MemoryNodeStore store;
  std::vector<Hash32> leaves = KatLeafHashes();
  for (const Hash32& h : std::span(leaves).first(7)) ASSERT_TRUE(store.Append(h).ok());
  Result<std::vector<MerkleNode>> nodes = NodesForAppend(store, 7, leaves[7]);
  ASSERT_TRUE(nodes.ok());
  ASSERT_EQ(nodes->size(), 4u);  // leaf 7, then (1,3), (2,1), (3,0)
  EXPECT_EQ((*nodes)[0], (MerkleNode{0, 7, leaves[7]}));
  EXPECT_EQ((*nodes)[1].level, 1u);
  EXPECT_EQ((*nodes)[1].index, 3u);
  EXPECT_EQ((*nodes)[2].level, 2u);
  EXPECT_EQ((*nodes)[2].index, 1u);
  EXPECT_EQ((*nodes)[3], (MerkleNode{3, 0, H(kRootHex[8])}));
  // Appending to an even size completes no parent.
  Result<std::vector<MerkleNode>> even = NodesForAppend(store, 6, leaves[6]);
  ASSERT_TRUE(even.ok());
  EXPECT_EQ(even->size(), 1u);
}

TEST(MerkleStoreTest, ReappendingTheSameLeafIsIdempotentButADifferentOneConflicts) {
  MemoryNodeStore store;
  ASSERT_TRUE(store.Append(LeafHash("a")).ok());
  ASSERT_TRUE(store.Append(LeafHash("b")).ok());
  EXPECT_TRUE(AppendLeaf(store, 1, LeafHash("b")).ok());
  Status s = AppendLeaf(store, 1, LeafHash("c"));
  EXPECT_EQ(s.reason(), "merkle_node_conflict");
  EXPECT_EQ(store.size(), 2u);
}

TEST(MerkleStoreTest, MemoryStoreRejectsANodeWrittenOutOfOrder) {
  MemoryNodeStore store;
  EXPECT_EQ(store.PutNode(0, 1, LeafHash("x")).reason(), "merkle_node_gap");
}

TEST(MerkleStoreTest, ProofsBeyondTheStoredTreeReportMissingNodes) {
  MemoryNodeStore store;
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(store.Append(LeafHash(std::to_string(i))).ok());
  EXPECT_EQ(Root(store, 6).status().reason(), "merkle_node_missing");
  EXPECT_EQ(Root(store, 6).status().code(), Code::kDataLoss);
  EXPECT_EQ(InclusionProof(store, 0, 7).status().reason(), "merkle_node_missing");
  EXPECT_EQ(ConsistencyProof(store, 3, 9).status().reason(), "merkle_node_missing");
  // Appending at a wrong (too large, odd) position needs a missing sibling.
  EXPECT_EQ(AppendLeaf(store, 7, LeafHash("x")).reason(), "merkle_node_missing");
}

TEST(MerkleStoreTest, SubtreeHashRejectsRangesThatAreNoTreeNode) {
  MerkleNodeStore& store = SharedStore();
  Reference& ref = SharedReference();
  EXPECT_EQ(SubtreeHash(store, 4, 9).status().reason(), "bad_subtree_range");
  EXPECT_EQ(SubtreeHash(store, 3, 5).status().reason(), "bad_subtree_range");
  EXPECT_EQ(SubtreeHash(store, 5, 5).status().reason(), "bad_subtree_range");
  EXPECT_EQ(SubtreeHash(store, 6, 5).status().reason(), "bad_subtree_range");
  EXPECT_EQ(*SubtreeHash(store, 8, 13), ref.Mth(8, 13));
  EXPECT_EQ(*SubtreeHash(store, 32, 64), ref.Mth(32, 64));
  EXPECT_EQ(*SubtreeHash(store, 5, 6), ref.Mth(5, 6));
}

TEST(MerkleStoreTest, GenerationRejectsOutOfRangeArguments) {
  MerkleNodeStore& store = SharedStore();
  EXPECT_EQ(InclusionProof(store, 5, 5).status().reason(), "index_out_of_range");
  EXPECT_EQ(InclusionProof(store, 0, 0).status().reason(), "index_out_of_range");
  EXPECT_EQ(ConsistencyProof(store, 6, 5).status().reason(), "size_out_of_range");
  EXPECT_TRUE(ConsistencyProof(store, 0, 5)->empty());
  EXPECT_TRUE(ConsistencyProof(store, 5, 5)->empty());
}

// A store that invents a hash for any node and counts reads, to check the
// O(log n) bound on huge trees without building them.
class CountingStore : public MerkleNodeStore {
 public:
  Result<std::optional<Hash32>> GetNode(uint32_t level, uint64_t index) override {
    ++reads;
    return std::optional<Hash32>(Sha256(std::to_string(level) + "/" + std::to_string(index)));
  }
  Status PutNode(uint32_t, uint64_t, const Hash32&) override { return Status::Ok(); }
  int reads = 0;
};

TEST(MerkleStoreTest, RootsAndProofsOfHugeTreesNeedLogarithmicReads) {
  const std::vector<uint64_t> sizes = {1,
                                       2,
                                       3,
                                       1000,
                                       (1u << 20),
                                       1234567891,
                                       (1ull << 40) + 12345,
                                       kMaxMerkleTreeSize - 1,
                                       kMaxMerkleTreeSize};
  for (uint64_t n : sizes) {
    SCOPED_TRACE("size " + std::to_string(n));
    const int bound = 2 * static_cast<int>(std::bit_width(n - 1)) + 2;  // 2 ceil(log2 n) + 2
    CountingStore store;
    ASSERT_TRUE(Root(store, n).ok());
    EXPECT_LE(store.reads, std::bit_width(n));
    for (uint64_t index : {uint64_t{0}, n / 3, n / 2, n - 1}) {
      store.reads = 0;
      Result<std::vector<Hash32>> proof = InclusionProof(store, index, n);
      ASSERT_TRUE(proof.ok());
      EXPECT_LE(store.reads, bound);
      EXPECT_LE(proof->size(), 64u);
    }
    for (uint64_t m : {uint64_t{1}, n / 3, n / 2, n - 1}) {
      if (m == 0) continue;
      store.reads = 0;
      Result<std::vector<Hash32>> proof = ConsistencyProof(store, m, n);
      ASSERT_TRUE(proof.ok());
      EXPECT_LE(store.reads, bound);
    }
    store.reads = 0;
    if (n < kMaxMerkleTreeSize) {
      ASSERT_TRUE(NodesForAppend(store, n, LeafHash("new")).ok());
      EXPECT_LE(store.reads, 63);
    } else {
      EXPECT_EQ(NodesForAppend(store, n, LeafHash("new")).status().reason(), "size_out_of_range");
    }
  }
}

// ---------------------------------------------------------------------------
// Exhaustive inclusion proofs.

TEST(MerkleInclusionTest, EveryProofUpToSize64MatchesTheRfcReferenceAndVerifies) {
  MerkleNodeStore& store = SharedStore();
  Reference& ref = SharedReference();
  std::vector<Hash32> leaves = TestLeaves(kMaxExhaustive);
  for (uint64_t n = 1; n <= kMaxExhaustive; ++n) {
    const Hash32 root = ref.Mth(0, n);
    ASSERT_EQ(*Root(store, n), root) << "size " << n;
    for (uint64_t i = 0; i < n; ++i) {
      Result<std::vector<Hash32>> proof = InclusionProof(store, i, n);
      ASSERT_TRUE(proof.ok()) << proof.status().ToString();
      ASSERT_EQ(*proof, ref.Path(i, 0, n)) << "index " << i << " size " << n;
      ASSERT_EQ(proof->size(), Reference::PathLength(i, n));
      Status s = VerifyInclusion(leaves[i], i, n, *proof, root);
      ASSERT_TRUE(s.ok()) << s.ToString() << " index " << i << " size " << n;
    }
  }
}

TEST(MerkleInclusionTest, EveryAlteredProofUpToSize64IsRejectedWithTheRightReason) {
  Reference& ref = SharedReference();
  std::vector<Hash32> leaves = TestLeaves(kMaxExhaustive);
  for (uint64_t n = 1; n <= kMaxExhaustive; ++n) {
    const Hash32 root = ref.Mth(0, n);
    for (uint64_t i = 0; i < n; ++i) {
      SCOPED_TRACE("index " + std::to_string(i) + " size " + std::to_string(n));
      const std::vector<Hash32> proof = ref.Path(i, 0, n);
      // A flipped bit anywhere in any element.
      for (size_t e = 0; e < proof.size(); ++e) {
        for (size_t bit : {size_t{0}, size_t{131}, size_t{255}}) {
          std::vector<Hash32> bad = proof;
          bad[e] = FlipBit(bad[e], bit);
          ASSERT_EQ(VerifyInclusion(leaves[i], i, n, bad, root).reason(), "root_mismatch");
        }
      }
      // Wrong leaf, wrong root.
      ASSERT_EQ(VerifyInclusion(FlipBit(leaves[i], 7), i, n, proof, root).reason(),
                "root_mismatch");
      ASSERT_EQ(VerifyInclusion(leaves[i], i, n, proof, FlipBit(root, 200)).reason(),
                "root_mismatch");
      // Truncated and extended proofs.
      if (!proof.empty()) {
        std::vector<Hash32> shorter(proof.begin(), proof.end() - 1);
        ASSERT_EQ(VerifyInclusion(leaves[i], i, n, shorter, root).reason(), "bad_proof_length");
      }
      std::vector<Hash32> longer = proof;
      longer.push_back(root);
      ASSERT_EQ(VerifyInclusion(leaves[i], i, n, longer, root).reason(), "bad_proof_length");
      // Wrong index: fails on length when the true path length differs,
      // otherwise on the root.
      for (uint64_t j : Alternatives(i, 0, n - 1)) {
        const char* want =
            Reference::PathLength(j, n) == proof.size() ? "root_mismatch" : "bad_proof_length";
        ASSERT_EQ(VerifyInclusion(leaves[i], j, n, proof, root).reason(), want) << "as " << j;
      }
      // Wrong size, with the true root of that size. (With the root of the
      // real size a wrong size can verify: e.g. index 0 of size 3 and of
      // size 4 fold the same proof to the same hash. Checkpoints therefore
      // sign size and root together.)
      for (uint64_t m : Alternatives(n, 1, kMaxExhaustive)) {
        Status s = VerifyInclusion(leaves[i], i, m, proof, ref.Mth(0, m));
        if (i >= m) {
          ASSERT_EQ(s.reason(), "index_out_of_range") << "as size " << m;
        } else {
          const char* want =
              Reference::PathLength(i, m) == proof.size() ? "root_mismatch" : "bad_proof_length";
          ASSERT_EQ(s.reason(), want) << "as size " << m;
        }
      }
    }
  }
}

TEST(MerkleInclusionTest, IndexEqualToSizeIsOutOfRange) {
  Hash32 leaf = LeafHash("x");
  EXPECT_EQ(VerifyInclusion(leaf, 0, 0, {}, EmptyTreeRoot()).reason(), "index_out_of_range");
  EXPECT_EQ(VerifyInclusion(leaf, 1, 1, {}, leaf).reason(), "index_out_of_range");
  EXPECT_EQ(VerifyInclusion(leaf, 1, 1, {}, leaf).code(), Code::kInvalidArgument);
  EXPECT_TRUE(VerifyInclusion(leaf, 0, 1, {}, leaf).ok());
}

TEST(MerkleInclusionTest, OverlongProofForHugeTreeIsABadLength) {
  std::vector<Hash32> proof(70, LeafHash("p"));
  Status s = VerifyInclusion(LeafHash("x"), 0, UINT64_MAX, proof, LeafHash("r"));
  EXPECT_EQ(s.reason(), "bad_proof_length");
  EXPECT_EQ(s.code(), Code::kDataLoss);
}

// ---------------------------------------------------------------------------
// Exhaustive consistency proofs.

TEST(MerkleConsistencyTest, EveryProofUpToSize64MatchesTheRfcReferenceAndVerifies) {
  MerkleNodeStore& store = SharedStore();
  Reference& ref = SharedReference();
  for (uint64_t n = 0; n <= kMaxExhaustive; ++n) {
    for (uint64_t m = 0; m <= n; ++m) {
      Result<std::vector<Hash32>> proof = ConsistencyProof(store, m, n);
      ASSERT_TRUE(proof.ok()) << proof.status().ToString();
      ASSERT_EQ(*proof, ref.Proof(m, n)) << m << " -> " << n;
      ASSERT_EQ(proof->size(), Reference::ProofLength(m, n));
      Status s = VerifyConsistency(m, n, ref.Mth(0, m), ref.Mth(0, n), *proof);
      ASSERT_TRUE(s.ok()) << s.ToString() << " " << m << " -> " << n;
    }
  }
}

TEST(MerkleConsistencyTest, EveryAlteredProofUpToSize64IsRejectedWithTheRightReason) {
  Reference& ref = SharedReference();
  for (uint64_t n = 2; n <= kMaxExhaustive; ++n) {
    const Hash32 root_n = ref.Mth(0, n);
    for (uint64_t m = 1; m < n; ++m) {
      SCOPED_TRACE(std::to_string(m) + " -> " + std::to_string(n));
      const Hash32 root_m = ref.Mth(0, m);
      const std::vector<Hash32> proof = ref.Proof(m, n);
      ASSERT_FALSE(proof.empty());
      for (size_t e = 0; e < proof.size(); ++e) {
        for (size_t bit : {size_t{0}, size_t{100}, size_t{255}}) {
          std::vector<Hash32> bad = proof;
          bad[e] = FlipBit(bad[e], bit);
          ASSERT_EQ(VerifyConsistency(m, n, root_m, root_n, bad).reason(), "root_mismatch");
        }
      }
      ASSERT_EQ(VerifyConsistency(m, n, FlipBit(root_m, 3), root_n, proof).reason(),
                "root_mismatch");
      ASSERT_EQ(VerifyConsistency(m, n, root_m, FlipBit(root_n, 3), proof).reason(),
                "root_mismatch");
      ASSERT_EQ(VerifyConsistency(m, n, root_n, root_m, proof).reason(), "root_mismatch");
      std::vector<Hash32> shorter(proof.begin(), proof.end() - 1);
      ASSERT_EQ(VerifyConsistency(m, n, root_m, root_n, shorter).reason(), "bad_proof_length");
      std::vector<Hash32> longer = proof;
      longer.push_back(root_n);
      ASSERT_EQ(VerifyConsistency(m, n, root_m, root_n, longer).reason(), "bad_proof_length");
      std::vector<Hash32> front_extended = proof;
      front_extended.insert(front_extended.begin(), root_m);
      ASSERT_EQ(VerifyConsistency(m, n, root_m, root_n, front_extended).reason(),
                "bad_proof_length");
      // Wrong old size or wrong new size, with the true roots of those sizes.
      for (uint64_t m2 : Alternatives(m, 0, kMaxExhaustive)) {
        Status s = VerifyConsistency(m2, n, ref.Mth(0, m2), root_n, proof);
        if (m2 > n) {
          ASSERT_EQ(s.reason(), "size_out_of_range") << "as old size " << m2;
        } else {
          const bool same_len = Reference::ProofLength(m2, n) == proof.size();
          ASSERT_EQ(s.reason(), same_len ? "root_mismatch" : "bad_proof_length")
              << "as old size " << m2;
        }
      }
      for (uint64_t n2 : Alternatives(n, 1, kMaxExhaustive)) {
        Status s = VerifyConsistency(m, n2, root_m, ref.Mth(0, n2), proof);
        if (m > n2) {
          ASSERT_EQ(s.reason(), "size_out_of_range") << "as new size " << n2;
        } else {
          const bool same_len = Reference::ProofLength(m, n2) == proof.size();
          ASSERT_EQ(s.reason(), same_len ? "root_mismatch" : "bad_proof_length")
              << "as new size " << n2;
        }
      }
    }
  }
}

TEST(MerkleConsistencyTest, EqualSizesNeedAnEmptyProofAndEqualRoots) {
  Hash32 a = LeafHash("a"), b = LeafHash("b");
  EXPECT_TRUE(VerifyConsistency(3, 3, a, a, {}).ok());
  EXPECT_EQ(VerifyConsistency(3, 3, a, b, {}).reason(), "root_mismatch");
  EXPECT_EQ(VerifyConsistency(3, 3, a, a, std::vector<Hash32>{a}).reason(), "bad_proof_length");
}

TEST(MerkleConsistencyTest, EmptyOldTreeNeedsAnEmptyProofAndTheEmptyRoot) {
  Hash32 a = LeafHash("a");
  EXPECT_TRUE(VerifyConsistency(0, 5, EmptyTreeRoot(), a, {}).ok());
  EXPECT_TRUE(VerifyConsistency(0, 0, EmptyTreeRoot(), EmptyTreeRoot(), {}).ok());
  EXPECT_EQ(VerifyConsistency(0, 5, a, a, {}).reason(), "root_mismatch");
  EXPECT_EQ(VerifyConsistency(0, 5, EmptyTreeRoot(), a, std::vector<Hash32>{a}).reason(),
            "bad_proof_length");
}

TEST(MerkleConsistencyTest, OldSizeLargerThanNewSizeIsOutOfRange) {
  Hash32 a = LeafHash("a");
  Status s = VerifyConsistency(6, 5, a, a, std::vector<Hash32>{a});
  EXPECT_EQ(s.reason(), "size_out_of_range");
  EXPECT_EQ(s.code(), Code::kInvalidArgument);
}

TEST(MerkleConsistencyTest, EmptyProofBetweenDifferentNonEmptySizesIsABadLength) {
  Hash32 a = LeafHash("a");
  EXPECT_EQ(VerifyConsistency(4, 8, a, a, {}).reason(), "bad_proof_length");
  EXPECT_EQ(VerifyConsistency(3, 8, a, a, {}).reason(), "bad_proof_length");
}

}  // namespace
}  // namespace gongkai
