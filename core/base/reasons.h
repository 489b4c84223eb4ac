// Every reason core/ produces that other code decides on, as named
// constants, one table grouped by the room that produces it (the rooms of
// docs/architecture.md). Compare a Status's reason() with these, never with
// a literal (docs/exit-codes.md § Decisions). Producers may still spell the
// literal; the wire and the docs know the text, so a constant's text never
// changes. One table, not one per room: a reason is part of the contract
// every layer above reads, and one place lists them all. The apps' own
// reasons stay in their rooms (hub/admin, hub/review, station/sync).
#pragma once

#include <string_view>

namespace gongkai::reason {
// ---- core/store/ ----
// Reasons of the store (sqlite.cc).
inline constexpr std::string_view kDbCorrupt = "db_corrupt";  // DataLoss
inline constexpr std::string_view kDbBusy = "db_busy";        // Unavailable
inline constexpr std::string_view kDbIo = "db_io";            // Unavailable

// Reasons of file reads and writes (atomic_file.cc).
inline constexpr std::string_view kFileTooLarge = "file_too_large";
// Reasons of reading a file (atomic_file.cc, file_hash.cc): NotFound.
inline constexpr std::string_view kFileMissing = "file_missing";

// ---- core/codec/ ----
// Reasons of inflating a body (deflate.cc).
inline constexpr std::string_view kBodyTooLarge = "body_too_large";

// ---- core/crypto/ ----
// A private key file others may read (mode must be 0600).
inline constexpr std::string_view kKeyPermissions = "key_permissions";

// ---- core/catalog/ ----
// Reasons of value checks (validate.cc); the hub and the station answer with them.
inline constexpr std::string_view kEmptyRequired = "empty_required";
inline constexpr std::string_view kControlCharacter = "control_character";
inline constexpr std::string_view kBadId = "bad_id";
inline constexpr std::string_view kBadUnit = "bad_unit";

// ---- core/deadline/ ----
// Reasons of the work calendar (work_calendar.cc).
inline constexpr std::string_view kHolidayYearMissing = "holiday_year_missing";

// Reasons of deadline computation (due.cc).
inline constexpr std::string_view kEventTriggered = "event_triggered";
inline constexpr std::string_view kNoFixedDeadline = "no_fixed_deadline";
inline constexpr std::string_view kTimeLimitUnparsed = "time_limit_unparsed";

// ---- core/log/ ----
// Reasons of a tree that does not match its leaves (merkle.cc, hub/log/).
inline constexpr std::string_view kRootMismatch = "root_mismatch";
inline constexpr std::string_view kMerkleNodeMissing = "merkle_node_missing";
inline constexpr std::string_view kLogEntryMissing = "log_entry_missing";

// Reasons of the witness policy (witness_policy.cc).
inline constexpr std::string_view kCheckpointNotWitnessed = "checkpoint_not_witnessed";

// Reasons of cosignature checks (cosignature.cc).
inline constexpr std::string_view kBadCosignature = "bad_cosignature";

// ---- core/audit/ ----
// Reasons of signed-record rules (record_rules.cc, changeset_rules.cc).
inline constexpr std::string_view kSignerMismatch = "signer_mismatch";

// ---- core/attachment/ ----
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
