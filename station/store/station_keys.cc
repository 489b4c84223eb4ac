#include "station/store/station_keys.h"

#include <fcntl.h>
#include <unistd.h>

#include <cstdio>

namespace gongkai::station {

const char* const kStationKeysMigration = R"sql(
CREATE TABLE station_keys (
  public_key BLOB    PRIMARY KEY CHECK (length(public_key) = 32),
  retired_at INTEGER NOT NULL
) WITHOUT ROWID;
)sql";

Result<std::vector<PublicKey>> RetiredKeys(Database& db) {
  GK_ASSIGN_OR_RETURN(Statement st,
                      db.Prepare("SELECT public_key FROM station_keys ORDER BY retired_at"));
  std::vector<PublicKey> out;
  for (;;) {
    GK_ASSIGN_OR_RETURN(bool has, st.Step());
    if (!has) break;
    Bytes b = st.ColumnBlob(0);
    PublicKey k{};
    if (b.size() != k.size()) return DataLoss("store_corrupt", "station_keys 记录已损坏");
    std::copy(b.begin(), b.end(), k.begin());
    out.push_back(k);
  }
  return out;
}

Status FinishKeyRotation(const std::string& dir, const PublicKey& current, int64_t now) {
  const std::string key_path = dir + "/station.key";
  const std::string new_path = dir + "/" + kNewKeyFileName;
  if (::access(new_path.c_str(), F_OK) != 0) return Status::Ok();
  Result<PrivateKey> fresh = PrivateKey::LoadPem(new_path);
  if (!fresh.ok() || fresh->public_key() != current) {
    // A rekey that never committed: the old key is still in force.
    ::unlink(new_path.c_str());
    return Status::Ok();
  }
  if (::access(key_path.c_str(), F_OK) == 0) {
    std::string old_path = key_path + ".old-" + std::to_string(now);
    if (::rename(key_path.c_str(), old_path.c_str()) != 0) {
      return Internal("io_error", "无法改名旧私钥文件 " + key_path);
    }
  }
  if (::rename(new_path.c_str(), key_path.c_str()) != 0) {
    return Internal("io_error", "无法启用新私钥文件 " + new_path);
  }
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY);
  if (fd >= 0) {
    int synced = ::fsync(fd);
    ::close(fd);
    if (synced != 0) return Internal("io_error", "无法写入数据目录 " + dir);
  }
  return Status::Ok();
}

}  // namespace gongkai::station
