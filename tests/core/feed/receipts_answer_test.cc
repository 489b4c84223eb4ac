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

// `bytes` with byte `at` set to `v`.
Bytes With(Bytes bytes, size_t at, uint8_t v) {
  bytes[at] = v;
  return bytes;
}

struct Damaged {
  const char* what;
  Bytes bytes;
  const char* reason;
};

// Each is refused, with its reason.
void ExpectRefused(const std::vector<Damaged>& cases) {
  for (const Damaged& c : cases) {
    Result<CompactReceipts> r = DecodeCompactReceipts(c.bytes);
    ASSERT_FALSE(r.ok()) << c.what;
    EXPECT_EQ(r.status().reason(), c.reason) << c.what << ": " << r.status().ToString();
  }
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

// Format 3, the short push's answer (docs/decisions/0033-compact-range-
// and-checkpoint.md): the verdict always, and receipts without the id.
TEST(CompactReceiptsTest, ShortReceiptsGoldenBytes) {
  LeBytes b;
  b.U8(3).U8(1).U64(2);  // format 3, nothing new, two receipts
  b.U8(1).U64(7).U64(42);
  b.U8(2).U64(6).U64(41);
  EXPECT_EQ(EncodeShortReceipts({{false, 7, H(0xAA), 42}, {true, 6, std::nullopt, 41}}, true),
            b.bytes());
  EXPECT_EQ(b.bytes().size(), 11u + 2 * 17u);
  Result<CompactReceipts> back = DecodeCompactReceipts(b.bytes());
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->nothing_new, std::optional<bool>(true));
  ASSERT_EQ(back->receipts.size(), 2u);
  EXPECT_FALSE(back->receipts[0].id.has_value());
  EXPECT_EQ(back->receipts[0].seq, 7u);
  EXPECT_EQ(back->receipts[0].log_index, 42u);
  EXPECT_TRUE(back->receipts[1].duplicate);
  EXPECT_EQ(back->receipts[1].seq, 6u);
  // No poll named: the verdict is 0, "ask".
  LeBytes none;
  none.U8(3).U8(0).U64(0);
  EXPECT_EQ(EncodeShortReceipts({}, false), none.bytes());
  const Bytes good = b.bytes();
  ExpectRefused({
      {"verdict 2", With(good, 2, 2), "bad_verdict"},
      {"status 3", With(good, 11, 3), "bad_status"},
      {"a count the bytes cannot hold", With(good, 3, 3), "too_many"},
      {"cut short", Bytes(good.begin(), good.end() - 1), "too_many"},
  });
}

TEST(CompactReceiptsTest, DamagedBytesAreRefusedWithTheirReason) {
  const Bytes good = EncodeCompactReceipts({{false, 7, H(0xAA), 42}});
  Bytes longer = good;
  longer.push_back(0);
  const Bytes verdict = EncodeCompactReceipts({{false, 7, H(0xAA), 42}}, true);
  ExpectRefused({
      {"format 4", With(good, 1, 4), "unsupported_format"},
      {"format 1 read as 2 (its count's first byte taken for the verdict)", With(good, 1, 2),
       "too_many"},
      {"verdict 2", With(verdict, 2, 2), "bad_verdict"},
      {"a verdict and no count", Bytes(verdict.begin(), verdict.begin() + 3), "truncated"},
      {"status 0", With(good, 10, 0), "bad_status"},
      {"status 3 (rejected never travels compact)", With(good, 10, 3), "bad_status"},
      {"a count the bytes cannot hold", With(good, 2, 2), "too_many"},
      {"cut short", Bytes(good.begin(), good.end() - 1), "too_many"},
      {"trailing byte", longer, "trailing_bytes"},
      {"empty", Bytes{}, "malformed"},
  });
  Result<CompactReceipts> none = DecodeCompactReceipts(EncodeCompactReceipts({}));
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->receipts.empty());
}

}  // namespace
}  // namespace gongkai
