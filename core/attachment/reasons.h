// The reasons core/attachment/ and the hub's attachment store produce that
// other code decides on, as named constants (docs/exit-codes.md §
// Decisions): compare a Status's reason() with these, never with a
// literal. Producers may still spell the literal; the wire and the docs
// (docs/formats/attachment-upload.md) know the text.
#pragma once

#include <string_view>

namespace gongkai::reason {
// Checks of one attachment (attachment.cc, jpeg_exif.cc).
inline constexpr std::string_view kAttachmentTooLarge = "attachment_too_large";
inline constexpr std::string_view kUnsupportedMediaType = "unsupported_media_type";
inline constexpr std::string_view kMediaTypeMismatch = "media_type_mismatch";

// The hub's resumable upload (hub/attachments/attachment_store.cc).
inline constexpr std::string_view kAttachmentQuotaExceeded = "attachment_quota_exceeded";
inline constexpr std::string_view kOffsetGap = "offset_gap";
inline constexpr std::string_view kOffsetOverlap = "offset_overlap";
inline constexpr std::string_view kHashMismatch = "hash_mismatch";
}  // namespace gongkai::reason
