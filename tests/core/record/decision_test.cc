#include "core/record/decision.h"

#include <gtest/gtest.h>

#include "core/base/hex.h"
#include "core/crypto/sha256.h"
#include "tests/testing/le_bytes.h"

namespace gongkai {
namespace {

Approval SampleApproval() {
  Approval a;
  a.version = 3;
  a.parent_hash = Sha256("parent");
  a.changesets = {Sha256("cs1"), Sha256("cs2")};
  a.resolutions = {{Sha256("cs2"), 0, ResolutionAction::kValue, "每月12日前"}};
  a.result_hash = Sha256("result");
  a.admin = "wang-admin";
  a.decided_at = 1764288000;
  a.note = "第三版";
  return a;
}

Rejection SampleRejection() {
  return Rejection{Sha256("cs3"), "hongqi-01", 4, "公开时限不符合条例第二十六条", "wang-admin",
                   1764288000};
}

TEST(ApprovalGolden, MatchesHandWrittenGrammar) {
  Approval a = SampleApproval();
  LeBytes b;
  b.U16(1).U64(3).Raw(ToBytes(a.parent_hash)).U64(2).Raw(ToBytes(a.changesets[0]))
      .Raw(ToBytes(a.changesets[1])).U64(1).Raw(ToBytes(a.changesets[1]));
  b.U8(0).U8(0).U8(0).U8(0).U8(1).Str("每月12日前");  // u32 op_index 0 LE, action 1
  b.Raw(ToBytes(a.result_hash)).Str("wang-admin").U64(1764288000).Str("第三版");
  EXPECT_EQ(EncodeApproval(a), b.bytes());
}

TEST(Approval, RoundTrip) {
  auto back = DecodeApproval(EncodeApproval(SampleApproval()));
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(*back, SampleApproval());
}

TEST(Approval, TruncatedEverywhereRefused) {
  Bytes b = EncodeApproval(SampleApproval());
  for (size_t n = 0; n < b.size(); ++n) {
    EXPECT_FALSE(DecodeApproval(Bytes(b.begin(), b.begin() + n)).ok()) << n;
  }
}

TEST(Approval, HugeCountDoesNotAllocate) {
  LeBytes b;
  b.U16(1).U64(1).Raw(Bytes(32, 0)).U64(~0ull);
  EXPECT_EQ(DecodeApproval(b.bytes()).status().reason(), "truncated");
}

TEST(Approval, VersionZeroRefused) {
  Approval a = SampleApproval();
  a.version = 0;
  EXPECT_EQ(DecodeApproval(EncodeApproval(a)).status().reason(), "bad_version");
}

TEST(Approval, UnknownResolutionActionRefused) {
  Approval a = SampleApproval();
  a.resolutions[0].action = static_cast<ResolutionAction>(9);
  EXPECT_EQ(DecodeApproval(EncodeApproval(a)).status().reason(), "bad_resolution");
}

TEST(Approval, AValueOnAKeepOrIncomingResolutionIsRefused) {
  for (ResolutionAction action : {ResolutionAction::kKeep, ResolutionAction::kIncoming}) {
    Approval a = SampleApproval();
    a.resolutions[0].action = action;
    a.resolutions[0].value = "";
    EXPECT_TRUE(DecodeApproval(EncodeApproval(a)).ok());
    a.resolutions[0].value = "x";
    EXPECT_EQ(DecodeApproval(EncodeApproval(a)).status().reason(), "bad_resolution");
  }
}

TEST(RejectionGolden, MatchesHandWrittenGrammar) {
  Rejection r = SampleRejection();
  LeBytes b;
  b.U16(1).Raw(ToBytes(r.changeset)).Str("hongqi-01").U64(4).Str(r.reason).Str("wang-admin")
      .U64(1764288000);
  EXPECT_EQ(EncodeRejection(r), b.bytes());
}

TEST(Rejection, RoundTrip) {
  auto back = DecodeRejection(EncodeRejection(SampleRejection()));
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(*back, SampleRejection());
}

TEST(Rejection, EmptyReasonRefused) {
  Rejection r = SampleRejection();
  r.reason = "";
  EXPECT_EQ(DecodeRejection(EncodeRejection(r)).status().reason(), "empty_reason");
}

TEST(Rejection, BadStationRefused) {
  Rejection r = SampleRejection();
  r.station = "Bad Station";
  EXPECT_EQ(DecodeRejection(EncodeRejection(r)).status().reason(), "bad_station_id");
}

}  // namespace
}  // namespace gongkai
