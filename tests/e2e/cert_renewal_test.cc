// Renewing the hub's TLS certificate without visiting the villages
// (docs/operations.md § Renewing the TLS certificate,
// docs/decisions/0019-certificate-announcements.md): a real hub, real
// stations, real TLS on loopback, the real auditor.
//
//   - the hub announces a new certificate (signed by its log key), the
//     station pulls the announcement, the hub switches, the station follows
//     (its pin moves) and keeps syncing; the auditor accepts the log;
//   - a hub presenting an unannounced certificate is refused
//     (cert_pin_mismatch, exit 5), the pin unchanged and nothing written;
//   - a station that missed the announcement learns it from a catalog USB
//     bundle, then follows;
//   - an announcement not signed by the log key (written into the hub's
//     store behind its back) is refused on pull (bad_signature) and by
//     `gongkai-audit verify` at its index; the station does not trust it;
//   - an expired certificate is refused (cert_expired, exit 5).
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <filesystem>
#include <fstream>
#include <string>

#include "core/base/hex.h"
#include "core/crypto/ed25519.h"
#include "core/record/certificate.h"
#include "core/record/envelope.h"
#include "core/store/atomic_file.h"
#include "core/store/sqlite.h"
#include "hub/store/hub_db.h"
#include "hub/store/log_table.h"
#include "hub/tls/cert_fingerprint.h"
#include "hub/tls/self_signed_cert.h"
#include "tests/testing/sql_file.h"
#include "tests/testing/town.h"

namespace gongkai::testing {
namespace {

namespace json = boost::json;

class CertRenewalTest : public TownTest {
 protected:
  std::string Pin(const std::string& dir) {
    json::value c = town_.StationJson({"config", "--dir", dir});
    return std::string(c.at("hub").at("cert_sha256").as_string());
  }
  Hash32 StationDigest(const std::string& dir) {
    return TablesDigest(dir + "/station.db",
                        {"station", "approved_rows", "outbox", "accepted_checkpoints", "log_alarms",
                         "hub_genesis", "hub_certificates"});
  }
  int64_t Announced(const std::string& dir) {
    return CountRows(dir + "/station.db", "hub_certificates");
  }
  // Restarts serve on the same port (it reads tls.key/tls.crt at start).
  void Restart() {
    uint16_t port = town_.serve().port();
    EXPECT_EQ(town_.Stop(), 0);
    ASSERT_TRUE(town_.Serve({}, port));
  }
  RunResult Verify(const std::string& pin) {
    return town_.Audit({"verify", "--hub", town_.url(), "--hub-cert-sha256", pin, "--hub-key",
                        town_.log_key(), "--json"});
  }
  // A fresh self-signed pair written over the hub's tls.key/tls.crt;
  // its fingerprint.
  std::string ReplaceHubCertificate(int days) {
    Result<hub::TlsKeyPair> pair = hub::MakeSelfSignedCert("gongkai-hub", {}, days);
    EXPECT_TRUE(pair.ok());
    EXPECT_TRUE(WriteFileAtomic(town_.hub_dir() + "/tls.key", pair->key_pem, 0600).ok());
    EXPECT_TRUE(WriteFileAtomic(town_.hub_dir() + "/tls.crt", pair->cert_pem, 0644).ok());
    return HexEncode(*hub::CertFingerprintFromPem(pair->cert_pem));
  }
  uint64_t HubLogSize() {
    Result<hub::HubDb> db = hub::HubDb::Open(town_.hub_db());
    EXPECT_TRUE(db.ok());
    return db.ok() ? hub::LogSize(*db).value() : 0;
  }

