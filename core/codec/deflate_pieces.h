// One zlib stream (docs/formats/deflate.md) sent as pieces compressed
// apart, so a large part that many answers share is compressed once and
// the rest of each answer costs only its own bytes
// (docs/formats/deflate.md § Pieces; docs/decisions/0016-cached-snapshot-answer.md):
//
//   stream := ZlibHeader()
//             DeflatePiece(a).data  DeflatePiece(b).data  ...   ; not final
//             DeflateLastPiece(z).data                          ; final block
//             AdlerTrailer(adler of a‖b‖…‖z)
//
// A piece is raw RFC 1951 deflate data that starts with a fresh coder
// (no distance reaches before its first byte) and ends with a sync flush
// (an empty stored block), so it ends on a byte boundary with no final
// block: pieces concatenate. The Adler-32 of the whole is combined from
// the pieces' own (Adler32Combine), so no piece is read twice.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace gongkai {

struct DeflatedPiece {
  std::string data;    // raw deflate data
  uint32_t adler = 1;  // Adler-32 of the uncompressed bytes
  uint64_t size = 0;   // how many uncompressed bytes
};

// Compresses a piece incrementally: Add() as often as needed, then
// Finish(). Memory: the coder's state (about 256 KiB) and the output.
class PieceDeflater {
 public:
  explicit PieceDeflater(bool last = false);
  ~PieceDeflater();
  PieceDeflater(const PieceDeflater&) = delete;
  PieceDeflater& operator=(const PieceDeflater&) = delete;
  void Add(std::string_view bytes);
  DeflatedPiece Finish();

 private:
  struct Impl;
  Impl* impl_;
};

// A piece that others may follow.
DeflatedPiece DeflatePiece(std::string_view input);
// The piece that ends the deflate data (its last block is final).
DeflatedPiece DeflateLastPiece(std::string_view input);

// The two header bytes Deflate() writes (0x78 0x9C).
std::string ZlibHeader();
// The 4-byte big-endian Adler-32 trailer.
std::string AdlerTrailer(uint32_t adler);

// Adler-32 of A‖B from adler(A), adler(B) and B's length (zlib's
// adler32_combine).
uint32_t Adler32Combine(uint32_t adler_a, uint32_t adler_b, uint64_t size_b);

}  // namespace gongkai
