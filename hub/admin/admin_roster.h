// The administrator roster (docs/hub.md § Administrators,
// docs/formats/records.md § Roster): an active administrator adds another
// (a fresh key, sealed under the new administrator's password in
// D/admins/NAME.key.enc), revokes one, or re-keys one whose password is
// lost (revoke + add under the same name, two log entries, one
// transaction). Each change is a roster record signed by the acting
// administrator and appended to the log in the same transaction as the
// admins table change; nothing is written when any step fails. The last
// active administrator cannot be revoked.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/base/status.h"
#include "hub/admin/admin_signer.h"
#include "hub/admin/password_kdf.h"
#include "hub/store/admin_table.h"
#include "hub/store/hub_db.h"
#include "hub/store/hub_paths.h"

namespace gongkai::hub {

// The signer must be an administrator on record, holding the key in force
// and not revoked. PermissionDenied: unknown_admin, admin_key_mismatch,
// admin_revoked. Every signing path (approve, reject, resolve, station
// add|revoke, roster changes, the web) calls it inside its transaction.
Status RequireActiveAdmin(HubDb& db, const std::string& name, const PublicKey& key);
inline Status RequireActiveAdmin(HubDb& db, const AdminSigner& s) {
  return RequireActiveAdmin(db, s.name, s.key.public_key());
}

struct NewAdminKey {
  std::string name;
  std::string password;  // seals D/admins/NAME.key.enc (CheckNewPassword rules)
  ScryptParams params;
};

struct RosterOutcome {
  std::string name;
  PublicKey key{};
  std::optional<uint64_t> revoke_index;  // revoke, re-key
  std::optional<uint64_t> add_index;     // add, re-key
  std::string key_file;                  // add, re-key: D/admins/NAME.key.enc
};

// Reasons: RequireActiveAdmin's, bad_admin_name, admin_exists (AlreadyExists:
// the name is active — use re-key), weak-password reasons, file errors.
Result<RosterOutcome> AddAdmin(HubDb& db, const HubPaths& paths, const AdminSigner& signer,
                               const NewAdminKey& add, int64_t now);
// Reasons: RequireActiveAdmin's, unknown_admin (NotFound), already_revoked,
// last_admin (FailedPrecondition).
Result<RosterOutcome> RevokeAdmin(HubDb& db, const AdminSigner& signer, const std::string& name,
                                  int64_t now);
// Revoke + add of `add.name` with a new key. Reasons: as above, and
// rekey_self (an administrator who knows the password uses `admin passwd`;
// another active administrator re-keys a lost one).
Result<RosterOutcome> RekeyAdmin(HubDb& db, const HubPaths& paths, const AdminSigner& signer,
                                 const NewAdminKey& add, int64_t now);

// One administrator as `admin list` shows it.
struct AdminListing {
  AdminRecord admin;
  std::string added_by;  // "" for the genesis administrator
  std::optional<std::string> revoked_by;
};
Result<std::vector<AdminListing>> ListAdminRoster(HubDb& db);
// Names of the active administrators, sorted.
Result<std::vector<std::string>> ActiveAdminNames(HubDb& db);

}  // namespace gongkai::hub
