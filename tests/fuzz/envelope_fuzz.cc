// Fuzz target: signed envelopes (core/record/envelope.h), the wrapper of
// every log entry and uploaded record.
//
// Properties for every accepted envelope: it re-encodes to exactly the
// input bytes and re-decodes to the same value; verifying its signature
// (always with the same key) never crashes.
#include "core/record/envelope.h"
#include "tests/fuzz/fuzz_check.h"
#include "tests/fuzz/sample_log.h"

using namespace gongkai;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  Bytes in = fuzz::InputBytes(data, size);
  Result<Envelope> env = DecodeEnvelope(in);
  if (!env.ok()) return 0;
  Bytes again = EncodeEnvelope(*env);
  FUZZ_CHECK(again == in, "re-encoding differs from the accepted envelope");
  Result<Envelope> back = DecodeEnvelope(again);
  FUZZ_CHECK(back.ok() && *back == *env, "re-decoding differs");
  FUZZ_CHECK(EnvelopeKindName(env->kind) != nullptr, "kind without a name");
  (void)VerifyEnvelope(*env, fuzz::KeyFor(env->signer).public_key());
  return 0;
}
