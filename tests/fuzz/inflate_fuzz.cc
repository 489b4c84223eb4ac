// Fuzz target: Content-Encoding: deflate request and answer bodies
// (core/codec/deflate.h, zlib streams).
//
// Properties: Inflate never produces more than max_output bytes; whatever
// it accepts, Deflate then Inflate gives back the same bytes.
#include "core/codec/deflate.h"
#include "tests/fuzz/fuzz_check.h"

using namespace gongkai;

namespace {
constexpr size_t kMaxOutput = 1 << 20;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  Result<std::string> out = Inflate(fuzz::InputText(data, size), kMaxOutput);
  if (!out.ok()) {
    FUZZ_CHECK(!out.status().reason().empty(), "an error without a reason");
    return 0;
  }
  FUZZ_CHECK(out->size() <= kMaxOutput, "output larger than max_output");
  Result<std::string> again = Inflate(Deflate(*out), kMaxOutput);
  FUZZ_CHECK(again.ok() && *again == *out, "Deflate then Inflate changed the bytes");
  return 0;
}
