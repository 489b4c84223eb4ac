// C2SP tlog-cosignature (https://c2sp.org/tlog-cosignature) cosignature/v1:
// a witness's timestamped Ed25519 note signature over a checkpoint.
// See docs/formats/cosignature.md.
//
//   key      = C2SP verifier key of type 0x04 (verifier_key.h):
//              name+hex8(keyid)+base64(0x04 || pub32),
//              keyid = SHA-256(name || 0x0A || 0x04 || pub32)[:4]
//   message  = "cosignature/v1\n" "time " decimal(timestamp) "\n"
//              || the whole checkpoint note text (every line, extension
//                 lines included, with its final newline; no signatures)
//   line     = "— " name " " base64(keyid[4] || timestamp[8, big-endian]
//                                   || Ed25519(message)[64]) "\n"
//
// timestamp is POSIX seconds, at most 2^63 - 1, decimal without leading
// zeros. A cosignature line is an ordinary signed-note signature line: a
// reader that does not know the witness key ignores it (note.h), so
// checkpoints carrying cosignatures stay readable by older readers.
//
// Failure reasons:
//   bad_key_name, bad_timestamp                      (kInvalidArgument)
//   bad_cosignature                                  (kUnauthenticated)
//   and the reasons of ParseNote (note.h).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/status.h"
#include "core/crypto/ed25519.h"
#include "core/crypto/verifier_key.h"
#include "core/log/note.h"

namespace gongkai {

inline constexpr uint64_t kMaxCosignatureTimestamp = (uint64_t{1} << 63) - 1;

// The bytes that are signed. `checkpoint_text` ends in "\n".
std::string CosignatureMessage(std::string_view checkpoint_text, uint64_t timestamp);

// One signature line ("— name base64(...)\n") cosigning `checkpoint_text`
// with the witness key `key` named `name`, at `timestamp`.
Result<std::string> Cosign(std::string_view checkpoint_text, std::string_view name,
                           const PrivateKey& key, uint64_t timestamp);

struct Cosignature {
  VerifierKey witness;  // type 0x04
  uint64_t timestamp = 0;
  bool operator==(const Cosignature&) const = default;
};

// The cosignatures in `note` by the witnesses given (type 0x04 keys),
// matched by name and key id; lines by other keys are ignored and only the
// first line of a witness counts. A line by a known witness that does not
// verify (wrong length, bad signature, timestamp over 2^63 - 1) fails the
// whole note with bad_cosignature: a broken cosignature is evidence, never
// silently skipped.
Result<std::vector<Cosignature>> VerifyCosignatures(const ParsedNote& note,
                                                    std::span<const VerifierKey> witnesses);

// The signature lines of `note` (a signed note) followed by `lines`, each of
// which must be a signature line; a line already present is not repeated.
// Used to carry cosignatures inside the log's checkpoint note.
Result<std::string> AddSignatureLines(std::string_view note, std::string_view lines);

}  // namespace gongkai
