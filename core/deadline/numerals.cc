#include "core/deadline/numerals.h"

#include <optional>

#include "core/base/utf8.h"

namespace gongkai::deadline {
namespace {

// Decodes one code point of valid UTF-8 at s[i]; advances i.
char32_t NextCodePoint(std::string_view s, size_t& i) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  int len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
  char32_t cp = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
  for (int k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  i += static_cast<size_t>(len);
  return cp;
}

std::optional<int> ChineseDigit(char32_t cp) {
  switch (cp) {
    case U'〇':
    case U'零':
      return 0;
    case U'一':
      return 1;
    case U'二':
    case U'两':
      return 2;
    case U'三':
      return 3;
    case U'四':
      return 4;
    case U'五':
      return 5;
    case U'六':
      return 6;
    case U'七':
      return 7;
    case U'八':
      return 8;
    case U'九':
      return 9;
    default:
      return std::nullopt;
  }
}

bool IsChineseNumeral(char32_t cp) { return ChineseDigit(cp) || cp == U'十' || cp == U'百'; }

// Value of a run of Chinese numerals: positional with 十/百 ("二十五",
// "一百零五"), or digit by digit without them ("二〇二六").
std::string RunValue(const std::u32string& run) {
  bool has_unit =
      run.find(U'十') != std::u32string::npos || run.find(U'百') != std::u32string::npos;
  if (!has_unit) {
    std::string digits;
    for (char32_t cp : run) digits += static_cast<char>('0' + *ChineseDigit(cp));
    return digits;
  }
  long total = 0;
  long pending = -1;  // a digit not yet multiplied by a unit
  for (char32_t cp : run) {
    if (cp == U'十' || cp == U'百') {
      long unit = cp == U'十' ? 10 : 100;
      total += (pending < 0 ? 1 : pending) * unit;
      pending = -1;
    } else {
      pending = *ChineseDigit(cp);
    }
  }
  if (pending > 0) total += pending;
  return std::to_string(total);
}

}  // namespace

std::string NormalizeNumerals(std::string_view text) {
  if (!IsValidUtf8(text)) return std::string(text);
  std::string out;
  std::u32string run;
  auto flush = [&] {
    if (!run.empty()) out += RunValue(run);
    run.clear();
  };
  size_t i = 0;
  while (i < text.size()) {
    size_t start = i;
    char32_t cp = NextCodePoint(text, i);
    if (IsChineseNumeral(cp)) {
      run += cp;
      continue;
    }
    flush();
    if (cp == U' ' || cp == U'\t' || cp == U'\u3000' || cp == U'\u00A0') continue;
    if (cp >= U'０' && cp <= U'９') {
      out += static_cast<char>('0' + (cp - U'０'));
      continue;
    }
    out.append(text.substr(start, i - start));
  }
  flush();
  return out;
}

}  // namespace gongkai::deadline
