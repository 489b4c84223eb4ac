// core/codec/deflate.h: RFC 1950 zlib streams (docs/formats/deflate.md).
#include "core/codec/deflate.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>

#include "core/base/hex.h"
#include "core/base/uuid.h"
#include "core/catalog/catalog.h"
#include "core/catalog/catalog_snapshot.h"
#include "tests/testing/sample_rows.h"
#include "tests/testing/temp_dir.h"

namespace gongkai {
namespace {

constexpr size_t kLimit = 64u << 20;

std::string RandomBytes(size_t n, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::string s(n, '\0');
  for (char& c : s) c = static_cast<char>(rng() & 0xFF);
  return s;
}

std::string ChineseText(size_t at_least) {
  std::string s;
  for (int i = 0; s.size() < at_least; ++i) {
    s += "红旗村便民服务站 政府信息公开 第" + std::to_string(i) +
         "项：公开渠道 政府网站、便民服务站；公开对象 全社会；";
  }
  return s;
}

void ExpectRoundTrip(const std::string& input) {
  std::string packed = Deflate(input);
  ASSERT_GE(packed.size(), 6u);
  EXPECT_EQ(static_cast<uint8_t>(packed[0]), 0x78);
  EXPECT_EQ(static_cast<uint8_t>(packed[1]), 0x9C);
  Result<std::string> back = Inflate(packed, kLimit);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(*back, input);
}

TEST(DeflateTest, RoundTripsEmpty) { ExpectRoundTrip(""); }
TEST(DeflateTest, RoundTripsOneByte) { ExpectRoundTrip("x"); }

TEST(DeflateTest, RoundTripsLargeChineseTextAndCompressesIt) {
  std::string text = ChineseText(2u << 20);
  ExpectRoundTrip(text);
  EXPECT_LT(Deflate(text).size(), text.size() / 10);
}

TEST(DeflateTest, RoundTripsRandomIncompressibleBytes) {
  std::string data = RandomBytes(300'000, 7);
  ExpectRoundTrip(data);
  // Stored blocks: a few bytes of overhead per block, never a blow-up.
  EXPECT_LT(Deflate(data).size(), data.size() + data.size() / 1000 + 64);
}

// Mixed binary and text inputs of every size: about one stream in twelve
// ends so that Beast's decoder reads one byte of the trailer early (this
// once made valid streams fail with "checksum truncated").
TEST(DeflateTest, RoundTripsManyStructuredInputs) {
  std::mt19937_64 rng(1);
  const std::string words = "红旗村便民服务站政府信息公开abcdef0123456789";
  for (int iter = 0; iter < 400; ++iter) {
    size_t n = rng() % 6000;
    std::string s;
    while (s.size() < n) {
      switch (rng() % 5) {
        case 0:
          for (int i = 0; i < 32; ++i) s.push_back(static_cast<char>(rng()));
          break;
        case 1:
          if (s.size() > 100) s += s.substr(rng() % s.size(), rng() % 300);
          break;
        case 2:
          s += words.substr((rng() % (words.size() / 3)) * 3, 9);
          break;
        case 3:
          s.append(rng() % 50, static_cast<char>(rng() % 3));
          break;
        default:
          s += std::to_string(rng() % 100000);
      }
    }
    s.resize(n);
    std::string packed = Deflate(s);
    Result<std::string> back = Inflate(packed, kLimit);
    ASSERT_TRUE(back.ok()) << "iteration " << iter << ": " << back.status().ToString();
    ASSERT_EQ(*back, s) << iter;
    EXPECT_FALSE(Inflate(packed + static_cast<char>(rng()), kLimit).ok()) << iter;
    EXPECT_FALSE(Inflate(packed.substr(0, packed.size() - 1), kLimit).ok()) << iter;
  }
}

TEST(DeflateTest, BytesOverloadsAgreeWithStrings) {
  Bytes in = ToBytes("政务公开 deflate");
  Bytes packed = Deflate(in);
  EXPECT_EQ(ToString(packed), Deflate(ToString(in)));
  Result<Bytes> back = Inflate(packed, 1000);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(*back, in);
}

// Pins the exact bytes for a tiny input (docs/formats/deflate.md § Example):
// header 78 9c, one fixed-Huffman block, Adler-32 of "hello" = 062c0215.
TEST(DeflateTest, GoldenBytesOfHello) {
  EXPECT_EQ(HexEncode(ToBytes(Deflate("hello"))), "789ccb48cdc9c90700062c0215");
  EXPECT_EQ(HexEncode(ToBytes(Deflate(""))), "789c030000000001");
}

TEST(DeflateTest, Adler32KnownValues) {
  EXPECT_EQ(Adler32(""), 1u);
  EXPECT_EQ(Adler32("Wikipedia"), 0x11E60398u);
  // Incremental equals one-shot, across the 5552-byte blocks.
  std::string big = RandomBytes(20'000, 3);
  EXPECT_EQ(Adler32(big.substr(7000), Adler32(big.substr(0, 7000))), Adler32(big));
}

TEST(DeflateTest, RefusesEveryTruncation) {
  std::string packed = Deflate(ChineseText(5000));
  for (size_t n = 0; n < packed.size(); ++n) {
    Result<std::string> r = Inflate(packed.substr(0, n), kLimit);
    ASSERT_FALSE(r.ok()) << "prefix of " << n << " bytes accepted";
    EXPECT_EQ(r.status().reason(), "bad_compressed_body") << n;
  }
}

TEST(DeflateTest, RefusesTrailingBytes) {
  std::string packed = Deflate("abc");
  for (const std::string& extra : {std::string(1, '\0'), std::string("x"), Deflate("abc")}) {
    Result<std::string> r = Inflate(packed + extra, kLimit);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().reason(), "bad_compressed_body");
  }
}

TEST(DeflateTest, FlippedBytesAreRefusedOrCaughtByAdler32) {
  std::string input = ChineseText(3000);
  std::string packed = Deflate(input);
  int unchanged = 0;
  for (size_t i = 0; i < packed.size(); ++i) {
    for (uint8_t mask : {0x01, 0x80, 0xFF}) {
      std::string bad = packed;
      bad[i] = static_cast<char>(bad[i] ^ mask);
      Result<std::string> r = Inflate(bad, kLimit);
      // Never silently different data: refused, or the flip hit only the
      // padding bits after the final block and the data is the same.
      if (r.ok()) {
        ASSERT_EQ(*r, input) << "byte " << i << " mask " << int(mask) << " went unnoticed";
        ++unchanged;
      } else {
        EXPECT_EQ(r.status().reason(), "bad_compressed_body");
      }
    }
  }
  EXPECT_LE(unchanged, 2);
}

TEST(DeflateTest, RefusesBadHeaders) {
  std::string packed = Deflate("abc");
  auto with = [&](uint8_t cmf, uint8_t flg) {
    std::string s = packed;
    s[0] = static_cast<char>(cmf);
    s[1] = static_cast<char>(flg);
    return Inflate(s, kLimit);
  };
  EXPECT_EQ(with(0x79, 0x9C).status().reason(), "bad_compressed_body");  // method 9
  EXPECT_EQ(with(0x88, 0x1C).status().reason(), "bad_compressed_body");  // window 64 KiB
  EXPECT_EQ(with(0x78, 0x9D).status().reason(), "bad_compressed_body");  // check bits
  EXPECT_EQ(with(0x78, 0xBB).status().reason(), "bad_compressed_body");  // FDICT
  // Other levels and a smaller window are fine (the data is the same).
  EXPECT_TRUE(with(0x78, 0x01).ok());
  EXPECT_TRUE(with(0x78, 0xDA).ok());
  EXPECT_EQ(Inflate(std::string(), kLimit).status().reason(), "bad_compressed_body");
  EXPECT_EQ(Inflate(std::string("\x78"), kLimit).status().reason(), "bad_compressed_body");
}

TEST(DeflateTest, StopsADecompressionBombAtTheLimit) {
  // 16 MiB of zeros packs into ~16 KiB (1:1000); the limit is 1 MiB.
  std::string bomb = Deflate(std::string(16u << 20, '\0'));
  EXPECT_LT(bomb.size(), 20'000u);
  Result<std::string> r = Inflate(bomb, 1u << 20);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().reason(), "body_too_large");
  EXPECT_EQ(r.status().code(), Code::kResourceExhausted);
}

TEST(DeflateTest, LimitIsInclusive) {
  std::string data(1000, 'a');
  std::string packed = Deflate(data);
  EXPECT_TRUE(Inflate(packed, 1000).ok());
  EXPECT_EQ(Inflate(packed, 999).status().reason(), "body_too_large");
  Result<std::string> empty = Inflate(Deflate(""), 0);
  ASSERT_TRUE(empty.ok());
  EXPECT_EQ(*empty, "");
}

// A figure for docs and the wire benchmark, with a loose bound: the
// canonical snapshot of a 10,000-row catalog (random ids, 100 villages,
// numbered items) deflates to a fraction of its size.
TEST(DeflateTest, TenThousandRowSnapshotShrinks) {
  Catalog catalog;
  for (int i = 0; i < 10'000; ++i) {
    Row r = (i % 2 == 0) ? SampleRow() : SampleVillageRow();
    r.id = NewUuid();
    r.unit = "第" + std::to_string(i % 100) + "村";
    r.Set(Field::kItemL2, "事项" + std::to_string(i));
    r.Set(Field::kSubject, r.unit + "村民委员会");
    catalog.Put(r);
  }
  Bytes plain = EncodeCatalogSnapshot(catalog);
  Bytes packed = Deflate(plain);
  std::printf("[ figures  ] 10,000-row catalog snapshot: %zu bytes, deflated %zu bytes (%.1f%%)\n",
              plain.size(), packed.size(), 100.0 * packed.size() / plain.size());
  EXPECT_LT(packed.size(), plain.size() / 3);
  Result<Bytes> back = Inflate(packed, plain.size());
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(*back, plain);
}

// --- interop with python3's zlib (skipped when python3 is missing) ---

bool HavePython() { return std::system("python3 -c 'import zlib' >/dev/null 2>&1") == 0; }

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void WriteAll(const std::string& path, const std::string& data) {
  std::ofstream(path, std::ios::binary) << data;
}

TEST(DeflateInteropTest, PythonInflatesOurStreams) {
  if (!HavePython()) GTEST_SKIP() << "python3 not available";
  TempDir tmp;
  for (const std::string& input : {std::string(), std::string("x"), ChineseText(300'000),
                                   RandomBytes(100'000, 11)}) {
    WriteAll(tmp.path() + "/in", Deflate(input));
    std::string cmd = "python3 -c \"import sys,zlib; d=open(sys.argv[1],'rb').read(); "
                      "open(sys.argv[2],'wb').write(zlib.decompress(d))\" " +
                      tmp.path() + "/in " + tmp.path() + "/out";
    ASSERT_EQ(std::system(cmd.c_str()), 0);
    EXPECT_EQ(ReadAll(tmp.path() + "/out"), input);
  }
}

TEST(DeflateInteropTest, WeInflatePythonStreamsOfEveryLevel) {
  if (!HavePython()) GTEST_SKIP() << "python3 not available";
  TempDir tmp;
  std::string input = ChineseText(200'000) + RandomBytes(5000, 5);
  WriteAll(tmp.path() + "/in", input);
  for (int level : {0, 1, 6, 9}) {
    std::string out = tmp.path() + "/z" + std::to_string(level);
    std::string cmd = "python3 -c \"import sys,zlib; d=open(sys.argv[1],'rb').read(); "
                      "open(sys.argv[2],'wb').write(zlib.compress(d," +
                      std::to_string(level) + "))\" " + tmp.path() + "/in " + out;
    ASSERT_EQ(std::system(cmd.c_str()), 0);
    Result<std::string> back = Inflate(ReadAll(out), kLimit);
    ASSERT_TRUE(back.ok()) << "level " << level << ": " << back.status().ToString();
    EXPECT_EQ(*back, input);
  }
  // A small window (wbits 9) too.
  std::string out = tmp.path() + "/w9";
  std::string cmd = "python3 -c \"import sys,zlib; c=zlib.compressobj(6,zlib.DEFLATED,9); "
                    "d=open(sys.argv[1],'rb').read(); "
                    "open(sys.argv[2],'wb').write(c.compress(d)+c.flush())\" " +
                    tmp.path() + "/in " + out;
  ASSERT_EQ(std::system(cmd.c_str()), 0);
  Result<std::string> back = Inflate(ReadAll(out), kLimit);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(*back, input);
}

}  // namespace
}  // namespace gongkai
