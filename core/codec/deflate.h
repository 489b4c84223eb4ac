// HTTP `Content-Encoding: deflate` bodies: RFC 1950 zlib streams
// (docs/formats/deflate.md) — a 2-byte header, raw RFC 1951 deflate data,
// and the Adler-32 of the uncompressed bytes, big-endian:
//
//   stream  := CMF FLG deflate-data ADLER32
//   CMF     := 0x78          (method 8 = deflate, 32 KiB window)
//   FLG     := 0x9C          (default level, no preset dictionary,
//                             (CMF*256 + FLG) % 31 == 0)
//   ADLER32 := u32 big-endian Adler-32 of the uncompressed bytes
//
// The raw deflate coder is Boost.Beast's header-only port of zlib
// (boost/beast/zlib), so no new library is linked. Deflate always writes
// exactly the header above at compression level 6; Inflate accepts any
// conforming zlib stream (any window size up to 32 KiB, any FLEVEL) except
// one that needs a preset dictionary.
//
// Inflate failures (Status reasons):
//   bad_compressed_body (InvalidArgument)    bad header, preset dictionary,
//                        malformed deflate data, truncated stream, Adler-32
//                        mismatch, or bytes after the trailer
//   body_too_large      (ResourceExhausted)  the output would exceed
//                        max_output bytes; decoding stops there, so at most
//                        max_output + 1 bytes are ever allocated (a
//                        "decompression bomb" costs nothing)
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/base/bytes.h"
#include "core/base/status.h"

namespace gongkai {

// Compresses `input` into one zlib stream (level 6). Never fails.
std::string Deflate(std::string_view input);
Bytes Deflate(const Bytes& input);

// Decompresses one complete zlib stream, refusing anything else.
Result<std::string> Inflate(std::string_view input, size_t max_output);
Result<Bytes> Inflate(const Bytes& input, size_t max_output);

// Adler-32 (RFC 1950 § 8.2) of `data`, starting from `adler` (1 for a new
// checksum).
uint32_t Adler32(std::string_view data, uint32_t adler = 1);

}  // namespace gongkai
