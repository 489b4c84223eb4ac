#include "station/store/hub_settings.h"

#include <gtest/gtest.h>

#include "core/crypto/ed25519.h"
#include "core/crypto/verifier_key.h"

namespace gongkai::station {
namespace {

TEST(HubSettings, AcceptsHttpsHostPort) {
  for (const char* url : {"https://hub.baofeng.gov.cn:8443", "https://127.0.0.1:8443/",
                          "https://[::1]:443", "https://hub:1"}) {
    EXPECT_TRUE(ValidateHubUrl(url).ok()) << url;
  }
}

TEST(HubSettings, RefusesOtherUrls) {
  for (const char* url :
       {"http://hub:8443", "https://hub", "https://hub:0", "https://hub:65536", "https://:443",
        "https://hub:84a3", "https://hu b:443", "https://hub:443/path", "ftp://hub:21", ""}) {
    Status s = ValidateHubUrl(url);
    EXPECT_EQ(s.reason(), "bad_hub_url") << url;
  }
}

TEST(HubSettings, HubKeyMustParse) {
  auto key = PrivateKey::FromSeed(Bytes(32, 7));
  ASSERT_TRUE(key.ok());
  std::string vkey = MakeVerifierKey("baofeng-hub", key->public_key()).ToString();
  EXPECT_TRUE(ValidateHubKey(vkey).ok());
  EXPECT_EQ(ValidateHubKey("baofeng-hub+00000000+AAAA").reason(), "bad_hub_key");
}

TEST(HubSettings, FingerprintIsNormalized) {
  std::string upper(64, 'A');
  EXPECT_EQ(*NormalizeFingerprint(upper), std::string(64, 'a'));
  std::string colons;
  for (int i = 0; i < 32; ++i) colons += std::string(i ? ":" : "") + "0F";
  EXPECT_EQ(*NormalizeFingerprint(colons), [] {
    std::string s;
    for (int i = 0; i < 32; ++i) s += "0f";
    return s;
  }());
  EXPECT_EQ(NormalizeFingerprint(std::string(63, 'a')).status().reason(), "bad_fingerprint");
  EXPECT_EQ(NormalizeFingerprint(std::string(64, 'g')).status().reason(), "bad_fingerprint");
}

}  // namespace
}  // namespace gongkai::station
