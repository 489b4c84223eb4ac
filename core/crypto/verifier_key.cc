#include "core/crypto/verifier_key.h"

#include <cstdio>

#include "core/base/base64.h"
#include "core/base/hex.h"
#include "core/base/utf8.h"
#include "core/crypto/sha256.h"

namespace gongkai {

uint32_t C2spKeyId(std::string_view name, const PublicKey& key, uint8_t type) {
  Sha256Hasher h;
  h.Update(name);
  const uint8_t sep[2] = {0x0A, type};
  h.Update(sep, 2);
  h.Update(key.data(), key.size());
  Hash32 d = h.Finish();
  return uint32_t(d[0]) << 24 | uint32_t(d[1]) << 16 | uint32_t(d[2]) << 8 | d[3];
}

VerifierKey MakeVerifierKey(std::string_view name, const PublicKey& key, uint8_t type) {
  return VerifierKey{std::string(name), C2spKeyId(name, key, type), key, type};
}

std::string VerifierKey::ToString() const {
  char id[9];
  std::snprintf(id, sizeof id, "%08x", key_id);
  Bytes raw;
  raw.push_back(type);
  raw.insert(raw.end(), key.begin(), key.end());
  return name + "+" + id + "+" + Base64Encode(raw);
}

Result<VerifierKey> ParseVerifierKey(std::string_view text, uint8_t type) {
  auto bad = [](const std::string& why) {
    return InvalidArgument("bad_verifier_key", "验证公钥格式错误 (bad verifier key): " + why);
  };
  size_t p1 = text.find('+');
  if (p1 == std::string_view::npos || p1 == 0) return bad("expected name+keyid+key");
  size_t p2 = text.find('+', p1 + 1);
  if (p2 == std::string_view::npos) return bad("expected name+keyid+key");
  std::string_view name = text.substr(0, p1);
  std::string_view id_hex = text.substr(p1 + 1, p2 - p1 - 1);
  std::string_view key_b64 = text.substr(p2 + 1);
  if (!IsValidUtf8(name) || HasControlCharacter(name, false) ||
      name.find(' ') != std::string_view::npos) {
    return bad("invalid name");
  }
  auto id = HexDecode(id_hex);
  if (id_hex.size() != 8 || !id) return bad("key id must be 8 hex digits");
  auto raw = Base64Decode(key_b64);
  if (!raw || raw->size() != 33) return bad("expected an Ed25519 key");
  if ((*raw)[0] != type) {
    return bad(type == kCosignatureV1KeyType && (*raw)[0] == kEd25519KeyType
                   ? "expected a witness (cosignature/v1, type 0x04) key, got a note key (0x01)"
               : type == kEd25519KeyType && (*raw)[0] == kCosignatureV1KeyType
                   ? "expected a note (0x01) key, got a witness (cosignature/v1) key"
                   : "expected an Ed25519 key");
  }
  PublicKey pub;
  std::copy(raw->begin() + 1, raw->end(), pub.begin());
  uint32_t want = uint32_t((*id)[0]) << 24 | uint32_t((*id)[1]) << 16 | uint32_t((*id)[2]) << 8 |
                  (*id)[3];
  VerifierKey vk = MakeVerifierKey(name, pub, type);
  if (vk.key_id != want) return bad("key id does not match the key");
  return vk;
}

}  // namespace gongkai
