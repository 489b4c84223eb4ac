// The reasons core/catalog/ produces that other code decides on, as named
// constants (docs/exit-codes.md § Decisions): compare a Status's reason()
// with these, never with a literal. Producers may still spell the literal;
// the wire and the docs know the text.
#pragma once

#include <string_view>

namespace gongkai::reason {
// Reasons of value checks (validate.cc); the hub and the station answer with them.
inline constexpr std::string_view kEmptyRequired = "empty_required";
inline constexpr std::string_view kControlCharacter = "control_character";
inline constexpr std::string_view kBadId = "bad_id";
inline constexpr std::string_view kBadUnit = "bad_unit";
}  // namespace gongkai::reason
