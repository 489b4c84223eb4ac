// multipart/form-data (RFC 7578), as a browser posts a form with a file
// input: the body is parts separated by "--BOUNDARY" lines, each part a
// block of headers (Content-Disposition: form-data; name="…"[;
// filename="…"]), an empty line, then the part's bytes up to CRLF before
// the next delimiter; "--BOUNDARY--" ends the body. The file bytes are kept
// exactly (a CSV in GBK stays GBK).
//
// Errors (InvalidArgument): bad_multipart — no boundary in the content
// type, a missing delimiter, a part without headers or without a name.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/status.h"

namespace gongkai::station::ui {

struct MultipartPart {
  std::string name;
  std::optional<std::string> filename;
  std::string data;
};

// The boundary parameter of a Content-Type header, if any.
std::optional<std::string> MultipartBoundary(std::string_view content_type);

Result<std::vector<MultipartPart>> ParseMultipart(std::string_view body, std::string_view boundary);

}  // namespace gongkai::station::ui
