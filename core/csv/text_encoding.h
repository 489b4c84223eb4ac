// Text encoding of spreadsheet files (docs/formats/csv.md, "Encodings").
//
// Chinese Excel and WPS save CSV either as UTF-8 (often with a byte order
// mark) or in the ANSI code page, GBK. DecodeSpreadsheetText turns such
// bytes into UTF-8:
//   1. A UTF-8 byte order mark (EF BB BF) is removed.
//   2. Bytes that are valid UTF-8 (RFC 3629) are used as they are.
//   3. Bytes that start with the UTF-8 byte order mark, or are mostly UTF-8
//      (more than twice as many well-formed multi-byte sequences as invalid
//      bytes), are a damaged UTF-8 file, not GBK: refused with reason
//      "invalid_utf8", naming the line of the first bad byte. (Damaged UTF-8 Chinese text often
//      decodes as GB18030 without error, into nonsense; this rule keeps that out.)
//   4. Anything else is decoded as GB18030 (a superset of GBK and GB2312)
//      with iconv; a leading U+FEFF that decoding produces is removed.
//   5. If that fails too: reason "invalid_encoding", naming the line.
// A UTF-16 file (Excel's "Unicode 文本") is refused with "invalid_encoding"
// and a hint to save as CSV. Line numbers count LF, CRLF and a lone CR as
// one line break each, as the CSV reader does; in UTF-8 and GB18030 the
// bytes 0A and 0D never occur inside a multi-byte character.
#pragma once

#include <string>
#include <string_view>

#include "core/base/status.h"

namespace gongkai {

enum class TextEncoding { kUtf8, kUtf8WithBom, kGb18030 };

struct DecodedText {
  std::string text;  // valid UTF-8, without byte order mark
  TextEncoding encoding;
};

Result<DecodedText> DecodeSpreadsheetText(std::string_view bytes);

}  // namespace gongkai
