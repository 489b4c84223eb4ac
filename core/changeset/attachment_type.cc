#include "core/changeset/attachment_type.h"

namespace gongkai {

std::optional<std::string> SniffAttachmentType(std::string_view b) {
  if (b.size() >= 3 && b.substr(0, 3) == std::string_view("\xFF\xD8\xFF", 3)) return "image/jpeg";
  if (b.size() >= 8 && b.substr(0, 8) == std::string_view("\x89PNG\r\n\x1A\n", 8)) {
    return "image/png";
  }
  if (b.size() >= 5 && b.substr(0, 5) == "%PDF-") return "application/pdf";
  return std::nullopt;
}

}  // namespace gongkai
