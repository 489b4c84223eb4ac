#include "core/crypto/verifier_key.h"

#include <cstdio>

#include "core/base/base64.h"
#include "core/base/hex.h"
#include "core/base/utf8.h"
#include "core/crypto/sha256.h"

namespace gongkai {

uint32_t C2spKeyId(std::string_view name, const PublicKey& key) {
  Sha256Hasher h;
  h.Update(name);
  const uint8_t sep[2] = {0x0A, 0x01};
  h.Update(sep, 2);
  h.Update(key.data(), key.size());
  Hash32 d = h.Finish();
  return uint32_t(d[0]) << 24 | uint32_t(d[1]) << 16 | uint32_t(d[2]) << 8 | d[3];
}

VerifierKey MakeVerifierKey(std::string_view name, const PublicKey& key) {
  return VerifierKey{std::string(name), C2spKeyId(name, key), key};
}

std::string VerifierKey::ToString() const {
  char id[9];
  std::snprintf(id, sizeof id, "%08x", key_id);
  Bytes raw;
  raw.push_back(0x01);
  raw.insert(raw.end(), key.begin(), key.end());
  return name + "+" + id + "+" + Base64Encode(raw);
}

Result<VerifierKey> ParseVerifierKey(std::string_view text) {
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
  if (!raw || raw->size() != 33 || (*raw)[0] != 0x01) return bad("expected an Ed25519 key");
  PublicKey pub;
  std::copy(raw->begin() + 1, raw->end(), pub.begin());
  uint32_t want = uint32_t((*id)[0]) << 24 | uint32_t((*id)[1]) << 16 | uint32_t((*id)[2]) << 8 |
                  (*id)[3];
  VerifierKey vk = MakeVerifierKey(name, pub);
  if (vk.key_id != want) return bad("key id does not match the key");
  return vk;
}

}  // namespace gongkai
