// The certificate fingerprint that stations pin: SHA-256 over the DER
// encoding of the leaf (first) certificate of a PEM chain, written as 64
// lowercase hex digits. The same value as
//   openssl x509 -in tls.crt -outform DER | sha256sum
#pragma once

#include <cstdint>
#include <string>

#include "core/base/bytes.h"
#include "core/base/status.h"

namespace gongkai::hub {

// InvalidArgument "bad_certificate" if no certificate can be read.
Result<Hash32> CertFingerprintFromPem(const std::string& pem);

// What a certificate announcement (core/record/certificate.h) says of a
// leaf certificate: its fingerprint, SHA-256 of its SubjectPublicKeyInfo
// DER (the same as `openssl x509 -pubkey -noout | openssl pkey -pubin
// -outform DER | sha256sum`) and its validity in Unix seconds.
struct CertFacts {
  Hash32 sha256{};
  Hash32 spki_sha256{};
  int64_t not_before = 0;
  int64_t not_after = 0;
};
// InvalidArgument "bad_certificate" if it cannot be read.
Result<CertFacts> ReadCertFacts(const std::string& pem);
// InvalidArgument "key_mismatch" if the key does not belong to the leaf
// certificate, "bad_certificate"/"bad_tls_key" if either cannot be read.
Status CheckKeyMatchesCert(const std::string& key_pem, const std::string& cert_pem);

}  // namespace gongkai::hub
