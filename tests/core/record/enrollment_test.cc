// Golden bytes and decoding errors of the enrollment record
// (docs/formats/records.md).
#include "core/record/enrollment.h"

#include <gtest/gtest.h>

#include "core/base/hex.h"

namespace gongkai {
namespace {

Enrollment Sample() {
  Enrollment e;
  e.station = "hongqi-01";
  e.unit = "红旗村";
  e.station_key.fill(0x33);
  e.admin = "zhang";
  e.enrolled_at = 1700000060;
  return e;
}

std::string Repeat(const std::string& hex_byte, int n) {
  std::string s;
  for (int i = 0; i < n; ++i) s += hex_byte;
  return s;
}

const std::string kGoldenHex =
    "01"                   // archive flag
    "0100"                 // u16 format = 1
    "0900000000000000"     // u64 length 9
    "686f6e677169 2d3031"  // "hongqi-01"
    "0900000000000000"     // u64 length 9 (UTF-8 bytes)
    "e7baa2e69797e69d91"   // "红旗村"
    + Repeat("33", 32) +   // fixed32 station_key
    "0500000000000000"     // u64 length 5
    "7a68616e67"           // "zhang"
    "3cf1536500000000";    // i64 enrolled_at 1700000060

std::string NoSpaces(std::string s) {
  std::erase(s, ' ');
  return s;
}

TEST(EnrollmentTest, GoldenBytes) {
  EXPECT_EQ(HexEncode(EncodeEnrollment(Sample())), NoSpaces(kGoldenHex));
}

TEST(EnrollmentTest, RoundTrip) {
  Result<Enrollment> e = DecodeEnrollment(*HexDecode(NoSpaces(kGoldenHex)));
  ASSERT_TRUE(e.ok()) << e.status().ToString();
  EXPECT_EQ(*e, Sample());
}

TEST(EnrollmentTest, TruncatedIsRefused) {
  Bytes b = EncodeEnrollment(Sample());
  b.resize(b.size() - 3);
  EXPECT_EQ(DecodeEnrollment(b).status().reason(), "truncated");
}

TEST(EnrollmentTest, TrailingByteIsRefused) {
  Bytes b = EncodeEnrollment(Sample());
  b.push_back(7);
  EXPECT_EQ(DecodeEnrollment(b).status().reason(), "trailing_bytes");
}

TEST(EnrollmentTest, UnknownFormatIsRefused) {
  Bytes b = EncodeEnrollment(Sample());
  b[1] = 9;
  EXPECT_EQ(DecodeEnrollment(b).status().reason(), "unsupported_format");
}

TEST(EnrollmentTest, BadStationIdIsRefused) {
  Enrollment e = Sample();
  e.station = "Hongqi 01";
  EXPECT_EQ(DecodeEnrollment(EncodeEnrollment(e)).status().reason(), "bad_station_id");
}

TEST(EnrollmentTest, EmptyUnitIsRefused) {
  Enrollment e = Sample();
  e.unit = "";
  EXPECT_EQ(DecodeEnrollment(EncodeEnrollment(e)).status().reason(), "bad_unit");
}

TEST(EnrollmentTest, BadAdminNameIsRefused) {
  Enrollment e = Sample();
  e.admin = "";
  EXPECT_EQ(DecodeEnrollment(EncodeEnrollment(e)).status().reason(), "bad_admin_name");
}

TEST(EnrollmentTest, OverlongStationIdIsRefusedBeforeReading) {
  Enrollment e = Sample();
  e.station = std::string(65, 'a');
  EXPECT_EQ(DecodeEnrollment(EncodeEnrollment(e)).status().reason(), "too_long");
}

}  // namespace
}  // namespace gongkai
