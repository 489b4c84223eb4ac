// The compact receipts of POST /v1/changesets?form=bin
// (core/feed/receipts_answer.h, docs/formats/http-changesets.md § Compact answer).
#include "core/feed/receipts_answer.h"

#include <gtest/gtest.h>

#include "tests/testing/le_bytes.h"

namespace gongkai {
namespace {

Hash32 H(uint8_t b) {
  Hash32 h;
  h.fill(b);
  return h;
}

TEST(CompactReceiptsTest, GoldenBytes) {
  std::vector<CompactReceipt> receipts = {{false, 7, H(0xAA), 42}, {true, 6, H(0xBB), 41}};
  LeBytes b;
  b.U8(1).U64(2);  // after the archive flag: format 1, two receipts
  b.U8(1).U64(7).Raw(Bytes(32, 0xAA)).U64(42);
  b.U8(2).U64(6).Raw(Bytes(32, 0xBB)).U64(41);
  EXPECT_EQ(EncodeCompactReceipts(receipts), b.bytes());
  EXPECT_EQ(b.bytes().size(), 10u + 2 * 49u);
  Result<CompactReceipts> decoded = DecodeCompactReceipts(b.bytes());
  ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
  EXPECT_FALSE(decoded->nothing_new);
  const std::vector<CompactReceipt>& back = decoded->receipts;
  ASSERT_EQ(back.size(), 2u);
  EXPECT_FALSE(back[0].duplicate);
  EXPECT_EQ(back[0].seq, 7u);
  EXPECT_EQ(back[0].id, H(0xAA));
  EXPECT_EQ(back[0].log_index, 42u);
  EXPECT_TRUE(back[1].duplicate);
  EXPECT_EQ(back[1].log_index, 41u);
}

// Format 2: the verdict on the poll the request named, before the
// receipts (docs/decisions/0032-the-push-answers-the-poll.md).
TEST(CompactReceiptsTest, WithPollVerdictGoldenBytes) {
  for (bool nothing_new : {true, false}) {
    LeBytes b;
    b.U8(2).U8(nothing_new ? 1 : 0).U64(1);  // format 2, the verdict, one receipt
    b.U8(1).U64(7).Raw(Bytes(32, 0xAA)).U64(42);
    EXPECT_EQ(EncodeCompactReceipts({{false, 7, H(0xAA), 42}}, nothing_new), b.bytes());
    EXPECT_EQ(b.bytes().size(), 11u + 49u);
    Result<CompactReceipts> back = DecodeCompactReceipts(b.bytes());
    ASSERT_TRUE(back.ok()) << back.status().ToString();
    EXPECT_EQ(back->nothing_new, std::optional<bool>(nothing_new));
    ASSERT_EQ(back->receipts.size(), 1u);
    EXPECT_EQ(back->receipts[0].log_index, 42u);
  }
}

TEST(CompactReceiptsTest, DamagedBytesAreRefusedWithTheirReason) {
  const Bytes good = EncodeCompactReceipts({{false, 7, H(0xAA), 42}});
  auto with = [&](size_t at, uint8_t v) {
    Bytes b = good;
    b[at] = v;
    return b;
  };
  Bytes cut(good.begin(), good.end() - 1);
  Bytes longer = good;
  longer.push_back(0);
  Bytes empty_list = EncodeCompactReceipts({});
  const Bytes verdict = EncodeCompactReceipts({{false, 7, H(0xAA), 42}}, true);
  Bytes bad_verdict = verdict;
  bad_verdict[2] = 2;
  Bytes verdict_only(verdict.begin(), verdict.begin() + 3);
  struct Case {
    const char* what;
    Bytes bytes;
    const char* reason;
  } cases[] = {
      {"format 3", with(1, 3), "unsupported_format"},
      {"format 1 read as 2 (its count's first byte taken for the verdict)", with(1, 2), "too_many"},
      {"verdict 2", bad_verdict, "bad_verdict"},
      {"a verdict and no count", verdict_only, "truncated"},
      {"status 0", with(10, 0), "bad_status"},
      {"status 3 (rejected never travels compact)", with(10, 3), "bad_status"},
      {"a count the bytes cannot hold", with(2, 2), "too_many"},
      {"cut short", cut, "too_many"},
      {"trailing byte", longer, "trailing_bytes"},
      {"empty", Bytes{}, "malformed"},
  };
  for (const Case& c : cases) {
    Result<CompactReceipts> r = DecodeCompactReceipts(c.bytes);
    ASSERT_FALSE(r.ok()) << c.what;
    EXPECT_EQ(r.status().reason(), c.reason) << c.what << ": " << r.status().ToString();
  }
  Result<CompactReceipts> none = DecodeCompactReceipts(empty_list);
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->receipts.empty());
}

}  // namespace
}  // namespace gongkai
