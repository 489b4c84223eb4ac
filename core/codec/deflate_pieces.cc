#include "core/codec/deflate_pieces.h"

#include <boost/beast/zlib/deflate_stream.hpp>
#include <stdexcept>

#include "core/codec/deflate.h"

namespace gongkai {
namespace {

namespace zlib = boost::beast::zlib;

// As Deflate() (core/codec/deflate.cc): level 6, 32 KiB window.
constexpr int kLevel = 6;
constexpr int kWindowBits = 15;
constexpr int kMemLevel = 8;
constexpr uint32_t kAdlerMod = 65521;

}  // namespace

struct PieceDeflater::Impl {
  zlib::deflate_stream ds;
  bool last = false;
  DeflatedPiece out;

  // Runs the coder over `input` with `flush`, growing the output.
  void Write(std::string_view input, zlib::Flush flush) {
    zlib::z_params zs;
    zs.next_in = input.data();
    zs.avail_in = input.size();
    for (;;) {
      size_t used = out.data.size();
      out.data.resize(used + std::max<size_t>(input.size() / 2, 64 * 1024));
      zs.next_out = out.data.data() + used;
      zs.avail_out = out.data.size() - used;
      boost::beast::error_code ec;
      ds.write(zs, flush, ec);
      out.data.resize(out.data.size() - zs.avail_out);
      if (ec == zlib::error::end_of_stream) return;
      if (ec && ec != zlib::error::need_buffers) {
        throw std::logic_error("deflate_stream: " + ec.message());  // a bug, not input
      }
      // Done when the input is taken and the coder had room to spare.
      if (zs.avail_in == 0 && zs.avail_out > 0 && flush == zlib::Flush::none) return;
      if (zs.avail_in == 0 && zs.avail_out > 0 && flush == zlib::Flush::sync) return;
    }
  }
};

PieceDeflater::PieceDeflater(bool last) : impl_(new Impl) {
  impl_->ds.reset(kLevel, kWindowBits, kMemLevel, zlib::Strategy::normal);
  impl_->last = last;
}

PieceDeflater::~PieceDeflater() { delete impl_; }

void PieceDeflater::Add(std::string_view bytes) {
  if (bytes.empty()) return;
  impl_->out.adler = Adler32(bytes, impl_->out.adler);
  impl_->out.size += bytes.size();
  impl_->Write(bytes, zlib::Flush::none);
}

DeflatedPiece PieceDeflater::Finish() {
  impl_->Write({}, impl_->last ? zlib::Flush::finish : zlib::Flush::sync);
  impl_->out.data.shrink_to_fit();
  return std::move(impl_->out);
}

DeflatedPiece DeflatePiece(std::string_view input) {
  PieceDeflater d;
  d.Add(input);
  return d.Finish();
}

DeflatedPiece DeflateLastPiece(std::string_view input) {
  PieceDeflater d(/*last=*/true);
  d.Add(input);
  return d.Finish();
}

std::string ZlibHeader() { return std::string("\x78\x9c", 2); }

std::string AdlerTrailer(uint32_t adler) {
  std::string t(4, '\0');
  t[0] = static_cast<char>(adler >> 24);
  t[1] = static_cast<char>(adler >> 16);
  t[2] = static_cast<char>(adler >> 8);
  t[3] = static_cast<char>(adler);
  return t;
}

uint32_t Adler32Combine(uint32_t adler_a, uint32_t adler_b, uint64_t size_b) {
  // zlib 1.2.13 adler32_combine_, in 64-bit arithmetic.
  const uint64_t rem = size_b % kAdlerMod;
  uint64_t sum1 = adler_a & 0xFFFF;
  uint64_t sum2 = (rem * sum1) % kAdlerMod;
  sum1 += (adler_b & 0xFFFF) + kAdlerMod - 1;
  sum2 += ((adler_a >> 16) & 0xFFFF) + ((adler_b >> 16) & 0xFFFF) + kAdlerMod - rem;
  if (sum1 >= kAdlerMod) sum1 -= kAdlerMod;
  if (sum1 >= kAdlerMod) sum1 -= kAdlerMod;
  if (sum2 >= (uint64_t{kAdlerMod} << 1)) sum2 -= (uint64_t{kAdlerMod} << 1);
  if (sum2 >= kAdlerMod) sum2 -= kAdlerMod;
  return static_cast<uint32_t>(sum1 | (sum2 << 16));
}

}  // namespace gongkai
