// A self-signed TLS certificate for the hub, made at `gongkai-hub init`.
//
// Key: ECDSA P-256 (every TLS client speaks it). Certificate: X.509 v3,
// SHA-256 signature, random 128-bit serial, valid from one hour ago for
// `days`, subject and issuer CN=<common_name>, basicConstraints CA:FALSE,
// keyUsage digitalSignature, extendedKeyUsage serverAuth, and a
// subjectAltName holding DNS:localhost, IP:127.0.0.1, IP:::1 and every extra
// name given (an IPv4/IPv6 literal becomes an IP entry, anything else a DNS
// entry), so `curl --cacert tls.crt https://127.0.0.1:PORT/` verifies.
// Stations do not rely on names: they pin the certificate's SHA-256.
#pragma once

#include <string>
#include <vector>

#include "core/base/status.h"

namespace gongkai::hub {

struct TlsKeyPair {
  std::string key_pem;   // PKCS#8 PEM — secret
  std::string cert_pem;  // X.509 PEM
};

// InvalidArgument "bad_san" for an extra name with characters other than
// letters, digits, '-', '.', ':' and '*'.
Result<TlsKeyPair> MakeSelfSignedCert(const std::string& common_name,
                                      const std::vector<std::string>& extra_names, int days);

}  // namespace gongkai::hub
