// C2SP signed notes (https://c2sp.org/signed-note) with Ed25519 keys.
// See docs/formats/checkpoint.md.
//
//   note      = text "\n" 1*sig-line            (at most 1 MiB)
//   text      = one or more lines, each ending in "\n"
//   sig-line  = "— " name " " base64(key_id[4, big-endian] || signature) "\n"
//               ("— " is U+2014 EM DASH, U+0020 SPACE: bytes E2 80 94 20)
//
// The whole note must be valid UTF-8 without ASCII control characters
// (U+0000..U+001F) other than newline. The Ed25519 signature covers the text
// bytes exactly, including the text's final newline and excluding the blank
// line. The text ends at the last "\n\n" of the note. Key names are
// non-empty, contain no Unicode white space and no '+'. At most 100
// signature lines.
//
// Opening a note (as Go's golang.org/x/mod/sumdb/note.Open): signatures by
// keys not in the known set (matched by name and key id) are ignored; a
// signature by a known key that does not verify rejects the whole note;
// at least one known key must have signed.
//
// Failure reasons:
//   note_too_large, too_many_signatures            (kResourceExhausted)
//   note_not_utf8, note_control_character, note_text_unterminated,
//   note_missing_signatures, signature_block_unterminated,
//   bad_signature_line, bad_key_name, bad_signature_base64,
//   signature_too_short, no_signers                (kInvalidArgument)
//   bad_signature, no_known_signature              (kUnauthenticated)
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/bytes.h"
#include "core/base/status.h"
#include "core/crypto/ed25519.h"
#include "core/crypto/verifier_key.h"

namespace gongkai {

inline constexpr size_t kMaxNoteBytes = size_t{1} << 20;
inline constexpr size_t kMaxNoteSignatures = 100;
inline constexpr std::string_view kNoteSignaturePrefix = "\xE2\x80\x94 ";  // "— "

struct NoteSigner {
  std::string name;
  PrivateKey key;
};

// One signature line, not verified.
struct NoteSignature {
  std::string name;
  uint32_t key_id = 0;
  Bytes signature;  // without the key id
};

struct ParsedNote {
  std::string text;  // ends in "\n"
  std::vector<NoteSignature> signatures;
};

struct OpenedNote {
  std::string text;
  std::vector<VerifierKey> verified_by;   // known keys whose signature verified
  std::vector<NoteSignature> unverified;  // signatures by unknown keys
};

// Non-empty, valid UTF-8, no Unicode white space, no '+', no control chars.
bool IsValidKeyName(std::string_view name);

// Checks the text alone: ends in "\n", valid UTF-8, no control character
// other than newline.
Status ValidateNoteText(std::string_view text);

// text + "\n" + one signature line per signer, in order.
Result<std::string> SignNote(std::string_view text, std::span<const NoteSigner> signers);
Result<std::string> SignNote(std::string_view text, std::string_view name, const PrivateKey& key);

// key id (4 bytes, big-endian) ‖ signature: what a signature line carries
// in base64 after the name.
Bytes SignatureBytes(const NoteSignature& sig);
// Its inverse for `name`'s signature; nullopt when shorter than 5 bytes.
std::optional<NoteSignature> SignatureFromBytes(std::string name, const Bytes& raw);
// text + "\n" + one signature line per signature, in order — the inverse of
// ParseNote for every note it accepts. No checks: the caller's text and
// names are valid.
std::string AssembleNote(std::string_view text, std::span<const NoteSignature> signatures);

// Splits a note into text and signature lines and checks the syntax; does
// not verify any signature.
Result<ParsedNote> ParseNote(std::string_view note);

// ParseNote, then verification against the known keys (see above).
Result<OpenedNote> OpenNote(std::string_view note, std::span<const VerifierKey> known);

}  // namespace gongkai
