#include "station/config/station_conf.h"

#include "core/config/config_file.h"
#include "core/config/config_keys.h"
#include "station/store/hub_settings.h"
#include "station/store/station_store.h"

namespace gongkai::station {
namespace {

Status BadConfig(const Status& s) { return InvalidArgument("bad_config", s.message(), s.field()); }

}  // namespace

Result<StationConf> ReadStationConf(const std::string& path) {
  StationConf c;
  Result<ConfigFile> file = ReadConfigFile(path, StationConfigKeys());
  if (!file.ok()) return BadConfig(file.status());
  c.dir = file->GetString("dir");
  c.hub.url = file->GetString("hub");
  c.hub.key = file->GetString("hub_key");
  c.hub.cert_sha256 = file->GetString("hub_cert_sha256");
  if (c.hub.url || c.hub.key || c.hub.cert_sha256) {
    Result<HubSettings> valid = ValidateHubSettings(c.hub);
    if (!valid.ok()) {
      const std::string& r = valid.status().reason();
      const char* key = r == reason::kBadHubKey        ? "hub_key"
                        : r == reason::kBadFingerprint ? "hub_cert_sha256"
                                                       : "hub";
      const ConfigEntry* e = file->Find(key);
      return InvalidArgument("bad_config",
                             file->name() + (e ? " 第 " + std::to_string(e->line) + " 行" : "") +
                                 ": " + valid.status().message(),
                             valid.status().field());
    }
    c.hub = std::move(valid).value();
  }
  Result<std::optional<uint64_t>> every = file->GetUnsigned("sync_interval_seconds", 10, 86400);
  if (!every.ok()) return BadConfig(every.status());
  if (every->has_value()) c.interval = static_cast<int>(**every);
  return c;
}

Status ApplyHubConf(StationStore& store, const HubSettings& file, const std::string& path) {
  if (!file.url && !file.key && !file.cert_sha256) return Status::Ok();
  GK_ASSIGN_OR_RETURN(HubSettings have, store.LoadHub());
  HubSettings missing;
  auto meet = [&](const std::optional<std::string>& want, const std::optional<std::string>& got,
                  std::optional<std::string>* add, const char* key) -> Status {
    if (!want) return Status::Ok();
    if (!got) {
      *add = want;
      return Status::Ok();
    }
    if (*got == *want) return Status::Ok();
    return InvalidArgument(
        "config_mismatch",
        path + " 中的 " + key + " 与本站已保存的设置不同（本站: " + *got +
            "）。请运行 gongkai-station config 修改本站设置，或改正配置文件 (hub setting differs "
            "from the station's)",
        key);
  };
  GK_RETURN_IF_ERROR(meet(file.url, have.url, &missing.url, "hub"));
  GK_RETURN_IF_ERROR(meet(file.key, have.key, &missing.key, "hub_key"));
  GK_RETURN_IF_ERROR(
      meet(file.cert_sha256, have.cert_sha256, &missing.cert_sha256, "hub_cert_sha256"));
  if (missing.url || missing.key || missing.cert_sha256) {
    GK_RETURN_IF_ERROR(store.UpdateHub(missing));
  }
  return Status::Ok();
}

}  // namespace gongkai::station
