#include "core/base/uuid.h"

#include <openssl/rand.h>

#include <cstdlib>

#include "core/base/hex.h"

namespace gongkai {

std::string NewUuid() {
  uint8_t b[16];
  if (RAND_bytes(b, sizeof b) != 1) std::abort();
  b[6] = static_cast<uint8_t>((b[6] & 0x0f) | 0x40);  // version 4
  b[8] = static_cast<uint8_t>((b[8] & 0x3f) | 0x80);  // RFC 4122 variant
  std::string h = HexEncode(b, sizeof b);
  return h.substr(0, 8) + "-" + h.substr(8, 4) + "-" + h.substr(12, 4) + "-" + h.substr(16, 4) +
         "-" + h.substr(20, 12);
}

}  // namespace gongkai
