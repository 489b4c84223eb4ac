#include "core/attachment/jpeg_exif.h"

#include <cstdint>
#include <cstring>

namespace gongkai {
namespace {

Status BadExif(const std::string& what) {
  return InvalidArgument("bad_exif", "照片的 EXIF 信息已损坏 (" + what +
                                         ")，无法去掉其中的位置；请用手机重新导出照片");
}

// A TIFF structure inside one APP1 segment: [base, end) of the string.
class Tiff {
 public:
  Tiff(std::string& s, size_t base, size_t end, bool little)
      : s_(s), base_(base), end_(end), little_(little) {}

  bool In(uint64_t off, uint64_t len) const {
    return off <= end_ - base_ && len <= end_ - base_ - off;
  }
  uint32_t U16(uint64_t off) const {
    auto b = [&](size_t i) { return static_cast<uint8_t>(s_[base_ + off + i]); };
    return little_ ? (b(0) | b(1) << 8) : (b(0) << 8 | b(1));
  }
  uint32_t U32(uint64_t off) const {
    auto b = [&](size_t i) {
      return static_cast<uint32_t>(static_cast<uint8_t>(s_[base_ + off + i]));
    };
    return little_ ? (b(0) | b(1) << 8 | b(2) << 16 | b(3) << 24)
                   : (b(0) << 24 | b(1) << 16 | b(2) << 8 | b(3));
  }
  void Zero(uint64_t off, uint64_t len) { std::memset(&s_[base_ + off], 0, len); }

 private:
  std::string& s_;
  size_t base_, end_;
  bool little_;
};

uint64_t TypeSize(uint32_t type) {
  switch (type) {
    case 1:
    case 2:
    case 6:
    case 7:
      return 1;
    case 3:
    case 8:
      return 2;
    case 4:
    case 9:
    case 11:
      return 4;
    case 5:
    case 10:
    case 12:
      return 8;
    default:
      return 0;
  }
}

// One Exif APP1 payload (after "Exif\0\0"): blanks its GPS IFD.
Result<bool> StripSegment(std::string& s, size_t base, size_t end) {
  if (end - base < 8) return false;
  bool little;
  if (s.compare(base, 4, "II*\0", 4) == 0) {
    little = true;
  } else if (s.compare(base, 4, "MM\0*", 4) == 0) {
    little = false;
  } else {
    return false;  // not TIFF: nothing we know how to read, nothing GPS
  }
  Tiff t(s, base, end, little);
  uint64_t ifd0 = t.U32(4);
  if (!t.In(ifd0, 2)) return BadExif("IFD0");
  uint64_t n = t.U16(ifd0);
  if (!t.In(ifd0 + 2, n * 12)) return BadExif("IFD0 entries");
  for (uint64_t i = 0; i < n; ++i) {
    uint64_t e = ifd0 + 2 + i * 12;
    if (t.U16(e) != 0x8825) continue;
    uint64_t gps = t.U32(e + 8);
    if (!t.In(gps, 2)) return BadExif("GPS IFD");
    uint64_t m = t.U16(gps);
    if (m == 0) return false;  // blanked already (or never held anything)
    if (!t.In(gps + 2, m * 12)) return BadExif("GPS entries");
    for (uint64_t j = 0; j < m; ++j) {
      uint64_t g = gps + 2 + j * 12;
      uint64_t size = TypeSize(t.U16(g + 2)) * t.U32(g + 4);
      if (size > 4) {
        uint64_t off = t.U32(g + 8);
        if (!t.In(off, size)) return BadExif("GPS value");
        t.Zero(off, size);
      }
    }
    t.Zero(gps, 2 + m * 12);
    return true;
  }
  return false;
}

}  // namespace

Result<bool> StripJpegGps(std::string& jpeg) {
  if (jpeg.size() < 2 || jpeg.compare(0, 2, "\xFF\xD8") != 0) {
    return InvalidArgument("media_type_mismatch", "不是 JPEG 照片");
  }
  bool stripped = false;
  size_t p = 2;
  while (p + 4 <= jpeg.size()) {
    if (static_cast<uint8_t>(jpeg[p]) != 0xFF) break;  // not a marker: stop reading
    uint8_t marker = static_cast<uint8_t>(jpeg[p + 1]);
    if (marker == 0xFF) {  // fill byte
      ++p;
      continue;
    }
    if (marker == 0xDA || marker == 0xD9) break;  // image data / end: no EXIF after this
    size_t len = static_cast<uint8_t>(jpeg[p + 2]) << 8 | static_cast<uint8_t>(jpeg[p + 3]);
    if (len < 2 || p + 2 + len > jpeg.size()) break;
    size_t body = p + 4;
    size_t end = p + 2 + len;
    if (marker == 0xE1 && end - body >= 6 && jpeg.compare(body, 6, "Exif\0\0", 6) == 0) {
      GK_ASSIGN_OR_RETURN(bool s, StripSegment(jpeg, body + 6, end));
      stripped = stripped || s;
    }
    p = end;
  }
  return stripped;
}

}  // namespace gongkai
