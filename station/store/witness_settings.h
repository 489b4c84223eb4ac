// The county witnesses a station requires (docs/station-sync.md § Witnesses):
// their keys (C2SP verifier keys of type 0x04) and how many must have
// cosigned a checkpoint before the station accepts it. Kept in the station
// table (columns witness_keys, witness_quorum; station migration 6).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/base/status.h"
#include "core/log/witness_policy.h"
#include "core/store/sqlite.h"

namespace gongkai::station {

inline constexpr const char* kWitnessSettingsMigration = R"sql(
ALTER TABLE station ADD COLUMN witness_keys TEXT;
ALTER TABLE station ADD COLUMN witness_quorum INTEGER;
)sql";

// The policy as stored; quorum 0 (not required) when no key is set.
Result<WitnessPolicy> LoadWitnessPolicy(Database& db);

// Replaces the keys (an empty list: witnesses no longer required) and sets
// the quorum (default: every key). Reasons: bad_witness_key (not a type
// 0x04 key), bad_witness_quorum (not in 1..number of keys).
Status SaveWitnessPolicy(Database& db, const std::vector<std::string>& keys,
                         std::optional<size_t> quorum);

}  // namespace gongkai::station
