// C2SP tlog-checkpoint v1.0.0 (https://c2sp.org/tlog-checkpoint) bodies with
// exactly one Gongkai extension line, signed as C2SP signed notes.
// See docs/formats/checkpoint.md.
//
//   <origin>\n                                  key-name syntax (see note.h)
//   <tree size>\n                               ASCII decimal, no leading zeros
//   <base64(root hash, 32 bytes)>\n             RFC 4648 §4, padded
//   gongkai-catalog <version> <catalog hash>\n  decimal, no leading zeros;
//                                               64 lowercase hex digits
//
// Failure reasons (kInvalidArgument unless noted):
//   checkpoint_not_utf8, checkpoint_control_character, checkpoint_unterminated,
//   checkpoint_truncated, bad_origin, bad_tree_size, bad_root_hash,
//   empty_extension_line, unknown_extension, duplicate_extension,
//   bad_catalog_extension, missing_catalog_extension,
//   origin_mismatch (kUnauthenticated), and the reasons of note.h.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/bytes.h"
#include "core/base/status.h"
#include "core/crypto/ed25519.h"
#include "core/crypto/verifier_key.h"

namespace gongkai {

inline constexpr std::string_view kCatalogExtensionKeyword = "gongkai-catalog";

struct Checkpoint {
  std::string origin;
  uint64_t size = 0;
  Hash32 root{};
  uint64_t catalog_version = 0;
  Hash32 catalog_hash{};

  bool operator==(const Checkpoint&) const = default;
};

// The three lines every C2SP checkpoint has, whatever its extension lines
// (what a witness checks, docs/formats/witness.md).
struct CheckpointHead {
  std::string origin;
  uint64_t size = 0;
  Hash32 root{};
  std::vector<std::string_view> lines;  // every line of the body, into the parsed text
};
// Checks the encoding, the first three lines and that no extension line is
// empty; extension lines are not interpreted.
Result<CheckpointHead> ParseCheckpointHead(std::string_view body);

// The origin must be a valid key name (IsValidKeyName in note.h).
Status ValidateCheckpoint(const Checkpoint& cp);

// The body bytes. Precondition: ValidateCheckpoint(cp).ok().
std::string FormatCheckpointBody(const Checkpoint& cp);
// Strict inverse of FormatCheckpointBody: FormatCheckpointBody(result) == body.
Result<Checkpoint> ParseCheckpointBody(std::string_view body);

// A signed note whose text is the checkpoint body, signed by `name`.
Result<std::string> SignCheckpoint(const Checkpoint& cp, std::string_view name,
                                   const PrivateKey& key);
// Verifies the note with `verifier` (OpenNote), parses the body and checks
// that its origin is `expected_origin`.
Result<Checkpoint> OpenCheckpoint(std::string_view note, const VerifierKey& verifier,
                                  std::string_view expected_origin);

}  // namespace gongkai
