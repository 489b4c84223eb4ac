// The genesis record: log entry 0 of a hub (docs/formats/records.md).
//
//   body := archive{ u16 format (=1), string origin, fixed32 log_key,
//                    string admin, fixed32 admin_key, i64 created_at }
//
// It travels in an Envelope of kind kGenesis whose signer is the origin
// (the log key's name) and which is signed by the log key itself, so the
// first leaf of the log names the key that signs every checkpoint and the
// first administrator who may enroll stations.
//
// Names introduced here and used by the other records:
//   origin      the log's C2SP origin line and log key name: 1..128 bytes of
//               printable ASCII (0x21..0x7E) except '+'
//   admin name  [a-z0-9-]{1,64}, like station ids (it names a key file)
#pragma once

#include <string>
#include <string_view>

#include "core/base/bytes.h"
#include "core/base/status.h"
#include "core/crypto/ed25519.h"

namespace gongkai {

inline constexpr uint16_t kGenesisFormat = 1;
inline constexpr size_t kMaxOriginLen = 128;
inline constexpr size_t kMaxAdminNameLen = 64;

struct Genesis {
  std::string origin;
  PublicKey log_key{};
  std::string admin;
  PublicKey admin_key{};
  int64_t created_at = 0;  // unix seconds, informational

  bool operator==(const Genesis&) const = default;
};

// InvalidArgument "bad_origin".
Status ValidateOrigin(std::string_view origin);
// InvalidArgument "bad_admin_name".
Status ValidateAdminName(std::string_view name);

Bytes EncodeGenesis(const Genesis& g);
// Reasons: malformed, truncated, trailing_bytes, unsupported_format,
// too_long, bad_origin, bad_admin_name.
Result<Genesis> DecodeGenesis(const Bytes& body);

}  // namespace gongkai
