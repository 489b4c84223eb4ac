// The certificate announcement: the hub's log key vouches for a TLS
// certificate the hub will present (docs/formats/records.md § Certificate,
// docs/decisions/0019-certificate-announcements.md).
//
//   body := archive{ u16 format (=1), string origin, fixed32 cert_sha256,
//                    fixed32 spki_sha256, i64 not_before, i64 not_after,
//                    string reason, i64 announced_at }
//
// It travels in an Envelope of kind kCertificate whose signer is the origin
// and which is signed by the log key (the key of the genesis, which every
// station and auditor already holds). `cert_sha256` is what stations pin:
// SHA-256 of the leaf certificate's DER; `spki_sha256` is SHA-256 of its
// SubjectPublicKeyInfo DER (tells whether the key changed); the validity
// window is the certificate's own notBefore/notAfter.
#pragma once

#include <cstdint>
#include <string>

#include "core/base/bytes.h"
#include "core/base/status.h"

namespace gongkai {

inline constexpr uint16_t kCertificateFormat = 1;
inline constexpr size_t kMaxCertificateReasonChars = 500;

struct CertificateAnnouncement {
  std::string origin;      // the log's origin (= envelope signer)
  Hash32 cert_sha256{};    // SHA-256(DER of the leaf certificate)
  Hash32 spki_sha256{};    // SHA-256(DER of its SubjectPublicKeyInfo)
  int64_t not_before = 0;  // the certificate's validity, Unix seconds
  int64_t not_after = 0;
  std::string reason;        // 1–500 code points, one line
  int64_t announced_at = 0;  // informational

  bool operator==(const CertificateAnnouncement&) const = default;
};

Bytes EncodeCertificateAnnouncement(const CertificateAnnouncement& c);
// Reasons: malformed, truncated, trailing_bytes, unsupported_format,
// too_long, bad_origin, bad_validity, empty_reason, invalid_utf8,
// control_character.
Result<CertificateAnnouncement> DecodeCertificateAnnouncement(const Bytes& body);
// The value checks DecodeCertificateAnnouncement applies.
Status ValidateCertificateAnnouncement(const CertificateAnnouncement& c);

}  // namespace gongkai
