// The reasons core/crypto/ produces that other code decides on, as named
// constants (docs/exit-codes.md § Decisions): compare a Status's reason()
// with these, never with a literal. Producers may still spell the literal;
// the wire and the docs know the text.
#pragma once

#include <string_view>

namespace gongkai::reason {
// A private key file others may read (mode must be 0600).
inline constexpr std::string_view kKeyPermissions = "key_permissions";
}  // namespace gongkai::reason
