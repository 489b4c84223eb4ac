// Opening the station's store for a command: the directory from --dir or
// $GONGKAI_DIR (CommandContext::Dir), then StationStore::Open with its
// migrations and checks.
#pragma once

#include "core/base/status.h"
#include "station/cli/command.h"
#include "station/store/station_store.h"

namespace gongkai::station {

Result<StationStore> OpenStore(const CommandContext& ctx);

}  // namespace gongkai::station
