// Fuzz target: change set bodies (core/changeset/changeset.h), the bytes a
// station signs and the hub stores and logs.
//
// Properties for every accepted body: it passes ValidateChangeSet, and
// EncodeChangeSet gives back exactly the input bytes (the change set id is
// SHA-256 of the body, so two encodings of one change set would give it two
// ids).
#include "core/changeset/changeset.h"
#include "tests/fuzz/fuzz_check.h"

using namespace gongkai;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  Bytes in = fuzz::InputBytes(data, size);
  Result<ChangeSet> cs = DecodeChangeSet(in);
  if (!cs.ok()) {
    FUZZ_CHECK(!cs.status().reason().empty(), "an error without a reason");
    return 0;
  }
  Status valid = ValidateChangeSet(*cs);
  FUZZ_CHECK(valid.ok(), fuzz::Why(valid));
  Bytes again = EncodeChangeSet(*cs);
  FUZZ_CHECK(again == in, "re-encoding differs from the accepted body");
  Result<ChangeSet> back = DecodeChangeSet(again);
  FUZZ_CHECK(back.ok() && *back == *cs, "re-decoding differs");
  FUZZ_CHECK(ChangeSetId(again) == ChangeSetId(in), "id changed");
  return 0;
}
