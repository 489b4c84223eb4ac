// The enrollment record: an administrator admits a station's key
// (docs/formats/records.md).
//
//   body := archive{ u16 format (=1), string station, string unit,
//                    fixed32 station_key, string admin, i64 enrolled_at }
//
// It travels in an Envelope of kind kEnrollment whose signer is the admin
// name and which is signed by that administrator's key. From its log entry
// on, change sets signed by station_key for `station` are accepted, for rows
// of `unit` only, until a revocation record for the station.
#pragma once

#include <string>

#include "core/base/bytes.h"
#include "core/base/status.h"
#include "core/crypto/ed25519.h"

namespace gongkai {

inline constexpr uint16_t kEnrollmentFormat = 1;

struct Enrollment {
  std::string station;
  std::string unit;
  PublicKey station_key{};
  std::string admin;
  int64_t enrolled_at = 0;  // unix seconds, informational

  bool operator==(const Enrollment&) const = default;
};

Bytes EncodeEnrollment(const Enrollment& e);
// Reasons: malformed, truncated, trailing_bytes, unsupported_format,
// too_long, bad_station_id, bad_unit, bad_admin_name.
Result<Enrollment> DecodeEnrollment(const Bytes& body);
// The value checks DecodeEnrollment applies (for records about to be made).
Status ValidateEnrollment(const Enrollment& e);

}  // namespace gongkai
