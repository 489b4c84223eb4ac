// The stations table: every station ever enrolled, its unit and key in
// force, and its revocation if any. Rows are inserted by an enrollment,
// updated by a revocation and by a re-enrollment of the revoked id (which
// replaces unit, key and enrollment and clears the revocation); they are
// never deleted.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/base/status.h"
#include "core/crypto/ed25519.h"
#include "hub/store/hub_db.h"

namespace gongkai::hub {

struct StationRecord {
  std::string id;
  std::string unit;
  PublicKey key{};
  std::string enrolled_by;
  int64_t enrolled_at = 0;
  uint64_t enrollment_index = 0;
  bool revoked = false;
  std::string revoked_by;
  int64_t revoked_at = 0;
  std::string revoke_reason;
  uint64_t revocation_index = 0;
};

Status InsertStation(HubDb& db, const StationRecord& s);
// Re-enrollment of a revoked station: unit, key and enrollment fields from
// `s`, revocation cleared. NotFound "unknown_station" unless `s.id` is a
// revoked station.
Status ReEnrollStation(HubDb& db, const StationRecord& s);
// NotFound "unknown_station" if the id is not enrolled.
Status MarkStationRevoked(HubDb& db, const std::string& id, const std::string& admin,
                          int64_t revoked_at, const std::string& reason, uint64_t log_index);
Result<std::optional<StationRecord>> FindStation(HubDb& db, const std::string& id);
Result<std::optional<StationRecord>> FindStationByKey(HubDb& db, const PublicKey& key);
// Ordered by id.
Result<std::vector<StationRecord>> ListStations(HubDb& db);

}  // namespace gongkai::hub
