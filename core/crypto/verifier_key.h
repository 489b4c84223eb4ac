// C2SP signed-note verifier keys for Ed25519:
//   name + "+" + hex8(keyid) + "+" + base64(type || pub32)
//   keyid = first 4 bytes of SHA-256(name || 0x0A || type || pub32)
// type 0x01: Ed25519 note signatures (log, stations, administrators);
// type 0x04: C2SP tlog-cosignature cosignature/v1 (witnesses, see
// core/log/cosignature.h). The name ends at the first '+', the key id at the
// second; the base64 after it may itself hold '+'.
// See docs/formats/keys.md.
#pragma once

#include <string>
#include <string_view>

#include "core/base/status.h"
#include "core/crypto/ed25519.h"

namespace gongkai {

inline constexpr uint8_t kEd25519KeyType = 0x01;
inline constexpr uint8_t kCosignatureV1KeyType = 0x04;

struct VerifierKey {
  std::string name;
  uint32_t key_id = 0;
  PublicKey key{};
  uint8_t type = kEd25519KeyType;

  std::string ToString() const;
};

uint32_t C2spKeyId(std::string_view name, const PublicKey& key, uint8_t type = kEd25519KeyType);
VerifierKey MakeVerifierKey(std::string_view name, const PublicKey& key,
                            uint8_t type = kEd25519KeyType);
// Checks the name (no '+', no whitespace, non-empty), the algorithm byte
// (must be `type`), the length and that the key id matches the key.
Result<VerifierKey> ParseVerifierKey(std::string_view text, uint8_t type = kEd25519KeyType);

}  // namespace gongkai
