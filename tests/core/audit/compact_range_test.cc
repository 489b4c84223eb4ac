#include "core/audit/compact_range.h"

#include <gtest/gtest.h>

#include <bit>

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
