// Numbers as catalogs write them (docs/deadlines.md § Numbers): ASCII
// digits, full-width digits (０-９) and Chinese numerals (五, 十, 二十,
// 三十一, 二〇二六). Pure text in, text out.
#pragma once

#include <string>
#include <string_view>

namespace gongkai::deadline {

// The text with every full-width digit turned into its ASCII digit, every run
// of Chinese numerals (〇零一二两三四五六七八九十百) into its value in ASCII
// digits ("二十" → "20", "十五" → "15", "二〇二六" → "2026"), and every space
// (ASCII, tab, U+3000 ideographic space, U+00A0) removed. Other text is kept
// byte for byte. Text that is not valid UTF-8 is returned unchanged.
std::string NormalizeNumerals(std::string_view text);

}  // namespace gongkai::deadline
