// Compact integers of the wire grammar (docs/formats/wire.md § Compact
// integers): LEB128 u64 values and lengths, the shortest form only.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>

#include "core/codec/wire.h"
#include "tests/testing/le_bytes.h"

namespace gongkai {
namespace {

TEST(WireCompactTest, GoldenBytes) {
  WireWriter w;
  w.U64(1);  // before the switch: 8 bytes
  w.CompactIntegers(true);
  for (uint64_t v : {uint64_t{0}, uint64_t{1}, uint64_t{127}, uint64_t{128}, uint64_t{300},
                     uint64_t{16384}, UINT64_MAX}) {
    w.U64(v);
  }
  w.Str("ab");
  w.U8(7);                                                          // unchanged
  const Bytes want = {0x01,                                         // archive flag
                      1,    0,    0,    0,    0,    0,    0,    0,  // fixed u64 1
                      0x00, 0x01, 0x7f, 0x80, 0x01, 0xac, 0x02,     // 0 1 127 128 300
                      0x80, 0x80, 0x01,                             // 16384
                      0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01,  // 2^64 - 1
                      0x02, 'a',  'b',  0x07};
  EXPECT_EQ(w.bytes(), want);
  LeBytes hand;
  hand.U64(1).Var(0).Var(1).Var(127).Var(128).Var(300).Var(16384).Var(UINT64_MAX).VarStr("ab");
  hand.U8(7);
  EXPECT_EQ(hand.bytes(), want);

  WireReader r(want);
  uint64_t v = 0;
  ASSERT_TRUE(r.U64(&v));
  EXPECT_EQ(v, 1u);
  r.CompactIntegers(true);
  for (uint64_t expected : {uint64_t{0}, uint64_t{1}, uint64_t{127}, uint64_t{128}, uint64_t{300},
                            uint64_t{16384}, UINT64_MAX}) {
    ASSERT_TRUE(r.U64(&v));
    EXPECT_EQ(v, expected);
  }
  std::string s;
  ASSERT_TRUE(r.Str(&s, 10, "s"));
  EXPECT_EQ(s, "ab");
  uint8_t b = 0;
  ASSERT_TRUE(r.U8(&b));
  EXPECT_TRUE(r.Finish().ok());
}

// Only the shortest form: one value has one encoding, so a signed or
// hashed answer has one byte string.
TEST(WireCompactTest, LongerThanNeededBeyondSixtyFourBitsAndTruncatedAreRefused) {
  struct Case {
    const char* name;
    Bytes bytes;
    const char* reason;
  };
  const Case cases[] = {
      {"zero in two bytes", {0x01, 0x80, 0x00}, "malformed"},
      {"one in three bytes", {0x01, 0x81, 0x80, 0x00}, "malformed"},
      {"eleven bytes",
       {0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x81, 0x01},
       "malformed"},
      {"the tenth byte above 1",
       {0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02},
       "malformed"},
      {"a continuation at the end", {0x01, 0x80}, "truncated"},
      {"a length beyond the bytes", {0x01, 0x05, 'a'}, "truncated"},
  };
  for (const Case& c : cases) {
    WireReader r(c.bytes);
    r.CompactIntegers(true);
    uint64_t v = 0;
    std::string s;
    if (std::string(c.name).starts_with("a length")) {
      EXPECT_FALSE(r.Str(&s, 100, "s")) << c.name;
    } else {
      EXPECT_FALSE(r.U64(&v)) << c.name;
    }
    EXPECT_EQ(r.status().reason(), c.reason) << c.name;
  }
}

}  // namespace
}  // namespace gongkai
