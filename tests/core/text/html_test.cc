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
