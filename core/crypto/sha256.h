// SHA-256 through OpenSSL EVP.
#pragma once

#include <string_view>

#include "core/base/bytes.h"

namespace gongkai {

Hash32 Sha256(const uint8_t* data, size_t len);
inline Hash32 Sha256(const Bytes& b) { return Sha256(b.data(), b.size()); }
inline Hash32 Sha256(std::string_view s) {
  return Sha256(reinterpret_cast<const uint8_t*>(s.data()), s.size());
}

// Incremental hashing for data that arrives in pieces.
class Sha256Hasher {
 public:
  Sha256Hasher();
  ~Sha256Hasher();
  Sha256Hasher(const Sha256Hasher&) = delete;
  Sha256Hasher& operator=(const Sha256Hasher&) = delete;

  void Update(const uint8_t* data, size_t len);
  void Update(std::string_view s) {
    Update(reinterpret_cast<const uint8_t*>(s.data()), s.size());
  }
  void Update(const Bytes& b) { Update(b.data(), b.size()); }
  Hash32 Finish();

 private:
  void* ctx_;  // EVP_MD_CTX
};

}  // namespace gongkai
