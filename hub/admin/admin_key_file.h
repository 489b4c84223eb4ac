// An administrator's Ed25519 key encrypted with the administrator's
// password: D/admins/NAME.key.enc, mode 0600, 127 bytes, laid out byte by
// byte in docs/formats/admin-key.md:
//
//   off len
//     0   8  magic "GKADMKEY"
//     8   1  format version 0x01
//     9   1  KDF 0x01 = scrypt
//    10   1  log2(N)
//    11   4  r, big-endian
//    15   4  p, big-endian
//    19  16  salt (random)
//    35  32  password hash  = scrypt(password, salt, N, r, p, 64 bytes)[0, 32)
//    67  12  nonce (random)
//    79  32  ciphertext     = AES-256-GCM(key = scrypt(...)[32, 64), iv = nonce,
//                                         aad = bytes [0, 79), the 32-byte Ed25519 seed)
//   111  16  GCM tag
//
// The password hash lets sign-in check a password (constant-time compare)
// before touching the key; the key itself is only ever in memory.
#pragma once

#include <array>
#include <string>

#include "core/base/bytes.h"
#include "core/base/status.h"
#include "core/crypto/ed25519.h"
#include "hub/admin/password_kdf.h"
#include "hub/store/hub_paths.h"

namespace gongkai::hub {

inline constexpr size_t kAdminKeyFileSize = 127;
inline constexpr size_t kAdminKeyAadSize = 79;

struct AdminKeyFile {
  ScryptParams params;
  std::array<uint8_t, 16> salt{};
  Hash32 password_hash{};
  std::array<uint8_t, 12> nonce{};
  std::array<uint8_t, 32> ciphertext{};
  std::array<uint8_t, 16> tag{};
};

// D/admins/NAME.key.enc
std::string AdminEncryptedKeyPath(const HubPaths& paths, const std::string& name);

Bytes EncodeAdminKeyFile(const AdminKeyFile& f);
// Reasons (DataLoss unless said): not_admin_key_file (wrong size or magic),
// unsupported_format (version or KDF), bad_kdf_params (InvalidArgument).
Result<AdminKeyFile> DecodeAdminKeyFile(const Bytes& bytes);

// Encrypts `key` under `password` with the given salt and nonce (tests pin
// the bytes with these) or fresh random ones.
Result<AdminKeyFile> SealAdminKey(const PrivateKey& key, const std::string& password,
                                  const ScryptParams& params, const std::array<uint8_t, 16>& salt,
                                  const std::array<uint8_t, 12>& nonce);
Result<AdminKeyFile> SealAdminKey(const PrivateKey& key, const std::string& password,
                                  const ScryptParams& params = {});

// The key, if `password` is right. Reasons: wrong_password
// (Unauthenticated), admin_key_corrupt (DataLoss: the hash matched but the
// ciphertext does not decrypt), kdf reasons.
Result<PrivateKey> UnlockAdminKey(const AdminKeyFile& f, const std::string& password);

// Reads D/admins/NAME.key.enc; refuses group/other permission bits like
// the plaintext key (key_permissions). NotFound "no_admin_key" if absent.
Result<AdminKeyFile> LoadAdminKeyFile(const std::string& path);
// Writes atomically with mode 0600 (replacing an older file).
Status SaveAdminKeyFile(const std::string& path, const AdminKeyFile& f);

// The 32-byte RFC 8032 seed of a key (what the file encrypts).
Result<Bytes> PrivateKeySeed(const PrivateKey& key);

}  // namespace gongkai::hub
