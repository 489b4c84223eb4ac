// gongkai-hub tls renew|switch as library calls (hub/tls/cert_renewal.h):
// the announcement is signed by the log key and logged; a crash between
// any two steps leaves a state the next run completes; refusals log nothing.
#include "hub/tls/cert_renewal.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>

#include "core/record/envelope.h"
#include "core/store/atomic_file.h"
#include "hub/admin/init_hub.h"
#include "hub/store/log_table.h"
#include "hub/tls/cert_fingerprint.h"
#include "tests/hub/hub_fixture.h"

namespace gongkai::hub::testing {
namespace {

class CertRenewalLibTest : public HubFixture {
 protected:
  RenewRequest Request(const std::string& reason = "证书到期更换") {
    RenewRequest r;
    r.reason = reason;
    r.now = 1700000600;
    return r;
  }
  uint64_t Size() { return LogSize(*db_).value(); }
};

TEST_F(CertRenewalLibTest, RenewLogsAnAnnouncementSignedByTheLogKey) {
  const uint64_t before = Size();
  Result<RenewOutcome> r = RenewTls(*db_, paths_, Request());
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE(r->key_changed);
  EXPECT_EQ(r->log_index, before);
  EXPECT_EQ(Size(), before + 1);
  std::string next_pem = ReadFile(paths_.tls_next_cert()).value();
  CertFacts facts = ReadCertFacts(next_pem).value();
  EXPECT_EQ(facts.sha256, r->next.sha256);
  struct stat st {};
  ASSERT_EQ(::stat(paths_.tls_next_key().c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600);

  std::optional<LogEntry> e = ReadLogEntry(*db_, r->log_index).value();
  ASSERT_TRUE(e);
  EXPECT_EQ(e->kind, EnvelopeKind::kCertificate);
  Envelope env = DecodeEnvelope(e->entry).value();
  EXPECT_EQ(env.signer, "town.example/gongkai");
  EXPECT_TRUE(VerifyEnvelope(env, identity_.log_key.key).ok());
  CertificateAnnouncement c = DecodeCertificateAnnouncement(env.body).value();
  EXPECT_EQ(c.cert_sha256, facts.sha256);
  EXPECT_EQ(c.spki_sha256, facts.spki_sha256);
  EXPECT_EQ(c.not_before, facts.not_before);
  EXPECT_EQ(c.not_after, facts.not_after);
  EXPECT_EQ(c.reason, "证书到期更换");
  // The current certificate is untouched until the switch.
  EXPECT_EQ(CertFingerprintFromPem(ReadFile(paths_.tls_cert()).value()).value(),
            identity_.cert_sha256);
}

TEST_F(CertRenewalLibTest, TheCertificateInUseIsNotAnnouncedAgain) {
  const uint64_t before = Size();
  std::string key_pem = ReadFile(paths_.tls_key()).value();
  std::string cert = tmp_.path() + "/same.crt", key = tmp_.path() + "/same.key";
  ASSERT_TRUE(WriteFileAtomic(cert, ReadFile(paths_.tls_cert()).value(), 0644).ok());
  ASSERT_TRUE(WriteFileAtomic(key, key_pem, 0600).ok());
  RenewRequest req = Request();
  req.source.cert_file = cert;
  req.source.key_file = key;
  EXPECT_EQ(RenewTls(*db_, paths_, req).status().reason(), "same_certificate");
  EXPECT_EQ(Size(), before);
  EXPECT_FALSE(std::filesystem::exists(paths_.tls_next_cert()));
}

TEST_F(CertRenewalLibTest, RefusalsLogNothing) {
  const uint64_t before = Size();
  EXPECT_EQ(RenewTls(*db_, paths_, Request("")).status().reason(), "empty_reason");
  EXPECT_EQ(RenewTls(*db_, paths_, Request("   ")).status().reason(), "empty_reason");
  EXPECT_EQ(RenewTls(*db_, paths_, Request("一\n二")).status().reason(), "control_character");
  RenewRequest half = Request();
  half.source.cert_file = paths_.tls_cert();
  EXPECT_EQ(RenewTls(*db_, paths_, half).status().reason(), "tls_files_incomplete");
  EXPECT_EQ(Size(), before);
  EXPECT_FALSE(std::filesystem::exists(paths_.tls_next_cert()));
  EXPECT_EQ(SwitchTls(*db_, paths_).status().reason(), "no_renewal");

  ASSERT_TRUE(RenewTls(*db_, paths_, Request()).ok());
  EXPECT_EQ(RenewTls(*db_, paths_, Request()).status().reason(), "renewal_pending");
  EXPECT_EQ(Size(), before + 1);
}

TEST_F(CertRenewalLibTest, SwitchKeepsTheOldPairAndServesTheNew) {
  std::string old_cert = ReadFile(paths_.tls_cert()).value();
  std::string old_key = ReadFile(paths_.tls_key()).value();
  RenewOutcome r = RenewTls(*db_, paths_, Request()).value();
  std::string next_key = ReadFile(paths_.tls_next_key()).value();
  Result<SwitchOutcome> s = SwitchTls(*db_, paths_);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->now.sha256, r.next.sha256);
  EXPECT_EQ(s->before.sha256, identity_.cert_sha256);
  EXPECT_EQ(s->announced_at_index, r.log_index);
  EXPECT_EQ(ReadFile(paths_.tls_key()).value(), next_key);
  EXPECT_TRUE(
      CheckKeyMatchesCert(ReadFile(paths_.tls_key()).value(), ReadFile(paths_.tls_cert()).value())
          .ok());
  EXPECT_EQ(ReadFile(paths_.tls_old_cert()).value(), old_cert);
  EXPECT_EQ(ReadFile(paths_.tls_old_key()).value(), old_key);
  EXPECT_FALSE(std::filesystem::exists(paths_.tls_next_key()));
  EXPECT_FALSE(std::filesystem::exists(paths_.tls_next_cert()));
  TlsState st = ReadTlsState(*db_, paths_).value();
  EXPECT_EQ(st.current.sha256, r.next.sha256);
  EXPECT_FALSE(st.next);
  ASSERT_EQ(st.announced.size(), 1u);
}

TEST_F(CertRenewalLibTest, ASwitchStoppedAfterTheKeyIsCompletedByTheNextRun) {
  std::string old_cert = ReadFile(paths_.tls_cert()).value();
  RenewOutcome r = RenewTls(*db_, paths_, Request()).value();
  // What a crash right after writing tls.key leaves: old copies, new key,
  // old certificate, next files still there.
  std::string next_key = ReadFile(paths_.tls_next_key()).value();
  ASSERT_TRUE(WriteFileAtomic(paths_.tls_old_cert(), old_cert, 0644).ok());
  ASSERT_TRUE(WriteFileAtomic(paths_.tls_old_key(), ReadFile(paths_.tls_key()).value(), 0600).ok());
  ASSERT_TRUE(WriteFileAtomic(paths_.tls_key(), next_key, 0600).ok());
  Result<SwitchOutcome> s = SwitchTls(*db_, paths_);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->now.sha256, r.next.sha256);
  EXPECT_EQ(ReadFile(paths_.tls_old_cert()).value(), old_cert);  // not overwritten
  EXPECT_EQ(CertFingerprintFromPem(ReadFile(paths_.tls_cert()).value()).value(), r.next.sha256);
  EXPECT_TRUE(CheckKeyMatchesCert(next_key, ReadFile(paths_.tls_cert()).value()).ok());
}

TEST_F(CertRenewalLibTest, AnUnannouncedWaitingPairIsNotSwitchedToAndRenewReplacesIt) {
  // What a crash between writing tls-next.* and logging leaves.
  TlsKeyPair stray = MakeSelfSignedCert("gongkai-hub", {}, 30).value();
  ASSERT_TRUE(WriteFileAtomic(paths_.tls_next_key(), stray.key_pem, 0600).ok());
  ASSERT_TRUE(WriteFileAtomic(paths_.tls_next_cert(), stray.cert_pem, 0644).ok());
  EXPECT_EQ(SwitchTls(*db_, paths_).status().reason(), "not_announced");
  EXPECT_EQ(CertFingerprintFromPem(ReadFile(paths_.tls_cert()).value()).value(),
            identity_.cert_sha256);
  TlsState st = ReadTlsState(*db_, paths_).value();
  ASSERT_TRUE(st.next);
  EXPECT_FALSE(st.next_announced);

  Result<RenewOutcome> r = RenewTls(*db_, paths_, Request());
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_NE(r->next.sha256, CertFingerprintFromPem(stray.cert_pem).value());
  EXPECT_TRUE(SwitchTls(*db_, paths_).ok());
}

}  // namespace
}  // namespace gongkai::hub::testing
