// The session's CSRF token as it appears in pages (docs/hub-web.md §
// Sessions): every form carries a freshly masked copy,
//   hex(pad || pad XOR token)      pad = 32 random bytes, token = 32 bytes
// (128 hex digits), so the bytes of the token never repeat from one
// response to the next and a compressed page (Content-Encoding: deflate)
// gives no length oracle on it (BREACH). A form token matches when it
// unmasks to the session's token (constant-time comparison).
#pragma once

#include <string>
#include <string_view>

namespace gongkai::hub::web {

// `token_hex`: the session's token, 64 hex digits.
std::string MaskCsrfToken(const std::string& token_hex);
bool CsrfTokenMatches(std::string_view masked_hex, const std::string& token_hex);

}  // namespace gongkai::hub::web
