// The escapes of SpreadsheetML text (ECMA-376 Part 1, §22.9.2.19
// ST_Xstring): a character XML cannot hold, such as CR (which an XML parser
// turns into LF), is written `_xHHHH_` — four hex digits of its UTF-16 code
// unit — and a literal `_` that would otherwise start such an escape is
// written `_x005F_`. docs/formats/xlsx.md § Text escapes.
//
// Excel writes a CRLF typed or pasted into a cell as `_x000D_` and a real
// LF; libxlsxwriter escapes control characters itself but not a literal
// `_xHHHH_` in the text, which EscapeXstringText does for it.
#pragma once

#include <string>
#include <string_view>

namespace gongkai {

// Every `_xHHHH_` (lowercase x, hex digits in either case) becomes its
// character, UTF-8 encoded; a high and a low surrogate escaped one after
// the other become the one character they make; a lone surrogate escape is
// kept as written. `_x005F_x000D_` is therefore the text "_x000D_".
std::string DecodeXstring(std::string_view text);

// The inverse for text that has no control characters to escape: each `_`
// that starts something of the form `_xHHHH_` is written `_x005F_`, so
// DecodeXstring(EscapeXstringText(t)) == t.
std::string EscapeXstringText(std::string_view text);

}  // namespace gongkai
