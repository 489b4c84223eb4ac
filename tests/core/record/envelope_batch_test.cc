// Golden bytes and decoding errors of the upload batch
// (docs/formats/http-changesets.md).
#include "core/record/envelope_batch.h"

#include <gtest/gtest.h>

#include "core/base/hex.h"

namespace gongkai {
namespace {

const char kGoldenHex[] =
    "01"                // archive flag
    "0200000000000000"  // u64 count = 2
    "0200000000000000"  // u64 length 2
    "6162"              // "ab"
    "0100000000000000"  // u64 length 1
    "63";               // "c"

TEST(EnvelopeBatchTest, GoldenBytes) {
  EXPECT_EQ(HexEncode(EncodeEnvelopeBatch({ToBytes("ab"), ToBytes("c")})), kGoldenHex);
}

TEST(EnvelopeBatchTest, RoundTrip) {
  Result<std::vector<Bytes>> b = DecodeEnvelopeBatch(*HexDecode(kGoldenHex), 10);
  ASSERT_TRUE(b.ok()) << b.status().ToString();
  EXPECT_EQ(*b, (std::vector<Bytes>{ToBytes("ab"), ToBytes("c")}));
}

TEST(EnvelopeBatchTest, EmptyBatchIsRefused) {
  EXPECT_EQ(DecodeEnvelopeBatch(EncodeEnvelopeBatch({}), 10).status().reason(), "empty_batch");
}

TEST(EnvelopeBatchTest, CountOverCapIsRefused) {
  Result<std::vector<Bytes>> b = DecodeEnvelopeBatch(*HexDecode(kGoldenHex), 1);
  EXPECT_EQ(b.status().reason(), "too_many_changesets");
  EXPECT_EQ(b.status().code(), Code::kResourceExhausted);
}

TEST(EnvelopeBatchTest, HugeCountWithLittleDataIsTruncated) {
  // count = 2^40 in a 17-byte input: refused before any allocation.
  Bytes b = *HexDecode("01000000000001000000000000000000");
  EXPECT_EQ(DecodeEnvelopeBatch(b, SIZE_MAX).status().reason(), "truncated");
}

TEST(EnvelopeBatchTest, TruncatedElementIsRefused) {
  Bytes b = *HexDecode(kGoldenHex);
  b.pop_back();
  EXPECT_EQ(DecodeEnvelopeBatch(b, 10).status().reason(), "truncated");
}

TEST(EnvelopeBatchTest, TrailingByteIsRefused) {
  Bytes b = *HexDecode(kGoldenHex);
  b.push_back(0);
  EXPECT_EQ(DecodeEnvelopeBatch(b, 10).status().reason(), "trailing_bytes");
}

TEST(EnvelopeBatchTest, GarbageIsMalformed) {
  EXPECT_EQ(DecodeEnvelopeBatch(ToBytes("GET / HTTP/1.1\r\n"), 10).status().reason(), "malformed");
  EXPECT_EQ(DecodeEnvelopeBatch(Bytes{}, 10).status().reason(), "malformed");
}

}  // namespace
}  // namespace gongkai
