// A hub's TLS key and certificate, given as files (both or neither) or
// made self-signed (hub/tls/self_signed_cert.h): `gongkai-hub init` and
// `gongkai-hub tls renew` take the same flags (--tls-cert F --tls-key F,
// --tls-san NAME…, --days N).
#pragma once

#include <string>
#include <vector>

#include "core/base/status.h"
#include "hub/tls/self_signed_cert.h"

namespace gongkai::hub {

struct TlsSource {
  std::string cert_file;  // both or neither
  std::string key_file;
  std::vector<std::string> san;  // extra names for a self-signed certificate
  int days = 3650;
};

// Reasons: tls_files_incomplete, bad_certificate, bad_tls_key, key_mismatch,
// bad_san, file errors.
Result<TlsKeyPair> TlsMaterial(const TlsSource& source);

}  // namespace gongkai::hub
