#include "station/config/hub_settings.h"

#include <cctype>

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

bool IsHostChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.';
}

}  // namespace

Status ValidateHubUrl(std::string_view url) {
  constexpr std::string_view kScheme = "https://";
  if (url.substr(0, kScheme.size()) != kScheme) return BadUrl(url);
  std::string_view rest = url.substr(kScheme.size());
  if (!rest.empty() && rest.back() == '/') rest.remove_suffix(1);
  std::string_view host, port;
  if (!rest.empty() && rest.front() == '[') {
    size_t close = rest.find(']');
    if (close == std::string_view::npos || close < 3) return BadUrl(url);
    host = rest.substr(1, close - 1);
    for (char c : host) {
      if (!std::isxdigit(static_cast<unsigned char>(c)) && c != ':' && c != '.') return BadUrl(url);
    }
    if (rest.substr(close + 1, 1) != ":") return BadUrl(url);
    port = rest.substr(close + 2);
  } else {
    size_t colon = rest.rfind(':');
    if (colon == std::string_view::npos) return BadUrl(url);
    host = rest.substr(0, colon);
    port = rest.substr(colon + 1);
    if (host.empty() || host.size() > 253 || host.front() == '.' || host.front() == '-') {
      return BadUrl(url);
    }
    for (char c : host) {
      if (!IsHostChar(c)) return BadUrl(url);
    }
  }
  if (port.empty() || port.size() > 5) return BadUrl(url);
  unsigned value = 0;
  for (char c : port) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return BadUrl(url);
    value = value * 10 + static_cast<unsigned>(c - '0');
  }
  if (value == 0 || value > 65535) return BadUrl(url);
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
