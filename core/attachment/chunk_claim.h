// What a station signs for each chunk of an attachment upload
// (docs/formats/attachment-upload.md, golden bytes in
// tests/core/attachment/chunk_claim_test.cc):
//
//   "gongkai attachment chunk v1\n"
//   STATION "\n"            ; the station id
//   SHA256 "\n"             ; 64 lowercase hex: the whole file
//   MEDIA_TYPE "\n"         ; e.g. image/jpeg
//   SIZE "\n"               ; decimal: bytes of the whole file
//   OFFSET "\n"             ; decimal: where this chunk starts
//   LENGTH "\n"             ; decimal: bytes in this chunk
//   CHUNK_SHA256 "\n"       ; 64 lowercase hex: SHA-256 of this chunk
//
// Ed25519 over these bytes with the station's enrolled key. The first line
// separates it from every other message a station signs (change-set
// envelopes are binary and start with their own domain string).
#pragma once

#include <cstdint>
#include <string>

#include "core/base/bytes.h"

namespace gongkai {

struct ChunkClaim {
  std::string station;
  Hash32 sha256{};
  std::string media_type;
  uint64_t size = 0;
  uint64_t offset = 0;
  uint64_t length = 0;
  Hash32 chunk_sha256{};
};

std::string ChunkSigningMessage(const ChunkClaim& c);

}  // namespace gongkai
