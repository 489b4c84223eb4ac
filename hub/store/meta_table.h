// The meta table: single values describing the hub.
//   origin           text   the log origin (also the log key's name)
//   log_key          blob   the log's Ed25519 public key (32 bytes)
//   catalog_version  int    the latest approved catalog version (0 = empty)
#pragma once

#include <cstdint>
#include <string>

#include "core/base/status.h"
#include "core/crypto/ed25519.h"
#include "hub/store/hub_db.h"

namespace gongkai::hub {

struct HubMeta {
  std::string origin;
  PublicKey log_key{};
  uint64_t catalog_version = 0;
};

Status WriteMeta(HubDb& db, const HubMeta& meta);
// DataLoss "db_corrupt" if a value is missing or malformed.
Result<HubMeta> ReadMeta(HubDb& db);

}  // namespace gongkai::hub
