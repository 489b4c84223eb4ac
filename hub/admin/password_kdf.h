// scrypt (RFC 7914) through OpenSSL 3's EVP_KDF "SCRYPT", for administrator
// passwords (docs/formats/admin-key.md). One derivation gives 64 bytes:
// the first 32 are the stored password hash, the last 32 the AES-256-GCM
// key that encrypts the administrator's Ed25519 key. The two halves are
// separate PBKDF2-HMAC-SHA256 output blocks keyed with the password, so
// knowing the stored hash does not give the encryption key.
#pragma once

#include <cstdint>
#include <string>

#include "core/base/bytes.h"
#include "core/base/status.h"

namespace gongkai::hub {

struct ScryptParams {
  uint8_t log2_n = 15;  // N = 2^15: 32 MiB with r = 8, ~0.1 s on a small PC
  uint32_t r = 8;
  uint32_t p = 1;
};

// Limits a file may ask for (a crafted file must not make sign-in take
// minutes or gigabytes): 10 <= log2_n <= 20, 1 <= r <= 32, 1 <= p <= 4.
Status CheckScryptParams(const ScryptParams& params);

struct PasswordKeys {
  Hash32 password_hash{};   // output bytes 0..31
  Hash32 encryption_key{};  // output bytes 32..63
};

// Reasons: bad_kdf_params (InvalidArgument), kdf_failed (Internal).
Result<PasswordKeys> DerivePasswordKeys(const std::string& password, const Bytes& salt,
                                        const ScryptParams& params);

// CRYPTO_memcmp: time independent of where the first difference is.
bool ConstantTimeEqual(const uint8_t* a, const uint8_t* b, size_t n);
bool ConstantTimeEqual(std::string_view a, std::string_view b);

// Fresh random bytes (RAND_bytes); aborts if the generator fails.
Bytes RandomBytes(size_t n);

// Password rules for administrators: 8..256 bytes of valid UTF-8 with no
// control characters. Reasons: password_too_short, password_too_long,
// bad_password_text.
Status CheckNewPassword(const std::string& password);

}  // namespace gongkai::hub
