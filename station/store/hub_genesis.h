// The hub's genesis entry (log entry 0, docs/formats/log-entry.md), kept by
// the station the first time a pull or a catalog bundle verified it: its
// signature by the pinned hub key and its inclusion at index 0 of an
// accepted checkpoint. Every later checkpoint the station accepts is
// consistent with that one, so leaf 0 can never change; the station then
// asks the hub to leave the genesis out of its answers (have_genesis=1,
// hub/review/catalog_feed.h) and takes the administrator's key from here.
//
//   hub_genesis(singleton = 1, entry BLOB)   ; the exact log bytes
//
// Both functions run inside the caller's transaction.
#pragma once

#include <optional>

#include "core/base/bytes.h"
#include "core/base/status.h"
#include "core/store/sqlite.h"

namespace gongkai::station {

extern const char* const kHubGenesisMigration;

Result<std::optional<Bytes>> LoadHubGenesis(Database& db);
// Idempotent for the same bytes; DataLoss "genesis_conflict" (nothing
// written) when another genesis is kept already.
Status StoreHubGenesis(Database& db, const Bytes& entry);

}  // namespace gongkai::station
