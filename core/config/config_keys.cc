#include "core/config/config_keys.h"

namespace gongkai {

const std::vector<std::string_view>& HubConfigKeys() {
  static const std::vector<std::string_view> kKeys = {
      "dir",
      "listen",
      "threads",
      "max_body_bytes",
      "max_connections",
      "max_connections_per_address",
      "requests_per_second_per_address",
      "request_burst_per_address",
      "read_timeout_seconds",
      "auto_approve_stations",
      "origin",
      "admin",
  };
  return kKeys;
}

const std::vector<std::string_view>& StationConfigKeys() {
  static const std::vector<std::string_view> kKeys = {
      "dir", "hub", "hub_key", "hub_cert_sha256", "sync_interval_seconds", "id", "unit",
  };
  return kKeys;
}

}  // namespace gongkai
