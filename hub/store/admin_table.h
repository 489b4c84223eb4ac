// The admins table: every administrator the log has named (the genesis one
// and those added by roster records), with the Ed25519 public key in force
// and, once revoked, the log entry of the revocation. The admin_roster
// table keeps every roster record (add, revoke) by log index, so who added
// or revoked whom stays visible after a re-key.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/base/status.h"
#include "core/crypto/ed25519.h"
#include "hub/store/hub_db.h"

namespace gongkai::hub {

struct AdminRecord {
  std::string name;
  PublicKey key{};
  uint64_t log_index = 0;  // the record that introduced this key
  std::optional<uint64_t> revoked_index;

  bool active() const { return !revoked_index; }
};

Status InsertAdmin(HubDb& db, const AdminRecord& admin);
Result<std::optional<AdminRecord>> FindAdmin(HubDb& db, const std::string& name);
// By name.
Result<std::vector<AdminRecord>> ListAdmins(HubDb& db);
// A re-added (re-keyed) name: new key and index, revocation lifted.
Status ReplaceAdminKey(HubDb& db, const AdminRecord& admin);
Status MarkAdminRevoked(HubDb& db, const std::string& name, uint64_t revoked_index);

struct RosterRow {
  uint64_t log_index = 0;
  std::string action;  // "add" | "revoke"
  std::string name;
  PublicKey key{};
  std::string signed_by;
  int64_t at = 0;
};
Status InsertRosterRow(HubDb& db, const RosterRow& row);
// Every roster record in log order.
Result<std::vector<RosterRow>> ListRosterRows(HubDb& db);
// Whether any administrator (now or before, any name) has held `key`.
Result<bool> AdminKeyEverUsed(HubDb& db, const PublicKey& key);

}  // namespace gongkai::hub
