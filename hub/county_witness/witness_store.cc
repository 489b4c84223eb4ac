#include "hub/county_witness/witness_store.h"

#include <sys/stat.h>

#include <filesystem>

#include "core/base/hex.h"
#include "core/log/cosignature.h"
#include "core/log/note.h"
#include "core/store/atomic_file.h"
#include "hub/tls/cert_fingerprint.h"
#include "hub/tls/self_signed_cert.h"

namespace gongkai::witness {
namespace {

const std::vector<std::string> kMigrations = {
    R"sql(
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE logs (
  origin      TEXT PRIMARY KEY,
  log_key     TEXT NOT NULL,
  size        INTEGER NOT NULL DEFAULT 0,
  root        BLOB,
  checkpoint  TEXT,
  cosigned_at INTEGER,
  added_at    INTEGER NOT NULL
);
CREATE TABLE evidence (
  id      INTEGER PRIMARY KEY,
  origin  TEXT NOT NULL,
  at      INTEGER NOT NULL,
  status  INTEGER NOT NULL,
  reason  TEXT NOT NULL,
  request TEXT NOT NULL
);
)sql",
};

SubmitAnswer Answer(int status, const std::string& reason, const std::string& message) {
  SubmitAnswer a;
  a.status = status;
  a.reason = reason;
  a.content_type = "text/plain; charset=utf-8";
  a.body = message + " [" + reason + "]\n";
  return a;
}

SubmitAnswer Failed(const Status& s) {
  // The store failed: the caller may try again; nothing was cosigned.
  return Answer(503, s.reason(), "见证者暂时无法保存状态，请稍后重试 (" + s.message() + ")");
}

Status MakeDir(const std::string& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return Unavailable("mkdir_failed", "无法创建目录 " + dir + ": " + ec.message());
  ::chmod(dir.c_str(), 0700);
  return Status::Ok();
}

}  // namespace

Result<WitnessIdentity> InitWitness(const InitWitnessOptions& opts) {
  if (!IsValidKeyName(opts.name)) {
    return InvalidArgument(
        "bad_witness_name",
        "见证者名称无效：不能为空，不能含空格或 '+'，例如 county.example/witness", "name");
  }
  WitnessPaths paths{opts.dir};
  if (std::filesystem::exists(paths.db()) || std::filesystem::exists(paths.key())) {
    return FailedPrecondition("already_initialized",
                              "目录 " + opts.dir + " 里已经有一个见证者，不会覆盖");
  }
  GK_RETURN_IF_ERROR(MakeDir(opts.dir));
  GK_ASSIGN_OR_RETURN(hub::TlsKeyPair tls,
                      hub::MakeSelfSignedCert("gongkai-witness", opts.tls_san, 3650));
  GK_ASSIGN_OR_RETURN(PrivateKey key, PrivateKey::Generate());
  GK_RETURN_IF_ERROR(WriteFileAtomic(paths.tls_key(), tls.key_pem, 0600));
  GK_RETURN_IF_ERROR(WriteFileAtomic(paths.tls_cert(), tls.cert_pem, 0644));
  GK_RETURN_IF_ERROR(key.SavePem(paths.key()));
  GK_ASSIGN_OR_RETURN(Database db, Database::Open(paths.db()));
  GK_RETURN_IF_ERROR(db.Migrate(kMigrations));
  GK_ASSIGN_OR_RETURN(Statement st, db.Prepare("INSERT INTO meta(key, value) VALUES('name', ?)"));
  st.Bind(1, opts.name);
  GK_RETURN_IF_ERROR(st.Run());
  return ReadWitnessIdentity(paths);
}

Result<WitnessIdentity> ReadWitnessIdentity(const WitnessPaths& paths) {
  GK_ASSIGN_OR_RETURN(WitnessStore store, WitnessStore::Open(paths.dir));
  GK_ASSIGN_OR_RETURN(PrivateKey key, PrivateKey::LoadPem(paths.key()));
  GK_ASSIGN_OR_RETURN(std::string cert, ReadFile(paths.tls_cert()));
  WitnessIdentity id;
  id.name = store.name();
  id.key = MakeVerifierKey(id.name, key.public_key(), kCosignatureV1KeyType);
  GK_ASSIGN_OR_RETURN(id.cert_sha256, hub::CertFingerprintFromPem(cert));
  return id;
}

Result<WitnessStore> WitnessStore::Open(const std::string& dir) {
  WitnessPaths paths{dir};
  if (!std::filesystem::exists(paths.db())) {
    return FailedPrecondition(
        "not_a_witness_dir", "目录 " + dir + " 里没有见证者；请先运行 gongkai-witness init --dir " +
                                 dir + " --name NAME");
  }
  GK_ASSIGN_OR_RETURN(Database db, Database::Open(paths.db()));
  GK_RETURN_IF_ERROR(db.Migrate(kMigrations));
  GK_ASSIGN_OR_RETURN(Statement st, db.Prepare("SELECT value FROM meta WHERE key = 'name'"));
  GK_ASSIGN_OR_RETURN(bool row, st.Step());
  if (!row) return DataLoss("db_corrupt", "见证者数据库缺少名称 (meta.name)");
  std::string name = st.ColumnText(0);
  GK_ASSIGN_OR_RETURN(PrivateKey key, PrivateKey::LoadPem(paths.key()));
  return WitnessStore(std::move(db), std::move(name), std::move(key));
}

