#include "hub/admin/init_hub.h"

#include <dirent.h>
#include <errno.h>
#include <sys/stat.h>

#include <cstring>

#include "core/crypto/ed25519.h"
#include "core/record/envelope.h"
#include "core/record/genesis.h"
#include "core/store/atomic_file.h"
#include "hub/store/admin_table.h"
#include "hub/store/hub_db.h"
#include "hub/store/log_table.h"
#include "hub/store/meta_table.h"
#include "hub/tls/cert_fingerprint.h"
#include "hub/tls/tls_material.h"

namespace gongkai::hub {
namespace {

Status MakeDirs(const std::string& path, mode_t mode) {
  std::string partial;
  size_t pos = 0;
  while (pos != std::string::npos) {
    pos = path.find('/', pos + 1);
    partial = path.substr(0, pos);
    if (partial.empty()) continue;
    if (::mkdir(partial.c_str(), mode) != 0 && errno != EEXIST) {
      return Unavailable("mkdir_failed", "无法创建目录 " + partial + ": " + std::strerror(errno));
    }
  }
  return Status::Ok();
}

// The directory must be absent or empty.
Status CheckDirIsFresh(const HubPaths& paths) {
  struct stat st;
  if (::stat(paths.db().c_str(), &st) == 0) {
    return FailedPrecondition("already_initialized",
                              "目录 " + paths.dir + " 里已经有一个集镇中心，不会覆盖");
  }
  DIR* d = ::opendir(paths.dir.c_str());
  if (!d) return Status::Ok();
  bool empty = true;
  while (struct dirent* e = ::readdir(d)) {
    if (std::strcmp(e->d_name, ".") != 0 && std::strcmp(e->d_name, "..") != 0) empty = false;
  }
  ::closedir(d);
  if (!empty) {
    return FailedPrecondition("dir_not_empty",
                              "目录 " + paths.dir + " 不是空的；请指定一个新的或空的目录");
  }
  return Status::Ok();
}

}  // namespace

Result<HubIdentity> InitHub(const InitOptions& opts) {
  GK_RETURN_IF_ERROR(ValidateOrigin(opts.origin));
  GK_RETURN_IF_ERROR(ValidateAdminName(opts.admin));
  HubPaths paths{opts.dir};
  GK_RETURN_IF_ERROR(CheckDirIsFresh(paths));
  // Everything that can fail on bad input is checked before the first file.
  GK_ASSIGN_OR_RETURN(TlsKeyPair tls, TlsMaterial(TlsSource{opts.tls_cert_file, opts.tls_key_file,
                                                            opts.tls_san, opts.cert_days}));
  GK_ASSIGN_OR_RETURN(Hash32 fingerprint, CertFingerprintFromPem(tls.cert_pem));
  GK_ASSIGN_OR_RETURN(PrivateKey log_key, PrivateKey::Generate());
  GK_ASSIGN_OR_RETURN(PrivateKey admin_key, PrivateKey::Generate());

  GK_RETURN_IF_ERROR(MakeDirs(paths.dir, 0700));
  GK_RETURN_IF_ERROR(MakeDirs(paths.admins_dir(), 0700));
  GK_RETURN_IF_ERROR(log_key.SavePem(paths.log_key()));
  GK_RETURN_IF_ERROR(admin_key.SavePem(paths.admin_key(opts.admin)));
  GK_RETURN_IF_ERROR(WriteFileAtomic(paths.tls_key(), tls.key_pem, 0600));
  GK_RETURN_IF_ERROR(WriteFileAtomic(paths.tls_cert(), tls.cert_pem, 0644));

  Genesis g{opts.origin, log_key.public_key(), opts.admin, admin_key.public_key(), opts.now};
  Envelope env = SignEnvelope(EnvelopeKind::kGenesis, opts.origin, EncodeGenesis(g), log_key);
  GK_ASSIGN_OR_RETURN(HubDb db, HubDb::Open(paths.db(), /*create=*/true));
  Transaction tx(db.db());
  GK_RETURN_IF_ERROR(tx.status());
  GK_ASSIGN_OR_RETURN(uint64_t index,
                      AppendLogEntry(db, EnvelopeKind::kGenesis, EncodeEnvelope(env), opts.now));
  GK_RETURN_IF_ERROR(WriteMeta(db, HubMeta{opts.origin, log_key.public_key(), 0}));
  GK_RETURN_IF_ERROR(InsertAdmin(db, AdminRecord{opts.admin, admin_key.public_key(), index, std::nullopt}));
  GK_RETURN_IF_ERROR(tx.Commit());

  return HubIdentity{opts.origin, MakeVerifierKey(opts.origin, log_key.public_key()), opts.admin,
                     MakeVerifierKey(opts.admin, admin_key.public_key()), fingerprint};
}

Result<HubIdentity> ReadHubIdentity(const HubPaths& paths) {
  GK_ASSIGN_OR_RETURN(HubDb db, HubDb::Open(paths.db()));
  GK_ASSIGN_OR_RETURN(HubMeta meta, ReadMeta(db));
  GK_ASSIGN_OR_RETURN(std::optional<LogEntry> entry, ReadLogEntry(db, 0));
  if (!entry) return DataLoss("db_corrupt", "日志中缺少创世记录 (genesis entry missing)");
  GK_ASSIGN_OR_RETURN(Envelope env, DecodeEnvelope(entry->entry));
  GK_ASSIGN_OR_RETURN(Genesis g, DecodeGenesis(env.body));
  GK_ASSIGN_OR_RETURN(std::string cert_pem, ReadFile(paths.tls_cert(), 1 << 20));
  GK_ASSIGN_OR_RETURN(Hash32 fingerprint, CertFingerprintFromPem(cert_pem));
  return HubIdentity{meta.origin, MakeVerifierKey(meta.origin, meta.log_key), g.admin,
                     MakeVerifierKey(g.admin, g.admin_key), fingerprint};
}

}  // namespace gongkai::hub
