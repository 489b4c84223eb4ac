// The county witnesses a hub sends its checkpoints to, and the
// cosignatures they returned (docs/hub.md § Witnesses; schema migration 7 in
// hub/store/schema.cc):
//
//   witnesses(name PRIMARY KEY,  the witness key's name
//             key,               its verifier key, type 0x04 (cosignature/v1)
//             url, cert_sha256,  where it listens and its pinned certificate
//             size,              the latest size it cosigned for this log, as
//                                far as the hub knows (a 409 corrects it)
//             last_ok_at, last_error, last_error_at, added_at)
//   cosignatures(size, witness,  the cosignature line a witness returned for
//                line,           the checkpoint of `size`; a newer one for the
//                cosigned_at)    same size replaces it (a refresh)
//
// Cosignatures are kept apart from the signed checkpoints (checkpoints
// table): the note the log signed never changes; the lines are appended to
// it where a checkpoint is served (hub/log/checkpoints.h).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/base/status.h"
#include "core/crypto/verifier_key.h"
#include "hub/store/hub_db.h"

namespace gongkai::hub {

struct WitnessEntry {
  std::string name;
  std::string key;  // verifier key text, type 0x04
  std::string url;
  std::string cert_sha256;
  uint64_t size = 0;
  int64_t last_ok_at = 0;
  std::string last_error;
  int64_t last_error_at = 0;
  int64_t added_at = 0;
  uint64_t cosigned_size = 0;  // the largest size with a stored cosignature by it
};

// Checks the key (type 0x04), the URL (https://HOST[:PORT]) and the pin (64
// hex digits). witness_exists if a witness of that name is there;
// bad_verifier_key, bad_witness_url, bad_cert_sha256 otherwise.
Status AddWitness(HubDb& db, const std::string& key, const std::string& url,
                  const std::string& cert_sha256, int64_t now);
// By name or by key text. unknown_witness if none.
Status RemoveWitness(HubDb& db, const std::string& name_or_key);
Result<std::vector<WitnessEntry>> ListWitnesses(HubDb& db);

// A cosignature `line` by witness `name` for the checkpoint of `size`;
// also records that the witness is at `size`.
Status RecordCosignature(HubDb& db, const std::string& name, uint64_t size, const std::string& line,
                         int64_t now);
// The witness said (409) its latest size for this log is `size`.
Status RecordWitnessSize(HubDb& db, const std::string& name, uint64_t size);
Status RecordWitnessError(HubDb& db, const std::string& name, const std::string& error,
                          int64_t now);
// The stored cosignature lines for the checkpoint of `size`, by witness name;
// "" if none. Call inside the caller's read transaction for one snapshot.
Result<std::string> CosignatureLines(HubDb& db, uint64_t size);
// The checkpoint sizes with at least one stored cosignature, ascending
// (GET /v1/log/cosigned: how an auditor finds the witnessed sizes).
Result<std::vector<uint64_t>> CosignedSizes(HubDb& db);
// When the cosignature of `name` for `size` was made (0 if none).
Result<int64_t> CosignedAt(HubDb& db, const std::string& name, uint64_t size);

}  // namespace gongkai::hub
