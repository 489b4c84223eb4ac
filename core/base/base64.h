// Standard base64 (RFC 4648 §4, with '=' padding), as used by C2SP signed
// notes and checkpoints.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/base/bytes.h"

namespace gongkai {

std::string Base64Encode(const uint8_t* data, size_t len);
inline std::string Base64Encode(const Bytes& b) { return Base64Encode(b.data(), b.size()); }

// Strict: requires canonical padding, rejects whitespace and non-alphabet
// characters, and rejects non-zero trailing bits.
std::optional<Bytes> Base64Decode(std::string_view text);

}  // namespace gongkai
