// Ed25519 keys, signatures and PEM files through OpenSSL 3 EVP.
// Private keys are written as PKCS#8 PEM with file mode 0600 (atomic
// write: temp file, fsync, rename) and are never printed or logged.
#pragma once

#include <array>
#include <memory>
#include <string>

#include "core/base/bytes.h"
#include "core/base/status.h"

namespace gongkai {

using PublicKey = std::array<uint8_t, 32>;
using Signature = std::array<uint8_t, 64>;

class PrivateKey {
 public:
  // A fresh random key.
  static Result<PrivateKey> Generate();
  // The key whose 32-byte seed (RFC 8032 private key) is given.
  static Result<PrivateKey> FromSeed(const Bytes& seed32);
  static Result<PrivateKey> LoadPem(const std::string& path);

  // Writes the key as PKCS#8 PEM, mode 0600, refusing to overwrite.
  Status SavePem(const std::string& path) const;
  std::string ToPem() const;
  static Result<PrivateKey> FromPem(const std::string& pem);

  PublicKey public_key() const { return public_key_; }
  Signature Sign(const uint8_t* msg, size_t len) const;
  Signature Sign(const Bytes& msg) const { return Sign(msg.data(), msg.size()); }

 private:
  struct Deleter {
    void operator()(void* p) const;
  };
  explicit PrivateKey(void* pkey);
  std::shared_ptr<void> pkey_;  // EVP_PKEY, shared so copies are cheap
  PublicKey public_key_{};
};

// True iff sig is a valid Ed25519 signature of msg by key. Parsed keys are
// cached (one EVP_PKEY per key, shared by all threads); a check verified
// in advance by a SignatureBatch in scope on this thread is answered from
// it (core/crypto/signature_batch.h).
bool Ed25519Verify(const PublicKey& key, const uint8_t* msg, size_t len, const Signature& sig);
inline bool Ed25519Verify(const PublicKey& key, const Bytes& msg, const Signature& sig) {
  return Ed25519Verify(key, msg.data(), msg.size(), sig);
}

// Public key as SubjectPublicKeyInfo PEM (for `openssl pkeyutl -verify`).
std::string PublicKeyPem(const PublicKey& key);

}  // namespace gongkai
