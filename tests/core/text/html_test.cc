#include "core/text/html.h"

#include <gtest/gtest.h>

namespace gongkai {
namespace {

TEST(HtmlEscape, EscapesTheFiveSpecialCharactersAndNothingElse) {
  EXPECT_EQ(HtmlEscape("<script>alert('x') & \"y\"</script>"),
            "&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;");
  EXPECT_EQ(HtmlEscape("红旗村 政务公开 123"), "红旗村 政务公开 123");
  EXPECT_EQ(HtmlEscape(""), "");
  EXPECT_EQ(HtmlEscape("&amp;"), "&amp;amp;");  // escaped again, never trusted
}

TEST(UrlEncode, KeepsOnlyUnreservedCharacters) {
  EXPECT_EQ(UrlEncode("abcXYZ019-._~"), "abcXYZ019-._~");
  EXPECT_EQ(UrlEncode("a b&c=d/e?"), "a%20b%26c%3Dd%2Fe%3F");
  EXPECT_EQ(UrlEncode("村"), "%E6%9D%91");
  EXPECT_EQ(UrlEncode(std::string("\x00\xff", 2)), "%00%FF");
}

}  // namespace
}  // namespace gongkai

namespace gongkai {
namespace {

TEST(UrlDecode, RoundTripsUrlEncodeAndKeepsMalformedEscapes) {
  EXPECT_EQ(UrlDecode(UrlEncode("东风村 a+b%"), false), "东风村 a+b%");
  EXPECT_EQ(UrlDecode("a+b%2B%zz%4", true), "a b+%zz%4");
  EXPECT_EQ(UrlDecode("a+b", false), "a+b");
}

TEST(UrlDecodeStrict, RefusesAMalformedEscape) {
  EXPECT_EQ(UrlDecodeStrict(UrlEncode("东风村")), std::optional<std::string>("东风村"));
  EXPECT_EQ(UrlDecodeStrict("%E4%B8"), std::optional<std::string>("\xE4\xB8"));
  EXPECT_FALSE(UrlDecodeStrict("%E4%B").has_value());
  EXPECT_FALSE(UrlDecodeStrict("%zz").has_value());
  EXPECT_FALSE(UrlDecodeStrict("abc%").has_value());
  EXPECT_EQ(UrlDecodeStrict("a+b"), std::optional<std::string>("a+b"));
}

}  // namespace
}  // namespace gongkai
