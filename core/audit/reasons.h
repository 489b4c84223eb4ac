// The reasons core/audit/ produces that other code decides on, as named
// constants (docs/exit-codes.md § Decisions): compare a Status's reason()
// with these, never with a literal. Producers may still spell the literal;
// the wire and the docs know the text.
#pragma once

#include <string_view>

namespace gongkai::reason {
// Reasons of signed-record rules (record_rules.cc, changeset_rules.cc).
inline constexpr std::string_view kSignerMismatch = "signer_mismatch";
}  // namespace gongkai::reason
