// `gongkai-hub init`: make a hub's data directory (layout in
// hub/store/hub_paths.h) — the log key, the TLS key and certificate
// (self-signed unless given), the first administrator's key, and the
// database whose log entry 0 is the genesis record signed by the log key.
//
// The directory must not exist or be empty: init never overwrites a key.
// The database is written last, in one transaction, so a directory with a
// hub.db holding a genesis entry is a complete hub.
#pragma once

#include <string>
#include <vector>

#include "core/base/bytes.h"
#include "core/base/status.h"
#include "core/crypto/verifier_key.h"
#include "hub/store/hub_paths.h"

namespace gongkai::hub {

struct InitOptions {
  std::string dir;
  std::string origin;
  std::string admin;
  std::string tls_cert_file;  // both or neither
  std::string tls_key_file;
  std::vector<std::string> tls_san;  // extra names for a self-signed cert
  int cert_days = 3650;
  int64_t now = 0;
};

// What stations and auditors need to know about a hub.
struct HubIdentity {
  std::string origin;
  VerifierKey log_key;    // name = origin
  std::string admin;      // the first administrator
  VerifierKey admin_key;  // name = admin
  Hash32 cert_sha256{};   // of the leaf certificate's DER
};

// Reasons: bad_origin, bad_admin_name, dir_not_empty, already_initialized,
// tls_files_incomplete, bad_certificate, bad_tls_key, key_mismatch, bad_san,
// and file errors.
Result<HubIdentity> InitHub(const InitOptions& opts);
// Reads the identity of an initialized hub (for `gongkai-hub info`).
Result<HubIdentity> ReadHubIdentity(const HubPaths& paths);

}  // namespace gongkai::hub
