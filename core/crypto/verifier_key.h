// C2SP signed-note verifier keys for Ed25519:
//   name + "+" + hex8(keyid) + "+" + base64(0x01 || pub32)
//   keyid = first 4 bytes of SHA-256(name || 0x0A || 0x01 || pub32)
// See docs/formats/keys.md.
#pragma once

#include <string>
#include <string_view>

#include "core/base/status.h"
#include "core/crypto/ed25519.h"

namespace gongkai {

struct VerifierKey {
  std::string name;
  uint32_t key_id = 0;
  PublicKey key{};

  std::string ToString() const;
};

uint32_t C2spKeyId(std::string_view name, const PublicKey& key);
VerifierKey MakeVerifierKey(std::string_view name, const PublicKey& key);
// Checks the name (no '+', no whitespace, non-empty), the algorithm byte,
// the length and that the key id matches the key.
Result<VerifierKey> ParseVerifierKey(std::string_view text);

}  // namespace gongkai
