#include "core/base/https_url.h"

#include <gtest/gtest.h>

namespace gongkai {
namespace {

TEST(HttpsUrl, HostAndPortOrDefault443) {
  struct Case {
    const char* url;
    const char* host;
    uint16_t port;
    bool port_given;
  };
  for (const Case& c : {Case{"https://hub.baofeng.gov.cn:8443/", "hub.baofeng.gov.cn", 8443, true},
                        Case{"https://county.example", "county.example", 443, false},
                        Case{"https://127.0.0.1:1", "127.0.0.1", 1, true},
                        Case{"https://[::1]:8444", "::1", 8444, true},
                        Case{"https://[fe80::1]/", "fe80::1", 443, false}}) {
    std::optional<HttpsUrl> u = ParseHttpsUrl(c.url);
    ASSERT_TRUE(u) << c.url;
    EXPECT_EQ(u->host, c.host) << c.url;
    EXPECT_EQ(u->port, c.port) << c.url;
    EXPECT_EQ(u->port_given, c.port_given) << c.url;
  }
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
