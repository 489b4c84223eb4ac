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

// A u64 as 8 little-endian bytes (docs/formats/wire.md's integers, where
// they stand outside a wire archive: bundle headers, posting record ids,
// by-reference entries).
inline void StoreLe64(uint8_t* out, uint64_t v) {
  for (int i = 0; i < 8; ++i) out[i] = static_cast<uint8_t>(v >> (8 * i));
}
inline uint64_t LoadLe64(const uint8_t* p) {
  uint64_t v = 0;
  for (int i = 0; i < 8; ++i) v |= uint64_t{p[i]} << (8 * i);
  return v;
}

}  // namespace gongkai
