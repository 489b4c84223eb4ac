// A posting record (公开记录): a village's statement that it posted one
// catalog row's information for a period, carried as change-set op 4
// (docs/formats/changeset.md § posting, docs/postings.md).
//
//   posting := u8 4, string row_id, string period, string posted,
//              u64 channel_count, string channel*, string display_from,
//              string display_to, string note, u64 attachment_count,
//              attachment*, u8 has_supersedes, [fixed32 supersedes]
//   attachment := fixed32 sha256, u64 size, string media_type, string file_name
//
// Postings follow every edit in a change set's op list. A record is never
// rewritten: a later posting names the one it corrects in `supersedes`.
// Its id is PostingRecordId(change set id, op index).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/base/bytes.h"
#include "core/base/status.h"

namespace gongkai {

class WireReader;
class WireWriter;

struct AttachmentRef {
  Hash32 sha256{};
  uint64_t size = 0;
  std::string media_type;  // e.g. image/jpeg
  std::string file_name;   // as the clerk's file was named, no folder
  bool operator==(const AttachmentRef&) const = default;
};

struct PostingOp {
  std::string row_id;
  std::string period;                 // 2026年11月, 2026年第四季度, or the event
  std::string posted;                 // YYYY-MM-DD
  std::vector<std::string> channels;  // from the row's 渠道 (or its 其他 text)
  std::string display_from;           // YYYY-MM-DD or "" (公示期, both or neither)
  std::string display_to;
  std::string note;
  std::vector<AttachmentRef> attachments;
  std::optional<Hash32> supersedes;  // record id of an earlier posting it corrects
  bool operator==(const PostingOp&) const = default;
};

inline constexpr uint8_t kPostingOpTag = 4;
inline constexpr size_t kMaxPeriodChars = 100;
inline constexpr size_t kMaxPostingChannels = 16;
inline constexpr size_t kMaxChannelChars = 100;
inline constexpr size_t kMaxPostingNoteChars = 1000;
inline constexpr size_t kMaxPostingAttachments = 20;
inline constexpr size_t kMaxMediaTypeChars = 100;
inline constexpr size_t kMaxFileNameChars = 255;

// Writes the op after its tag.
void EncodePostingFields(WireWriter& w, const PostingOp& p);
// Reads the op after its tag; false (with the reader failed) on bad framing.
bool DecodePostingFields(WireReader& r, PostingOp* p);

// Value checks, each with its reason: bad_id (row id), empty_period,
// too_long, invalid_utf8, control_character, bad_date (posted, display
// dates), bad_display_period (only one of from/to, or to before from),
// no_channel, duplicate_channel, too_many_channels, too_many_attachments,
// empty_attachment (size 0), bad_media_type (not type/subtype of
// [a-z0-9.+-]), bad_file_name (empty, a folder, or control characters).
Status ValidatePosting(const PostingOp& p);

// A record's id: SHA-256(change set id || u64 op_index, little-endian),
// op_index counting every op of the change set from 0 (edits first).
Hash32 PostingRecordId(const Hash32& changeset_id, uint64_t op_index);

}  // namespace gongkai
