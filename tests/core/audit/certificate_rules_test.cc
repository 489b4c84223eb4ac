// The certificate rules T* of docs/formats/log-entry.md: an announcement
// counts only when the log key of the genesis signed it under the log's
// origin; it changes nothing else an auditor keeps.
#include <gtest/gtest.h>

#include "core/audit/log_verifier.h"
#include "core/record/certificate.h"
#include "tests/core/audit/log_builder.h"

namespace gongkai::audit_test {
namespace {

CertificateAnnouncement Announcement(const std::string& origin) {
  CertificateAnnouncement c;
  c.origin = origin;
  c.cert_sha256.fill(0x55);
  c.spki_sha256.fill(0x66);
  c.not_before = kT0;
  c.not_after = kT0 + 3650 * 86400;
  c.reason = "证书到期更换";
  c.announced_at = kT0 + 60;
  return c;
}

TEST(CertificateRulesTest, SignedByTheLogKeyIsAccepted) {
  LogBuilder log;
  log.leaves.push_back(Leaf(EnvelopeKind::kCertificate, kOrigin,
                            EncodeCertificateAnnouncement(Announcement(kOrigin)), log.log_key));
  log.Enroll("hongqi-01", "红旗村", 10);
  LogVerifier v;
  ASSERT_TRUE(AddAll(v, log.leaves).ok());
  EXPECT_EQ(v.size(), 3u);
}

TEST(CertificateRulesTest, SignedByAnAdministratorIsABadSignature) {
  LogBuilder log;
  log.leaves.push_back(Leaf(EnvelopeKind::kCertificate, kOrigin,
                            EncodeCertificateAnnouncement(Announcement(kOrigin)), log.admin_key));
  ExpectRefusedAt(log.leaves, 1, "bad_signature");
}

TEST(CertificateRulesTest, SignerOtherThanTheOriginIsRefused) {
  LogBuilder log;
  log.leaves.push_back(Leaf(EnvelopeKind::kCertificate, kAdmin,
                            EncodeCertificateAnnouncement(Announcement(kOrigin)), log.log_key));
  ExpectRefusedAt(log.leaves, 1, "signer_mismatch");
}

TEST(CertificateRulesTest, BodyNamingAnotherOriginIsRefused) {
  LogBuilder log;
  log.leaves.push_back(Leaf(EnvelopeKind::kCertificate, kOrigin,
                            EncodeCertificateAnnouncement(Announcement("other.example/log")),
                            log.log_key));
  ExpectRefusedAt(log.leaves, 1, "signer_mismatch");
}

TEST(CertificateRulesTest, UndecodableBodyIsRefused) {
  LogBuilder log;
  CertificateAnnouncement c = Announcement(kOrigin);
  c.not_after = c.not_before - 1;
  log.leaves.push_back(
      Leaf(EnvelopeKind::kCertificate, kOrigin, EncodeCertificateAnnouncement(c), log.log_key));
  ExpectRefusedAt(log.leaves, 1, "bad_validity");
}

}  // namespace
}  // namespace gongkai::audit_test
