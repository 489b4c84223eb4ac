// Fuzz target: checkpoint bodies (core/log/checkpoint.h), the text a hub
// signs and every station and auditor parses.
//
// Properties for every accepted body: it passes ValidateCheckpoint,
// FormatCheckpointBody gives back exactly the input (the parser is the
// strict inverse the header promises), and a note signed over it opens
// with the signer's key to the same checkpoint.
#include "core/log/checkpoint.h"
#include "tests/fuzz/fuzz_check.h"
#include "tests/fuzz/sample_log.h"

using namespace gongkai;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view body = fuzz::InputText(data, size);
  Result<Checkpoint> cp = ParseCheckpointBody(body);
  if (!fuzz::Accepted(cp)) return 0;
  Status valid = ValidateCheckpoint(*cp);
  FUZZ_CHECK(valid.ok(), fuzz::Why(valid));
  FUZZ_CHECK(FormatCheckpointBody(*cp) == body, "formatting differs from the accepted body");

  const PrivateKey& key = fuzz::KeyFor(cp->origin);
  Result<std::string> note = SignCheckpoint(*cp, cp->origin, key);
  FUZZ_CHECK(note.ok(), note.ok() ? "" : fuzz::Why(note.status()));
  Result<Checkpoint> opened =
      OpenCheckpoint(*note, MakeVerifierKey(cp->origin, key.public_key()), cp->origin);
  FUZZ_CHECK(opened.ok(), opened.ok() ? "" : fuzz::Why(opened.status()));
  FUZZ_CHECK(*opened == *cp, "opened checkpoint differs");
  return 0;
}
