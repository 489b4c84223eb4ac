// Fuzz target: the auditor's state file (core/audit/audit_state_codec.h),
// read back by `gongkai-audit verify --state FILE` to resume.
//
// The file ends in a SHA-256 checksum of everything before it, which a
// mutated input would almost never match; the harness appends the right
// checksum to the input so that the fuzzer reaches the structure checks.
// Properties for every accepted state: encoding it and decoding that gives
// the same bytes again (the input's own bytes, for the current format), and a LogVerifier resumes from it.
#include "core/audit/audit_state_codec.h"
#include "core/audit/log_verifier.h"
#include "core/codec/wire.h"
#include "core/crypto/sha256.h"
#include "tests/fuzz/fuzz_check.h"

using namespace gongkai;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  Bytes in = fuzz::InputBytes(data, size);
  Hash32 sum = Sha256(in);
  in.insert(in.end(), sum.begin(), sum.end());
  Result<AuditState> st = DecodeAuditState(in);
  if (!st.ok()) {
    FUZZ_CHECK(!st.status().reason().empty(), "an error without a reason");
    return 0;
  }
  Bytes again = EncodeAuditState(*st);
  Result<AuditState> back = DecodeAuditState(again);
  FUZZ_CHECK(back.ok(), back.ok() ? "" : fuzz::Why(back.status()));
  FUZZ_CHECK(EncodeAuditState(*back) == again, "state bytes changed after a round trip");
  // A state of format 1 or 2 (before roster / policy records) is still read and written
  // back as the current format; one of the current format must come back
  // byte for byte. The format is the u16 after the magic string.
  WireReader header(in.data(), in.size());
  std::string magic;
  uint16_t format = 0;
  header.Str(&magic, 64, "magic");
  header.U16(&format);
  if (format == kAuditStateFormat) {
    FUZZ_CHECK(again == in, "re-encoding differs from the accepted state");
  }
  Result<LogVerifier> v = LogVerifier::LoadState(in);
  FUZZ_CHECK(v.ok(), v.ok() ? "" : fuzz::Why(v.status()));
  return 0;
}
