// How a station reaches its town hub: the hub's URL, the hub's verifier key
// (C2SP, checks signed checkpoints and catalogs) and the SHA-256 fingerprint
// of the hub's TLS certificate (pinned). All three may be unknown at `init`
// for a village whose town has no hub yet, and are set later by `config`.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/base/status.h"

namespace gongkai::reason {
// Reasons of the checks below that other code decides on (docs/exit-codes.md
// § Decisions): compare a Status's reason() with these, never with a literal.
inline constexpr std::string_view kBadHubKey = "bad_hub_key";
inline constexpr std::string_view kBadFingerprint = "bad_fingerprint";
}  // namespace gongkai::reason

namespace gongkai::station {

struct HubSettings {
  std::optional<std::string> url;          // https://host:port
  std::optional<std::string> key;          // C2SP verifier key of the hub
  std::optional<std::string> cert_sha256;  // 64 lowercase hex digits

  bool operator==(const HubSettings&) const = default;
};

// https://HOST:PORT with an optional trailing '/'; HOST a DNS name, an IPv4
// address or a bracketed IPv6 address; PORT 1–65535. Reason "bad_hub_url".
Status ValidateHubUrl(std::string_view url);
// A verifier key that ParseVerifierKey accepts. Reason "bad_hub_key".
Status ValidateHubKey(std::string_view key);
// 64 hex digits, colons between byte pairs allowed (as openssl prints
// them); returns the lowercase form. Reason "bad_fingerprint".
Result<std::string> NormalizeFingerprint(std::string_view text);

// Validates every given setting and normalizes the fingerprint.
Result<HubSettings> ValidateHubSettings(HubSettings s);

}  // namespace gongkai::station
