// The hub's TLS certificates announced in its log (certificate records,
// docs/formats/records.md § Certificate), kept by the station once a pull
// or a catalog bundle verified them: signed by the log key of the hub's
// genesis and included under an accepted checkpoint. When the hub then
// presents one of them, the station accepts it and moves its pin
// (docs/decisions/0019-certificate-announcements.md).
//
//   hub_certificates(cert_sha256 TEXT PRIMARY KEY, spki_sha256, not_before,
//                    not_after, log_index, reason)
//
// Both functions run inside the caller's transaction.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/base/status.h"
#include "core/store/sqlite.h"

namespace gongkai::station {

extern const char* const kHubCertificatesMigration;

struct HubCertificate {
  std::string cert_sha256;  // 64 lowercase hex digits
  std::string spki_sha256;
  int64_t not_before = 0;
  int64_t not_after = 0;
  uint64_t log_index = 0;
  std::string reason;

  bool operator==(const HubCertificate&) const = default;
};

// Keeps those not kept yet (a certificate is announced once; a repeat is
// ignored).
Status StoreHubCertificates(Database& db, const std::vector<HubCertificate>& certs);
// In log order.
Result<std::vector<HubCertificate>> LoadHubCertificates(Database& db);

}  // namespace gongkai::station