Result<LogRecord> WitnessStore::AddLog(const std::string& log_vkey, int64_t now) {
  GK_ASSIGN_OR_RETURN(VerifierKey vk, ParseVerifierKey(log_vkey));
  std::lock_guard<std::mutex> lock(*mu_);
  Transaction tx(db_);
  GK_RETURN_IF_ERROR(tx.status());
  GK_ASSIGN_OR_RETURN(Statement find, db_.Prepare("SELECT log_key FROM logs WHERE origin = ?"));
  find.Bind(1, vk.name);
  GK_ASSIGN_OR_RETURN(bool exists, find.Step());
  if (exists) {
    return FailedPrecondition("log_exists", "已经在见证日志 " + vk.name + "（公钥 " +
                                                find.ColumnText(0) + "）；不会替换它的公钥");
  }
  GK_ASSIGN_OR_RETURN(Statement ins, db_.Prepare("INSERT INTO logs(origin, log_key, added_at) "
                                                 "VALUES(?, ?, ?)"));
  ins.BindAll(vk.name, vk.ToString(), now);
  GK_RETURN_IF_ERROR(ins.Run());
  GK_RETURN_IF_ERROR(tx.Commit());
  LogRecord r;
  r.origin = vk.name;
  r.log_key = vk.ToString();
  return r;
}

Result<std::vector<LogRecord>> WitnessStore::Logs() {
  std::lock_guard<std::mutex> lock(*mu_);
  GK_ASSIGN_OR_RETURN(Statement st,
                      db_.Prepare("SELECT origin, log_key, size, coalesce(checkpoint, ''), "
                                  "coalesce(cosigned_at, 0), "
                                  "(SELECT count(*) FROM evidence e WHERE e.origin = logs.origin) "
                                  "FROM logs ORDER BY origin"));
  std::vector<LogRecord> out;
  for (;;) {
    GK_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    out.push_back(LogRecord{st.ColumnText(0), st.ColumnText(1), uint64_t(st.ColumnInt(2)),
                            st.ColumnText(3), st.ColumnInt(4), st.ColumnInt(5)});
  }
  return out;
}

Result<std::optional<WitnessedLog>> WitnessStore::FindLog(const std::string& origin) {
  GK_ASSIGN_OR_RETURN(Statement st,
                      db_.Prepare("SELECT log_key, size, root FROM logs WHERE origin = ?"));
  st.Bind(1, origin);
  GK_ASSIGN_OR_RETURN(bool row, st.Step());
  if (!row) return std::optional<WitnessedLog>();
  WitnessedLog log;
  log.origin = origin;
  GK_ASSIGN_OR_RETURN(log.log_key, ParseVerifierKey(st.ColumnText(0)));
  log.size = uint64_t(st.ColumnInt(1));
  if (!st.ColumnIsNull(2)) {
    Bytes root = st.ColumnBlob(2);
    if (root.size() != log.root.size()) {
      return DataLoss("db_corrupt", "见证者数据库中日志 " + origin + " 的根哈希长度不对");
    }
    std::copy(root.begin(), root.end(), log.root.begin());
  } else if (log.size != 0) {
    return DataLoss("db_corrupt", "见证者数据库中日志 " + origin + " 缺少根哈希");
  }
  return std::optional<WitnessedLog>(std::move(log));
}

SubmitAnswer WitnessStore::AddCheckpoint(std::string_view body, int64_t now) {
  Result<AddCheckpointRequest> req = ParseAddCheckpointRequest(body);
  if (!req.ok()) return Answer(400, req.status().reason(), req.status().message());
  Result<std::string> origin = RequestOrigin(*req);
  if (!origin.ok()) return Answer(400, origin.status().reason(), origin.status().message());

  std::lock_guard<std::mutex> lock(*mu_);
  Transaction tx(db_);
  if (!tx.status().ok()) return Failed(tx.status());
  Result<std::optional<WitnessedLog>> log = FindLog(*origin);
  if (!log.ok()) return Failed(log.status());
  const WitnessDecision d = DecideAddCheckpoint(*req, *log);
  if (d.misbehaviour) {
    // The log signed something inconsistent with what it showed before:
    // keep the request as evidence.
    Result<Statement> ev = db_.Prepare(
        "INSERT INTO evidence(origin, at, status, reason, request) VALUES(?, ?, ?, ?, ?)");
    if (!ev.ok()) return Failed(ev.status());
    ev->BindAll(*origin, now, int64_t(d.status), d.reason, body);
    Status s = ev->Run();
    if (s.ok()) s = tx.Commit();
    if (!s.ok()) return Failed(s);
  }
  if (d.status == 409) {
    SubmitAnswer a;
    a.status = 409;
    a.reason = d.reason;
    a.content_type = std::string(kTlogSizeContentType);
    a.body = std::to_string(d.latest_size) + "\n";
    return a;
  }
  if (d.status != 200) return Answer(d.status, d.reason, d.message);

  Result<std::string> line = Cosign(d.text, name_, key_, uint64_t(now));
  if (!line.ok()) return Answer(400, line.status().reason(), line.status().message());
  Result<std::string> stored = AddSignatureLines(req->checkpoint, *line);
  if (!stored.ok()) return Answer(400, stored.status().reason(), stored.status().message());
  Result<Statement> up = db_.Prepare(
      "UPDATE logs SET size = ?, root = ?, checkpoint = ?, cosigned_at = ? WHERE origin = ?");
  if (!up.ok()) return Failed(up.status());
  up->BindAll(int64_t(d.size), d.root, *stored, now, *origin);
  Status s = up->Run();
  if (s.ok()) s = tx.Commit();
  if (!s.ok()) return Failed(s);
  SubmitAnswer a;
  a.status = 200;
  a.content_type = "text/plain; charset=utf-8";
  a.body = *line;
  return a;
}

}  // namespace gongkai::witness
