// Enrolling and revoking stations: each is one signed record (see
// core/record/enrollment.h, revocation.h) appended to the log and applied
// to the stations table in a single short transaction, so it is safe while
// `gongkai-hub serve` runs on the same database: the server sees the change
// with its next ingest batch.
#pragma once

#include <cstdint>
#include <string>

#include "core/base/status.h"
#include "core/crypto/verifier_key.h"
#include "hub/admin/admin_signer.h"
#include "hub/store/hub_db.h"

namespace gongkai::hub {

// The verifier key's name must be the station id ("key_name_mismatch").
// Other reasons: bad_station_id, bad_unit, station_exists (AlreadyExists),
// station_revoked (ids are never reused), key_in_use.
// Returns the log index of the enrollment record.
Result<uint64_t> EnrollStation(HubDb& db, const AdminSigner& admin, const std::string& station,
                               const std::string& unit, const VerifierKey& key, int64_t now);

// Reasons: unknown_station (NotFound), already_revoked, empty_reason and
// the text reasons of ValidateText. Returns the log index.
Result<uint64_t> RevokeStation(HubDb& db, const AdminSigner& admin, const std::string& station,
                               const std::string& reason, int64_t now);

}  // namespace gongkai::hub
