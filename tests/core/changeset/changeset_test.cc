#include "core/changeset/changeset.h"

#include <gtest/gtest.h>

#include "core/base/hex.h"
#include "core/catalog/row_codec.h"
#include "core/crypto/sha256.h"
#include "tests/core/changeset/sample_changeset.h"
#include "tests/testing/le_bytes.h"
#include "tests/testing/sample_rows.h"

namespace gongkai {
namespace {

ChangeSet SampleChangeSet() {
  ChangeSet cs = changeset_test::StationChangeSet(2, "更新财务公开时限");
  cs.ops.push_back(CreateOp{SampleVillageRow()});
  cs.ops.push_back(SetOp{"00000000-0000-4000-8000-000000000002", Field::kTimeLimit,
                         "每季度首月20日前；财务往来多的每月", "每月10日前"});
  cs.ops.push_back(RetireOp{"00000000-0000-4000-8000-000000000003", Sha256("row")});
  return cs;
}

TEST(ChangeSetGolden, MatchesHandWrittenGrammar) {
  ChangeSet cs = SampleChangeSet();
  LeBytes b;
  b.U16(1).Str("hongqi-01").U64(2).Raw(ToBytes(cs.prev)).U64(7).U64(1764288000).Str(cs.note).U64(3);
  WireWriter row;
  EncodeRow(row, SampleVillageRow());
  Bytes rb = row.bytes();
  b.U8(1).Raw(Bytes(rb.begin() + 1, rb.end()));
  b.U8(2).Str("00000000-0000-4000-8000-000000000002").U8(5).Str("每季度首月20日前；财务往来多的每月").Str("每月10日前");
  b.U8(3).Str("00000000-0000-4000-8000-000000000003").Raw(ToBytes(Sha256("row")));
  EXPECT_EQ(EncodeChangeSet(cs), b.bytes());
}

TEST(ChangeSetGolden, IdPinned) {
  EXPECT_EQ(HexEncode(ChangeSetId(EncodeChangeSet(SampleChangeSet()))), "cef2173632decee9d4fcbdb7be86eb4805711fe1c3843d2422809cfb2ca600ab");
}

TEST(ChangeSet, RoundTrip) {
  ChangeSet cs = SampleChangeSet();
  auto back = DecodeChangeSet(EncodeChangeSet(cs));
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(*back, cs);
}

TEST(ChangeSet, TruncatedAtEveryLengthIsRefused) {
  Bytes body = EncodeChangeSet(SampleChangeSet());
  for (size_t n = 0; n < body.size(); ++n) {
    auto r = DecodeChangeSet(Bytes(body.begin(), body.begin() + n));
    ASSERT_FALSE(r.ok()) << n;
    EXPECT_EQ(r.status().code(), Code::kDataLoss) << n << " " << r.status().ToString();
  }
}

TEST(ChangeSet, TrailingBytesRefused) {
  Bytes body = EncodeChangeSet(SampleChangeSet());
  body.push_back(0);
  EXPECT_EQ(DecodeChangeSet(body).status().reason(), "trailing_bytes");
}

TEST(ChangeSet, HugeLengthPrefixDoesNotAllocate) {
  LeBytes b;
  b.U16(1).U64(~0ull);  // station id claiming 2^64-1 bytes
  EXPECT_EQ(DecodeChangeSet(b.bytes()).status().reason(), "too_long");
}

TEST(ChangeSet, UnsupportedFormat) {
  Bytes body = EncodeChangeSet(SampleChangeSet());
  body[1] = 2;
  EXPECT_EQ(DecodeChangeSet(body).status().reason(), "unsupported_format");
}

TEST(ChangeSet, UnknownOpTag) {
  ChangeSet cs = SampleChangeSet();
  cs.ops.resize(1);
  cs.ops[0] = RetireOp{"00000000-0000-4000-8000-000000000003", Sha256("row")};
  Bytes body = EncodeChangeSet(cs);
  size_t tag_at = body.size() - 32 - 36 - 8 - 1;
  ASSERT_EQ(body[tag_at], 3);
  body[tag_at] = 9;
  EXPECT_EQ(DecodeChangeSet(body).status().reason(), "unknown_op");
}

TEST(ChangeSet, UnknownFieldCode) {
  ChangeSet cs = SampleChangeSet();
  cs.ops = {SetOp{"00000000-0000-4000-8000-000000000002", Field::kNotes, "", "x"}};
  Bytes body = EncodeChangeSet(cs);
  size_t field_at = body.size() - (8 + 1) - (8 + 0) - 1;
  ASSERT_EQ(body[field_at], 14);
  body[field_at] = 15;
  EXPECT_EQ(DecodeChangeSet(body).status().reason(), "unknown_field");
}

TEST(ChangeSet, SeqZeroRefused) {
  ChangeSet cs = SampleChangeSet();
  cs.seq = 0;
  EXPECT_EQ(DecodeChangeSet(EncodeChangeSet(cs)).status().reason(), "bad_seq");
}

TEST(ChangeSet, FirstChangeSetNeedsZeroPrev) {
  ChangeSet cs = SampleChangeSet();
  cs.seq = 1;
  EXPECT_EQ(DecodeChangeSet(EncodeChangeSet(cs)).status().reason(), "bad_prev");
  cs.seq = 3;
  cs.prev = Hash32{};
  EXPECT_EQ(DecodeChangeSet(EncodeChangeSet(cs)).status().reason(), "bad_prev");
}

TEST(ChangeSet, EmptyOpsRefused) {
  ChangeSet cs = SampleChangeSet();
  cs.ops.clear();
  EXPECT_EQ(DecodeChangeSet(EncodeChangeSet(cs)).status().reason(), "no_ops");
}

TEST(ChangeSet, TooManyOpsRefused) {
  ChangeSet cs = SampleChangeSet();
  cs.ops.assign(kMaxOpsPerChangeSet + 1,
                SetOp{"00000000-0000-4000-8000-000000000002", Field::kNotes, "", "x"});
  EXPECT_EQ(DecodeChangeSet(EncodeChangeSet(cs)).status().reason(), "too_many_ops");
}

TEST(ChangeSet, InvalidSetValueRefusedWithField) {
  ChangeSet cs = SampleChangeSet();
  cs.ops = {SetOp{"00000000-0000-4000-8000-000000000002", Field::kLevels, "村级", "省级"}};
  auto r = DecodeChangeSet(EncodeChangeSet(cs));
  EXPECT_EQ(r.status().reason(), "unknown_value");
  EXPECT_EQ(r.status().field(), "levels");
}

TEST(ChangeSet, EmptyingRequiredFieldRefused) {
  ChangeSet cs = SampleChangeSet();
  cs.ops = {SetOp{"00000000-0000-4000-8000-000000000002", Field::kSubject, "红旗村民委员会", ""}};
  EXPECT_EQ(DecodeChangeSet(EncodeChangeSet(cs)).status().reason(), "empty_required");
}

TEST(ChangeSet, InvalidUtf8InNoteRefused) {
  ChangeSet cs = SampleChangeSet();
  cs.note = "\xFF";
  EXPECT_EQ(DecodeChangeSet(EncodeChangeSet(cs)).status().reason(), "invalid_utf8");
}

TEST(ChangeSet, BadStationIdRefused) {
  ChangeSet cs = SampleChangeSet();
  cs.station = "HongQi";
  EXPECT_EQ(DecodeChangeSet(EncodeChangeSet(cs)).status().reason(), "bad_station_id");
}

TEST(ChangeSet, CreateOfRetiredRowRefused) {
  ChangeSet cs = SampleChangeSet();
  Row r = SampleVillageRow();
  r.retired = true;
  cs.ops = {CreateOp{r}};
  EXPECT_EQ(DecodeChangeSet(EncodeChangeSet(cs)).status().reason(), "bad_op");
}

}  // namespace
}  // namespace gongkai
