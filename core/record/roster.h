// The roster record: an active administrator adds an administrator (name →
// key) or revokes one (docs/formats/records.md § Roster).
//
//   body := archive{ u16 format (=1), u8 action (1 add, 2 revoke),
//                    string name, fixed32 key, string admin, i64 at }
//
// It travels in an Envelope of kind kRoster whose signer is `admin`, signed
// by that administrator's key. For an add, `key` is the new administrator's
// public key; for a revoke, the key being withdrawn (it binds the record to
// one key, so a revocation can never be read as withdrawing a later key of
// the same name). A re-key is a revoke followed by an add of the same name.
#pragma once

#include <cstdint>
#include <string>

#include "core/base/bytes.h"
#include "core/base/status.h"
#include "core/crypto/ed25519.h"

namespace gongkai {

inline constexpr uint16_t kRosterFormat = 1;

enum class RosterAction : uint8_t {
  kAdd = 1,
  kRevoke = 2,
};

const char* RosterActionName(RosterAction action);  // "add", "revoke"

struct RosterChange {
  RosterAction action = RosterAction::kAdd;
  std::string name;   // the administrator added or revoked
  PublicKey key{};    // its key (new for an add, withdrawn for a revoke)
  std::string admin;  // who signed (= envelope signer)
  int64_t at = 0;     // unix seconds, informational

  bool operator==(const RosterChange&) const = default;
};

Bytes EncodeRosterChange(const RosterChange& r);
// Reasons: malformed, truncated, trailing_bytes, unsupported_format,
// too_long, bad_action, bad_admin_name.
Result<RosterChange> DecodeRosterChange(const Bytes& body);
// The value checks DecodeRosterChange applies (for records about to be made).
Status ValidateRosterChange(const RosterChange& r);

}  // namespace gongkai
