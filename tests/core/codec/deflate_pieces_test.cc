// Pieces of one zlib stream compressed apart (core/codec/deflate_pieces.h,
// docs/formats/deflate.md § Pieces): they concatenate into a stream that
// Inflate accepts and that holds the pieces' bytes in order; the Adler-32
// combines; golden bytes of a small stream.
#include "core/codec/deflate_pieces.h"

#include <gtest/gtest.h>

#include "core/base/hex.h"
#include "core/codec/deflate.h"

namespace gongkai {
namespace {

std::string Stream(const std::vector<std::string>& pieces) {
  std::string out = ZlibHeader();
  uint32_t adler = 1;
  for (size_t i = 0; i < pieces.size(); ++i) {
    bool last = i + 1 == pieces.size();
    DeflatedPiece p = last ? DeflateLastPiece(pieces[i]) : DeflatePiece(pieces[i]);
    EXPECT_EQ(p.size, pieces[i].size());
    EXPECT_EQ(p.adler, Adler32(pieces[i]));
    adler = Adler32Combine(adler, p.adler, p.size);
    out += p.data;
  }
  return out + AdlerTrailer(adler);
}

std::string Text(size_t n, uint32_t seed) {
  std::string s;
  s.reserve(n);
  uint32_t x = seed;
  while (s.size() < n) {
    x = x * 1103515245 + 12345;
    s += "行" + std::to_string(x % 1000) + (x % 7 == 0 ? "\n" : " ");
  }
  s.resize(n);
  return s;
}

TEST(DeflatePiecesTest, GoldenBytesOfHelloInTwoPieces) {
  // "hel" flushed (fixed block, then an empty stored block), "lo" final.
  std::string s = Stream({"hel", "lo"});
  EXPECT_EQ(HexEncode(ToBytes(s)), "789cca48cd01000000ffffcbc90700062c0215");
  Result<std::string> back = Inflate(s, 100);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(*back, "hello");
}

TEST(DeflatePiecesTest, PiecesConcatenateIntoOneStream) {
  std::vector<std::string> pieces = {Text(100, 1), Text(300'000, 2), "", Text(70'000, 3),
                                     Text(10, 4)};
  std::string whole;
  for (const auto& p : pieces) whole += p;
  Result<std::string> back = Inflate(Stream(pieces), whole.size());
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(*back, whole);
}

TEST(DeflatePiecesTest, AnEmptyLastPieceEndsTheStream) {
  Result<std::string> back = Inflate(Stream({"abc", ""}), 10);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(*back, "abc");
}

TEST(DeflatePiecesTest, AddedInStepsIsAddedAtOnce) {
  std::string text = Text(200'000, 5);
  PieceDeflater d;
  for (size_t i = 0; i < text.size(); i += 777) d.Add(std::string_view(text).substr(i, 777));
  DeflatedPiece stepped = d.Finish();
  DeflatedPiece once = DeflatePiece(text);
  EXPECT_EQ(stepped.adler, once.adler);
  EXPECT_EQ(stepped.size, once.size);
  std::string s = ZlibHeader() + stepped.data + DeflateLastPiece("").data + AdlerTrailer(once.adler);
  Result<std::string> back = Inflate(s, text.size());
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(*back, text);
}

TEST(DeflatePiecesTest, AWrongCombinedChecksumIsRefused) {
  std::string s = Stream({"abc", "def"});
  s.back() = static_cast<char>(s.back() ^ 1);
  EXPECT_EQ(Inflate(s, 10).status().reason(), "bad_compressed_body");
}

TEST(DeflatePiecesTest, Adler32CombineIsAdler32OfTheConcatenation) {
  for (size_t a : {0u, 1u, 5000u, 65521u, 200000u}) {
    for (size_t b : {0u, 1u, 65520u, 65521u, 65522u, 300000u}) {
      std::string x = Text(a, 7), y = Text(b, 8);
      EXPECT_EQ(Adler32Combine(Adler32(x), Adler32(y), y.size()), Adler32(x + y))
          << a << " " << b;
    }
  }
}

}  // namespace
}  // namespace gongkai
