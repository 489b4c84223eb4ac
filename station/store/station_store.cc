// StationStore: opening, initializing, identity, key and hub settings.
#include "station/store/station_store.h"

#include <sys/stat.h>
#include <unistd.h>

#include <ctime>
#include <filesystem>
#include <system_error>

#include "core/catalog/validate.h"
#include "core/crypto/verifier_key.h"
#include "core/record/envelope.h"
#include "station/store/schema.h"
#include "station/store/station_keys.h"

namespace gongkai::station {
namespace {

std::string JoinPath(const std::string& dir, const char* name) {
  if (!dir.empty() && dir.back() == '/') return dir + name;
  return dir + "/" + name;
}

bool Exists(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0;
}

Status NotInitialized(const std::string& dir) {
  return FailedPrecondition(
      "not_initialized", "数据目录 " + dir + " 还没有初始化；请先运行 gongkai-station init --dir " +
                             dir +
                             " --id 站点编号 --unit 村名 (station directory not initialized)");
}

Status QuickCheck(Database& db) {
  GK_ASSIGN_OR_RETURN(Statement st, db.Prepare("PRAGMA quick_check"));
  std::string report;
  for (;;) {
    GK_ASSIGN_OR_RETURN(bool has, st.Step());
    if (!has) break;
    std::string line = st.ColumnText(0);
    if (line != "ok") report += line + "; ";
  }
  if (!report.empty()) {
    return DataLoss(
        "db_corrupt",
        "本地数据库检查未通过，请停止使用并联系镇政务公开办 (quick_check failed): " + report);
  }
  return Status::Ok();
}

Result<bool> HasStationRow(Database& db) {
  GK_ASSIGN_OR_RETURN(Statement st, db.Prepare("SELECT count(*) FROM station"));
  GK_ASSIGN_OR_RETURN(bool has, st.Step());
  return has && st.ColumnInt(0) > 0;
}

Result<Database> OpenAndMigrate(const std::string& path) {
  GK_ASSIGN_OR_RETURN(Database db, Database::Open(path));
  GK_RETURN_IF_ERROR(db.Migrate(StationMigrations()));
  return db;
}

void BindOptional(Statement& st, int i, const std::optional<std::string>& v) {
  if (v) {
    st.Bind(i, *v);
  } else {
    st.BindNull(i);
  }
}

// The one writer of the hub columns, for init and config alike: each
// setting given replaces the stored one, an unset one keeps it.
Status WriteHubSettings(Database& db, const HubSettings& hub) {
  GK_ASSIGN_OR_RETURN(Statement st, db.Prepare("UPDATE station SET hub_url = coalesce(?, hub_url), "
                                               "hub_key = coalesce(?, hub_key), "
                                               "hub_cert_sha256 = coalesce(?, hub_cert_sha256)"));
  BindOptional(st, 1, hub.url);
  BindOptional(st, 2, hub.key);
  BindOptional(st, 3, hub.cert_sha256);
  return st.Run();
}

}  // namespace

std::string StationInfo::VerifierKey() const {
  return MakeVerifierKey(station_id, public_key).ToString();
}

Result<StationStore> StationStore::Init(const InitRequest& req) {
  GK_RETURN_IF_ERROR(ValidateStationId(req.station_id));
  GK_RETURN_IF_ERROR(ValidateUnit(req.unit));
  GK_RETURN_IF_ERROR(CheckVisibleText(req.unit, "单位名称", "unit"));
  GK_ASSIGN_OR_RETURN(HubSettings hub, ValidateHubSettings(req.hub));

  std::error_code ec;
  if (!std::filesystem::exists(req.dir, ec)) {
    std::filesystem::create_directories(req.dir, ec);
    if (ec) {
      return Unavailable("io_error", "无法创建数据目录 " + req.dir + ": " + ec.message() +
                                         " (cannot create directory)");
    }
    ::chmod(req.dir.c_str(), 0700);
  } else if (!std::filesystem::is_directory(req.dir, ec)) {
    return InvalidArgument("not_a_directory",
                           req.dir + " 不是目录，请换一个数据目录 (not a directory)", "dir");
  }

  std::string db_path = JoinPath(req.dir, kDbFileName);
  std::string key_path = JoinPath(req.dir, kKeyFileName);
  if (Exists(db_path)) {
    GK_ASSIGN_OR_RETURN(Database existing, OpenAndMigrate(db_path));
    GK_ASSIGN_OR_RETURN(bool initialized, HasStationRow(existing));
    if (initialized) {
      return Status(Code::kAlreadyExists, "already_initialized",
                    "数据目录 " + req.dir +
                        " 已经初始化过了；查看设置请用 gongkai-station config --dir " + req.dir +
                        " (already initialized)");
    }
  }

  // A key left by an interrupted init is reused; otherwise a new one.
  Result<PrivateKey> key =
      Exists(key_path) ? PrivateKey::LoadPem(key_path) : PrivateKey::Generate();
  if (!key.ok()) return key.status();
  if (!Exists(key_path)) GK_RETURN_IF_ERROR(key->SavePem(key_path));

  GK_ASSIGN_OR_RETURN(Database db, OpenAndMigrate(db_path));
  {
    Transaction tx(db);
    GK_RETURN_IF_ERROR(tx.status());
    GK_ASSIGN_OR_RETURN(Statement st,
                        db.Prepare("INSERT INTO station(singleton, station_id, unit, public_key, "
                                   "created_at, catalog_version, catalog_hash) "
                                   "VALUES (1, ?, ?, ?, ?, 0, ?)"));
    PublicKey pub = key->public_key();
    st.BindAll(req.station_id, req.unit, Bytes(pub.begin(), pub.end()), req.now, Catalog().Hash());
    GK_RETURN_IF_ERROR(st.Run());
    GK_RETURN_IF_ERROR(WriteHubSettings(db, hub));
    GK_RETURN_IF_ERROR(tx.Commit());
  }
  StationStore store(req.dir, std::move(db));
  GK_RETURN_IF_ERROR(store.LoadInfo());
  return store;
}

Result<StationStore> StationStore::Open(const std::string& dir, const OpenOptions& options) {
  std::string db_path = JoinPath(dir, kDbFileName);
  if (!Exists(db_path)) return NotInitialized(dir);
  GK_ASSIGN_OR_RETURN(Database db, OpenAndMigrate(db_path));
  GK_RETURN_IF_ERROR(options.full_check ? db.IntegrityCheck() : QuickCheck(db));
  GK_ASSIGN_OR_RETURN(bool initialized, HasStationRow(db));
  if (!initialized) return NotInitialized(dir);
  StationStore store(dir, std::move(db));
  GK_RETURN_IF_ERROR(store.LoadInfo());
  if (options.full_check) GK_RETURN_IF_ERROR(store.VerifyOutboxChain());
  return store;
}

Status StationStore::LoadInfo() {
  GK_ASSIGN_OR_RETURN(Statement st,
                      db_.Prepare("SELECT station_id, unit, public_key, created_at FROM station"));
  GK_ASSIGN_OR_RETURN(bool has, st.Step());
  if (!has) return NotInitialized(dir_);
  info_.station_id = st.ColumnText(0);
  info_.unit = st.ColumnText(1);
  Bytes pub = st.ColumnBlob(2);
  if (pub.size() != info_.public_key.size()) {
    return DataLoss("store_corrupt", "站点公钥记录已损坏 (station public key corrupt)");
  }
  std::copy(pub.begin(), pub.end(), info_.public_key.begin());
  info_.created_at = st.ColumnInt(3);
  return Status::Ok();
}

Result<PrivateKey> StationStore::LoadKey() const {
  // A rekey interrupted between the store and the key files (station_keys.h).
  GK_RETURN_IF_ERROR(
      FinishKeyRotation(dir_, info_.public_key, static_cast<int64_t>(std::time(nullptr))));
  std::string path = JoinPath(dir_, kKeyFileName);
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) {
    return NotFound("key_missing", "找不到本站私钥文件 " + path +
                                       "；请从备份恢复，或联系镇政务公开办重新登记本站 "
                                       "(station key missing)");
  }
  if (st.st_mode & 0077) {
    return PermissionDenied("key_permissions", "私钥文件 " + path +
                                                   " 可被其他用户读取；请运行 chmod 600 " + path +
                                                   " 后再试 (key file permissions too open)");
  }
  GK_ASSIGN_OR_RETURN(PrivateKey key, PrivateKey::LoadPem(path));
  if (key.public_key() != info_.public_key) {
    return DataLoss("key_mismatch", "私钥文件 " + path +
                                        " 不是本站的密钥；请从备份恢复正确的 station.key "
                                        "(key does not match this station)");
  }
  return key;
}

