// What a station does with a change set the hub refused at ingest
// (docs/station-sync.md § "When the town's server refuses").
//
// The hub answers each uploaded change set with a receipt; a rejected one
// carries a stable code (docs/http-api.md). The code decides whose problem
// it is, and so what the station must do:
//
//   kStation  about the station or the hub, not about the edits: not
//             enrolled, revoked, the key the hub holds is another, the hub
//             cannot read this format, the hub's catalog is older than the
//             station's. The request is refused as a whole: the outbox stays
//             exactly as it was and the next sync after the cause is fixed
//             delivers everything.
//   kChain    the hub's record of this station's chain (seq/prev) differs
//             from the station's: one side was restored from an old backup.
//             Treated like kStation (nothing is marked), with its own message:
//             a person has to look.
//   kEdits    about particular edits (a value the hub's rules refuse, a row
//             of another unit, a row id that exists already, a row the hub
//             does not know): the refused change set's edits come back to the
//             clerk, and the change sets after it are re-sealed onto the last
//             accepted one.
//
// A code the station does not know (a newer hub) is kStation: nothing is
// lost by waiting, while returning edits on a guess could be wrong.
#pragma once

#include <string>
#include <string_view>

namespace gongkai {

// Receipt codes the station acts on (hub/ingest/apply_upload.h lists them all).
namespace refusal {
inline constexpr std::string_view kUnknownStation = "unknown_station";
inline constexpr std::string_view kStationRevoked = "station_revoked";
inline constexpr std::string_view kBadSignature = "bad_signature";
inline constexpr std::string_view kSeqGap = "seq_gap";
inline constexpr std::string_view kPrevMismatch = "prev_mismatch";
inline constexpr std::string_view kEquivocation = "equivocation";
inline constexpr std::string_view kOutsideUnit = "outside_unit";
inline constexpr std::string_view kRowExists = "row_exists";
inline constexpr std::string_view kUnknownRow = "unknown_row";
// Not the hub's: the station's name for outside_unit on creates of its own
// unit, i.e. the hub enrolled it under another unit (push_outbox.cc).
inline constexpr std::string_view kUnitNotEnrolled = "unit_not_enrolled";
}  // namespace refusal

enum class RefusalScope { kStation, kChain, kEdits };

RefusalScope ScopeOfRefusal(std::string_view code);

// A few Chinese words for the clerk about one row refused with this code
// (kEdits codes), e.g. row_exists → 镇里已经有编号相同的条目….
std::string RowRefusalLabel(std::string_view code);

// True for the codes that mean "this station is not (or no longer)
// enrolled with this key and unit": unknown_station, station_revoked,
// bad_signature, unit_not_enrolled.
bool IsEnrolmentRefusal(std::string_view code);

}  // namespace gongkai
