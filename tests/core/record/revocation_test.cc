// Golden bytes and decoding errors of the revocation record
// (docs/formats/records.md).
#include "core/record/revocation.h"

#include <gtest/gtest.h>

#include "core/base/hex.h"

namespace gongkai {
namespace {

Revocation Sample() {
  return {.station = "hongqi-01", .reason = "设备丢失", .admin = "zhang", .revoked_at = 1700000120};
}

const char kGoldenHex[] =
    "01"                        // archive flag
    "0100"                      // u16 format = 1
    "0900000000000000"          // u64 length 9
    "686f6e6771692d3031"        // "hongqi-01"
    "0c00000000000000"          // u64 length 12 (UTF-8 bytes)
    "e8aebee5a487e4b8a2e5a4b1"  // "设备丢失"
    "0500000000000000"          // u64 length 5
    "7a68616e67"                // "zhang"
    "78f1536500000000";         // i64 revoked_at 1700000120

TEST(RevocationTest, GoldenBytes) { EXPECT_EQ(HexEncode(EncodeRevocation(Sample())), kGoldenHex); }

TEST(RevocationTest, RoundTrip) {
  Result<Revocation> r = DecodeRevocation(*HexDecode(kGoldenHex));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(*r, Sample());
}

TEST(RevocationTest, TruncatedIsRefused) {
  Bytes b = EncodeRevocation(Sample());
  b.pop_back();
  EXPECT_EQ(DecodeRevocation(b).status().reason(), "truncated");
}

TEST(RevocationTest, TrailingByteIsRefused) {
  Bytes b = EncodeRevocation(Sample());
  b.push_back(0);
  EXPECT_EQ(DecodeRevocation(b).status().reason(), "trailing_bytes");
}

TEST(RevocationTest, UnknownFormatIsRefused) {
  Bytes b = EncodeRevocation(Sample());
  b[2] = 1;  // format 0x0101
  EXPECT_EQ(DecodeRevocation(b).status().reason(), "unsupported_format");
}

TEST(RevocationTest, EmptyReasonIsRefused) {
  Revocation r = Sample();
  r.reason = "";
  EXPECT_EQ(DecodeRevocation(EncodeRevocation(r)).status().reason(), "empty_reason");
}

TEST(RevocationTest, NewlineInReasonIsRefused) {
  Revocation r = Sample();
  r.reason = "丢失\n被盗";
  EXPECT_EQ(DecodeRevocation(EncodeRevocation(r)).status().reason(), "control_character");
}

TEST(RevocationTest, InvalidUtf8ReasonIsRefused) {
  Revocation r = Sample();
  r.reason = "\xff\xfe";
  EXPECT_EQ(DecodeRevocation(EncodeRevocation(r)).status().reason(), "invalid_utf8");
}

TEST(RevocationTest, BadStationIdIsRefused) {
  Revocation r = Sample();
  r.station = "a/b";
  EXPECT_EQ(DecodeRevocation(EncodeRevocation(r)).status().reason(), "bad_station_id");
}

}  // namespace
}  // namespace gongkai
