// The refused_uploads table (migrations 5 and 6): what the administrator needs to
// see a stuck village. One row per (station id, code) of refused uploads
// since that station's last accepted change set: how many, first and last
// time, the seq and message of the last one, and — for a station not (or no
// longer) enrolled with that key — the verifier key and unit it offered in
// the Gongkai-Station-Key / Gongkai-Station-Unit headers (docs/http-api.md).
//
// Written by the ingest committer in its transaction (hub/ingest/
// apply_upload.cc); a station's rows are deleted when one of its change sets
// is accepted. Ids that are not enrolled are bounded: at most
// kMaxUnenrolledStations distinct ids, the least recently seen evicted, so
// uploads under made-up ids cannot fill the disk. Rows of enrolled ids are
// bounded by (stations × codes).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/base/status.h"
#include "core/crypto/ed25519.h"
#include "hub/store/hub_db.h"

namespace gongkai::hub {

inline constexpr size_t kMaxUnenrolledStations = 200;

struct RefusedUpload {
  std::string station;
  std::string code;  // the rejection code, e.g. unknown_station, seq_gap
  uint64_t count = 0;
  int64_t first_at = 0;
  int64_t last_at = 0;
  uint64_t seq = 0;  // of the last refused change set; 0 when it did not decode
  std::string message;
  std::optional<PublicKey> key;     // the last key offered that verified the upload
  std::optional<std::string> unit;  // the last valid unit offered
  // The last refused change set (ChangeSetId of its envelope body), when its
  // envelope decoded, and the ops its refusal named (from 0, ascending).
  std::optional<Hash32> id;
  std::vector<size_t> ops;
};

// Adds one refusal to the (station, code) row, creating it if needed.
Status RecordRefusedUpload(HubDb& db, const RefusedUpload& r);
// Deletes every row of the station (one of its change sets was accepted).
Status ClearRefusedUploads(HubDb& db, const std::string& station);
// Every row, ordered by station, then last_at descending.
Result<std::vector<RefusedUpload>> ListRefusedUploads(HubDb& db);
// One station's rows that name a change set, ordered by last_seq.
Result<std::vector<RefusedUpload>> ListStationRefusals(HubDb& db, const std::string& station);

// An upload attempt by a station id that is not enrolled, or by a revoked
// station offering a key other than its revoked one: the rows of that id
// folded into one (count summed, earliest first_at, latest last_at, the
// latest key and unit offered).
struct UploadAttempt {
  std::string station;
  std::optional<PublicKey> key;
  std::optional<std::string> unit;
  uint64_t count = 0;
  int64_t first_at = 0;
  int64_t last_at = 0;
  bool revoked = false;  // the id is enrolled but revoked
};
// Ordered by last_at, latest first.
Result<std::vector<UploadAttempt>> ListUploadAttempts(HubDb& db);
Result<std::optional<UploadAttempt>> FindUploadAttempt(HubDb& db, const std::string& station);

}  // namespace gongkai::hub
