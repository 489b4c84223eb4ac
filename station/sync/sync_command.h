// gongkai-station sync: seal pending edits, then push the outbox to the
// town hub over HTTPS with the pinned certificate (docs/station-sync.md).
#pragma once

#include "station/cli/command.h"

namespace gongkai::station {

CommandSpec SyncCommand();

}  // namespace gongkai::station
