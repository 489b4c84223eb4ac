// The reasons station/config/ produces that other code decides on, as named
// constants (docs/exit-codes.md § Decisions): compare a Status's reason()
// with these, never with a literal.
#pragma once

#include <string_view>

namespace gongkai::reason {
// Reasons of hub settings checks (hub_settings.cc).
inline constexpr std::string_view kBadHubKey = "bad_hub_key";
inline constexpr std::string_view kBadFingerprint = "bad_fingerprint";
}  // namespace gongkai::reason
