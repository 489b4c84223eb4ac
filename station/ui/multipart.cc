#include "station/ui/multipart.h"

#include <algorithm>
#include <cctype>

namespace gongkai::station::ui {
namespace {

Status Bad(const std::string& what) {
  return InvalidArgument("bad_multipart", "上传的表单格式不对，请重新选择文件上传 (" + what + ")");
}

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// The value of `param` ("name", "filename") in a Content-Disposition value,
// quoted or not. Browsers escape '"' in names as %22, so no unescaping.
std::optional<std::string> Param(std::string_view header, std::string_view param) {
  std::string lower = Lower(header);
  size_t pos = 0;
  while ((pos = lower.find(std::string(param) + "=", pos)) != std::string::npos) {
    bool at_start = pos > 0 && (lower[pos - 1] == ';' || lower[pos - 1] == ' ');
    size_t v = pos + param.size() + 1;
    if (!at_start) {
      pos = v;
      continue;
    }
    if (v < header.size() && header[v] == '"') {
      size_t end = header.find('"', v + 1);
      if (end == std::string_view::npos) return std::nullopt;
      return std::string(header.substr(v + 1, end - v - 1));
    }
    size_t end = header.find(';', v);
    return std::string(header.substr(v, end == std::string_view::npos ? end : end - v));
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> MultipartBoundary(std::string_view content_type) {
  if (Lower(content_type).rfind("multipart/form-data", 0) != 0) return std::nullopt;
  auto b = Param(content_type, "boundary");
  if (!b || b->empty() || b->size() > 200) return std::nullopt;
  return b;
}

Result<std::vector<MultipartPart>> ParseMultipart(std::string_view body,
                                                  std::string_view boundary) {
  const std::string delim = "--" + std::string(boundary);
  std::vector<MultipartPart> parts;
  size_t pos = body.find(delim);
  if (pos == std::string_view::npos) return Bad("no first boundary");
  pos += delim.size();
  for (;;) {
    if (body.substr(pos, 2) == "--") return parts;  // the closing delimiter
    if (body.substr(pos, 2) != "\r\n") return Bad("boundary not followed by CRLF");
    pos += 2;
    size_t headers_end = body.find("\r\n\r\n", pos);
    if (headers_end == std::string_view::npos) return Bad("part without headers");
    std::string_view headers = body.substr(pos, headers_end - pos);
    size_t data_start = headers_end + 4;
    size_t next = body.find("\r\n" + delim, data_start);
    if (next == std::string_view::npos) return Bad("part not closed");
    MultipartPart part;
    bool named = false;
    while (!headers.empty()) {
      size_t eol = headers.find("\r\n");
      std::string_view line = headers.substr(0, eol);
      headers = eol == std::string_view::npos ? std::string_view() : headers.substr(eol + 2);
      if (Lower(line).rfind("content-disposition:", 0) == 0) {
        std::string_view value = line.substr(20);
        if (auto n = Param(value, "name")) {
          part.name = *n;
          named = true;
        }
        part.filename = Param(value, "filename");
      }
    }
    if (!named) return Bad("part without a name");
    part.data = std::string(body.substr(data_start, next - data_start));
    parts.push_back(std::move(part));
    pos = next + 2 + delim.size();
  }
}

}  // namespace gongkai::station::ui