  const std::string hub_dir_ = town_.hub_dir();
};

TEST_F(CertRenewalTest, StationPullsTheAnnouncementAndFollowsTheSwitch) {
  std::string hongqi = town_.AddStation("hongqi-01", "红旗村");
  town_.AddRow(hongqi, "财务收支");
  town_.StationJson({"sync", "--dir", hongqi});
  const std::string old_pin = town_.cert_sha256();

  // renew: a new pair waits in tls-next.*, announced in the log.
  json::object renewed =
      town_.HubJson({"tls", "renew", "--dir", hub_dir_, "--reason", "证书到期更换"}).as_object();
  const std::string new_pin(renewed.at("cert_sha256").as_string());
  EXPECT_NE(new_pin, old_pin);
  EXPECT_TRUE(renewed.at("key_changed").as_bool());
  EXPECT_TRUE(std::filesystem::exists(hub_dir_ + "/tls-next.crt"));
  json::object status = town_.HubJson({"tls", "status", "--dir", hub_dir_}).as_object();
  EXPECT_EQ(status.at("current").at("cert_sha256").as_string(), old_pin);
  EXPECT_EQ(status.at("next").at("cert_sha256").as_string(), new_pin);
  EXPECT_EQ(status.at("next").at("log_index"), renewed.at("log_index"));
  ASSERT_EQ(status.at("announced").as_array().size(), 1u);

  // A second renew before the switch is refused; nothing is logged.
  uint64_t size = HubLogSize();
  RunResult again = town_.Hub({"tls", "renew", "--dir", hub_dir_, "--reason", "再来一次"});
  EXPECT_EQ(again.exit_code, 1) << again.err;
  EXPECT_NE(again.err.find("[renewal_pending]"), std::string::npos) << again.err;
  EXPECT_EQ(HubLogSize(), size);

  // The station pulls the announcement; its pin stays until the hub switches.
  json::object pulled = town_.StationJson({"sync", "--dir", hongqi}).as_object();
  EXPECT_EQ(pulled.at("pull").at("certificates").as_int64(), 1);
  EXPECT_FALSE(pulled.contains("pin_moved_to"));
  EXPECT_EQ(Announced(hongqi), 1);
  EXPECT_EQ(Pin(hongqi), old_pin);

  // switch, restart: the hub presents the announced certificate.
  json::object switched = town_.HubJson({"tls", "switch", "--dir", hub_dir_}).as_object();
  EXPECT_EQ(switched.at("now").at("cert_sha256").as_string(), new_pin);
  EXPECT_EQ(switched.at("before").at("cert_sha256").as_string(), old_pin);
  EXPECT_FALSE(std::filesystem::exists(hub_dir_ + "/tls-next.crt"));
  EXPECT_TRUE(std::filesystem::exists(hub_dir_ + "/tls-old.crt"));
  RunResult nothing = town_.Hub({"tls", "switch", "--dir", hub_dir_});
  EXPECT_EQ(nothing.exit_code, 1);
  EXPECT_NE(nothing.err.find("[no_renewal]"), std::string::npos) << nothing.err;
  Restart();

  // The station follows: its pin moves, and it syncs as before.
  town_.AddRow(hongqi, "集体经济收益分配");
  json::object followed = town_.StationJson({"sync", "--dir", hongqi}).as_object();
  EXPECT_EQ(followed.at("pin_moved_to").as_string(), new_pin);
  EXPECT_EQ(followed.at("outcome").as_string(), "delivered");
  EXPECT_EQ(followed.at("accepted").as_int64(), 1);
  EXPECT_EQ(Pin(hongqi), new_pin);
  town_.HubJson({"approve", "--dir", hub_dir_, "--all"});
  json::object next = town_.StationJson({"sync", "--dir", hongqi}).as_object();
  EXPECT_FALSE(next.contains("pin_moved_to"));
  EXPECT_EQ(next.at("pull").at("to_version").as_int64(), 1);

  // The auditor accepts the log with its certificate record (rules T).
  RunResult audit = Verify(new_pin);
  EXPECT_EQ(audit.exit_code, 0) << audit.out << audit.err;
  // The old pin no longer reaches the hub.
  RunResult stale = Verify(old_pin);
  EXPECT_NE(stale.exit_code, 0) << stale.err;
  EXPECT_NE(stale.err.find("[cert_pin_mismatch]"), std::string::npos) << stale.err;
}

TEST_F(CertRenewalTest, AnUnannouncedCertificateIsRefusedAndNothingIsWritten) {
  std::string hongqi = town_.AddStation("hongqi-01", "红旗村");
  town_.AddRow(hongqi, "财务收支");
  town_.StationJson({"sync", "--dir", hongqi});
  const std::string old_pin = town_.cert_sha256();

  std::string other = ReplaceHubCertificate(3650);
  Restart();
  Hash32 before = StationDigest(hongqi);
  RunResult r = town_.Station({"sync", "--dir", hongqi});
  EXPECT_EQ(r.exit_code, 5) << r.out << r.err;
  EXPECT_NE(r.err.find("[cert_pin_mismatch]"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(other), std::string::npos) << r.err;  // what it was shown
  EXPECT_NE(r.err.find("没有公告过"), std::string::npos) << r.err;
  EXPECT_EQ(Pin(hongqi), old_pin);
  EXPECT_EQ(StationDigest(hongqi), before);
}

TEST_F(CertRenewalTest, AStationThatMissedTheAnnouncementLearnsItFromABundle) {
  std::string hongqi = town_.AddStation("hongqi-01", "红旗村");
  town_.StationJson({"sync", "--dir", hongqi});
  json::object renewed =
      town_.HubJson({"tls", "renew", "--dir", hub_dir_, "--reason", "更换服务器"}).as_object();
  const std::string new_pin(renewed.at("cert_sha256").as_string());
  town_.HubJson({"tls", "switch", "--dir", hub_dir_});
  Restart();

  // Offline during the announcement: the new certificate is unknown to it.
  RunResult refused = town_.Station({"sync", "--dir", hongqi});
  EXPECT_EQ(refused.exit_code, 5) << refused.err;
  EXPECT_NE(refused.err.find("[cert_pin_mismatch]"), std::string::npos) << refused.err;

  // The USB round trip (the village's stick first, so the town's answer
  // proves consistency with what the station verified): the town's catalog
  // bundle carries the announcement.
  std::string up = tmp_.path() + "/hongqi-to-town.gkb";
  ASSERT_EQ(town_.Station({"bundle", "export", "--dir", hongqi, up}).exit_code, 0);
  RunResult taken = town_.Hub({"bundle", "import", "--dir", hub_dir_, up});
  ASSERT_EQ(taken.exit_code, 0) << taken.err;
  std::string down = tmp_.path() + "/town-to-hongqi.gkb";
  RunResult exported =
      town_.Hub({"bundle", "export", "--dir", hub_dir_, "--station", "hongqi-01", down});
  ASSERT_EQ(exported.exit_code, 0) << exported.err;
  RunResult imported = town_.Station({"bundle", "import", "--dir", hongqi, down});
  ASSERT_EQ(imported.exit_code, 0) << imported.out << imported.err;
  EXPECT_EQ(Announced(hongqi), 1);

  json::object followed = town_.StationJson({"sync", "--dir", hongqi}).as_object();
  EXPECT_EQ(followed.at("pin_moved_to").as_string(), new_pin);
  EXPECT_EQ(Pin(hongqi), new_pin);
}

TEST_F(CertRenewalTest, AnAnnouncementNotSignedByTheLogKeyIsRefused) {
  std::string hongqi = town_.AddStation("hongqi-01", "红旗村");
  town_.StationJson({"sync", "--dir", hongqi});
  const std::string old_pin = town_.cert_sha256();

  // A certificate announcement signed by some other key, appended to the
  // hub's store behind its back (a stolen TLS key without the log key).
  uint16_t port = town_.serve().port();
  EXPECT_EQ(town_.Stop(), 0);
  Result<hub::TlsKeyPair> pair = hub::MakeSelfSignedCert("gongkai-hub", {}, 3650);
  ASSERT_TRUE(pair.ok());
  hub::CertFacts facts = *hub::ReadCertFacts(pair->cert_pem);
  uint64_t forged_index = 0;
  {
    Result<hub::HubDb> db = hub::HubDb::Open(town_.hub_db());
    ASSERT_TRUE(db.ok());
    CertificateAnnouncement c{
        "baofeng.example/gongkai", facts.sha256, facts.spki_sha256, facts.not_before,
        facts.not_after,           "伪造",       1700000000};
    PrivateKey wrong = *PrivateKey::Generate();
    Envelope env =
        SignEnvelope(EnvelopeKind::kCertificate, c.origin, EncodeCertificateAnnouncement(c), wrong);
    Transaction tx(db->db());
    ASSERT_TRUE(tx.status().ok());
    Result<uint64_t> index =
        hub::AppendLogEntry(*db, EnvelopeKind::kCertificate, EncodeEnvelope(env), 1700000000);
    ASSERT_TRUE(index.ok()) << index.status().ToString();
    forged_index = *index;
    ASSERT_TRUE(tx.Commit().ok());
  }
  ASSERT_TRUE(town_.Serve({"--no-self-check"}, port));

  Hash32 before = StationDigest(hongqi);
  RunResult r = town_.Station({"sync", "--dir", hongqi});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("[bad_signature]"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("日志第 " + std::to_string(forged_index) + " 条"), std::string::npos)
      << r.err;
  EXPECT_EQ(Announced(hongqi), 0);
  EXPECT_EQ(StationDigest(hongqi), before);
  EXPECT_EQ(Pin(hongqi), old_pin);

  RunResult audit = Verify(old_pin);
  EXPECT_NE(audit.exit_code, 0) << audit.out;
  EXPECT_NE((audit.out + audit.err).find("bad_signature"), std::string::npos)
      << audit.out << audit.err;
  EXPECT_NE((audit.out + audit.err).find("entry " + std::to_string(forged_index)),
            std::string::npos)
      << audit.out << audit.err;

  // The hub now presents the forged certificate: still refused.
  EXPECT_EQ(town_.Stop(), 0);
  ASSERT_TRUE(WriteFileAtomic(hub_dir_ + "/tls.key", pair->key_pem, 0600).ok());
  ASSERT_TRUE(WriteFileAtomic(hub_dir_ + "/tls.crt", pair->cert_pem, 0644).ok());
  ASSERT_TRUE(town_.Serve({"--no-self-check"}, port));
  RunResult follow = town_.Station({"sync", "--dir", hongqi});
  EXPECT_EQ(follow.exit_code, 5) << follow.err;
  EXPECT_NE(follow.err.find("[cert_pin_mismatch]"), std::string::npos) << follow.err;
  EXPECT_EQ(Pin(hongqi), old_pin);
}

TEST_F(CertRenewalTest, AnExpiredCertificateIsRefused) {
  std::string hongqi = town_.AddStation("hongqi-01", "红旗村");
  town_.StationJson({"sync", "--dir", hongqi});
  // Valid from an hour ago for 0 days: expired now.
  std::string expired = ReplaceHubCertificate(0);
  Restart();
  town_.StationJson({"config", "--dir", hongqi, "--hub-cert-sha256", expired});
  Hash32 before = StationDigest(hongqi);
  RunResult r = town_.Station({"sync", "--dir", hongqi});
  EXPECT_EQ(r.exit_code, 5) << r.out << r.err;
  EXPECT_NE(r.err.find("[cert_expired]"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("gongkai-hub tls renew"), std::string::npos) << r.err;
  EXPECT_EQ(StationDigest(hongqi), before);
}

TEST_F(CertRenewalTest, RenewRefusesBadInputAndLogsNothing) {
  uint64_t size = HubLogSize();
  RunResult no_reason = town_.Hub({"tls", "renew", "--dir", hub_dir_});
  EXPECT_EQ(no_reason.exit_code, 2) << no_reason.err;
  EXPECT_NE(no_reason.err.find("[missing_flag]"), std::string::npos) << no_reason.err;
  RunResult half = town_.Hub(
      {"tls", "renew", "--dir", hub_dir_, "--reason", "x", "--tls-cert", hub_dir_ + "/tls.crt"});
  EXPECT_EQ(half.exit_code, 1) << half.err;
  EXPECT_NE(half.err.find("[tls_files_incomplete]"), std::string::npos) << half.err;
  RunResult same = town_.Hub({"tls", "renew", "--dir", hub_dir_, "--reason", "x", "--tls-cert",
                              hub_dir_ + "/tls.crt", "--tls-key", hub_dir_ + "/tls.key"});
  EXPECT_EQ(same.exit_code, 1) << same.err;
  EXPECT_NE(same.err.find("[same_certificate]"), std::string::npos) << same.err;
  RunResult two_lines = town_.Hub({"tls", "renew", "--dir", hub_dir_, "--reason", "a\nb"});
  EXPECT_EQ(two_lines.exit_code, 1) << two_lines.err;
  EXPECT_NE(two_lines.err.find("[control_character]"), std::string::npos) << two_lines.err;
  EXPECT_EQ(HubLogSize(), size);
  EXPECT_FALSE(std::filesystem::exists(hub_dir_ + "/tls-next.crt"));

  RunResult help = town_.Hub({"tls", "--help"});
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.out.find("gongkai-hub tls renew"), std::string::npos) << help.out;
}

}  // namespace
}  // namespace gongkai::testing
