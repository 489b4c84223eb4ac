// A station's keys over the years (docs/station-sync.md § "A new key").
//
// When a station's key is lost or revoked, `gongkai-station rekey` gives it
// a new one: the town enrols the new key (gongkai-hub station add, also
// after a revocation) and the station's chain of change sets goes on. The
// change sets the hub already accepted stay signed by the key of their day;
// those still in flight (sealed, sent) are signed again with the new key —
// the bodies, and so the ids, do not change.
//
//   station_keys(public_key BLOB(32) PRIMARY KEY, retired_at INTEGER)
//                                         ; the keys this station had before
//
// Key files: the new key is written to station.key.new (0600) before the
// store changes; after the store commits, station.key becomes
// station.key.old-<unix time> and station.key.new becomes station.key. A
// crash between the two leaves station.key.new matching the store:
// StationStore::LoadKey finishes the renames (FinishKeyRotation). A crash
// before the commit leaves the old key in force and a stray station.key.new,
// which the next rekey replaces.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/base/status.h"
#include "core/crypto/ed25519.h"
#include "core/store/sqlite.h"

namespace gongkai::station {

extern const char* const kStationKeysMigration;

inline constexpr const char* kNewKeyFileName = "station.key.new";

// The keys this station had before its current one (inside a transaction).
Result<std::vector<PublicKey>> RetiredKeys(Database& db);

// station.key.new matches `current` (the store's key): the renames that a
// crash interrupted. Ok and nothing done when there is nothing to finish.
Status FinishKeyRotation(const std::string& dir, const PublicKey& current, int64_t now);

}  // namespace gongkai::station
