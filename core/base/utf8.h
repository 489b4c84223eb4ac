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

}  // namespace gongkai
