// Helpers shared by the libFuzzer targets of tests/fuzz (docs/fuzzing.md).
//
// FUZZ_CHECK aborts (so libFuzzer records a crash and writes the input) when
// a property that must hold for every accepted input does not, e.g. that
// Encode(Decode(x)) decodes to the same value. A plain "no crash" target
// would miss a decoder that accepts bytes it cannot write back.
#pragma once

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "core/base/bytes.h"
#include "core/base/status.h"

#define FUZZ_CHECK(cond, what)                                                                 \
  do {                                                                                         \
    if (!(cond)) {                                                                             \
      std::fprintf(stderr, "FUZZ_CHECK failed at %s:%d: %s (%s)\n", __FILE__, __LINE__, #cond, \
                   std::string(what).c_str());                                                 \
      std::abort();                                                                            \
    }                                                                                          \
  } while (0)

namespace gongkai::fuzz {

inline Bytes InputBytes(const uint8_t* data, size_t size) { return Bytes(data, data + size); }
inline std::string_view InputText(const uint8_t* data, size_t size) {
  return std::string_view(reinterpret_cast<const char*>(data), size);
}

// What a second decoding of our own encoding must never say.
inline std::string Why(const Status& s) { return s.ToString(); }

// Whether the parser under test accepted the input. A refusal must say why
// (its reason is the code programs and people act on): one without a
// reason aborts, so a target checks properties only of what was accepted.
template <typename T>
bool Accepted(const Result<T>& parsed) {
  FUZZ_CHECK(parsed.ok() || !parsed.status().reason().empty(), "an error without a reason");
  return parsed.ok();
}

}  // namespace gongkai::fuzz
