#include "core/codec/deflate.h"

#include <algorithm>
#include <boost/beast/zlib/deflate_stream.hpp>
#include <boost/beast/zlib/inflate_stream.hpp>
#include <stdexcept>

namespace gongkai {
namespace {

namespace zlib = boost::beast::zlib;

constexpr uint8_t kCmf = 0x78;  // CM 8 (deflate), CINFO 7 (32 KiB window)
constexpr uint8_t kFlg = 0x9C;  // FLEVEL 2 (default), FDICT 0, FCHECK 28
constexpr int kLevel = 6;
constexpr int kWindowBits = 15;
constexpr int kMemLevel = 8;
constexpr size_t kFirstChunk = 64 * 1024;

Status Bad(const std::string& what) {
  return InvalidArgument("bad_compressed_body", "压缩的数据已损坏，无法解压 (" + what + ")");
}

Status TooLarge(size_t max_output) {
  return ResourceExhausted("body_too_large", "解压后的数据超过上限 " +
                                                 std::to_string(max_output) + " 字节");
}

std::string DeflateImpl(const uint8_t* data, size_t size) {
  zlib::deflate_stream ds;
  ds.reset(kLevel, kWindowBits, kMemLevel, zlib::Strategy::normal);
  std::string out;
  out.resize(2 + ds.upper_bound(size) + 4);
  out[0] = static_cast<char>(kCmf);
  out[1] = static_cast<char>(kFlg);
  zlib::z_params zs;
  zs.next_in = data;
  zs.avail_in = size;
  zs.next_out = out.data() + 2;
  zs.avail_out = out.size() - 6;
  for (;;) {
    boost::beast::error_code ec;
    ds.write(zs, zlib::Flush::finish, ec);
    if (ec == zlib::error::end_of_stream) break;
    if (ec && ec != zlib::error::need_buffers) {
      throw std::logic_error("deflate_stream: " + ec.message());  // a bug, not input
    }
    if (zs.avail_out == 0) {
      size_t used = out.size() - 4;
      out.resize(out.size() * 2);
      zs.next_out = out.data() + used;
      zs.avail_out = out.size() - 4 - used;
    }
  }
  size_t end = 2 + zs.total_out;
  uint32_t adler = Adler32(std::string_view(reinterpret_cast<const char*>(data), size));
  out.resize(end + 4);
  out[end] = static_cast<char>(adler >> 24);
  out[end + 1] = static_cast<char>(adler >> 16);
  out[end + 2] = static_cast<char>(adler >> 8);
  out[end + 3] = static_cast<char>(adler);
  return out;
}

// Inflates into `out` (a std::string or Bytes).
template <typename Out>
Status InflateImpl(const uint8_t* data, size_t size, size_t max_output, Out& out) {
  out.clear();
  if (size < 2) return Bad("header truncated");
  uint8_t cmf = data[0], flg = data[1];
  if ((cmf & 0x0F) != 8 || (cmf >> 4) > 7) return Bad("not a zlib deflate stream");
  if ((static_cast<unsigned>(cmf) * 256 + flg) % 31 != 0) return Bad("header check");
  if (flg & 0x20) return Bad("preset dictionary");

  zlib::inflate_stream is;
  is.reset(kWindowBits);
  zlib::z_params zs;
  // Never more than max_output + 1 bytes: one byte beyond the limit proves
  // the output is too large.
  const size_t cap = max_output == SIZE_MAX ? max_output : max_output + 1;
  out.resize(std::min(cap, std::max<size_t>(kFirstChunk, size * 4)));
  bool ended = false;

  // Feeds one chunk of input until the decoder has taken all of it, or the
  // deflate data ended.
  auto feed = [&](const uint8_t* chunk, size_t n) -> Status {
    zs.next_in = chunk;
    zs.avail_in = n;
    for (;;) {
      if (zs.total_out == out.size()) {
        if (out.size() >= cap) return TooLarge(max_output);
        out.resize(std::min(cap, out.size() * 2));
      }
      zs.next_out = reinterpret_cast<uint8_t*>(out.data()) + zs.total_out;
      zs.avail_out = out.size() - zs.total_out;
      size_t in_before = zs.total_in, out_before = zs.total_out;
      boost::beast::error_code ec;
      is.write(zs, zlib::Flush::sync, ec);
      if (ec == zlib::error::end_of_stream) {
        ended = true;
        return Status::Ok();
      }
      if (ec && ec != zlib::error::need_buffers) return Bad(ec.message());
      if (zs.avail_out == 0) continue;           // more output may be pending
      if (zs.avail_in == 0) return Status::Ok();  // wants the next chunk
      if (zs.total_in == in_before && zs.total_out == out_before) return Bad("stalled");
    }
  };

  // Beast's decoder reads ahead of the bits it has used — its fast path by
  // several bytes, and its byte-at-a-time slow path by up to one byte at the
  // end of the data (it fills a whole table index before looking up the
  // end-of-block code) — and never gives those bytes back. So the end of
  // the deflate data is found this way: all but the last 16 bytes go in at
  // once (a valid stream cannot end there: its deflate data runs up to the
  // 4-byte trailer), then the rest one byte at a time. When the data ends,
  // the 4 trailer bytes must remain, less at most kMaxReadAhead bytes the
  // decoder took early; the trailer is then the last 4 bytes of the input
  // and must match the Adler-32 of the output. (So up to kMaxReadAhead
  // bytes between the deflate data and a correct trailer would go
  // unnoticed; bytes after the trailer, or a missing trailer byte, make the
  // trailer wrong.)
  constexpr size_t kMaxReadAhead = 2;
  const uint8_t* in = data + 2;
  const size_t left = size - 2;
  const size_t bulk = left > 16 ? left - 16 : 0;
  GK_RETURN_IF_ERROR(feed(in, bulk));
  if (ended) return Bad("trailing bytes");
  size_t remaining = 0;
  for (size_t i = bulk; i < left && !ended; ++i) {
    GK_RETURN_IF_ERROR(feed(in + i, 1));
    if (ended) remaining = (left - i - 1) + zs.avail_in;
  }
  if (!ended) return Bad("truncated");
  if (zs.total_out > max_output) return TooLarge(max_output);
  out.resize(zs.total_out);
  if (remaining + kMaxReadAhead < 4) return Bad("checksum truncated");
  if (remaining > 4) return Bad("trailing bytes");
  const uint8_t* t = data + size - 4;
  uint32_t want = (uint32_t{t[0]} << 24) | (uint32_t{t[1]} << 16) | (uint32_t{t[2]} << 8) | t[3];
  uint32_t got =
      Adler32(std::string_view(reinterpret_cast<const char*>(out.data()), out.size()));
  if (want != got) return Bad("Adler-32 mismatch");
  return Status::Ok();
}

}  // namespace

uint32_t Adler32(std::string_view data, uint32_t adler) {
  constexpr uint32_t kMod = 65521;
  constexpr size_t kBlock = 5552;  // largest n with no uint32 overflow
  uint32_t a = adler & 0xFFFF, b = adler >> 16;
  const auto* p = reinterpret_cast<const uint8_t*>(data.data());
  size_t n = data.size();
  while (n > 0) {
    size_t k = std::min(n, kBlock);
    n -= k;
    while (k-- > 0) {
      a += *p++;
      b += a;
    }
    a %= kMod;
    b %= kMod;
  }
  return (b << 16) | a;
}

std::string Deflate(std::string_view input) {
  return DeflateImpl(reinterpret_cast<const uint8_t*>(input.data()), input.size());
}

Bytes Deflate(const Bytes& input) { return ToBytes(DeflateImpl(input.data(), input.size())); }

Result<std::string> Inflate(std::string_view input, size_t max_output) {
  std::string out;
  GK_RETURN_IF_ERROR(InflateImpl(reinterpret_cast<const uint8_t*>(input.data()), input.size(),
                                 max_output, out));
  return out;
}

Result<Bytes> Inflate(const Bytes& input, size_t max_output) {
  Bytes out;
  GK_RETURN_IF_ERROR(InflateImpl(input.data(), input.size(), max_output, out));
  return out;
}

}  // namespace gongkai
