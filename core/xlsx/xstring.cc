#include "core/xlsx/xstring.h"

namespace gongkai {
namespace {

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

// The code unit of an escape `_xHHHH_` at text[i], or -1.
long EscapeAt(std::string_view text, size_t i) {
  if (i + 7 > text.size() || text[i] != '_' || text[i + 1] != 'x' || text[i + 6] != '_') return -1;
  long v = 0;
  for (size_t k = i + 2; k < i + 6; ++k) {
    int d = HexDigit(text[k]);
    if (d < 0) return -1;
    v = v * 16 + d;
  }
  return v;
}

void AppendUtf8(char32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

}  // namespace

std::string DecodeXstring(std::string_view text) {
  if (text.find("_x") == std::string_view::npos) return std::string(text);
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    long unit = text[i] == '_' ? EscapeAt(text, i) : -1;
    if (unit < 0) {
      out.push_back(text[i]);
      continue;
    }
    if (unit >= 0xD800 && unit <= 0xDBFF) {
      long low = EscapeAt(text, i + 7);
      if (low >= 0xDC00 && low <= 0xDFFF) {
        AppendUtf8(static_cast<char32_t>(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)), &out);
        i += 13;
        continue;
      }
    }
    if (unit >= 0xD800 && unit <= 0xDFFF) {  // a lone surrogate: no character
      out.push_back(text[i]);
      continue;
    }
    AppendUtf8(static_cast<char32_t>(unit), &out);
    i += 6;
  }
  return out;
}

std::string EscapeXstringText(std::string_view text) {
  if (text.find("_x") == std::string_view::npos) return std::string(text);
  std::string out;
  out.reserve(text.size() + 7);
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '_' && EscapeAt(text, i) >= 0) out += "_x005F";
    out.push_back(text[i]);
  }
  return out;
}

}  // namespace gongkai
