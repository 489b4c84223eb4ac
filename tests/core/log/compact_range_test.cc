#include "core/log/compact_range.h"

#include <gtest/gtest.h>

#include <bit>
#include <functional>
#include <map>

#include "core/base/hex.h"
#include "core/log/merkle.h"

namespace gongkai {
namespace {

TEST(AuditCompactRange, RootMatchesRfc9162ForEverySizeUpTo130) {
  CompactRange r;
  std::vector<Hash32> leaves;
  EXPECT_EQ(r.Root(), EmptyTreeRoot());
  for (int i = 0; i < 130; ++i) {
    Hash32 h = LeafHash(std::string(static_cast<size_t>(i), 'x'));
    leaves.push_back(h);
    r.Append(h);
    ASSERT_EQ(r.size(), leaves.size());
    ASSERT_EQ(r.hashes().size(), static_cast<size_t>(std::popcount(r.size())));
    ASSERT_EQ(r.Root(), RootFromLeafHashes(leaves)) << "size " << leaves.size();
  }
}

TEST(AuditCompactRange, KnownAnswerFromMerkleMd) {
  // The transparency-dev test leaves (docs/formats/merkle.md §1), n = 7.
  const char* data[] = {"", "00", "10", "2021", "3031", "40414243", "5051525354555657"};
  CompactRange r;
  for (const char* hex : data) r.Append(LeafHash(*HexDecode(hex)));
  EXPECT_EQ(HexEncode(r.Root()),
            "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c");
}

TEST(AuditCompactRange, FromHashesNeedsOneHashPerSetBit) {
  CompactRange r;
  for (int i = 0; i < 13; ++i) r.Append(LeafHash(std::to_string(i)));
  Result<CompactRange> back = CompactRange::FromHashes(13, r.hashes());
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(*back, r);
  EXPECT_EQ(CompactRange::FromHashes(12, r.hashes()).status().reason(), "bad_compact_range");
  EXPECT_EQ(CompactRange::FromHashes(0, {}).value().Root(), EmptyTreeRoot());
}

}  // namespace
}  // namespace gongkai

// A compact range as a proof (VerifyRange): the frontier of 13 leaves from
// stored nodes, the station holding entries 13 and 14 of a log of 20.
namespace gongkai {
namespace {

struct RangeFixture {
  MemoryNodeStore store;
  std::vector<Hash32> leaves;
  RangeFixture() {
    for (int i = 0; i < 20; ++i) {
      leaves.push_back(LeafHash("entry " + std::to_string(i)));
      EXPECT_TRUE(store.Append(leaves.back()).ok());
    }
  }
  Hash32 RootAt(uint64_t size) { return *Root(store, size); }
  RangeProof Proof(uint64_t from, uint64_t to, const std::map<uint64_t, Hash32>& held) {
    RangeProof p{from, *RangeFrontier(store, from), {}};
    for (uint64_t i = from; i < to; ++i) {
      if (!held.contains(i)) p.leaves.push_back(leaves[i]);
    }
    return p;
  }
};

TEST(RangeProofTest, TheFrontierIsTheCompactRangeOfThoseLeaves) {
  RangeFixture f;
  for (uint64_t size = 1; size <= 20; ++size) {
    CompactRange r;
    for (uint64_t i = 0; i < size; ++i) r.Append(f.leaves[i]);
    EXPECT_EQ(*RangeFrontier(f.store, size), r.hashes()) << size;
  }
}

TEST(RangeProofTest, AGoodRangeVerifiesForEverySizePair) {
  RangeFixture f;
  for (uint64_t from = 1; from < 20; ++from) {
    for (uint64_t to = from + 1; to <= 20; ++to) {
      std::map<uint64_t, Hash32> held = {{from, f.leaves[from]}};
      Status s = VerifyRange(f.Proof(from, to, held), f.RootAt(from), to, f.RootAt(to), held);
      EXPECT_TRUE(s.ok()) << from << " → " << to << ": " << s.ToString();
    }
  }
}

TEST(RangeProofTest, EachDamageIsRefusedWithItsReason) {
  RangeFixture f;
  const std::map<uint64_t, Hash32> held = {{13, f.leaves[13]}, {14, f.leaves[14]}};
  const RangeProof good = f.Proof(13, 20, held);
  ASSERT_TRUE(VerifyRange(good, f.RootAt(13), 20, f.RootAt(20), held).ok());
  struct Case {
    const char* name;
    std::function<void(RangeProof&, std::map<uint64_t, Hash32>&, Hash32& from_root)> damage;
    const char* reason;
  };
  const std::vector<Case> cases = {
      {"a frontier hash changed", [](RangeProof& p, auto&, Hash32&) { p.frontier[1][0] ^= 1; },
       "range_frontier"},
      {"a frontier hash missing", [](RangeProof& p, auto&, Hash32&) { p.frontier.pop_back(); },
       "range_frontier"},
      {"another verified root", [](RangeProof&, auto&, Hash32& r) { r[0] ^= 1; }, "range_frontier"},
      {"from 0", [](RangeProof& p, auto&, Hash32&) { p.from = 0, p.frontier.clear(); },
       "range_frontier"},
      {"a held entry before the range",
       [&](RangeProof&, auto& h, Hash32&) { h[12] = f.leaves[12]; }, "range_leaves"},
      {"a held entry after the tree", [&](RangeProof&, auto& h, Hash32&) { h[20] = f.leaves[0]; },
       "range_leaves"},
      {"a leaf too few", [](RangeProof& p, auto&, Hash32&) { p.leaves.pop_back(); },
       "range_leaves"},
      {"a leaf too many", [](RangeProof& p, auto&, Hash32&) { p.leaves.push_back({}); },
       "range_leaves"},
      {"a given leaf changed", [](RangeProof& p, auto&, Hash32&) { p.leaves[2][31] ^= 1; },
       "range_root"},
      {"a held entry changed", [](RangeProof&, auto& h, Hash32&) { h[14][0] ^= 1; }, "range_root"},
      {"two given leaves swapped",
       [](RangeProof& p, auto&, Hash32&) { std::swap(p.leaves[0], p.leaves[1]); }, "range_root"},
      {"a held entry at another index",
       [&](RangeProof&, auto& h, Hash32&) { h.erase(14), h[15] = f.leaves[14]; }, "range_root"},
  };
  for (const Case& c : cases) {
    RangeProof p = good;
    std::map<uint64_t, Hash32> h = held;
    Hash32 from_root = f.RootAt(13);
    c.damage(p, h, from_root);
    Status s = VerifyRange(p, from_root, 20, f.RootAt(20), h);
    ASSERT_FALSE(s.ok()) << c.name;
    EXPECT_EQ(s.reason(), c.reason) << c.name;
    EXPECT_EQ(s.code(), Code::kDataLoss) << c.name;
  }
  // The root of the tree of 13 is also a one-hash frontier of 8: its size
  // is what the caller pins (station/log/checkpoint_check.h).
  RangeProof as_eight{8, {f.RootAt(13)}, {}};
  EXPECT_EQ(VerifyRange(as_eight, f.RootAt(13), 20, f.RootAt(20), {}).reason(), "range_leaves");
}

}  // namespace
}  // namespace gongkai
