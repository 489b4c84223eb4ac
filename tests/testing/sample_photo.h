// A photo as a phone gives one, for tests and benchmarks of attachments:
// a JPEG (JFIF header, start of scan) filled with random, incompressible
// bytes — what a phone photo looks like to deflate; the station's type
// check accepts it (docs/formats/attachment.md).
#pragma once

#include <cstddef>
#include <cstdint>
#include <random>
#include <string>

namespace gongkai::testing {

inline std::string SamplePhoto(size_t bytes, uint64_t seed) {
  std::string s(
      "\xFF\xD8\xFF\xE0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
      "\xFF\xDA\x00\x02",
      24);
  std::mt19937_64 g(seed);
  while (s.size() < bytes) s += static_cast<char>(g() & 0xFF);
  return s;
}

}  // namespace gongkai::testing
