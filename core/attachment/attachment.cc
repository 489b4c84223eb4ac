#include "core/attachment/attachment.h"

#include <array>

namespace gongkai {
namespace {

constexpr std::array<std::string_view, 4> kTypes = {"image/jpeg", "image/png", "image/webp",
                                                    "application/pdf"};

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

}  // namespace

std::optional<std::string> SniffMediaType(std::string_view head) {
  if (head.size() >= 3 && head.substr(0, 3) == "\xFF\xD8\xFF") return "image/jpeg";
  if (head.size() >= 8 && head.substr(0, 8) == "\x89PNG\r\n\x1A\n") return "image/png";
  if (head.size() >= 12 && head.substr(0, 4) == "RIFF" && head.substr(8, 4) == "WEBP") {
    return "image/webp";
  }
  if (head.size() >= 5 && head.substr(0, 5) == "%PDF-") return "application/pdf";
  return std::nullopt;
}

std::optional<std::string> MediaTypeOfName(std::string_view file_name) {
  size_t dot = file_name.rfind('.');
  size_t slash = file_name.find_last_of("/\\");
  if (dot == std::string_view::npos || (slash != std::string_view::npos && dot < slash)) {
    return std::nullopt;
  }
  std::string ext = Lower(file_name.substr(dot + 1));
  if (ext == "jpg" || ext == "jpeg") return "image/jpeg";
  if (ext == "png") return "image/png";
  if (ext == "webp") return "image/webp";
  if (ext == "pdf") return "application/pdf";
  return std::nullopt;
}

bool IsAttachmentMediaType(std::string_view media_type) {
  for (std::string_view t : kTypes) {
    if (t == media_type) return true;
  }
  return false;
}

Status CheckAttachmentSize(uint64_t size) {
  if (size == 0) return InvalidArgument("empty_attachment", "附件是空文件 (the file is empty)");
  if (size > kMaxAttachmentBytes) {
    return ResourceExhausted("attachment_too_large", "附件有 " + std::to_string(size) +
                                                         " 字节，超过每个附件 10 MB 的上限；"
                                                         "请缩小照片或把文件分成几份");
  }
  return Status::Ok();
}

Result<std::string> CheckAttachmentType(std::string_view file_name, std::string_view head) {
  std::optional<std::string> sniffed = SniffMediaType(head);
  if (!sniffed) {
    return InvalidArgument(
        "unsupported_media_type",
        "附件只能是 JPEG、PNG、WebP 照片或 PDF 文件；这个文件的内容不是其中之一");
  }
  std::optional<std::string> named = MediaTypeOfName(file_name);
  if (named && *named != *sniffed) {
    return InvalidArgument("media_type_mismatch", "文件名说是 " + *named + "，内容却是 " +
                                                      *sniffed + "；请改正文件名后再添加");
  }
  return *sniffed;
}

Status CheckDeclaredType(std::string_view declared, std::string_view head) {
  if (!IsAttachmentMediaType(declared)) {
    return InvalidArgument("unsupported_media_type",
                           "附件只能是 image/jpeg、image/png、image/webp 或 application/pdf");
  }
  std::optional<std::string> sniffed = SniffMediaType(head);
  if (!sniffed || *sniffed != declared) {
    return InvalidArgument("media_type_mismatch",
                           "附件标明是 " + std::string(declared) + "，内容却不是 (the bytes are " +
                               (sniffed ? *sniffed : std::string("not a known type")) + ")");
  }
  return Status::Ok();
}

}  // namespace gongkai
