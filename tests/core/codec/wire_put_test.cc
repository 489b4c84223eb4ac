// WireWriter::Put and WireBytes: a field list written by type is the same
// bytes as the grammar written by hand (docs/formats/wire.md).
#include <gtest/gtest.h>

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "core/codec/wire.h"
#include "tests/testing/le_bytes.h"

namespace gongkai {
namespace {

TEST(WirePutTest, EachTypeIsWrittenAsTheGrammarSays) {
  const std::array<uint8_t, 3> fixed = {0xaa, 0xbb, 0xcc};
  const std::vector<std::string> names = {"x", "yz"};
  const std::vector<uint64_t> none;
  const Bytes blob = {9, 8};
  const std::string text = "ab";
  const Bytes got = WireBytes(uint16_t{2}, uint8_t{7}, true, false, uint32_t{0x01020304},
                              uint64_t{5}, int64_t{-1}, text, "c", blob, fixed, names, none);

  LeBytes want;
  want.U16(2).U8(7).U8(1).U8(0);
  want.Raw({0x04, 0x03, 0x02, 0x01});  // u32
  want.U64(5).U64(UINT64_MAX);         // i64 -1: two's complement
  want.Str("ab").Str("c");
  want.U64(2).Raw({9, 8});  // Bytes is a blob: its length, then the bytes
  want.Raw({0xaa, 0xbb, 0xcc});
  want.U64(2).Str("x").Str("yz");  // a vector: its count, then each element
  want.U64(0);
  EXPECT_EQ(got, want.bytes());
}

TEST(WirePutTest, FollowsTheCompactSwitchLikeTheNamedCalls) {
  WireWriter w;
  w.CompactIntegers(true);
  w.Put(uint64_t{300}, std::string("ab"), std::vector<uint64_t>{1, 128}, uint16_t{1});
  LeBytes want;
  want.Var(300).VarStr("ab").Var(2).Var(1).Var(128).U16(1);
  EXPECT_EQ(w.bytes(), want.bytes());
}

}  // namespace
}  // namespace gongkai
