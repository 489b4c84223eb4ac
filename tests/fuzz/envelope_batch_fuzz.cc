// Fuzz target: the body of POST /v1/changesets (core/record/envelope_batch.h)
// and every envelope in it.
//
// Properties for every accepted batch: at most the cap of elements, it
// re-encodes to exactly the input bytes; each element that decodes as an
// envelope re-encodes to its bytes.
#include "core/record/envelope.h"
#include "core/record/envelope_batch.h"
#include "tests/fuzz/fuzz_check.h"

using namespace gongkai;

namespace {
constexpr size_t kCap = 1000;  // the hub's default max_changesets_per_request
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  Bytes in = fuzz::InputBytes(data, size);
  Result<std::vector<Bytes>> batch = DecodeEnvelopeBatch(in, kCap);
  if (!batch.ok()) return 0;
  FUZZ_CHECK(!batch->empty() && batch->size() <= kCap, "count outside [1, cap]");
  FUZZ_CHECK(EncodeEnvelopeBatch(*batch) == in, "re-encoding differs from the accepted batch");
  for (const Bytes& e : *batch) {
    Result<Envelope> env = DecodeEnvelope(e);
    if (env.ok()) FUZZ_CHECK(EncodeEnvelope(*env) == e, "element re-encoding differs");
  }
  return 0;
}
