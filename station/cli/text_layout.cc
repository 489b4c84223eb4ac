#include "station/cli/text_layout.h"

#include "core/text/time_text.h"

namespace gongkai::station {
namespace {

// Decodes one code point of valid-or-not UTF-8; returns bytes used (≥1).
size_t NextCodePoint(std::string_view s, size_t i, uint32_t* cp) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
  if (i + len > s.size()) len = 1;
  if (len == 1) {
    *cp = c;
    return 1;
  }
  uint32_t v = c & (0x7F >> len);
  for (size_t k = 1; k < len; ++k) v = (v << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  *cp = v;
  return len;
}

bool IsWide(uint32_t cp) {
  return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
         (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
         (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
         (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD);
}

}  // namespace

size_t DisplayWidth(std::string_view text) {
  size_t width = 0;
  for (size_t i = 0; i < text.size();) {
    uint32_t cp = 0;
    i += NextCodePoint(text, i, &cp);
    width += IsWide(cp) ? 2 : 1;
  }
  return width;
}

std::string Clip(std::string_view text, size_t width) {
  std::string out;
  size_t used = 0;
  bool cut = DisplayWidth(text) > width;
  size_t limit = cut && width > 0 ? width - 1 : width;  // room for "…"
  for (size_t i = 0; i < text.size();) {
    uint32_t cp = 0;
    size_t n = NextCodePoint(text, i, &cp);
    size_t w = IsWide(cp) ? 2 : 1;
    if (used + w > limit) break;
    if (cp == '\n' || cp == '\r' || cp == '\t') {
      out += ' ';
    } else {
      out.append(text.substr(i, n));
    }
    used += w;
    i += n;
  }
  if (cut && width > 0) out += "…";
  return out;
}

std::string Cell(std::string_view text, size_t width) {
  std::string out = Clip(text, width > 0 ? width - 1 : 0);
  size_t w = DisplayWidth(out);
  if (w < width) out.append(width - w, ' ');
  return out;
}

std::string LocalTime(int64_t unix_seconds) { return LocalTimeText(unix_seconds); }

std::string UtcTime(int64_t unix_seconds) { return UtcTimeText(unix_seconds); }

}  // namespace gongkai::station
