// The admins table: administrators who may sign enrollments, revocations
// and (later) approvals, with their Ed25519 public keys.
#pragma once

#include <optional>
#include <string>

#include "core/base/status.h"
#include "core/crypto/ed25519.h"
#include "hub/store/hub_db.h"

namespace gongkai::hub {

struct AdminRecord {
  std::string name;
  PublicKey key{};
  uint64_t log_index = 0;  // the record that introduced this administrator
};

Status InsertAdmin(HubDb& db, const AdminRecord& admin);
Result<std::optional<AdminRecord>> FindAdmin(HubDb& db, const std::string& name);

}  // namespace gongkai::hub
