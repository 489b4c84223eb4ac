// The media type of an attachment of a posting record, read from its first
// bytes, never from its file name (docs/postings.md § Attachments):
// JPEG (FF D8 FF), PNG (89 'PNG' 0D 0A 1A 0A) and PDF ('%PDF-').
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace gongkai {

// At most this many bytes per attachment (10 MiB).
inline constexpr uint64_t kMaxAttachmentBytes = 10u << 20;

// "image/jpeg", "image/png", "application/pdf", or nullopt for anything else.
std::optional<std::string> SniffAttachmentType(std::string_view bytes);

}  // namespace gongkai
