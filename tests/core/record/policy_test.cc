// Golden bytes and decoding errors of the approval policy record
// (docs/formats/records.md § Policy).
#include "core/record/policy.h"

#include <gtest/gtest.h>

#include "core/base/hex.h"

namespace gongkai {
namespace {

ApprovalPolicy Sample() { return ApprovalPolicy{2, "zhang", 1700000240}; }

const char kGoldenHex[] =
    "01"                 // archive flag
    "0100"               // u16 format = 1
    "02"                 // approvals = 2
    "0500000000000000"   // u64 length 5
    "7a68616e67"         // "zhang"
    "f0f1536500000000";  // i64 at 1700000240

TEST(PolicyTest, GoldenBytes) { EXPECT_EQ(HexEncode(EncodeApprovalPolicy(Sample())), kGoldenHex); }

TEST(PolicyTest, RoundTrip) {
  Result<ApprovalPolicy> p = DecodeApprovalPolicy(*HexDecode(kGoldenHex));
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_EQ(*p, Sample());
}

TEST(PolicyTest, EveryTruncationIsRefused) {
  Bytes b = EncodeApprovalPolicy(Sample());
  for (size_t n = 0; n < b.size(); ++n) {
    Bytes cut(b.begin(), b.begin() + static_cast<std::ptrdiff_t>(n));
    EXPECT_FALSE(DecodeApprovalPolicy(cut).ok()) << n;
  }
}

TEST(PolicyTest, TrailingByteIsRefused) {
  Bytes b = EncodeApprovalPolicy(Sample());
  b.push_back(0);
  EXPECT_EQ(DecodeApprovalPolicy(b).status().reason(), "trailing_bytes");
}

TEST(PolicyTest, UnknownFormatIsRefused) {
  Bytes b = EncodeApprovalPolicy(Sample());
  b[1] = 2;
  EXPECT_EQ(DecodeApprovalPolicy(b).status().reason(), "unsupported_format");
}

TEST(PolicyTest, OnlyOneOrTwoApprovals) {
  for (uint8_t n : {0, 3, 255}) {
    Bytes b = EncodeApprovalPolicy(Sample());
    b[3] = n;
    EXPECT_EQ(DecodeApprovalPolicy(b).status().reason(), "bad_approvals") << int(n);
  }
  Bytes one = EncodeApprovalPolicy(Sample());
  one[3] = 1;
  EXPECT_TRUE(DecodeApprovalPolicy(one).ok());
}

TEST(PolicyTest, BadSignerNameIsRefused) {
  ApprovalPolicy p = Sample();
  p.admin = "Zhang San";
  EXPECT_EQ(DecodeApprovalPolicy(EncodeApprovalPolicy(p)).status().reason(), "bad_admin_name");
}

}  // namespace
}  // namespace gongkai
