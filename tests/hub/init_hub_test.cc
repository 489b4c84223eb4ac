// gongkai-hub init as a library call: files, modes, the genesis record,
// and refusals that leave nothing behind.
#include "hub/admin/init_hub.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <functional>

#include "core/record/genesis.h"
#include "core/store/atomic_file.h"
#include "hub/store/log_table.h"
#include "hub/tls/cert_fingerprint.h"
#include "hub/tls/self_signed_cert.h"
#include "tests/hub/hub_fixture.h"

namespace gongkai::hub::testing {
namespace {

InitOptions Options(const std::string& dir) {
  InitOptions o;
  o.dir = dir;
  o.origin = "town.example/gongkai";
  o.admin = "zhang";
  o.now = 1700000000;
  return o;
}

int Mode(const std::string& path) {
  struct stat st;
  EXPECT_EQ(::stat(path.c_str(), &st), 0) << path;
  return st.st_mode & 0777;
}

TEST(InitHubTest, MakesKeysCertificateAndGenesis) {
  TempDir tmp;
  std::string dir = tmp.path() + "/hub";
  Result<HubIdentity> id = InitHub(Options(dir));
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  HubPaths p{dir};
  EXPECT_EQ(Mode(p.log_key()), 0600);
  EXPECT_EQ(Mode(p.tls_key()), 0600);
  EXPECT_EQ(Mode(p.admin_key("zhang")), 0600);
  EXPECT_EQ(Mode(dir), 0700);
  EXPECT_EQ(id->log_key.name, "town.example/gongkai");
  EXPECT_EQ(id->admin_key.name, "zhang");

  // The fingerprint is SHA-256 of the certificate's DER.
  std::string pem = ReadFile(p.tls_cert()).value();
  EXPECT_EQ(CertFingerprintFromPem(pem).value(), id->cert_sha256);

  // Log entry 0 is the genesis record, signed by the log key.
  HubDb db = HubDb::Open(p.db()).value();
  std::optional<LogEntry> e0 = ReadLogEntry(db, 0).value();
  ASSERT_TRUE(e0);
  EXPECT_EQ(e0->kind, EnvelopeKind::kGenesis);
  Envelope env = DecodeEnvelope(e0->entry).value();
  EXPECT_EQ(env.signer, "town.example/gongkai");
  EXPECT_TRUE(VerifyEnvelope(env, id->log_key.key).ok());
  Genesis g = DecodeGenesis(env.body).value();
  EXPECT_EQ(g.origin, "town.example/gongkai");
  EXPECT_EQ(g.log_key, id->log_key.key);
  EXPECT_EQ(g.admin, "zhang");
  EXPECT_EQ(g.admin_key, id->admin_key.key);
  EXPECT_EQ(LogSize(db).value(), 1u);

  // info reads the same identity back.
  Result<HubIdentity> again = ReadHubIdentity(p);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(again->log_key.ToString(), id->log_key.ToString());
  EXPECT_EQ(again->cert_sha256, id->cert_sha256);
}

TEST(InitHubTest, RefusesAnInitializedDirectory) {
  TempDir tmp;
  std::string dir = tmp.path() + "/hub";
  ASSERT_TRUE(InitHub(Options(dir)).ok());
  EXPECT_EQ(InitHub(Options(dir)).status().reason(), "already_initialized");
}

TEST(InitHubTest, RefusesANonEmptyDirectory) {
  TempDir tmp;
  ASSERT_TRUE(WriteFileAtomic(tmp.path() + "/notes.txt", "x", 0644).ok());
  EXPECT_EQ(InitHub(Options(tmp.path())).status().reason(), "dir_not_empty");
}

// InitHub with one option spoiled is refused with `reason` before it
// writes anything: not even the hub directory is made.
void ExpectRefusedWritingNothing(const std::function<void(InitOptions&)>& spoil,
                                 const std::string& reason) {
  TempDir tmp;
  std::string dir = tmp.path() + "/hub";
  InitOptions o = Options(dir);
  spoil(o);
  EXPECT_EQ(InitHub(o).status().reason(), reason);
  EXPECT_FALSE(std::filesystem::exists(dir));
}

TEST(InitHubTest, BadOriginWritesNothing) {
  ExpectRefusedWritingNothing([](InitOptions& o) { o.origin = "town example"; }, "bad_origin");
}

TEST(InitHubTest, BadAdminNameWritesNothing) {
  ExpectRefusedWritingNothing([](InitOptions& o) { o.admin = "../evil"; }, "bad_admin_name");
}

TEST(InitHubTest, UsesGivenCertificateAndKey) {
  TempDir tmp;
  TlsKeyPair pair = MakeSelfSignedCert("hub.example", {"hub.example", "10.0.0.5"}, 30).value();
  ASSERT_TRUE(WriteFileAtomic(tmp.path() + "/c.pem", pair.cert_pem, 0644).ok());
  ASSERT_TRUE(WriteFileAtomic(tmp.path() + "/k.pem", pair.key_pem, 0600).ok());
  InitOptions o = Options(tmp.path() + "/hub");
  o.tls_cert_file = tmp.path() + "/c.pem";
  o.tls_key_file = tmp.path() + "/k.pem";
  Result<HubIdentity> id = InitHub(o);
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  EXPECT_EQ(id->cert_sha256, CertFingerprintFromPem(pair.cert_pem).value());
  EXPECT_EQ(ReadFile(o.dir + "/tls.crt").value(), pair.cert_pem);
  EXPECT_EQ(Mode(o.dir + "/tls.key"), 0600);
}

TEST(InitHubTest, RefusesAKeyThatDoesNotMatchTheCertificate) {
  TempDir tmp;
  TlsKeyPair a = MakeSelfSignedCert("a", {}, 30).value();
  TlsKeyPair b = MakeSelfSignedCert("b", {}, 30).value();
  ASSERT_TRUE(WriteFileAtomic(tmp.path() + "/c.pem", a.cert_pem, 0644).ok());
  ASSERT_TRUE(WriteFileAtomic(tmp.path() + "/k.pem", b.key_pem, 0600).ok());
  InitOptions o = Options(tmp.path() + "/hub");
  o.tls_cert_file = tmp.path() + "/c.pem";
  o.tls_key_file = tmp.path() + "/k.pem";
  EXPECT_EQ(InitHub(o).status().reason(), "key_mismatch");
  EXPECT_FALSE(std::filesystem::exists(o.dir));
}

TEST(InitHubTest, RefusesACertificateWithoutItsKey) {
  TempDir tmp;
  InitOptions o = Options(tmp.path() + "/hub");
  o.tls_cert_file = tmp.path() + "/c.pem";
  EXPECT_EQ(InitHub(o).status().reason(), "tls_files_incomplete");
}

TEST(SelfSignedCertTest, RefusesAStrangeName) {
  EXPECT_EQ(MakeSelfSignedCert("x", {"bad name"}, 30).status().reason(), "bad_san");
}

}  // namespace
}  // namespace gongkai::hub::testing
