// The reasons hub/admin/ produces that other code decides on, as named
// constants (docs/exit-codes.md § Decisions): compare a Status's reason()
// with these, never with a literal. Producers may still spell the literal;
// the wire and the docs know the text.
#pragma once

#include <string_view>

namespace gongkai::reason {
// Reasons of administrator key files (admin_key_file.cc, admin_password.cc).
inline constexpr std::string_view kWrongPassword = "wrong_password";

// Reasons of the administrator roster (admin_roster.cc, admin_signer.cc).
inline constexpr std::string_view kAdminKeyMismatch = "admin_key_mismatch";
inline constexpr std::string_view kAdminRevoked = "admin_revoked";
}  // namespace gongkai::reason
