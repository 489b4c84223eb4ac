#include "core/crypto/sha256.h"

#include <openssl/evp.h>

#include <cstdlib>

namespace gongkai {

Hash32 Sha256(const uint8_t* data, size_t len) {
  Hash32 out;
  unsigned int out_len = 0;
  if (EVP_Digest(data, len, out.data(), &out_len, EVP_sha256(), nullptr) != 1) std::abort();
  return out;
}

Sha256Hasher::Sha256Hasher() : ctx_(EVP_MD_CTX_new()) {
  if (!ctx_ || EVP_DigestInit_ex(static_cast<EVP_MD_CTX*>(ctx_), EVP_sha256(), nullptr) != 1) {
    std::abort();
  }
}

Sha256Hasher::~Sha256Hasher() { EVP_MD_CTX_free(static_cast<EVP_MD_CTX*>(ctx_)); }

void Sha256Hasher::Update(const uint8_t* data, size_t len) {
  EVP_DigestUpdate(static_cast<EVP_MD_CTX*>(ctx_), data, len);
}

Hash32 Sha256Hasher::Finish() {
  Hash32 out;
  unsigned int out_len = 0;
  EVP_DigestFinal_ex(static_cast<EVP_MD_CTX*>(ctx_), out.data(), &out_len);
  return out;
}

}  // namespace gongkai
