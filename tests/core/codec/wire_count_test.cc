// WireReader::Count: the count of a list is refused before anything is
// allocated when it is above the list's maximum or more than the bytes left
// can hold; the refusal is the caller's reason and message, the first
// error wins, and the count reads as 0 after a refusal.
#include <gtest/gtest.h>

#include <cstdint>

#include "core/codec/wire.h"

namespace gongkai {
namespace {

Bytes CountThenBytes(uint64_t n, size_t tail) {
  WireWriter w;
  w.U64(n);
  for (size_t i = 0; i < tail; ++i) w.U8(0);
  return w.bytes();
}

TEST(WireCountTest, ACountThatFitsIsRead) {
  const Bytes b = CountThenBytes(3, 24);
  WireReader r(b);
  uint64_t n = 99;
  EXPECT_TRUE(r.Count(&n, 10, 8, "too_many", "x"));
  EXPECT_EQ(n, 3u);
  EXPECT_TRUE(r.status().ok());
}

TEST(WireCountTest, MoreThanTheBytesLeftHoldIsRefusedWithTheCallersReason) {
  const Bytes b = CountThenBytes(4, 24);  // four items of 8 bytes need 32
  WireReader r(b);
  uint64_t n = 99;
  EXPECT_FALSE(r.Count(&n, 10, 8, "truncated", "数量不对 (count)"));
  EXPECT_EQ(n, 0u);
  EXPECT_EQ(r.status().code(), Code::kDataLoss);
  EXPECT_EQ(r.status().reason(), "truncated");
  EXPECT_EQ(r.status().message(), "数量不对 (count)");
}

TEST(WireCountTest, AboveTheMaximumIsRefusedEvenWhenTheBytesWouldHoldIt) {
  const Bytes b = CountThenBytes(11, 200);
  WireReader r(b);
  uint64_t n = 0;
  EXPECT_FALSE(r.Count(&n, 10, 1, "too_many", "x"));
  EXPECT_EQ(r.status().reason(), "too_many");
}

TEST(WireCountTest, AHugeCountAllocatesNothingAndAShortReadKeepsItsOwnError) {
  const Bytes huge = CountThenBytes(UINT64_MAX, 0);
  WireReader r(huge);
  uint64_t n = 0;
  EXPECT_FALSE(r.Count(&n, UINT64_MAX, 1, "too_many", "x"));
  EXPECT_EQ(r.status().reason(), "too_many");

  const Bytes shorter = {0x01, 0x02};  // the archive flag and one byte of the u64
  WireReader s(shorter);
  EXPECT_FALSE(s.Count(&n, 10, 8, "too_many", "x"));
  EXPECT_EQ(n, 0u);
  EXPECT_NE(s.status().reason(), "too_many");
  EXPECT_FALSE(s.status().ok());
}

}  // namespace
}  // namespace gongkai
