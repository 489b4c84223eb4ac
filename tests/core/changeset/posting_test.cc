// Change-set op 4 (posting record): golden bytes from the grammar of
// docs/formats/changeset.md § posting, the record id, and each value rule.
#include "core/changeset/posting.h"

#include <gtest/gtest.h>

#include "core/base/hex.h"
#include "core/changeset/changeset.h"
#include "core/crypto/sha256.h"
#include "tests/core/changeset/sample_changeset.h"
#include "tests/testing/le_bytes.h"

namespace gongkai {
namespace {

constexpr const char* kRow = "00000000-0000-4000-8000-000000000002";
constexpr const char* kBoard = "社区/企事业单位/村公示栏（电子屏）";

PostingOp SamplePosting() {
  PostingOp p;
  p.row_id = kRow;
  p.period = "2026年11月";
  p.posted = "2026-11-03";
  p.channels = {kBoard};
  p.display_from = "2026-11-03";
  p.display_to = "2026-11-10";
  p.note = "张贴于村委会门口";
  p.attachments.push_back(AttachmentRef{Sha256("photo"), 123456, "image/jpeg", "公示栏1.jpg"});
  p.supersedes = Sha256("earlier record");
  return p;
}

ChangeSet SamplePostingChangeSet() {
  ChangeSet cs = changeset_test::StationChangeSet(3, "公开记录");
  cs.ops.push_back(SetOp{kRow, Field::kContact, "", "0375-1234567"});
  cs.postings.push_back(SamplePosting());
  return cs;
}

Bytes ToBytes(const Hash32& h) { return Bytes(h.begin(), h.end()); }

TEST(PostingGolden, MatchesHandWrittenGrammar) {
  LeBytes b;
  b.U16(1).Str("hongqi-01").U64(3).Raw(ToBytes(Sha256("previous"))).U64(7).U64(1764288000);
  b.Str("公开记录").U64(2);
  b.U8(2).Str(kRow).U8(13).Str("").Str("0375-1234567");
  b.U8(4).Str(kRow).Str("2026年11月").Str("2026-11-03");
  b.U64(1).Str(kBoard);
  b.Str("2026-11-03").Str("2026-11-10").Str("张贴于村委会门口");
  b.U64(1).Raw(ToBytes(Sha256("photo"))).U64(123456).Str("image/jpeg").Str("公示栏1.jpg");
  b.U8(1).Raw(ToBytes(Sha256("earlier record")));
  EXPECT_EQ(EncodeChangeSet(SamplePostingChangeSet()), b.bytes());
}

TEST(PostingGolden, IdsPinned) {
  Bytes body = EncodeChangeSet(SamplePostingChangeSet());
  Hash32 id = ChangeSetId(body);
  EXPECT_EQ(HexEncode(id), "6d5c0d96743ec5461e2c50a5fbb6ab1f3f12c94c3fdebfc22399613b145e9969");
  EXPECT_EQ(HexEncode(PostingRecordId(id, 1)),
            "b96a71fb9361eb3ae3b3738a0fd9261b51f83780fa59967970a67e5d198c77d5");
}

TEST(PostingGolden, RecordIdIsHashOfChangeSetIdAndIndex) {
  Hash32 id = Sha256("cs");
  Bytes in(id.begin(), id.end());
  for (uint8_t x : {5, 0, 0, 0, 0, 0, 0, 0}) in.push_back(x);
  EXPECT_EQ(PostingRecordId(id, 5), Sha256(in));
}

TEST(Posting, RoundTripWithAndWithoutOptionalParts) {
  ChangeSet cs = SamplePostingChangeSet();
  PostingOp plain;
  plain.row_id = kRow;
  plain.period = "2026年第四季度";
  plain.posted = "2026-10-08";
  plain.channels = {"便民服务站", kBoard};
  cs.postings.push_back(plain);
  auto back = DecodeChangeSet(EncodeChangeSet(cs));
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(*back, cs);
  EXPECT_EQ(back->op_count(), 3u);
}

TEST(Posting, ChangeSetOfPostingsOnlyIsValid) {
  ChangeSet cs = SamplePostingChangeSet();
  cs.ops.clear();
  auto back = DecodeChangeSet(EncodeChangeSet(cs));
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_TRUE(back->ops.empty());
  EXPECT_EQ(back->postings.size(), 1u);
}

TEST(Posting, EditAfterPostingIsRefused) {
  // Hand-made: a posting, then a set.
  ChangeSet one = SamplePostingChangeSet();
  one.ops.clear();
  Bytes posting_only = EncodeChangeSet(one);
  ChangeSet edit_only = SamplePostingChangeSet();
  edit_only.postings.clear();
  Bytes edit = EncodeChangeSet(edit_only);
  // op bytes of the set: everything after the header of edit_only.
  size_t header = edit.size();
  {
    ChangeSet empty = edit_only;
    empty.ops.clear();
    empty.postings.clear();
    header = EncodeChangeSet(empty).size();
  }
  Bytes bad = posting_only;
  bad.insert(bad.end(), edit.begin() + static_cast<long>(header), edit.end());
  // op_count 1 → 2 (u64 right before the first op).
  size_t count_at = header - 8;
  bad[count_at] = 2;
  EXPECT_EQ(DecodeChangeSet(bad).status().reason(), "edit_after_posting");
}

TEST(Posting, TruncatedAtEveryLengthIsRefused) {
  Bytes body = EncodeChangeSet(SamplePostingChangeSet());
  for (size_t n = 0; n < body.size(); ++n) {
    auto r = DecodeChangeSet(Bytes(body.begin(), body.begin() + static_cast<long>(n)));
    ASSERT_FALSE(r.ok()) << n;
    EXPECT_EQ(r.status().code(), Code::kDataLoss) << n << " " << r.status().ToString();
  }
}

struct BadCase {
  const char* name;
  void (*spoil)(PostingOp&);
  const char* reason;
};

TEST(Posting, EachValueRuleHasItsReason) {
  const BadCase cases[] = {
      {"empty period", [](PostingOp& p) { p.period = ""; }, "empty_period"},
      {"bad row id", [](PostingOp& p) { p.row_id = "row-1"; }, "bad_id"},
      {"posted not a date", [](PostingOp& p) { p.posted = "2026-11-31"; }, "bad_date"},
      {"posted short form", [](PostingOp& p) { p.posted = "2026-11-3"; }, "bad_date"},
      {"only from", [](PostingOp& p) { p.display_to = ""; }, "bad_display_period"},
      {"to before from", [](PostingOp& p) { p.display_to = "2026-11-01"; }, "bad_display_period"},
      {"bad display date", [](PostingOp& p) { p.display_to = "2026-13-01"; }, "bad_date"},
      {"no channel", [](PostingOp& p) { p.channels.clear(); }, "no_channel"},
      {"empty channel", [](PostingOp& p) { p.channels = {""}; }, "no_channel"},
      {"same channel twice",
       [](PostingOp& p) {
         p.channels = {kBoard, kBoard};
       },
       "duplicate_channel"},
      {"empty attachment", [](PostingOp& p) { p.attachments[0].size = 0; }, "empty_attachment"},
      {"media type", [](PostingOp& p) { p.attachments[0].media_type = "JPEG"; }, "bad_media_type"},
      {"file in a folder", [](PostingOp& p) { p.attachments[0].file_name = "../a.jpg"; },
       "bad_file_name"},
      {"control in period", [](PostingOp& p) { p.period = "2026\x01"; }, "control_character"},
  };
  for (const BadCase& c : cases) {
    PostingOp p = SamplePosting();
    c.spoil(p);
    Status s = ValidatePosting(p);
    EXPECT_EQ(s.reason(), c.reason) << c.name << ": " << s.ToString();
    // The decoder applies the same rules, naming the op.
    ChangeSet cs = SamplePostingChangeSet();
    cs.postings[0] = p;
    std::optional<size_t> bad_op;
    auto r = DecodeChangeSet(EncodeChangeSet(cs), &bad_op);
    EXPECT_EQ(r.status().reason(), c.reason) << c.name;
    EXPECT_EQ(bad_op, std::optional<size_t>(1)) << c.name;
  }
}

TEST(Posting, TooManyAttachmentsIsRefusedWhileReading) {
  ChangeSet cs = SamplePostingChangeSet();
  cs.postings[0].attachments.assign(kMaxPostingAttachments + 1, cs.postings[0].attachments[0]);
  EXPECT_EQ(DecodeChangeSet(EncodeChangeSet(cs)).status().reason(), "too_many_attachments");
}

TEST(Posting, InvisibleCharactersAreRefusedOnUpload) {
  ChangeSet cs = SamplePostingChangeSet();
  cs.postings[0].note = "张贴\u200B";
  std::optional<size_t> bad_op;
  EXPECT_EQ(CheckChangeSetVisible(cs, &bad_op).reason(), "invisible_character");
  EXPECT_EQ(bad_op, std::optional<size_t>(1));
}

}  // namespace
}  // namespace gongkai
