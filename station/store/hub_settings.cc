#include "station/store/hub_settings.h"

#include <cctype>

#include "core/base/https_url.h"
#include "core/crypto/verifier_key.h"

namespace gongkai::station {
namespace {

Status BadUrl(std::string_view url) {
  return InvalidArgument("bad_hub_url",
                         "镇服务器地址 “" + std::string(url) +
                             "” 格式不对，应为 https://主机:端口，例如 "
                             "https://hub.baofeng.gov.cn:8443 (bad hub URL)",
                         "hub");
}

}  // namespace

Status ValidateHubUrl(std::string_view url) {
  std::optional<HttpsUrl> parsed = ParseHttpsUrl(url);
  if (!parsed || !parsed->port_given) return BadUrl(url);
  return Status::Ok();
}

Status ValidateHubKey(std::string_view key) {
  auto parsed = ParseVerifierKey(key);
  if (!parsed.ok()) {
    return InvalidArgument("bad_hub_key",
                           "镇服务器公钥格式不对，请从镇政务公开办复制完整的公钥（形如 "
                           "名称+8位十六进制+Base64）: " +
                               parsed.status().message() + " (bad hub verifier key)",
                           "hub-key");
  }
  return Status::Ok();
}

Result<std::string> NormalizeFingerprint(std::string_view text) {
  std::string hex;
  for (char c : text) {
    if (c == ':') continue;
    if (!std::isxdigit(static_cast<unsigned char>(c))) {
      hex.clear();
      break;
    }
    hex += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  if (hex.size() != 64) {
    return InvalidArgument("bad_fingerprint",
                           "证书指纹应为 64 位十六进制数字（SHA-256），请从镇政务公开办复制 "
                           "(certificate fingerprint must be 64 hex digits)",
                           "hub-cert-sha256");
  }
  return hex;
}

Result<HubSettings> ValidateHubSettings(HubSettings s) {
  if (s.url) GK_RETURN_IF_ERROR(ValidateHubUrl(*s.url));
  if (s.key) GK_RETURN_IF_ERROR(ValidateHubKey(*s.key));
  if (s.cert_sha256) {
    GK_ASSIGN_OR_RETURN(s.cert_sha256, NormalizeFingerprint(*s.cert_sha256));
  }
  return s;
}

}  // namespace gongkai::station
