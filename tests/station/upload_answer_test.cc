// The station's reading of the hub's answer to POST /v1/changesets
// (station/sync/upload_answer.h): JSON, or the compact receipts told apart
// by their first byte (docs/formats/http-changesets.md § Compact answer).
#include "station/sync/upload_answer.h"

#include <gtest/gtest.h>

#include "core/feed/receipts_answer.h"

namespace gongkai::station {
namespace {

std::string Text(const Bytes& b) { return std::string(b.begin(), b.end()); }

TEST(UploadAnswerTest, CompactReceiptsAreReadByPosition) {
  Hash32 a, b;
  a.fill(0xAA);
  b.fill(0xBB);
  Result<UploadAnswer> r =
      ParseUploadAnswer(Text(EncodeCompactReceipts({{false, 7, a, 42}, {true, 8, b, 43}})));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->receipts.size(), 2u);
  EXPECT_EQ(r->receipts[0].index, 0u);
  EXPECT_EQ(r->receipts[0].status, "accepted");
  EXPECT_EQ(r->receipts[0].seq, 7u);
  EXPECT_EQ(r->receipts[0].id, a);
  EXPECT_EQ(r->receipts[0].log_index, 42u);
  EXPECT_EQ(r->receipts[1].index, 1u);
  EXPECT_EQ(r->receipts[1].status, "duplicate");
  EXPECT_EQ(r->receipts[1].log_index, 43u);
  EXPECT_TRUE(r->error_code.empty());
}

TEST(UploadAnswerTest, DamagedCompactReceiptsAreABadAnswer) {
  Hash32 a;
  a.fill(0xAA);
  std::string good = Text(EncodeCompactReceipts({{false, 7, a, 42}}));
  for (std::string bad :
       {good.substr(0, good.size() - 1), good + "x", std::string("\x01\x02", 2)}) {
    Result<UploadAnswer> r = ParseUploadAnswer(bad);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().reason(), "bad_hub_answer") << r.status().ToString();
  }
}

TEST(UploadAnswerTest, JsonIsStillRead) {
  Result<UploadAnswer> r = ParseUploadAnswer(
      R"({"error":{"code":"seq_gap","message":"缺号"},"receipts":[{"index":0,"status":"rejected","seq":3,"code":"seq_gap","message":"缺号"}]})");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->error_code, "seq_gap");
  ASSERT_EQ(r->receipts.size(), 1u);
  EXPECT_EQ(r->receipts[0].status, "rejected");
}

}  // namespace
}  // namespace gongkai::station
