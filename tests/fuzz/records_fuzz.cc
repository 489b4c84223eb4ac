// Fuzz target: the record bodies carried in envelopes — genesis, enrollment,
// revocation (core/record/{genesis,enrollment,revocation}.h), approval and
// rejection (core/record/decision.h).
//
// Input: one selector byte (value % 5: 0 genesis, 1 enrollment,
// 2 revocation, 3 approval, 4 rejection), then the body. Properties for
// every accepted body: it re-encodes to exactly the input bytes, re-decodes
// to the same value, and passes the record's own Validate* function.
#include "core/record/decision.h"
#include "core/record/enrollment.h"
#include "core/record/genesis.h"
#include "core/record/revocation.h"
#include "tests/fuzz/fuzz_check.h"

using namespace gongkai;

namespace {

template <typename T, typename Decode, typename Encode>
void RoundTrip(const Bytes& body, Decode decode, Encode encode) {
  Result<T> v = decode(body);
  if (!v.ok()) {
    FUZZ_CHECK(!v.status().reason().empty(), "an error without a reason");
    return;
  }
  Bytes again = encode(*v);
  FUZZ_CHECK(again == body, "re-encoding differs from the accepted body");
  Result<T> back = decode(again);
  FUZZ_CHECK(back.ok() && *back == *v, "re-decoding differs");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  Bytes body(data + 1, data + size);
  switch (data[0] % 5) {
    case 0:
      RoundTrip<Genesis>(body, DecodeGenesis, EncodeGenesis);
      if (auto g = DecodeGenesis(body); g.ok()) {
        FUZZ_CHECK(ValidateOrigin(g->origin).ok(), "accepted a bad origin");
        FUZZ_CHECK(ValidateAdminName(g->admin).ok(), "accepted a bad admin name");
      }
      break;
    case 1:
      RoundTrip<Enrollment>(body, DecodeEnrollment, EncodeEnrollment);
      if (auto e = DecodeEnrollment(body); e.ok()) {
        FUZZ_CHECK(ValidateEnrollment(*e).ok(), "accepted an invalid enrollment");
      }
      break;
    case 2:
      RoundTrip<Revocation>(body, DecodeRevocation, EncodeRevocation);
      if (auto r = DecodeRevocation(body); r.ok()) {
        FUZZ_CHECK(ValidateRevocation(*r).ok(), "accepted an invalid revocation");
      }
      break;
    case 3:
      RoundTrip<Approval>(body, DecodeApproval, EncodeApproval);
      break;
    case 4:
      RoundTrip<Rejection>(body, DecodeRejection, EncodeRejection);
      break;
  }
  return 0;
}
