#include "core/attachment/chunk_claim.h"

#include "core/base/hex.h"

namespace gongkai {

std::string ChunkSigningMessage(const ChunkClaim& c) {
  std::string m = "gongkai attachment chunk v1\n";
  m += c.station + "\n";
  m += HexEncode(c.sha256) + "\n";
  m += c.media_type + "\n";
  m += std::to_string(c.size) + "\n";
  m += std::to_string(c.offset) + "\n";
  m += std::to_string(c.length) + "\n";
  m += HexEncode(c.chunk_sha256) + "\n";
  return m;
}

}  // namespace gongkai
