// Lowercase hexadecimal encoding.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/base/bytes.h"

namespace gongkai {

std::string HexEncode(const uint8_t* data, size_t len);
inline std::string HexEncode(const Bytes& b) { return HexEncode(b.data(), b.size()); }
inline std::string HexEncode(const Hash32& h) { return HexEncode(h.data(), h.size()); }

// The value of one hex digit (either case), or -1.
int HexDigitValue(char c);
// Every character is 0-9 or a-f (true for the empty string).
bool IsLowerHex(std::string_view s);

// Accepts upper or lower case; nullopt on odd length or a non-hex digit.
std::optional<Bytes> HexDecode(std::string_view hex);
// Exactly 64 hex digits → 32 bytes.
std::optional<Hash32> HexDecodeHash(std::string_view hex);

}  // namespace gongkai
