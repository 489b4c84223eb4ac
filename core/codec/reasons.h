// The reasons core/codec/ produces that other code decides on, as named
// constants (docs/exit-codes.md § Decisions): compare a Status's reason()
// with these, never with a literal. Producers may still spell the literal;
// the wire and the docs know the text.
#pragma once

#include <string_view>

namespace gongkai::reason {
// Reasons of inflating a body (deflate.cc).
inline constexpr std::string_view kBodyTooLarge = "body_too_large";
}  // namespace gongkai::reason
