// Attachments (docs/formats/attachment.md, decision 0022): files a village
// posts with its records — photos of the notice board, scans, PDFs — named
// by the SHA-256 of their bytes. Pure rules, no files or sockets:
//
//  - size: 1 byte to kMaxAttachmentBytes (10 MiB) each;
//  - type by the bytes, never by the name alone: JPEG, PNG, WebP, PDF
//    (SniffMediaType); a file whose name says one type and whose bytes say
//    another is refused (media_type_mismatch), so a .jpg that is really a
//    PDF or an HTML page never becomes an "image";
//  - EXIF: a JPEG's GPS block is blanked before the file is hashed
//    (jpeg_exif.h); the time the photo was taken is kept.
//
// Reasons (Status):
//   empty_attachment       (InvalidArgument)    zero bytes
//   attachment_too_large   (ResourceExhausted)  over kMaxAttachmentBytes
//   unsupported_media_type (InvalidArgument)    not one of the four types
//   media_type_mismatch    (InvalidArgument)    name or label ≠ the bytes
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/base/bytes.h"
#include "core/base/status.h"

namespace gongkai {

inline constexpr uint64_t kMaxAttachmentBytes = 10u << 20;

// The bytes a sniffer needs to see (at least the first 12).
inline constexpr size_t kSniffBytes = 16;

// What a stored attachment is known by (the reference a record carries).
struct AttachmentInfo {
  Hash32 sha256{};
  uint64_t size = 0;
  std::string media_type;  // "image/jpeg", "image/png", "image/webp", "application/pdf"
};

// The media type the first bytes of a file show, or nullopt for anything
// else (HTML, text, HEIC, executables …).
std::optional<std::string> SniffMediaType(std::string_view head);

// The media type a file name's extension claims (.jpg .jpeg .png .webp
// .pdf, any case), or nullopt for another or no extension.
std::optional<std::string> MediaTypeOfName(std::string_view file_name);

// True for the four media types attachments may have.
bool IsAttachmentMediaType(std::string_view media_type);

// Size within 1..kMaxAttachmentBytes.
Status CheckAttachmentSize(uint64_t size);

// The media type of a file from its first bytes, checked against what its
// name claims (an unknown extension claims nothing).
Result<std::string> CheckAttachmentType(std::string_view file_name, std::string_view head);

// The bytes' type checked against a declared media type (an upload's label).
Status CheckDeclaredType(std::string_view declared, std::string_view head);

}  // namespace gongkai
