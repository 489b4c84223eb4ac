#include "core/csv/text_encoding.h"

#include <iconv.h>

#include <cerrno>
#include <cstdint>

#include "core/base/utf8.h"
#include "core/csv/cell_text.h"

namespace gongkai {
namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

// 1-based line of the byte at `offset`: LF, CRLF and a lone CR end a line.
size_t LineAt(std::string_view bytes, size_t offset) {
  size_t line = 1;
  for (size_t i = 0; i < offset && i < bytes.size(); ++i) {
    bool lone_cr = bytes[i] == '\r' && (i + 1 >= bytes.size() || bytes[i + 1] != '\n');
    if (bytes[i] == '\n' || lone_cr) ++line;
  }
  return line;
}

// Length of the well-formed UTF-8 sequence at s[i], or 0 if there is none.
size_t Utf8SequenceAt(std::string_view s, size_t i) {
  uint8_t c = static_cast<uint8_t>(s[i]);
  size_t len;
  if (c < 0x80) return 1;
  if (c >= 0xC2 && c <= 0xDF) {
    len = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    len = 3;
  } else if (c >= 0xF0 && c <= 0xF4) {
    len = 4;
  } else {
    return 0;
  }
  if (i + len > s.size()) return 0;
  return IsValidUtf8(s.substr(i, len)) ? len : 0;
}

struct Utf8Census {
  size_t multibyte = 0;  // well-formed sequences of 2-4 bytes
  size_t invalid = 0;    // bytes that start no well-formed sequence
  size_t first_invalid = 0;
};

Utf8Census CountUtf8(std::string_view s) {
  Utf8Census census;
  size_t i = 0;
  while (i < s.size()) {
    size_t len = Utf8SequenceAt(s, i);
    if (len == 0) {
      if (census.invalid == 0) census.first_invalid = i;
      ++census.invalid;
      ++i;
    } else {
      if (len > 1) ++census.multibyte;
      i += len;
    }
  }
  return census;
}

class Iconv {
 public:
  Iconv(const char* to, const char* from) : cd_(iconv_open(to, from)) {}
  ~Iconv() {
    if (ok()) iconv_close(cd_);
  }
  Iconv(const Iconv&) = delete;
  Iconv& operator=(const Iconv&) = delete;
  bool ok() const { return cd_ != reinterpret_cast<iconv_t>(-1); }
  iconv_t get() const { return cd_; }

 private:
  iconv_t cd_;
};

// Decodes GB18030 to UTF-8; the error names the line of the first byte that
// could not be decoded.
Result<std::string> DecodeGb18030(std::string_view bytes) {
  Iconv cd("UTF-8", "GB18030");
  if (!cd.ok()) {
    return Internal("iconv_unavailable", "系统缺少 GB18030 编码转换 (iconv GB18030 unavailable)");
  }
  // Every GB18030 character is at most 1.5 times as long in UTF-8.
  std::string out(bytes.size() + bytes.size() / 2 + 16, '\0');
  char* in_ptr = const_cast<char*>(bytes.data());
  size_t in_left = bytes.size();
  size_t used = 0;
  while (in_left > 0) {
    char* out_ptr = out.data() + used;
    size_t out_left = out.size() - used;
    size_t rc = iconv(cd.get(), &in_ptr, &in_left, &out_ptr, &out_left);
    used = out.size() - out_left;
    if (rc != static_cast<size_t>(-1)) break;
    if (errno == E2BIG) {
      out.resize(out.size() * 2);
      continue;
    }
    size_t offset = static_cast<size_t>(in_ptr - bytes.data());
    return InvalidArgument(
        "invalid_encoding",
        LinePrefix(LineAt(bytes, offset)) +
            "文件既不是 UTF-8 编码，也不是 GBK/GB18030 编码，无法识别其中的文字"
            "；请在 Excel/WPS 中另存为“CSV UTF-8（逗号分隔）” (invalid encoding)");
  }
  out.resize(used);
  return out;
}

}  // namespace

Result<DecodedText> DecodeSpreadsheetText(std::string_view bytes) {
  if (bytes.substr(0, 2) == "\xFF\xFE" || bytes.substr(0, 2) == "\xFE\xFF") {
    return InvalidArgument("invalid_encoding",
                           "第 1 行: 文件是 UTF-16 编码（Excel 的“Unicode 文本”），不是 CSV；"
                           "请另存为“CSV UTF-8（逗号分隔）” (UTF-16 is not accepted)");
  }
  bool bom = bytes.substr(0, kUtf8Bom.size()) == kUtf8Bom;
  std::string_view body = bom ? bytes.substr(kUtf8Bom.size()) : bytes;
  if (IsValidUtf8(body)) {
    return DecodedText{std::string(body), bom ? TextEncoding::kUtf8WithBom : TextEncoding::kUtf8};
  }
  Utf8Census census = CountUtf8(body);
  if (bom || census.multibyte > 2 * census.invalid) {
    return InvalidArgument("invalid_utf8",
                           LinePrefix(LineAt(body, census.first_invalid)) +
                               "文件是 UTF-8 编码，但这一行含有无效的字节（文件可能已损坏）"
                               " (invalid UTF-8)");
  }
  GK_ASSIGN_OR_RETURN(std::string text, DecodeGb18030(body));
  constexpr std::string_view kDecodedBom = "\xEF\xBB\xBF";  // U+FEFF in UTF-8
  if (std::string_view(text).substr(0, kDecodedBom.size()) == kDecodedBom) {
    text.erase(0, kDecodedBom.size());
  }
  return DecodedText{std::move(text), TextEncoding::kGb18030};
}

}  // namespace gongkai
