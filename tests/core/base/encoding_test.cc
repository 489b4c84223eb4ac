#include <gtest/gtest.h>

#include "core/base/base64.h"
#include "core/base/hex.h"
#include "core/base/utf8.h"
#include "core/base/uuid.h"

namespace gongkai {
namespace {

TEST(Hex, RoundTripAndCase) {
  Bytes b = {0x00, 0x7f, 0x80, 0xff};
  EXPECT_EQ(HexEncode(b), "007f80ff");
  EXPECT_EQ(*HexDecode("007F80FF"), b);
}

TEST(Hex, RejectsOddLengthAndBadDigit) {
  EXPECT_FALSE(HexDecode("abc").has_value());
  EXPECT_FALSE(HexDecode("zz").has_value());
  EXPECT_FALSE(HexDecodeHash(std::string(62, 'a')).has_value());
}

TEST(Hex, IsLowerHexTakesOnlyLowerCaseDigits) {
  EXPECT_TRUE(IsLowerHex(""));
  EXPECT_TRUE(IsLowerHex("0123456789abcdef"));
  for (const char* bad : {"A", "abcdeF", "g", " 1", "12 ", "-1", "0x12"}) {
    EXPECT_FALSE(IsLowerHex(bad)) << bad;
  }
}

TEST(Bytes, LittleEndianU64) {
  uint8_t b[8];
  StoreLe64(b, 0x0102030405060708u);
  EXPECT_EQ(Bytes(b, b + 8), (Bytes{8, 7, 6, 5, 4, 3, 2, 1}));
  EXPECT_EQ(LoadLe64(b), 0x0102030405060708u);
  StoreLe64(b, UINT64_MAX);
  EXPECT_EQ(LoadLe64(b), UINT64_MAX);
}

TEST(Base64, Rfc4648Vectors) {
  const char* plain[] = {"", "f", "fo", "foo", "foob", "fooba", "foobar"};
  const char* enc[] = {"", "Zg==", "Zm8=", "Zm9v", "Zm9vYg==", "Zm9vYmE=", "Zm9vYmFy"};
  for (int i = 0; i < 7; ++i) {
    EXPECT_EQ(Base64Encode(ToBytes(plain[i])), enc[i]);
    EXPECT_EQ(ToString(*Base64Decode(enc[i])), plain[i]);
  }
}

TEST(Base64, RejectsNonCanonicalAndGarbage) {
  EXPECT_FALSE(Base64Decode("Zg=").has_value());   // bad length
  EXPECT_FALSE(Base64Decode("Zh==").has_value());  // non-zero trailing bits
  EXPECT_FALSE(Base64Decode("Zm9 ").has_value());  // whitespace
  EXPECT_FALSE(Base64Decode("Zm=v").has_value());  // padding in the middle
}

TEST(Utf8, AcceptsChineseAndRejectsBadSequences) {
  EXPECT_TRUE(IsValidUtf8("财政预决算"));
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));          // overlong '/'
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));      // surrogate
  EXPECT_FALSE(IsValidUtf8("\xE8\xB4"));          // truncated
  EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));  // > U+10FFFF
  EXPECT_FALSE(IsValidUtf8("\xFF"));
}

TEST(Utf8, CountsCodePoints) { EXPECT_EQ(Utf8Length("村务a"), 3u); }

TEST(Utf8, ControlCharacters) {
  EXPECT_TRUE(HasControlCharacter("a\tb", true));
  EXPECT_TRUE(HasControlCharacter("a\nb", false));
  EXPECT_FALSE(HasControlCharacter("a\nb", true));
  EXPECT_TRUE(HasControlCharacter("a\x7f", true));
  EXPECT_TRUE(HasControlCharacter("a\xC2\x85", true));  // U+0085 NEL
}

TEST(Uuid, IsVersion4Lowercase) {
  std::string u = NewUuid();
  ASSERT_EQ(u.size(), 36u);
  EXPECT_EQ(u[14], '4');
  EXPECT_NE(u, NewUuid());
}

}  // namespace
}  // namespace gongkai

namespace gongkai {
namespace {

std::string Utf8Of(char32_t cp) {
  std::string out;
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
  return out;
}

// Every invisible code point is found wherever it stands in Chinese text;
// its visible neighbours in the same blocks are not.
TEST(FirstInvisibleCharacterTest, FindsEachInvisibleCodePointAndNoVisibleNeighbour) {
  const char32_t invisible[] = {0x061C, 0x200B, 0x200C, 0x200D, 0x200E, 0x200F,
                                0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2060,
                                0x2066, 0x2067, 0x2068, 0x2069, 0xFEFF};
  for (char32_t cp : invisible) {
    EXPECT_EQ(FirstInvisibleCharacter(Utf8Of(cp)), cp);
    EXPECT_EQ(FirstInvisibleCharacter("村务公开" + Utf8Of(cp) + "情况"), cp);
    EXPECT_EQ(FirstInvisibleCharacter("a" + Utf8Of(cp)), cp);
  }
  const char32_t visible[] = {0x061B, 0x061D, 0x200A, 0x2010, 0x2029, 0x202F, 0x2061,
                              0x2065, 0x206A, 0xFEFE, 0xFF0C, 0x3001, 0x4E00, 0x00A0};
  for (char32_t cp : visible) {
    EXPECT_EQ(FirstInvisibleCharacter("村" + Utf8Of(cp) + "务"), 0u) << static_cast<int>(cp);
  }
  EXPECT_EQ(FirstInvisibleCharacter(""), 0u);
  EXPECT_EQ(FirstInvisibleCharacter("\xE2\x80"), 0u);  // cut short: nothing to decode
}

}  // namespace
}  // namespace gongkai
