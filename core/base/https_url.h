// An https://HOST[:PORT] address — a town hub's, a county witness's — read
// by one parser for every program (the station's settings and sync, the
// hub's witness list, the auditor).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace gongkai {

struct HttpsUrl {
  std::string host;         // DNS name, IPv4 literal, or IPv6 literal without brackets
  uint16_t port = 443;      // 443 when the URL names none
  bool port_given = false;  // the URL named a port
};

// https://HOST[:PORT][/]. HOST is a DNS name or IPv4 address (letters,
// digits, '-' and '.', at most 253 bytes, not starting with '.' or '-') or a
// bracketed IPv6 address (hex digits, ':' and '.'); PORT is 1–65535. Nothing
// may follow but one '/'. nullopt for anything else: the caller says which
// address was wrong, in its own words.
std::optional<HttpsUrl> ParseHttpsUrl(std::string_view url);

}  // namespace gongkai