Result<PublicKey> StationStore::Rekey(int64_t now) {
  GK_ASSIGN_OR_RETURN(PrivateKey old_key, LoadKey());
  const std::string new_path = JoinPath(dir_, kNewKeyFileName);
  ::unlink(new_path.c_str());  // left by a rekey that never committed
  GK_ASSIGN_OR_RETURN(PrivateKey fresh, PrivateKey::Generate());
  GK_RETURN_IF_ERROR(fresh.SavePem(new_path));
  const PublicKey old_pub = old_key.public_key();
  const PublicKey new_pub = fresh.public_key();
  {
    Transaction tx(db_);
    GK_RETURN_IF_ERROR(tx.status());
    GK_ASSIGN_OR_RETURN(Statement retire, db_.Prepare("INSERT OR REPLACE INTO station_keys("
                                                      "public_key, retired_at) VALUES (?, ?)"));
    retire.BindAll(Bytes(old_pub.begin(), old_pub.end()), now);
    GK_RETURN_IF_ERROR(retire.Run());
    GK_ASSIGN_OR_RETURN(Statement set, db_.Prepare("UPDATE station SET public_key = ?"));
    set.Bind(1, Bytes(new_pub.begin(), new_pub.end()));
    GK_RETURN_IF_ERROR(set.Run());
    // In flight: the same bodies (the same ids), signed with the new key.
    GK_ASSIGN_OR_RETURN(std::vector<OutboxEntry> flying,
                        LoadOutbox(db_, {OutboxState::kSealed, OutboxState::kSent}));
    GK_ASSIGN_OR_RETURN(Statement resign,
                        db_.Prepare("UPDATE outbox SET envelope = ? WHERE seq = ?"));
    for (const OutboxEntry& e : flying) {
      GK_ASSIGN_OR_RETURN(Envelope env, DecodeEnvelope(e.envelope));
      Bytes again = EncodeEnvelope(
          SignEnvelope(EnvelopeKind::kChangeSet, info_.station_id, std::move(env.body), fresh));
      GK_RETURN_IF_ERROR(resign.Reset());
      resign.BindAll(again, static_cast<int64_t>(e.seq));
      GK_RETURN_IF_ERROR(resign.Run());
    }
    GK_RETURN_IF_ERROR(tx.Commit());
  }
  info_.public_key = new_pub;
  GK_RETURN_IF_ERROR(FinishKeyRotation(dir_, new_pub, now));
  return new_pub;
}

Result<HubSettings> StationStore::LoadHub() {
  GK_ASSIGN_OR_RETURN(Statement st,
                      db_.Prepare("SELECT hub_url, hub_key, hub_cert_sha256 FROM station"));
  GK_ASSIGN_OR_RETURN(bool has, st.Step());
  if (!has) return NotInitialized(dir_);
  HubSettings hub;
  if (!st.ColumnIsNull(0)) hub.url = st.ColumnText(0);
  if (!st.ColumnIsNull(1)) hub.key = st.ColumnText(1);
  if (!st.ColumnIsNull(2)) hub.cert_sha256 = st.ColumnText(2);
  return hub;
}

Status StationStore::UpdateHub(const HubSettings& changes) {
  GK_ASSIGN_OR_RETURN(HubSettings valid, ValidateHubSettings(changes));
  Transaction tx(db_);
  GK_RETURN_IF_ERROR(tx.status());
  GK_RETURN_IF_ERROR(WriteHubSettings(db_, valid));
  return tx.Commit();
}

}  // namespace gongkai::station
