// Golden bytes of the review record and of an approval that carries one
// (format 2), docs/formats/decisions.md § Review.
#include <gtest/gtest.h>

#include "core/base/hex.h"
#include "core/record/decision.h"
#include "core/record/envelope.h"
#include "tests/testing/le_bytes.h"

namespace gongkai {
namespace {

Hash32 Filled(uint8_t b) {
  Hash32 h;
  h.fill(b);
  return h;
}

Review SampleReview() {
  Review r;
  r.version = 3;
  r.parent_hash = Filled(0xaa);
  r.changesets = {Filled(0xc1)};
  r.resolutions = {Resolution{Filled(0xc1), 0, ResolutionAction::kValue, "每月"}};
  r.result_hash = Filled(0xbb);
  r.admin = "li";
  r.reviewed_at = 1700000300;
  return r;
}

Bytes Fixed(const Hash32& h) { return Bytes(h.begin(), h.end()); }

// The grammar of decisions.md written out by hand.
Bytes ReviewByHand() {
  LeBytes b;
  b.U16(1).U64(3).Raw(Fixed(Filled(0xaa)));
  b.U64(1).Raw(Fixed(Filled(0xc1)));
  b.U64(1).Raw(Fixed(Filled(0xc1))).U8(0).U8(0).U8(0).U8(0).U8(1).Str("每月");
  b.Raw(Fixed(Filled(0xbb))).Str("li").U64(1700000300);
  return b.bytes();
}

TEST(ReviewTest, GoldenBytes) {
  EXPECT_EQ(HexEncode(EncodeReview(SampleReview())), HexEncode(ReviewByHand()));
  EXPECT_EQ(HexEncode(EncodeReview(SampleReview())),
            "01"
            "0100"
            "0300000000000000" +
                std::string(64, 'a') + "0100000000000000" + HexEncode(Fixed(Filled(0xc1))) +
                "0100000000000000" + HexEncode(Fixed(Filled(0xc1))) +
                "00000000"
                "01" +
                "0600000000000000"
                "e6af8fe69c88" +
                std::string(64, 'b') +
                "0200000000000000"
                "6c69"
                "2cf2536500000000");
}

TEST(ReviewTest, RoundTripAndRefusals) {
  Result<Review> r = DecodeReview(ReviewByHand());
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(*r, SampleReview());
  Bytes b = ReviewByHand();
  for (size_t n = 0; n < b.size(); ++n) {
    Bytes cut(b.begin(), b.begin() + static_cast<std::ptrdiff_t>(n));
    EXPECT_FALSE(DecodeReview(cut).ok()) << n;
  }
  b.push_back(0);
  EXPECT_EQ(DecodeReview(b).status().reason(), "trailing_bytes");
  Review zero = SampleReview();
  zero.version = 0;
  EXPECT_EQ(DecodeReview(EncodeReview(zero)).status().reason(), "bad_version");
  Review bad = SampleReview();
  bad.admin = "Li";
  EXPECT_EQ(DecodeReview(EncodeReview(bad)).status().reason(), "bad_admin_name");
}

TEST(ReviewTest, SameProposalComparesEveryProposedField) {
  Approval a;
  a.version = 3;
  a.parent_hash = Filled(0xaa);
  a.changesets = {Filled(0xc1)};
  a.resolutions = SampleReview().resolutions;
  a.result_hash = Filled(0xbb);
  a.admin = "zhang";
  a.note = "不比较说明";
  EXPECT_TRUE(SameProposal(SampleReview(), a));
  EXPECT_EQ(ReviewOf(a, "li", 1700000300), SampleReview());
  Approval other = a;
  other.version = 4;
  EXPECT_FALSE(SameProposal(SampleReview(), other));
  other = a;
  other.parent_hash = Filled(0xab);
  EXPECT_FALSE(SameProposal(SampleReview(), other));
  other = a;
  other.changesets.push_back(Filled(0xc2));
  EXPECT_FALSE(SameProposal(SampleReview(), other));
  other = a;
  other.resolutions[0].value = "每季度";
  EXPECT_FALSE(SameProposal(SampleReview(), other));
  other = a;
  other.result_hash = Filled(0xbc);
  EXPECT_FALSE(SameProposal(SampleReview(), other));
}

// An approval carrying a review is format 2: the format-1 body with
// `u64 k, string review[k]` after the note. Without reviews it stays
// format 1, byte for byte.
TEST(ReviewTest, ApprovalWithReviewsIsFormatTwo) {
  Approval a;
  a.version = 1;
  a.parent_hash = Filled(0xaa);
  a.result_hash = Filled(0xbb);
  a.admin = "zhang";
  a.decided_at = 1700000360;
  Bytes v1 = EncodeApproval(a);
  EXPECT_EQ(v1[1], 1);
  const Bytes review = {0xde, 0xad};
  a.reviews = {review};
  LeBytes b;
  b.U16(2).U64(1).Raw(Fixed(Filled(0xaa))).U64(0).U64(0).Raw(Fixed(Filled(0xbb)));
  b.Str("zhang").U64(1700000360).Str("");
  b.U64(1).U64(2).Raw(review);
  EXPECT_EQ(HexEncode(EncodeApproval(a)), HexEncode(b.bytes()));
  Result<Approval> back = DecodeApproval(b.bytes());
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(*back, a);
  // The format-1 prefix is unchanged apart from the format.
  Bytes prefix(b.bytes().begin(), b.bytes().begin() + static_cast<std::ptrdiff_t>(v1.size()));
  prefix[1] = 1;
  EXPECT_EQ(prefix, v1);
}

TEST(ReviewTest, FormatTwoWithoutReviewsOrTooManyIsRefused) {
  Approval a;
  a.version = 1;
  a.admin = "zhang";
  Bytes v1 = EncodeApproval(a);
  Bytes none = v1;
  none[1] = 2;
  none.insert(none.end(), 8, 0);  // k = 0
  EXPECT_EQ(DecodeApproval(none).status().reason(), "bad_reviews");
  Bytes many = v1;
  many[1] = 2;
  LeBytes k;
  k.U64(kMaxReviewsPerApproval + 1);
  many.insert(many.end(), k.bytes().begin() + 1, k.bytes().end());
  EXPECT_EQ(DecodeApproval(many).status().reason(), "bad_reviews");
  Bytes three = v1;
  three[1] = 3;
  EXPECT_EQ(DecodeApproval(three).status().reason(), "unsupported_format");
}

}  // namespace
}  // namespace gongkai
