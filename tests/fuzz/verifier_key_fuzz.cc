// Fuzz target: C2SP verifier keys (core/crypto/verifier_key.h), given on
// the command line and in station.conf (hub_key) and typed by people.
//
// Properties for every accepted key: its name is a valid key name, its key
// id is the one its name and key imply, and ToString() parses back to the
// same key. (Not byte for byte: the key id's hex digits may be upper case,
// as Go's golang.org/x/mod/sumdb/note accepts too; ToString() writes lower
// case. Keys are compared as values, never as text.)
#include "core/crypto/verifier_key.h"
#include "core/log/note.h"
#include "tests/fuzz/fuzz_check.h"

using namespace gongkai;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text = fuzz::InputText(data, size);
  Result<VerifierKey> k = ParseVerifierKey(text);
  if (!fuzz::Accepted(k)) return 0;
  FUZZ_CHECK(IsValidKeyName(k->name), "accepted a bad key name");
  FUZZ_CHECK(k->key_id == C2spKeyId(k->name, k->key), "key id does not match name and key");
  Result<VerifierKey> again = ParseVerifierKey(k->ToString());
  FUZZ_CHECK(again.ok(), "ToString of an accepted key does not parse");
  FUZZ_CHECK(again->name == k->name && again->key_id == k->key_id && again->key == k->key,
             "ToString parses to another key");
  return 0;
}
