// SHA-256 of a file read in 64 KiB pieces (bounded memory whatever its
// size), with its size and first bytes for a type sniffer.
#pragma once

#include <cstdint>
#include <string>

#include "core/base/bytes.h"
#include "core/base/status.h"

namespace gongkai {

struct FileDigest {
  Hash32 sha256{};
  uint64_t size = 0;
  std::string head;  // the first up to 16 bytes
};

// NotFound "file_missing"; Unavailable "io_error".
Result<FileDigest> HashFile(const std::string& path);

}  // namespace gongkai
