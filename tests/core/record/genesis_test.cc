// Golden bytes and decoding errors of the genesis record
// (docs/formats/records.md).
#include "core/record/genesis.h"

#include <gtest/gtest.h>

#include "core/base/hex.h"

namespace gongkai {
namespace {

Genesis Sample() {
  Genesis g;
  g.origin = "town.example/gongkai";
  g.log_key.fill(0x11);
  g.admin = "zhang";
  g.admin_key.fill(0x22);
  g.created_at = 1700000000;
  return g;
}

std::string Repeat(const std::string& hex_byte, int n) {
  std::string s;
  for (int i = 0; i < n; ++i) s += hex_byte;
  return s;
}

// The example of docs/formats/records.md, byte for byte.
const std::string kGoldenHex =
    "01"                                        // archive flag: little endian
    "0100"                                      // u16 format = 1
    "1400000000000000"                          // u64 length 20
    "746f776e2e6578616d706c652f676f6e676b6169"  // "town.example/gongkai"
    + Repeat("11", 32) +                        // fixed32 log_key
    "0500000000000000"                          // u64 length 5
    "7a68616e67"                                // "zhang"
    + Repeat("22", 32) +                        // fixed32 admin_key
    "00f1536500000000";                         // i64 created_at 1700000000

TEST(GenesisTest, GoldenBytes) { EXPECT_EQ(HexEncode(EncodeGenesis(Sample())), kGoldenHex); }

TEST(GenesisTest, RoundTrip) {
  Result<Genesis> g = DecodeGenesis(*HexDecode(kGoldenHex));
  ASSERT_TRUE(g.ok()) << g.status().ToString();
  EXPECT_EQ(*g, Sample());
}

TEST(GenesisTest, TruncatedIsRefused) {
  Bytes b = EncodeGenesis(Sample());
  b.pop_back();
  EXPECT_EQ(DecodeGenesis(b).status().reason(), "truncated");
}

TEST(GenesisTest, TrailingByteIsRefused) {
  Bytes b = EncodeGenesis(Sample());
  b.push_back(0);
  EXPECT_EQ(DecodeGenesis(b).status().reason(), "trailing_bytes");
}

TEST(GenesisTest, UnknownFormatIsRefused) {
  Bytes b = EncodeGenesis(Sample());
  b[1] = 2;
  EXPECT_EQ(DecodeGenesis(b).status().reason(), "unsupported_format");
}

TEST(GenesisTest, OriginWithSpaceIsRefused) {
  Genesis g = Sample();
  g.origin = "town example";
  EXPECT_EQ(DecodeGenesis(EncodeGenesis(g)).status().reason(), "bad_origin");
}

TEST(GenesisTest, OriginWithPlusIsRefused) {
  EXPECT_EQ(ValidateOrigin("a+b").reason(), "bad_origin");
  EXPECT_EQ(ValidateOrigin("").reason(), "bad_origin");
  EXPECT_EQ(ValidateOrigin(std::string(129, 'a')).reason(), "bad_origin");
  EXPECT_TRUE(ValidateOrigin(std::string(128, 'a')).ok());
}

TEST(GenesisTest, UppercaseAdminNameIsRefused) {
  Genesis g = Sample();
  g.admin = "Zhang";
  EXPECT_EQ(DecodeGenesis(EncodeGenesis(g)).status().reason(), "bad_admin_name");
  EXPECT_EQ(ValidateAdminName("../x").reason(), "bad_admin_name");
  EXPECT_TRUE(ValidateAdminName("li-4").ok());
}

}  // namespace
}  // namespace gongkai
