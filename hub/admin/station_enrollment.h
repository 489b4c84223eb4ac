// Enrolling and revoking stations: each is one signed record (see
// core/record/enrollment.h, revocation.h) appended to the log and applied
// to the stations table in a single short transaction, so it is safe while
// `gongkai-hub serve` runs on the same database: the server sees the change
// with its next ingest batch.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/base/status.h"
#include "core/crypto/verifier_key.h"
#include "hub/admin/admin_signer.h"
#include "hub/store/hub_db.h"

namespace gongkai::hub {

// The verifier key's name must be the station id ("key_name_mismatch").
// Other reasons: bad_station_id, bad_unit, station_exists (AlreadyExists:
// enrolled and not revoked), key_in_use (the key of another station).
// A revoked id is enrolled again (re-enrollment): a new enrollment record
// with a new or the same key and perhaps another unit; the station's chain
// of change sets continues after its last accepted one.
// Returns the log index of the enrollment record.
Result<uint64_t> EnrollStation(HubDb& db, const AdminSigner& admin, const std::string& station,
                               const std::string& unit, const VerifierKey& key, int64_t now);

// Enrolls a station from its recorded upload attempt
// (hub/store/refused_upload_table.h): the key it offered and, unless
// `unit` is given, the unit it offered. The administrator must have
// confirmed the key with the village (by phone) first. Reasons: no_attempt
// (NotFound), attempt_without_key, attempt_without_unit (give a unit), and
// those of EnrollStation.
struct AttemptEnrollment {
  uint64_t log_index = 0;
  std::string unit;
  VerifierKey key;
};
Result<AttemptEnrollment> EnrollStationFromAttempt(HubDb& db, const AdminSigner& admin,
                                                   const std::string& station,
                                                   const std::optional<std::string>& unit,
                                                   int64_t now);

// Reasons: unknown_station (NotFound), already_revoked, empty_reason and
// the text reasons of ValidateText. Returns the log index.
Result<uint64_t> RevokeStation(HubDb& db, const AdminSigner& admin, const std::string& station,
                               const std::string& reason, int64_t now);

}  // namespace gongkai::hub
