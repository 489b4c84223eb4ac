// Loading an administrator's signing key from the data directory
// (D/admins/NAME.key). The key file must be private to its owner (no group
// or other permission bits, as ssh insists) and its public key must be the
// one the hub has on record for that administrator.
#pragma once

#include <string>
#include <vector>

#include "core/base/status.h"
#include "core/crypto/ed25519.h"
#include "hub/store/hub_db.h"
#include "hub/store/hub_paths.h"

namespace gongkai::hub {

struct AdminSigner {
  std::string name;
  PrivateKey key;
};

// name may be empty when the hub has exactly one active administrator.
// Reasons: no_admin_key, several_admins (give --as), bad_admin_name,
// key_permissions, unknown_admin, admin_key_mismatch, admin_revoked.
// A key made password-protected by `gongkai-hub admin passwd`
// (D/admins/NAME.key.enc) is unlocked with GONGKAI_ADMIN_PASSWORD or a
// password asked on the terminal (hub/admin/admin_password.h).
Result<AdminSigner> LoadAdminSigner(HubDb& db, const HubPaths& paths, const std::string& name);

// Administrators with a key file in D/admins (NAME.key or NAME.key.enc), sorted.
Result<std::vector<std::string>> AdminKeyNames(const HubPaths& paths);

}  // namespace gongkai::hub
