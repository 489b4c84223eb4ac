// The keys of hub.conf and station.conf (docs/packaging.md, "Configuration
// files"). The example files in packaging/config/ hold every key, and
// tests/core/config/config_keys_test.cc checks they parse with these lists, so
// a key added here must be added (and explained) there too.
//
// Keys used only at first initialisation (the package's postinst runs
// `init` with them): hub `origin`, `admin`; station `id`, `unit`.
#pragma once

#include <string_view>
#include <vector>

namespace gongkai {

// dir, listen, threads, max_body_bytes, max_connections,
// read_timeout_seconds, auto_approve_stations, origin, admin.
const std::vector<std::string_view>& HubConfigKeys();

// dir, hub, hub_key, hub_cert_sha256, sync_interval_seconds, id, unit.
const std::vector<std::string_view>& StationConfigKeys();

}  // namespace gongkai
