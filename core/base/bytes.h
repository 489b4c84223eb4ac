// Byte buffers and fixed-size digests used throughout the project.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace gongkai {

using Bytes = std::vector<uint8_t>;
using Hash32 = std::array<uint8_t, 32>;  // a SHA-256 digest

inline Bytes ToBytes(std::string_view s) { return Bytes(s.begin(), s.end()); }
inline std::string ToString(const Bytes& b) { return std::string(b.begin(), b.end()); }
inline Bytes ToBytes(const Hash32& h) { return Bytes(h.begin(), h.end()); }

}  // namespace gongkai
