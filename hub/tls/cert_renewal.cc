#include "hub/tls/cert_renewal.h"

#include <sys/stat.h>
#include <unistd.h>

#include "core/base/hex.h"
#include "core/catalog/validate.h"
#include "core/crypto/ed25519.h"
#include "core/record/envelope.h"
#include "core/store/atomic_file.h"
#include "core/store/sqlite.h"
#include "hub/store/log_table.h"
#include "hub/store/meta_table.h"

namespace gongkai::hub {
namespace {

constexpr size_t kMaxPem = 1 << 20;

bool Exists(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0;
}

std::optional<uint64_t> AnnouncedIndex(const std::vector<AnnouncedCertificate>& all,
                                       const Hash32& sha256) {
  for (const AnnouncedCertificate& a : all) {
    if (a.announcement.cert_sha256 == sha256) return a.log_index;
  }
  return std::nullopt;
}

Status NotAnnounced(const Hash32& sha256) {
  return FailedPrecondition("not_announced",
                            "待启用的新证书（指纹 " + HexEncode(sha256) +
                                "）没有在日志中公告过，村站不会接受它；请重新运行 gongkai-hub tls "
                                "renew (the waiting certificate is not announced in the log)");
}

}  // namespace

Result<std::vector<AnnouncedCertificate>> ListCertificateAnnouncements(HubDb& db) {
  GK_ASSIGN_OR_RETURN(std::vector<LogEntry> entries,
                      ReadLogEntriesOfKind(db, EnvelopeKind::kCertificate, INT64_MAX));
  std::vector<AnnouncedCertificate> out;
  for (const LogEntry& e : entries) {
    Result<Envelope> env = DecodeEnvelope(e.entry);
    Result<CertificateAnnouncement> c =
        env.ok() ? DecodeCertificateAnnouncement(env->body) : env.status();
    if (!c.ok()) {
      return DataLoss("db_corrupt", "日志第 " + std::to_string(e.index) +
                                        " 条（证书公告）无法解析 (certificate entry does not "
                                        "decode)");
    }
    out.push_back(AnnouncedCertificate{e.index, std::move(c).value()});
  }
  return out;
}

Result<RenewOutcome> RenewTls(HubDb& db, const HubPaths& paths, const RenewRequest& request) {
  GK_RETURN_IF_ERROR(RefuseBlankReason(request.reason));
  GK_ASSIGN_OR_RETURN(std::string current_pem, ReadFile(paths.tls_cert(), kMaxPem));
  GK_ASSIGN_OR_RETURN(CertFacts current, ReadCertFacts(current_pem));
  GK_ASSIGN_OR_RETURN(std::vector<AnnouncedCertificate> announced,
                      ListCertificateAnnouncements(db));
  if (Exists(paths.tls_next_cert())) {
    GK_ASSIGN_OR_RETURN(std::string next_pem, ReadFile(paths.tls_next_cert(), kMaxPem));
    Result<CertFacts> next = ReadCertFacts(next_pem);
    if (next.ok() && AnnouncedIndex(announced, next->sha256)) {
      return FailedPrecondition(
          "renewal_pending",
          "已经有一张公告过、还没启用的新证书（指纹 " + HexEncode(next->sha256) +
              "）；等各村同步后运行 gongkai-hub tls switch 启用它 (an announced certificate "
              "waits in tls-next.crt)");
    }
  }
  GK_ASSIGN_OR_RETURN(TlsKeyPair pair, TlsMaterial(request.source));
  GK_ASSIGN_OR_RETURN(CertFacts next, ReadCertFacts(pair.cert_pem));
  if (next.sha256 == current.sha256) {
    return InvalidArgument("same_certificate",
                           "给出的证书就是正在使用的证书，不用公告 (the certificate is the one "
                           "in use)",
                           "tls-cert");
  }
  GK_ASSIGN_OR_RETURN(HubMeta meta, ReadMeta(db));
  Result<PrivateKey> log_key = PrivateKey::LoadPem(paths.log_key());
  if (!log_key.ok()) {
    return FailedPrecondition("log_key_unavailable",
                              "无法读取日志私钥 " + paths.log_key() +
                                  "（证书公告要用它签名）: " + log_key.status().message());
  }
  CertificateAnnouncement c{meta.origin,    next.sha256,    next.spki_sha256, next.not_before,
                            next.not_after, request.reason, request.now};
  GK_RETURN_IF_ERROR(ValidateCertificateAnnouncement(c));
  Envelope env = SignEnvelope(EnvelopeKind::kCertificate, meta.origin,
                              EncodeCertificateAnnouncement(c), *log_key);

  // The pair first: an announcement never names a certificate the hub
  // does not hold.
  GK_RETURN_IF_ERROR(WriteFileAtomic(paths.tls_next_key(), pair.key_pem, 0600));
  GK_RETURN_IF_ERROR(WriteFileAtomic(paths.tls_next_cert(), pair.cert_pem, 0644));
  Transaction tx(db.db());
  GK_RETURN_IF_ERROR(tx.status());
  RenewOutcome out;
  out.next = next;
  out.key_changed = next.spki_sha256 != current.spki_sha256;
  GK_ASSIGN_OR_RETURN(out.log_index, AppendLogEntry(db, EnvelopeKind::kCertificate,
                                                    EncodeEnvelope(env), request.now));
  GK_RETURN_IF_ERROR(tx.Commit());
  return out;
}

Result<SwitchOutcome> SwitchTls(HubDb& db, const HubPaths& paths) {
  if (!Exists(paths.tls_next_cert())) {
    return FailedPrecondition("no_renewal",
                              "没有待启用的新证书；先运行 gongkai-hub tls renew (nothing waits "
                              "in tls-next.crt)");
  }
  GK_ASSIGN_OR_RETURN(std::string next_cert, ReadFile(paths.tls_next_cert(), kMaxPem));
  GK_ASSIGN_OR_RETURN(CertFacts next, ReadCertFacts(next_cert));
  GK_ASSIGN_OR_RETURN(std::vector<AnnouncedCertificate> announced,
                      ListCertificateAnnouncements(db));
  std::optional<uint64_t> index = AnnouncedIndex(announced, next.sha256);
  if (!index) return NotAnnounced(next.sha256);
  GK_ASSIGN_OR_RETURN(std::string cur_key, ReadFile(paths.tls_key(), kMaxPem));
  GK_ASSIGN_OR_RETURN(std::string cur_cert, ReadFile(paths.tls_cert(), kMaxPem));
  // The key: from tls-next.key, or (a switch stopped half-way) already in tls.key.
  std::string next_key = cur_key;
  const bool key_waiting = Exists(paths.tls_next_key());
  if (key_waiting) {
    GK_ASSIGN_OR_RETURN(next_key, ReadFile(paths.tls_next_key(), kMaxPem));
  }
  GK_RETURN_IF_ERROR(CheckKeyMatchesCert(next_key, next_cert));

  SwitchOutcome out;
  out.now = next;
  out.announced_at_index = *index;
  const bool half_done = cur_key == next_key;  // tls.key written by an earlier run
  if (!half_done) {
    GK_ASSIGN_OR_RETURN(out.before, ReadCertFacts(cur_cert));
    GK_RETURN_IF_ERROR(WriteFileAtomic(paths.tls_old_key(), cur_key, 0600));
    GK_RETURN_IF_ERROR(WriteFileAtomic(paths.tls_old_cert(), cur_cert, 0644));
    GK_RETURN_IF_ERROR(WriteFileAtomic(paths.tls_key(), next_key, 0600));
  } else {
    Result<std::string> old = ReadFile(paths.tls_old_cert(), kMaxPem);
    Result<CertFacts> before = old.ok() ? ReadCertFacts(*old) : old.status();
    if (before.ok()) out.before = *before;
  }
  GK_RETURN_IF_ERROR(WriteFileAtomic(paths.tls_cert(), next_cert, 0644));
  if (key_waiting) ::unlink(paths.tls_next_key().c_str());
  ::unlink(paths.tls_next_cert().c_str());
  return out;
}

Result<TlsState> ReadTlsState(HubDb& db, const HubPaths& paths) {
  TlsState st;
  GK_ASSIGN_OR_RETURN(std::string cur, ReadFile(paths.tls_cert(), kMaxPem));
  GK_ASSIGN_OR_RETURN(st.current, ReadCertFacts(cur));
  GK_ASSIGN_OR_RETURN(st.announced, ListCertificateAnnouncements(db));
  if (Exists(paths.tls_next_cert())) {
    GK_ASSIGN_OR_RETURN(std::string next, ReadFile(paths.tls_next_cert(), kMaxPem));
    GK_ASSIGN_OR_RETURN(st.next, ReadCertFacts(next));
    st.next_announced = AnnouncedIndex(st.announced, st.next->sha256);
  }
  return st;
}

}  // namespace gongkai::hub
