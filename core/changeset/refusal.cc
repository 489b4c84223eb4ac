#include "core/changeset/refusal.h"

#include <array>

namespace gongkai {
namespace {

// The hub's codes for particular edits: its unit rules (apply_upload.h) and
// the catalog's value rules (core/catalog/validate.h, set_value.h,
// changeset.h ValidateOp).
constexpr std::array<std::string_view, 33> kEditCodes = {
    refusal::kOutsideUnit,
    refusal::kRowExists,
    refusal::kUnknownRow,
    "invalid_utf8",
    "control_character",
    "too_long",
    "not_canonical",
    "bad_id",
    "bad_unit",
    "invisible_character",
    "empty_required",
    "unknown_value",
    "bad_op",
    // Posting records (core/changeset/posting.h, hub/ingest/check_postings.h).
    "row_retired",
    "channel_not_in_row",
    "posted_in_future",
    "display_in_future",
    "unknown_supersedes",
    "supersedes_outside_unit",
    "supersedes_other_row",
    "already_superseded",
    "attachments_unavailable",
    "empty_period",
    "bad_date",
    "bad_display_period",
    "no_channel",
    "duplicate_channel",
    "too_many_channels",
    "too_many_attachments",
    "empty_attachment",
    "bad_media_type",
    "bad_file_name",
    "edit_after_posting",
};

}  // namespace

RefusalScope ScopeOfRefusal(std::string_view code) {
  for (std::string_view c : kEditCodes) {
    if (code == c) return RefusalScope::kEdits;
  }
  if (code == refusal::kSeqGap || code == refusal::kPrevMismatch ||
      code == refusal::kEquivocation) {
    return RefusalScope::kChain;
  }
  return RefusalScope::kStation;
}

std::string RowRefusalLabel(std::string_view code) {
  if (code == refusal::kRowExists) {
    return "镇里已经有编号相同的条目（可能另一台电脑已经上传过这一条）";
  }
  if (code == refusal::kUnknownRow) return "镇里没有这个条目（可能已被撤销或还没批准）";
  if (code == refusal::kOutsideUnit) return "这一条不属于本站的单位";
  return "镇服务器不接受这一条的内容";
}

bool IsEnrolmentRefusal(std::string_view code) {
  return code == refusal::kUnknownStation || code == refusal::kStationRevoked ||
         code == refusal::kBadSignature || code == refusal::kUnitNotEnrolled;
}

}  // namespace gongkai
