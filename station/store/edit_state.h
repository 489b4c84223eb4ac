// The states of an edit in the journal that no change set carries (yet):
// the `state` column of `edits` (docs/formats/station-store.md). The states
// of an edit a change set carries are OutboxStateName's
// (station/store/outbox.h).
#pragma once

#include <string_view>

namespace gongkai::station::edit_state {
inline constexpr std::string_view kPending = "pending";
inline constexpr std::string_view kCancelled = "cancelled";
}  // namespace gongkai::station::edit_state
