// UTF-8 validation (RFC 3629: no overlongs, no surrogates, max U+10FFFF).
#pragma once

#include <cstddef>
#include <string_view>

namespace gongkai {

bool IsValidUtf8(std::string_view s);

// Number of code points in valid UTF-8 text.
size_t Utf8Length(std::string_view s);

// True if the text holds a C0/C1 control character or DEL (newline allowed
// only when allow_newline; tab is never allowed).
bool HasControlCharacter(std::string_view s, bool allow_newline);

// The first invisible formatting character in valid UTF-8 text, or 0 if
// there is none: the bidirectional controls U+202A..U+202E, U+2066..U+2069,
// U+200E, U+200F, U+061C and the zero-width characters U+200B..U+200D,
// U+2060, U+FEFF. Each makes text display differently from what it is
// (docs/formats/catalog.md § Invisible characters).
char32_t FirstInvisibleCharacter(std::string_view s);

}  // namespace gongkai
