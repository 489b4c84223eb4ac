// Administrator passwords (docs/decisions/0005-admin-web-keys.md):
// setting one turns the administrator's plaintext key D/admins/NAME.key
// into D/admins/NAME.key.enc (docs/formats/admin-key.md) and removes the
// plaintext file; signing in to the web pages unlocks that file.
#pragma once

#include <mutex>
#include <optional>
#include <string>

#include "core/base/status.h"
#include "hub/admin/admin_signer.h"
#include "hub/admin/password_kdf.h"
#include "hub/store/hub_db.h"
#include "hub/store/hub_paths.h"

namespace gongkai::hub {

struct PasswdRequest {
  std::string admin;  // may be empty when the hub has one administrator key
  std::string new_password;
  std::string current_password;  // needed when the key is already encrypted
  ScryptParams params;
  bool keep_plaintext = false;  // leave D/admins/NAME.key in place
};

struct PasswdOutcome {
  std::string admin;
  std::string encrypted_path;
  bool removed_plaintext = false;
};

// Reasons: those of LoadAdminSigner, CheckNewPassword, wrong_password (the
// current password of an already encrypted key), and file errors.
Result<PasswdOutcome> SetAdminPassword(HubDb& db, const HubPaths& paths, const PasswdRequest& req);

// Web sign-in: the administrator's key, unlocked with `password` and
// checked against the admins table. Unauthenticated "wrong_password" for a
// wrong password, an unknown administrator, or one with no password set
// (a scrypt runs in every case, so the answer time does not tell which).
// With db_mu, only the admins-table check holds it: the scrypt runs
// outside the lock, so other pages do not wait for a sign-in.
Result<AdminSigner> UnlockAdminWithPassword(HubDb& db, const HubPaths& paths,
                                            const std::string& admin, const std::string& password,
                                            std::mutex* db_mu = nullptr);

// For LoadAdminSigner: the encrypted key of `name`, unlocked with the
// password in GONGKAI_ADMIN_PASSWORD or asked on the terminal.
Result<PrivateKey> UnlockEncryptedKeyForCommand(const std::string& path, const std::string& name);

}  // namespace gongkai::hub
