// The state a station reported in its last changesets bundle
// (bundle_schema.h): which catalog version it holds and the size of the
// last checkpoint it accepted, so `gongkai-hub bundle export --station ID`
// puts in the decisions since that version and the consistency proof from
// that size. Both run inside the caller's transaction (or none).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/base/status.h"
#include "hub/store/hub_db.h"

namespace gongkai::hub {

struct StationBundleState {
  uint64_t catalog_version = 0;
  uint64_t log_size = 0;
};

Result<std::optional<StationBundleState>> LoadStationBundleState(HubDb& db,
                                                                 const std::string& station);
// Keeps the larger of the stored and the given values; writes nothing when
// neither grows (so importing the same bundle twice changes nothing).
Status RecordStationBundleState(HubDb& db, const std::string& station,
                                const StationBundleState& state, int64_t now);

}  // namespace gongkai::hub
