// The revocation record: an administrator withdraws a station's key
// (docs/formats/records.md).
//
//   body := archive{ u16 format (=1), string station, string reason,
//                    string admin, i64 revoked_at }
//
// It travels in an Envelope of kind kRevocation whose signer is the admin
// name and which is signed by that administrator's key. From its log entry
// on, the hub accepts no new change set from the station. A station id is
// never enrolled again after its revocation.
#pragma once

#include <string>

#include "core/base/bytes.h"
#include "core/base/status.h"

namespace gongkai {

inline constexpr uint16_t kRevocationFormat = 1;
inline constexpr size_t kMaxRevocationReasonChars = 500;

struct Revocation {
  std::string station;
  std::string reason;  // why, for the log's readers (UTF-8, one line)
  std::string admin;
  int64_t revoked_at = 0;  // unix seconds, informational

  bool operator==(const Revocation&) const = default;
};

Bytes EncodeRevocation(const Revocation& r);
// Reasons: malformed, truncated, trailing_bytes, unsupported_format,
// too_long, bad_station_id, empty_reason, invalid_utf8, control_character,
// bad_admin_name.
Result<Revocation> DecodeRevocation(const Bytes& body);
// The value checks DecodeRevocation applies (for records about to be made).
Status ValidateRevocation(const Revocation& r);

}  // namespace gongkai
