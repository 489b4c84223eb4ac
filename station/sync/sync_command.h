// gongkai-station sync: seal pending edits, push the outbox to the town hub
// over HTTPS with the pinned certificate, then pull the approved catalog
// (docs/station-sync.md). Every request of a round goes through one retry
// policy (retry_policy.h). --watch repeats rounds on an interval, printing
// one line per round, and ends cleanly (exit 0) after the current round on
// SIGINT/SIGTERM; only usage/configuration errors and a broken local store
// end it otherwise.
#pragma once

#include "station/cli/command.h"

namespace gongkai::station {

CommandSpec SyncCommand();

}  // namespace gongkai::station
