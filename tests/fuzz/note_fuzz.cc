// Fuzz target: C2SP signed notes (core/log/note.h) as served by
// GET /v1/checkpoint, and opening them as checkpoints.
//
// Properties for every note ParseNote accepts: its text is valid note text,
// every signer name is a valid key name, and text + "\n" + the signature
// lines written back from the parsed values give exactly the input.
// OpenNote and OpenCheckpoint (with the sample log's key, and with a key
// named like the first signature) never crash and agree with ParseNote.
#include <span>

#include "core/base/base64.h"
#include "core/log/checkpoint.h"
#include "core/log/note.h"
#include "tests/fuzz/fuzz_check.h"
#include "tests/fuzz/sample_log.h"

using namespace gongkai;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text = fuzz::InputText(data, size);
  Result<ParsedNote> parsed = ParseNote(text);
  VerifierKey sample = MakeVerifierKey(fuzz::kOrigin, fuzz::KeyFor(fuzz::kOrigin).public_key());
  if (!parsed.ok()) {
    FUZZ_CHECK(!parsed.status().reason().empty(), "an error without a reason");
    Result<OpenedNote> opened = OpenNote(text, std::span<const VerifierKey>(&sample, 1));
    FUZZ_CHECK(!opened.ok(), "OpenNote accepted a note ParseNote refused");
    return 0;
  }
  Status valid = ValidateNoteText(parsed->text);
  FUZZ_CHECK(valid.ok(), fuzz::Why(valid));
  FUZZ_CHECK(!parsed->signatures.empty(), "a note without signatures");
  std::string rebuilt = parsed->text + "\n";
  for (const NoteSignature& sig : parsed->signatures) {
    FUZZ_CHECK(IsValidKeyName(sig.name), "accepted a bad key name");
    Bytes raw = {static_cast<uint8_t>(sig.key_id >> 24), static_cast<uint8_t>(sig.key_id >> 16),
                 static_cast<uint8_t>(sig.key_id >> 8), static_cast<uint8_t>(sig.key_id)};
    raw.insert(raw.end(), sig.signature.begin(), sig.signature.end());
    rebuilt += std::string(kNoteSignaturePrefix) + sig.name + " " + Base64Encode(raw) + "\n";
  }
  FUZZ_CHECK(rebuilt == text, "the parsed note does not write back to the input");

  VerifierKey named = MakeVerifierKey(parsed->signatures[0].name,
                                      fuzz::KeyFor(parsed->signatures[0].name).public_key());
  VerifierKey known[] = {sample, named};
  (void)OpenNote(text, known);
  (void)OpenCheckpoint(text, sample, fuzz::kOrigin);
  return 0;
}
