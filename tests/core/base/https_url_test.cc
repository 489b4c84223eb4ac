#include "core/base/https_url.h"

#include <gtest/gtest.h>

namespace gongkai {
namespace {

TEST(HttpsUrl, HostAndPort) {
  std::optional<HttpsUrl> u = ParseHttpsUrl("https://hub.baofeng.gov.cn:8443/");
  ASSERT_TRUE(u);
  EXPECT_EQ(u->host, "hub.baofeng.gov.cn");
  EXPECT_EQ(u->port, 8443);
  EXPECT_TRUE(u->port_given);
}

TEST(HttpsUrl, PortDefaultsTo443) {
  std::optional<HttpsUrl> u = ParseHttpsUrl("https://county.example");
  ASSERT_TRUE(u);
  EXPECT_EQ(u->host, "county.example");
  EXPECT_EQ(u->port, 443);
  EXPECT_FALSE(u->port_given);
}

TEST(HttpsUrl, BracketedIpv6) {
  std::optional<HttpsUrl> u = ParseHttpsUrl("https://[::1]:8444");
  ASSERT_TRUE(u);
  EXPECT_EQ(u->host, "::1");
  EXPECT_EQ(u->port, 8444);
  u = ParseHttpsUrl("https://[fe80::1]");
  ASSERT_TRUE(u);
  EXPECT_EQ(u->port, 443);
}

TEST(HttpsUrl, RefusesEverythingElse) {
  for (const char* url : {"",
                          "http://hub:8443",
                          "ftp://hub:21",
                          "https://",
                          "https://:443",
                          "https://hub:0",
                          "https://hub:65536",
                          "https://hub:",
                          "https://hub:84a3",
                          "https://hu b:443",
                          "https://hub:443/path",
                          "https://hub:443//",
                          "https://-hub:443",
                          "https://.hub:443",
                          "https://[::1",
                          "https://[]:443",
                          "https://[zz::1]:443",
                          "https://[::1]x443",
                          "https://hub:123456",
                          "https://hub_1:443"}) {
    EXPECT_FALSE(ParseHttpsUrl(url)) << url;
  }
  EXPECT_FALSE(ParseHttpsUrl("https://" + std::string(254, 'a') + ":443"));
  EXPECT_TRUE(ParseHttpsUrl("https://" + std::string(253, 'a') + ":443"));
}

}  // namespace
}  // namespace gongkai
